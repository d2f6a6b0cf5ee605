package dev.inventory.core.zone;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import dev.inventory.core.ledger.TagBlocks;

/**
 * Decides a tag's zone from RSSI. Per tag and zone a running mean of RSSI: an exponential mean with the same
 * centre of mass as a mean of the last N samples (weight 2/(N+1)), starting as a plain mean while fewer samples
 * exist, kept in a few preallocated slots per tag.
 * The incumbent zone holds until a challenger has at least {@code minReads} recent samples and its mean beats the
 * incumbent's by a margin. The margin falls with the time since the incumbent last saw the tag: it is
 * {@code marginDb} at {@code holdOffMs}, more before, less after, at {@code slopeDbPerMs} (the EdgeX mobility
 * profile's line). Samples older than the challenge window restart a slot, so stale evidence never wins.
 * <p>
 * Layout: the stage's region of a {@link TagBlocks} block, a tag's slots side by side, two longs per slot (zone id
 * high 32 | mean dB as float bits low 32; reads high 16, saturating at {@value #MAX_READS} | last seen ms low 48),
 * so the four default slots fill one cache line.
 * Instances are NOT threadsafe: engine thread only.
 */
public final class ZoneStage
{
    private static final int EMPTY = -1;
    private static final int SLOT_LONGS = 2;
    private static final long EMPTY_WORD = 0xFFFF_FFFF_0000_0000L;
    private static final long TIME_MASK = 0xFFFF_FFFF_FFFFL;
    /** Reads counted per slot saturate here; {@code minReads} may not exceed it. */
    public static final int MAX_READS = 0xFFFF;

    private final int slotsPerTag;
    private final int tagStride; // longs of a tag's region
    private final int blockStride;
    private final int regionOffset;
    private final double marginDb;
    private final long holdOffMs;
    private final double slopeDbPerMs;
    private final int minReads;
    private final long challengeWindowMs;
    private final double alpha;
    private final double[] weights; // weights[n] = max(alpha, 1/n): no division per sample
    private final long[] slots;

    /**
     * A stage with its own per-tag blocks (standalone use; the pipeline shares one {@link TagBlocks} among its
     * stages).
     *
     * @param tagCapacity       tags.
     * @param slotsPerTag       zones tracked per tag at once.
     * @param smoothingReads    N of the running mean.
     * @param marginDb          margin at the hold-off.
     * @param holdOffMs         hold-off.
     * @param slopeDbPerMs      margin slope (&lt;= 0).
     * @param minReads          reads a challenger needs.
     * @param challengeWindowMs samples older than this restart a slot.
     */
    public ZoneStage(
        final int tagCapacity,
        final int slotsPerTag,
        final int smoothingReads,
        final double marginDb,
        final long holdOffMs,
        final double slopeDbPerMs,
        final int minReads,
        final long challengeWindowMs)
    {
        this(tagCapacity, slotsPerTag, smoothingReads, marginDb, holdOffMs, slopeDbPerMs, minReads, challengeWindowMs,
            new TagBlocks(tagCapacity, longsPerTag(slotsPerTag), longsPerTag(slotsPerTag)), 0);
    }

    /**
     * @param tagCapacity       tags.
     * @param slotsPerTag       zones tracked per tag at once.
     * @param smoothingReads    N of the running mean.
     * @param marginDb          margin at the hold-off.
     * @param holdOffMs         hold-off.
     * @param slopeDbPerMs      margin slope (&lt;= 0).
     * @param minReads          reads a challenger needs.
     * @param challengeWindowMs samples older than this restart a slot.
     * @param blocks            per-tag blocks with room for {@code tagCapacity} tags.
     * @param region            the stage's region of the blocks ({@link #longsPerTag(int)} longs).
     */
    public ZoneStage(
        final int tagCapacity,
        final int slotsPerTag,
        final int smoothingReads,
        final double marginDb,
        final long holdOffMs,
        final double slopeDbPerMs,
        final int minReads,
        final long challengeWindowMs,
        final TagBlocks blocks,
        final int region)
    {
        this.slotsPerTag = slotsPerTag;
        this.tagStride = longsPerTag(slotsPerTag);
        this.blockStride = blocks.stride();
        this.regionOffset = blocks.offset(region);
        this.marginDb = marginDb;
        this.holdOffMs = holdOffMs;
        this.slopeDbPerMs = slopeDbPerMs;
        this.minReads = minReads;
        this.challengeWindowMs = challengeWindowMs;
        this.alpha = 2.0 / (smoothingReads + 1);
        this.weights = new double[(int)Math.ceil(1.0 / alpha) + 1];
        for (int n = 1; n < weights.length; n++)
        {
            weights[n] = Math.max(alpha, 1.0 / n);
        }
        this.slots = blocks.words();
        for (int t = 0; t < tagCapacity; t++)
        {
            for (int i = base(t), end = i + tagStride; i < end; i += SLOT_LONGS)
            {
                slots[i] = EMPTY_WORD;
            }
        }
    }

    /**
     * @param slotsPerTag zones tracked per tag at once.
     * @return longs per tag the stage needs in the {@link TagBlocks}.
     */
    public static int longsPerTag(final int slotsPerTag)
    {
        return slotsPerTag * SLOT_LONGS;
    }

    private int base(final int tag)
    {
        return tag * blockStride + regionOffset;
    }

    private static int zoneOf(final long word)
    {
        return (int)(word >> 32);
    }

    private static long readsOf(final long timeWord)
    {
        return timeWord >>> 48;
    }

    private long lastSeenMs(final int slot)
    {
        return slots[slot + 1] & TIME_MASK;
    }

    private double mean(final int slot)
    {
        return Float.intBitsToFloat((int)slots[slot]);
    }

    /**
     * Take an RSSI sample and decide the zone.
     *
     * @param tag          tag handle.
     * @param incumbent    current zone, or -1.
     * @param sampleZone   zone of the antenna that read the tag.
     * @param timestampMs  read time.
     * @param rssiCentiDbm RSSI in centi-dBm.
     * @return the zone the tag is in now: the incumbent, or the sample zone if it wins.
     */
    public int onSample(
        final int tag, final int incumbent, final int sampleZone, final long timestampMs, final int rssiCentiDbm)
    {
        final long[] slots = this.slots;
        final int base = base(tag);
        final int slot = slotFor(base, sampleZone, incumbent);
        final double rssiDb = rssiCentiDbm * 0.01;
        final long word = slots[slot];
        final long timeWord = slots[slot + 1];
        final long lastSeenMs = timeWord & TIME_MASK;
        final long reads;
        final double mean;
        final long seenMs;
        if (zoneOf(word) != sampleZone || timestampMs - lastSeenMs > challengeWindowMs)
        {
            reads = 1;
            mean = rssiDb;
            seenMs = timestampMs;
        }
        else
        {
            reads = Math.min(readsOf(timeWord) + 1, MAX_READS);
            final double previous = Float.intBitsToFloat((int)word);
            final double weight = reads < weights.length ? weights[(int)reads] : alpha;
            mean = previous + (rssiDb - previous) * weight;
            seenMs = Math.max(lastSeenMs, timestampMs);
        }
        slots[slot] = ((long)sampleZone << 32) | (Float.floatToRawIntBits((float)mean) & 0xFFFF_FFFFL);
        slots[slot + 1] = (reads << 48) | (seenMs & TIME_MASK);

        if (incumbent == EMPTY)
        {
            return sampleZone;
        }
        if (sampleZone == incumbent || reads < minReads)
        {
            return incumbent;
        }
        final int incumbentSlot = find(base, incumbent);
        if (incumbentSlot == EMPTY)
        {
            return sampleZone;
        }
        final long sinceIncumbentMs = Math.max(0, timestampMs - lastSeenMs(incumbentSlot));
        final double margin = marginDb + slopeDbPerMs * (sinceIncumbentMs - holdOffMs);
        return mean(slot) > mean(incumbentSlot) + margin ? sampleZone : incumbent;
    }

    /**
     * Note that a tag was seen in a zone without a new RSSI sample.
     *
     * @param tag         tag handle.
     * @param sampleZone  zone of the antenna.
     * @param timestampMs read time.
     */
    public void touch(final int tag, final int sampleZone, final long timestampMs)
    {
        final int slot = find(base(tag), sampleZone);
        if (slot != EMPTY && timestampMs > lastSeenMs(slot))
        {
            slots[slot + 1] = (slots[slot + 1] & ~TIME_MASK) | (timestampMs & TIME_MASK);
        }
    }

    private int find(final int base, final int z)
    {
        for (int i = base, end = base + tagStride; i < end; i += SLOT_LONGS)
        {
            if (zoneOf(slots[i]) == z)
            {
                return i;
            }
        }
        return EMPTY;
    }

    private int slotFor(final int base, final int z, final int incumbent)
    {
        final long[] slots = this.slots;
        int victim = EMPTY;
        long oldest = Long.MAX_VALUE;
        for (int i = base, end = base + tagStride; i < end; i += SLOT_LONGS)
        {
            final int slotZone = zoneOf(slots[i]);
            if (slotZone == z)
            {
                return i;
            }
            if (slotZone == EMPTY)
            {
                if (oldest != Long.MIN_VALUE)
                {
                    victim = i;
                    oldest = Long.MIN_VALUE;
                }
            }
            else if (slotZone != incumbent && lastSeenMs(i) < oldest)
            {
                victim = i;
                oldest = lastSeenMs(i);
            }
        }
        return victim == EMPTY ? base : victim;
    }

    /**
     * @param tag tag handle.
     * @param z   zone id.
     * @return the running mean RSSI in dBm of the tag in the zone, or NaN if not tracked.
     */
    public double meanRssiDb(final int tag, final int z)
    {
        final int slot = find(base(tag), z);
        return slot == EMPTY ? Double.NaN : mean(slot);
    }

    /**
     * Forget a tag.
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
        }
    }

    /**
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
                if (zoneOf(slots[i]) != EMPTY)
                {
                    out.writeLong(slots[i + 1]);
                }
            }
        }
    }

    /**
     * @param in          to read from.
     * @param handleLimit one past the highest handle in use.
     * @throws IOException on failure.
     */
    public void readFrom(final DataInput in, final int handleLimit) throws IOException
    {
        final int slotCount = in.readInt();
        if (slotCount != slotsPerTag)
        {
            throw new IOException("snapshot has " + slotCount + " zone slots per tag, configuration has " +
                slotsPerTag);
        }
        for (int t = 0; t < handleLimit; t++)
        {
            for (int i = base(t), end = i + tagStride; i < end; i += SLOT_LONGS)
            {
                slots[i] = in.readLong();
                slots[i + 1] = zoneOf(slots[i]) != EMPTY ? in.readLong() : 0;
            }
        }
    }
}
