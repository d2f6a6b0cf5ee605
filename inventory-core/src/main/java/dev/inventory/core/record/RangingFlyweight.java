package dev.inventory.core.record;

import java.nio.ByteBuffer;

import static dev.inventory.core.record.RecordDescriptor.BODY_OFFSET;

/**
 * A range measured between an RTLS anchor (the record source) and a tag, by two-way ranging.
 * <pre>
 *  |                  Header (type, flags, anchor, ts)             |  0..15
 *  |                          Tag id                               |  16
 *  |                        Distance (m, double)                   |  24
 *  |                   Range quality (0..1, double)                |  32
 *  |                          reserved                             |  40..63
 * </pre>
 * Instances are NOT threadsafe.
 */
public final class RangingFlyweight extends RecordFlyweight
{
    public static final int TAG_ID_OFFSET = BODY_OFFSET;
    public static final int DISTANCE_OFFSET = BODY_OFFSET + 8;
    public static final int QUALITY_OFFSET = BODY_OFFSET + 16;

    @Override
    public RangingFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * @param anchor      anchor id.
     * @param tagId       tag id.
     * @param distanceM   measured distance in metres.
     * @param quality     range quality, 0..1.
     * @param timestampMs measurement time in epoch ms.
     * @return this.
     */
    public RangingFlyweight set(
        final int anchor, final long tagId, final double distanceM, final double quality, final long timestampMs)
    {
        header(RecordType.RANGING, anchor, timestampMs);
        buffer.putLong(offset + TAG_ID_OFFSET, tagId);
        buffer.putDouble(offset + DISTANCE_OFFSET, distanceM);
        buffer.putDouble(offset + QUALITY_OFFSET, quality);
        return this;
    }

    /** @return anchor id. */
    public int anchor()
    {
        return source();
    }

    /** @return tag id. */
    public long tagId()
    {
        return buffer.getLong(offset + TAG_ID_OFFSET);
    }

    /** @return distance in metres. */
    public double distanceM()
    {
        return buffer.getDouble(offset + DISTANCE_OFFSET);
    }

    /** @return range quality, 0..1. */
    public double quality()
    {
        return buffer.getDouble(offset + QUALITY_OFFSET);
    }
}
