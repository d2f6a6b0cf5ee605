package dev.inventory.rtls.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.record.PositionFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.rtls.site.RtlsEventType;
import dev.inventory.rtls.site.SiteMap;
import dev.inventory.rtls.site.SiteMapFile;
import dev.inventory.rtls.site.SiteMapFormatException;
import dev.inventory.rtls.site.ZoneTracker;
import dev.inventory.rtls.solve.Fix;
import dev.inventory.rtls.solve.SolveStatus;
import dev.inventory.rtls.solve.TdoaSolver;
import dev.inventory.rtls.solve.TwrSolver;
import dev.inventory.rtls.track.TrackFilter;

/**
 * The {@code inventory locate} command: solve UWB fixes from CSV files, TWR ranges or TDoA arrival times, and
 * optionally track them through a site map's zones.
 * <p>
 * Input: anchors {@code anchor_id,x,y,z} (metres), and either ranges {@code time_ms,tag_id,anchor_id,distance_m}
 * (TWR) or arrivals {@code time_ms,tag_id,anchor_id,toa_ns} (TDoA: a blink's time of arrival at each anchor in
 * nanoseconds on the anchors' common clock, any epoch, any number of decimals; only differences within a blink
 * matter and they are taken exactly before the conversion to metres). A header line, blank lines and {@code #}
 * comments are skipped; ids are integers, time_ms epoch milliseconds. Observations with the same time_ms and
 * tag_id form one fix.
 * <p>
 * Output: CSV {@code time_ms,tag_id,x,y,z,quality} (header first, quality = residual RMS in metres), one line per
 * fix in time order (ties in order of first appearance), or {@code time_ms,tag_id,invalid:<reason>} with a
 * {@link SolveStatus#name(int)} reason for a fix that cannot be solved. With {@code smooth}, valid fixes go through
 * a per-tag {@link TrackFilter} and x, y are the filtered position.
 * <p>
 * With a site map ({@link SiteMapFile} format), every valid fix also goes as a POSITION record through a core
 * {@link Pipeline} with a {@link ZoneTracker} (enter after {@code zonePositions} positions inside within
 * {@code zoneWindowMs}, exit likewise), and each zone event is printed right after the fix line that caused it:
 * {@code time_ms,tag_id,event:<zone_enter|zone_exit|dwell_exceeded|restricted_entry>,zone_id,zone_name,dwell_ms}.
 * {@code zone_id} is the site file's {@code zone_id} (the user's id), not the engine zone id the event carries
 * inside the pipeline: the tracker registers the file's zones by name in the pipeline's zone directory and
 * {@link ZoneTracker#siteZoneId(int)} maps the event's engine id back.
 * <p>
 * Not a hot path. Stateless, threadsafe.
 */
public final class LocateCommand
{
    /** Exit code: done. */
    public static final int EXIT_OK = 0;
    /** Exit code: bad arguments or malformed input (message on stderr). */
    public static final int EXIT_USAGE = 2;
    /** Exit code: I/O failure. */
    public static final int EXIT_IO = 1;
    /** Tag height used for {@code --dim 2} when no height is given (NaN passed). */
    public static final double DEFAULT_HEIGHT_M = 1.0;
    /** Positions inside (outside) a zone that enter (exit) it, by default. */
    public static final int DEFAULT_ZONE_POSITIONS = 3;
    /** Window the zone positions must fall in, by default, ms. */
    public static final long DEFAULT_ZONE_WINDOW_MS = 10_000;

    private static final int MAX_TOA_DIGITS = 30;

    /**
     * What to solve and how. Instances are NOT threadsafe.
     */
    public static final class Options
    {
        private boolean tdoa;
        private Reader site;
        private String siteName = "site";
        private int dim = 2;
        private double heightM = Double.NaN;
        private boolean smooth;
        private int zonePositions = DEFAULT_ZONE_POSITIONS;
        private long zoneWindowMs = DEFAULT_ZONE_WINDOW_MS;

        /**
         * @param tdoa true: the observations are TDoA arrivals {@code time_ms,tag_id,anchor_id,toa_ns}; false
         *             (default): TWR ranges.
         * @return this.
         */
        public Options tdoa(final boolean tdoa)
        {
            this.tdoa = tdoa;
            return this;
        }

        /**
         * @param site     site map file content ({@link SiteMapFile} format), or null for no zones.
         * @param siteName name of the site file for error messages.
         * @return this.
         */
        public Options site(final Reader site, final String siteName)
        {
            this.site = site;
            this.siteName = siteName;
            return this;
        }

        /**
         * @param dim 2 (2.5D at the tag height, default) or 3.
         * @return this.
         */
        public Options dim(final int dim)
        {
            this.dim = dim;
            return this;
        }

        /**
         * @param heightM tag height for dim 2, or NaN for {@link #DEFAULT_HEIGHT_M}.
         * @return this.
         */
        public Options heightM(final double heightM)
        {
            this.heightM = heightM;
            return this;
        }

        /**
         * @param smooth apply the track filter.
         * @return this.
         */
        public Options smooth(final boolean smooth)
        {
            this.smooth = smooth;
            return this;
        }

        /**
         * @param zonePositions positions inside (outside) a zone that enter (exit) it (&gt;= 1).
         * @return this.
         */
        public Options zonePositions(final int zonePositions)
        {
            this.zonePositions = zonePositions;
            return this;
        }

        /**
         * @param zoneWindowMs window the zone positions must fall in, ms (&gt;= 0).
         * @return this.
         */
        public Options zoneWindowMs(final long zoneWindowMs)
        {
            this.zoneWindowMs = zoneWindowMs;
            return this;
        }
    }

    private LocateCommand()
    {
    }

    /**
     * Run the command on TWR ranges. Errors are reported on {@link System#err}.
     *
     * @param anchorsCsv anchors file content.
     * @param rangesCsv  ranges file content.
     * @param dim        2 (2.5D at {@code heightM}) or 3.
     * @param heightM    tag height for dim 2, or NaN for {@link #DEFAULT_HEIGHT_M}; ignored for dim 3.
     * @param smooth     apply the track filter.
     * @param out        where the CSV goes.
     * @return {@link #EXIT_OK}, {@link #EXIT_USAGE} or {@link #EXIT_IO}.
     */
    public static int run(
        final Reader anchorsCsv,
        final Reader rangesCsv,
        final int dim,
        final double heightM,
        final boolean smooth,
        final PrintStream out)
    {
        return run(anchorsCsv, rangesCsv, dim, heightM, smooth, out, System.err);
    }

    /**
     * As {@link #run(Reader, Reader, int, double, boolean, PrintStream)}, with an explicit error stream.
     *
     * @param anchorsCsv anchors file content.
     * @param rangesCsv  ranges file content.
     * @param dim        2 or 3.
     * @param heightM    tag height for dim 2, or NaN.
     * @param smooth     apply the track filter.
     * @param out        where the CSV goes.
     * @param err        where errors go.
     * @return exit code.
     */
    public static int run(
        final Reader anchorsCsv,
        final Reader rangesCsv,
        final int dim,
        final double heightM,
        final boolean smooth,
        final PrintStream out,
        final PrintStream err)
    {
        return run(anchorsCsv, rangesCsv, new Options().dim(dim).heightM(heightM).smooth(smooth), out, err);
    }

    /**
     * Run the command.
     *
     * @param anchorsCsv      anchors file content.
     * @param observationsCsv ranges (TWR) or arrivals (TDoA, {@link Options#tdoa(boolean)}) file content.
     * @param options         what to solve and how.
     * @param out             where the CSV goes.
     * @param err             where errors go.
     * @return {@link #EXIT_OK}, {@link #EXIT_USAGE} or {@link #EXIT_IO}.
     */
    public static int run(
        final Reader anchorsCsv,
        final Reader observationsCsv,
        final Options options,
        final PrintStream out,
        final PrintStream err)
    {
        final int dim = options.dim;
        if (dim != 2 && dim != 3)
        {
            err.println("locate: --dim must be 2 or 3, was " + dim);
            return EXIT_USAGE;
        }
        final double height = Double.isNaN(options.heightM) ? DEFAULT_HEIGHT_M : options.heightM;
        if (!Double.isFinite(height))
        {
            err.println("locate: --height must be a finite number of metres");
            return EXIT_USAGE;
        }
        if (options.zonePositions < 1)
        {
            err.println("locate: --zone-positions must be >= 1, was " + options.zonePositions);
            return EXIT_USAGE;
        }
        if (options.zoneWindowMs < 0)
        {
            err.println("locate: --zone-window-ms must be >= 0, was " + options.zoneWindowMs);
            return EXIT_USAGE;
        }
        final Map<Integer, double[]> anchors = new HashMap<>();
        final Map<Key, List<Observation>> fixes = new LinkedHashMap<>();
        SiteMap map = null;
        try
        {
            if (options.site != null)
            {
                map = SiteMapFile.read(options.site, options.siteName, SiteMapFile.DEFAULT_CELL_SIZE_M,
                    SiteMapFile.DEFAULT_HYSTERESIS_M);
            }
            if (!readAnchors(anchorsCsv, anchors, err) || !readObservations(observationsCsv, options.tdoa, fixes, err))
            {
                return EXIT_USAGE;
            }
        }
        catch (final SiteMapFormatException ex)
        {
            err.println("locate: " + ex.getMessage());
            return EXIT_USAGE;
        }
        catch (final IOException ex)
        {
            err.println("locate: " + ex.getMessage());
            return EXIT_IO;
        }

        final List<Key> order = new ArrayList<>(fixes.keySet());
        order.sort((a, b) -> Long.compare(a.timeMs, b.timeMs)); // stable: ties keep order of appearance
        int largest = 0;
        for (final List<Observation> observations : fixes.values())
        {
            largest = Math.max(largest, observations.size());
        }
        final int capacity = Math.max(16, Math.min(64, largest));
        final Solver solver = options.tdoa ? new Tdoa(capacity) : new Twr(capacity);
        final TrackFilter filter = options.smooth ? new TrackFilter() : null;
        final Zones zones = map == null ? null : new Zones(map, fixes.keySet(), options, out);
        final Fix fix = new Fix();
        out.println("time_ms,tag_id,x,y,z,quality");
        for (final Key key : order)
        {
            final int status = solver.solve(fixes.get(key), anchors, dim, height, fix);
            if (status != SolveStatus.OK)
            {
                out.println(key.timeMs + "," + key.tagId + ",invalid:" + SolveStatus.name(status));
                continue;
            }
            double x = fix.xM();
            double y = fix.yM();
            if (filter != null)
            {
                filter.update(key.tagId, key.timeMs, x, y);
                x = filter.xM();
                y = filter.yM();
            }
            out.println(String.format(Locale.ROOT, "%d,%d,%.3f,%.3f,%.3f,%.3f", key.timeMs, key.tagId, x, y,
                fix.zM(), fix.residualRmsM()));
            if (zones != null)
            {
                zones.onPosition(key, x, y, fix.zM(), fix.residualRmsM());
            }
        }
        out.flush();
        if (zones != null)
        {
            zones.reportDrops(err);
        }
        return EXIT_OK;
    }

    private static boolean readAnchors(final Reader reader, final Map<Integer, double[]> anchors, final PrintStream err)
        throws IOException
    {
        final BufferedReader in = new BufferedReader(reader);
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null)
        {
            lineNo++;
            final String[] f = fields(line, lineNo);
            if (f == null)
            {
                continue;
            }
            try
            {
                if (f.length != 4)
                {
                    throw new NumberFormatException("expected anchor_id,x,y,z");
                }
                final int id = Integer.parseInt(f[0]);
                final double[] xyz = {parse(f[1]), parse(f[2]), parse(f[3])};
                if (anchors.put(id, xyz) != null)
                {
                    err.println("locate: anchors line " + lineNo + ": duplicate anchor id " + id);
                    return false;
                }
            }
            catch (final NumberFormatException ex)
            {
                err.println("locate: anchors line " + lineNo + ": " + ex.getMessage() + ": " + line);
                return false;
            }
        }
        if (anchors.isEmpty())
        {
            err.println("locate: no anchors");
            return false;
        }
        return true;
    }

    private static boolean readObservations(
        final Reader reader, final boolean tdoa, final Map<Key, List<Observation>> fixes, final PrintStream err)
        throws IOException
    {
        final String what = tdoa ? "arrivals" : "ranges";
        final BufferedReader in = new BufferedReader(reader);
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null)
        {
            lineNo++;
            final String[] f = fields(line, lineNo);
            if (f == null)
            {
                continue;
            }
            try
            {
                if (f.length != 4)
                {
                    throw new NumberFormatException(tdoa ? "expected time_ms,tag_id,anchor_id,toa_ns" :
                        "expected time_ms,tag_id,anchor_id,distance_m");
                }
                final Key key = new Key(Long.parseLong(f[0]), Long.parseLong(f[1]));
                final int anchorId = Integer.parseInt(f[2]);
                final Observation observation;
                if (tdoa)
                {
                    final BigDecimal toaNs;
                    try
                    {
                        toaNs = new BigDecimal(f[3]);
                    }
                    catch (final NumberFormatException ex)
                    {
                        throw new NumberFormatException("toa_ns must be a decimal number of nanoseconds");
                    }
                    if (toaNs.scale() > MAX_TOA_DIGITS || toaNs.precision() - toaNs.scale() > MAX_TOA_DIGITS)
                    {
                        throw new NumberFormatException("toa_ns must have at most " + MAX_TOA_DIGITS +
                            " digits before and after the decimal point");
                    }
                    observation = new Observation(anchorId, Double.NaN, toaNs);
                }
                else
                {
                    // the distance is validated by the solver (NaN, negative, absurd -> invalid fix), so keep it
                    observation = new Observation(anchorId, Double.parseDouble(f[3]), null);
                }
                fixes.computeIfAbsent(key, k -> new ArrayList<>()).add(observation);
            }
            catch (final NumberFormatException ex)
            {
                err.println("locate: " + what + " line " + lineNo + ": " + ex.getMessage() + ": " + line);
                return false;
            }
        }
        return true;
    }

    /** @return the trimmed fields, or null for a blank line, a comment, or a header (first field not a number). */
    private static String[] fields(final String line, final int lineNo)
    {
        final String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#"))
        {
            return null;
        }
        final String[] f = trimmed.split(",", -1);
        for (int i = 0; i < f.length; i++)
        {
            f[i] = f[i].trim();
        }
        if (lineNo == 1 && !f[0].isEmpty() && !Character.isDigit(f[0].charAt(0)) && f[0].charAt(0) != '-')
        {
            return null;
        }
        return f;
    }

    private static double parse(final String s)
    {
        final double v = Double.parseDouble(s);
        if (!Double.isFinite(v))
        {
            throw new NumberFormatException("not a finite number");
        }
        return v;
    }

    /** One range (TWR) or arrival (TDoA) of a fix. */
    private record Observation(int anchorId, double distanceM, BigDecimal toaNs)
    {
    }

    /** Solves one fix from its observations. */
    private interface Solver
    {
        int solve(List<Observation> observations, Map<Integer, double[]> anchors, int dim, double heightM, Fix fix);
    }

    private static final class Twr implements Solver
    {
        private final TwrSolver solver;

        Twr(final int capacity)
        {
            solver = new TwrSolver(new TwrSolver.Config().capacity(capacity));
        }

        @Override
        public int solve(
            final List<Observation> observations,
            final Map<Integer, double[]> anchors,
            final int dim,
            final double heightM,
            final Fix fix)
        {
            solver.begin();
            for (final Observation o : observations)
            {
                final double[] a = anchors.get(o.anchorId());
                if (a == null)
                {
                    return SolveStatus.UNKNOWN_ANCHOR;
                }
                solver.add(o.anchorId(), a[0], a[1], a[2], o.distanceM());
            }
            return dim == 2 ? solver.solve2d(heightM, fix) : solver.solve3d(fix);
        }
    }

    private static final class Tdoa implements Solver
    {
        private static final BigDecimal METRES_PER_NS = BigDecimal.valueOf(TdoaSolver.SPEED_OF_LIGHT_M_PER_NS);
        private final TdoaSolver solver;

        Tdoa(final int capacity)
        {
            solver = new TdoaSolver(new TdoaSolver.Config().capacity(capacity));
        }

        @Override
        public int solve(
            final List<Observation> observations,
            final Map<Integer, double[]> anchors,
            final int dim,
            final double heightM,
            final Fix fix)
        {
            BigDecimal earliest = null;
            for (final Observation o : observations)
            {
                if (anchors.get(o.anchorId()) == null)
                {
                    return SolveStatus.UNKNOWN_ANCHOR;
                }
                earliest = earliest == null || o.toaNs().compareTo(earliest) < 0 ? o.toaNs() : earliest;
            }
            solver.begin();
            for (final Observation o : observations)
            {
                final double[] a = anchors.get(o.anchorId());
                // exact difference first: epoch-sized nanosecond counts would lose precision as doubles
                solver.add(o.anchorId(), a[0], a[1], a[2],
                    o.toaNs().subtract(earliest).multiply(METRES_PER_NS).doubleValue());
            }
            return dim == 2 ? solver.solve2d(heightM, fix) : solver.solve3d(fix);
        }
    }

    /** The zone path: positions through a core pipeline with a zone tracker, events printed as they come. */
    private static final class Zones
    {
        private final SiteMap map;
        private final ZoneTracker tracker;
        private final Counters counters = new Counters();
        private final Pipeline pipeline;
        private final PositionFlyweight position = new PositionFlyweight();
        private final ByteBuffer buffer =
            ByteBuffer.allocate(RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);

        Zones(final SiteMap map, final Set<Key> fixes, final Options options, final PrintStream out)
        {
            this.map = map;
            final Set<Long> tags = new HashSet<>();
            for (final Key key : fixes)
            {
                tags.add(key.tagId);
            }
            tracker = new ZoneTracker(map, Math.max(1, tags.size()), Math.max(1, Math.min(16, map.zoneCount())),
                options.zonePositions, options.zonePositions, options.zoneWindowMs);
            pipeline = new Pipeline(EngineConfig.builder().build(), counters, e -> print(e, out));
            pipeline.extension(tracker.registerZones(pipeline.zones()));
        }

        void onPosition(final Key key, final double xM, final double yM, final double zM, final double qualityM)
        {
            position.wrap(buffer, 0).set(0, key.tagId, xM, yM, zM, qualityM, key.timeMs);
            pipeline.onRecord(buffer, 0);
        }

        private void print(final EventFlyweight e, final PrintStream out)
        {
            // events carry engine zone ids; print the site file's zone_id, the id the user wrote
            final int zoneId = tracker.siteZoneId(e.type() == RtlsEventType.ZONE_EXIT ? e.fromZone() : e.toZone());
            final int zone = map.indexOf(zoneId);
            out.println(e.timestampMs() + "," + e.epcHigh() + ",event:" + RtlsEventType.name(e.type()) + "," + zoneId +
                "," + (zone >= 0 ? map.name(zone) : "") + "," + e.dwellMs());
        }

        void reportDrops(final PrintStream err)
        {
            for (int reason = 0; reason < RejectReason.REASON_COUNT; reason++)
            {
                final long rejected = counters.rejected(reason);
                if (rejected > 0)
                {
                    err.println("locate: " + rejected + " positions not tracked through zones: " +
                        RejectReason.name(reason) + (reason == RejectReason.BAD_TIMESTAMP ?
                        " (time_ms must be positive)" : ""));
                }
            }
            if (tracker.dropped() > 0)
            {
                err.println("locate: " + tracker.dropped() + " zone entries dropped (a tag in more than " +
                    Math.min(16, map.zoneCount()) + " zones at once)");
            }
        }
    }

    private static final class Key
    {
        final long timeMs;
        final long tagId;

        Key(final long timeMs, final long tagId)
        {
            this.timeMs = timeMs;
            this.tagId = tagId;
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Key && ((Key)o).timeMs == timeMs && ((Key)o).tagId == tagId;
        }

        @Override
        public int hashCode()
        {
            return Long.hashCode(timeMs * 31 + tagId);
        }
    }
}
