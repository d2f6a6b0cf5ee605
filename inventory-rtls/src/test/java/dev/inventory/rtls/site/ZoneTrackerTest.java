package dev.inventory.rtls.site;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.record.PositionFlyweight;

import static org.assertj.core.api.Assertions.assertThat;

class ZoneTrackerTest
{
    private final List<String> events = new ArrayList<>();
    private final Pipeline pipeline = new Pipeline(EngineConfig.builder().build(), new Counters(),
        e -> events.add(RtlsEventType.name(e.type()) + ":" + e.epcHigh() + ":" + e.fromZone() + ">" + e.toZone() +
            (e.dwellMs() > 0 ? ":" + e.dwellMs() : "")));
    private final ByteBuffer buffer = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
    private final PositionFlyweight position = new PositionFlyweight();
    private final SiteMap map = new SiteMap(5.0, 0.5);
    private final int dock = map.addZone("dock", new double[] {10, 10, 20, 10, 20, 20, 10, 20}, 0, 3, false, 0);
    private final int cage = map.addZone("cage", new double[] {30, 5, 35, 5, 35, 10, 30, 10}, 0, 3, true, 2_000);
    private final ZoneTracker tracker;

    ZoneTrackerTest()
    {
        map.seal();
        map.authorize(cage, 99);
        tracker = new ZoneTracker(map, 16, 4, 3, 3, 1_000);
        pipeline.extension(tracker);
    }

    private void at(final long tag, final long timeMs, final double x, final double y)
    {
        position.wrap(buffer, 0).set(1, tag, x, y, 1.0, 0.05, timeMs);
        pipeline.onRecord(buffer, 0);
    }

    @Test
    void shouldEnterAfterThreePositionsAndExitAfterThree()
    {
        long t = 1_000_000;
        at(1, t += 100, 12, 12);
        at(1, t += 100, 12, 12);
        assertThat(events).isEmpty();
        at(1, t += 100, 12, 12);
        assertThat(events).containsExactly("zone_enter:1:-1>" + dock);
        at(1, t += 100, 25, 12);
        at(1, t += 100, 25, 12);
        assertThat(tracker.isInside(1, dock)).isTrue();
        at(1, t += 100, 25, 12);
        assertThat(events).containsExactly("zone_enter:1:-1>" + dock, "zone_exit:1:" + dock + ">-1:300");
    }

    @Test
    void shouldNotFlapWhenJitteringOnEdge()
    {
        long t = 1_000_000;
        for (int i = 0; i < 5; i++)
        {
            at(2, t += 100, 15, 15);
        }
        for (int i = 0; i < 50; i++)
        {
            at(2, t += 100, 20 + ((i & 1) == 0 ? 0.3 : -0.3), 15); // inside the 0.5 m band
        }
        assertThat(events).containsExactly("zone_enter:2:-1>" + dock);
    }

    @Test
    void shouldNeverExitWithoutEnter()
    {
        long t = 1_000_000;
        at(3, t += 100, 12, 12);
        at(3, t += 100, 12, 12);
        for (int i = 0; i < 10; i++)
        {
            at(3, t += 100, 40, 30);
        }
        assertThat(events).isEmpty();
    }

    @Test
    void shouldFlagRestrictedEntryAndDwellWhenUnauthorized()
    {
        long t = 1_000_000;
        for (int i = 0; i < 30; i++)
        {
            at(4, t += 100, 32, 7);
            at(99, t, 33, 7);
        }
        assertThat(events).containsExactly(
            "zone_enter:4:-1>" + cage, "restricted_entry:4:-1>" + cage,
            "zone_enter:99:-1>" + cage,
            "dwell_exceeded:4:-1>" + cage + ":2100", "dwell_exceeded:99:-1>" + cage + ":2100");
    }

    @Test
    void shouldUseGridCandidatesOnly()
    {
        final int[] out = new int[2];
        assertThat(map.candidates(12, 12, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo(dock);
        assertThat(map.candidates(-50, -50, out)).isZero();
        assertThat(map.classify(dock, 12, 12, 5.0)).isEqualTo(SiteMap.OUTSIDE); // above the height band
    }
}
