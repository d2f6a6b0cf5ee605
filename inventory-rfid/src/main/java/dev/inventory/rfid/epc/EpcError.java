package dev.inventory.rfid.epc;

/**
 * Reasons an EPC could not be decoded, encoded or parsed. Each constant has a stable negative {@link #code()}
 * (0 is {@link #OK}) which the allocation-free APIs return instead of throwing.
 *
 * <p>Thread-safety: immutable, safe for concurrent use.
 */
public enum EpcError {
    OK(0, "ok"),
    UNKNOWN_HEADER(-1, "header is not a supported GS1 EPC binary encoding (raw / non-GS1 EPC)"),
    WRONG_LENGTH(-2, "bit length does not match the encoding length of the scheme named by the header"),
    BUFFER_TOO_SHORT(-3, "byte buffer is shorter than offset + bit length"),
    INVALID_PARTITION(-4, "partition value 7 is not defined in the partition table"),
    COMPANY_PREFIX_OUT_OF_RANGE(-5, "GS1 company prefix value has more digits than the partition allows"),
    REFERENCE_OUT_OF_RANGE(-6,
            "item / serial / location reference or asset type value has more digits than the partition allows"),
    VALUE_OUT_OF_RANGE(-7, "numeric value does not fit in its binary field"),
    NON_ZERO_RESERVED_BITS(-8, "reserved bits (SSCC-96 bits 23..0) are not zero"),
    INVALID_CHARACTER(-9, "character is not in the GS1 AI encodable character set 82"),
    NON_ZERO_PADDING(-10, "bits after the terminating zero character of a string field are not zero"),
    EMPTY_COMPONENT(-11, "serial, asset reference or URI component is empty"),
    STRING_TOO_LONG(-12, "alphanumeric serial or asset reference is longer than the scheme allows"),
    NON_NUMERIC_SERIAL(-13, "serial / extension / asset reference is not numeric but the scheme encodes an integer"),
    LEADING_ZERO(-14, "numeric value has a leading zero and cannot be encoded in an integer field"),
    NON_NUMERIC_COMPONENT(-15, "company prefix or reference component contains a non-digit"),
    INVALID_COMPANY_PREFIX_LENGTH(-16, "GS1 company prefix must have 6 to 12 digits"),
    WRONG_REFERENCE_LENGTH(-17, "reference digit count does not match the company prefix length"),
    FILTER_OUT_OF_RANGE(-18, "filter value must be a single digit 0..7"),
    INVALID_URI(-19, "not an EPC pure-identity (urn:epc:id:) or tag (urn:epc:tag:) URI"),
    UNKNOWN_URI_SCHEME(-20, "EPC URI scheme name is not supported"),
    WRONG_COMPONENT_COUNT(-21, "wrong number of dot-separated URI components for the scheme"),
    SCHEME_MISMATCH(-22, "requested binary scheme does not belong to the URI's EPC scheme"),
    INVALID_ESCAPE(-23, "malformed %-escape in URI component"),
    NOT_HEX(-24, "character is not a hexadecimal digit"),
    WRONG_HEX_LENGTH(-25, "hex string has the wrong number of characters");

    private static final EpcError[] BY_NEGATED_CODE;

    static {
        EpcError[] all = values();
        BY_NEGATED_CODE = new EpcError[all.length];
        for (EpcError e : all) {
            BY_NEGATED_CODE[-e.code] = e;
        }
    }

    private final int code;
    private final String reasonText;

    EpcError(int code, String reasonText) {
        this.code = code;
        this.reasonText = reasonText;
    }

    /** Stable numeric code: 0 for {@link #OK}, negative otherwise. */
    public int code() {
        return code;
    }

    /** Human readable reason. */
    public String reasonText() {
        return reasonText;
    }

    /** Error for a code returned by the codec; {@code null} for codes that are not defined. Allocation-free. */
    public static EpcError fromCode(int code) {
        return code <= 0 && -code < BY_NEGATED_CODE.length ? BY_NEGATED_CODE[-code] : null;
    }

    /** Reason text for a code, or {@code "unknown error code"} if it is not defined. Allocation-free. */
    public static String reasonText(int code) {
        EpcError e = fromCode(code);
        return e == null ? "unknown error code" : e.reasonText;
    }
}
