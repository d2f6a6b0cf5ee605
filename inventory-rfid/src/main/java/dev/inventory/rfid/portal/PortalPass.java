package dev.inventory.rfid.portal;

/**
 * One decided pass of a tag through a portal: the direction, its confidence and the profile summary per antenna
 * group ({@link #OUTER}, {@link #INNER}) it was decided from. A reused flyweight, valid only during
 * {@link PortalListener#onPass}. Times are record time in ms; RSSI values are smoothed, in dBm.
 * Instances are NOT threadsafe.
 */
public final class PortalPass
{
    /** Group index of the outer antennas. */
    public static final int OUTER = 0;
    /** Group index of the inner antennas. */
    public static final int INNER = 1;

    int portalId;
    int source;
    long epcHigh;
    int epcLow;
    int direction;
    double confidence;
    double score;
    long decidedAtMs;
    final int[] reads = new int[2];
    final long[] firstMs = new long[2];
    final long[] lastMs = new long[2];
    final long[] peakMs = new long[2];
    final double[] peakDbm = new double[2];
    final double[] prominenceDb = new double[2];
    final long[] centroidMs = new long[2];

    PortalPass()
    {
    }

    /** @return the portal's id. */
    public int portalId()
    {
        return portalId;
    }

    /** @return reader id of the tag's last read. */
    public int source()
    {
        return source;
    }

    /** @return EPC bits 95..32. */
    public long epcHigh()
    {
        return epcHigh;
    }

    /** @return EPC bits 31..0. */
    public int epcLow()
    {
        return epcLow;
    }

    /** @return {@link PortalDirection#IN}, {@link PortalDirection#OUT} or {@link PortalDirection#NEAR}. */
    public int direction()
    {
        return direction;
    }

    /** @return confidence in the direction (for NEAR: that the tag did not pass), 0..1. */
    public double confidence()
    {
        return confidence;
    }

    /** @return the signed direction score before gating, -1 (clearly OUT) .. +1 (clearly IN). */
    public double score()
    {
        return score;
    }

    /** @return decision time: last read plus the settle time. */
    public long decidedAtMs()
    {
        return decidedAtMs;
    }

    /** @return first read of the tag in this pass, either group. */
    public long firstSeenMs()
    {
        return reads[OUTER] == 0 ? firstMs[INNER] : reads[INNER] == 0 ? firstMs[OUTER] :
            Math.min(firstMs[OUTER], firstMs[INNER]);
    }

    /** @return last read of the tag in this pass, either group. */
    public long lastSeenMs()
    {
        return Math.max(reads[OUTER] == 0 ? Long.MIN_VALUE : lastMs[OUTER],
            reads[INNER] == 0 ? Long.MIN_VALUE : lastMs[INNER]);
    }

    /**
     * @param group {@link #OUTER} or {@link #INNER}.
     * @return reads by that group.
     */
    public int reads(final int group)
    {
        return reads[group];
    }

    /**
     * @param group {@link #OUTER} or {@link #INNER}.
     * @return first read by that group (meaningless if no reads).
     */
    public long firstMs(final int group)
    {
        return firstMs[group];
    }

    /**
     * @param group {@link #OUTER} or {@link #INNER}.
     * @return last read by that group (meaningless if no reads).
     */
    public long lastMs(final int group)
    {
        return lastMs[group];
    }

    /**
     * @param group {@link #OUTER} or {@link #INNER}.
     * @return time of the smoothed RSSI peak of that group.
     */
    public long peakMs(final int group)
    {
        return peakMs[group];
    }

    /**
     * @param group {@link #OUTER} or {@link #INNER}.
     * @return smoothed RSSI peak of that group in dBm.
     */
    public double peakDbm(final int group)
    {
        return peakDbm[group];
    }

    /**
     * @param group {@link #OUTER} or {@link #INNER}.
     * @return smoothed peak over the group's mean RSSI in dB.
     */
    public double prominenceDb(final int group)
    {
        return prominenceDb[group];
    }

    /**
     * @param group {@link #OUTER} or {@link #INNER}.
     * @return received-power-weighted mean time of the group's reads.
     */
    public long centroidMs(final int group)
    {
        return centroidMs[group];
    }
}
