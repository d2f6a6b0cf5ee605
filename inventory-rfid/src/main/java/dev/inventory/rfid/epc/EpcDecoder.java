package dev.inventory.rfid.epc;

import static dev.inventory.rfid.epc.EpcLayout.COMPANY_PREFIX_BITS;
import static dev.inventory.rfid.epc.EpcLayout.COMPANY_PREFIX_POS_BITS;
import static dev.inventory.rfid.epc.EpcLayout.POW10;
import static dev.inventory.rfid.epc.EpcLayout.readBits;

/**
 * Reusable, allocation-free decoder of GS1 EPC binary encodings (TDS 2.x): SGTIN-96, SSCC-96, SGLN-96, GRAI-96,
 * GIAI-96, GID-96, SGTIN-198, GRAI-170 and GIAI-202.
 *
 * <p>Flyweight style: {@code decode(..)} returns 0 or a negative {@link EpcError} code and leaves the decoded fields
 * in this object, readable through primitive accessors until the next decode. Nothing is allocated by
 * {@code decode}, {@code decodeHex} or the accessors; only the {@code String}-returning render methods allocate.
 *
 * <p>Field mapping: {@link #companyPrefix()} is the GS1 company prefix (GID: manager number);
 * {@link #reference()} is the SGTIN indicator+item reference, SSCC extension+serial reference, SGLN location
 * reference, GRAI asset type, GIAI-96 individual asset reference (GID: object class); {@link #serial()} is the
 * integer serial (SGLN: extension). Alphanumeric serials (SGTIN-198, GRAI-170) and the GIAI-202 asset reference
 * are kept as characters ({@link #serialLength()}, {@link #serialChar(int)}).
 *
 * <p>Thread-safety: NOT thread-safe; use one instance per thread.
 */
public final class EpcDecoder {

    /** Returned by numeric accessors when the field does not exist for the decoded scheme. */
    public static final long NOT_APPLICABLE = -1L;

    private final long[] words = new long[EpcLayout.MAX_WORDS];
    private final char[] serialChars = new char[EpcLayout.MAX_CHARS];
    private final byte[] hexScratch = new byte[EpcLayout.MAX_WORDS * 8];

    private int result = EpcError.UNKNOWN_HEADER.code();
    private EpcScheme scheme;
    private int inputBitLength;
    private long rawHigh;
    private int rawLow;

    private int filter;
    private int partition;
    private long companyPrefix;
    private int companyPrefixDigits;
    private long reference;
    private int referenceDigits;
    private long serial;
    private int serialLength;

    /**
     * Decodes a 96-bit EPC given as bits 95..32 and 31..0. Allocation-free.
     *
     * @return 0 on success, otherwise a negative {@link EpcError} code ({@link #rawHigh()} / {@link #rawLow()}
     *     still hold the input, so unknown-header EPCs remain usable as raw identifiers)
     */
    public int decode(long epcHigh, int epcLow) {
        reset();
        words[0] = epcHigh;
        words[1] = ((long) epcLow) << 32;
        words[2] = 0L;
        words[3] = 0L;
        rawHigh = epcHigh;
        rawLow = epcLow;
        inputBitLength = 96;
        EpcScheme s = EpcScheme.fromHeader((int) (epcHigh >>> 56));
        if (s == null) {
            return fail(EpcError.UNKNOWN_HEADER);
        }
        if (s.bitLength() != 96) {
            return fail(EpcError.WRONG_LENGTH);
        }
        return decodeFields(s);
    }

    /**
     * Decodes an EPC of any supported length from {@code bytes} (big-endian, bit 0 of the EPC is the MSB of
     * {@code bytes[offset]}). {@code bitLength} must be the scheme's exact length or that length rounded up to a
     * 16-bit word (as in Gen2 EPC memory, e.g. 208 for SGTIN-198); padding bits are ignored. Allocation-free.
     *
     * @return 0 on success, otherwise a negative {@link EpcError} code
     */
    public int decode(byte[] bytes, int offset, int bitLength) {
        reset();
        words[0] = 0L;
        words[1] = 0L;
        words[2] = 0L;
        words[3] = 0L;
        rawHigh = 0L;
        rawLow = 0;
        inputBitLength = bitLength;
        if (bitLength < 8) {
            return fail(EpcError.WRONG_LENGTH);
        }
        int byteCount = (bitLength + 7) >>> 3;
        if (bytes == null || offset < 0 || offset > bytes.length - byteCount) {
            return fail(EpcError.BUFFER_TOO_SHORT);
        }
        int copy = Math.min(byteCount, EpcLayout.MAX_WORDS * 8);
        for (int i = 0; i < copy; i++) {
            words[i >>> 3] |= (bytes[offset + i] & 0xFFL) << (56 - ((i & 7) << 3));
        }
        rawHigh = words[0];
        rawLow = (int) (words[1] >>> 32);
        EpcScheme s = EpcScheme.fromHeader(bytes[offset] & 0xFF);
        if (s == null) {
            return fail(EpcError.UNKNOWN_HEADER);
        }
        if (bitLength != s.bitLength() && bitLength != s.wordAlignedBitLength()) {
            return fail(EpcError.WRONG_LENGTH);
        }
        return decodeFields(s);
    }

    /**
     * Decodes an EPC given as an even number of hex digits (24 for 96-bit; 44/52 for the longer schemes).
     * Allocation-free.
     *
     * @return 0 on success, otherwise a negative {@link EpcError} code (hex errors included)
     */
    public int decodeHex(CharSequence hex) {
        if (hex != null && hex.length() == EpcHex.HEX_CHARS_96) {
            int r = EpcHex.validate96(hex);
            if (r != 0) {
                reset();
                rawHigh = 0L;
                rawLow = 0;
                inputBitLength = 0;
                result = r;
                return r;
            }
            return decode(EpcHex.high64Unchecked(hex), EpcHex.low32Unchecked(hex));
        }
        int bits = EpcHex.parse(hex, hexScratch, 0);
        if (bits < 0) {
            reset();
            rawHigh = 0L;
            rawLow = 0;
            inputBitLength = 0;
            result = bits;
            return bits;
        }
        return decode(hexScratch, 0, bits);
    }

    // ------------------------------------------------------------------------------------------------ decoding

    private int decodeFields(EpcScheme s) {
        if (s == EpcScheme.GID_96) {
            companyPrefix = readBits(words, EpcLayout.GID_MANAGER_POS_BITS, EpcLayout.GID_MANAGER_BITS);
            companyPrefixDigits = EpcLayout.decimalDigits(companyPrefix);
            reference = readBits(words, EpcLayout.GID_CLASS_POS_BITS, EpcLayout.GID_CLASS_BITS);
            referenceDigits = EpcLayout.decimalDigits(reference);
            serial = readBits(words, EpcLayout.GID_SERIAL_POS_BITS, EpcLayout.GID_SERIAL_BITS);
            return succeed(s);
        }
        filter = (int) readBits(words, EpcLayout.FILTER_POS_BITS, 3);
        int p = (int) readBits(words, EpcLayout.PARTITION_POS_BITS, 3);
        partition = p;
        if (p == 7) {
            return fail(EpcError.INVALID_PARTITION);
        }
        int cpBits = COMPANY_PREFIX_BITS[p];
        int cpDigits = 12 - p;
        long cp = readBits(words, COMPANY_PREFIX_POS_BITS, cpBits);
        if (cp >= POW10[cpDigits]) {
            return fail(EpcError.COMPANY_PREFIX_OUT_OF_RANGE);
        }
        companyPrefix = cp;
        companyPrefixDigits = cpDigits;
        int refPos = COMPANY_PREFIX_POS_BITS + cpBits;
        int refBits = EpcLayout.companyPrefixAndReferenceBits(s) - cpBits;

        if (s == EpcScheme.GIAI_96) {
            reference = readBits(words, refPos, refBits);
            referenceDigits = EpcLayout.decimalDigits(reference);
            return succeed(s);
        }
        if (s == EpcScheme.GIAI_202) {
            int r = decodeString(refPos, refBits, EpcLayout.GIAI_MAX_CHARS - cpDigits);
            return r != 0 ? r : succeed(s);
        }

        int refDigits = EpcLayout.referenceDigits(s, p);
        long ref = readBits(words, refPos, refBits);
        if (ref >= POW10[refDigits]) {
            return fail(EpcError.REFERENCE_OUT_OF_RANGE);
        }
        reference = ref;
        referenceDigits = refDigits;

        int r = 0;
        switch (s) {
            case SGTIN_96:
            case GRAI_96:
                serial = readBits(words, EpcLayout.SERIAL_POS_BITS, EpcLayout.SERIAL96_BITS);
                break;
            case SGLN_96:
                serial = readBits(words, EpcLayout.SGLN_EXTENSION_POS_BITS, EpcLayout.SGLN_EXTENSION_BITS);
                break;
            case SSCC_96:
                if (readBits(words, EpcLayout.SSCC_RESERVED_POS_BITS, EpcLayout.SSCC_RESERVED_BITS) != 0L) {
                    return fail(EpcError.NON_ZERO_RESERVED_BITS);
                }
                break;
            case SGTIN_198:
                r = decodeString(EpcLayout.SERIAL_POS_BITS, EpcLayout.SGTIN198_SERIAL_BITS,
                        EpcLayout.SGTIN198_SERIAL_MAX_CHARS);
                break;
            case GRAI_170:
                r = decodeString(EpcLayout.SERIAL_POS_BITS, EpcLayout.GRAI170_SERIAL_BITS,
                        EpcLayout.GRAI170_SERIAL_MAX_CHARS);
                break;
            default:
                return fail(EpcError.UNKNOWN_HEADER);
        }
        return r != 0 ? r : succeed(s);
    }

    /** TDS "String" decoding: 7-bit characters up to the first zero character; the remainder must be zero. */
    private int decodeString(int posBits, int fieldBits, int maxChars) {
        int end = posBits + fieldBits;
        int p = posBits;
        int n = 0;
        while (p + 7 <= end) {
            int c = (int) readBits(words, p, 7);
            if (c == 0) {
                break;
            }
            if (!EpcLayout.isCharset82(c)) {
                return fail(EpcError.INVALID_CHARACTER);
            }
            if (n == maxChars) {
                return fail(EpcError.STRING_TOO_LONG);
            }
            serialChars[n++] = (char) c;
            p += 7;
        }
        while (p < end) {
            int len = Math.min(62, end - p);
            if (readBits(words, p, len) != 0L) {
                return fail(EpcError.NON_ZERO_PADDING);
            }
            p += len;
        }
        if (n == 0) {
            return fail(EpcError.EMPTY_COMPONENT);
        }
        serialLength = n;
        serial = canonicalNumber(serialChars, n);
        return 0;
    }

    /** Value of a digits-only string without leading zeros (at most 18 digits), else -1. */
    private static long canonicalNumber(char[] chars, int n) {
        if (n > 18 || (n > 1 && chars[0] == '0')) {
            return NOT_APPLICABLE;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (c < '0' || c > '9') {
                return NOT_APPLICABLE;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private void reset() {
        scheme = null;
        filter = -1;
        partition = -1;
        companyPrefix = NOT_APPLICABLE;
        companyPrefixDigits = 0;
        reference = NOT_APPLICABLE;
        referenceDigits = 0;
        serial = NOT_APPLICABLE;
        serialLength = 0;
    }

    private int fail(EpcError error) {
        scheme = null;
        result = error.code();
        return result;
    }

    private int succeed(EpcScheme s) {
        scheme = s;
        result = 0;
        return 0;
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /** Result of the last decode: 0 or a negative {@link EpcError} code. */
    public int lastResult() {
        return result;
    }

    /** True if the last decode succeeded. */
    public boolean isValid() {
        return result == 0;
    }

    /** Reason text for a code returned by {@code decode}. Allocation-free. */
    public static String reasonText(int code) {
        return EpcError.reasonText(code);
    }

    /** Decoded scheme, or {@code null} if the last decode failed. */
    public EpcScheme scheme() {
        return scheme;
    }

    /** Bits 95..32 of the last 96-bit-or-longer input (valid even when the header is unknown). */
    public long rawHigh() {
        return rawHigh;
    }

    /** Bits 31..0 of a 96-bit input (bits 31..0 of the first 96 bits for longer inputs). */
    public int rawLow() {
        return rawLow;
    }

    /** Bit length of the last input. */
    public int inputBitLength() {
        return inputBitLength;
    }

    /** Filter value 0..7, or -1 for GID-96 / failed decode. */
    public int filter() {
        return filter;
    }

    /** Partition value 0..6, or -1 for GID-96 / failed decode (7 is rejected as {@link EpcError#INVALID_PARTITION}). */
    public int partition() {
        return partition;
    }

    /** GS1 company prefix (GID-96: general manager number). */
    public long companyPrefix() {
        return companyPrefix;
    }

    /** Digit count of the company prefix per the partition table (GID-96: digits of the manager number). */
    public int companyPrefixDigits() {
        return companyPrefixDigits;
    }

    /** Scheme-specific reference field (see class Javadoc), -1 for GIAI-202 / failed decode. */
    public long reference() {
        return reference;
    }

    /** Digit count of {@link #reference()} as rendered in URIs (partition table count; may be 0 for SGLN/GRAI). */
    public int referenceDigits() {
        return referenceDigits;
    }

    /** SGTIN indicator digit + item reference, or -1 if not an SGTIN. */
    public long itemReference() {
        return scheme != null && scheme.isSgtin() ? reference : NOT_APPLICABLE;
    }

    /** Digit count of the SGTIN item reference (13 - company prefix digits), or 0. */
    public int itemReferenceDigits() {
        return scheme != null && scheme.isSgtin() ? referenceDigits : 0;
    }

    /** SSCC extension digit + serial reference, or -1 if not an SSCC. */
    public long serialReference() {
        return scheme == EpcScheme.SSCC_96 ? reference : NOT_APPLICABLE;
    }

    /** SGLN location reference, or -1 if not an SGLN. */
    public long locationReference() {
        return scheme == EpcScheme.SGLN_96 ? reference : NOT_APPLICABLE;
    }

    /** SGLN extension, or -1 if not an SGLN. */
    public long extension() {
        return scheme == EpcScheme.SGLN_96 ? serial : NOT_APPLICABLE;
    }

    /** GRAI asset type, or -1 if not a GRAI. */
    public long assetType() {
        return scheme == EpcScheme.GRAI_96 || scheme == EpcScheme.GRAI_170 ? reference : NOT_APPLICABLE;
    }

    /** GIAI-96 individual asset reference, or -1 (GIAI-202 asset references are in the serial characters). */
    public long individualAssetReference() {
        return scheme == EpcScheme.GIAI_96 ? reference : NOT_APPLICABLE;
    }

    /** GID-96 general manager number, or -1. */
    public long managerNumber() {
        return scheme == EpcScheme.GID_96 ? companyPrefix : NOT_APPLICABLE;
    }

    /** GID-96 object class, or -1. */
    public long objectClass() {
        return scheme == EpcScheme.GID_96 ? reference : NOT_APPLICABLE;
    }

    /**
     * Integer serial (SGTIN-96, GRAI-96, GID-96; SGLN-96 extension). For the alphanumeric schemes, the value of
     * the character serial when it is all digits without leading zero (max 18 digits), else -1.
     */
    public long serial() {
        return serial;
    }

    /** True if {@link #serial()} holds a value. */
    public boolean hasNumericSerial() {
        return serial >= 0;
    }

    /** Character count of the alphanumeric serial / GIAI-202 asset reference (0 for the integer schemes). */
    public int serialLength() {
        return serialLength;
    }

    /** Character {@code index} of the alphanumeric serial (unescaped). */
    public char serialChar(int index) {
        if (index < 0 || index >= serialLength) {
            throw new IndexOutOfBoundsException(index);
        }
        return serialChars[index];
    }

    /** Copies the alphanumeric serial into {@code dst} and returns its length. Allocation-free. */
    public int copySerialChars(char[] dst, int offset) {
        System.arraycopy(serialChars, 0, dst, offset, serialLength);
        return serialLength;
    }

    /** True if the alphanumeric serial equals {@code cs} (unescaped). Allocation-free. */
    public boolean serialContentEquals(CharSequence cs) {
        if (cs.length() != serialLength) {
            return false;
        }
        for (int i = 0; i < serialLength; i++) {
            if (cs.charAt(i) != serialChars[i]) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ rendering

    /** Appends the pure-identity URI, e.g. {@code urn:epc:id:sgtin:0614141.812345.6789}. */
    public StringBuilder appendPureIdentityUri(StringBuilder sb) {
        requireDecoded();
        sb.append("urn:epc:id:").append(scheme.pureIdentityName()).append(':');
        appendBody(sb);
        return sb;
    }

    /** Pure-identity URI of the last decoded EPC (allocates). */
    public String pureIdentityUri() {
        return appendPureIdentityUri(new StringBuilder(64)).toString();
    }

    /** Appends the tag URI, e.g. {@code urn:epc:tag:sgtin-96:3.0614141.812345.6789}. */
    public StringBuilder appendTagUri(StringBuilder sb) {
        requireDecoded();
        sb.append("urn:epc:tag:").append(scheme.tagUriName()).append(':');
        if (scheme.hasFilter()) {
            sb.append((char) ('0' + filter)).append('.');
        }
        appendBody(sb);
        return sb;
    }

    /** Tag URI of the last decoded EPC (allocates). */
    public String tagUri() {
        return appendTagUri(new StringBuilder(64)).toString();
    }

    /** Appends the alphanumeric serial unescaped (nothing for integer schemes). */
    public StringBuilder appendSerialChars(StringBuilder sb) {
        return sb.append(serialChars, 0, serialLength);
    }

    /** Appends the input as upper-case hex (24 digits for 96-bit input), also for unknown headers. */
    public StringBuilder appendRawHex(StringBuilder sb) {
        if (inputBitLength == 96) {
            return EpcHex.appendHex(sb, rawHigh, rawLow);
        }
        int bytes = Math.min((inputBitLength + 7) >>> 3, EpcLayout.MAX_WORDS * 8);
        for (int i = 0; i < bytes; i++) {
            int b = (int) (words[i >>> 3] >>> (56 - ((i & 7) << 3))) & 0xFF;
            sb.append(EpcLayout.hexDigit(b >>> 4)).append(EpcLayout.hexDigit(b));
        }
        return sb;
    }

    private void appendBody(StringBuilder sb) {
        if (scheme == EpcScheme.GID_96) {
            sb.append(companyPrefix).append('.').append(reference).append('.').append(serial);
            return;
        }
        EpcLayout.appendPadded(sb, companyPrefix, companyPrefixDigits);
        sb.append('.');
        switch (scheme) {
            case GIAI_96:
                sb.append(reference);
                return;
            case GIAI_202:
                EpcLayout.appendUriEscaped(sb, serialChars, serialLength);
                return;
            case SSCC_96:
                EpcLayout.appendPadded(sb, reference, referenceDigits);
                return;
            default:
                EpcLayout.appendPadded(sb, reference, referenceDigits);
                sb.append('.');
                if (scheme.hasAlphanumericSerial()) {
                    EpcLayout.appendUriEscaped(sb, serialChars, serialLength);
                } else {
                    sb.append(serial);
                }
        }
    }

    private void requireDecoded() {
        if (scheme == null) {
            throw new IllegalStateException("no successfully decoded EPC: " + EpcError.reasonText(result));
        }
    }
}
