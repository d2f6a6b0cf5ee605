package dev.inventory.rfid.epc;

/**
 * GS1 EPC binary encoding schemes supported by this codec (EPC Tag Data Standard 2.x, section 14).
 *
 * <p>Thread-safety: immutable, safe for concurrent use.
 */
public enum EpcScheme {
    /** Serialised GTIN, 38-bit integer serial. */
    SGTIN_96(0x30, 96, "sgtin", "sgtin-96"),
    /** Serial Shipping Container Code. */
    SSCC_96(0x31, 96, "sscc", "sscc-96"),
    /** Global Location Number with 41-bit integer extension. */
    SGLN_96(0x32, 96, "sgln", "sgln-96"),
    /** Global Returnable Asset Identifier, 38-bit integer serial. */
    GRAI_96(0x33, 96, "grai", "grai-96"),
    /** Global Individual Asset Identifier, integer asset reference. */
    GIAI_96(0x34, 96, "giai", "giai-96"),
    /** General Identifier (manager / object class / serial, no filter or partition). */
    GID_96(0x35, 96, "gid", "gid-96"),
    /** Serialised GTIN, 20-character 7-bit alphanumeric serial. */
    SGTIN_198(0x36, 198, "sgtin", "sgtin-198"),
    /** Global Returnable Asset Identifier, 16-character 7-bit alphanumeric serial. */
    GRAI_170(0x37, 170, "grai", "grai-170"),
    /** Global Individual Asset Identifier, 7-bit alphanumeric asset reference. */
    GIAI_202(0x38, 202, "giai", "giai-202");

    private static final EpcScheme[] BY_HEADER = new EpcScheme[256];

    static {
        for (EpcScheme s : values()) {
            BY_HEADER[s.header] = s;
        }
    }

    private final int header;
    private final int bitLength;
    private final String pureIdentityName;
    private final String tagUriName;

    EpcScheme(int header, int bitLength, String pureIdentityName, String tagUriName) {
        this.header = header;
        this.bitLength = bitLength;
        this.pureIdentityName = pureIdentityName;
        this.tagUriName = tagUriName;
    }

    /** The 8-bit binary header value (e.g. {@code 0x30} for SGTIN-96). */
    public int header() {
        return header;
    }

    /** Exact encoded length in bits (96, 170, 198 or 202). */
    public int bitLength() {
        return bitLength;
    }

    /**
     * Length in bits as stored in Gen2 EPC memory: {@link #bitLength()} rounded up to a whole 16-bit word
     * (96, 176, 208, 208). This is also the length of the hex strings produced by {@link EpcEncoder}.
     */
    public int wordAlignedBitLength() {
        return (bitLength + 15) & ~15;
    }

    /** Pure-identity URI scheme name, e.g. {@code "sgtin"} in {@code urn:epc:id:sgtin:...}. */
    public String pureIdentityName() {
        return pureIdentityName;
    }

    /** Tag URI scheme name, e.g. {@code "sgtin-96"} in {@code urn:epc:tag:sgtin-96:...}. */
    public String tagUriName() {
        return tagUriName;
    }

    /** True for the schemes whose serial / asset reference is a 7-bit character string. */
    public boolean hasAlphanumericSerial() {
        return this == SGTIN_198 || this == GRAI_170 || this == GIAI_202;
    }

    /** True for every scheme except GID-96 (which has neither filter nor partition). */
    public boolean hasFilter() {
        return this != GID_96;
    }

    /** True for SGTIN-96 and SGTIN-198. */
    public boolean isSgtin() {
        return this == SGTIN_96 || this == SGTIN_198;
    }

    /** Scheme for an 8-bit header, or {@code null} if the header is not one of the supported GS1 schemes. */
    public static EpcScheme fromHeader(int header) {
        return (header & ~0xFF) == 0 ? BY_HEADER[header] : null;
    }

    /** Scheme for a tag-URI name such as {@code "sgtin-96"}, or {@code null}. Not allocation-free. */
    public static EpcScheme fromTagUriName(CharSequence name) {
        for (EpcScheme s : values()) {
            if (s.tagUriName.contentEquals(name)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The 96-bit scheme for a pure-identity name ({@code "sgtin"} gives SGTIN_96), or {@code null}.
     * Not allocation-free.
     */
    public static EpcScheme default96ForPureIdentityName(CharSequence name) {
        for (EpcScheme s : values()) {
            if (s.bitLength == 96 && s.pureIdentityName.contentEquals(name)) {
                return s;
            }
        }
        return null;
    }
}
