package dev.inventory.core.record;

import java.nio.ByteBuffer;

import static dev.inventory.core.record.RecordDescriptor.BODY_OFFSET;

/**
 * A command or master-data record from the host (MES/ERP). Commands travel the same ring as observations, so the
 * pipeline consumes one ordered, journaled, replayable stream.
 * <pre>
 *  |                 Header (type, flags, host, ts)                |  0..15
 *  |          Command code         |          Int argument         |  16
 *  |                       Long argument 1                         |  24
 *  |                       Long argument 2                         |  32
 *  |                       Long argument 3                         |  40
 *  |                       Long argument 4                         |  48
 *  |                       Long argument 5                         |  56
 * </pre>
 * Instances are NOT threadsafe.
 */
public final class CommandFlyweight extends RecordFlyweight
{
    public static final int COMMAND_OFFSET = BODY_OFFSET;
    public static final int INT_ARG_OFFSET = BODY_OFFSET + 4;
    public static final int ARG1_OFFSET = BODY_OFFSET + 8;
    public static final int ARG2_OFFSET = BODY_OFFSET + 16;
    public static final int ARG3_OFFSET = BODY_OFFSET + 24;
    public static final int ARG4_OFFSET = BODY_OFFSET + 32;
    public static final int ARG5_OFFSET = BODY_OFFSET + 40;

    /**
     * Assign master data to a tag: int = EPC low bits, arg1 = EPC high bits, arg2 = SKU key (0 = derive from EPC),
     * arg3 = lot id (0 = none), arg4 = container id (0 = none).
     */
    public static final int ASSIGN_TAG = 1;
    /** Set a tag's status: int = EPC low bits, arg1 = EPC high bits, arg2 = status code (see Ledger statuses). */
    public static final int SET_TAG_STATUS = 2;
    /** Forget a tag entirely (retired, destroyed): int = EPC low bits, arg1 = EPC high bits. */
    public static final int RETIRE_TAG = 3;
    /** First command code free for extensions (rules modules). */
    public static final int FIRST_EXTENSION_COMMAND = 1000;

    @Override
    public CommandFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * Write a generic command.
     *
     * @param host        host id.
     * @param command     command code.
     * @param intArg      int argument.
     * @param arg1        long argument 1.
     * @param arg2        long argument 2.
     * @param arg3        long argument 3.
     * @param arg4        long argument 4.
     * @param timestampMs command time in epoch ms.
     * @return this.
     */
    public CommandFlyweight set(
        final int host,
        final int command,
        final int intArg,
        final long arg1,
        final long arg2,
        final long arg3,
        final long arg4,
        final long timestampMs)
    {
        header(RecordType.COMMAND, host, timestampMs);
        final ByteBuffer buffer = this.buffer;
        final int offset = this.offset;
        buffer.putInt(offset + COMMAND_OFFSET, command);
        buffer.putInt(offset + INT_ARG_OFFSET, intArg);
        buffer.putLong(offset + ARG1_OFFSET, arg1);
        buffer.putLong(offset + ARG2_OFFSET, arg2);
        buffer.putLong(offset + ARG3_OFFSET, arg3);
        buffer.putLong(offset + ARG4_OFFSET, arg4);
        buffer.putLong(offset + ARG5_OFFSET, 0L); // a reused buffer must not carry an old argument 5
        return this;
    }

    /** @return command code. */
    public int command()
    {
        return buffer.getInt(offset + COMMAND_OFFSET);
    }

    /** @return int argument. */
    public int intArg()
    {
        return buffer.getInt(offset + INT_ARG_OFFSET);
    }

    /** @return long argument 1. */
    public long arg1()
    {
        return buffer.getLong(offset + ARG1_OFFSET);
    }

    /** @return long argument 2. */
    public long arg2()
    {
        return buffer.getLong(offset + ARG2_OFFSET);
    }

    /** @return long argument 3. */
    public long arg3()
    {
        return buffer.getLong(offset + ARG3_OFFSET);
    }

    /** @return long argument 4. */
    public long arg4()
    {
        return buffer.getLong(offset + ARG4_OFFSET);
    }

    /** @return long argument 5. */
    public long arg5()
    {
        return buffer.getLong(offset + ARG5_OFFSET);
    }

    /**
     * @param value long argument 5.
     * @return this.
     */
    public CommandFlyweight arg5(final long value)
    {
        buffer.putLong(offset + ARG5_OFFSET, value);
        return this;
    }
}
