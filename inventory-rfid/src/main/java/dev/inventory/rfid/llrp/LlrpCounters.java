package dev.inventory.rfid.llrp;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of one LLRP client: written by its thread only (release stores), readable from any thread. Frame
 * rejects are counted in total and per {@link LlrpFrameError} reason.
 * <p>
 * Threadsafe: single writer, many readers.
 */
public final class LlrpCounters
{
    /** Frames decoded. */
    public static final int FRAMES = 0;
    /** Bytes received. */
    public static final int BYTES_RECEIVED = 1;
    /** RO_ACCESS_REPORT messages. */
    public static final int RO_ACCESS_REPORTS = 2;
    /** RO_ACCESS_REPORT messages without a TagReportData. */
    public static final int EMPTY_RO_ACCESS_REPORTS = 3;
    /** TagReportData parameters. */
    public static final int TAG_REPORTS = 4;
    /** Reads published into the engine (adapter). */
    public static final int READS_PUBLISHED = 5;
    /** Reads dropped: the engine did not take them in time, or it was closed (adapter). */
    public static final int READS_DROPPED = 6;
    /** KEEPALIVE messages received. */
    public static final int KEEPALIVES = 7;
    /** KEEPALIVE_ACK messages sent. */
    public static final int KEEPALIVE_ACKS = 8;
    /** READER_EVENT_NOTIFICATION messages. */
    public static final int READER_EVENTS = 9;
    /** ERROR_MESSAGE messages. */
    public static final int ERROR_MESSAGES = 10;
    /** Responses with a non-success LLRPStatus. */
    public static final int STATUS_ERRORS = 11;
    /** Connections set up (reached CONNECTED). */
    public static final int CONNECTS = 12;
    /** Connection attempts or setups that failed. */
    public static final int CONNECT_FAILURES = 13;
    /** Links lost after CONNECTED (any reason but a requested stop). */
    public static final int DISCONNECTS = 14;
    /** Links reset by the keepalive watchdog. */
    public static final int WATCHDOG_TIMEOUTS = 15;
    /** Frames rejected, all reasons. */
    public static final int FRAME_ERRORS = 16;
    /** Other messages skipped (CUSTOM_MESSAGE, unexpected types). */
    public static final int OTHER_MESSAGES = 17;
    /** First of the per-reason frame error counters: index {@code FRAME_ERROR_BASE - 1 - code}. */
    public static final int FRAME_ERROR_BASE = 18;
    /** Number of counters. */
    public static final int COUNT = FRAME_ERROR_BASE + LlrpFrameError.COUNT;

    private static final String[] LABELS = {
        "frames", "bytes_received", "ro_access_reports", "empty_ro_access_reports", "tag_reports", "reads_published",
        "reads_dropped", "keepalives", "keepalive_acks", "reader_events", "error_messages", "status_errors", "connects",
        "connect_failures", "disconnects", "watchdog_timeouts", "frame_errors", "other_messages" };

    private final AtomicLongArray values = new AtomicLongArray(COUNT);

    void increment(final int id)
    {
        values.setRelease(id, values.getPlain(id) + 1);
    }

    void add(final int id, final long delta)
    {
        values.setRelease(id, values.getPlain(id) + delta);
    }

    void frameError(final int code)
    {
        increment(FRAME_ERRORS);
        if (code < 0 && code >= -LlrpFrameError.COUNT)
        {
            increment(FRAME_ERROR_BASE - 1 - code);
        }
    }

    /**
     * @param id a counter id.
     * @return its value.
     */
    public long get(final int id)
    {
        return values.getAcquire(id);
    }

    /**
     * @param code an {@link LlrpFrameError} code.
     * @return frames rejected for that reason.
     */
    public long frameErrors(final int code)
    {
        return values.getAcquire(FRAME_ERROR_BASE - 1 - code);
    }

    /**
     * @param id a counter id.
     * @return its label.
     */
    public static String label(final int id)
    {
        return id < FRAME_ERROR_BASE ? LABELS[id] :
            "frame_error." + LlrpFrameError.reasonText(FRAME_ERROR_BASE - 1 - id).toLowerCase();
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < COUNT; i++)
        {
            final long value = get(i);
            if (value != 0)
            {
                sb.append(sb.length() == 0 ? "" : " ").append(label(i)).append('=').append(value);
            }
        }
        return sb.toString();
    }
}
