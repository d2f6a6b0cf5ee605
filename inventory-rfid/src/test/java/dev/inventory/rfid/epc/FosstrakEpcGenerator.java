package dev.inventory.rfid.epc;

import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Builds GS1 EPC binary encodings bit by bit from field values, with its own copy of the TDS partition tables
 * (deliberately not {@code EpcLayout}), and the URIs those fields must render to. Independent of our codec, so a
 * cross-check against Fosstrak TDT is a three-way check: generator, {@link EpcDecoder}, TDT.
 *
 * <p>Thread-safety: NOT thread-safe (holds a random generator).
 */
final class FosstrakEpcGenerator {

    /** The schemes generated, by TDS name. */
    enum Kind {
        SGTIN_96("sgtin", "sgtin-96", 0x30, 96, new int[] {4, 7, 10, 14, 17, 20, 24}),
        SSCC_96("sscc", "sscc-96", 0x31, 96, new int[] {18, 21, 24, 28, 31, 34, 38}),
        SGLN_96("sgln", "sgln-96", 0x32, 96, new int[] {1, 4, 7, 11, 14, 17, 21}),
        GRAI_96("grai", "grai-96", 0x33, 96, new int[] {4, 7, 10, 14, 17, 20, 24}),
        GIAI_96("giai", "giai-96", 0x34, 96, new int[] {42, 45, 48, 52, 55, 58, 62}),
        GID_96("gid", "gid-96", 0x35, 96, new int[0]),
        SGTIN_198("sgtin", "sgtin-198", 0x36, 198, new int[] {4, 7, 10, 14, 17, 20, 24}),
        GRAI_170("grai", "grai-170", 0x37, 170, new int[] {4, 7, 10, 14, 17, 20, 24}),
        GIAI_202("giai", "giai-202", 0x38, 202, new int[] {148, 151, 154, 158, 161, 164, 168});

        final String pureName;
        final String tagName;
        final int header;
        final int bits;
        /** Reference (or asset reference) bit width per partition. */
        final int[] referenceBits;

        Kind(String pureName, String tagName, int header, int bits, int[] referenceBits) {
            this.pureName = pureName;
            this.tagName = tagName;
            this.header = header;
            this.bits = bits;
            this.referenceBits = referenceBits;
        }

        /** Reference digit count for partition p (TDS tables 14-2 .. 14-5); -1 where the digit count is free. */
        int referenceDigits(int p) {
            int cpDigits = 12 - p;
            switch (this) {
                case SGTIN_96:
                case SGTIN_198:
                    return 13 - cpDigits;
                case SSCC_96:
                    return 17 - cpDigits;
                case SGLN_96:
                case GRAI_96:
                case GRAI_170:
                    return 12 - cpDigits;
                default:
                    return -1;
            }
        }

        /** Max characters of the alphanumeric field for partition p; 0 for integer schemes. */
        int maxChars(int p) {
            switch (this) {
                case SGTIN_198:
                    return 20;
                case GRAI_170:
                    return 16;
                case GIAI_202:
                    return 30 - (12 - p);
                default:
                    return 0;
            }
        }

        /** Bits of the serial / extension / alphanumeric field after company prefix and reference. */
        int tailBits() {
            switch (this) {
                case SGTIN_96:
                case GRAI_96:
                    return 38;
                case SGLN_96:
                    return 41;
                case SSCC_96:
                    return 24;
                case SGTIN_198:
                    return 140;
                case GRAI_170:
                    return 112;
                default:
                    return 0;
            }
        }

        boolean alphanumeric() {
            return this == SGTIN_198 || this == GRAI_170 || this == GIAI_202;
        }
    }

    static final int[] COMPANY_PREFIX_BITS = {40, 37, 34, 30, 27, 24, 20};

    /** GS1 AI encodable character set 82. */
    static final String CHARSET_82 =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    /** One generated EPC: exact-length bits, word-aligned hex, and the URIs its fields render to. */
    static final class Case {
        final Kind kind;
        final String description;
        final String bits;
        final String hex;
        final String tagUri;
        final String pureIdentityUri;

        Case(Kind kind, String description, String bits, String tagUri, String pureIdentityUri) {
            this.kind = kind;
            this.description = description;
            this.bits = bits;
            this.hex = toWordAlignedHex(bits);
            this.tagUri = tagUri;
            this.pureIdentityUri = pureIdentityUri;
        }

        @Override
        public String toString() {
            return kind + " " + description + " hex=" + hex;
        }
    }

    private final SplittableRandom random;

    FosstrakEpcGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    // ------------------------------------------------------------------------------------------------ valid EPCs

    /**
     * A valid EPC of {@code kind} with partition {@code p} (ignored for GID-96); {@code edge} 0 = random values,
     * 1 = all fields at their minimum, 2 = all fields at their maximum.
     */
    Case valid(Kind kind, int p, int edge) {
        if (kind == Kind.GID_96) {
            long manager = pick(0, (1L << 28) - 1, edge);
            long objectClass = pick(0, (1L << 24) - 1, edge);
            long serial = pick(0, (1L << 36) - 1, edge);
            StringBuilder b = new StringBuilder(96);
            bits(b, kind.header, 8);
            bits(b, manager, 28);
            bits(b, objectClass, 24);
            bits(b, serial, 36);
            String body = manager + "." + objectClass + "." + serial;
            return new Case(kind, "edge " + edge, b.toString(), "urn:epc:tag:gid-96:" + body, "urn:epc:id:gid:" + body);
        }
        int filter = edge == 1 ? 0 : edge == 2 ? 7 : random.nextInt(8);
        int cpDigits = 12 - p;
        long cp = pick(0, pow10(cpDigits) - 1, edge);
        StringBuilder b = new StringBuilder(kind.bits);
        bits(b, kind.header, 8);
        bits(b, filter, 3);
        bits(b, p, 3);
        bits(b, cp, COMPANY_PREFIX_BITS[p]);
        StringBuilder body = new StringBuilder(64).append(padded(cp, cpDigits)).append('.');
        int refBits = kind.referenceBits[p];
        if (kind == Kind.GIAI_96) {
            // TDS: the asset reference is an integer below 2^refBits (no leading zeros in the URI)
            long ref = pick(0, (1L << refBits) - 1, edge);
            bits(b, ref, refBits);
            body.append(ref);
        } else if (kind == Kind.GIAI_202) {
            String chars = chars(kind.maxChars(p), edge);
            appendString(b, chars, refBits);
            body.append(escape(chars));
        } else {
            int refDigits = kind.referenceDigits(p);
            long ref = pick(0, pow10(refDigits) - 1, edge);
            bits(b, ref, refBits);
            body.append(padded(ref, refDigits));
            switch (kind) {
                case SSCC_96:
                    bits(b, 0, 24);
                    break;
                case SGTIN_198:
                case GRAI_170: {
                    String chars = chars(kind.maxChars(p), edge);
                    appendString(b, chars, kind.tailBits());
                    body.append('.').append(escape(chars));
                    break;
                }
                default: {
                    long serial = pick(0, (1L << kind.tailBits()) - 1, edge);
                    bits(b, serial, kind.tailBits());
                    body.append('.').append(serial);
                }
            }
        }
        String bodyText = body.toString();
        return new Case(kind, "p" + p + " edge " + edge, b.toString(),
                "urn:epc:tag:" + kind.tagName + ':' + filter + '.' + bodyText,
                "urn:epc:id:" + kind.pureName + ':' + bodyText);
    }

    // ------------------------------------------------------------------------------------------------ invalid EPCs

    /** Kinds of invalid input ours must reject; {@link Case#tagUri} is null for them. */
    enum Defect {
        PARTITION_7,
        COMPANY_PREFIX_TOO_LARGE,
        REFERENCE_TOO_LARGE,
        SSCC_RESERVED_NOT_ZERO,
        CHARACTER_NOT_IN_CHARSET_82,
        NON_ZERO_PADDING_AFTER_STRING,
        EMPTY_STRING,
        UNKNOWN_HEADER,
        WRONG_LENGTH
    }

    /** True if {@code defect} can be planted into {@code kind} with partition {@code p}. */
    static boolean applicable(Defect defect, Kind kind, int p) {
        switch (defect) {
            case PARTITION_7:
            case COMPANY_PREFIX_TOO_LARGE:
                return kind != Kind.GID_96;
            case REFERENCE_TOO_LARGE:
                return kind.referenceDigits(p) >= 0 && (1L << kind.referenceBits[p]) > pow10(kind.referenceDigits(p));
            case SSCC_RESERVED_NOT_ZERO:
                return kind == Kind.SSCC_96;
            case CHARACTER_NOT_IN_CHARSET_82:
            case NON_ZERO_PADDING_AFTER_STRING:
            case EMPTY_STRING:
                return kind.alphanumeric();
            default:
                return true;
        }
    }

    /** A valid EPC of kind / partition with {@code defect} planted (check {@link #applicable} first). */
    Case invalid(Kind kind, int p, Defect defect) {
        Case base = valid(kind, p, 0);
        char[] b = base.bits.toCharArray();
        int cpBits = kind == Kind.GID_96 ? 0 : COMPANY_PREFIX_BITS[p];
        int refPos = 14 + cpBits;
        int refBits = kind == Kind.GID_96 ? 0 : kind.referenceBits[p];
        int tailPos = refPos + refBits;
        String bits;
        switch (defect) {
            case PARTITION_7:
                put(b, 11, 7, 3);
                bits = new String(b);
                break;
            case COMPANY_PREFIX_TOO_LARGE:
                put(b, 14, pick(pow10(12 - p), (1L << cpBits) - 1, 0), cpBits);
                bits = new String(b);
                break;
            case REFERENCE_TOO_LARGE:
                put(b, refPos, pick(pow10(kind.referenceDigits(p)), (1L << refBits) - 1, 0), refBits);
                bits = new String(b);
                break;
            case SSCC_RESERVED_NOT_ZERO:
                put(b, 72, 1L + random.nextInt((1 << 24) - 1), 24);
                bits = new String(b);
                break;
            case CHARACTER_NOT_IN_CHARSET_82: {
                int field = kind == Kind.GIAI_202 ? refPos : tailPos;
                int[] bad = {0x01, 0x20, 0x23, 0x24, 0x40, 0x5B, 0x5C, 0x5D, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F};
                put(b, field, bad[random.nextInt(bad.length)], 7);
                bits = new String(b);
                break;
            }
            case NON_ZERO_PADDING_AFTER_STRING: {
                int field = kind == Kind.GIAI_202 ? refPos : tailPos;
                int fieldBits = kind == Kind.GIAI_202 ? refBits : kind.tailBits();
                // one character, a zero terminator, then a stray one bit somewhere in the padding
                for (int i = field; i < field + fieldBits; i++) {
                    b[i] = '0';
                }
                put(b, field, 'A', 7);
                b[field + 14 + random.nextInt(fieldBits - 14)] = '1';
                bits = new String(b);
                break;
            }
            case EMPTY_STRING: {
                int field = kind == Kind.GIAI_202 ? refPos : tailPos;
                int fieldBits = kind == Kind.GIAI_202 ? refBits : kind.tailBits();
                for (int i = field; i < field + fieldBits; i++) {
                    b[i] = '0';
                }
                bits = new String(b);
                break;
            }
            case UNKNOWN_HEADER: {
                // headers that are neither ours nor TDT 1.6's (TDT also knows 64-bit, GDTI, GSRN, USDOD, ADI)
                int[] headers = {0x00, 0xE2, 0xE0, 0x3F, 0x40, 0x80, 0xFF};
                put(b, 0, headers[random.nextInt(headers.length)], 8);
                bits = new String(b);
                break;
            }
            case WRONG_LENGTH:
                bits = random.nextBoolean() ? base.bits.substring(0, base.bits.length() - 8) : base.bits + "00000000";
                break;
            default:
                throw new IllegalArgumentException(defect.toString());
        }
        return new Case(kind, "p" + p + " " + defect, bits, null, null);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private long pick(long min, long max, int edge) {
        if (edge == 1) {
            return min;
        }
        if (edge == 2) {
            return max;
        }
        switch (random.nextInt(8)) {
            case 0:
                return min;
            case 1:
                return max;
            default:
                return max == Long.MAX_VALUE ? random.nextLong(min, max) : random.nextLong(min, max + 1);
        }
    }

    private String chars(int maxChars, int edge) {
        int n = edge == 1 ? 1 : edge == 2 ? maxChars : 1 + random.nextInt(maxChars);
        StringBuilder s = new StringBuilder(n);
        // a third of the random strings are digits only (numeric-looking serials, leading zeros included)
        boolean digitsOnly = edge == 0 && random.nextInt(3) == 0;
        for (int i = 0; i < n; i++) {
            s.append(digitsOnly
                    ? (char) ('0' + random.nextInt(10))
                    : CHARSET_82.charAt(random.nextInt(CHARSET_82.length())));
        }
        return s.toString();
    }

    private static void appendString(StringBuilder b, String chars, int fieldBits) {
        int start = b.length();
        for (int i = 0; i < chars.length(); i++) {
            bits(b, chars.charAt(i), 7);
        }
        while (b.length() < start + fieldBits) {
            b.append('0');
        }
    }

    /** TDS URI escaping of the characters {@code " % & / < > ?} as %XX. */
    static String escape(String chars) {
        StringBuilder s = new StringBuilder(chars.length() + 8);
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if ("\"%&/<>?".indexOf(c) >= 0) {
                s.append('%').append(String.format("%02X", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    static void bits(StringBuilder b, long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            b.append((value >>> i & 1L) == 0 ? '0' : '1');
        }
    }

    private static void put(char[] b, int pos, long value, int width) {
        for (int i = 0; i < width; i++) {
            b[pos + i] = (value >>> (width - 1 - i) & 1L) == 0 ? '0' : '1';
        }
    }

    static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    private static String padded(long value, int digits) {
        if (digits == 0) {
            return "";
        }
        String s = Long.toString(value);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }

    /** Upper-case hex of the bits zero-padded to a whole 16-bit word (Gen2 EPC memory, our hex form). */
    static String toWordAlignedHex(String bits) {
        int aligned = (bits.length() + 15) / 16 * 16;
        String padded = bits + "0".repeat(aligned - bits.length());
        String hex = new BigInteger("1" + padded, 2).toString(16).substring(1).toUpperCase();
        return hex;
    }
}
