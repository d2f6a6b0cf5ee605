package dev.inventory.core.record;

import java.nio.ByteBuffer;

import static dev.inventory.core.record.RecordDescriptor.BODY_OFFSET;

/**
 * An RFID tag read: one tag seen by one reader antenna, possibly pre-merged by the reader (LLRP TagSeenCount).
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                  Header (type, flags, reader, ts)             |  0..15   ts = last seen (ms)
 *  +---------------------------------------------------------------+
 *  |                  EPC high 64 bits (bits 95..32)               |  16
 *  +-------------------------------+-------------------------------+
 *  |        EPC low 32 bits        | EPC bit length|   Antenna     |  24
 *  +-------------------------------+-------------------------------+
 *  |      Peak RSSI (centi-dBm)    |          Seen count           |  32
 *  +---------------+---------------+-------------------------------+
 *  | Channel index |   reserved    |           reserved            |  40
 *  +---------------+---------------+-------------------------------+
 *  |                   First seen (ms, epoch)                      |  48
 *  +---------------------------------------------------------------+
 *  |                          reserved                             |  56
 *  +---------------------------------------------------------------+
 * </pre>
 * EPCs shorter than 96 bits are left-aligned in the high word; EPCs longer than 96 bits are carried as their first
 * 96 bits with {@link #epcBitLength()} giving the true length. Instances are NOT threadsafe.
 */
public final class RfidReadFlyweight extends RecordFlyweight
{
    public static final int EPC_HIGH_OFFSET = BODY_OFFSET;
    public static final int EPC_LOW_OFFSET = BODY_OFFSET + 8;
    public static final int EPC_BIT_LENGTH_OFFSET = BODY_OFFSET + 12;
    public static final int ANTENNA_OFFSET = BODY_OFFSET + 14;
    public static final int RSSI_OFFSET = BODY_OFFSET + 16;
    public static final int SEEN_COUNT_OFFSET = BODY_OFFSET + 20;
    public static final int CHANNEL_OFFSET = BODY_OFFSET + 24;
    public static final int FIRST_SEEN_OFFSET = BODY_OFFSET + 32;

    /** RSSI value meaning "not reported". */
    public static final int RSSI_UNKNOWN = Integer.MIN_VALUE;

    @Override
    public RfidReadFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * Write a complete read into the wrapped slot.
     *
     * @param reader       reader id.
     * @param antenna      antenna port, 1..65535.
     * @param epcHigh      EPC bits 95..32.
     * @param epcLow       EPC bits 31..0.
     * @param rssiCentiDbm peak RSSI in hundredths of a dBm, or {@link #RSSI_UNKNOWN}.
     * @param timestampMs  last seen time in epoch ms.
     * @param seenCount    reads merged into this record, at least 1.
     * @return this.
     */
    public RfidReadFlyweight set(
        final int reader,
        final int antenna,
        final long epcHigh,
        final int epcLow,
        final int rssiCentiDbm,
        final long timestampMs,
        final int seenCount)
    {
        header(RecordType.RFID_READ, reader, timestampMs);
        final ByteBuffer buffer = this.buffer;
        final int offset = this.offset;
        buffer.putLong(offset + EPC_HIGH_OFFSET, epcHigh);
        buffer.putInt(offset + EPC_LOW_OFFSET, epcLow);
        buffer.putShort(offset + EPC_BIT_LENGTH_OFFSET, (short)96);
        buffer.putShort(offset + ANTENNA_OFFSET, (short)antenna);
        buffer.putInt(offset + RSSI_OFFSET, rssiCentiDbm);
        buffer.putInt(offset + SEEN_COUNT_OFFSET, seenCount);
        buffer.putLong(offset + FIRST_SEEN_OFFSET, timestampMs);
        return this;
    }

    /** @return reader id (the record source). */
    public int reader()
    {
        return source();
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

    /** @return EPC length in bits as read from the tag. */
    public int epcBitLength()
    {
        return buffer.getShort(offset + EPC_BIT_LENGTH_OFFSET) & 0xFFFF;
    }

    /**
     * @param bits EPC length in bits.
     * @return this.
     */
    public RfidReadFlyweight epcBitLength(final int bits)
    {
        buffer.putShort(offset + EPC_BIT_LENGTH_OFFSET, (short)bits);
        return this;
    }

    /** @return antenna port, 1..65535; 0 is invalid. */
    public int antenna()
    {
        return buffer.getShort(offset + ANTENNA_OFFSET) & 0xFFFF;
    }

    /** @return peak RSSI in centi-dBm, or {@link #RSSI_UNKNOWN}. */
    public int rssiCentiDbm()
    {
        return buffer.getInt(offset + RSSI_OFFSET);
    }

    /** @return reads merged in this record. */
    public int seenCount()
    {
        return buffer.getInt(offset + SEEN_COUNT_OFFSET);
    }

    /** @return channel index, 0 if not reported. */
    public int channelIndex()
    {
        return buffer.getShort(offset + CHANNEL_OFFSET) & 0xFFFF;
    }

    /**
     * @param channelIndex channel index.
     * @return this.
     */
    public RfidReadFlyweight channelIndex(final int channelIndex)
    {
        buffer.putShort(offset + CHANNEL_OFFSET, (short)channelIndex);
        return this;
    }

    /** @return first seen time in epoch ms (equal to the timestamp for a single read). */
    public long firstSeenMs()
    {
        return buffer.getLong(offset + FIRST_SEEN_OFFSET);
    }

    /**
     * @param firstSeenMs first seen time of a pre-merged read.
     * @return this.
     */
    public RfidReadFlyweight firstSeenMs(final long firstSeenMs)
    {
        buffer.putLong(offset + FIRST_SEEN_OFFSET, firstSeenMs);
        return this;
    }
}
