package dev.inventory.core.counter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Engine counters, each on its own cache line. Counters with ids below {@link #FIRST_SHARED} are written by the
 * engine thread only ({@link #increment(int)}, {@link #add(int, long)}: a plain read and a release store); the
 * others may be written by any thread ({@link #incrementShared(int)}: an atomic add). All are readable from any
 * thread with {@link #get(int)}. Threadsafe as described.
 */
public final class Counters
{
    /** Records taken off the ring (all types, including rejected ones). */
    public static final int RECORDS = 0;
    /** RFID reads accepted. */
    public static final int READS = 1;
    /** Reads merged into an open dedup window (not forwarded to the zone stage). */
    public static final int DEDUPED = 2;
    /** Records rejected, all reasons; see {@link RejectReason} for the split. */
    public static final int REJECTED = 3;
    /** Events handed to sinks. */
    public static final int EVENTS = 4;
    /** Appeared events. */
    public static final int APPEARED = 5;
    /** Moved events. */
    public static final int MOVED = 6;
    /** Disappeared events. */
    public static final int DISAPPEARED = 7;
    /** Tags present right now (a gauge). */
    public static final int TAGS_PRESENT = 8;
    /** Records written to the journal. */
    public static final int JOURNALED = 9;
    /** Journal lag: records on the ring not yet journaled (a gauge, sampled each duty cycle). */
    public static final int JOURNAL_LAG = 10;
    /** Commands applied. */
    public static final int COMMANDS = 11;
    /** Engine time: the highest record time seen, in epoch ms (a gauge). */
    public static final int ENGINE_TIME_MS = 12;
    /** Events a sink could not take because its buffer was full or it was parked. */
    public static final int SINK_DROPPED = 13;
    /** Sink failures (exceptions thrown by sinks). */
    public static final int SINK_ERRORS = 14;
    /** Snapshots written. */
    public static final int SNAPSHOTS = 15;
    /** Other records consumed (RTLS, barcode, measurement, sensor) that core passes to rules. */
    public static final int OTHER_RECORDS = 16;

    /** Missing tags forgotten after the retention time. */
    public static final int FORGOTTEN = 17;

    /** First id of counters written by many threads. */
    public static final int FIRST_SHARED = 24;
    /** Publish attempts refused because the ring was full. */
    public static final int BACK_PRESSURED = 24;
    /** Records an adapter gave up on (blocking publish timed out, or adapter chose to drop). */
    public static final int DROPPED = 25;
    /** Publish attempts refused because the engine was closed. */
    public static final int REFUSED_CLOSED = 26;

    /** First id of the per-reason rejection counters: {@code REJECT_BASE + reason}. */
    public static final int REJECT_BASE = 32;
    /** Number of counters. */
    public static final int COUNTER_COUNT = REJECT_BASE + RejectReason.REASON_COUNT;

    private static final int STRIDE = 8;
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values = new long[(COUNTER_COUNT + 2) * STRIDE];

    /**
     * Engine thread only.
     *
     * @param id counter id.
     */
    public void increment(final int id)
    {
        final int index = (id + 1) * STRIDE;
        VALUES.setRelease(values, index, values[index] + 1);
    }

    /**
     * Engine thread only.
     *
     * @param id    counter id.
     * @param delta to add.
     */
    public void add(final int id, final long delta)
    {
        final int index = (id + 1) * STRIDE;
        VALUES.setRelease(values, index, values[index] + delta);
    }

    /**
     * Engine thread only.
     *
     * @param id    counter id.
     * @param value to set.
     */
    public void set(final int id, final long value)
    {
        VALUES.setRelease(values, (id + 1) * STRIDE, value);
    }

    /**
     * Any thread.
     *
     * @param id counter id.
     */
    public void incrementShared(final int id)
    {
        VALUES.getAndAdd(values, (id + 1) * STRIDE, 1L);
    }

    /**
     * Engine thread only: count a rejection by reason and in the total.
     *
     * @param reason {@link RejectReason} code.
     */
    public void reject(final int reason)
    {
        increment(REJECTED);
        increment(REJECT_BASE + reason);
    }

    /**
     * Any thread.
     *
     * @param id counter id.
     * @return current value.
     */
    public long get(final int id)
    {
        return (long)VALUES.getAcquire(values, (id + 1) * STRIDE);
    }

    /**
     * Any thread.
     *
     * @param reason {@link RejectReason} code.
     * @return rejections for that reason.
     */
    public long rejected(final int reason)
    {
        return get(REJECT_BASE + reason);
    }

    /**
     * @param id counter id.
     * @return a label for reports.
     */
    public static String label(final int id)
    {
        if (id >= REJECT_BASE)
        {
            return "rejected." + RejectReason.name(id - REJECT_BASE);
        }
        switch (id)
        {
            case RECORDS: return "records";
            case READS: return "reads";
            case DEDUPED: return "deduped";
            case REJECTED: return "rejected";
            case EVENTS: return "events";
            case APPEARED: return "appeared";
            case MOVED: return "moved";
            case DISAPPEARED: return "disappeared";
            case TAGS_PRESENT: return "tags_present";
            case JOURNALED: return "journaled";
            case JOURNAL_LAG: return "journal_lag";
            case COMMANDS: return "commands";
            case ENGINE_TIME_MS: return "engine_time_ms";
            case SINK_DROPPED: return "sink_dropped";
            case SINK_ERRORS: return "sink_errors";
            case SNAPSHOTS: return "snapshots";
            case OTHER_RECORDS: return "other_records";
            case FORGOTTEN: return "forgotten";
            case BACK_PRESSURED: return "back_pressured";
            case DROPPED: return "dropped";
            case REFUSED_CLOSED: return "refused_closed";
            default: return null;
        }
    }

    /**
     * Render all named, non-zero counters as {@code name=value} pairs for logs and the CLI.
     *
     * @return text.
     */
    public String describe()
    {
        final StringBuilder sb = new StringBuilder();
        for (int id = 0; id < COUNTER_COUNT; id++)
        {
            final String label = label(id);
            final long value = get(id);
            if (null != label && (value != 0 || id < FIRST_SHARED && id <= READS))
            {
                if (sb.length() > 0)
                {
                    sb.append(' ');
                }
                sb.append(label).append('=').append(value);
            }
        }
        return sb.toString();
    }
}
