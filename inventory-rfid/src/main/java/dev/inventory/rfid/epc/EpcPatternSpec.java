package dev.inventory.rfid.epc;

/**
 * Parsed EPC pattern URI shared by {@link EpcPattern} and {@link EpcGrouping}: per field slot (filter, company
 * prefix, reference, serial) a kind ({@code *}, literal, range, alphanumeric literal or the ALE group operator
 * {@code X}) and its bounds, plus the allocation-free matcher over {@link EpcDecoder} primitives.
 *
 * <p>Slots: {@link #CP} is the company prefix (GID: general manager number), {@link #REF} the item / serial /
 * location reference or asset type (GID: object class), {@link #SERIAL} the serial, SGLN extension or the GIAI
 * individual asset reference. Validation follows the TDS pattern grammar: {@code GS1PatBody ::= "*.*" |
 * PaddedNumericComponent "." PaddedPatComponent} (a literal reference needs a literal company prefix), padded fields
 * take literals or {@code *} only, and the ALE {@code [lo-hi]} ranges are allowed only on integer fields (filter,
 * integer serial / extension / GIAI-96 asset reference, the three GID fields).
 *
 * <p>Thread-safety: immutable after construction; {@link #matches(EpcDecoder)} is safe for concurrent use with
 * distinct decoders.
 */
final class EpcPatternSpec {

    static final int ANY = 0;
    static final int EXACT = 1;
    static final int RANGE = 2;
    static final int TEXT = 3;
    static final int GROUP = 4;

    static final int FILTER = 0;
    static final int CP = 1;
    static final int REF = 2;
    static final int SERIAL = 3;
    private static final int SLOTS = 4;

    static final String PAT_PREFIX = "urn:epc:pat:";
    static final String IDPAT_PREFIX = "urn:epc:idpat:";

    private static final int GIAI96_MAX_ASSET_BITS = EpcLayout.GIAI96_CP_REF_BITS - EpcLayout.COMPANY_PREFIX_BITS[6];

    final String uri;
    /** Scheme name as written in the URI, e.g. {@code sgtin-96} or (identity patterns) {@code sgtin}. */
    final String schemeName;
    /** Binary scheme of a tag pattern; for an identity pattern the 96-bit scheme of the EPC scheme family. */
    final EpcScheme scheme;
    final boolean identity;
    /** Partition-table scheme: company prefix and reference are zero-padded with significant digit counts. */
    final boolean gs1;
    /** Company prefix + reference digits of the scheme (13 for SGTIN), -1 for GIAI and GID. */
    final int totalDigits;
    /** Digits of the literal company prefix, 0 when the company prefix is not a literal. */
    final int cpDigits;
    /** Slots in URI order. */
    final int[] order;

    private final boolean[] accepted = new boolean[EpcScheme.values().length];
    private final int[] kind = new int[SLOTS];
    private final long[] lo = new long[SLOTS];
    private final long[] hi = new long[SLOTS];
    private final String[] text = new String[SLOTS];
    private final long[] textNumber = new long[SLOTS];
    private final String[] token = new String[SLOTS];
    private final String[] names = new String[SLOTS];

    private EpcPatternSpec(String uri, boolean allowGroup) {
        this.uri = uri;
        final String prefix;
        if (uri.startsWith(PAT_PREFIX)) {
            prefix = PAT_PREFIX;
            identity = false;
        } else if (uri.startsWith(IDPAT_PREFIX)) {
            if (allowGroup) {
                throw error(uri, "ALE grouping patterns use urn:epc:pat:<tag encoding>:, not urn:epc:idpat:");
            }
            prefix = IDPAT_PREFIX;
            identity = true;
        } else {
            throw error(uri, "must start with " + PAT_PREFIX + (allowGroup ? "" : " or " + IDPAT_PREFIX));
        }
        final int colon = uri.indexOf(':', prefix.length());
        if (colon < 0) {
            throw error(uri, "missing ':' after the scheme name");
        }
        schemeName = uri.substring(prefix.length(), colon);
        scheme = identity
                ? EpcScheme.default96ForPureIdentityName(schemeName)
                : EpcScheme.fromTagUriName(schemeName);
        if (scheme == null) {
            throw error(uri, "unsupported scheme '" + schemeName + "', expected one of " + (identity
                    ? "sgtin, sscc, sgln, grai, giai, gid"
                    : "sgtin-96, sscc-96, sgln-96, grai-96, giai-96, gid-96, sgtin-198, grai-170, giai-202"));
        }
        for (EpcScheme s : EpcScheme.values()) {
            accepted[s.ordinal()] = identity ? s.pureIdentityName().equals(scheme.pureIdentityName()) : s == scheme;
        }
        final String family = scheme.pureIdentityName();
        gs1 = scheme != EpcScheme.GID_96;
        final int refDigitsAtPartition0 = EpcLayout.referenceDigits(scheme, 0);
        totalDigits = refDigitsAtPartition0 >= 0 ? refDigitsAtPartition0 + 12 : -1;
        final boolean hasFilter = !identity && scheme.hasFilter();
        final int[] body;
        if (scheme == EpcScheme.SSCC_96) {
            body = new int[] {CP, REF};
        } else if (family.equals("giai")) {
            body = new int[] {CP, SERIAL};
        } else {
            body = new int[] {CP, REF, SERIAL};
        }
        order = new int[body.length + (hasFilter ? 1 : 0)];
        if (hasFilter) {
            order[0] = FILTER;
        }
        System.arraycopy(body, 0, order, hasFilter ? 1 : 0, body.length);
        nameSlots(family);

        final boolean textSerial = identity ? !family.equals("gid") : scheme.hasAlphanumericSerial();
        final String bodyText = uri.substring(colon + 1);
        // a trailing alphanumeric component may itself contain '.', so it takes the rest of the URI
        final String[] parts = bodyText.split("\\.", textSerial && order[order.length - 1] == SERIAL
                ? order.length : -1);
        if (parts.length != order.length) {
            throw error(uri, "expected " + order.length + " dot-separated fields (" + fieldList() + ") but found "
                    + parts.length);
        }
        int literalCpDigits = 0;
        for (int i = 0; i < order.length; i++) {
            final int slot = order[i];
            final String c = parts[i];
            token[slot] = c;
            switch (slot) {
                case FILTER:
                    parseInteger(slot, c, 7L, allowGroup);
                    break;
                case CP:
                    if (gs1) {
                        literalCpDigits = parseCompanyPrefix(c, allowGroup);
                    } else {
                        parseInteger(slot, c, (1L << EpcLayout.GID_MANAGER_BITS) - 1, allowGroup);
                    }
                    break;
                case REF:
                    if (gs1) {
                        parsePaddedReference(c, allowGroup, literalCpDigits);
                    } else {
                        parseInteger(slot, c, (1L << EpcLayout.GID_CLASS_BITS) - 1, allowGroup);
                    }
                    break;
                default:
                    parseSerial(c, allowGroup, textSerial, literalCpDigits);
                    break;
            }
        }
        cpDigits = literalCpDigits;
    }

    /** Parses a pattern ({@code allowGroup} false) or an ALE grouping pattern (true). */
    static EpcPatternSpec parse(CharSequence uri, boolean allowGroup) {
        if (uri == null) {
            throw new IllegalArgumentException("EPC pattern URI is null");
        }
        return new EpcPatternSpec(uri.toString(), allowGroup);
    }

    // ------------------------------------------------------------------------------------------------ matching

    /** True if the decoded EPC matches; {@code X} fields match anything. Allocation-free. */
    boolean matches(final EpcDecoder d) {
        final EpcScheme s = d.scheme();
        if (s == null || !accepted[s.ordinal()]) {
            return false;
        }
        if (kind[CP] == EXACT && gs1 && d.companyPrefixDigits() != cpDigits) {
            return false;
        }
        return matchInteger(FILTER, d.filter())
                && matchInteger(CP, d.companyPrefix())
                && matchInteger(REF, d.reference())
                && matchSerial(d, s);
    }

    private boolean matchInteger(final int slot, final long value) {
        switch (kind[slot]) {
            case EXACT:
                return value == lo[slot];
            case RANGE:
                return value >= lo[slot] && value <= hi[slot];
            default:
                return true;
        }
    }

    private boolean matchSerial(final EpcDecoder d, final EpcScheme s) {
        final int k = kind[SERIAL];
        if (k == TEXT) {
            return s.hasAlphanumericSerial()
                    ? d.serialContentEquals(text[SERIAL])
                    : textNumber[SERIAL] >= 0 && serialValue(d, s) == textNumber[SERIAL];
        }
        return k == ANY || k == GROUP || matchInteger(SERIAL, serialValue(d, s));
    }

    /** Integer value of the serial slot: the GIAI-96 asset reference lives in {@link EpcDecoder#reference()}. */
    static long serialValue(final EpcDecoder d, final EpcScheme s) {
        return s == EpcScheme.GIAI_96 ? d.reference() : d.serial();
    }

    // ------------------------------------------------------------------------------------------------ accessors

    int kind(int slot) {
        return kind[slot];
    }

    /** The field as written in the URI. */
    String token(int slot) {
        return token[slot];
    }

    /** True if the slot is present in this pattern's URI. */
    boolean hasSlot(int slot) {
        for (int s : order) {
            if (s == slot) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ parsing

    private void nameSlots(String family) {
        names[FILTER] = "filter";
        names[CP] = gs1 ? "company prefix" : "general manager number";
        switch (family) {
            case "sgtin":
                names[REF] = "item reference";
                names[SERIAL] = "serial";
                break;
            case "sscc":
                names[REF] = "serial reference";
                break;
            case "sgln":
                names[REF] = "location reference";
                names[SERIAL] = "extension";
                break;
            case "grai":
                names[REF] = "asset type";
                names[SERIAL] = "serial";
                break;
            case "giai":
                names[SERIAL] = "individual asset reference";
                break;
            default:
                names[REF] = "object class";
                names[SERIAL] = "serial";
                break;
        }
    }

    private String fieldList() {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < order.length; i++) {
            sb.append(i == 0 ? "" : ".").append(names[order[i]]);
        }
        return sb.toString();
    }

    /** {@code *}, {@code X} or anything else; returns true if it was {@code *} / {@code X} and sets the kind. */
    private boolean parseWildcard(int slot, String c, boolean allowGroup) {
        if (c.equals("*")) {
            kind[slot] = ANY;
            return true;
        }
        if (allowGroup && c.equals("X")) {
            kind[slot] = GROUP;
            return true;
        }
        return false;
    }

    /** Integer field: {@code *}, ({@code X}), {@code [lo-hi]} or a decimal integer without leading zeros. */
    private void parseInteger(int slot, String c, long max, boolean allowGroup) {
        if (parseWildcard(slot, c, allowGroup)) {
            return;
        }
        if (c.startsWith("[")) {
            final int dash = c.indexOf('-');
            if (!c.endsWith("]") || dash < 0 || c.length() < 5) {
                throw error(uri, names[slot] + " range '" + c + "' is malformed, expected [lo-hi]");
            }
            final long l = integer(slot, c.substring(1, dash), max);
            final long h = integer(slot, c.substring(dash + 1, c.length() - 1), max);
            if (l > h) {
                throw error(uri, names[slot] + " range '" + c + "' has lo > hi");
            }
            kind[slot] = RANGE;
            lo[slot] = l;
            hi[slot] = h;
            return;
        }
        final long v = integer(slot, c, max);
        kind[slot] = EXACT;
        lo[slot] = v;
        hi[slot] = v;
    }

    private long integer(int slot, String c, long max) {
        if (c.isEmpty()) {
            throw error(uri, names[slot] + " is empty");
        }
        if (!allDigits(c)) {
            throw error(uri, names[slot] + " '" + c + "' is not a decimal integer, '*'" + " or a range [lo-hi]");
        }
        if (c.length() > 1 && c.charAt(0) == '0') {
            throw error(uri, names[slot] + " '" + c + "' must not have leading zeros");
        }
        final long v = c.length() > 18 ? Long.MAX_VALUE : Long.parseLong(c);
        if (v > max) {
            throw error(uri, names[slot] + " '" + c + "' exceeds the maximum " + max);
        }
        return v;
    }

    /** Returns the digit count of a literal company prefix, else 0. */
    private int parseCompanyPrefix(String c, boolean allowGroup) {
        if (parseWildcard(CP, c, allowGroup)) {
            return 0;
        }
        rejectRangeOnPaddedField(CP, c);
        if (!allDigits(c) || c.length() < 6 || c.length() > 12) {
            throw error(uri, "company prefix '" + c + "' must be 6 to 12 digits or '*'" + (allowGroup ? " or 'X'" : ""));
        }
        kind[CP] = EXACT;
        lo[CP] = Long.parseLong(c);
        hi[CP] = lo[CP];
        return c.length();
    }

    private void parsePaddedReference(String c, boolean allowGroup, int literalCpDigits) {
        if (parseWildcard(REF, c, allowGroup)) {
            return;
        }
        requireLiteralCompanyPrefix(REF, c, allowGroup);
        rejectRangeOnPaddedField(REF, c);
        final int digits = totalDigits - literalCpDigits;
        if (!allDigits(c) || c.length() != digits) {
            throw error(uri, names[REF] + " '" + c + "' must be exactly " + digits + " digits for a "
                    + literalCpDigits + "-digit company prefix");
        }
        kind[REF] = EXACT;
        lo[REF] = digits == 0 ? 0L : Long.parseLong(c);
        hi[REF] = lo[REF];
    }

    private void parseSerial(String c, boolean allowGroup, boolean textSerial, int literalCpDigits) {
        final boolean giai = scheme.pureIdentityName().equals("giai");
        if (parseWildcard(SERIAL, c, allowGroup)) {
            return;
        }
        if (giai) {
            requireLiteralCompanyPrefix(SERIAL, c, allowGroup);
        }
        if (!textSerial) {
            final int bits;
            switch (scheme) {
                case SGLN_96:
                    bits = EpcLayout.SGLN_EXTENSION_BITS;
                    break;
                case GID_96:
                    bits = EpcLayout.GID_SERIAL_BITS;
                    break;
                case GIAI_96:
                    bits = giai96AssetBits(literalCpDigits);
                    break;
                default:
                    bits = EpcLayout.SERIAL96_BITS;
                    break;
            }
            parseInteger(SERIAL, c, (1L << bits) - 1, allowGroup);
            return;
        }
        if (c.startsWith("[")) {
            throw error(uri, "ranges are only allowed on integer fields, not on the alphanumeric " + names[SERIAL]
                    + " '" + c + "'");
        }
        final int maxChars;
        switch (scheme.pureIdentityName()) {
            case "sgtin":
            case "sgln":
                maxChars = EpcLayout.SGTIN198_SERIAL_MAX_CHARS;
                break;
            case "grai":
                maxChars = EpcLayout.GRAI170_SERIAL_MAX_CHARS;
                break;
            default:
                maxChars = EpcLayout.GIAI_MAX_CHARS - literalCpDigits;
                break;
        }
        final String value = unescape(c, maxChars);
        kind[SERIAL] = TEXT;
        text[SERIAL] = value;
        textNumber[SERIAL] = canonicalNumber(value);
    }

    static int giai96AssetBits(int cpDigits) {
        return cpDigits == 0
                ? GIAI96_MAX_ASSET_BITS
                : EpcLayout.GIAI96_CP_REF_BITS - EpcLayout.COMPANY_PREFIX_BITS[12 - cpDigits];
    }

    private void requireLiteralCompanyPrefix(int slot, String c, boolean allowGroup) {
        if (kind[CP] != EXACT) {
            throw error(uri, names[slot] + " '" + c + "' requires a literal company prefix: after '" + token[CP]
                    + "' the " + names[slot] + " must be '*'" + (allowGroup ? " or 'X'" : "")
                    + " (TDS pattern body \"*.*\")");
        }
    }

    private void rejectRangeOnPaddedField(int slot, String c) {
        if (c.startsWith("[")) {
            throw error(uri, "ranges are only allowed on integer fields, not on the zero-padded " + names[slot]
                    + " '" + c + "'");
        }
    }

    /** GS3A3 component: %-escapes decoded, characters of the GS1 AI set 82, escapes required where TDS says so. */
    private String unescape(String c, int maxChars) {
        if (c.isEmpty()) {
            throw error(uri, names[SERIAL] + " is empty");
        }
        final StringBuilder sb = new StringBuilder(c.length());
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '%') {
                final int h = i + 1 < c.length() ? EpcLayout.hexValue(c.charAt(i + 1)) : -1;
                final int l = i + 2 < c.length() ? EpcLayout.hexValue(c.charAt(i + 2)) : -1;
                if (h < 0 || l < 0) {
                    throw error(uri, "malformed %-escape in " + names[SERIAL] + " '" + c + "'");
                }
                ch = (char) ((h << 4) | l);
                i += 2;
                if (!EpcLayout.isCharset82(ch)) {
                    throw error(uri, "escaped character 0x" + Integer.toHexString(ch) + " in " + names[SERIAL]
                            + " '" + c + "' is not in the GS1 AI character set 82");
                }
            } else if (!EpcLayout.isCharset82(ch)) {
                throw error(uri, "character '" + ch + "' in " + names[SERIAL] + " '" + c
                        + "' is not in the GS1 AI character set 82");
            } else if (EpcLayout.mustEscapeInUri(ch)) {
                throw error(uri, "character '" + ch + "' in " + names[SERIAL] + " '" + c + "' must be %-escaped");
            }
            sb.append(ch);
        }
        if (sb.length() > maxChars) {
            throw error(uri, names[SERIAL] + " '" + c + "' is longer than " + maxChars + " characters");
        }
        return sb.toString();
    }

    /** Value of a digits-only string without leading zeros (at most 18 digits), else -1. */
    private static long canonicalNumber(String s) {
        if (s.length() > 18 || (s.length() > 1 && s.charAt(0) == '0') || !allDigits(s)) {
            return -1L;
        }
        return Long.parseLong(s);
    }

    private static boolean allDigits(String c) {
        for (int i = 0; i < c.length(); i++) {
            final char ch = c.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    static IllegalArgumentException error(String uri, String detail) {
        return new IllegalArgumentException("invalid EPC pattern '" + uri + "': " + detail);
    }
}
