package dev.inventory.rfid.epc;

import static dev.inventory.rfid.epc.EpcPatternSpec.CP;
import static dev.inventory.rfid.epc.EpcPatternSpec.EXACT;
import static dev.inventory.rfid.epc.EpcPatternSpec.FILTER;
import static dev.inventory.rfid.epc.EpcPatternSpec.GROUP;
import static dev.inventory.rfid.epc.EpcPatternSpec.REF;
import static dev.inventory.rfid.epc.EpcPatternSpec.SERIAL;

/**
 * An ALE 1.1 grouping pattern such as {@code urn:epc:pat:sgtin-96:X.0614141.X.*}: per field {@code X} (one group per
 * value of the field), {@code *} (all values in the same group), or a literal / {@code [lo-hi]} range (only
 * matching EPCs belong to a group of this pattern). Field rules are those of {@link EpcPattern}, with {@code X}
 * allowed wherever {@code *} is.
 *
 * <p>Group identity, allocation-free:
 * <ul>
 *   <li>{@link #groupKey(EpcDecoder)} packs the grouped field values into a non-negative {@code long} (equal keys
 *   = same group), or returns {@link #NO_GROUP} for EPCs that do not match. Available when
 *   {@link #hasLongKey()}: the grouped fields fit in 63 bits and none is an alphanumeric serial (company prefix and
 *   reference grouped together are packed as one decimal number plus the partition, so e.g. grouping SGTIN-96 by
 *   filter + company prefix + item reference takes 50 bits).</li>
 *   <li>{@link #appendGroupName(EpcDecoder, StringBuilder)} always works: it writes the group's name into a caller
 *   builder (no allocation once the builder has capacity).</li>
 * </ul>
 * A group's name is the pattern URI with each {@code X} replaced by the value, padded as in TDS URIs, e.g.
 * {@code urn:epc:pat:sgtin-96:3.0614141.812345.*}; {@link #groupName(long)} renders it from a key.
 *
 * <p>Thread-safety: immutable except for the decoder owned by {@link #groupKey(long, int)}, which is NOT
 * thread-safe; the {@code EpcDecoder}-taking methods are safe for concurrent use with distinct decoders and builders.
 */
public final class EpcGrouping {

    /** Key returned for an EPC that matches no group of this pattern. */
    public static final long NO_GROUP = -1L;

    private static final int KEY_BITS = 63;
    private static final int FILTER_BITS = 3;
    private static final int PARTITION_BITS = 3;
    private static final int CP_BITS = 40;

    private final EpcPatternSpec spec;
    private final EpcDecoder decoder = new EpcDecoder();
    private final char[] scratch = new char[EpcLayout.MAX_CHARS];
    private final boolean longKey;
    private final int keyBits;

    // key layout: a shift per packed part, -1 when the part is not in the key
    private final int filterShift;
    private final int partitionShift;
    private final int cpShift;
    private final int cpBits;
    private final int refShift;
    private final int refBits;
    /** Company prefix and reference grouped together: packed as cp * 10^refDigits + ref at cpShift. */
    private final boolean cpRefCombined;
    private final int serialShift;
    private final int serialBits;

    private EpcGrouping(EpcPatternSpec spec) {
        this.spec = spec;
        final boolean gs1 = spec.gs1;
        final boolean groupFilter = spec.kind(FILTER) == GROUP;
        final boolean groupCp = spec.kind(CP) == GROUP;
        final boolean groupRef = spec.kind(REF) == GROUP;
        final boolean groupSerial = spec.kind(SERIAL) == GROUP;
        int shift = 0;
        boolean fits = true;

        filterShift = groupFilter ? shift : -1;
        shift += groupFilter ? FILTER_BITS : 0;

        final boolean partition = gs1 && (groupCp || (groupRef && spec.kind(CP) != EXACT));
        partitionShift = partition ? shift : -1;
        shift += partition ? PARTITION_BITS : 0;

        cpRefCombined = gs1 && groupCp && groupRef;
        if (cpRefCombined) {
            cpBits = bitsFor(EpcLayout.POW10[spec.totalDigits] - 1);
        } else if (groupCp) {
            cpBits = gs1 ? CP_BITS : EpcLayout.GID_MANAGER_BITS;
        } else {
            cpBits = 0;
        }
        cpShift = groupCp ? shift : -1;
        shift += cpBits;

        if (groupRef && !cpRefCombined) {
            // with a literal company prefix the reference digit count is fixed, else it is at most total - 6
            refBits = gs1
                    ? bitsFor(EpcLayout.POW10[spec.totalDigits - (spec.cpDigits == 0 ? 6 : spec.cpDigits)] - 1)
                    : EpcLayout.GID_CLASS_BITS;
            refShift = shift;
        } else {
            refBits = 0;
            refShift = -1;
        }
        shift += refBits;

        if (groupSerial) {
            switch (spec.scheme) {
                case SGTIN_96:
                case GRAI_96:
                    serialBits = EpcLayout.SERIAL96_BITS;
                    break;
                case SGLN_96:
                    serialBits = EpcLayout.SGLN_EXTENSION_BITS;
                    break;
                case GID_96:
                    serialBits = EpcLayout.GID_SERIAL_BITS;
                    break;
                case GIAI_96:
                    serialBits = EpcPatternSpec.giai96AssetBits(spec.cpDigits);
                    break;
                default:
                    serialBits = 0;
                    fits = false; // alphanumeric serial: no integer key
                    break;
            }
            serialShift = shift;
        } else {
            serialBits = 0;
            serialShift = -1;
        }
        shift += serialBits;
        keyBits = shift;
        longKey = fits && shift <= KEY_BITS;
    }

    /**
     * Parses an ALE grouping pattern {@code urn:epc:pat:<scheme>:<fields>} (allocates; not for the hot path).
     *
     * @throws IllegalArgumentException with the URI, the offending field and the violated rule
     */
    public static EpcGrouping parse(CharSequence groupingPatternUri) {
        return new EpcGrouping(EpcPatternSpec.parse(groupingPatternUri, true));
    }

    /** True if {@link #groupKey(EpcDecoder)} is available (see class Javadoc). */
    public boolean hasLongKey() {
        return longKey;
    }

    /** Bits used by the packed group key (may exceed 63 when {@link #hasLongKey()} is false). */
    public int keyBits() {
        return keyBits;
    }

    /** True if the decoded EPC belongs to some group of this pattern. Allocation-free. */
    public boolean matches(final EpcDecoder decoded) {
        return spec.matches(decoded);
    }

    /**
     * Group key of a decoded EPC: a non-negative value equal for exactly the EPCs of one group, or
     * {@link #NO_GROUP} if the EPC does not match. Allocation-free.
     *
     * @throws IllegalStateException if {@link #hasLongKey()} is false (a configuration error)
     */
    public long groupKey(final EpcDecoder d) {
        if (!longKey) {
            throw new IllegalStateException("grouping pattern " + spec.uri
                    + " has no 63-bit key; use appendGroupName");
        }
        if (!spec.matches(d)) {
            return NO_GROUP;
        }
        long key = 0L;
        if (filterShift >= 0) {
            key |= (long) d.filter() << filterShift;
        }
        if (partitionShift >= 0) {
            key |= (long) d.partition() << partitionShift;
        }
        if (cpShift >= 0) {
            final long cp = d.companyPrefix();
            key |= (cpRefCombined ? cp * EpcLayout.POW10[d.referenceDigits()] + d.reference() : cp) << cpShift;
        }
        if (refShift >= 0) {
            key |= d.reference() << refShift;
        }
        if (serialShift >= 0) {
            key |= EpcPatternSpec.serialValue(d, d.scheme()) << serialShift;
        }
        assert key >= 0 : "group key overflow";
        return key;
    }

    /** Decodes a 96-bit EPC with the grouping's own decoder and returns its {@link #groupKey(EpcDecoder)}. */
    public long groupKey(final long epcHigh, final int epcLow) {
        final EpcDecoder d = decoder;
        d.decode(epcHigh, epcLow); // a failed decode leaves no scheme, so it matches nothing
        return groupKey(d);
    }

    /**
     * Appends the name of the decoded EPC's group (pattern URI with {@code X} replaced by its values).
     * Allocation-free once {@code sb} has capacity.
     *
     * @return false (nothing appended) if the EPC does not match
     */
    public boolean appendGroupName(final EpcDecoder d, final StringBuilder sb) {
        if (!spec.matches(d)) {
            return false;
        }
        sb.append(EpcPatternSpec.PAT_PREFIX).append(spec.schemeName).append(':');
        final int[] order = spec.order;
        for (int i = 0; i < order.length; i++) {
            final int slot = order[i];
            if (i > 0) {
                sb.append('.');
            }
            if (spec.kind(slot) != GROUP) {
                sb.append(spec.token(slot));
                continue;
            }
            switch (slot) {
                case FILTER:
                    sb.append(d.filter());
                    break;
                case CP:
                    appendNumber(sb, d.companyPrefix(), d.companyPrefixDigits());
                    break;
                case REF:
                    appendNumber(sb, d.reference(), d.referenceDigits());
                    break;
                default:
                    if (d.scheme().hasAlphanumericSerial()) {
                        final int n = d.copySerialChars(scratch, 0);
                        EpcLayout.appendUriEscaped(sb, scratch, n);
                    } else {
                        sb.append(EpcPatternSpec.serialValue(d, d.scheme()));
                    }
                    break;
            }
        }
        return true;
    }

    /** Name of the decoded EPC's group, or {@code null} if it does not match (allocates). */
    public String groupName(EpcDecoder d) {
        final StringBuilder sb = new StringBuilder(64);
        return appendGroupName(d, sb) ? sb.toString() : null;
    }

    /**
     * Appends the name of the group with key {@code groupKey} (from {@link #groupKey(EpcDecoder)}).
     *
     * @throws IllegalArgumentException for {@link #NO_GROUP}
     */
    public StringBuilder appendGroupName(long groupKey, StringBuilder sb) {
        if (groupKey < 0) {
            throw new IllegalArgumentException("not a group key: " + groupKey);
        }
        final int cpDigits = partitionShift >= 0
                ? 12 - (int) field(groupKey, partitionShift, PARTITION_BITS)
                : spec.cpDigits;
        final int refDigits = spec.gs1 ? spec.totalDigits - cpDigits : 0;
        sb.append(EpcPatternSpec.PAT_PREFIX).append(spec.schemeName).append(':');
        final int[] order = spec.order;
        for (int i = 0; i < order.length; i++) {
            final int slot = order[i];
            if (i > 0) {
                sb.append('.');
            }
            if (spec.kind(slot) != GROUP) {
                sb.append(spec.token(slot));
                continue;
            }
            switch (slot) {
                case FILTER:
                    sb.append(field(groupKey, filterShift, FILTER_BITS));
                    break;
                case CP:
                    final long cp = field(groupKey, cpShift, cpBits);
                    appendNumber(sb, cpRefCombined ? cp / EpcLayout.POW10[refDigits] : cp, spec.gs1 ? cpDigits : 0);
                    break;
                case REF:
                    final long ref = cpRefCombined
                            ? field(groupKey, cpShift, cpBits) % EpcLayout.POW10[refDigits]
                            : field(groupKey, refShift, refBits);
                    appendNumber(sb, ref, refDigits);
                    break;
                default:
                    sb.append(field(groupKey, serialShift, serialBits));
                    break;
            }
        }
        return sb;
    }

    /** Name of the group with key {@code groupKey} (allocates). */
    public String groupName(long groupKey) {
        return appendGroupName(groupKey, new StringBuilder(64)).toString();
    }

    /** The grouping pattern URI as parsed. */
    public String uri() {
        return spec.uri;
    }

    @Override
    public String toString() {
        return spec.uri;
    }

    /** Zero-padded for the partition-table schemes, plain decimal for GID (digits == 0). */
    private void appendNumber(StringBuilder sb, long value, int digits) {
        if (spec.gs1) {
            EpcLayout.appendPadded(sb, value, digits);
        } else {
            sb.append(value);
        }
    }

    private static long field(long key, int shift, int bits) {
        return bits == 0 ? 0L : (key >>> shift) & ((1L << bits) - 1);
    }

    private static int bitsFor(long maxValue) {
        return 64 - Long.numberOfLeadingZeros(maxValue);
    }
}
