package dev.inventory.core.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.query.TagView;
import dev.inventory.core.spi.AdapterContext;
import dev.inventory.core.spi.DeviceAdapter;
import dev.inventory.core.spi.EventSink;
import dev.inventory.core.spi.SinkPolicy;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class InventoryEngineTest
{
    private static final long T0 = 1_700_000_000_000L;

    static final class CollectingSink implements EventSink
    {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicLong lastSequence = new AtomicLong(-1);

        @Override
        public void onEvents(final EventBatch batch)
        {
            for (int i = 0; i < batch.size(); i++)
            {
                events.add(EventType.name(batch.event(i).type()) + ":" + batch.event(i).epcLow());
                lastSequence.set(batch.event(i).sequence());
            }
        }
    }

    private static EngineConfig.Builder config()
    {
        return EngineConfig.builder()
            .zone("dock", 1, 1)
            .zone("store", 1, 2)
            .clockTickIntervalMs(0)
            .ringCapacity(1024)
            .pollLimit(256);
    }

    private static void awaitCount(final java.util.function.LongSupplier value, final long target)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (value.getAsLong() < target && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        assertThat(value.getAsLong()).isGreaterThanOrEqualTo(target);
    }

    @Test
    void shouldAnswerQueriesFromOtherThreadsWhileIngesting() throws Exception
    {
        try (InventoryEngine engine = new InventoryEngine(config().build()).start())
        {
            final Publisher publisher = engine.publisher();
            for (int i = 0; i < 100; i++)
            {
                while (publisher.tryPublishRfidRead(1, 1 + (i & 1), 0x30L, i, -5000, T0 + i, 1) < 0)
                {
                    Thread.onSpinWait();
                }
            }
            awaitCount(() -> engine.counters().get(Counters.RECORDS), 100);
            final TagView view = engine.whereIs(0x30L, 3).get(5, TimeUnit.SECONDS);
            assertThat(view.zone()).isEqualTo("store");
            assertThat(engine.zoneContents("dock").get(5, TimeUnit.SECONDS)).hasSize(50);
            assertThat(engine.ledger().get(5, TimeUnit.SECONDS)).hasSize(100);
            assertThat(engine.whereIs(0x99L, 3).get(5, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void shouldIsolateThrowingSinkAndKeepDeliveringToOthers() throws Exception
    {
        final CollectingSink good = new CollectingSink();
        final AtomicInteger calls = new AtomicInteger();
        final EventSink bad = new EventSink()
        {
            @Override
            public void onEvents(final EventBatch batch)
            {
                calls.incrementAndGet();
                throw new IllegalStateException("downstream unavailable");
            }
        };
        final SinkPolicy park = SinkPolicy.DEFAULT.withRetries(2, 1).withParkOnFailure(true);
        try (InventoryEngine engine = new InventoryEngine(config().sink(bad, park).sink(good).build()).start())
        {
            for (int i = 0; i < 500; i++)
            {
                engine.publisher().publishRfidRead(1, 1, 0x30L, i, -5000, T0 + i, 1, 5, TimeUnit.SECONDS);
            }
            awaitCount(() -> good.events.size(), 500);
            awaitCount(() -> engine.sinkRunners().get(0).isParked() ? 1 : 0, 1);
            assertThat(calls.get()).isEqualTo(3);
            assertThat(engine.counters().get(Counters.SINK_ERRORS)).isEqualTo(3);
            awaitCount(() -> engine.counters().get(Counters.SINK_DROPPED), 500);
            assertThat(engine.counters().get(Counters.READS)).isEqualTo(500);
        }
        assertThat(good.events).hasSize(500).allMatch(e -> e.startsWith("appeared"));
    }

    @Test
    void shouldNotBlockEngineWhenSinkStallsAndCountWhatItDrops() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final CollectingSink good = new CollectingSink();
        final EventSink stalled = new EventSink()
        {
            @Override
            public void onEvents(final EventBatch batch) throws InterruptedException
            {
                release.await(30, TimeUnit.SECONDS);
            }
        };
        final EngineConfig cfg = config().sink(stalled, SinkPolicy.DEFAULT.withBufferCapacity(64)).sink(good).build();
        try (InventoryEngine engine = new InventoryEngine(cfg).start())
        {
            for (int i = 0; i < 2_000; i++)
            {
                engine.publisher().publishRfidRead(1, 1, 0x30L, i, -5000, T0 + i, 1, 5, TimeUnit.SECONDS);
            }
            awaitCount(() -> good.events.size(), 2_000);
            assertThat(engine.counters().get(Counters.READS)).isEqualTo(2_000);
            // the stalled sink holds one batch in its call and at most 64 buffered; the rest were dropped and counted
            assertThat(engine.counters().get(Counters.SINK_DROPPED)).isGreaterThanOrEqualTo(2_000 - 64 - 1024);
            assertThat(engine.counters().get(Counters.SINK_DROPPED)).isPositive();
            release.countDown();
        }
    }

    @Test
    void shouldGiveBackPressureWhenRingIsFullAndRecoverWhenDrained() throws Exception
    {
        final CountDownLatch gate = new CountDownLatch(1);
        final EngineConfig cfg = config().ringCapacity(64).pollLimit(64).build();
        try (InventoryEngine engine = new InventoryEngine(cfg).start())
        {
            // block the engine thread with a query so the ring fills
            engine.query(p ->
            {
                try
                {
                    gate.await(10, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            Thread.sleep(50);
            int accepted = 0;
            long result = 0;
            for (int i = 0; i < 200; i++)
            {
                result = engine.publisher().tryPublishRfidRead(1, 1, 0x30L, i, -5000, T0 + i, 1);
                if (result >= 0)
                {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(64);
            assertThat(result).isEqualTo(Publisher.BACK_PRESSURED);
            assertThat(engine.counters().get(Counters.BACK_PRESSURED)).isEqualTo(136);
            gate.countDown();
            awaitCount(() -> engine.counters().get(Counters.RECORDS), 64);
            assertThat(engine.publisher().tryPublishRfidRead(1, 1, 0x30L, 999, -5000, T0, 1)).isNotNegative();
        }
    }

    @Test
    void shouldStartAndCloseAdaptersAndProcessEverythingCommittedBeforeClose() throws Exception
    {
        final CollectingSink sink = new CollectingSink();
        final AtomicInteger closed = new AtomicInteger();
        final DeviceAdapter adapter = new DeviceAdapter()
        {
            @Override
            public void onStart(final AdapterContext context)
            {
                assertThat(context.readerId("dock-reader")).isEqualTo(context.readerId("dock-reader"));
                for (int i = 0; i < 300; i++)
                {
                    context.publisher().publishRfidRead(1, 2, 0x31L, i, -5000, T0 + i, 1, 5, TimeUnit.SECONDS);
                }
            }

            @Override
            public void onClose()
            {
                closed.incrementAndGet();
            }
        };
        final InventoryEngine engine = new InventoryEngine(config().adapter(adapter).sink(sink).build()).start();
        engine.close();
        engine.close();
        assertThat(closed.get()).isEqualTo(1);
        assertThat(engine.counters().get(Counters.READS)).isEqualTo(300);
        assertThat(sink.events).hasSize(300);
        assertThat(sink.lastSequence.get()).isEqualTo(299);
        assertThat(engine.publisher().tryPublishRfidRead(1, 1, 1, 1, -5000, T0, 1)).isEqualTo(Publisher.CLOSED);
        assertThat(engine.whereIs(0x31L, 5).get(1, TimeUnit.SECONDS).zone()).isEqualTo("store");
    }

    @Test
    void shouldSkipAndCountARecordWhoseProcessingThrowsAndKeepRunning() throws Exception
    {
        final RecordExtension faulty = (buffer, offset, type, pipeline) ->
        {
            if (buffer.getInt(offset + dev.inventory.core.record.RfidReadFlyweight.EPC_LOW_OFFSET) == 13)
            {
                throw new IllegalStateException("defect in a rule");
            }
            return false;
        };
        try (InventoryEngine engine = new InventoryEngine(config().recordExtension(faulty).build()).start())
        {
            for (int i = 0; i < 50; i++)
            {
                engine.publisher().publishRfidRead(1, 1, 0x30L, i, -5000, T0 + i, 1, 5, TimeUnit.SECONDS);
            }
            assertThat(engine.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.counters().rejected(dev.inventory.core.counter.RejectReason.INTERNAL_ERROR)).isEqualTo(1);
            assertThat(engine.counters().get(Counters.READS)).isEqualTo(50);
            assertThat(engine.zoneContents("dock").get(5, TimeUnit.SECONDS)).hasSize(50);
        }
    }

    @Test
    void shouldLeaveNoEngineThreadsBehind() throws Exception
    {
        final long before = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("inventory")).count();
        try (InventoryEngine engine = new InventoryEngine(config().sink(new CollectingSink()).build()).start())
        {
            engine.publisher().tryPublishRfidRead(1, 1, 1, 1, -5000, T0, 1);
        }
        Thread.sleep(50);
        final long after = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("inventory") && t.isAlive()).count();
        assertThat(after).isLessThanOrEqualTo(before);
    }
}
