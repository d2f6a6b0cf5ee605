package dev.inventory.core.zone;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Decides a tag's zone from RSSI. Per tag and zone a running mean of RSSI: an exponential mean with the same
 * centre of mass as a mean of the last N samples (weight 2/(N+1)), starting as a plain mean while fewer samples
 * exist, kept in a few preallocated slots per tag.
 * The incumbent zone holds until a challenger has at least {@code minReads} recent samples and its mean beats the
 * incumbent's by a margin. The margin falls with the time since the incumbent last saw the tag: it is
 * {@code marginDb} at {@code holdOffMs}, more before, less after, at {@code slopeDbPerMs} (the EdgeX mobility
 * profile's line). Samples older than the challenge window restart a slot, so stale evidence never wins.
 * Instances are NOT threadsafe: engine thread only.
 */
public final class ZoneStage
{
    private static final int EMPTY = -1;

    private final int slotsPerTag;
    private final int smoothingReads;
    private final double marginDb;
    private final long holdOffMs;
    private final double slopeDbPerMs;
    private final int minReads;
    private final long challengeWindowMs;

    private final double alpha;
    private final int[] zone;
    private final double[] meanDb;
    private final int[] reads;
    private final long[] lastSeenMs;

    /**
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
        this.slotsPerTag = slotsPerTag;
        this.smoothingReads = smoothingReads;
        this.marginDb = marginDb;
        this.holdOffMs = holdOffMs;
        this.slopeDbPerMs = slopeDbPerMs;
        this.minReads = minReads;
        this.challengeWindowMs = challengeWindowMs;
        this.alpha = 2.0 / (smoothingReads + 1);
        final int n = tagCapacity * slotsPerTag;
        zone = new int[n];
        Arrays.fill(zone, EMPTY);
        meanDb = new double[n];
        reads = new int[n];
        lastSeenMs = new long[n];
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
        final int base = tag * slotsPerTag;
        final int slot = slotFor(base, sampleZone, incumbent);
        final double rssiDb = rssiCentiDbm * 0.01;
        if (zone[slot] != sampleZone || timestampMs - lastSeenMs[slot] > challengeWindowMs)
        {
            zone[slot] = sampleZone;
            meanDb[slot] = rssiDb;
            reads[slot] = 1;
            lastSeenMs[slot] = timestampMs;
        }
        else
        {
            if (reads[slot] < (1 << 30))
            {
                reads[slot]++;
            }
            meanDb[slot] += (rssiDb - meanDb[slot]) * Math.max(alpha, 1.0 / reads[slot]);
            if (timestampMs > lastSeenMs[slot])
            {
                lastSeenMs[slot] = timestampMs;
            }
        }

        if (incumbent == EMPTY)
        {
            return sampleZone;
        }
        if (sampleZone == incumbent || reads[slot] < minReads)
        {
            return incumbent;
        }
        final int incumbentSlot = find(base, incumbent);
        if (incumbentSlot == EMPTY)
        {
            return sampleZone;
        }
        final long sinceIncumbentMs = Math.max(0, timestampMs - lastSeenMs[incumbentSlot]);
        final double margin = marginDb + slopeDbPerMs * (sinceIncumbentMs - holdOffMs);
        return meanDb[slot] > meanDb[incumbentSlot] + margin ? sampleZone : incumbent;
    }

    /**
     * Note that a tag was seen in a zone (a read merged by dedup) without a new RSSI sample.
     *
     * @param tag         tag handle.
     * @param sampleZone  zone of the antenna.
     * @param timestampMs read time.
     */
    public void touch(final int tag, final int sampleZone, final long timestampMs)
    {
        final int slot = find(tag * slotsPerTag, sampleZone);
        if (slot != EMPTY && timestampMs > lastSeenMs[slot])
        {
            lastSeenMs[slot] = timestampMs;
        }
    }

    private int find(final int base, final int z)
    {
        for (int i = base, end = base + slotsPerTag; i < end; i++)
        {
            if (zone[i] == z)
            {
                return i;
            }
        }
        return EMPTY;
    }

    private int slotFor(final int base, final int z, final int incumbent)
    {
        int victim = EMPTY;
        long oldest = Long.MAX_VALUE;
        for (int i = base, end = base + slotsPerTag; i < end; i++)
        {
            final int slotZone = zone[i];
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
            else if (slotZone != incumbent && lastSeenMs[i] < oldest)
            {
                victim = i;
                oldest = lastSeenMs[i];
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
        final int slot = find(tag * slotsPerTag, z);
        return slot == EMPTY ? Double.NaN : meanDb[slot];
    }

    /**
     * Forget a tag.
     *
     * @param tag tag handle.
     */
    public void clear(final int tag)
    {
        final int base = tag * slotsPerTag;
        for (int i = base; i < base + slotsPerTag; i++)
        {
            zone[i] = EMPTY;
            reads[i] = 0;
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
        final int n = handleLimit * slotsPerTag;
        for (int i = 0; i < n; i++)
        {
            out.writeInt(zone[i]);
            if (zone[i] != EMPTY)
            {
                out.writeDouble(meanDb[i]);
                out.writeInt(reads[i]);
                out.writeLong(lastSeenMs[i]);
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
        final int slots = in.readInt();
        if (slots != slotsPerTag)
        {
            throw new IOException("snapshot has " + slots + " zone slots per tag, configuration has " + slotsPerTag);
        }
        final int n = handleLimit * slotsPerTag;
        for (int i = 0; i < n; i++)
        {
            zone[i] = in.readInt();
            if (zone[i] != EMPTY)
            {
                meanDb[i] = in.readDouble();
                reads[i] = in.readInt();
                lastSeenMs[i] = in.readLong();
            }
        }
    }

    /**
     * Load a tag's zone slots into cache ahead of use.
     *
     * @param tag handle.
     * @return a value derived from the state (consume it so the loads are not elided).
     */
    public long touch(final int tag)
    {
        final int i = tag * slotsPerTag;
        return zone[i] + (long)meanDb[i] + reads[i] + lastSeenMs[i];
    }
}
