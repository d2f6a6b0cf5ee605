package dev.inventory.bench;

import java.util.Arrays;

/**
 * Baseline for zone quality: the EdgeX app-rfid-llrp-inventory mobility-profile rule, written from its published
 * description. Per tag and location the mean of the last {@link #WINDOW} RSSI reads (dBm); a challenger location
 * with at least {@link #MIN_READS} reads wins when its mean exceeds the incumbent's mean plus
 * {@code offset = threshold + slope * (timeSinceIncumbentLastSeenMs - holdoffMs)}. Every raw read counts (no
 * dedup); statistics never expire. Instances are NOT threadsafe.
 */
final class EdgexZoneBaseline
{
    static final int WINDOW = 20;
    static final int MIN_READS = 2;
    static final double THRESHOLD_DB = 6.0;
    static final long HOLDOFF_MS = 500;
    static final double SLOPE_DB_PER_MS = -0.008;

    private final int zones;
    private final int[] location;
    private final double[][] ring;
    private final int[] count;
    private final double[] sum;
    private final long[] lastSeenMs;

    /**
     * @param tags  tags.
     * @param zones locations.
     */
    EdgexZoneBaseline(final int tags, final int zones)
    {
        this.zones = zones;
        location = new int[tags];
        Arrays.fill(location, -1);
        ring = new double[tags * zones][WINDOW];
        count = new int[tags * zones];
        sum = new double[tags * zones];
        lastSeenMs = new long[tags * zones];
    }

    /**
     * @param tag         tag.
     * @param zone        location of the antenna that read it.
     * @param timestampMs read time.
     * @param rssiDb      RSSI in dBm.
     * @return the tag's location after the read.
     */
    int onRead(final int tag, final int zone, final long timestampMs, final double rssiDb)
    {
        final int s = tag * zones + zone;
        final double[] r = ring[s];
        final int slot = count[s] % WINDOW;
        if (count[s] >= WINDOW)
        {
            sum[s] -= r[slot];
        }
        r[slot] = rssiDb;
        sum[s] += rssiDb;
        count[s]++;
        lastSeenMs[s] = Math.max(lastSeenMs[s], timestampMs);

        final int incumbent = location[tag];
        if (incumbent < 0)
        {
            location[tag] = zone;
            return zone;
        }
        if (incumbent == zone || count[s] < MIN_READS)
        {
            return incumbent;
        }
        final int i = tag * zones + incumbent;
        final double offset = THRESHOLD_DB + SLOPE_DB_PER_MS * ((timestampMs - lastSeenMs[i]) - HOLDOFF_MS);
        if (mean(s) > mean(i) + offset)
        {
            location[tag] = zone;
            return zone;
        }
        return incumbent;
    }

    private double mean(final int s)
    {
        return sum[s] / Math.min(count[s], WINDOW);
    }
}
