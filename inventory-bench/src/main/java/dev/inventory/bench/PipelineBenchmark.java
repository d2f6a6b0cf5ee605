package dev.inventory.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventListener;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.spi.EventSink;

/**
 * Whole-pipeline throughput (ingest → dedup → presence → zone → ledger → events → sink) of the engine and its
 * peers on the same pre-generated {@link ReadStream}. The benchmark thread is the publisher; each implementation
 * consumes on a thread of its own. An invocation publishes {@link #BATCH} reads and waits until all are consumed,
 * so the score is reads per second.
 * <ul>
 *     <li>{@code inventory}: {@link InventoryEngine} (no journal), default idle strategy, a counting sink;</li>
 *     <li>{@code disruptor}: our {@link Pipeline} behind an LMAX Disruptor 4 ring of 64-byte slots (multi-producer,
 *     yielding wait strategy), producer writing the same slot layout;</li>
 *     <li>{@code naive}: {@link NaiveInventory}, java.util maps behind an {@code ArrayBlockingQueue}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PipelineBenchmark
{
    /** Reads per invocation. */
    public static final int BATCH = 1 << 16;
    static final int RING_CAPACITY = 1 << 16;

    /** Counts events on a sink thread. */
    static final class CountingSink implements EventSink
    {
        volatile long events;

        @Override
        public void onEvents(final EventBatch batch)
        {
            events += batch.size();
        }
    }

    /** Counts events on the consumer thread. */
    static final class CountingListener implements EventListener
    {
        long events;

        @Override
        public void onEvent(final EventFlyweight event)
        {
            events++;
        }
    }

    /** An engine fed from a stream cursor; JMH annotations live on the subclasses only (no double setup). */
    abstract static class EngineState
    {
        ReadStream stream;
        InventoryEngine engine;
        Publisher publisher;
        Counters counters;
        final CountingSink sink = new CountingSink();
        int index;
        long lap;
        long published;
    }

    /** Our engine, journal off. */
    @State(Scope.Benchmark)
    public static class InventoryState extends EngineState
    {
        @Param("100000")
        public int tagCount;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = ReadStream.of(tagCount);
            engine = new InventoryEngine(BenchConfigs.zonedBuilder(tagCount)
                .ringCapacity(RING_CAPACITY)
                .sink(sink)
                .build()).start();
            publisher = engine.publisher();
            counters = engine.counters();
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            engine.close();
        }
    }

    /**
     * Our engine with the whole operations module on ({@code Operations}: movement ledger, balances, put-away,
     * reorder, lots, hold and shipping, accuracy, containers, work in progress), reorder points and FEFO rotation set.
     */
    @State(Scope.Benchmark)
    public static class RulesState extends EngineState
    {
        @Param("100000")
        public int tagCount;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = ReadStream.of(tagCount);
            final int tagCapacity = Math.max(1 << 18, Integer.highestOneBit(tagCount) << 1);
            final dev.inventory.core.ops.Operations ops = new dev.inventory.core.ops.Operations(tagCapacity);
            engine = new InventoryEngine(BenchConfigs.zonedBuilder(tagCount)
                .ringCapacity(RING_CAPACITY)
                .skuResolver((epcHigh, epcLow) -> 1 + ((epcLow >>> 8) & 63)) // 64 SKUs
                .recordExtension(ops.extension())
                .sink(sink)
                .build()).start();
            publisher = engine.publisher();
            counters = engine.counters();
            // zone 0 receives, the others store with a capacity; reorder points on every SKU in zone 1
            for (int z = 0; z < ReadStream.ZONES; z++)
            {
                final int role = z == 0 ? dev.inventory.core.ops.ZoneRole.RECEIVING : dev.inventory.core.ops.ZoneRole.STORAGE;
                command(dev.inventory.core.ops.OpsCommands.ZONE, z, role, tagCount / ReadStream.ZONES);
            }
            for (int sku = 1; sku <= 64; sku++)
            {
                command(dev.inventory.core.ops.OpsCommands.REORDER_POINT, sku, 1, tagCount / 64 / ReadStream.ZONES);
            }
            command(dev.inventory.core.ops.LotRules.ROTATION, 0, dev.inventory.core.ops.LotRules.POLICY_FEFO,
                dev.inventory.core.ops.LotRules.SCOPE_SITE);
            published += ReadStream.ZONES + 64 + 1;
        }

        private void command(final int code, final long arg2, final long arg3, final long arg4)
        {
            while (publisher.tryPublishCommand(0, code, 0, 0, arg2, arg3, arg4, ReadStream.BASE_MS) < 0)
            {
                Thread.onSpinWait();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            engine.close();
        }
    }

    /** Our pipeline behind a Disruptor. */
    @State(Scope.Benchmark)
    public static class DisruptorState
    {
        @Param("100000")
        public int tagCount;

        ReadStream stream;
        Disruptor<SlotEvent> disruptor;
        RingBuffer<SlotEvent> ringBuffer;
        SlotHandler handler;
        int index;
        long lap;
        long lastSequence = -1;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = ReadStream.of(tagCount);
            final ByteBuffer slab = ByteBuffer.allocateDirect(RING_CAPACITY * RecordDescriptor.RECORD_LENGTH);
            final int[] next = new int[1];
            disruptor = new Disruptor<>(
                () -> new SlotEvent(slab, next[0]++),
                RING_CAPACITY,
                DaemonThreadFactory.INSTANCE,
                ProducerType.MULTI,
                new YieldingWaitStrategy());
            final Pipeline pipeline = new Pipeline(
                BenchConfigs.zonedBuilder(tagCount).build(), new Counters(), new CountingListener());
            handler = new SlotHandler(pipeline);
            disruptor.handleEventsWith(handler);
            ringBuffer = disruptor.start();
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            disruptor.halt();
        }
    }

    /** A 64-byte record slot, a view of one contiguous slab (as the engine's ring). */
    static final class SlotEvent
    {
        final ByteBuffer buffer;

        SlotEvent(final ByteBuffer slab, final int index)
        {
            this.buffer = slab.slice(index * RecordDescriptor.RECORD_LENGTH, RecordDescriptor.RECORD_LENGTH)
                .order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Runs our pipeline on the Disruptor's consumer thread. */
    static final class SlotHandler implements EventHandler<SlotEvent>
    {
        final Pipeline pipeline;

        SlotHandler(final Pipeline pipeline)
        {
            this.pipeline = pipeline;
        }

        @Override
        public void onEvent(final SlotEvent event, final long sequence, final boolean endOfBatch)
        {
            pipeline.onRecord(event.buffer, 0);
        }
    }

    /** The java.util peer. */
    @State(Scope.Benchmark)
    public static class NaiveState
    {
        @Param("100000")
        public int tagCount;

        ReadStream stream;
        NaiveInventory naive;
        int index;
        long lap;
        long published;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = ReadStream.of(tagCount);
            naive = new NaiveInventory(RING_CAPACITY);
            naive.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException
        {
            naive.close();
        }
    }

    /**
     * @param s state.
     * @return reads published so far.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long inventory(final InventoryState s)
    {
        return publishAndAwait(s.stream, s.publisher, s.counters, s);
    }

    /**
     * @param s state.
     * @return reads published so far.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long inventoryRules(final RulesState s)
    {
        return publishAndAwait(s.stream, s.publisher, s.counters, s);
    }

    static long publishAndAwait(
        final ReadStream stream, final Publisher publisher, final Counters counters, final EngineState s)
    {
        int index = s.index;
        long lap = s.lap;
        for (int n = 0; n < BATCH; n++)
        {
            final long timestampMs = stream.timestampMs(index, lap);
            while (publisher.tryPublishRfidRead(ReadStream.READER, stream.antenna(index), stream.epcHigh(index),
                stream.epcLow(index), stream.rssiCentiDbm(index), timestampMs, 1) < 0)
            {
                Thread.onSpinWait();
            }
            if (++index == stream.size())
            {
                index = 0;
                lap++;
            }
        }
        s.index = index;
        s.lap = lap;
        final long target = s.published += BATCH;
        while (counters.get(Counters.RECORDS) < target)
        {
            Thread.onSpinWait();
        }
        return target;
    }

    /**
     * @param s state.
     * @return last sequence published.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long disruptor(final DisruptorState s)
    {
        final ReadStream stream = s.stream;
        final RingBuffer<SlotEvent> ringBuffer = s.ringBuffer;
        int index = s.index;
        long lap = s.lap;
        long sequence = s.lastSequence;
        for (int n = 0; n < BATCH; n++)
        {
            while (true)
            {
                try
                {
                    sequence = ringBuffer.tryNext();
                    break;
                }
                catch (final InsufficientCapacityException ex)
                {
                    Thread.onSpinWait();
                }
            }
            final long timestampMs = stream.timestampMs(index, lap);
            Publisher.writeRfidRead(ringBuffer.get(sequence).buffer, 0, ReadStream.READER, stream.antenna(index),
                stream.epcHigh(index), stream.epcLow(index), stream.rssiCentiDbm(index), timestampMs, timestampMs, 1);
            ringBuffer.publish(sequence);
            if (++index == stream.size())
            {
                index = 0;
                lap++;
            }
        }
        s.index = index;
        s.lap = lap;
        s.lastSequence = sequence;
        while (s.disruptor.getSequenceValueFor(s.handler) < sequence)
        {
            Thread.onSpinWait();
        }
        return sequence;
    }

    /**
     * @param s state.
     * @return reads published so far.
     * @throws InterruptedException if interrupted.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long naive(final NaiveState s) throws InterruptedException
    {
        final ReadStream stream = s.stream;
        final NaiveInventory naive = s.naive;
        int index = s.index;
        long lap = s.lap;
        for (int n = 0; n < BATCH; n++)
        {
            naive.publish(new NaiveInventory.Read(
                new NaiveInventory.Epc(stream.epcHigh(index), stream.epcLow(index)),
                ReadStream.READER,
                stream.antenna(index),
                stream.rssiCentiDbm(index),
                stream.timestampMs(index, lap)));
            if (++index == stream.size())
            {
                index = 0;
                lap++;
            }
        }
        s.index = index;
        s.lap = lap;
        final long target = s.published += BATCH;
        while (naive.processed() < target)
        {
            Thread.onSpinWait();
        }
        return target;
    }
}
