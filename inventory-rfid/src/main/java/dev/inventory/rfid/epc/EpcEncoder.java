package dev.inventory.rfid.epc;

import static dev.inventory.rfid.epc.EpcLayout.COMPANY_PREFIX_BITS;
import static dev.inventory.rfid.epc.EpcLayout.COMPANY_PREFIX_POS_BITS;
import static dev.inventory.rfid.epc.EpcLayout.writeBits;

/**
 * Encodes EPC pure-identity URIs ({@code urn:epc:id:...}) and tag URIs ({@code urn:epc:tag:...}) into the GS1 EPC
 * binary encoding (TDS 2.x). Not on the hot path: parsing allocates and invalid input throws
 * {@link EpcEncodingException} (an {@link IllegalArgumentException}) carrying the precise {@link EpcError}.
 *
 * <p>Reusable: each {@code encode..} call replaces the result, read back with {@link #epcHigh()} /
 * {@link #epcLow()} (96-bit schemes), {@link #copyBytes(byte[], int)} or {@link #toHex()}.
 *
 * <p>Thread-safety: NOT thread-safe; use one instance per thread (the static helpers are thread-safe).
 */
public final class EpcEncoder {

    private static final String ID_PREFIX = "urn:epc:id:";
    private static final String TAG_PREFIX = "urn:epc:tag:";

    private final long[] words = new long[EpcLayout.MAX_WORDS];
    private final char[] chars = new char[EpcLayout.GIAI_MAX_CHARS + 1];
    private EpcScheme scheme;

    /** Encodes a tag URI such as {@code urn:epc:tag:sgtin-96:3.0614141.812345.6789}; returns this. */
    public EpcEncoder encodeTagUri(CharSequence tagUri) {
        String uri = requireUri(tagUri);
        if (!uri.startsWith(TAG_PREFIX)) {
            throw error(EpcError.INVALID_URI, uri);
        }
        int colon = uri.indexOf(':', TAG_PREFIX.length());
        if (colon < 0) {
            throw error(EpcError.INVALID_URI, uri);
        }
        EpcScheme s = EpcScheme.fromTagUriName(uri.substring(TAG_PREFIX.length(), colon));
        if (s == null) {
            throw error(EpcError.UNKNOWN_URI_SCHEME, uri.substring(TAG_PREFIX.length(), colon));
        }
        String body = uri.substring(colon + 1);
        int filter = 0;
        if (s.hasFilter()) {
            int dot = body.indexOf('.');
            if (dot < 0) {
                throw error(EpcError.WRONG_COMPONENT_COUNT, uri);
            }
            if (dot != 1 || body.charAt(0) < '0' || body.charAt(0) > '7') {
                throw error(EpcError.FILTER_OUT_OF_RANGE, body.substring(0, dot));
            }
            filter = body.charAt(0) - '0';
            body = body.substring(dot + 1);
        }
        encodeBody(s, filter, body, uri);
        return this;
    }

    /** Encodes a pure-identity URI with filter 0 into the 96-bit scheme of its EPC scheme; returns this. */
    public EpcEncoder encodePureIdentityUri(CharSequence pureIdentityUri) {
        return encodePureIdentityUri(pureIdentityUri, null, 0);
    }

    /**
     * Encodes a pure-identity URI such as {@code urn:epc:id:sgtin:0614141.812345.6789}.
     *
     * @param scheme binary scheme, or {@code null} for the 96-bit scheme of the URI's EPC scheme
     * @param filter filter value 0..7 (ignored for GID-96)
     */
    public EpcEncoder encodePureIdentityUri(CharSequence pureIdentityUri, EpcScheme scheme, int filter) {
        String uri = requireUri(pureIdentityUri);
        if (!uri.startsWith(ID_PREFIX)) {
            throw error(EpcError.INVALID_URI, uri);
        }
        int colon = uri.indexOf(':', ID_PREFIX.length());
        if (colon < 0) {
            throw error(EpcError.INVALID_URI, uri);
        }
        String name = uri.substring(ID_PREFIX.length(), colon);
        EpcScheme family = EpcScheme.default96ForPureIdentityName(name);
        if (family == null) {
            throw error(EpcError.UNKNOWN_URI_SCHEME, name);
        }
        EpcScheme s = scheme == null ? family : scheme;
        if (!s.pureIdentityName().equals(name)) {
            throw error(EpcError.SCHEME_MISMATCH, s + " for " + name);
        }
        if (filter < 0 || filter > 7) {
            throw error(EpcError.FILTER_OUT_OF_RANGE, Integer.toString(filter));
        }
        encodeBody(s, filter, uri.substring(colon + 1), uri);
        return this;
    }

    /** Encodes either URI form (tag URI or pure identity with defaults); returns this. */
    public EpcEncoder encodeUri(CharSequence uri) {
        String u = requireUri(uri);
        return u.startsWith(TAG_PREFIX) ? encodeTagUri(u) : encodePureIdentityUri(u);
    }

    // ------------------------------------------------------------------------------------------------ results

    /** Scheme of the last encoding. */
    public EpcScheme scheme() {
        requireEncoded();
        return scheme;
    }

    /** Exact bit length of the last encoding. */
    public int bitLength() {
        requireEncoded();
        return scheme.bitLength();
    }

    /** Bits 95..32 of the encoding (the complete high part for a 96-bit scheme). */
    public long epcHigh() {
        requireEncoded();
        return words[0];
    }

    /** Bits 31..0 of the first 96 bits of the encoding. */
    public int epcLow() {
        requireEncoded();
        return (int) (words[1] >>> 32);
    }

    /**
     * Writes the encoding, zero-padded to a 16-bit word boundary, big-endian into {@code dst}.
     *
     * @return the exact bit length of the encoding
     */
    public int copyBytes(byte[] dst, int offset) {
        requireEncoded();
        int n = scheme.wordAlignedBitLength() >>> 3;
        for (int i = 0; i < n; i++) {
            dst[offset + i] = (byte) (words[i >>> 3] >>> (56 - ((i & 7) << 3)));
        }
        return scheme.bitLength();
    }

    /** Upper-case hex of the encoding padded to a 16-bit word boundary (24 digits for 96-bit schemes). */
    public String toHex() {
        requireEncoded();
        byte[] bytes = new byte[scheme.wordAlignedBitLength() >>> 3];
        copyBytes(bytes, 0);
        return EpcHex.toHex(bytes, 0, scheme.wordAlignedBitLength());
    }

    /** Hex of a tag URI. */
    public static String tagUriToHex(String tagUri) {
        return new EpcEncoder().encodeTagUri(tagUri).toHex();
    }

    /** Hex of a pure-identity URI encoded in its 96-bit scheme with filter 0. */
    public static String pureIdentityUriToHex(String pureIdentityUri) {
        return new EpcEncoder().encodePureIdentityUri(pureIdentityUri).toHex();
    }

    /** Hex of a pure-identity URI encoded with the given scheme and filter. */
    public static String pureIdentityUriToHex(String pureIdentityUri, EpcScheme scheme, int filter) {
        return new EpcEncoder().encodePureIdentityUri(pureIdentityUri, scheme, filter).toHex();
    }

    // ------------------------------------------------------------------------------------------------ encoding

    private void encodeBody(EpcScheme s, int filter, String body, String uri) {
        scheme = null;
        for (int i = 0; i < words.length; i++) {
            words[i] = 0L;
        }
        writeBits(words, 0, 8, s.header());
        if (s == EpcScheme.GID_96) {
            encodeGid(body, uri);
            scheme = s;
            return;
        }
        int firstDot = body.indexOf('.');
        if (firstDot < 0) {
            throw error(EpcError.WRONG_COMPONENT_COUNT, uri);
        }
        String cpText = body.substring(0, firstDot);
        requireDigits(cpText, "company prefix");
        if (cpText.length() < 6 || cpText.length() > 12) {
            throw error(EpcError.INVALID_COMPANY_PREFIX_LENGTH, cpText);
        }
        int partition = 12 - cpText.length();
        int cpBits = COMPANY_PREFIX_BITS[partition];
        writeBits(words, EpcLayout.FILTER_POS_BITS, 3, filter);
        writeBits(words, EpcLayout.PARTITION_POS_BITS, 3, partition);
        writeBits(words, COMPANY_PREFIX_POS_BITS, cpBits, Long.parseLong(cpText));
        int refPos = COMPANY_PREFIX_POS_BITS + cpBits;
        int refBits = EpcLayout.companyPrefixAndReferenceBits(s) - cpBits;
        String rest = body.substring(firstDot + 1);

        if (s == EpcScheme.GIAI_96) {
            writeBits(words, refPos, refBits,
                    parseInteger(rest, refBits, EpcError.NON_NUMERIC_SERIAL, "asset reference"));
            scheme = s;
            return;
        }
        if (s == EpcScheme.GIAI_202) {
            writeString(rest, refPos, EpcLayout.GIAI_MAX_CHARS - cpText.length());
            scheme = s;
            return;
        }

        String refText;
        String serialText = null;
        int secondDot = rest.indexOf('.');
        if (s == EpcScheme.SSCC_96) {
            if (secondDot >= 0) {
                throw error(EpcError.WRONG_COMPONENT_COUNT, uri);
            }
            refText = rest;
        } else {
            if (secondDot < 0) {
                throw error(EpcError.WRONG_COMPONENT_COUNT, uri);
            }
            refText = rest.substring(0, secondDot);
            serialText = rest.substring(secondDot + 1);
        }
        int refDigits = EpcLayout.referenceDigits(s, partition);
        if (!refText.isEmpty()) {
            requireDigits(refText, "reference");
        }
        if (refText.length() != refDigits) {
            throw error(EpcError.WRONG_REFERENCE_LENGTH,
                    "expected " + refDigits + " digits for a " + cpText.length() + "-digit company prefix: " + refText);
        }
        if (refDigits > 0) {
            writeBits(words, refPos, refBits, Long.parseLong(refText));
        }

        switch (s) {
            case SGTIN_96:
            case GRAI_96:
                writeBits(words, EpcLayout.SERIAL_POS_BITS, EpcLayout.SERIAL96_BITS,
                        parseInteger(serialText, EpcLayout.SERIAL96_BITS, EpcError.NON_NUMERIC_SERIAL, "serial"));
                break;
            case SGLN_96:
                writeBits(words, EpcLayout.SGLN_EXTENSION_POS_BITS, EpcLayout.SGLN_EXTENSION_BITS,
                        parseInteger(serialText, EpcLayout.SGLN_EXTENSION_BITS, EpcError.NON_NUMERIC_SERIAL,
                                "extension"));
                break;
            case SGTIN_198:
                writeString(serialText, EpcLayout.SERIAL_POS_BITS, EpcLayout.SGTIN198_SERIAL_MAX_CHARS);
                break;
            case GRAI_170:
                writeString(serialText, EpcLayout.SERIAL_POS_BITS, EpcLayout.GRAI170_SERIAL_MAX_CHARS);
                break;
            default:
                break; // SSCC-96: 24 reserved bits stay zero
        }
        scheme = s;
    }

    private void encodeGid(String body, String uri) {
        int d1 = body.indexOf('.');
        int d2 = d1 < 0 ? -1 : body.indexOf('.', d1 + 1);
        if (d2 < 0 || body.indexOf('.', d2 + 1) >= 0) {
            throw error(EpcError.WRONG_COMPONENT_COUNT, uri);
        }
        long manager = parseInteger(body.substring(0, d1), EpcLayout.GID_MANAGER_BITS,
                EpcError.NON_NUMERIC_COMPONENT, "general manager number");
        long objectClass = parseInteger(body.substring(d1 + 1, d2), EpcLayout.GID_CLASS_BITS,
                EpcError.NON_NUMERIC_COMPONENT, "object class");
        long serial = parseInteger(body.substring(d2 + 1), EpcLayout.GID_SERIAL_BITS,
                EpcError.NON_NUMERIC_SERIAL, "serial");
        writeBits(words, EpcLayout.GID_MANAGER_POS_BITS, EpcLayout.GID_MANAGER_BITS, manager);
        writeBits(words, EpcLayout.GID_CLASS_POS_BITS, EpcLayout.GID_CLASS_BITS, objectClass);
        writeBits(words, EpcLayout.GID_SERIAL_POS_BITS, EpcLayout.GID_SERIAL_BITS, serial);
    }

    /** TDS integer component: digits only, no leading zero (except "0"), value below 2^bits. */
    private static long parseInteger(String text, int bits, EpcError nonNumeric, String what) {
        if (text.isEmpty()) {
            throw error(EpcError.EMPTY_COMPONENT, what);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw error(nonNumeric, what + " '" + text + "'");
            }
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw error(EpcError.LEADING_ZERO, what + " '" + text + "'");
        }
        // at most 19 digits fit a long; every field is narrower than 63 bits so 19+ digits can only overflow
        long v = text.length() > 19 ? -1L : parseUnsignedOrMinusOne(text);
        if (v < 0 || v >= (1L << bits)) {
            throw error(EpcError.VALUE_OUT_OF_RANGE, what + " '" + text + "' exceeds " + bits + " bits");
        }
        return v;
    }

    private static long parseUnsignedOrMinusOne(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException overflow) {
            return -1L;
        }
    }

    private static void requireDigits(String text, String what) {
        if (text.isEmpty()) {
            throw error(EpcError.EMPTY_COMPONENT, what);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw error(EpcError.NON_NUMERIC_COMPONENT, what + " '" + text + "'");
            }
        }
    }

    /** Un-escapes a GS3A3 URI component and writes it as 7-bit characters (the rest of the field stays zero). */
    private void writeString(String text, int posBits, int maxChars) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 1 < text.length() ? EpcLayout.hexValue(text.charAt(i + 1)) : -1;
                int lo = i + 2 < text.length() ? EpcLayout.hexValue(text.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    throw error(EpcError.INVALID_ESCAPE, text);
                }
                c = (char) ((hi << 4) | lo);
                i += 2;
                if (!EpcLayout.isCharset82(c)) {
                    throw error(EpcError.INVALID_CHARACTER, "escaped 0x" + Integer.toHexString(c) + " in " + text);
                }
            } else if (!EpcLayout.isCharset82(c)) {
                throw error(EpcError.INVALID_CHARACTER, "'" + c + "' in " + text);
            } else if (EpcLayout.mustEscapeInUri(c)) {
                throw error(EpcError.INVALID_CHARACTER, "'" + c + "' must be %-escaped in " + text);
            }
            if (n == maxChars) {
                throw error(EpcError.STRING_TOO_LONG, "max " + maxChars + " characters: " + text);
            }
            chars[n++] = c;
        }
        if (n == 0) {
            throw error(EpcError.EMPTY_COMPONENT, "serial / asset reference");
        }
        for (int i = 0; i < n; i++) {
            writeBits(words, posBits + 7 * i, 7, chars[i]);
        }
    }

    private void requireEncoded() {
        if (scheme == null) {
            throw new IllegalStateException("nothing successfully encoded");
        }
    }

    private String requireUri(CharSequence uri) {
        if (uri == null) {
            throw error(EpcError.INVALID_URI, "null");
        }
        scheme = null;
        return uri.toString();
    }

    private static EpcEncodingException error(EpcError e, String detail) {
        return new EpcEncodingException(e, detail);
    }
}
