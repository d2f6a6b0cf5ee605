package dev.inventory.rfid.epc;

/**
 * An EPC pattern (TDS 2.x EPC Pattern URI, with the ALE 1.1 {@code [lo-hi]} range extension), matched against
 * decoded EPC primitives without allocation.
 *
 * <p>Forms:
 * <ul>
 *   <li>tag-encoding pattern {@code urn:epc:pat:<scheme>:<filter>.<fields>} for sgtin-96, sscc-96, sgln-96,
 *   grai-96, giai-96, sgtin-198, grai-170, giai-202 and {@code urn:epc:pat:gid-96:<manager>.<class>.<serial>}
 *   (no filter); it matches only EPCs of that binary scheme, e.g.
 *   {@code urn:epc:pat:sgtin-96:3.0614141.*.[1-100]};</li>
 *   <li>pure-identity pattern {@code urn:epc:idpat:<sgtin|sscc|sgln|grai|giai|gid>:<fields>}, e.g.
 *   {@code urn:epc:idpat:sgtin:0614141.*.*}; it ignores the filter and matches every binary scheme of the EPC
 *   scheme (SGTIN-96 and SGTIN-198).</li>
 * </ul>
 * Each field is {@code *} (any value), a literal, or {@code [lo-hi]} (inclusive, integer fields only). Rules, as
 * in TDS: the company prefix is a 6..12 digit literal whose digit count must equal the EPC's (partition), or
 * {@code *}; when the company prefix is {@code *} the reference (and GIAI asset reference) must be {@code *} too;
 * a literal reference must have exactly (scheme digits - company prefix digits) digits; zero-padded fields take no
 * ranges; integer fields take no leading zeros and must fit their binary field; alphanumeric serials (sgtin-198,
 * grai-170, giai-202 and all identity patterns except gid) are literals with TDS %-escapes, matched character by
 * character (against an integer serial they match only its canonical decimal form). Invalid patterns throw
 * {@link IllegalArgumentException} naming the field and the rule.
 *
 * <p>Thread-safety: immutable except for the decoder owned by {@link #matches(long, int)} and
 * {@link #matches(byte[], int, int)}, which are NOT thread-safe; {@link #matches(EpcDecoder)} is safe for
 * concurrent use with distinct decoders.
 */
public final class EpcPattern {

    private final EpcPatternSpec spec;
    private final EpcDecoder decoder = new EpcDecoder();

    private EpcPattern(EpcPatternSpec spec) {
        this.spec = spec;
    }

    /**
     * Parses a pattern URI (allocates; not for the hot path).
     *
     * @throws IllegalArgumentException with the URI, the offending field and the violated rule
     */
    public static EpcPattern parse(CharSequence patternUri) {
        return new EpcPattern(EpcPatternSpec.parse(patternUri, false));
    }

    /** True if {@code decoded} holds a successfully decoded EPC that matches. Allocation-free. */
    public boolean matches(final EpcDecoder decoded) {
        return spec.matches(decoded);
    }

    /** Decodes a 96-bit EPC (bits 95..32, 31..0) with the pattern's own decoder and matches it. Allocation-free. */
    public boolean matches(final long epcHigh, final int epcLow) {
        final EpcDecoder d = decoder;
        return d.decode(epcHigh, epcLow) == 0 && spec.matches(d);
    }

    /** Decodes an EPC of any supported length (see {@link EpcDecoder#decode(byte[], int, int)}) and matches it. */
    public boolean matches(final byte[] bytes, final int offset, final int bitLength) {
        final EpcDecoder d = decoder;
        return d.decode(bytes, offset, bitLength) == 0 && spec.matches(d);
    }

    /**
     * True if {@code decoded} matches at least one of {@code patterns} (ALE include/exclude lists are unions).
     * Allocation-free.
     */
    public static boolean matchesAny(final EpcPattern[] patterns, final EpcDecoder decoded) {
        for (int i = 0; i < patterns.length; i++) {
            if (patterns[i].spec.matches(decoded)) {
                return true;
            }
        }
        return false;
    }

    /** The binary scheme of a tag-encoding pattern, or {@code null} for a pure-identity ({@code idpat}) pattern. */
    public EpcScheme scheme() {
        return spec.identity ? null : spec.scheme;
    }

    /** True for {@code urn:epc:idpat:} patterns (filter ignored, any binary scheme of the EPC scheme). */
    public boolean isIdentityPattern() {
        return spec.identity;
    }

    /** The pattern URI as parsed. */
    public String uri() {
        return spec.uri;
    }

    @Override
    public String toString() {
        return spec.uri;
    }
}
