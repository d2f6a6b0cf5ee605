package dev.inventory.rfid.epc;

/**
 * Package-private constants of the EPC Tag Data Standard binary layouts (partition tables, field positions,
 * the GS1 AI character set 82) and small allocation-free helpers shared by decoder and encoder.
 *
 * <p>Thread-safety: stateless / immutable tables, safe for concurrent use.
 */
final class EpcLayout {

    /** Bit position of the filter field (after the 8-bit header). */
    static final int FILTER_POS_BITS = 8;
    /** Bit position of the partition field. */
    static final int PARTITION_POS_BITS = 11;
    /** Bit position of the GS1 company prefix. */
    static final int COMPANY_PREFIX_POS_BITS = 14;

    /** Company prefix bit widths per partition 0..6 (identical for every partition-table scheme). */
    static final int[] COMPANY_PREFIX_BITS = {40, 37, 34, 30, 27, 24, 20};

    /** Combined company-prefix + reference widths in bits. */
    static final int SGTIN_CP_REF_BITS = 44;
    static final int SSCC_CP_REF_BITS = 58;
    static final int SGLN_CP_REF_BITS = 41;
    static final int GRAI_CP_REF_BITS = 44;
    static final int GIAI96_CP_REF_BITS = 82;
    static final int GIAI202_CP_REF_BITS = 188;

    /** Combined company-prefix + reference digit counts (reference digits = this - company prefix digits). */
    static final int SGTIN_CP_REF_DIGITS = 13;
    static final int SSCC_CP_REF_DIGITS = 17;
    static final int SGLN_CP_REF_DIGITS = 12;
    static final int GRAI_CP_REF_DIGITS = 12;
    /** GIAI: company prefix + asset reference at most 30 characters. */
    static final int GIAI_MAX_CHARS = 30;

    static final int SERIAL_POS_BITS = 58;
    static final int SERIAL96_BITS = 38;
    static final int SGLN_EXTENSION_POS_BITS = 55;
    static final int SGLN_EXTENSION_BITS = 41;
    static final int SSCC_RESERVED_POS_BITS = 72;
    static final int SSCC_RESERVED_BITS = 24;
    static final int SGTIN198_SERIAL_BITS = 140;
    static final int SGTIN198_SERIAL_MAX_CHARS = 20;
    static final int GRAI170_SERIAL_BITS = 112;
    static final int GRAI170_SERIAL_MAX_CHARS = 16;

    static final int GID_MANAGER_POS_BITS = 8;
    static final int GID_MANAGER_BITS = 28;
    static final int GID_CLASS_POS_BITS = 36;
    static final int GID_CLASS_BITS = 24;
    static final int GID_SERIAL_POS_BITS = 60;
    static final int GID_SERIAL_BITS = 36;

    /** Longest EPC handled, in 64-bit words (256 bits covers 202 rounded to 208). */
    static final int MAX_WORDS = 4;
    static final int MAX_BITS = MAX_WORDS * 64;
    /** Longest alphanumeric component (GIAI-202 with partition 6). */
    static final int MAX_CHARS = 24;

    static final long[] POW10 = new long[19];

    /** {@code true} at index c if 7-bit character c belongs to the GS1 AI encodable character set 82. */
    private static final boolean[] CHARSET_82 = new boolean[128];
    /** {@code true} at index c if the character must be %-escaped in an EPC URI. */
    private static final boolean[] URI_ESCAPED = new boolean[128];

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        String set82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < set82.length(); i++) {
            CHARSET_82[set82.charAt(i)] = true;
        }
        String escaped = "\"%&/<>?";
        for (int i = 0; i < escaped.length(); i++) {
            URI_ESCAPED[escaped.charAt(i)] = true;
        }
    }

    private EpcLayout() {
    }

    static boolean isCharset82(int c) {
        return c >= 0 && c < 128 && CHARSET_82[c];
    }

    static boolean mustEscapeInUri(char c) {
        return c < 128 && URI_ESCAPED[c];
    }

    /** Reference digit count for a partition-table scheme, or -1 for GIAI (numeric GIAI-96 has no fixed count). */
    static int referenceDigits(EpcScheme scheme, int partition) {
        int cpDigits = 12 - partition;
        switch (scheme) {
            case SGTIN_96:
            case SGTIN_198:
                return SGTIN_CP_REF_DIGITS - cpDigits;
            case SSCC_96:
                return SSCC_CP_REF_DIGITS - cpDigits;
            case SGLN_96:
                return SGLN_CP_REF_DIGITS - cpDigits;
            case GRAI_96:
            case GRAI_170:
                return GRAI_CP_REF_DIGITS - cpDigits;
            default:
                return -1;
        }
    }

    /** Company prefix + reference width in bits for a partition-table scheme. */
    static int companyPrefixAndReferenceBits(EpcScheme scheme) {
        switch (scheme) {
            case SGTIN_96:
            case SGTIN_198:
                return SGTIN_CP_REF_BITS;
            case SSCC_96:
                return SSCC_CP_REF_BITS;
            case SGLN_96:
                return SGLN_CP_REF_BITS;
            case GRAI_96:
            case GRAI_170:
                return GRAI_CP_REF_BITS;
            case GIAI_96:
                return GIAI96_CP_REF_BITS;
            case GIAI_202:
                return GIAI202_CP_REF_BITS;
            default:
                return 0;
        }
    }

    /** Number of decimal digits of a non-negative value (1 for 0). */
    static int decimalDigits(long value) {
        int d = 1;
        while (d < 19 && value >= POW10[d]) {
            d++;
        }
        return d;
    }

    /** Reads {@code lengthBits} (0..64) bits starting at bit {@code posBits} (0 = MSB of words[0]). */
    static long readBits(long[] words, int posBits, int lengthBits) {
        if (lengthBits == 0) {
            return 0L;
        }
        int w = posBits >>> 6;
        int o = posBits & 63;
        long v = words[w] << o;
        if (o + lengthBits > 64) {
            v |= words[w + 1] >>> (64 - o);
        }
        return v >>> (64 - lengthBits);
    }

    /** ORs {@code value} (must fit in lengthBits, 1..64) into the bit field at {@code posBits}. */
    static void writeBits(long[] words, int posBits, int lengthBits, long value) {
        int w = posBits >>> 6;
        int o = posBits & 63;
        int end = o + lengthBits;
        if (end <= 64) {
            words[w] |= end == 64 ? value : value << (64 - end);
        } else {
            int spill = end - 64;
            words[w] |= value >>> spill;
            words[w + 1] |= value << (64 - spill);
        }
    }

    /** Appends {@code value} left-padded with zeros to {@code digits} characters (no padding if digits <= 0). */
    static void appendPadded(StringBuilder sb, long value, int digits) {
        for (int d = decimalDigits(value); d < digits; d++) {
            sb.append('0');
        }
        if (digits != 0 || value != 0) {
            sb.append(value);
        }
    }

    /** Appends characters, %-escaping those TDS requires to be escaped in URIs. */
    static void appendUriEscaped(StringBuilder sb, char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (mustEscapeInUri(c)) {
                sb.append('%').append(HEX_UPPER[c >>> 4]).append(HEX_UPPER[c & 0xF]);
            } else {
                sb.append(c);
            }
        }
    }

    static char hexDigit(int nibble) {
        return HEX_UPPER[nibble & 0xF];
    }

    /** Value of a hex character or -1. */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
