package dev.inventory.core.dedup;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import dev.inventory.core.ledger.TagBlocks;

/**
 * Merges reads of one tag by one antenna within a window. Each tag has a few window slots (one per antenna that
 * sees it at once). A read either opens a window or is merged into the open one (count, peak RSSI, first and last
 * seen); the merged observation is what rules extensions and reports see. The zone stage still takes every read's
 * RSSI as evidence (measured: feeding it only window openers doubled false moves). Windows are symmetric in time,
 * so out-of-order reads within the window merge too. If more antennas see a tag than it has slots, the least
 * recently used slot is reused (a read then opens a new window: never a lost read).
 * <p>
 * Layout: the stage's region of each tag's {@link TagBlocks} block, the slots of a tag side by side,
 * {@value #SLOT_LONGS} longs per slot, so a read touches the lines of its own block, not one line per field:
 * <pre>
 *   [0] antenna index (high 32) | count (low 32)      antenna index -1: empty
 *   [1] window start (ms)
 *   [2] last seen (ms)
 *   [3] peak RSSI centi-dBm (high 16, signed) | first seen (ms, low 48)
 * </pre>
 * No map, no allocation. Instances are NOT threadsafe: engine thread only.
 */
public final class DedupStage
{
    /** Longs per window slot. */
    public static final int SLOT_LONGS = 4;
    private static final long EMPTY_WORD = 0xFFFF_FFFF_0000_0000L;
    private static final long TIME_MASK = 0xFFFF_FFFF_FFFFL;
    private static final int RSSI_UNKNOWN_PACKED = Short.MIN_VALUE;

    private final long windowMs;
    private final int slotsPerTag;
    private final int tagStride; // longs of a tag's region
    private final int blockStride;
    private final int regionOffset;
    private final long[] slots;
    private int lastSlot;

    /**
     * @param slotsPerTag windows per tag.
     * @return longs per tag the stage needs in the {@link TagBlocks}.
     */
    public static int longsPerTag(final int slotsPerTag)
    {
        return slotsPerTag * SLOT_LONGS;
    }

    /**
     * @param tagCapacity tags.
     * @param slotsPerTag windows per tag.
     * @param windowMs    window length; 0 disables merging.
     * @param blocks      per-tag blocks with room for {@code tagCapacity} tags.
     * @param region      the stage's region of the blocks ({@link #longsPerTag(int)} longs).
     */
    public DedupStage(
        final int tagCapacity, final int slotsPerTag, final long windowMs, final TagBlocks blocks, final int region)
    {
        this.windowMs = windowMs;
        this.slotsPerTag = slotsPerTag;
        this.tagStride = longsPerTag(slotsPerTag);
        this.slots = blocks.words();
        this.blockStride = blocks.stride();
        this.regionOffset = blocks.offset(region);
        for (int t = 0; t < tagCapacity; t++)
        {
            for (int i = base(t), end = i + tagStride; i < end; i += SLOT_LONGS)
            {
                slots[i] = EMPTY_WORD;
            }
        }
    }

    private int base(final int tag)
    {
        return tag * blockStride + regionOffset;
    }

    private static int antennaOf(final long word)
    {
        return (int)(word >> 32);
    }

    private static int packRssi(final int rssiCentiDbm)
    {
        return rssiCentiDbm < Short.MIN_VALUE || rssiCentiDbm > Short.MAX_VALUE ? RSSI_UNKNOWN_PACKED : rssiCentiDbm;
    }

    /**
     * Take a read.
     *
     * @param tag          tag handle.
     * @param antennaIndex antenna index.
     * @param timestampMs  read time (last seen).
     * @param firstSeenMs  first seen of a pre-merged read (= timestampMs for a single read).
     * @param rssiCentiDbm RSSI.
     * @param seenCount    reads merged by the reader.
     * @return true if the read opened a window; false if it was merged into the open one.
     */
    public boolean onRead(
        final int tag,
        final int antennaIndex,
        final long timestampMs,
        final long firstSeenMs,
        final int rssiCentiDbm,
        final int seenCount)
    {
        final long[] slots = this.slots;
        final int base = base(tag);
        final int end = base + tagStride;
        int victim = base;
        long oldest = Long.MAX_VALUE;
        for (int i = base; i < end; i += SLOT_LONGS)
        {
            final long word = slots[i];
            final int a = antennaOf(word);
            if (a == antennaIndex)
            {
                lastSlot = i;
                if (Math.abs(timestampMs - slots[i + 1]) < windowMs)
                {
                    final long count = Math.min((word & 0xFFFF_FFFFL) + seenCount, Integer.MAX_VALUE);
                    slots[i] = (word & 0xFFFF_FFFF_0000_0000L) | count;
                    if (timestampMs > slots[i + 2])
                    {
                        slots[i + 2] = timestampMs;
                    }
                    final long w3 = slots[i + 3];
                    final int peak = (short)(w3 >> 48);
                    final int rssi = packRssi(rssiCentiDbm);
                    final long first = Math.min(w3 & TIME_MASK, firstSeenMs);
                    slots[i + 3] = ((long)Math.max(peak, rssi) << 48) | first;
                    return false;
                }
                open(i, antennaIndex, timestampMs, firstSeenMs, rssiCentiDbm, seenCount);
                return true;
            }
            if (a == -1)
            {
                if (oldest != Long.MIN_VALUE)
                {
                    victim = i;
                    oldest = Long.MIN_VALUE;
                }
            }
            else if (slots[i + 2] < oldest)
            {
                victim = i;
                oldest = slots[i + 2];
            }
        }
        lastSlot = victim;
        open(victim, antennaIndex, timestampMs, firstSeenMs, rssiCentiDbm, seenCount);
        return true;
    }

    private void open(
        final int i,
        final int antennaIndex,
        final long timestampMs,
        final long firstSeenMs,
        final int rssiCentiDbm,
        final int seenCount)
    {
        slots[i] = ((long)antennaIndex << 32) | (seenCount & 0xFFFF_FFFFL);
        slots[i + 1] = timestampMs;
        slots[i + 2] = timestampMs;
        slots[i + 3] = ((long)packRssi(rssiCentiDbm) << 48) | (firstSeenMs & TIME_MASK);
    }

    /** @return reads merged in the window the last read went to. */
    public int lastWindowCount()
    {
        return (int)slots[lastSlot];
    }

    /** @return peak RSSI (centi-dBm) of the window the last read went to; Short.MIN_VALUE if none was reported. */
    public int lastWindowPeakRssi()
    {
        return (short)(slots[lastSlot + 3] >> 48);
    }

    /** @return first seen of the window the last read went to. */
    public long lastWindowFirstSeenMs()
    {
        return slots[lastSlot + 3] & TIME_MASK;
    }

    /** @return last seen of the window the last read went to. */
    public long lastWindowLastSeenMs()
    {
        return slots[lastSlot + 2];
    }

    /**
     * Forget a tag's windows (tag retired or disappeared).
     *
     * @param tag tag handle.
     */
    public void clear(final int tag)
    {
        final int base = base(tag);
        for (int i = base; i < base + tagStride; i += SLOT_LONGS)
        {
            slots[i] = EMPTY_WORD;
            slots[i + 1] = 0;
            slots[i + 2] = 0;
            slots[i + 3] = 0;
        }
    }

    /**
     * Write the state of tags below a handle limit.
     *
     * @param out         to write to.
     * @param handleLimit one past the highest handle in use.
     * @throws IOException on failure.
     */
    public void writeTo(final DataOutput out, final int handleLimit) throws IOException
    {
        out.writeInt(slotsPerTag);
        for (int t = 0; t < handleLimit; t++)
        {
            for (int i = base(t), end = i + tagStride; i < end; i += SLOT_LONGS)
            {
                out.writeLong(slots[i]);
                if (antennaOf(slots[i]) != -1)
                {
                    out.writeLong(slots[i + 1]);
                    out.writeLong(slots[i + 2]);
                    out.writeLong(slots[i + 3]);
                }
            }
        }
    }

    /**
     * Restore state written by {@link #writeTo}.
     *
     * @param in          to read from.
     * @param handleLimit one past the highest handle in use.
     * @throws IOException on failure.
     */
    public void readFrom(final DataInput in, final int handleLimit) throws IOException
    {
        final int slotCount = in.readInt();
        if (slotCount != slotsPerTag)
        {
            throw new IOException("snapshot has " + slotCount + " dedup slots per tag, configuration has " +
                slotsPerTag);
        }
        for (int t = 0; t < handleLimit; t++)
        {
            for (int i = base(t), end = i + tagStride; i < end; i += SLOT_LONGS)
            {
                slots[i] = in.readLong();
                if (antennaOf(slots[i]) != -1)
                {
                    slots[i + 1] = in.readLong();
                    slots[i + 2] = in.readLong();
                    slots[i + 3] = in.readLong();
                }
            }
        }
    }
}
