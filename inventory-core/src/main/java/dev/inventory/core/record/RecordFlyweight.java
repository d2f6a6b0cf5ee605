package dev.inventory.core.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.inventory.core.record.RecordDescriptor.*;

/**
 * Base of all record flyweights: wraps a slot of {@link RecordDescriptor#RECORD_LENGTH} bytes in a little-endian
 * {@link ByteBuffer} and gives access to the common header. Uses absolute get/put only, so a buffer can be shared.
 * Instances are NOT threadsafe; one per thread.
 */
public abstract class RecordFlyweight
{
    /** The buffer wrapped. */
    protected ByteBuffer buffer;
    /** Offset of the record within {@link #buffer}. */
    protected int offset;

    /**
     * Wrap a record slot.
     *
     * @param buffer little-endian buffer holding the record.
     * @param offset of the record.
     * @return this for a fluent API.
     */
    public RecordFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        assert buffer.order() == ByteOrder.LITTLE_ENDIAN : "records are little-endian";
        this.buffer = buffer;
        this.offset = offset;
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

    /** @return record type, see {@link RecordType}. */
    public short type()
    {
        return buffer.getShort(offset + TYPE_OFFSET);
    }

    /**
     * Write the common header. Clears the body.
     *
     * @param type        record type.
     * @param source      reader or device id.
     * @param timestampMs record time in epoch milliseconds.
     */
    protected void header(final short type, final int source, final long timestampMs)
    {
        final ByteBuffer buffer = this.buffer;
        final int offset = this.offset;
        buffer.putShort(offset + TYPE_OFFSET, type);
        buffer.putShort(offset + FLAGS_OFFSET, (short)0);
        buffer.putInt(offset + SOURCE_OFFSET, source);
        buffer.putLong(offset + TIMESTAMP_OFFSET, timestampMs);
        for (int i = BODY_OFFSET; i < RECORD_LENGTH; i += 8)
        {
            buffer.putLong(offset + i, 0L);
        }
    }

    /** @return flags, type specific. */
    public short flags()
    {
        return buffer.getShort(offset + FLAGS_OFFSET);
    }

    /**
     * @param flags type specific flags.
     * @return this.
     */
    public RecordFlyweight flags(final short flags)
    {
        buffer.putShort(offset + FLAGS_OFFSET, flags);
        return this;
    }

    /** @return source reader or device id. */
    public int source()
    {
        return buffer.getInt(offset + SOURCE_OFFSET);
    }

    /** @return record time in epoch milliseconds. */
    public long timestampMs()
    {
        return buffer.getLong(offset + TIMESTAMP_OFFSET);
    }

    /**
     * Read the type of the record at an offset without wrapping.
     *
     * @param buffer holding records.
     * @param offset of the record.
     * @return type code.
     */
    public static short typeAt(final ByteBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TYPE_OFFSET);
    }

    /**
     * Read the timestamp of the record at an offset without wrapping.
     *
     * @param buffer holding records.
     * @param offset of the record.
     * @return timestamp in epoch milliseconds.
     */
    public static long timestampAt(final ByteBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + TIMESTAMP_OFFSET);
    }
}
