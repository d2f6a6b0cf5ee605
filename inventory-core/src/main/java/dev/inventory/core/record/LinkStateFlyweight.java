package dev.inventory.core.record;

import java.nio.ByteBuffer;

import static dev.inventory.core.record.RecordDescriptor.BODY_OFFSET;

/**
 * A device link changed state: the reader (the record source) connected or lost its link. While a reader's link is
 * down, tags it last saw are not timed out (a dropped link is not an empty dock door); the presence timeout counts
 * again from the moment the link comes back.
 * <pre>
 *  |               Header (type, flags, reader, ts)                |  0..15
 *  |         State (0 down, 1 up)  |        Reason code            |  16
 *  |                          reserved                             |  24..63
 * </pre>
 * Instances are NOT threadsafe.
 */
public final class LinkStateFlyweight extends RecordFlyweight
{
    public static final int STATE_OFFSET = BODY_OFFSET;
    public static final int REASON_OFFSET = BODY_OFFSET + 4;

    /** The link is down: connecting, reconnecting or closed. */
    public static final int DOWN = 0;
    /** The link is up and the device is delivering. */
    public static final int UP = 1;

    @Override
    public LinkStateFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * @param reader      reader id.
     * @param state       {@link #UP} or {@link #DOWN}.
     * @param reason      adapter-specific reason code (0 if none).
     * @param timestampMs time of the change, epoch ms.
     * @return this.
     */
    public LinkStateFlyweight set(final int reader, final int state, final int reason, final long timestampMs)
    {
        header(RecordType.LINK_STATE, reader, timestampMs);
        buffer.putInt(offset + STATE_OFFSET, state);
        buffer.putInt(offset + REASON_OFFSET, reason);
        return this;
    }

    /** @return reader id. */
    public int reader()
    {
        return source();
    }

    /** @return {@link #UP} or {@link #DOWN}. */
    public int state()
    {
        return buffer.getInt(offset + STATE_OFFSET);
    }

    /** @return reason code. */
    public int reason()
    {
        return buffer.getInt(offset + REASON_OFFSET);
    }
}
