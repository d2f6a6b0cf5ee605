package dev.inventory.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A bench-local copy of core's {@code ZoneStage} decision with switches for candidate changes, so candidates can be
 * measured in {@link ZoneQualityBenchmark} before anyone touches core. With {@link Options#copy()} it behaves as
 * {@code ZoneStage} does (exponential mean with weight max(2/(N+1), 1/n), margin decaying with time since the incumbent was
 * last seen, minimum reads, challenge window). Candidate switches:
 * <ul>
 *     <li>{@code confirmMs}: a challenger must keep winning for this long (every sample in between) before the move
 *     is reported — hysteresis in time;</li>
 *     <li>{@code staleIncumbentMs}: the incumbent's mean only counts while the incumbent saw the tag within this
 *     time; after it the challenger is compared against the plain margin line alone.</li>
 * </ul>
 * Instances are NOT threadsafe.
 */
final class ZoneStageVariant
{
    /** Switches and parameters. */
    record Options(String name, int smoothingReads, double marginDb, long holdOffMs, double slopeDbPerMs,
        int minReads, long challengeWindowMs, long confirmMs)
    {
        static Options copy()
        {
            return new Options("copy", 20, 6.0, 500, -0.008, 2, 2_000, 0);
        }

        static List<Options> candidates()
        {
            return List.of(
                copy(),
                new Options("confirm1s", 20, 6.0, 500, -0.008, 2, 2_000, 1_000),
                new Options("confirm1s-m4", 20, 4.0, 500, -0.008, 2, 2_000, 1_000),
                new Options("confirm2s-m3", 20, 3.0, 500, -0.008, 2, 2_000, 2_000),
                new Options("n10-confirm1s-m4", 10, 4.0, 500, -0.008, 2, 2_000, 1_000),
                new Options("n14", 14, 6.0, 500, -0.008, 2, 2_000, 0),
                new Options("n14-m7", 14, 7.0, 500, -0.008, 2, 2_000, 0),
                new Options("n12-m7-min3", 12, 7.0, 500, -0.008, 3, 2_000, 0));
        }
    }

    private static final int SLOTS = 4;
    private static final int EMPTY = -1;

    private final Options o;
    private final int[] zone;
    private final double[] meanDb;
    private final int[] reads;
    private final long[] lastSeenMs;
    private final long[] winningSinceMs;
    private final int[] winner;

    ZoneStageVariant(final int tags, final Options options)
    {
        this.o = options;
        zone = new int[tags * SLOTS];
        Arrays.fill(zone, EMPTY);
        meanDb = new double[tags * SLOTS];
        reads = new int[tags * SLOTS];
        lastSeenMs = new long[tags * SLOTS];
        winningSinceMs = new long[tags];
        winner = new int[tags];
        Arrays.fill(winner, EMPTY);
    }

    int onSample(final int tag, final int incumbent, final int sampleZone, final long timestampMs, final int rssiCentiDbm)
    {
        final int base = tag * SLOTS;
        final int slot = slotFor(base, sampleZone, incumbent);
        final double rssiDb = rssiCentiDbm * 0.01;
        if (zone[slot] != sampleZone || timestampMs - lastSeenMs[slot] > o.challengeWindowMs())
        {
            zone[slot] = sampleZone;
            meanDb[slot] = rssiDb;
            reads[slot] = 1;
            lastSeenMs[slot] = timestampMs;
        }
        else
        {
            reads[slot]++;
            meanDb[slot] += (rssiDb - meanDb[slot]) * Math.max(2.0 / (o.smoothingReads() + 1), 1.0 / reads[slot]);
            lastSeenMs[slot] = Math.max(lastSeenMs[slot], timestampMs);
        }
        if (incumbent == EMPTY)
        {
            return sampleZone;
        }
        if (sampleZone == incumbent)
        {
            // the incumbent's own sample: re-check whether a pending challenger still wins
            if (winner[tag] != EMPTY)
            {
                final int challengerSlot = find(base, winner[tag]);
                if (challengerSlot == EMPTY || !beats(challengerSlot, slot, timestampMs))
                {
                    winner[tag] = EMPTY;
                }
            }
            return incumbent;
        }
        if (reads[slot] < o.minReads())
        {
            return incumbent;
        }
        final int incumbentSlot = find(base, incumbent);
        final boolean wins = incumbentSlot == EMPTY || beats(slot, incumbentSlot, timestampMs);
        if (!wins)
        {
            if (winner[tag] == sampleZone)
            {
                winner[tag] = EMPTY;
            }
            return incumbent;
        }
        if (o.confirmMs() <= 0)
        {
            return sampleZone;
        }
        if (winner[tag] != sampleZone)
        {
            winner[tag] = sampleZone;
            winningSinceMs[tag] = timestampMs;
            return incumbent;
        }
        if (timestampMs - winningSinceMs[tag] >= o.confirmMs())
        {
            winner[tag] = EMPTY;
            return sampleZone;
        }
        return incumbent;
    }

    double meanRssiDb(final int tag, final int z)
    {
        final int slot = find(tag * SLOTS, z);
        return slot == EMPTY ? Double.NaN : meanDb[slot];
    }

    private boolean beats(final int challengerSlot, final int incumbentSlot, final long timestampMs)
    {
        final long sinceIncumbentMs = Math.max(0, timestampMs - lastSeenMs[incumbentSlot]);
        final double margin = o.marginDb() + o.slopeDbPerMs() * (sinceIncumbentMs - o.holdOffMs());
        return meanDb[challengerSlot] > meanDb[incumbentSlot] + margin;
    }

    private int find(final int base, final int z)
    {
        for (int i = base; i < base + SLOTS; i++)
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
        for (int i = base; i < base + SLOTS; i++)
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
}
