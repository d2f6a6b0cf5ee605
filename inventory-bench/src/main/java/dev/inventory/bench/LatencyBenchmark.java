package dev.inventory.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.RfidReadFlyweight;

/**
 * Latency at a fixed offered load, corrected for coordinated omission: read {@code i} is due at
 * {@code start + i / rate}; its INTENDED send time (not the time the publisher got round to it) travels in the
 * record's reserved word, and a {@link RecordExtension} on the engine thread records {@code nanoTime - intended}
 * into an HdrHistogram once the core stages processed it. A publisher that falls behind (back-pressure, being
 * descheduled) therefore shows up as latency, not as fewer samples.
 * <pre>
 * java -cp benchmarks.jar dev.inventory.bench.LatencyBenchmark [--rate 1000000] [--warmup-s 5] [--seconds 20]
 *     [--tags 100000] [--idle backoff|yield|spin] [--json results/latency.json] [--spikes true]
 * </pre>
 * Runs on the main thread (publisher) plus the engine thread. Not threadsafe; a program.
 */
public final class LatencyBenchmark
{
    /** Reserved word of the RFID read slot that carries the intended send time (ns). */
    static final int INTENDED_NS_OFFSET = RfidReadFlyweight.FIRST_SEEN_OFFSET + 8;
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(30);

    private LatencyBenchmark()
    {
    }

    /**
     * Records the latency of every read, into the measured histogram from a start time on and into a warm-up one
     * before it; the choice is arithmetic, not a branch, so that crossing into the measurement runs the same compiled
     * code (a branch never taken during warm-up would deoptimise the engine's hot loop just as measuring begins).
     * Engine thread only.
     */
    static final class LatencyRecorder implements RecordExtension
    {
        final Histogram histogram = new Histogram(HIGHEST_NS, 3);
        private final Histogram[] histograms = {histogram, new Histogram(HIGHEST_NS, 3)};
        final long startNs;
        final long measureFromNs;
        // worst latency per 10 ms of intended send time from the start, for the --spikes report
        final long[] worstPerBucket;

        LatencyRecorder(final long startNs, final long measureFromNs, final long seconds)
        {
            this.startNs = startNs;
            this.measureFromNs = measureFromNs;
            this.worstPerBucket = new long[(int)((measureFromNs - startNs) / 10_000_000L + seconds * 100 + 2)];
        }

        @Override
        public boolean onRecord(final ByteBuffer buffer, final int offset, final int type, final Pipeline pipeline)
        {
            final long intendedNs = buffer.getLong(offset + INTENDED_NS_OFFSET);
            final long latencyNs = Math.min(HIGHEST_NS, Math.max(0, System.nanoTime() - intendedNs));
            histograms[(int)((intendedNs - measureFromNs) >>> 63)].recordValue(latencyNs);
            final int bucket = (int)Math.min(worstPerBucket.length - 1, Math.max(0, intendedNs - startNs) / 10_000_000L);
            worstPerBucket[bucket] = Math.max(worstPerBucket[bucket], latencyNs);
            return false;
        }

        int firstMeasuredBucket()
        {
            return (int)((measureFromNs - startNs) / 10_000_000L);
        }
    }

    /**
     * @param args see the class comment.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        long rate = 1_000_000;
        long warmupS = 5;
        long seconds = 20;
        int tags = 100_000;
        String idle = "backoff";
        String json = null;
        boolean spikes = false;
        for (int i = 0; i < args.length; i += 2)
        {
            final String value = args[i + 1];
            switch (args[i])
            {
                case "--rate": rate = Long.parseLong(value); break;
                case "--warmup-s": warmupS = Long.parseLong(value); break;
                case "--seconds": seconds = Long.parseLong(value); break;
                case "--tags": tags = Integer.parseInt(value); break;
                case "--idle": idle = value; break;
                case "--json": json = value; break;
                case "--spikes": spikes = Boolean.parseBoolean(value); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final ReadStream stream = ReadStream.of(tags);
        final EngineConfig.Builder builder = BenchConfigs.zonedBuilder(tags);
        switch (idle)
        {
            case "backoff": break;
            case "yield": builder.idleStrategy(YieldingIdleStrategy::new); break;
            case "spin": builder.idleStrategy(BusySpinIdleStrategy::new); break;
            default: throw new IllegalArgumentException("--idle backoff|yield|spin");
        }
        final long intervalNs = 1_000_000_000L / rate;
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        final long measureFromNs = startNs + TimeUnit.SECONDS.toNanos(warmupS);
        final long total = rate * (warmupS + seconds);
        final LatencyRecorder recorder = new LatencyRecorder(startNs, measureFromNs, seconds);

        final long backPressured;
        try (InventoryEngine engine = new InventoryEngine(builder.build()))
        {
            engine.query(p ->
            {
                p.extension(recorder);
                return null;
            });
            engine.start();
            final Publisher publisher = engine.publisher();
            final ByteBuffer buffer = publisher.buffer();
            int index = 0;
            long lap = 0;
            long behindMax = 0;
            for (long i = 0; i < total; i++)
            {
                final long intendedNs = startNs + i * intervalNs;
                long nowNs;
                while ((nowNs = System.nanoTime()) < intendedNs)
                {
                    Thread.onSpinWait();
                }
                behindMax = Math.max(behindMax, nowNs - intendedNs);
                long sequence;
                while ((sequence = publisher.tryClaim()) < 0)
                {
                    Thread.onSpinWait();
                }
                final int offset = publisher.offset(sequence);
                final long timestampMs = stream.timestampMs(index, lap);
                Publisher.writeRfidRead(buffer, offset, ReadStream.READER, stream.antenna(index),
                    stream.epcHigh(index), stream.epcLow(index), stream.rssiCentiDbm(index), timestampMs,
                    timestampMs, 1);
                buffer.putLong(offset + INTENDED_NS_OFFSET, intendedNs);
                publisher.commit(sequence);
                if (++index == stream.size())
                {
                    index = 0;
                    lap++;
                }
            }
            final long elapsedNs = System.nanoTime() - startNs;
            if (!engine.awaitIdle(30, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("engine did not catch up");
            }
            backPressured = engine.counters().get(Counters.BACK_PRESSURED);
            // read the histogram on the engine thread's side of a happens-before edge
            final Histogram h = engine.query(p -> recorder.histogram.copy()).get(10, TimeUnit.SECONDS);
            final String report = String.format(Locale.ROOT,
                "LatencyBenchmark rate=%d/s tags=%d idle=%s warmup=%ds measured=%ds samples=%d achieved=%.0f/s " +
                    "backPressured=%d publisherMaxBehindUs=%.1f%n" +
                    "latency us (from intended send, CO-corrected): p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f " +
                    "p99.99=%.2f max=%.2f mean=%.2f",
                rate, tags, idle, warmupS, seconds, h.getTotalCount(), total * 1e9 / elapsedNs, backPressured,
                behindMax / 1e3,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
                h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3, h.getMean() / 1e3);
            System.out.println(report);
            if (spikes)
            {
                final long[] worst = engine.query(p -> recorder.worstPerBucket.clone()).get(10, TimeUnit.SECONDS);
                final StringBuilder line = new StringBuilder("10 ms buckets with a read over 1 ms (s from start: worst us):");
                final int first = recorder.firstMeasuredBucket();
                for (int b = first; b < worst.length; b++)
                {
                    if (worst[b] > 1_000_000L)
                    {
                        line.append(String.format(Locale.ROOT, " %.2f:%.0f", (b - first) / 100.0, worst[b] / 1e3));
                    }
                }
                System.out.println(line);
            }
            if (null != json)
            {
                final String text = String.format(Locale.ROOT,
                    "{\"benchmark\":\"LatencyBenchmark\",\"rate\":%d,\"tags\":%d,\"idle\":\"%s\",\"warmupS\":%d," +
                        "\"seconds\":%d,\"samples\":%d,\"backPressured\":%d,\"unit\":\"us\",\"p50\":%.3f," +
                        "\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"p9999\":%.3f,\"max\":%.3f,\"mean\":%.3f}%n",
                    rate, tags, idle, warmupS, seconds, h.getTotalCount(), backPressured,
                    h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                    h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
                    h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3, h.getMean() / 1e3);
                write(Path.of(json), text);
            }
        }
    }

    private static void write(final Path path, final String text) throws IOException
    {
        if (null != path.getParent())
        {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }
}
