package dev.inventory.rtls.ble;

/**
 * Zone of BLE tags by strongest receiver, with hysteresis so that a tag between two rooms does not flap.
 * <ol>
 * <li>Smoothing per (tag, receiver): exponential moving average of the RSSI in dB,
 * {@code s += alpha (rssi - s)} per reading ({@link Config#smoothingAlpha(double)}); a receiver not heard for
 * {@link Config#staleAfterMs(long)} restarts from the next raw reading and does not compete meanwhile.</li>
 * <li>Zone score: the strongest smoothed RSSI among the zone's fresh receivers (receivers map to zones,
 * several receivers may share a zone).</li>
 * <li>Hysteresis: the tag stays in its incumbent zone until a challenger zone scores at least
 * {@link Config#marginDb(double)} above it continuously for {@link Config#holdMs(long)} (measured on reading
 * timestamps); a challenger that drops below the margin loses its claim. If none of the incumbent's receivers is
 * fresh, the best zone takes over at once. The first reading of a tag places it in the best zone.</li>
 * </ol>
 * Time comes from the readings ({@code timestampMs}), so replays are deterministic. Per-tag state lives in
 * preallocated primitive arrays (open-addressing tag table, sized for {@link Config#maxTags(int)}): no allocation
 * per reading. Tags are never evicted.
 * <p>
 * Instances are NOT threadsafe: one thread feeds and reads a tracker.
 */
public final class BleZoneTracker
{
    /** No zone yet (tag unknown). */
    public static final int NO_ZONE = -1;
    /** The receiver index is outside 0..receiverCount-1. */
    public static final int UNKNOWN_RECEIVER = -2;
    /** A new tag does not fit: {@link Config#maxTags(int)} reached. */
    public static final int TAG_CAPACITY_EXCEEDED = -3;
    /** The RSSI is not finite or outside -130..+20 dBm. */
    public static final int BAD_RSSI = -4;

    /**
     * Tracker settings, validated by {@link #conclude()}. Instances are NOT threadsafe.
     */
    public static final class Config
    {
        private int maxTags = 1024;
        private int[] receiverZones;
        private double smoothingAlpha = 0.15;
        private long staleAfterMs = 5_000;
        private double marginDb = 6.0;
        private long holdMs = 3_000;
        private PathLossModel pathLoss = new PathLossModel(-59.0, 2.0);

        /**
         * @param maxTags most distinct tags (default 1024).
         * @return this.
         */
        public Config maxTags(final int maxTags)
        {
            this.maxTags = maxTags;
            return this;
        }

        /**
         * @param receiverZones zone id (&gt;= 0) of each receiver, indexed by receiver index (copied; required).
         * @return this.
         */
        public Config receiverZones(final int... receiverZones)
        {
            this.receiverZones = receiverZones == null ? null : receiverZones.clone();
            return this;
        }

        /**
         * @param smoothingAlpha EMA weight of a new reading, in (0, 1] (default 0.15; 1 = no smoothing).
         * @return this.
         */
        public Config smoothingAlpha(final double smoothingAlpha)
        {
            this.smoothingAlpha = smoothingAlpha;
            return this;
        }

        /**
         * @param staleAfterMs a receiver not heard for longer than this stops competing (default 5000 ms).
         * @return this.
         */
        public Config staleAfterMs(final long staleAfterMs)
        {
            this.staleAfterMs = staleAfterMs;
            return this;
        }

        /**
         * @param marginDb how many dB a challenger zone must beat the incumbent by (default 6; 0 with hold 0 = plain
         *                 strongest receiver).
         * @return this.
         */
        public Config marginDb(final double marginDb)
        {
            this.marginDb = marginDb;
            return this;
        }

        /**
         * @param holdMs how long a challenger must keep its margin before the zone changes (default 3000 ms).
         * @return this.
         */
        public Config holdMs(final long holdMs)
        {
            this.holdMs = holdMs;
            return this;
        }

        /**
         * @param pathLoss model for {@link BleZoneTracker#distanceM(long, int)} (default P0 -59 dBm, n 2.0).
         * @return this.
         */
        public Config pathLoss(final PathLossModel pathLoss)
        {
            this.pathLoss = pathLoss;
            return this;
        }

        /**
         * Validate.
         *
         * @return this.
         * @throws IllegalArgumentException naming the bad field.
         */
        public Config conclude()
        {
            require(maxTags >= 1 && maxTags <= 1 << 24, "maxTags", maxTags);
            require(receiverZones != null && receiverZones.length >= 1, "receiverZones", 0);
            for (final int zone : receiverZones)
            {
                require(zone >= 0, "receiverZones", zone);
            }
            require(smoothingAlpha > 0 && smoothingAlpha <= 1, "smoothingAlpha", smoothingAlpha);
            require(staleAfterMs > 0, "staleAfterMs", staleAfterMs);
            require(marginDb >= 0 && Double.isFinite(marginDb), "marginDb", marginDb);
            require(holdMs >= 0, "holdMs", holdMs);
            require(pathLoss != null, "pathLoss", 0);
            return this;
        }

        private static void require(final boolean ok, final String field, final double value)
        {
            if (!ok)
            {
                throw new IllegalArgumentException("invalid " + field + ": " + value);
            }
        }
    }

    private static final long EMPTY_KEY = Long.MIN_VALUE;
    private static final long NEVER = Long.MIN_VALUE;

    private final int receiverCount;
    private final int zoneCount;
    private final int[] receiverZoneIndex;
    private final int[] zoneIds;
    private final double alpha;
    private final long staleAfterMs;
    private final double marginDb;
    private final long holdMs;
    private final PathLossModel pathLoss;

    private final long[] keys;
    private final int[] slotOfKey;
    private final int mask;
    private final int maxTags;
    private int tags;
    private boolean emptyKeyUsed;
    private int emptyKeySlot;

    private final double[] smoothedDbm;
    private final long[] lastMs;
    private final int[] incumbent;
    private final int[] challenger;
    private final long[] challengerSinceMs;
    private final double[] zoneScore;

    private boolean lastChanged;
    private long zoneChanges;

    /**
     * @param config settings, validated here.
     */
    public BleZoneTracker(final Config config)
    {
        config.conclude();
        final int[] zones = config.receiverZones;
        receiverCount = zones.length;
        receiverZoneIndex = new int[receiverCount];
        final int[] ids = new int[receiverCount];
        int distinct = 0;
        for (int r = 0; r < receiverCount; r++)
        {
            int z = 0;
            while (z < distinct && ids[z] != zones[r])
            {
                z++;
            }
            if (z == distinct)
            {
                ids[distinct++] = zones[r];
            }
            receiverZoneIndex[r] = z;
        }
        zoneCount = distinct;
        zoneIds = java.util.Arrays.copyOf(ids, distinct);
        alpha = config.smoothingAlpha;
        staleAfterMs = config.staleAfterMs;
        marginDb = config.marginDb;
        holdMs = config.holdMs;
        pathLoss = config.pathLoss;
        maxTags = config.maxTags;
        final int tableSize = Integer.highestOneBit(Math.max(2, maxTags * 2 - 1)) << 1; // load <= 0.5
        keys = new long[tableSize];
        java.util.Arrays.fill(keys, EMPTY_KEY);
        slotOfKey = new int[tableSize];
        mask = tableSize - 1;
        smoothedDbm = new double[maxTags * receiverCount];
        lastMs = new long[maxTags * receiverCount];
        java.util.Arrays.fill(lastMs, NEVER);
        incumbent = new int[maxTags];
        challenger = new int[maxTags];
        challengerSinceMs = new long[maxTags];
        zoneScore = new double[zoneCount];
    }

    /**
     * Feed one reading.
     *
     * @param tagId       tag id (any long).
     * @param receiver    receiver index, 0..receiverCount-1.
     * @param timestampMs reading time in epoch milliseconds (from the record).
     * @param rssiDbm     RSSI in dBm.
     * @return the tag's zone id after this reading (&gt;= 0), or {@link #UNKNOWN_RECEIVER},
     * {@link #TAG_CAPACITY_EXCEEDED}, {@link #BAD_RSSI} (the reading is then ignored).
     * {@link #lastChanged()} tells whether this reading changed the zone.
     */
    public int onRssi(final long tagId, final int receiver, final long timestampMs, final double rssiDbm)
    {
        lastChanged = false;
        if (receiver < 0 || receiver >= receiverCount)
        {
            return UNKNOWN_RECEIVER;
        }
        if (!(rssiDbm >= -130.0 && rssiDbm <= 20.0))
        {
            return BAD_RSSI;
        }
        final int slot = slotFor(tagId, true);
        if (slot < 0)
        {
            return TAG_CAPACITY_EXCEEDED;
        }
        final int receiverCount = this.receiverCount;
        final int base = slot * receiverCount;
        final double[] smoothedDbm = this.smoothedDbm;
        final long[] lastMs = this.lastMs;
        final int k = base + receiver;
        final long last = lastMs[k];
        if (last == NEVER || timestampMs - last > staleAfterMs)
        {
            smoothedDbm[k] = rssiDbm;
        }
        else
        {
            smoothedDbm[k] += alpha * (rssiDbm - smoothedDbm[k]);
        }
        if (last == NEVER || timestampMs > last)
        {
            lastMs[k] = timestampMs;
        }

        final double[] score = this.zoneScore;
        for (int z = 0; z < zoneCount; z++)
        {
            score[z] = Double.NEGATIVE_INFINITY;
        }
        for (int r = 0; r < receiverCount; r++)
        {
            final long seen = lastMs[base + r];
            if (seen != NEVER && timestampMs - seen <= staleAfterMs)
            {
                final int z = receiverZoneIndex[r];
                score[z] = Math.max(score[z], smoothedDbm[base + r]);
            }
        }
        final int current = incumbent[slot];
        int best = current;
        double bestDbm = current >= 0 ? score[current] : Double.NEGATIVE_INFINITY;
        for (int z = 0; z < zoneCount; z++)
        {
            if (score[z] > bestDbm)
            {
                best = z;
                bestDbm = score[z];
            }
        }
        if (current < 0 || score[current] == Double.NEGATIVE_INFINITY)
        {
            switchTo(slot, best);
        }
        else if (best == current || bestDbm < score[current] + marginDb)
        {
            challenger[slot] = -1;
        }
        else
        {
            if (challenger[slot] != best)
            {
                challenger[slot] = best;
                challengerSinceMs[slot] = timestampMs;
            }
            if (timestampMs - challengerSinceMs[slot] >= holdMs)
            {
                switchTo(slot, best);
            }
        }
        return zoneIds[incumbent[slot]];
    }

    /** @return true if the last {@link #onRssi(long, int, long, double)} changed (or first set) the tag's zone. */
    public boolean lastChanged()
    {
        return lastChanged;
    }

    /** @return zone changes so far, first placements included. */
    public long zoneChanges()
    {
        return zoneChanges;
    }

    /** @return distinct tags seen. */
    public int tagCount()
    {
        return tags;
    }

    /**
     * @param tagId tag id.
     * @return the tag's zone id, or {@link #NO_ZONE} if never seen.
     */
    public int zoneOf(final long tagId)
    {
        final int slot = slotFor(tagId, false);
        return slot < 0 || incumbent[slot] < 0 ? NO_ZONE : zoneIds[incumbent[slot]];
    }

    /**
     * @param tagId    tag id.
     * @param receiver receiver index.
     * @return smoothed RSSI in dBm, NaN if the pair was never heard.
     */
    public double smoothedRssiDbm(final long tagId, final int receiver)
    {
        final int slot = slotFor(tagId, false);
        if (slot < 0 || receiver < 0 || receiver >= receiverCount || lastMs[slot * receiverCount + receiver] == NEVER)
        {
            return Double.NaN;
        }
        return smoothedDbm[slot * receiverCount + receiver];
    }

    /**
     * @param tagId    tag id.
     * @param receiver receiver index.
     * @return distance in metres from the smoothed RSSI through the path-loss model, NaN if never heard.
     */
    public double distanceM(final long tagId, final int receiver)
    {
        final double rssi = smoothedRssiDbm(tagId, receiver);
        return rssi != rssi ? Double.NaN : pathLoss.distanceM(rssi);
    }

    private void switchTo(final int slot, final int zone)
    {
        if (incumbent[slot] != zone)
        {
            incumbent[slot] = zone;
            lastChanged = true;
            zoneChanges++;
        }
        challenger[slot] = -1;
    }

    private int slotFor(final long tagId, final boolean insert)
    {
        if (tagId == EMPTY_KEY)
        {
            if (!emptyKeyUsed)
            {
                if (!insert || tags == maxTags)
                {
                    return -1;
                }
                emptyKeyUsed = true;
                emptyKeySlot = newSlot();
            }
            return emptyKeySlot;
        }
        final long[] keys = this.keys;
        final int mask = this.mask;
        final long h = tagId * 0x9E3779B97F4A7C15L;
        int i = (int)(h ^ (h >>> 32)) & mask;
        while (true)
        {
            final long key = keys[i];
            if (key == tagId)
            {
                return slotOfKey[i];
            }
            if (key == EMPTY_KEY)
            {
                if (!insert || tags == maxTags)
                {
                    return -1;
                }
                keys[i] = tagId;
                final int slot = newSlot();
                slotOfKey[i] = slot;
                return slot;
            }
            i = (i + 1) & mask;
        }
    }

    private int newSlot()
    {
        final int slot = tags++;
        incumbent[slot] = -1;
        challenger[slot] = -1;
        return slot;
    }
}
