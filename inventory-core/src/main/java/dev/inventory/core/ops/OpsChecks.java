package dev.inventory.core.ops;

import java.io.DataInput;
import java.io.IOException;

/**
 * The checks the operations rules make on what they are given, naming what is bad: a {@link OperationsExtension}
 * or rule {@code Context}'s settings, and the header and element counts of a snapshot being restored. Stateless and
 * threadsafe.
 */
final class OpsChecks
{
    private OpsChecks()
    {
    }

    /**
     * Context validation.
     *
     * @param field the setting's name, for the message.
     * @param ok    whether the setting is valid.
     * @param value the setting's value, for the message.
     * @throws IllegalStateException "invalid field: value" when not ok.
     */
    static void require(final String field, final boolean ok, final long value)
    {
        if (!ok)
        {
            throw new IllegalStateException("invalid " + field + ": " + value);
        }
    }

    /**
     * Reads and checks a snapshot's header: the magic number, then (only when that matches) the version.
     *
     * @param in      the snapshot.
     * @param magic   the expected magic number.
     * @param version the expected version.
     * @param name    the snapshot with its article, for the message ("an operations snapshot").
     * @throws IOException on a read failure, or "not name of version version" on a mismatch.
     */
    static void readHeader(final DataInput in, final int magic, final int version, final String name)
        throws IOException
    {
        if (in.readInt() != magic || in.readInt() != version)
        {
            throw new IOException("not " + name + " of version " + version);
        }
    }

    /**
     * Reads a snapshot's element count (an int) and checks it fits the preallocated capacity.
     *
     * @param in       the snapshot.
     * @param capacity the most elements the receiving table holds.
     * @param what     the elements, for the message.
     * @return the count, in [0, capacity].
     * @throws IOException on a read failure, or "what count exceed capacity capacity" when out of range.
     */
    static int readCount(final DataInput in, final int capacity, final String what) throws IOException
    {
        final int count = in.readInt();
        if (count < 0 || count > capacity)
        {
            throw new IOException(what + " " + count + " exceed capacity " + capacity);
        }
        return count;
    }
}
