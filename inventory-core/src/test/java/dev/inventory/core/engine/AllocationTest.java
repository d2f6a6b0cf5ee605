package dev.inventory.core.engine;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventListener;
import dev.inventory.core.ingest.IngestRing;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.spi.EventSink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zero allocation on the hot path: thread-allocated bytes around a million reads after warm-up.
 */
class AllocationTest
{
    private static final int TAGS = 100_000;
    private static final int READS = 1_000_000;
    private static final long T0 = 1_700_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    static EngineConfig.Builder plant()
    {
        return EngineConfig.builder()
            .tagCapacity(1 << 17)
            .zone("dock", 1, 1, 2)
            .zone("store-a", 1, 3, 4)
            .zone("store-b", 2, 1, 2)
            .zone("line", 2, 3, 4)
            .skuResolver((high, low) -> 1 + (low & 63))
            .presenceTimeoutMs(5_000)
            .clockTickIntervalMs(0);
    }

    /** Deterministic read stream: each tag mostly in a home antenna, sometimes cross-read, homes shift over time. */
    static final class ReadStream
    {
        private long state = 0x9E3779B97F4A7C15L;
        private long index;

        private int next()
        {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            return (int)(state >>> 33);
        }

        long publish(final Publisher publisher)
        {
            final long i = index++;
            final int r = next();
            final int tag = r % TAGS;
            final int home = (tag + (int)(i / 2_000_000)) & 7;
            final boolean cross = (r & 15) == 0;
            final int antennaSlot = cross ? (home + 1) & 7 : home;
            final int rssi = (cross ? -7_000 : -5_000) + (next() % 600);
            long seq;
            while ((seq = publisher.tryPublishRfidRead(1 + (antennaSlot >> 2), 1 + (antennaSlot & 3),
                0x3074257BF7000000L | tag, tag, rssi, T0 + i / 50, 1)) < 0)
            {
                Thread.onSpinWait();
            }
            return seq;
        }
    }

    static byte[] sink;

    @Test
    void shouldNotAllocateInRingAndPipelineInSteadyState()
    {
        final Counters counters = new Counters();
        final long[] events = new long[1];
        final EventListener listener = e -> events[0]++;
        final Pipeline pipeline = new Pipeline(plant().build(), counters, listener);
        final IngestRing ring = new IngestRing(4096);
        final Publisher publisher = new Publisher(ring, counters);
        final ReadStream stream = new ReadStream();

        run(stream, publisher, ring, pipeline, 3 * READS); // warm-up: JIT, all tags interned
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        run(stream, publisher, ring, pipeline, READS);
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated for %d reads", READS).isZero();
        final long controlBefore = THREADS.getCurrentThreadAllocatedBytes();
        sink = new byte[4096];
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - controlBefore)
            .as("the measurement sees an allocation").isGreaterThanOrEqualTo(4096);
        assertThat(counters.get(Counters.READS)).isEqualTo(4L * READS);
        assertThat(counters.get(Counters.DEDUPED)).isPositive();
        assertThat(counters.get(Counters.MOVED)).isPositive();
        assertThat(events[0]).isEqualTo(counters.get(Counters.EVENTS));
    }

    private static void run(
        final ReadStream stream, final Publisher publisher, final IngestRing ring, final Pipeline pipeline, final int reads)
    {
        int published = 0;
        while (published < reads)
        {
            final int batch = Math.min(1024, reads - published);
            for (int i = 0; i < batch; i++)
            {
                stream.publish(publisher);
            }
            published += batch;
            final int n = ring.available(batch);
            final long start = ring.consumerSequence();
            for (int i = 0; i < n; i++)
            {
                pipeline.onRecord(ring.buffer(), ring.offset(start + i));
            }
            ring.release(n);
        }
    }

    @Test
    @Timeout(120)
    void shouldNotAllocateOnEngineThreadInSteadyState() throws Exception
    {
        final long[] sinkEvents = new long[1];
        final EventSink sink = new EventSink()
        {
            @Override
            public void onEvents(final EventBatch batch)
            {
                for (int i = 0; i < batch.size(); i++)
                {
                    final EventFlyweight e = batch.event(i);
                    sinkEvents[0] += e.type();
                }
            }
        };
        try (InventoryEngine engine = new InventoryEngine(plant().sink(sink).build()).start())
        {
            final long engineThreadId = engine.query(p -> Thread.currentThread().getId()).get(5, TimeUnit.SECONDS);
            final ReadStream stream = new ReadStream();
            final Publisher publisher = engine.publisher();
            final Counters counters = engine.counters();

            publishAndWait(stream, publisher, counters, 3 * READS);
            final long before = THREADS.getThreadAllocatedBytes(engineThreadId);
            publishAndWait(stream, publisher, counters, READS);
            final long allocated = THREADS.getThreadAllocatedBytes(engineThreadId) - before;

            assertThat(allocated).as("engine thread bytes allocated for %d reads", READS).isZero();
            assertThat(counters.get(Counters.READS)).isEqualTo(4L * READS);
            assertThat(counters.get(Counters.REJECTED)).isZero();
        }
    }

    private static void publishAndWait(
        final ReadStream stream, final Publisher publisher, final Counters counters, final int reads)
    {
        final long target = counters.get(Counters.RECORDS) + reads;
        for (int i = 0; i < reads; i++)
        {
            stream.publish(publisher);
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (counters.get(Counters.RECORDS) < target)
        {
            assertThat(System.nanoTime()).as("engine caught up in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
