package dev.inventory.rfid.ale;

import java.util.Arrays;

/**
 * A preallocated open-addressing set of 96-bit EPCs (high 64 bits, low 32 bits) with generation stamps: a slot is
 * occupied only if its stamp equals the current generation, so {@link #clear()} is O(1). Members are also kept in
 * insertion order so they can be iterated by position in O(size). Never allocates after construction.
 * Instances are NOT threadsafe.
 */
final class EpcSet
{
    /** {@link #add} result: the EPC was added. */
    static final int ADDED = 1;
    /** {@link #add} result: the EPC was already a member. */
    static final int PRESENT = 0;
    /** {@link #add} result: the set is full; the EPC was not added. */
    static final int FULL = -1;

    private final int capacity;
    private final int mask;
    private final long[] highs;
    private final int[] lows;
    private final int[] stamps;
    private final int[] order;
    private int size;
    private int generation = 1;

    /**
     * @param capacity most members, &gt;= 1; the table has at least twice as many slots (a power of two).
     */
    EpcSet(final int capacity)
    {
        if (capacity < 1 || capacity > (1 << 28))
        {
            throw new IllegalArgumentException("capacity must be in 1..2^28: " + capacity);
        }
        final int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        this.capacity = capacity;
        this.mask = slots - 1;
        this.highs = new long[slots];
        this.lows = new int[slots];
        this.stamps = new int[slots];
        this.order = new int[capacity];
    }

    static int hash(final long high, final int low)
    {
        long h = high * 0x9E3779B97F4A7C15L ^ (low * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 32;
        h *= 0xBF58476D1CE4E5B9L;
        return (int)(h ^ (h >>> 29));
    }

    int capacity()
    {
        return capacity;
    }

    int size()
    {
        return size;
    }

    /**
     * @param high EPC bits 95..32.
     * @param low  EPC bits 31..0.
     * @return {@link #ADDED}, {@link #PRESENT} or {@link #FULL}.
     */
    int add(final long high, final int low)
    {
        final int[] stamps = this.stamps;
        final int generation = this.generation;
        final int mask = this.mask;
        int slot = hash(high, low) & mask;
        while (stamps[slot] == generation)
        {
            if (highs[slot] == high && lows[slot] == low)
            {
                return PRESENT;
            }
            slot = (slot + 1) & mask;
        }
        if (size == capacity)
        {
            return FULL;
        }
        stamps[slot] = generation;
        highs[slot] = high;
        lows[slot] = low;
        order[size++] = slot;
        return ADDED;
    }

    boolean contains(final long high, final int low)
    {
        final int[] stamps = this.stamps;
        final int generation = this.generation;
        final int mask = this.mask;
        int slot = hash(high, low) & mask;
        while (stamps[slot] == generation)
        {
            if (highs[slot] == high && lows[slot] == low)
            {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    /** @return EPC bits 95..32 of the member at insertion position {@code index}. */
    long highAt(final int index)
    {
        return highs[order[index]];
    }

    /** @return EPC bits 31..0 of the member at insertion position {@code index}. */
    int lowAt(final int index)
    {
        return lows[order[index]];
    }

    /** Remove all members in O(1). */
    void clear()
    {
        size = 0;
        if (++generation == 0)
        {
            Arrays.fill(stamps, 0);
            generation = 1;
        }
    }
}
