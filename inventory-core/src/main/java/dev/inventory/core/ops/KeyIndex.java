package dev.inventory.core.ops;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import com.carrotsearch.hppc.LongIntHashMap;

import static dev.inventory.core.ops.OpsChecks.readCount;

/**
 * Keys (SKU keys, lot ids) interned to dense indexes {@code 0 .. size() - 1} in the order they were first added, so
 * an owner keeps per-key fields in preallocated arrays. Presized: a key beyond the capacity is not added
 * ({@link #indexOf(long, boolean)} answers {@link #MISSING} and the owner counts the overflow).
 * <p>
 * Snapshot form, written and read by the owner around its own per-key fields: an int count
 * ({@link #writeSize}/{@link #readSize}), then for each index in order the key as a long ({@link #writeKey}/
 * {@link #readKey}) followed by the owner's fields for it. Instances are NOT threadsafe: engine thread only.
 */
final class KeyIndex
{
    /** The answer for a key that is not interned (and was not added). */
    static final int MISSING = -1;

    private final LongIntHashMap index;
    private final long[] keys;
    private int size;

    /**
     * @param capacity the most keys held.
     */
    KeyIndex(final int capacity)
    {
        index = new LongIntHashMap(capacity);
        keys = new long[capacity];
    }

    /**
     * @param key the key.
     * @param add whether to add the key when it is not interned yet; a key added gets index {@code size()} as it was
     *            before the call.
     * @return the key's index, or {@link #MISSING} when it is not interned and was not added (not asked to, or full).
     */
    int indexOf(final long key, final boolean add)
    {
        final LongIntHashMap index = this.index;
        final int slot = index.indexOf(key);
        if (index.indexExists(slot))
        {
            return index.indexGet(slot);
        }
        if (!add || size == keys.length)
        {
            return MISSING;
        }
        final int i = size++;
        keys[i] = key;
        index.indexInsert(slot, key, i);
        return i;
    }

    /**
     * @param i an index below {@link #size()}.
     * @return the key at that index.
     */
    long key(final int i)
    {
        return keys[i];
    }

    /** @return the number of keys interned. */
    int size()
    {
        return size;
    }

    /**
     * Writes the count of keys, the snapshot's first field.
     *
     * @param out the snapshot.
     * @throws IOException from the output.
     */
    void writeSize(final DataOutput out) throws IOException
    {
        out.writeInt(size);
    }

    /**
     * Writes the key at an index, first of that index's fields in the snapshot.
     *
     * @param out the snapshot.
     * @param i   an index below {@link #size()}.
     * @throws IOException from the output.
     */
    void writeKey(final DataOutput out, final int i) throws IOException
    {
        out.writeLong(keys[i]);
    }

    /**
     * Reads the count of keys and forgets the keys held; {@link #readKey} must then be called for every index from 0
     * to the count - 1, in order.
     *
     * @param in   the snapshot.
     * @param what the keys, for the message of a count beyond the capacity.
     * @return the count.
     * @throws IOException from the input, or when the count is out of range.
     */
    int readSize(final DataInput in, final String what) throws IOException
    {
        final int count = readCount(in, keys.length, what);
        index.clear();
        size = count;
        return count;
    }

    /**
     * Reads the key at an index.
     *
     * @param in the snapshot.
     * @param i  the index, below the count {@link #readSize} read.
     * @return the key.
     * @throws IOException from the input.
     */
    long readKey(final DataInput in, final int i) throws IOException
    {
        final long key = in.readLong();
        keys[i] = key;
        index.put(key, i);
        return key;
    }
}
