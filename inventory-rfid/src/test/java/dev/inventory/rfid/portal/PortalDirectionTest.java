package dev.inventory.rfid.portal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortalDirectionTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long EPC_HIGH = 0x3074257BF7194E40L;

    static PortalSpec spec()
    {
        return PortalSpec.builder()
            .outer(PortalSimulator.READER, 1).outer(PortalSimulator.READER, 2)
            .inner(PortalSimulator.READER, 3).inner(PortalSimulator.READER, 4)
            .build();
    }

    /** Outcome counts per scenario: [IN, OUT, NEAR, undecided]. */
    static Map<PortalSimulator.Kind, int[]> run(
        final long seed, final PortalSimulator.Kind[] kinds, final int passesPerKind, final Map<Integer, Double> confidences)
    {
        final PortalSimulator simulator = new PortalSimulator(seed);
        final List<PortalSimulator.Read> reads = new ArrayList<>();
        final Map<Integer, PortalSimulator.Kind> kindByTag = new HashMap<>();
        long startMs = T0;
        long endMs = T0;
        int tag = 0;
        for (int i = 0; i < passesPerKind; i++)
        {
            for (final PortalSimulator.Kind kind : kinds)
            {
                tag++;
                kindByTag.put(tag, kind);
                endMs = Math.max(endMs, simulator.generate(kind, tag, startMs, reads));
                startMs += 2_500; // passes overlap in time: several tags in the portal at once
            }
        }
        reads.sort(Comparator.comparingLong(PortalSimulator.Read::timestampMs));
        final Map<Integer, Integer> decided = new HashMap<>();
        final PortalDetector detector = new PortalDetector(spec(), pass ->
        {
            assertThat(pass.epcHigh()).isEqualTo(EPC_HIGH);
            assertThat(pass.confidence()).isBetween(0.0, 1.0);
            final Integer previous = decided.put(pass.epcLow(), pass.direction());
            if (null != previous && previous != PortalDirection.NEAR)
            {
                decided.put(pass.epcLow(), previous); // a track restart may add a NEAR after a decision
            }
            if (pass.direction() != PortalDirection.NEAR && null != confidences)
            {
                confidences.put(pass.epcLow(), pass.confidence());
            }
        });
        for (final PortalSimulator.Read read : reads)
        {
            detector.onRead(PortalSimulator.READER, read.antenna(), EPC_HIGH, read.epcLow(), read.rssiCentiDbm(),
                read.timestampMs());
        }
        detector.onTime(endMs + 60_000);
        assertThat(detector.trackedTags()).isZero();
        final Map<PortalSimulator.Kind, int[]> outcome = new EnumMap<>(PortalSimulator.Kind.class);
        for (final PortalSimulator.Kind kind : kinds)
        {
            outcome.put(kind, new int[4]);
        }
        kindByTag.forEach((id, kind) ->
        {
            final Integer direction = decided.get(id);
            outcome.get(kind)[null == direction ? 3 : direction - 1]++;
        });
        return outcome;
    }

    private static String describe(final Map<PortalSimulator.Kind, int[]> outcome)
    {
        final StringBuilder text = new StringBuilder("scenario: IN OUT NEAR none\n");
        outcome.forEach((kind, counts) -> text.append(kind).append(": ").append(counts[0]).append(' ')
            .append(counts[1]).append(' ').append(counts[2]).append(' ').append(counts[3]).append('\n'));
        return text.toString();
    }

    @Test
    void shouldDecideDirectionOfCleanPassesWhenTagsMoveThroughTheDoor()
    {
        final PortalSimulator.Kind[] kinds = {PortalSimulator.Kind.IN, PortalSimulator.Kind.OUT};
        final Map<Integer, Double> confidences = new HashMap<>();
        final Map<PortalSimulator.Kind, int[]> outcome = run(42, kinds, 250, confidences);
        System.out.println("clean passes (250 each)\n" + describe(outcome));
        final int[] in = outcome.get(PortalSimulator.Kind.IN);
        final int[] out = outcome.get(PortalSimulator.Kind.OUT);
        assertThat(in[0]).as(describe(outcome)).isGreaterThanOrEqualTo(238); // >= 95 %
        assertThat(out[1]).as(describe(outcome)).isGreaterThanOrEqualTo(238);
        assertThat(in[1] + out[0]).as("wrong direction\n" + describe(outcome)).isLessThanOrEqualTo(2);
        final double meanConfidence = confidences.values().stream().mapToDouble(Double::doubleValue).average()
            .orElse(0);
        System.out.println("mean confidence of clean IN/OUT decisions: " + meanConfidence);
        assertThat(meanConfidence).isGreaterThan(0.7);
    }

    @Test
    void shouldNeverReportInOrOutWhenStationaryTagsAreCrossRead()
    {
        final Map<PortalSimulator.Kind, int[]> outcome =
            run(7, new PortalSimulator.Kind[]{PortalSimulator.Kind.CROSS_READ}, 200, null);
        System.out.println("cross-reads (200)\n" + describe(outcome));
        final int[] cross = outcome.get(PortalSimulator.Kind.CROSS_READ);
        assertThat(cross[0] + cross[1]).as(describe(outcome)).isZero();
    }

    @Test
    void shouldReportNearWhenTagsOnlyWalkByOutside()
    {
        final Map<PortalSimulator.Kind, int[]> outcome =
            run(11, new PortalSimulator.Kind[]{PortalSimulator.Kind.WALK_BY}, 200, null);
        System.out.println("walk-by outside (200)\n" + describe(outcome));
        final int[] walk = outcome.get(PortalSimulator.Kind.WALK_BY);
        assertThat(walk[0] + walk[1]).as(describe(outcome)).isLessThanOrEqualTo(4);
    }

    @Test
    void shouldRarelyGiveWrongDirectionWhenPassesAreAmbiguous()
    {
        final PortalSimulator.Kind[] kinds = {PortalSimulator.Kind.STOP_IN_DOOR, PortalSimulator.Kind.TURN_BACK};
        final Map<PortalSimulator.Kind, int[]> outcome = run(23, kinds, 200, null);
        System.out.println("ambiguous passes (200 each)\n" + describe(outcome));
        final int[] stop = outcome.get(PortalSimulator.Kind.STOP_IN_DOOR);
        final int[] turn = outcome.get(PortalSimulator.Kind.TURN_BACK);
        // stopped in the door then went in: IN or NEAR are acceptable, OUT is wrong
        assertThat(stop[1]).as(describe(outcome)).isLessThanOrEqualTo(10);
        // came to the door and went back out: it never passed
        assertThat(turn[0] + turn[1]).as(describe(outcome)).isLessThanOrEqualTo(20);
    }
}
