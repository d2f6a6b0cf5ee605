package dev.inventory.core.dedup;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Merges reads of one tag by one antenna within a window. Each tag has a few window slots (one per antenna that
 * sees it at once), kept in preallocated arrays indexed by tag handle, so there is no map and no allocation. A read
 * either opens a window or is merged into the open one (count, peak RSSI, first and last seen); the merged
 * observation is what rules extensions and reports see. The zone stage still takes every read's RSSI as evidence
 * (measured: feeding it only window openers doubled false moves). Windows are symmetric in time, so out-of-order
 * reads within the window merge too.
 * If more antennas see a tag than it has slots, the least recently used slot is reused (a read then opens a new
 * window: more forwarding, never a lost read). Instances are NOT threadsafe: engine thread only.
 */
public final class DedupStage
{
    private static final int EMPTY = -1;

    private final long windowMs;
    private final int slotsPerTag;
    private final int[] antenna;
    private final long[] windowStartMs;
    private final long[] firstSeenMs;
    private final long[] lastSeenMs;
    private final int[] count;
    private final int[] peakRssi;
    private int lastSlot;

    /**
     * @param tagCapacity tags.
     * @param slotsPerTag windows per tag.
     * @param windowMs    window length; 0 disables merging.
     */
    public DedupStage(final int tagCapacity, final int slotsPerTag, final long windowMs)
    {
        this.windowMs = windowMs;
        this.slotsPerTag = slotsPerTag;
        final int n = tagCapacity * slotsPerTag;
        antenna = new int[n];
        Arrays.fill(antenna, EMPTY);
        windowStartMs = new long[n];
        firstSeenMs = new long[n];
        lastSeenMs = new long[n];
        count = new int[n];
        peakRssi = new int[n];
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
        final int base = tag * slotsPerTag;
        final int end = base + slotsPerTag;
        int victim = base;
        long oldest = Long.MAX_VALUE;
        for (int i = base; i < end; i++)
        {
            final int a = antenna[i];
            if (a == antennaIndex)
            {
                lastSlot = i;
                final long start = windowStartMs[i];
                if (Math.abs(timestampMs - start) < windowMs)
                {
                    count[i] += seenCount;
                    if (rssiCentiDbm > peakRssi[i])
                    {
                        peakRssi[i] = rssiCentiDbm;
                    }
                    if (timestampMs > lastSeenMs[i])
                    {
                        lastSeenMs[i] = timestampMs;
                    }
                    if (firstSeenMs < this.firstSeenMs[i])
                    {
                        this.firstSeenMs[i] = firstSeenMs;
                    }
                    return false;
                }
                open(i, antennaIndex, timestampMs, firstSeenMs, rssiCentiDbm, seenCount);
                return true;
            }
            if (a == EMPTY)
            {
                if (oldest != Long.MIN_VALUE)
                {
                    victim = i;
                    oldest = Long.MIN_VALUE;
                }
            }
            else if (lastSeenMs[i] < oldest)
            {
                victim = i;
                oldest = lastSeenMs[i];
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
        antenna[i] = antennaIndex;
        windowStartMs[i] = timestampMs;
        this.firstSeenMs[i] = firstSeenMs;
        lastSeenMs[i] = timestampMs;
        count[i] = seenCount;
        peakRssi[i] = rssiCentiDbm;
    }

    /** @return reads merged in the window the last read went to. */
    public int lastWindowCount()
    {
        return count[lastSlot];
    }

    /** @return peak RSSI of the window the last read went to. */
    public int lastWindowPeakRssi()
    {
        return peakRssi[lastSlot];
    }

    /** @return first seen of the window the last read went to. */
    public long lastWindowFirstSeenMs()
    {
        return firstSeenMs[lastSlot];
    }

    /** @return last seen of the window the last read went to. */
    public long lastWindowLastSeenMs()
    {
        return lastSeenMs[lastSlot];
    }

    /**
     * Forget a tag's windows (tag retired or disappeared).
     *
     * @param tag tag handle.
     */
    public void clear(final int tag)
    {
        final int base = tag * slotsPerTag;
        for (int i = base; i < base + slotsPerTag; i++)
        {
            antenna[i] = EMPTY;
            count[i] = 0;
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
        final int n = handleLimit * slotsPerTag;
        for (int i = 0; i < n; i++)
        {
            out.writeInt(antenna[i]);
            if (antenna[i] != EMPTY)
            {
                out.writeLong(windowStartMs[i]);
                out.writeLong(firstSeenMs[i]);
                out.writeLong(lastSeenMs[i]);
                out.writeInt(count[i]);
                out.writeInt(peakRssi[i]);
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
        final int slots = in.readInt();
        if (slots != slotsPerTag)
        {
            throw new IOException("snapshot has " + slots + " dedup slots per tag, configuration has " + slotsPerTag);
        }
        final int n = handleLimit * slotsPerTag;
        for (int i = 0; i < n; i++)
        {
            antenna[i] = in.readInt();
            if (antenna[i] != EMPTY)
            {
                windowStartMs[i] = in.readLong();
                firstSeenMs[i] = in.readLong();
                lastSeenMs[i] = in.readLong();
                count[i] = in.readInt();
                peakRssi[i] = in.readInt();
            }
        }
    }

    /**
     * Load a tag's windows into cache ahead of use.
     *
     * @param tag handle.
     * @return a value derived from the state (consume it so the loads are not elided).
     */
    public long touch(final int tag)
    {
        final int i = tag * slotsPerTag;
        return antenna[i] + windowStartMs[i] + firstSeenMs[i] + lastSeenMs[i] + count[i] + peakRssi[i];
    }
}
