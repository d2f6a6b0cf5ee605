package dev.inventory.rtls.site;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link SiteMap} from a text file, one zone per line, comma separated:
 * <pre>
 * # hall 1; coordinates in metres (site coordinates, the anchors' frame)
 * zone_id,name,floor,z_min_m,z_max_m,restricted,dwell_limit_ms,enter_polygon,exit_polygon,authorized_tags
 * 1,dock,0,0,3,false,0,10 10;20 10;20 20;10 20,9 9;21 9;21 21;9 21
 * 2,cage,0,0,3,true,600000,30 5;35 5;35 10;30 10,,17;42   # restricted: tags 17 and 42 may enter
 * 3,mezzanine,1,4,7,false,0,0 0;10 0;10 10;0 10
 * </pre>
 * <ul>
 * <li>{@code zone_id}: integer &gt;= 0, unique; the user's id of the zone ({@code inventory locate} prints it;
 * engine events carry the engine zone id registered for the zone's name, see {@link ZoneTracker}).</li>
 * <li>{@code name}: not empty, unique, no {@code ,} or {@code #}.</li>
 * <li>{@code floor}: integer label (may be negative). Positions carry no floor: keep floors apart with the height
 * band.</li>
 * <li>{@code z_min_m}, {@code z_max_m}: height band in metres (absolute z); empty = no lower / upper limit.</li>
 * <li>{@code restricted}: {@code true|false|yes|no|1|0}; entries of tags not in {@code authorized_tags} raise
 * {@link RtlsEventType#RESTRICTED_ENTRY}.</li>
 * <li>{@code dwell_limit_ms}: integer &gt;= 0; 0 or empty = no limit.</li>
 * <li>{@code enter_polygon}: at least 3 vertices {@code x y} separated by {@code ;} (not closed, simple, non-zero
 * area).</li>
 * <li>{@code exit_polygon} (optional, may be empty): a larger polygon, containing the enter polygon, that a tag must
 * leave to exit; empty = the map's uniform hysteresis band around the enter polygon.</li>
 * <li>{@code authorized_tags} (optional, restricted zones only): tag ids separated by {@code ;}.</li>
 * </ul>
 * {@code #} starts a comment (a whole line or after the fields); blank lines are skipped, as is a header line (first
 * field {@code zone_id}).
 * Trailing optional fields may be left out. Every error is a {@link SiteMapFormatException} naming the line and the
 * field. Not a hot path. Stateless, threadsafe.
 */
public final class SiteMapFile
{
    /** The header line (optional in files). */
    public static final String HEADER =
        "zone_id,name,floor,z_min_m,z_max_m,restricted,dwell_limit_ms,enter_polygon,exit_polygon,authorized_tags";
    /** Grid cell size used by {@link #read(Path)}, metres. */
    public static final double DEFAULT_CELL_SIZE_M = 5.0;
    /** Uniform hysteresis band used by {@link #read(Path)} for zones without an exit polygon, metres. */
    public static final double DEFAULT_HYSTERESIS_M = 0.5;

    private static final String[] FIELDS = HEADER.split(",");
    private static final int REQUIRED_FIELDS = 8;

    private SiteMapFile()
    {
    }

    /**
     * Read and seal a site map with {@link #DEFAULT_CELL_SIZE_M} and {@link #DEFAULT_HYSTERESIS_M}.
     *
     * @param file the zones file (UTF-8).
     * @return the sealed map, restricted zones authorized.
     * @throws SiteMapFormatException if the content is malformed.
     * @throws IOException            if the file cannot be read.
     */
    public static SiteMap read(final Path file) throws IOException
    {
        return read(file, DEFAULT_CELL_SIZE_M, DEFAULT_HYSTERESIS_M);
    }

    /**
     * Read and seal a site map.
     *
     * @param file        the zones file (UTF-8).
     * @param cellSizeM   grid cell size in metres.
     * @param hysteresisM uniform band for zones without an exit polygon, metres.
     * @return the sealed map, restricted zones authorized.
     * @throws SiteMapFormatException if the content is malformed.
     * @throws IOException            if the file cannot be read.
     */
    public static SiteMap read(final Path file, final double cellSizeM, final double hysteresisM) throws IOException
    {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return read(reader, file.toString(), cellSizeM, hysteresisM);
        }
    }

    /**
     * Read and seal a site map.
     *
     * @param reader      the zones text.
     * @param source      name for error messages (e.g. the file name).
     * @param cellSizeM   grid cell size in metres.
     * @param hysteresisM uniform band for zones without an exit polygon, metres.
     * @return the sealed map, restricted zones authorized.
     * @throws SiteMapFormatException if the content is malformed.
     * @throws IOException            if the reader fails.
     */
    public static SiteMap read(
        final Reader reader, final String source, final double cellSizeM, final double hysteresisM) throws IOException
    {
        final SiteMap map;
        try
        {
            map = new SiteMap(cellSizeM, hysteresisM);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new SiteMapFormatException(source, 0, null, ex.getMessage());
        }
        final Map<Integer, Integer> idLines = new HashMap<>();
        final Map<String, Integer> nameLines = new HashMap<>();
        final List<long[]> authorizations = new ArrayList<>();
        final BufferedReader in = new BufferedReader(reader);
        String line;
        int lineNo = 0;
        boolean first = true;
        while ((line = in.readLine()) != null)
        {
            lineNo++;
            final int comment = line.indexOf('#');
            final String trimmed = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (trimmed.isEmpty())
            {
                continue;
            }
            final String[] f = trimmed.split(",", -1);
            for (int i = 0; i < f.length; i++)
            {
                f[i] = f[i].trim();
            }
            if (first && f[0].equalsIgnoreCase(FIELDS[0]))
            {
                first = false;
                continue;
            }
            first = false;
            final Line l = new Line(source, lineNo, f);
            if (f.length < REQUIRED_FIELDS || f.length > FIELDS.length)
            {
                throw l.error(null, "expected " + REQUIRED_FIELDS + " to " + FIELDS.length + " fields (" + HEADER +
                    "), found " + f.length + " (names and polygons cannot contain commas)");
            }
            final int zoneId = l.integer(0, 0);
            final Integer earlierId = idLines.putIfAbsent(zoneId, lineNo);
            if (earlierId != null)
            {
                throw l.error(0, "duplicate zone id " + zoneId + " (first on line " + earlierId + ")");
            }
            final String name = f[1];
            if (name.isEmpty())
            {
                throw l.error(1, "must not be empty");
            }
            final Integer earlierName = nameLines.putIfAbsent(name, lineNo);
            if (earlierName != null)
            {
                throw l.error(1, "duplicate name '" + name + "' (first on line " + earlierName + ")");
            }
            final int floor = l.integer(2, Integer.MIN_VALUE);
            final double zMin = l.height(3, Double.NEGATIVE_INFINITY);
            final double zMax = l.height(4, Double.POSITIVE_INFINITY);
            if (zMin > zMax)
            {
                throw l.error(4, "must be >= z_min_m (" + zMin + ")");
            }
            final boolean restricted = l.flag(5);
            final long dwellLimitMs = f[6].isEmpty() ? 0 : l.longValue(6, 0);
            final double[] enter = l.polygon(7);
            String problem = SiteMap.polygonProblem(enter);
            if (problem != null)
            {
                throw l.error(7, problem);
            }
            double[] exit = null;
            if (f.length > 8 && !f[8].isEmpty())
            {
                exit = l.polygon(8);
                problem = SiteMap.polygonProblem(exit);
                if (problem == null)
                {
                    problem = SiteMap.containmentProblem(exit, enter);
                }
                if (problem != null)
                {
                    throw l.error(8, problem);
                }
            }
            if (f.length > 9 && !f[9].isEmpty())
            {
                if (!restricted)
                {
                    throw l.error(9, "authorized tags given for a zone that is not restricted");
                }
                for (final String tag : f[9].split(";", -1))
                {
                    try
                    {
                        authorizations.add(new long[] {zoneId, Long.parseLong(tag.trim())});
                    }
                    catch (final NumberFormatException ex)
                    {
                        throw l.error(9, "tag id '" + tag.trim() + "' is not an integer (ids separated by ';')");
                    }
                }
            }
            try
            {
                map.addZone(zoneId, name, floor, enter, exit, zMin, zMax, restricted, dwellLimitMs);
            }
            catch (final IllegalArgumentException ex)
            {
                throw l.error(null, ex.getMessage());
            }
        }
        if (map.zoneCount() == 0)
        {
            throw new SiteMapFormatException(source, 0, null, "no zones");
        }
        try
        {
            map.seal();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new SiteMapFormatException(source, 0, null, ex.getMessage());
        }
        for (final long[] authorization : authorizations)
        {
            map.authorize(map.indexOf((int)authorization[0]), authorization[1]);
        }
        return map;
    }

    /** One data line being parsed. */
    private static final class Line
    {
        private final String source;
        private final int lineNo;
        private final String[] f;

        Line(final String source, final int lineNo, final String[] f)
        {
            this.source = source;
            this.lineNo = lineNo;
            this.f = f;
        }

        SiteMapFormatException error(final Integer field, final String problem)
        {
            return new SiteMapFormatException(source, lineNo, field == null ? null : FIELDS[field], problem);
        }

        int integer(final int field, final int min) throws SiteMapFormatException
        {
            final int value;
            try
            {
                value = Integer.parseInt(f[field]);
            }
            catch (final NumberFormatException ex)
            {
                throw error(field, "'" + f[field] + "' is not an integer");
            }
            if (value < min)
            {
                throw error(field, "must be >= " + min + ", was " + value);
            }
            return value;
        }

        long longValue(final int field, final long min) throws SiteMapFormatException
        {
            final long value;
            try
            {
                value = Long.parseLong(f[field]);
            }
            catch (final NumberFormatException ex)
            {
                throw error(field, "'" + f[field] + "' is not an integer");
            }
            if (value < min)
            {
                throw error(field, "must be >= " + min + ", was " + value);
            }
            return value;
        }

        double height(final int field, final double whenEmpty) throws SiteMapFormatException
        {
            if (f[field].isEmpty())
            {
                return whenEmpty;
            }
            return number(field, f[field], "'" + f[field] + "' is not a finite number (empty for no limit)");
        }

        boolean flag(final int field) throws SiteMapFormatException
        {
            switch (f[field].toLowerCase(Locale.ROOT))
            {
                case "true":
                case "yes":
                case "1":
                    return true;
                case "false":
                case "no":
                case "0":
                case "":
                    return false;
                default:
                    throw error(field, "'" + f[field] + "' is not one of true, false, yes, no, 1, 0");
            }
        }

        double[] polygon(final int field) throws SiteMapFormatException
        {
            if (f[field].isEmpty())
            {
                throw error(field, "must not be empty (vertices 'x y' separated by ';')");
            }
            final String[] vertices = f[field].split(";", -1);
            final double[] xy = new double[vertices.length * 2];
            for (int v = 0; v < vertices.length; v++)
            {
                final String vertex = vertices[v].trim();
                final String[] c = vertex.split("\\s+");
                if (c.length != 2 || vertex.isEmpty())
                {
                    throw error(field, "vertex " + (v + 1) + " '" + vertex +
                        "' is not 'x y' (vertices separated by ';')");
                }
                final String what = "vertex " + (v + 1) + " '" + vertex + "' has a coordinate that is not a number";
                xy[2 * v] = number(field, c[0], what);
                xy[2 * v + 1] = number(field, c[1], what);
            }
            return xy;
        }

        private double number(final int field, final String text, final String problem)
            throws SiteMapFormatException
        {
            final double value;
            try
            {
                value = Double.parseDouble(text);
            }
            catch (final NumberFormatException ex)
            {
                throw error(field, problem);
            }
            if (!Double.isFinite(value))
            {
                throw error(field, problem);
            }
            return value;
        }
    }
}
