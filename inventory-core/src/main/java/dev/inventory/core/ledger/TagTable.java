package dev.inventory.core.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Interns 96-bit EPCs into dense int handles: open addressing with linear probing over the full 96-bit key, so
 * distinct EPCs never merge, even when their hashes collide. Removal uses backward-shift deletion (no tombstones)
 * and freed handles are reused lowest-first from a stack, so the same input always yields the same handles.
 * Preallocated; never allocates after construction. Instances are NOT threadsafe: engine thread only.
 */
public final class TagTable
{
    /** Returned when the key is absent. */
    public static final int MISSING = -1;

    private final int capacity;
    private final int mask;
    // two longs per slot, so a probe touches one cache line: [2s] = EPC high, [2s+1] = EPC low << 32 | (handle + 1);
    // an empty slot has 0 in its second word
    private final long[] slots;
    private final long[] handleHigh;
    private final int[] handleLow;
    private final int[] freeHandles;
    private int freeCount;
    private int nextHandle;
    private int size;

    /**
     * @param capacity maximum number of tags held.
     */
    public TagTable(final int capacity)
    {
        if (capacity < 1 || capacity > (1 << 28))
        {
            throw new IllegalArgumentException("tag capacity must be in 1..2^28: " + capacity);
        }
        this.capacity = capacity;
        final int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1; // load factor <= 0.5
        this.mask = slots - 1;
        this.slots = new long[slots * 2];
        this.handleHigh = new long[capacity];
        this.handleLow = new int[capacity];
        this.freeHandles = new int[capacity];
    }

    /** @return maximum number of tags. */
    public int capacity()
    {
        return capacity;
    }

    /** @return tags held. */
    public int size()
    {
        return size;
    }

    /** @return one past the highest handle ever handed out; handles are below this. */
    public int handleLimit()
    {
        return nextHandle;
    }

    private static int hash(final long high, final int low)
    {
        long h = high * 0x9E3779B97F4A7C15L ^ (low * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int)h;
    }

    private int handleAt(final int slot)
    {
        return (int)slots[(slot << 1) + 1] - 1;
    }

    private int keyLowAt(final int slot)
    {
        return (int)(slots[(slot << 1) + 1] >>> 32);
    }

    private void set(final int slot, final long high, final int low, final int handle)
    {
        slots[slot << 1] = high;
        slots[(slot << 1) + 1] = ((long)low << 32) | ((handle + 1) & 0xFFFF_FFFFL);
    }

    /**
     * Touch the home slot of a key so that a later lookup finds its cache line loaded; used to overlap the cache
     * misses of a batch of records.
     *
     * @param high EPC bits 95..32.
     * @param low  EPC bits 31..0.
     * @return a value derived from the slot (consume it so the load is not elided).
     */
    public long touch(final long high, final int low)
    {
        return slots[(hash(high, low) & mask) << 1];
    }

    /**
     * @param high EPC bits 95..32.
     * @param low  EPC bits 31..0.
     * @return handle, or {@link #MISSING}.
     */
    public int get(final long high, final int low)
    {
        final int mask = this.mask;
        int slot = hash(high, low) & mask;
        int handle;
        while ((handle = handleAt(slot)) != MISSING)
        {
            if (slots[slot << 1] == high && keyLowAt(slot) == low)
            {
                return handle;
            }
            slot = (slot + 1) & mask;
        }
        return MISSING;
    }

    /**
     * Find or add a tag.
     *
     * @param high EPC bits 95..32.
     * @param low  EPC bits 31..0.
     * @return handle &gt;= 0 of the existing or new tag; {@link #MISSING} if the table is full.
     * Use {@link #lastAdded()} to know whether it was added.
     */
    public int getOrAdd(final long high, final int low)
    {
        final int mask = this.mask;
        int slot = hash(high, low) & mask;
        int handle;
        while ((handle = handleAt(slot)) != MISSING)
        {
            if (slots[slot << 1] == high && keyLowAt(slot) == low)
            {
                lastAdded = false;
                return handle;
            }
            slot = (slot + 1) & mask;
        }
        if (size == capacity)
        {
            lastAdded = false;
            return MISSING;
        }
        handle = freeCount > 0 ? freeHandles[--freeCount] : nextHandle++;
        set(slot, high, low, handle);
        handleHigh[handle] = high;
        handleLow[handle] = low;
        size++;
        lastAdded = true;
        return handle;
    }

    private boolean lastAdded;
    private long generation;

    /** @return true if the last {@link #getOrAdd(long, int)} added the tag. */
    public boolean lastAdded()
    {
        return lastAdded;
    }

    /**
     * Remove a tag; its handle is freed for reuse.
     *
     * @param high EPC bits 95..32.
     * @param low  EPC bits 31..0.
     * @return the handle removed, or {@link #MISSING}.
     */
    public int remove(final long high, final int low)
    {
        final int mask = this.mask;
        int slot = hash(high, low) & mask;
        int handle;
        while ((handle = handleAt(slot)) != MISSING)
        {
            if (slots[slot << 1] == high && keyLowAt(slot) == low)
            {
                deleteSlot(slot);
                size--;
                pushFree(handle);
                return handle;
            }
            slot = (slot + 1) & mask;
        }
        return MISSING;
    }

    /**
     * @return a count that changes whenever a handle may have been freed or reassigned (removal, restore): a handle
     * looked up while it stays the same still belongs to the same EPC.
     */
    public long generation()
    {
        return generation;
    }

    private void pushFree(final int handle)
    {
        generation++;
        // keep the stack sorted descending so the lowest handle is reused first: deterministic and compact
        int i = freeCount++;
        while (i > 0 && freeHandles[i - 1] < handle)
        {
            freeHandles[i] = freeHandles[i - 1];
            i--;
        }
        freeHandles[i] = handle;
    }

    private void deleteSlot(final int deleted)
    {
        final int mask = this.mask;
        int gap = deleted;
        int slot = (gap + 1) & mask;
        while (handleAt(slot) != MISSING)
        {
            final int home = hash(slots[slot << 1], keyLowAt(slot)) & mask;
            // move the entry back into the gap if its home is not cyclically within (gap, slot]
            if (((slot - home) & mask) >= ((slot - gap) & mask))
            {
                slots[gap << 1] = slots[slot << 1];
                slots[(gap << 1) + 1] = slots[(slot << 1) + 1];
                gap = slot;
            }
            slot = (slot + 1) & mask;
        }
        slots[gap << 1] = 0;
        slots[(gap << 1) + 1] = 0;
    }

    /**
     * @param handle a live handle.
     * @return EPC bits 95..32.
     */
    public long epcHigh(final int handle)
    {
        return handleHigh[handle];
    }

    /**
     * @param handle a live handle.
     * @return EPC bits 31..0.
     */
    public int epcLow(final int handle)
    {
        return handleLow[handle];
    }

    /**
     * @param handle a handle below {@link #handleLimit()}.
     * @return true if the handle is in use.
     */
    public boolean isLive(final int handle)
    {
        return handle >= 0 && handle < nextHandle && get(handleHigh[handle], handleLow[handle]) == handle;
    }

    /**
     * Write the table for a snapshot.
     *
     * @param out to write to.
     * @throws IOException on write failure.
     */
    public void writeTo(final DataOutput out) throws IOException
    {
        out.writeInt(capacity);
        out.writeInt(nextHandle);
        out.writeInt(size);
        for (int h = 0; h < nextHandle; h++)
        {
            final boolean live = isLive(h);
            out.writeBoolean(live);
            if (live)
            {
                out.writeLong(handleHigh[h]);
                out.writeInt(handleLow[h]);
            }
        }
    }

    /**
     * Restore the table from a snapshot written by {@link #writeTo(DataOutput)}; the table must be empty.
     *
     * @param in to read from.
     * @throws IOException on read failure or a capacity mismatch.
     */
    public void readFrom(final DataInput in) throws IOException
    {
        final int snapshotCapacity = in.readInt();
        final int limit = in.readInt();
        final int expectedSize = in.readInt();
        if (limit > capacity)
        {
            throw new IOException("snapshot holds " + limit + " tag handles, capacity is " + capacity +
                " (snapshot taken with capacity " + snapshotCapacity + ")");
        }
        for (int h = 0; h < limit; h++)
        {
            if (in.readBoolean())
            {
                final long high = in.readLong();
                final int low = in.readInt();
                int slot = hash(high, low) & mask;
                while (handleAt(slot) != MISSING)
                {
                    slot = (slot + 1) & mask;
                }
                set(slot, high, low, h);
                handleHigh[h] = high;
                handleLow[h] = low;
                size++;
            }
        }
        nextHandle = limit;
        freeCount = 0;
        generation++;
        for (int h = limit - 1; h >= 0; h--)
        {
            if (!isLive(h))
            {
                pushFree(h);
            }
        }
        if (size != expectedSize)
        {
            throw new IOException("snapshot tag count mismatch: " + size + " != " + expectedSize);
        }
    }
}
