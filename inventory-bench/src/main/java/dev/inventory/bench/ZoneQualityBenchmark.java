package dev.inventory.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventListener;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ingest.Publisher;

/**
 * Zone quality against ground truth. A deterministic simulation (seeded) of {@link #ZONES} zones in a row, each
 * {@link #ZONE_WIDTH_M} m wide with a ceiling antenna over its centre; tags dwell at random spots inside a zone
 * (exponential dwell), then are carried at walking speed to a spot in an adjacent zone. RSSI follows a
 * log-distance path-loss model with an antenna pattern, log-normal shadowing per tag and antenna (sigma
 * {@link #SHADOW_SIGMA_DB} dB, drifting with time and with movement) and per-read fast fading; an antenna reads a
 * tag in a round with a probability that falls off near the reader sensitivity, so adjacent antennas cross-read
 * tags near their edge. The same reads go, in time order, to each algorithm:
 * <ul>
 *     <li>{@code inventory}: our {@link Pipeline} with the default configuration (dedup 200 ms → ZoneStage);</li>
 *     <li>{@code inventory-nodedup}: our Pipeline with dedup off, so ZoneStage sees every read as EdgeX does;</li>
 *     <li>{@code edgex}: {@link EdgexZoneBaseline};</li>
 *     <li>{@code variant-*}: bench-local {@link ZoneStageVariant} candidates for core changes.</li>
 * </ul>
 * Reported: accuracy (share of 100 ms instants, after a 20 s warm-up, at which an algorithm's zone equals the
 * truth), false moves (reported moves to a zone the tag is not in and does not enter within
 * {@link #EARLY_TOLERANCE_MS}), and time-to-correct-zone after real moves (mean/p50/p95; moves never detected
 * before the next one count as missed).
 * <pre>
 * java -cp benchmarks.jar dev.inventory.bench.ZoneQualityBenchmark [--seed 7] [--tags 400] [--seconds 900]
 *     [--json results/zone-quality.json]
 * </pre>
 * A program; not threadsafe.
 */
public final class ZoneQualityBenchmark
{
    static final int ZONES = 8;
    static final double ZONE_WIDTH_M = 4.0;
    static final double ANTENNA_HEIGHT_M = 3.0;
    static final double TAG_HEIGHT_M = 1.0;
    static final double LANE_HALF_WIDTH_M = 1.5;
    static final double EDGE_CLEARANCE_M = 0.5;
    static final double P0_DBM = -40.0;
    static final double PATH_LOSS_EXPONENT = 2.2;
    static final double BEAM_HALF_ANGLE_DEG = 35.0;
    static final double SHADOW_SIGMA_DB = 3.5;
    static final double SHADOW_TAU_MS = 20_000;
    static final double SHADOW_DECORRELATION_M = 1.0;
    static final double FAST_FADING_SIGMA_DB = 2.0;
    static final double SENSITIVITY_DBM = -70.0;
    static final double MAX_READ_PROBABILITY = 0.85;
    static final int ROUND_MS = 50;
    static final double SPEED_M_PER_S = 1.2;
    static final double MEAN_DWELL_MS = 45_000;
    static final long MIN_DWELL_MS = 5_000;
    static final long WARMUP_MS = 20_000;
    static final long SAMPLE_MS = 100;
    static final long EARLY_TOLERANCE_MS = 1_000;
    static final long BASE_MS = 1_700_000_000_000L;

    private ZoneQualityBenchmark()
    {
    }

    /** An algorithm under test: reads in, zone out, and a log of its zone changes. */
    abstract static class Algorithm
    {
        final String name;
        final int[] zone;
        final ChangeLog changes = new ChangeLog();
        long correctSamples;
        long samples;

        Algorithm(final String name, final int tags)
        {
            this.name = name;
            this.zone = new int[tags];
            Arrays.fill(zone, -1);
        }

        abstract void onRead(int tag, int antennaZone, long timestampMs, int rssiCentiDbm);

        final void set(final int tag, final int z, final long timestampMs)
        {
            if (zone[tag] != z)
            {
                if (zone[tag] >= 0)
                {
                    changes.add(timestampMs, tag, z);
                }
                zone[tag] = z;
            }
        }
    }

    /** Our pipeline: reads encoded as records, zone from APPEARED/MOVED events. */
    static final class PipelineAlgorithm extends Algorithm implements EventListener
    {
        private final Pipeline pipeline;
        private final ByteBuffer slot = ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN);

        PipelineAlgorithm(final String name, final int tags, final EngineConfig config)
        {
            super(name, tags);
            pipeline = new Pipeline(config, new Counters(), this);
        }

        @Override
        void onRead(final int tag, final int antennaZone, final long timestampMs, final int rssiCentiDbm)
        {
            Publisher.writeRfidRead(slot, 0, ReadStream.READER, antennaZone + 1, ReadStream.epcHighOfTag(tag),
                ReadStream.epcLowOfTag(tag), rssiCentiDbm, timestampMs, timestampMs, 1);
            pipeline.onRecord(slot, 0);
        }

        @Override
        public void onEvent(final EventFlyweight event)
        {
            final short type = event.type();
            if (type == EventType.APPEARED || type == EventType.MOVED)
            {
                set((int)event.epcHigh(), event.toZone(), event.timestampMs());
            }
        }
    }

    /** The EdgeX rule. */
    static final class EdgexAlgorithm extends Algorithm
    {
        private final EdgexZoneBaseline baseline;

        EdgexAlgorithm(final int tags)
        {
            super("edgex", tags);
            baseline = new EdgexZoneBaseline(tags, ZONES);
        }

        @Override
        void onRead(final int tag, final int antennaZone, final long timestampMs, final int rssiCentiDbm)
        {
            set(tag, baseline.onRead(tag, antennaZone, timestampMs, rssiCentiDbm * 0.01), timestampMs);
        }
    }

    /** A bench-local candidate zone stage fed with every read. */
    static final class VariantAlgorithm extends Algorithm
    {
        private final ZoneStageVariant stage;

        VariantAlgorithm(final String name, final int tags, final ZoneStageVariant stage)
        {
            super(name, tags);
            this.stage = stage;
        }

        @Override
        void onRead(final int tag, final int antennaZone, final long timestampMs, final int rssiCentiDbm)
        {
            set(tag, stage.onSample(tag, zone[tag], antennaZone, timestampMs, rssiCentiDbm), timestampMs);
        }
    }

    /** Growable log of (time, tag, zone). */
    static final class ChangeLog
    {
        long[] time = new long[1024];
        int[] tag = new int[1024];
        int[] zone = new int[1024];
        int size;

        void add(final long t, final int g, final int z)
        {
            if (size == time.length)
            {
                time = Arrays.copyOf(time, size * 2);
                tag = Arrays.copyOf(tag, size * 2);
                zone = Arrays.copyOf(zone, size * 2);
            }
            time[size] = t;
            tag[size] = g;
            zone[size] = z;
            size++;
        }

        /** @return per tag, the indexes of its entries in time order. */
        List<List<Integer>> byTag(final int tags)
        {
            final List<List<Integer>> result = new ArrayList<>();
            for (int i = 0; i < tags; i++)
            {
                result.add(new ArrayList<>());
            }
            for (int i = 0; i < size; i++)
            {
                result.get(tag[i]).add(i);
            }
            return result;
        }
    }

    /** Outcome for one algorithm. */
    record Result(String name, double accuracyPct, int moves, int falseMoves, int realMoves, int detected,
        int missed, double meanTtcMs, double p50TtcMs, double p95TtcMs)
    {
        String line()
        {
            return String.format(Locale.ROOT,
                "%-22s accuracy=%6.2f%%  moves=%6d  falseMoves=%6d  realMoves=%5d  detected=%5d  missed=%4d  " +
                    "ttc mean=%6.0f ms p50=%6.0f ms p95=%6.0f ms",
                name, accuracyPct, moves, falseMoves, realMoves, detected, missed, meanTtcMs, p50TtcMs, p95TtcMs);
        }

        String json()
        {
            return String.format(Locale.ROOT,
                "{\"algorithm\":\"%s\",\"accuracyPct\":%.3f,\"moves\":%d,\"falseMoves\":%d,\"realMoves\":%d," +
                    "\"detected\":%d,\"missed\":%d,\"ttcMeanMs\":%.1f,\"ttcP50Ms\":%.1f,\"ttcP95Ms\":%.1f}",
                name, accuracyPct, moves, falseMoves, realMoves, detected, missed, meanTtcMs, p50TtcMs, p95TtcMs);
        }
    }

    /**
     * @param args see the class comment.
     * @throws IOException if the JSON cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        long seed = 7;
        int tags = 400;
        long seconds = 900;
        String json = null;
        for (int i = 0; i < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--seed": seed = Long.parseLong(args[i + 1]); break;
                case "--tags": tags = Integer.parseInt(args[i + 1]); break;
                case "--seconds": seconds = Long.parseLong(args[i + 1]); break;
                case "--json": json = args[i + 1]; break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final List<Algorithm> algorithms = algorithms(tags);
        final ChangeLog truth = simulate(seed, tags, seconds * 1000, algorithms);
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ZoneQualityBenchmark seed=%d tags=%d simulated=%ds zones=%d%n",
            seed, tags, seconds, ZONES));
        final StringBuilder jsonText = new StringBuilder("[");
        for (final Algorithm a : algorithms)
        {
            final Result r = evaluate(a, truth, tags, seconds * 1000);
            out.append(r.line()).append('\n');
            jsonText.append(jsonText.length() > 1 ? ",\n" : "\n").append(r.json());
        }
        jsonText.append("\n]\n");
        System.out.print(out);
        if (null != json)
        {
            final Path path = Path.of(json);
            if (null != path.getParent())
            {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, jsonText.toString(), StandardCharsets.UTF_8);
        }
    }

    static EngineConfig.Builder zoneConfig(final int tags)
    {
        final EngineConfig.Builder builder = EngineConfig.builder().tagCapacity(Math.max(1024, tags)).clockTickIntervalMs(0);
        for (int z = 0; z < ZONES; z++)
        {
            builder.zone("z" + z, ReadStream.READER, z + 1);
        }
        return builder;
    }

    static List<Algorithm> algorithms(final int tags)
    {
        final List<Algorithm> list = new ArrayList<>();
        list.add(new PipelineAlgorithm("inventory", tags, zoneConfig(tags).build()));
        list.add(new PipelineAlgorithm("inventory-nodedup", tags, zoneConfig(tags).dedupWindowMs(0).build()));
        list.add(new EdgexAlgorithm(tags));
        if (Boolean.getBoolean("zq.checkCore"))
        {
            final dev.inventory.core.zone.ZoneStage core = new dev.inventory.core.zone.ZoneStage(tags, 4, 20, 6.0, 500,
                -0.008, 2, 2_000);
            list.add(new Algorithm("core-zonestage-direct", tags)
            {
                @Override
                void onRead(final int tag, final int antennaZone, final long timestampMs, final int rssiCentiDbm)
                {
                    set(tag, core.onSample(tag, zone[tag], antennaZone, timestampMs, rssiCentiDbm), timestampMs);
                }
            });
        }
        for (final ZoneStageVariant.Options options : ZoneStageVariant.Options.candidates())
        {
            list.add(new VariantAlgorithm("variant-" + options.name(), tags, new ZoneStageVariant(tags, options)));
        }
        return list;
    }

    static ChangeLog simulate(final long seed, final int tags, final long durationMs, final List<Algorithm> algorithms)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] x = new double[tags];
        final double[] y = new double[tags];
        final double[] targetX = new double[tags];
        final double[] targetY = new double[tags];
        final boolean[] moving = new boolean[tags];
        final long[] nextMoveMs = new long[tags];
        final int[] truthZone = new int[tags];
        final double[] shadow = new double[tags * ZONES];
        final ChangeLog truth = new ChangeLog();
        for (int t = 0; t < tags; t++)
        {
            final int z = t % ZONES;
            x[t] = spotIn(z, random);
            y[t] = random.nextDouble(-LANE_HALF_WIDTH_M, LANE_HALF_WIDTH_M);
            truthZone[t] = z;
            truth.add(0, t, z);
            nextMoveMs[t] = dwell(random);
            for (int a = 0; a < ZONES; a++)
            {
                shadow[t * ZONES + a] = SHADOW_SIGMA_DB * random.nextGaussian();
            }
        }
        final double stepM = SPEED_M_PER_S * ROUND_MS / 1000.0;
        final double rhoTime = Math.exp(-ROUND_MS / SHADOW_TAU_MS);
        final long antennaStaggerMs = ROUND_MS / ZONES;
        for (long nowMs = 0; nowMs < durationMs; nowMs += ROUND_MS)
        {
            // movement and truth
            for (int t = 0; t < tags; t++)
            {
                double movedM = 0;
                if (!moving[t] && nowMs >= nextMoveMs[t])
                {
                    final int from = zoneAt(x[t]);
                    final int to = from == 0 ? 1 : from == ZONES - 1 ? ZONES - 2 : (random.nextBoolean() ? from + 1 : from - 1);
                    targetX[t] = spotIn(to, random);
                    targetY[t] = random.nextDouble(-LANE_HALF_WIDTH_M, LANE_HALF_WIDTH_M);
                    moving[t] = true;
                }
                if (moving[t])
                {
                    final double dx = targetX[t] - x[t];
                    final double dy = targetY[t] - y[t];
                    final double d = Math.hypot(dx, dy);
                    if (d <= stepM)
                    {
                        x[t] = targetX[t];
                        y[t] = targetY[t];
                        moving[t] = false;
                        nextMoveMs[t] = nowMs + dwell(random);
                        movedM = d;
                    }
                    else
                    {
                        x[t] += dx / d * stepM;
                        y[t] += dy / d * stepM;
                        movedM = stepM;
                    }
                    final int z = zoneAt(x[t]);
                    if (z != truthZone[t])
                    {
                        truthZone[t] = z;
                        truth.add(BASE_MS + nowMs, t, z);
                    }
                }
                final double rho = rhoTime * Math.exp(-movedM / SHADOW_DECORRELATION_M);
                final double innovation = SHADOW_SIGMA_DB * Math.sqrt(1 - rho * rho);
                for (int a = 0; a < ZONES; a++)
                {
                    final int s = t * ZONES + a;
                    shadow[s] = rho * shadow[s] + innovation * random.nextGaussian();
                }
            }
            // inventory rounds, antennas staggered within the round
            for (int a = 0; a < ZONES; a++)
            {
                final long readMs = BASE_MS + nowMs + a * antennaStaggerMs;
                final double antennaX = (a + 0.5) * ZONE_WIDTH_M;
                for (int t = 0; t < tags; t++)
                {
                    final double dx = x[t] - antennaX;
                    if (Math.abs(dx) > 3.5 * ZONE_WIDTH_M)
                    {
                        continue;
                    }
                    final double horizontal = Math.hypot(dx, y[t]);
                    final double dz = ANTENNA_HEIGHT_M - TAG_HEIGHT_M;
                    final double d = Math.hypot(horizontal, dz);
                    final double offAxisDeg = Math.toDegrees(Math.atan2(horizontal, dz));
                    final double patternLossDb = Math.min(25, 3 * (offAxisDeg / BEAM_HALF_ANGLE_DEG) * (offAxisDeg / BEAM_HALF_ANGLE_DEG));
                    final double rssi = P0_DBM - 10 * PATH_LOSS_EXPONENT * Math.log10(d) - patternLossDb +
                        shadow[t * ZONES + a] + FAST_FADING_SIGMA_DB * random.nextGaussian();
                    final double p = rssi < SENSITIVITY_DBM ? 0 :
                        MAX_READ_PROBABILITY / (1 + Math.exp(-(rssi - SENSITIVITY_DBM - 2)));
                    if (random.nextDouble() < p)
                    {
                        final int rssiCentiDbm = (int)Math.round(rssi * 2) * 50; // 0.5 dB resolution, as readers report
                        for (final Algorithm algorithm : algorithms)
                        {
                            algorithm.onRead(t, a, readMs, rssiCentiDbm);
                        }
                    }
                }
            }
            // sample accuracy at the end of the round
            if (nowMs >= WARMUP_MS && nowMs % SAMPLE_MS == 0)
            {
                for (final Algorithm algorithm : algorithms)
                {
                    for (int t = 0; t < tags; t++)
                    {
                        algorithm.samples++;
                        if (algorithm.zone[t] == truthZone[t])
                        {
                            algorithm.correctSamples++;
                        }
                    }
                }
            }
        }
        return truth;
    }

    static Result evaluate(final Algorithm a, final ChangeLog truth, final int tags, final long durationMs)
    {
        final List<List<Integer>> truthByTag = truth.byTag(tags);
        final List<List<Integer>> movesByTag = a.changes.byTag(tags);
        final long warmupEnd = BASE_MS + WARMUP_MS;
        final long end = BASE_MS + durationMs;
        int moves = 0;
        int falseMoves = 0;
        int realMoves = 0;
        int detected = 0;
        int missed = 0;
        final List<Long> ttc = new ArrayList<>();
        final ChangeLog log = a.changes;
        for (int t = 0; t < tags; t++)
        {
            final List<Integer> tt = truthByTag.get(t);
            final List<Integer> mm = movesByTag.get(t);
            for (final int m : mm)
            {
                final long time = log.time[m];
                if (time < warmupEnd)
                {
                    continue;
                }
                moves++;
                final int to = log.zone[m];
                if (truthAt(truth, tt, time) != to && !entersWithin(truth, tt, time, to, EARLY_TOLERANCE_MS))
                {
                    falseMoves++;
                }
            }
            for (int k = 1; k < tt.size(); k++)
            {
                final int i = tt.get(k);
                final long start = truth.time[i];
                if (start < warmupEnd)
                {
                    continue;
                }
                final long next = k + 1 < tt.size() ? truth.time[tt.get(k + 1)] : end;
                final int z = truth.zone[i];
                realMoves++;
                long at = -1;
                if (zoneAt(log, mm, start) == z)
                {
                    at = start; // reported within the early tolerance
                }
                else
                {
                    for (final int m : mm)
                    {
                        if (log.time[m] >= start && log.time[m] < next && log.zone[m] == z)
                        {
                            at = log.time[m];
                            break;
                        }
                    }
                }
                if (at < 0)
                {
                    missed++;
                }
                else
                {
                    detected++;
                    ttc.add(at - start);
                }
            }
        }
        final long[] sorted = ttc.stream().mapToLong(Long::longValue).sorted().toArray();
        final double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        return new Result(a.name, 100.0 * a.correctSamples / Math.max(1, a.samples), moves, falseMoves, realMoves,
            detected, missed, mean, percentile(sorted, 50), percentile(sorted, 95));
    }

    private static double percentile(final long[] sorted, final double p)
    {
        if (sorted.length == 0)
        {
            return Double.NaN;
        }
        final int i = (int)Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static int truthAt(final ChangeLog truth, final List<Integer> entries, final long time)
    {
        int z = -1;
        for (final int i : entries)
        {
            if (truth.time[i] > time)
            {
                break;
            }
            z = truth.zone[i];
        }
        return z;
    }

    private static boolean entersWithin(
        final ChangeLog truth, final List<Integer> entries, final long time, final int zone, final long toleranceMs)
    {
        for (final int i : entries)
        {
            if (truth.time[i] > time && truth.time[i] <= time + toleranceMs && truth.zone[i] == zone)
            {
                return true;
            }
        }
        return false;
    }

    /** Zone an algorithm reported at a time (its last change at or before it), -1 if none after appearing. */
    private static int zoneAt(final ChangeLog log, final List<Integer> entries, final long time)
    {
        int z = -1;
        for (final int i : entries)
        {
            if (log.time[i] > time)
            {
                break;
            }
            z = log.zone[i];
        }
        return z;
    }

    private static int zoneAt(final double x)
    {
        return Math.max(0, Math.min(ZONES - 1, (int)Math.floor(x / ZONE_WIDTH_M)));
    }

    private static double spotIn(final int zone, final SplittableRandom random)
    {
        final double x0 = zone * ZONE_WIDTH_M;
        return random.nextDouble(x0 + EDGE_CLEARANCE_M, x0 + ZONE_WIDTH_M - EDGE_CLEARANCE_M);
    }

    private static long dwell(final SplittableRandom random)
    {
        return MIN_DWELL_MS + (long)(-MEAN_DWELL_MS * Math.log(1 - random.nextDouble()));
    }
}
