package dev.inventory.core.record;

import java.nio.ByteBuffer;

import static dev.inventory.core.record.RecordDescriptor.BODY_OFFSET;

/**
 * A solved position of a tag, in site coordinates (metres), from an RTLS solver (the record source).
 * <pre>
 *  |                 Header (type, flags, solver, ts)              |  0..15
 *  |                          Tag id                               |  16
 *  |                          X (m, double)                        |  24
 *  |                          Y (m, double)                        |  32
 *  |                          Z (m, double)                        |  40
 *  |                Quality: residual RMS (m, double)              |  48
 *  |                          reserved                             |  56
 * </pre>
 * Instances are NOT threadsafe.
 */
public final class PositionFlyweight extends RecordFlyweight
{
    public static final int TAG_ID_OFFSET = BODY_OFFSET;
    public static final int X_OFFSET = BODY_OFFSET + 8;
    public static final int Y_OFFSET = BODY_OFFSET + 16;
    public static final int Z_OFFSET = BODY_OFFSET + 24;
    public static final int QUALITY_OFFSET = BODY_OFFSET + 32;

    @Override
    public PositionFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * @param solver      solver or device id.
     * @param tagId       tag id.
     * @param xM          x in metres.
     * @param yM          y in metres.
     * @param zM          z in metres.
     * @param qualityM    residual RMS in metres.
     * @param timestampMs fix time in epoch ms.
     * @return this.
     */
    public PositionFlyweight set(
        final int solver,
        final long tagId,
        final double xM,
        final double yM,
        final double zM,
        final double qualityM,
        final long timestampMs)
    {
        header(RecordType.POSITION, solver, timestampMs);
        final ByteBuffer buffer = this.buffer;
        final int offset = this.offset;
        buffer.putLong(offset + TAG_ID_OFFSET, tagId);
        buffer.putDouble(offset + X_OFFSET, xM);
        buffer.putDouble(offset + Y_OFFSET, yM);
        buffer.putDouble(offset + Z_OFFSET, zM);
        buffer.putDouble(offset + QUALITY_OFFSET, qualityM);
        return this;
    }

    /** @return tag id. */
    public long tagId()
    {
        return buffer.getLong(offset + TAG_ID_OFFSET);
    }

    /** @return x in metres. */
    public double xM()
    {
        return buffer.getDouble(offset + X_OFFSET);
    }

    /** @return y in metres. */
    public double yM()
    {
        return buffer.getDouble(offset + Y_OFFSET);
    }

    /** @return z in metres. */
    public double zM()
    {
        return buffer.getDouble(offset + Z_OFFSET);
    }

    /** @return residual RMS in metres. */
    public double qualityM()
    {
        return buffer.getDouble(offset + QUALITY_OFFSET);
    }
}
