package dev.inventory.rfid.epc;

/**
 * Hex parsing / formatting of EPC binary encodings. The parse and validate methods are allocation-free; the
 * {@code toHex} methods allocate the result string, the {@code appendHex} methods only append.
 *
 * <p>Thread-safety: stateless, safe for concurrent use.
 */
public final class EpcHex {

    /** Hex characters in a 96-bit EPC. */
    public static final int HEX_CHARS_96 = 24;

    private EpcHex() {
    }

    /**
     * Checks that {@code hex} is exactly 24 hex digits (either case). Allocation-free.
     *
     * @return 0, {@link EpcError#WRONG_HEX_LENGTH} or {@link EpcError#NOT_HEX} code
     */
    public static int validate96(CharSequence hex) {
        if (hex == null || hex.length() != HEX_CHARS_96) {
            return EpcError.WRONG_HEX_LENGTH.code();
        }
        for (int i = 0; i < HEX_CHARS_96; i++) {
            if (EpcLayout.hexValue(hex.charAt(i)) < 0) {
                return EpcError.NOT_HEX.code();
            }
        }
        return EpcError.OK.code();
    }

    /**
     * Bits 95..32 of a 24-hex-digit EPC. Allocation-free for valid input; throws {@link EpcEncodingException}
     * otherwise (call {@link #validate96(CharSequence)} first on a hot path).
     */
    public static long parseHigh64(CharSequence hex) {
        requireValid96(hex);
        return high64Unchecked(hex);
    }

    /** Bits 31..0 of a 24-hex-digit EPC; same contract as {@link #parseHigh64(CharSequence)}. */
    public static int parseLow32(CharSequence hex) {
        requireValid96(hex);
        return low32Unchecked(hex);
    }

    /**
     * Parses an even-length hex string of any EPC length into {@code dst} (big-endian). Allocation-free.
     *
     * @return number of bits parsed (4 per hex digit), or a negative {@link EpcError} code
     *     ({@link EpcError#WRONG_HEX_LENGTH} for empty / odd length / too long for dst, {@link EpcError#NOT_HEX})
     */
    public static int parse(CharSequence hex, byte[] dst, int dstOffset) {
        if (hex == null || dst == null) {
            return EpcError.WRONG_HEX_LENGTH.code();
        }
        int len = hex.length();
        if (len == 0 || (len & 1) != 0 || dstOffset < 0 || len / 2 > dst.length - dstOffset) {
            return EpcError.WRONG_HEX_LENGTH.code();
        }
        for (int i = 0; i < len; i += 2) {
            int hi = EpcLayout.hexValue(hex.charAt(i));
            int lo = EpcLayout.hexValue(hex.charAt(i + 1));
            if ((hi | lo) < 0) {
                return EpcError.NOT_HEX.code();
            }
            dst[dstOffset + (i >>> 1)] = (byte) ((hi << 4) | lo);
        }
        return len * 4;
    }

    /** 24 upper-case hex digits for a 96-bit EPC. */
    public static String toHex(long epcHigh, int epcLow) {
        return appendHex(new StringBuilder(HEX_CHARS_96), epcHigh, epcLow).toString();
    }

    /** Appends 24 upper-case hex digits for a 96-bit EPC. */
    public static StringBuilder appendHex(StringBuilder sb, long epcHigh, int epcLow) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            sb.append(EpcLayout.hexDigit((int) (epcHigh >>> shift)));
        }
        for (int shift = 28; shift >= 0; shift -= 4) {
            sb.append(EpcLayout.hexDigit(epcLow >>> shift));
        }
        return sb;
    }

    /** Upper-case hex of the first ceil(bitLength / 8) bytes at {@code offset}. */
    public static String toHex(byte[] bytes, int offset, int bitLength) {
        int n = (bitLength + 7) >>> 3;
        StringBuilder sb = new StringBuilder(n * 2);
        appendHex(sb, bytes, offset, bitLength);
        return sb.toString();
    }

    /** Appends upper-case hex of the first ceil(bitLength / 8) bytes at {@code offset}. */
    public static StringBuilder appendHex(StringBuilder sb, byte[] bytes, int offset, int bitLength) {
        int n = (bitLength + 7) >>> 3;
        for (int i = 0; i < n; i++) {
            int b = bytes[offset + i] & 0xFF;
            sb.append(EpcLayout.hexDigit(b >>> 4)).append(EpcLayout.hexDigit(b));
        }
        return sb;
    }

    static long high64Unchecked(CharSequence hex) {
        long v = 0;
        for (int i = 0; i < 16; i++) {
            v = (v << 4) | EpcLayout.hexValue(hex.charAt(i));
        }
        return v;
    }

    static int low32Unchecked(CharSequence hex) {
        int v = 0;
        for (int i = 16; i < HEX_CHARS_96; i++) {
            v = (v << 4) | EpcLayout.hexValue(hex.charAt(i));
        }
        return v;
    }

    private static void requireValid96(CharSequence hex) {
        int r = validate96(hex);
        if (r != 0) {
            throw new EpcEncodingException(EpcError.fromCode(r), String.valueOf(hex));
        }
    }
}
