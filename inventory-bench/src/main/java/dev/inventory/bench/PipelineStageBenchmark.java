package dev.inventory.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Warmup;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.RecordDescriptor;

/**
 * Diagnostic: the consumer side alone, on one thread, no ring and no second thread. Reads of the shared
 * {@link ReadStream} are encoded into a small rotating slab of 64-byte slots and fed to {@link Pipeline#onRecord}.
 * The score bounds what any ring in front of the pipeline can reach; comparing tag counts shows how much of the
 * cost is cache misses on per-tag state. {@code encodeOnly} is the encoding cost to subtract.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PipelineStageBenchmark
{
    static final int BATCH = 4096;

    /** Pipeline plus stream cursor. */
    @State(Scope.Thread)
    public static class StageState
    {
        @Param({"1000", "100000"})
        public int tagCount;

        ReadStream stream;
        Pipeline pipeline;
        final ByteBuffer slab = ByteBuffer.allocateDirect(BATCH * RecordDescriptor.RECORD_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        final PipelineBenchmark.CountingListener listener = new PipelineBenchmark.CountingListener();
        int index;
        long lap;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = ReadStream.of(tagCount);
            pipeline = new Pipeline(BenchConfigs.zonedBuilder(tagCount).build(), new Counters(), listener);
        }

        void encode()
        {
            final ReadStream stream = this.stream;
            final ByteBuffer slab = this.slab;
            int index = this.index;
            long lap = this.lap;
            for (int n = 0; n < BATCH; n++)
            {
                final long timestampMs = stream.timestampMs(index, lap);
                Publisher.writeRfidRead(slab, n << RecordDescriptor.RECORD_LENGTH_SHIFT, ReadStream.READER,
                    stream.antenna(index), stream.epcHigh(index), stream.epcLow(index), stream.rssiCentiDbm(index),
                    timestampMs, timestampMs, 1);
                if (++index == stream.size())
                {
                    index = 0;
                    lap++;
                }
            }
            this.index = index;
            this.lap = lap;
        }
    }

    /**
     * @param s state.
     * @return records processed.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pipelineOnly(final StageState s)
    {
        s.encode();
        final Pipeline pipeline = s.pipeline;
        final ByteBuffer slab = s.slab;
        for (int n = 0; n < BATCH; n++)
        {
            pipeline.onRecord(slab, n << RecordDescriptor.RECORD_LENGTH_SHIFT);
        }
        return pipeline.recordCount();
    }

    /**
     * The same records through {@link Pipeline#onRecords}, which overlaps the cache misses of upcoming records
     * (as the engine thread does).
     *
     * @param s state.
     * @return records processed.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pipelineBatched(final StageState s)
    {
        s.encode();
        s.pipeline.onRecords(s.slab, 0, BATCH);
        return s.pipeline.recordCount();
    }

    /**
     * @param s state.
     * @return a slab byte.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long encodeOnly(final StageState s)
    {
        s.encode();
        return s.slab.getLong(8);
    }
}
