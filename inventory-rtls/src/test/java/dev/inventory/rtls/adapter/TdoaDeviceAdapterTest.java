package dev.inventory.rtls.adapter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.ingest.IngestRing;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.PositionFlyweight;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.spi.AdapterContext;
import dev.inventory.core.spi.EventSink;
import dev.inventory.rtls.sim.Scenario;
import dev.inventory.rtls.site.RtlsEventType;
import dev.inventory.rtls.site.SiteMap;
import dev.inventory.rtls.site.ZoneTracker;
import dev.inventory.rtls.solve.SolveStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TdoaDeviceAdapterTest
{
    /** Anchors' clock epoch: arrival times are large numbers of picoseconds (~ 5.8 days). */
    private static final long EPOCH_PS = 500_000_000_000_000_000L;

    /**
     * Replays a scenario's ranges as blink arrival times (range + a random transmit offset, in integer ps on a
     * shared clock), then three bad blinks: an unknown anchor, a counter wrap, too few anchors.
     */
    private static final class ScenarioArrivals implements ArrivalSource
    {
        private final Scenario s;
        private final SplittableRandom random = new SplittableRandom(5);
        private int fix;

        ScenarioArrivals(final Scenario s)
        {
            this.s = s;
        }

        @Override
        public int poll(final ArrivalHandler handler, final int limit)
        {
            if (fix > s.fixCount() + 2)
            {
                return END;
            }
            final int f = Math.min(fix, s.fixCount() - 1);
            final long offsetPs = EPOCH_PS + fix * 100_000_000_000L + random.nextLong(1_000_000_000L);
            final long timeMs = fix < s.fixCount() ? s.timeMs(fix) : 9_000_000_000_000L + fix;
            int n = 0;
            for (int r = s.firstRange(f); r < s.firstRange(f) + s.rangeCount(f); r++, n++)
            {
                int anchorId = s.anchorId(s.rangeAnchor(r));
                long toaPs = offsetPs + Math.round(s.rangeM(r) / TdoaDeviceAdapter.METRES_PER_PS);
                if (fix == s.fixCount() && n == 1)
                {
                    anchorId = 4242; // unknown anchor
                }
                if (fix == s.fixCount() + 1 && n == 2)
                {
                    toaPs -= 1L << 40; // a 40-bit counter wrapped inside the blink
                }
                if (fix == s.fixCount() + 2 && n >= 3)
                {
                    break; // 3 anchors: under-determined for TDoA 2.5D
                }
                handler.onArrival(timeMs, s.tagId(f), anchorId, toaPs);
            }
            fix++;
            return n;
        }
    }

    private static int[] anchorIds(final Scenario s)
    {
        final int[] ids = new int[s.anchorCount()];
        for (int a = 0; a < ids.length; a++)
        {
            ids[a] = s.anchorId(a);
        }
        return ids;
    }

    private static double[] anchorXyz(final Scenario s)
    {
        final double[] xyz = new double[s.anchorCount() * 3];
        for (int a = 0; a < s.anchorCount(); a++)
        {
            xyz[3 * a] = s.anchorX(a);
            xyz[3 * a + 1] = s.anchorY(a);
            xyz[3 * a + 2] = s.anchorZ(a);
        }
        return xyz;
    }

    private static AdapterContext context(final Publisher publisher)
    {
        return new AdapterContext()
        {
            @Override
            public Publisher publisher()
            {
                return publisher;
            }

            @Override
            public int readerId(final String readerName)
            {
                return 0;
            }

            @Override
            public String setting(final String key)
            {
                return null;
            }
        };
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldPublishPositionsWhenBlinksArrive() throws Exception
    {
        final Scenario s = Scenario.canonicalHall(31, 2_000);
        final IngestRing ring = new IngestRing(1024);
        final Publisher publisher = new Publisher(ring, new Counters());
        final TdoaDeviceAdapter adapter = new TdoaDeviceAdapter("uwb-tdoa", new ScenarioArrivals(s), anchorIds(s),
            anchorXyz(s), 2, Scenario.TAG_HEIGHT_M, false, 4, 1_000);
        adapter.onStart(context(publisher));
        final PositionFlyweight position = new PositionFlyweight();
        final ByteBuffer buffer = ring.buffer();
        final List<Double> errors = new ArrayList<>();
        int f = 0;
        while (!adapter.isFinished() || ring.available(1) > 0)
        {
            final int n = ring.available(64);
            for (int i = 0; i < n; i++)
            {
                position.wrap(buffer, ring.offset(ring.consumerSequence() + i));
                assertThat((int)position.type()).isEqualTo(RecordType.POSITION);
                assertThat(position.source()).isEqualTo(4);
                while (s.timeMs(f) != position.timestampMs())
                {
                    f++; // a rejected fix left a gap
                }
                assertThat(position.tagId()).isEqualTo(s.tagId(f));
                assertThat(position.zM()).isEqualTo(Scenario.TAG_HEIGHT_M);
                errors.add(Math.hypot(position.xM() - s.trueX(f), position.yM() - s.trueY(f)));
            }
            ring.release(n);
            Thread.onSpinWait();
        }
        adapter.onClose();
        long rejectedScenario = 0;
        for (int status = 0; status < SolveStatus.COUNT; status++)
        {
            rejectedScenario += adapter.rejected(status);
        }
        rejectedScenario -= 3;
        Collections.sort(errors);
        final double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        final double p95 = errors.get((int)(errors.size() * 0.95));
        System.out.println("TDoA adapter, canonical hall, " + errors.size() + " fixes: mean " + mean + " m, p95 " +
            p95 + " m, " + rejectedScenario + " rejected");
        assertThat(adapter.published()).isEqualTo(errors.size());
        assertThat(errors.size() + rejectedScenario).isEqualTo(s.fixCount());
        assertThat(rejectedScenario).isLessThan(10);
        // the solver's own figures on this scenario are ~0.10 m mean, ~0.20 m p95 (TdoaSolverTest)
        assertThat(mean).isLessThan(0.13);
        assertThat(p95).isLessThan(0.30);
        assertThat(adapter.rejected(SolveStatus.UNKNOWN_ANCHOR)).isEqualTo(1);
        assertThat(adapter.rejected(SolveStatus.BAD_DISTANCE)).isGreaterThanOrEqualTo(1);
        assertThat(adapter.rejected(SolveStatus.UNDER_DETERMINED)).isGreaterThanOrEqualTo(1);
        assertThat(adapter.dropped()).isZero();
    }

    @Test
    void shouldRejectBadConfigurationWhenConstructed()
    {
        final ArrivalSource none = (handler, limit) -> ArrivalSource.END;
        assertThatThrownBy(() -> new TdoaDeviceAdapter("t", none, new int[] {1, 1}, new double[6], 2, 1, false, 1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate anchor id 1");
        assertThatThrownBy(() -> new TdoaDeviceAdapter("t", none, new int[] {1}, new double[] {0, Double.NaN, 0}, 2,
            1, false, 1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anchor 1");
        assertThatThrownBy(() -> new TdoaDeviceAdapter("t", none, new int[] {1}, new double[3], 4, 1, false, 1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dim");
        assertThatThrownBy(() -> new TdoaDeviceAdapter("t", none, new int[] {1}, new double[3], 2, Double.NaN, false,
            1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heightM");
    }

    /** A tag crossing a 10 m zone at 1.5 m/s, 10 blinks per second, noiseless arrivals. */
    private static final class Crossing implements ArrivalSource
    {
        static final double[][] ANCHORS = {{0, 0, 5}, {40, 0, 5.5}, {40, 30, 4.5}, {0, 30, 6}, {20, 0, 4}, {20, 30, 5}};
        static final long T0 = 1_767_225_600_000L;
        private int blink;

        @Override
        public int poll(final ArrivalHandler handler, final int limit)
        {
            if (blink == 200)
            {
                return END;
            }
            final double x = 5 + 0.15 * blink; // 5 m .. 35 m
            final double y = 15;
            for (int a = 0; a < ANCHORS.length; a++)
            {
                final double dx = x - ANCHORS[a][0];
                final double dy = y - ANCHORS[a][1];
                final double dz = 1.0 - ANCHORS[a][2];
                final double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                handler.onArrival(T0 + blink * 100L, 9, a + 1,
                    EPOCH_PS + blink * 1_000_000_000L + Math.round(d / TdoaDeviceAdapter.METRES_PER_PS));
            }
            blink++;
            return ANCHORS.length;
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldTurnBlinksIntoZoneEventsWhenRunningInEngine() throws Exception
    {
        final SiteMap map = new SiteMap(5.0, 0.5);
        map.addZone(7, "cell", 0, new double[] {15, 10, 25, 10, 25, 20, 15, 20}, null, 0, 3, false, 0);
        map.seal();
        final double[] xyz = new double[Crossing.ANCHORS.length * 3];
        for (int a = 0; a < Crossing.ANCHORS.length; a++)
        {
            System.arraycopy(Crossing.ANCHORS[a], 0, xyz, 3 * a, 3);
        }
        final TdoaDeviceAdapter adapter = new TdoaDeviceAdapter("uwb-tdoa", new Crossing(), new int[] {1, 2, 3, 4, 5, 6},
            xyz, 2, 1.0, false, 4, 1_000);
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final EventSink sink = (EventBatch batch) ->
        {
            for (int i = 0; i < batch.size(); i++)
            {
                final EventFlyweight e = batch.event(i);
                events.add(RtlsEventType.name(e.type()) + ":" + e.epcHigh() + ":" + e.fromZone() + ">" + e.toZone() +
                    "@" + (e.timestampMs() - Crossing.T0) + ":" + e.source());
            }
        };
        final InventoryEngine engine = new InventoryEngine(EngineConfig.builder()
            .clockTickIntervalMs(0)
            .recordExtension(new ZoneTracker(map, 16, 2, 3, 3, 1_000))
            .adapter(adapter)
            .sink(sink)
            .build()).start();
        while (!adapter.isFinished())
        {
            Thread.sleep(5);
        }
        assertThat(engine.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        engine.close();
        assertThat(adapter.published()).isEqualTo(200);
        assertThat(engine.counters().get(Counters.OTHER_RECORDS)).isEqualTo(200);
        // x = 5 + 0.15 b, band 0.5 m: inside (> 15.5) from blink 71, 3 positions -> enter at blink 73 (7300 ms);
        // outside (> 25.5) from blink 137, 3 positions -> exit at blink 139 (13900 ms)
        // the site map's zone 7 "cell" is engine zone 0 (registered by name; no configured zones)
        assertThat(engine.query(p -> p.zones().zoneId("cell")).get(5, TimeUnit.SECONDS)).isZero();
        assertThat(events).containsExactly("zone_enter:9:-1>0@7300:4", "zone_exit:9:0>-1@13900:4");
    }
}
