package dev.inventory.rfid.portal;

import java.util.Arrays;

/**
 * Configuration of one dock-door portal: the (reader, antenna) pairs of its outer group (the side a tag comes from
 * when it goes IN) and of its inner group, and the decision thresholds. Times are record time in ms, RSSI in dB.
 * Immutable and threadsafe; build with {@link #builder()}.
 */
public final class PortalSpec
{
    private final int portalId;
    private final long[] outerKeys;
    private final long[] innerKeys;
    private final int tagCapacity;
    private final long settleMs;
    private final long smoothingTauMs;
    private final int minReadsPerGroup;
    private final double minProminenceDb;
    private final long minSeparationMs;
    private final long separationScaleMs;
    private final long edgeScaleMs;
    private final double minConfidence;
    private final long maxTrackMs;
    private final long timerTickMs;
    private final int timerWheelSize;

    private PortalSpec(final Builder b)
    {
        portalId = b.portalId;
        outerKeys = b.outer;
        innerKeys = b.inner;
        tagCapacity = b.tagCapacity;
        settleMs = b.settleMs;
        smoothingTauMs = b.smoothingTauMs;
        minReadsPerGroup = b.minReadsPerGroup;
        minProminenceDb = b.minProminenceDb;
        minSeparationMs = b.minSeparationMs;
        separationScaleMs = b.separationScaleMs;
        edgeScaleMs = b.edgeScaleMs;
        minConfidence = b.minConfidence;
        maxTrackMs = b.maxTrackMs;
        timerTickMs = b.timerTickMs;
        timerWheelSize = b.timerWheelSize;
    }

    /** @return a builder with defaults tuned for a dock door with antennas about 1 m apart across the door. */
    public static Builder builder()
    {
        return new Builder();
    }

    static long key(final int reader, final int antenna)
    {
        return ((long)reader << 16) | (antenna & 0xFFFF);
    }

    /** @return portal id, reported with each pass (and as the event source by {@link PortalExtension}). */
    public int portalId()
    {
        return portalId;
    }

    long[] outerKeys()
    {
        return outerKeys.clone();
    }

    long[] innerKeys()
    {
        return innerKeys.clone();
    }

    /** @return most tags tracked at once; reads of further tags are counted and dropped. */
    public int tagCapacity()
    {
        return tagCapacity;
    }

    /** @return a pass is decided once its tag has not been read for this long. */
    public long settleMs()
    {
        return settleMs;
    }

    /** @return time constant of the RSSI smoothing in ms. */
    public long smoothingTauMs()
    {
        return smoothingTauMs;
    }

    /** @return reads each group needs for a direction. */
    public int minReadsPerGroup()
    {
        return minReadsPerGroup;
    }

    /** @return smoothed peak over mean RSSI a group needs for full confidence is 1.5x this; at 0.5x it is 0. */
    public double minProminenceDb()
    {
        return minProminenceDb;
    }

    /** @return weighted-centroid time separation between the groups below which a pass is NEAR. */
    public long minSeparationMs()
    {
        return minSeparationMs;
    }

    /** @return scale of the peak/centroid separations in the direction score. */
    public long separationScaleMs()
    {
        return separationScaleMs;
    }

    /** @return scale of the first-seen/last-seen differences in the direction score. */
    public long edgeScaleMs()
    {
        return edgeScaleMs;
    }

    /** @return confidence below which a pass is NEAR. */
    public double minConfidence()
    {
        return minConfidence;
    }

    /** @return a track read continuously for longer than this is restarted (a dwelling or staged tag). */
    public long maxTrackMs()
    {
        return maxTrackMs;
    }

    /** @return settle timer resolution in ms. */
    public long timerTickMs()
    {
        return timerTickMs;
    }

    /** @return settle timer wheel slots, a power of two. */
    public int timerWheelSize()
    {
        return timerWheelSize;
    }

    /** Fluent builder; {@link #build()} validates and names the bad field. NOT threadsafe. */
    public static final class Builder
    {
        private int portalId = 1;
        private long[] outer = new long[0];
        private long[] inner = new long[0];
        private int tagCapacity = 4096;
        private long settleMs = 1500;
        private long smoothingTauMs = 150;
        private int minReadsPerGroup = 3;
        private double minProminenceDb = 5.0;
        private long minSeparationMs = 80;
        private long separationScaleMs = 250;
        private long edgeScaleMs = 400;
        private double minConfidence = 0.45;
        private long maxTrackMs = 30_000;
        private long timerTickMs = 50;
        private int timerWheelSize = 1024;

        private Builder()
        {
        }

        /**
         * @param portalId portal id (default 1).
         * @return this.
         */
        public Builder portalId(final int portalId)
        {
            this.portalId = portalId;
            return this;
        }

        /**
         * @param reader  reader id.
         * @param antenna antenna port 1..65535 on the outer side.
         * @return this.
         */
        public Builder outer(final int reader, final int antenna)
        {
            outer = append(outer, reader, antenna, "outer");
            return this;
        }

        /**
         * @param reader  reader id.
         * @param antenna antenna port 1..65535 on the inner side.
         * @return this.
         */
        public Builder inner(final int reader, final int antenna)
        {
            inner = append(inner, reader, antenna, "inner");
            return this;
        }

        private static long[] append(final long[] keys, final int reader, final int antenna, final String field)
        {
            if (antenna < 1 || antenna > 0xFFFF)
            {
                throw new IllegalArgumentException(field + ": antenna must be in 1..65535: " + antenna);
            }
            final long[] copy = Arrays.copyOf(keys, keys.length + 1);
            copy[keys.length] = key(reader, antenna);
            return copy;
        }

        /**
         * @param tagCapacity tags tracked at once (default 4096).
         * @return this.
         */
        public Builder tagCapacity(final int tagCapacity)
        {
            this.tagCapacity = tagCapacity;
            return this;
        }

        /**
         * @param settleMs quiet time after which a pass is decided (default 1500).
         * @return this.
         */
        public Builder settleMs(final long settleMs)
        {
            this.settleMs = settleMs;
            return this;
        }

        /**
         * @param smoothingTauMs RSSI smoothing time constant (default 150).
         * @return this.
         */
        public Builder smoothingTauMs(final long smoothingTauMs)
        {
            this.smoothingTauMs = smoothingTauMs;
            return this;
        }

        /**
         * @param minReadsPerGroup reads each group needs for a direction (default 3).
         * @return this.
         */
        public Builder minReadsPerGroup(final int minReadsPerGroup)
        {
            this.minReadsPerGroup = minReadsPerGroup;
            return this;
        }

        /**
         * @param minProminenceDb peak prominence threshold in dB (default 5).
         * @return this.
         */
        public Builder minProminenceDb(final double minProminenceDb)
        {
            this.minProminenceDb = minProminenceDb;
            return this;
        }

        /**
         * @param minSeparationMs least centroid separation for a direction (default 80).
         * @return this.
         */
        public Builder minSeparationMs(final long minSeparationMs)
        {
            this.minSeparationMs = minSeparationMs;
            return this;
        }

        /**
         * @param separationScaleMs scale of peak/centroid separations in the score (default 250).
         * @return this.
         */
        public Builder separationScaleMs(final long separationScaleMs)
        {
            this.separationScaleMs = separationScaleMs;
            return this;
        }

        /**
         * @param edgeScaleMs scale of first/last-seen differences in the score (default 400).
         * @return this.
         */
        public Builder edgeScaleMs(final long edgeScaleMs)
        {
            this.edgeScaleMs = edgeScaleMs;
            return this;
        }

        /**
         * @param minConfidence confidence below which a pass is NEAR (default 0.45).
         * @return this.
         */
        public Builder minConfidence(final double minConfidence)
        {
            this.minConfidence = minConfidence;
            return this;
        }

        /**
         * @param maxTrackMs longest continuous track before it is restarted (default 30000).
         * @return this.
         */
        public Builder maxTrackMs(final long maxTrackMs)
        {
            this.maxTrackMs = maxTrackMs;
            return this;
        }

        /**
         * @param timerTickMs settle timer resolution (default 50).
         * @param wheelSize   settle timer wheel slots, a power of two (default 1024).
         * @return this.
         */
        public Builder timer(final long timerTickMs, final int wheelSize)
        {
            this.timerTickMs = timerTickMs;
            this.timerWheelSize = wheelSize;
            return this;
        }

        /**
         * @return the validated spec.
         * @throws IllegalArgumentException naming the bad field.
         */
        public PortalSpec build()
        {
            if (outer.length == 0)
            {
                throw new IllegalArgumentException("outer: at least one antenna");
            }
            if (inner.length == 0)
            {
                throw new IllegalArgumentException("inner: at least one antenna");
            }
            for (final long o : outer)
            {
                for (final long i : inner)
                {
                    if (o == i)
                    {
                        throw new IllegalArgumentException("inner: antenna also in outer: reader " + (o >> 16) +
                            " antenna " + (o & 0xFFFF));
                    }
                }
            }
            check(tagCapacity >= 1 && tagCapacity <= (1 << 24), "tagCapacity", tagCapacity);
            check(settleMs > 0, "settleMs", settleMs);
            check(smoothingTauMs >= 0, "smoothingTauMs", smoothingTauMs);
            check(minReadsPerGroup >= 1, "minReadsPerGroup", minReadsPerGroup);
            check(minProminenceDb > 0, "minProminenceDb", minProminenceDb);
            check(minSeparationMs >= 0, "minSeparationMs", minSeparationMs);
            check(separationScaleMs > 0, "separationScaleMs", separationScaleMs);
            check(edgeScaleMs > 0, "edgeScaleMs", edgeScaleMs);
            check(minConfidence >= 0 && minConfidence <= 1, "minConfidence", minConfidence);
            check(maxTrackMs > settleMs, "maxTrackMs", maxTrackMs);
            check(timerTickMs >= 1, "timerTickMs", timerTickMs);
            check(timerWheelSize >= 2 && Integer.bitCount(timerWheelSize) == 1, "timerWheelSize", timerWheelSize);
            return new PortalSpec(this);
        }

        private static void check(final boolean ok, final String field, final Object value)
        {
            if (!ok)
            {
                throw new IllegalArgumentException(field + " is out of range: " + value);
            }
        }
    }
}
