package dev.inventory.core.event;

import java.nio.ByteBuffer;

/**
 * An inventory event, a fixed {@link #LENGTH}-byte little-endian record.
 * <pre>
 *  |            Type               |            Detail             |  0
 *  |                       Source (reader)                         |  4
 *  |                      Timestamp (ms, epoch)                    |  8
 *  |                  EPC high 64 bits (bits 95..32)               |  16
 *  |        EPC low 32 bits        |        From zone id           |  24
 *  |         To zone id            |         Antenna port          |  32
 *  |                       Dwell in from zone (ms)                 |  40
 *  |                    Event sequence (engine-wide)               |  48
 *  |      RSSI (centi-dBm)         |        SKU handle             |  56
 * </pre>
 * The event sequence counts every event an engine ever emitted, so it is stable across replays and gives
 * downstream an idempotency key. Zone ids are -1 when not applicable. Instances are NOT threadsafe.
 */
public final class EventFlyweight
{
    /** Length of an event record in bytes. */
    public static final int LENGTH = 64;
    public static final int TYPE_OFFSET = 0;
    public static final int DETAIL_OFFSET = 2;
    public static final int SOURCE_OFFSET = 4;
    public static final int TIMESTAMP_OFFSET = 8;
    public static final int EPC_HIGH_OFFSET = 16;
    public static final int EPC_LOW_OFFSET = 24;
    public static final int FROM_ZONE_OFFSET = 28;
    public static final int TO_ZONE_OFFSET = 32;
    public static final int ANTENNA_OFFSET = 36;
    public static final int DWELL_OFFSET = 40;
    public static final int SEQUENCE_OFFSET = 48;
    public static final int RSSI_OFFSET = 56;
    public static final int SKU_OFFSET = 60;

    private ByteBuffer buffer;
    private int offset;

    /**
     * @param buffer little-endian buffer.
     * @param offset of the event.
     * @return this.
     */
    public EventFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Write a whole event.
     *
     * @param type         {@link EventType} code.
     * @param source       reader id, or 0.
     * @param timestampMs  event time (record time) in epoch ms.
     * @param epcHigh      EPC bits 95..32.
     * @param epcLow       EPC bits 31..0.
     * @param fromZone     zone left, or -1.
     * @param toZone       zone entered or current, or -1.
     * @param antenna      antenna port, or 0.
     * @param dwellMs      time spent in the from zone, or 0.
     * @param sequence     engine-wide event sequence.
     * @param rssiCentiDbm RSSI of the deciding read, or 0.
     * @param sku          SKU handle, or -1.
     * @return this.
     */
    public EventFlyweight set(
        final short type,
        final int source,
        final long timestampMs,
        final long epcHigh,
        final int epcLow,
        final int fromZone,
        final int toZone,
        final int antenna,
        final long dwellMs,
        final long sequence,
        final int rssiCentiDbm,
        final int sku)
    {
        final ByteBuffer buffer = this.buffer;
        final int offset = this.offset;
        buffer.putShort(offset + TYPE_OFFSET, type);
        buffer.putShort(offset + DETAIL_OFFSET, (short)0);
        buffer.putInt(offset + SOURCE_OFFSET, source);
        buffer.putLong(offset + TIMESTAMP_OFFSET, timestampMs);
        buffer.putLong(offset + EPC_HIGH_OFFSET, epcHigh);
        buffer.putInt(offset + EPC_LOW_OFFSET, epcLow);
        buffer.putInt(offset + FROM_ZONE_OFFSET, fromZone);
        buffer.putInt(offset + TO_ZONE_OFFSET, toZone);
        buffer.putInt(offset + ANTENNA_OFFSET, antenna);
        buffer.putLong(offset + DWELL_OFFSET, dwellMs);
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence);
        buffer.putInt(offset + RSSI_OFFSET, rssiCentiDbm);
        buffer.putInt(offset + SKU_OFFSET, sku);
        return this;
    }

    /** @return the buffer wrapped. */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /** @return the offset wrapped. */
    public int offset()
    {
        return offset;
    }

    /** @return {@link EventType} code. */
    public short type()
    {
        return buffer.getShort(offset + TYPE_OFFSET);
    }

    /** @return type-specific detail: for portal passes the confidence in permille; 0 when unused. */
    public short detail()
    {
        return buffer.getShort(offset + DETAIL_OFFSET);
    }

    /**
     * @param detail type-specific detail.
     * @return this.
     */
    public EventFlyweight detail(final short detail)
    {
        buffer.putShort(offset + DETAIL_OFFSET, detail);
        return this;
    }

    /** @return reader id or 0. */
    public int source()
    {
        return buffer.getInt(offset + SOURCE_OFFSET);
    }

    /** @return event time in epoch ms. */
    public long timestampMs()
    {
        return buffer.getLong(offset + TIMESTAMP_OFFSET);
    }

    /** @return EPC bits 95..32. */
    public long epcHigh()
    {
        return buffer.getLong(offset + EPC_HIGH_OFFSET);
    }

    /** @return EPC bits 31..0. */
    public int epcLow()
    {
        return buffer.getInt(offset + EPC_LOW_OFFSET);
    }

    /** @return zone left, or -1. */
    public int fromZone()
    {
        return buffer.getInt(offset + FROM_ZONE_OFFSET);
    }

    /** @return zone entered / current, or -1. */
    public int toZone()
    {
        return buffer.getInt(offset + TO_ZONE_OFFSET);
    }

    /** @return antenna port, or 0. */
    public int antenna()
    {
        return buffer.getInt(offset + ANTENNA_OFFSET);
    }

    /** @return dwell in the from zone in ms. */
    public long dwellMs()
    {
        return buffer.getLong(offset + DWELL_OFFSET);
    }

    /** @return engine-wide event sequence: stable across replays. */
    public long sequence()
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET);
    }

    /** @return RSSI in centi-dBm of the deciding read, or 0. */
    public int rssiCentiDbm()
    {
        return buffer.getInt(offset + RSSI_OFFSET);
    }

    /** @return SKU handle, or -1. */
    public int sku()
    {
        return buffer.getInt(offset + SKU_OFFSET);
    }

    /**
     * Copy this event into another buffer.
     *
     * @param dst       destination buffer, little-endian.
     * @param dstOffset destination offset.
     */
    public void copyTo(final ByteBuffer dst, final int dstOffset)
    {
        final ByteBuffer buffer = this.buffer;
        final int offset = this.offset;
        for (int i = 0; i < LENGTH; i += 8)
        {
            dst.putLong(dstOffset + i, buffer.getLong(offset + i));
        }
    }
}
