package dev.inventory.core.presence;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Link state per reader: up or down and since when, fed by LINK_STATE records. Presence consults it so that a
 * reader that lost its link does not make every tag it saw disappear. Readers unknown to the table count as up.
 * Instances are NOT threadsafe: engine thread only.
 */
public final class LinkTable
{
    /** Returned by {@link #upSinceMs(int)} when the link is down. */
    public static final long DOWN = Long.MAX_VALUE;

    private int[] readers = new int[8];
    private boolean[] down = new boolean[8];
    private long[] changedAtMs = new long[8];
    private int size;

    private int indexOf(final int reader)
    {
        for (int i = 0; i < size; i++)
        {
            if (readers[i] == reader)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Record a change.
     *
     * @param reader      reader id.
     * @param up          true if up.
     * @param timestampMs time of the change.
     * @return true if the state changed.
     */
    public boolean onLinkState(final int reader, final boolean up, final long timestampMs)
    {
        int i = indexOf(reader);
        if (i < 0)
        {
            if (up)
            {
                return false; // unknown readers count as up already
            }
            if (size == readers.length)
            {
                readers = Arrays.copyOf(readers, size * 2);
                down = Arrays.copyOf(down, size * 2);
                changedAtMs = Arrays.copyOf(changedAtMs, size * 2);
            }
            i = size++;
            readers[i] = reader;
            down[i] = false;
        }
        if (down[i] == !up)
        {
            return false;
        }
        down[i] = !up;
        changedAtMs[i] = timestampMs;
        return true;
    }

    /**
     * @param reader reader id.
     * @return {@link #DOWN} if the reader's link is down, else the time it last came up (Long.MIN_VALUE if it never
     * went down).
     */
    public long upSinceMs(final int reader)
    {
        final int i = indexOf(reader);
        if (i < 0)
        {
            return Long.MIN_VALUE;
        }
        return down[i] ? DOWN : changedAtMs[i];
    }

    /**
     * @param out to write to.
     * @throws IOException on failure.
     */
    public void writeTo(final DataOutput out) throws IOException
    {
        out.writeInt(size);
        for (int i = 0; i < size; i++)
        {
            out.writeInt(readers[i]);
            out.writeBoolean(down[i]);
            out.writeLong(changedAtMs[i]);
        }
    }

    /**
     * @param in to read from.
     * @throws IOException on failure.
     */
    public void readFrom(final DataInput in) throws IOException
    {
        final int n = in.readInt();
        for (int i = 0; i < n; i++)
        {
            final int reader = in.readInt();
            final boolean isDown = in.readBoolean();
            final long at = in.readLong();
            onLinkState(reader, false, at);
            onLinkState(reader, !isDown, at);
            changedAtMs[indexOf(reader)] = at;
        }
    }
}
