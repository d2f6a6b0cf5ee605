package dev.inventory.rfid.ale;

import java.util.Objects;

/**
 * The boundaries and reporting options of ALE 1.1-style event cycles (the parts of an ECSpec this module
 * implements): {@code duration}, {@code repeatPeriod}, {@code stableSetInterval}, {@code reportIfEmpty},
 * {@code reportOnlyOnChange} and include/exclude filters. Times are record time in ms.
 * <ul>
 *   <li>A cycle ends after {@link Builder#durationMs(long)} from its start, or once no new EPC has been read for
 *   {@link Builder#stableSetIntervalMs(long)} (measured from the start, then from the last new EPC), whichever
 *   comes first. At least one of the two must be set.</li>
 *   <li>With a {@link Builder#repeatPeriodMs(long)} the next cycle starts one repeat period after the start of the
 *   previous one, or when the previous one ends if that is later; reads in between belong to no cycle. Without,
 *   the next cycle starts when the previous one ends.</li>
 * </ul>
 * Immutable and threadsafe; build with {@link #builder(String)}.
 */
public final class EventCycleSpec
{
    private final String name;
    private final long durationMs;
    private final long repeatPeriodMs;
    private final long stableSetIntervalMs;
    private final int capacity;
    private final boolean reportIfEmpty;
    private final boolean reportOnlyOnChange;
    private final EpcFilter include;
    private final EpcFilter exclude;

    private EventCycleSpec(final Builder b)
    {
        this.name = b.name;
        this.durationMs = b.durationMs;
        this.repeatPeriodMs = b.repeatPeriodMs;
        this.stableSetIntervalMs = b.stableSetIntervalMs;
        this.capacity = b.capacity;
        this.reportIfEmpty = b.reportIfEmpty;
        this.reportOnlyOnChange = b.reportOnlyOnChange;
        this.include = b.include;
        this.exclude = b.exclude;
    }

    /**
     * @param name spec name, reported with each cycle.
     * @return a builder.
     */
    public static Builder builder(final String name)
    {
        return new Builder(name);
    }

    /** @return spec name. */
    public String name()
    {
        return name;
    }

    /** @return cycle duration in ms, 0 if none. */
    public long durationMs()
    {
        return durationMs;
    }

    /** @return repeat period in ms, 0 if none. */
    public long repeatPeriodMs()
    {
        return repeatPeriodMs;
    }

    /** @return stable-set interval in ms, 0 if none. */
    public long stableSetIntervalMs()
    {
        return stableSetIntervalMs;
    }

    /** @return most distinct EPCs per cycle; further EPCs are counted as overflow and dropped. */
    public int capacity()
    {
        return capacity;
    }

    /** @return true if cycles with empty CURRENT, ADDITIONS and DELETIONS are reported. */
    public boolean reportIfEmpty()
    {
        return reportIfEmpty;
    }

    /** @return true if cycles whose set equals the previous cycle's are not reported. */
    public boolean reportOnlyOnChange()
    {
        return reportOnlyOnChange;
    }

    /** @return include filter ({@link EpcFilter#ALL} if none). */
    public EpcFilter include()
    {
        return include;
    }

    /** @return exclude filter, or null if none. */
    public EpcFilter exclude()
    {
        return exclude;
    }

    /** Fluent builder; {@link #build()} validates and names the bad field. NOT threadsafe. */
    public static final class Builder
    {
        private final String name;
        private long durationMs;
        private long repeatPeriodMs;
        private long stableSetIntervalMs;
        private int capacity = 4096;
        private boolean reportIfEmpty;
        private boolean reportOnlyOnChange;
        private EpcFilter include = EpcFilter.ALL;
        private EpcFilter exclude;

        private Builder(final String name)
        {
            this.name = name;
        }

        /**
         * @param durationMs cycle duration in ms, 0 for none.
         * @return this.
         */
        public Builder durationMs(final long durationMs)
        {
            this.durationMs = durationMs;
            return this;
        }

        /**
         * @param repeatPeriodMs period between cycle starts in ms, 0 for none.
         * @return this.
         */
        public Builder repeatPeriodMs(final long repeatPeriodMs)
        {
            this.repeatPeriodMs = repeatPeriodMs;
            return this;
        }

        /**
         * @param stableSetIntervalMs end a cycle once no new EPC was read for this long, 0 for none.
         * @return this.
         */
        public Builder stableSetIntervalMs(final long stableSetIntervalMs)
        {
            this.stableSetIntervalMs = stableSetIntervalMs;
            return this;
        }

        /**
         * @param capacity most distinct EPCs per cycle (default 4096).
         * @return this.
         */
        public Builder capacity(final int capacity)
        {
            this.capacity = capacity;
            return this;
        }

        /**
         * @param reportIfEmpty report cycles with nothing to report (default false).
         * @return this.
         */
        public Builder reportIfEmpty(final boolean reportIfEmpty)
        {
            this.reportIfEmpty = reportIfEmpty;
            return this;
        }

        /**
         * @param reportOnlyOnChange report a cycle only if its set differs from the previous cycle's (default false).
         * @return this.
         */
        public Builder reportOnlyOnChange(final boolean reportOnlyOnChange)
        {
            this.reportOnlyOnChange = reportOnlyOnChange;
            return this;
        }

        /**
         * @param include only EPCs it accepts take part (ALE include patterns).
         * @return this.
         */
        public Builder include(final EpcFilter include)
        {
            this.include = Objects.requireNonNull(include, "include");
            return this;
        }

        /**
         * @param exclude EPCs it accepts are left out (ALE exclude patterns), or null.
         * @return this.
         */
        public Builder exclude(final EpcFilter exclude)
        {
            this.exclude = exclude;
            return this;
        }

        /**
         * @return the validated spec.
         * @throws IllegalArgumentException naming the bad field.
         */
        public EventCycleSpec build()
        {
            if (null == name || name.isBlank())
            {
                throw new IllegalArgumentException("name must not be blank");
            }
            if (durationMs < 0)
            {
                throw new IllegalArgumentException("durationMs must be >= 0: " + durationMs);
            }
            if (repeatPeriodMs < 0)
            {
                throw new IllegalArgumentException("repeatPeriodMs must be >= 0: " + repeatPeriodMs);
            }
            if (stableSetIntervalMs < 0)
            {
                throw new IllegalArgumentException("stableSetIntervalMs must be >= 0: " + stableSetIntervalMs);
            }
            if (durationMs == 0 && stableSetIntervalMs == 0)
            {
                throw new IllegalArgumentException("durationMs or stableSetIntervalMs must be set: a cycle must end");
            }
            if (capacity < 1 || capacity > (1 << 24))
            {
                throw new IllegalArgumentException("capacity must be in 1..2^24: " + capacity);
            }
            return new EventCycleSpec(this);
        }
    }
}
