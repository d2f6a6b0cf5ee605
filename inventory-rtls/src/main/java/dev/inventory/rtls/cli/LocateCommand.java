package dev.inventory.rtls.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.inventory.rtls.solve.Fix;
import dev.inventory.rtls.solve.SolveStatus;
import dev.inventory.rtls.solve.TwrSolver;
import dev.inventory.rtls.track.TrackFilter;

/**
 * The {@code inventory locate} command: solve TWR fixes from CSV files.
 * <p>
 * Input: anchors {@code anchor_id,x,y,z} (metres) and ranges {@code time_ms,tag_id,anchor_id,distance_m}; a header
 * line, blank lines and {@code #} comments are skipped; ids are integers, time_ms epoch milliseconds. Ranges with the
 * same time_ms and tag_id form one fix. Output: CSV {@code time_ms,tag_id,x,y,z,quality} (header first, quality =
 * residual RMS in metres), one line per fix in time order (ties in order of first appearance), or
 * {@code time_ms,tag_id,invalid:<reason>} with a {@link SolveStatus#name(int)} reason for a fix that cannot be solved.
 * With {@code smooth}, valid fixes go through a per-tag {@link TrackFilter} and x, y are the filtered position.
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

    private LocateCommand()
    {
    }

    /**
     * Run the command. Errors are reported on {@link System#err}.
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
        if (dim != 2 && dim != 3)
        {
            err.println("locate: --dim must be 2 or 3, was " + dim);
            return EXIT_USAGE;
        }
        final double height = Double.isNaN(heightM) ? DEFAULT_HEIGHT_M : heightM;
        if (!Double.isFinite(height))
        {
            err.println("locate: --height must be a finite number of metres");
            return EXIT_USAGE;
        }
        final Map<Integer, double[]> anchors = new HashMap<>();
        final Map<Key, List<double[]>> fixes = new LinkedHashMap<>();
        try
        {
            if (!readAnchors(anchorsCsv, anchors, err) || !readRanges(rangesCsv, fixes, err))
            {
                return EXIT_USAGE;
            }
        }
        catch (final IOException ex)
        {
            err.println("locate: " + ex.getMessage());
            return EXIT_IO;
        }

        final List<Key> order = new ArrayList<>(fixes.keySet());
        order.sort((a, b) -> Long.compare(a.timeMs, b.timeMs)); // stable: ties keep order of appearance
        int capacity = 16;
        for (final List<double[]> ranges : fixes.values())
        {
            capacity = Math.max(capacity, Math.min(64, ranges.size()));
        }
        final TwrSolver solver = new TwrSolver(new TwrSolver.Config().capacity(capacity));
        final TrackFilter filter = smooth ? new TrackFilter() : null;
        final Fix fix = new Fix();
        out.println("time_ms,tag_id,x,y,z,quality");
        for (final Key key : order)
        {
            solver.begin();
            boolean unknownAnchor = false;
            for (final double[] range : fixes.get(key))
            {
                final int anchorId = (int)range[0];
                final double[] a = anchors.get(anchorId);
                if (a == null)
                {
                    unknownAnchor = true;
                    break;
                }
                solver.add(anchorId, a[0], a[1], a[2], range[1]);
            }
            final int status = unknownAnchor ? SolveStatus.UNKNOWN_ANCHOR :
                dim == 2 ? solver.solve2d(height, fix) : solver.solve3d(fix);
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
        }
        out.flush();
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

    private static boolean readRanges(final Reader reader, final Map<Key, List<double[]>> fixes, final PrintStream err)
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
                    throw new NumberFormatException("expected time_ms,tag_id,anchor_id,distance_m");
                }
                final Key key = new Key(Long.parseLong(f[0]), Long.parseLong(f[1]));
                final int anchorId = Integer.parseInt(f[2]);
                // the distance is validated by the solver (NaN, negative, absurd -> invalid fix), so keep it as is
                final double distanceM = Double.parseDouble(f[3]);
                fixes.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {anchorId, distanceM});
            }
            catch (final NumberFormatException ex)
            {
                err.println("locate: ranges line " + lineNo + ": " + ex.getMessage() + ": " + line);
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
