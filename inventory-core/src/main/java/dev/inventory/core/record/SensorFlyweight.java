package dev.inventory.core.record;

import java.nio.ByteBuffer;

import static dev.inventory.core.record.RecordDescriptor.BODY_OFFSET;

/**
 * An environmental sensor reading (temperature, humidity, ...) from a sensor (the source) about a subject (zone
 * or container). Also carries radio signal strength: with {@link #QUANTITY_RSSI} the source is a receiver (BLE
 * gateway), the subject the beacon's tag id and the value the RSSI of one advertisement in dBm
 * ({@link #UNIT_DBM}); inventory-rtls turns these into BLE zone events.
 * <pre>
 *  |                Header (type, flags, sensor, ts)               |  0..15
 *  |                     Subject id (long)                         |  16
 *  |                        Value (double)                         |  24
 *  |          Quantity             |             Unit              |  32
 *  |                          reserved                             |  40..63
 * </pre>
 * Instances are NOT threadsafe.
 */
public final class SensorFlyweight extends RecordFlyweight
{
    public static final int SUBJECT_OFFSET = BODY_OFFSET;
    public static final int VALUE_OFFSET = BODY_OFFSET + 8;
    public static final int QUANTITY_OFFSET = BODY_OFFSET + 16;
    public static final int UNIT_OFFSET = BODY_OFFSET + 20;

    /** Quantity: temperature. */
    public static final int QUANTITY_TEMPERATURE = 1;
    /** Quantity: relative humidity. */
    public static final int QUANTITY_HUMIDITY = 2;
    /** Unit: degrees Celsius. */
    public static final int UNIT_CELSIUS = 1;
    /** Unit: percent relative humidity. */
    public static final int UNIT_PERCENT_RH = 2;
    /**
     * Quantity: received signal strength of a radio beacon (BLE advertisement) at a receiver; source = receiver id,
     * subject = tag id, value in {@link #UNIT_DBM}.
     */
    public static final int QUANTITY_RSSI = 3;
    /** Unit: dBm (decibel-milliwatts), for {@link #QUANTITY_RSSI}. */
    public static final int UNIT_DBM = 3;

    @Override
    public SensorFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * @param sensor      sensor id.
     * @param subjectId   zone or container id.
     * @param quantity    quantity code.
     * @param value       value in unit.
     * @param unit        unit code.
     * @param timestampMs reading time in epoch ms.
     * @return this.
     */
    public SensorFlyweight set(
        final int sensor,
        final long subjectId,
        final int quantity,
        final double value,
        final int unit,
        final long timestampMs)
    {
        header(RecordType.SENSOR, sensor, timestampMs);
        buffer.putLong(offset + SUBJECT_OFFSET, subjectId);
        buffer.putDouble(offset + VALUE_OFFSET, value);
        buffer.putInt(offset + QUANTITY_OFFSET, quantity);
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

    /** @return quantity code. */
    public int quantity()
    {
        return buffer.getInt(offset + QUANTITY_OFFSET);
    }

    /** @return unit code. */
    public int unit()
    {
        return buffer.getInt(offset + UNIT_OFFSET);
    }
}
