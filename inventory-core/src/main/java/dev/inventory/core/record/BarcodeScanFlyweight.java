package dev.inventory.core.record;

import java.nio.ByteBuffer;

import static dev.inventory.core.record.RecordDescriptor.BODY_OFFSET;
import static dev.inventory.core.record.RecordDescriptor.RECORD_LENGTH;

/**
 * A barcode scan: symbology and up to {@link #MAX_DATA_LENGTH} bytes of ASCII data, scanned by a scanner (source).
 * <pre>
 *  |                Header (type, flags, scanner, ts)              |  0..15
 *  |          Symbology            |    Length     |    Data ...   |  16
 *  |                       Data (ASCII) ...                        |  22..63
 * </pre>
 * Instances are NOT threadsafe.
 */
public final class BarcodeScanFlyweight extends RecordFlyweight
{
    public static final int SYMBOLOGY_OFFSET = BODY_OFFSET;
    public static final int LENGTH_OFFSET = BODY_OFFSET + 4;
    public static final int DATA_OFFSET = BODY_OFFSET + 6;
    /** Maximum bytes of barcode data held in a record. */
    public static final int MAX_DATA_LENGTH = RECORD_LENGTH - DATA_OFFSET;

    /** GS1-128 / EAN / DataMatrix etc. are host-defined symbology codes; 0 means unknown. */
    public static final int SYMBOLOGY_UNKNOWN = 0;

    @Override
    public BarcodeScanFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * Write a scan from a char sequence of ASCII characters.
     *
     * @param scanner     scanner id.
     * @param symbology   symbology code.
     * @param data        ASCII data, at most {@link #MAX_DATA_LENGTH} characters.
     * @param timestampMs scan time in epoch ms.
     * @return this.
     * @throws IllegalArgumentException if the data is too long or not ASCII.
     */
    public BarcodeScanFlyweight set(
        final int scanner, final int symbology, final CharSequence data, final long timestampMs)
    {
        final int length = data.length();
        if (length > MAX_DATA_LENGTH)
        {
            throw new IllegalArgumentException("barcode data longer than " + MAX_DATA_LENGTH + ": " + length);
        }
        header(RecordType.BARCODE_SCAN, scanner, timestampMs);
        buffer.putInt(offset + SYMBOLOGY_OFFSET, symbology);
        buffer.putShort(offset + LENGTH_OFFSET, (short)length);
        for (int i = 0; i < length; i++)
        {
            final char c = data.charAt(i);
            if (c > 0x7F)
            {
                throw new IllegalArgumentException("barcode data not ASCII at index " + i);
            }
            buffer.put(offset + DATA_OFFSET + i, (byte)c);
        }
        return this;
    }

    /** @return symbology code. */
    public int symbology()
    {
        return buffer.getInt(offset + SYMBOLOGY_OFFSET);
    }

    /** @return data length in bytes. */
    public int dataLength()
    {
        return buffer.getShort(offset + LENGTH_OFFSET);
    }

    /**
     * @param index 0 based.
     * @return data byte.
     */
    public byte dataAt(final int index)
    {
        return buffer.get(offset + DATA_OFFSET + index);
    }

    /**
     * Append the data to a builder (allocation free if the builder has capacity).
     *
     * @param sb to append to.
     * @return sb.
     */
    public StringBuilder appendData(final StringBuilder sb)
    {
        final int length = Math.min(dataLength(), MAX_DATA_LENGTH);
        for (int i = 0; i < length; i++)
        {
            sb.append((char)dataAt(i));
        }
        return sb;
    }
}
