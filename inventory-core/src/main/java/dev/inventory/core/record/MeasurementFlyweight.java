package dev.inventory.core.record;

import java.nio.ByteBuffer;

import static dev.inventory.core.record.RecordDescriptor.BODY_OFFSET;

/**
 * A weight or level reading from a scale or level sensor (the source) about a subject (container, bin, zone).
 * <pre>
 *  |                Header (type, flags, device, ts)               |  0..15
 *  |                     Subject id (long)                         |  16
 *  |                        Value (double)                         |  24
 *  |            Kind               |             Unit              |  32
 *  |                          reserved                             |  40..63
 * </pre>
 * Instances are NOT threadsafe.
 */
public final class MeasurementFlyweight extends RecordFlyweight
{
    public static final int SUBJECT_OFFSET = BODY_OFFSET;
    public static final int VALUE_OFFSET = BODY_OFFSET + 8;
    public static final int KIND_OFFSET = BODY_OFFSET + 16;
    public static final int UNIT_OFFSET = BODY_OFFSET + 20;

    /** Kind: net weight. */
    public static final int KIND_WEIGHT = 1;
    /** Kind: fill level. */
    public static final int KIND_LEVEL = 2;
    /** Unit: kilograms. */
    public static final int UNIT_KG = 1;
    /** Unit: percent of capacity. */
    public static final int UNIT_PERCENT = 2;
    /** Unit: litres. */
    public static final int UNIT_LITRE = 3;

    @Override
    public MeasurementFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * @param device      scale or sensor id.
     * @param subjectId   container, bin or zone id.
     * @param kind        {@link #KIND_WEIGHT} or {@link #KIND_LEVEL}.
     * @param value       the value, in unit.
     * @param unit        unit code.
     * @param timestampMs reading time in epoch ms.
     * @return this.
     */
    public MeasurementFlyweight set(
        final int device, final long subjectId, final int kind, final double value, final int unit, final long timestampMs)
    {
        header(RecordType.MEASUREMENT, device, timestampMs);
        buffer.putLong(offset + SUBJECT_OFFSET, subjectId);
        buffer.putDouble(offset + VALUE_OFFSET, value);
        buffer.putInt(offset + KIND_OFFSET, kind);
        buffer.putInt(offset + UNIT_OFFSET, unit);
        return this;
    }

    /** @return subject id. */
    public long subjectId()
    {
        return buffer.getLong(offset + SUBJECT_OFFSET);
    }

    /** @return value in {@link #unit()}. */
    public double value()
    {
        return buffer.getDouble(offset + VALUE_OFFSET);
    }

    /** @return kind code. */
    public int kind()
    {
        return buffer.getInt(offset + KIND_OFFSET);
    }

    /** @return unit code. */
    public int unit()
    {
        return buffer.getInt(offset + UNIT_OFFSET);
    }
}
