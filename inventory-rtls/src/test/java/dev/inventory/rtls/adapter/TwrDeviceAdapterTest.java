package dev.inventory.rtls.adapter;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.ingest.IngestRing;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.PositionFlyweight;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.spi.AdapterContext;
import dev.inventory.rtls.sim.Scenario;
import dev.inventory.rtls.solve.SolveStatus;

import static org.assertj.core.api.Assertions.assertThat;

class TwrDeviceAdapterTest
{
    /** Replays a scenario's ranges, plus one fix naming an unknown anchor. */
    private static final class ScenarioSource implements RangeSource
    {
        private final Scenario s;
        private int fix;

        ScenarioSource(final Scenario s)
        {
            this.s = s;
        }

        @Override
        public int poll(final RangeHandler handler, final int limit)
        {
            if (fix > s.fixCount())
            {
                return END;
            }
            if (fix == s.fixCount())
            {
                handler.onRange(9_999_999_999_999L, 77, 12345, 10.0);
                fix++;
                return 1;
            }
            int n = 0;
            for (int r = s.firstRange(fix); r < s.firstRange(fix) + s.rangeCount(fix); r++, n++)
            {
                handler.onRange(s.timeMs(fix), s.tagId(fix), s.anchorId(s.rangeAnchor(r)), s.rangeM(r));
            }
            fix++;
            return n;
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldPublishPositionsWhenRangesArrive() throws Exception
    {
        final Scenario s = Scenario.canonicalHall(21, 500);
        final int[] ids = new int[s.anchorCount()];
        final double[] xyz = new double[ids.length * 3];
        for (int a = 0; a < ids.length; a++)
        {
            ids[a] = s.anchorId(a);
            xyz[3 * a] = s.anchorX(a);
            xyz[3 * a + 1] = s.anchorY(a);
            xyz[3 * a + 2] = s.anchorZ(a);
        }
        final IngestRing ring = new IngestRing(1024);
        final Publisher publisher = new Publisher(ring, new Counters());
        final TwrDeviceAdapter adapter =
            new TwrDeviceAdapter("uwb", new ScenarioSource(s), ids, xyz, 2, Scenario.TAG_HEIGHT_M, false, 3, 1_000);
        adapter.onStart(new AdapterContext()
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
        });
        final PositionFlyweight position = new PositionFlyweight();
        final ByteBuffer buffer = ring.buffer();
        int received = 0;
        double errorSum = 0;
        while (!adapter.isFinished() || ring.available(1) > 0)
        {
            final int n = ring.available(64);
            for (int i = 0; i < n; i++)
            {
                final int offset = ring.offset(ring.consumerSequence() + i);
                position.wrap(buffer, offset);
                assertThat((int)position.type()).isEqualTo(RecordType.POSITION);
                final int f = received++;
                assertThat(position.timestampMs()).isEqualTo(s.timeMs(f));
                assertThat(position.tagId()).isEqualTo(s.tagId(f));
                errorSum += Math.hypot(position.xM() - s.trueX(f), position.yM() - s.trueY(f));
            }
            ring.release(n);
            Thread.onSpinWait();
        }
        adapter.onClose();
        assertThat(received).isEqualTo(s.fixCount());
        assertThat(errorSum / received).isLessThan(0.1);
        assertThat(adapter.published()).isEqualTo(s.fixCount());
        assertThat(adapter.rejected(SolveStatus.UNKNOWN_ANCHOR)).isEqualTo(1);
        assertThat(adapter.dropped()).isZero();
    }
}
