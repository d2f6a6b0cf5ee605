package dev.inventory.rtls.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.LongHashSet;

/**
 * Zones of a site as polygons with a height band, and a uniform grid index so a point is tested only against the
 * zones whose (hysteresis-expanded) bounding box covers its cell. Spatial hysteresis, per zone one of:
 * <ul>
 * <li>a uniform band: a point is {@link #INSIDE} only if it is in the polygon and at least {@code hysteresisM} from
 * its edges, {@link #OUTSIDE} only if it is out of the polygon by at least {@code hysteresisM} (or out of the height
 * band); in between it is {@link #BAND} and changes nothing;</li>
 * <li>an explicit exit polygon containing the enter polygon: {@link #INSIDE} in the enter polygon, {@link #BAND} in
 * the exit polygon only, {@link #OUTSIDE} beyond it (or out of the height band); {@code hysteresisM} is not used.</li>
 * </ul>
 * Either way that is a smaller polygon to enter than to leave.
 * <p>
 * Zones have an <b>index</b> (dense from 0 in order of {@link #addZone}: what {@code addZone} returns and what
 * {@link #candidates}, {@link #classify}, {@link #authorize} and the accessors take) and an <b>id</b> (any int
 * &gt;= 0, unique; the index unless given; what files carry, the user's id): {@link #zoneId(int)} and
 * {@link #indexOf(int)} convert. Names are unique too: in an engine, events carry neither index nor id but the
 * engine's zone id of the name ({@link ZoneTracker} registers the zones by name in the engine's zone directory).
 * The floor is a label: positions carry only x, y, z, so zones of different floors are kept apart by their height
 * bands (absolute z in site coordinates). Files: {@link SiteMapFile}.
 * <p>
 * Build: {@link #addZone}, then {@link #seal()}. After sealing, queries are garbage-free and the map is
 * immutable except for {@link #authorize(int, long)}. NOT threadsafe while building; after sealing, queries are
 * threadsafe if no thread authorizes concurrently.
 */
public final class SiteMap
{
    /** In the polygon by at least the hysteresis, and in the height band. */
    public static final int INSIDE = 1;
    /** Out of the polygon by at least the hysteresis, or out of the height band. */
    public static final int OUTSIDE = 0;
    /** Near an edge: no decision. */
    public static final int BAND = 2;

    /** Most grid cells {@link #seal()} builds. */
    public static final int MAX_CELLS = 1 << 22;

    private final double cellSizeM;
    private final double hysteresisM;
    private final List<double[]> polygonList = new ArrayList<>();
    private final List<double[]> exitPolygonList = new ArrayList<>();
    private final List<String> nameList = new ArrayList<>();
    private final Map<String, Integer> indexOfName = new HashMap<>();
    private final List<double[]> bandList = new ArrayList<>();
    private final List<long[]> ruleList = new ArrayList<>();
    private final Int2IntHashMap indexOfId = new Int2IntHashMap(-1);

    private double[][] polygons;
    private double[][] exitPolygons;
    private int[] zoneIds;
    private int[] floors;
    private double[] zMin;
    private double[] zMax;
    private boolean[] restricted;
    private long[] dwellLimitMs;
    private LongHashSet[] authorized;
    private double minX;
    private double minY;
    private int cols;
    private int rows;
    private int[] cellStart;
    private int[] cellZones;

    /**
     * @param cellSizeM   grid cell size in metres.
     * @param hysteresisM half width of the no-decision band around zone edges, metres (0 for none).
     */
    public SiteMap(final double cellSizeM, final double hysteresisM)
    {
        if (!(cellSizeM > 0) || !(hysteresisM >= 0))
        {
            throw new IllegalArgumentException("invalid cellSizeM or hysteresisM");
        }
        this.cellSizeM = cellSizeM;
        this.hysteresisM = hysteresisM;
    }

    /**
     * Define a zone with id = its index, floor 0 and the uniform hysteresis band.
     *
     * @param name         zone name (not blank, unique).
     * @param xyM          polygon vertices x0, y0, x1, y1, ... (at least 3, not closed).
     * @param zMinM        lowest z in the zone.
     * @param zMaxM        highest z.
     * @param restricted   true if entry by a tag not {@link #authorize(int, long) authorized} is an event.
     * @param dwellLimitMs dwell after which {@link RtlsEventType#DWELL_EXCEEDED} fires, or 0 for none.
     * @return the zone index (dense from 0), which is also its id.
     * @throws IllegalArgumentException on a bad polygon or value, or if the id or name is taken.
     */
    public int addZone(
        final String name,
        final double[] xyM,
        final double zMinM,
        final double zMaxM,
        final boolean restricted,
        final long dwellLimitMs)
    {
        return addZone(polygonList.size(), name, 0, xyM, null, zMinM, zMaxM, restricted, dwellLimitMs);
    }

    /**
     * Define a zone.
     *
     * @param zoneId       zone id (&gt;= 0, unique), the user's id ({@link ZoneTracker#siteZoneId(int)}).
     * @param name         zone name (not blank, unique: in an engine the name is the zone, see {@link ZoneTracker}).
     * @param floor        floor label.
     * @param enterXyM     polygon to enter, vertices x0, y0, x1, y1, ... (at least 3, not closed, simple).
     * @param exitXyM      larger polygon to leave, containing the enter polygon; null for the uniform band.
     * @param zMinM        lowest z in the zone (may be -infinity).
     * @param zMaxM        highest z (may be +infinity), &gt;= zMinM.
     * @param restricted   true if entry by a tag not {@link #authorize(int, long) authorized} is an event.
     * @param dwellLimitMs dwell after which {@link RtlsEventType#DWELL_EXCEEDED} fires, or 0 for none.
     * @return the zone index (dense from 0).
     * @throws IllegalArgumentException naming the zone and the problem.
     */
    public int addZone(
        final int zoneId,
        final String name,
        final int floor,
        final double[] enterXyM,
        final double[] exitXyM,
        final double zMinM,
        final double zMaxM,
        final boolean restricted,
        final long dwellLimitMs)
    {
        if (polygons != null)
        {
            throw new IllegalStateException("sealed");
        }
        final String what = "zone " + zoneId + " (" + name + "): ";
        if (zoneId < 0)
        {
            throw new IllegalArgumentException(what + "id must be >= 0");
        }
        if (indexOfId.get(zoneId) >= 0)
        {
            throw new IllegalArgumentException(what + "duplicate zone id");
        }
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException(what + "name must not be empty");
        }
        final Integer sameName = indexOfName.get(name);
        if (null != sameName)
        {
            // a name is one engine zone (ZoneTracker registers zones by name)
            throw new IllegalArgumentException(what + "duplicate zone name (zone " + zoneId(sameName) + ")");
        }
        if (Double.isNaN(zMinM) || Double.isNaN(zMaxM) || zMinM > zMaxM)
        {
            throw new IllegalArgumentException(what + "height band must have zMinM <= zMaxM");
        }
        if (dwellLimitMs < 0)
        {
            throw new IllegalArgumentException(what + "dwell limit must be >= 0");
        }
        String problem = polygonProblem(enterXyM);
        if (problem != null)
        {
            throw new IllegalArgumentException(what + "enter polygon: " + problem);
        }
        if (exitXyM != null)
        {
            problem = polygonProblem(exitXyM);
            if (problem == null)
            {
                problem = containmentProblem(exitXyM, enterXyM);
            }
            if (problem != null)
            {
                throw new IllegalArgumentException(what + "exit polygon: " + problem);
            }
        }
        polygonList.add(enterXyM.clone());
        exitPolygonList.add(exitXyM == null ? null : exitXyM.clone());
        nameList.add(name);
        indexOfName.put(name, nameList.size() - 1);
        bandList.add(new double[] {zMinM, zMaxM});
        ruleList.add(new long[] {restricted ? 1 : 0, dwellLimitMs, zoneId, floor});
        final int index = polygonList.size() - 1;
        indexOfId.put(zoneId, index);
        return index;
    }

    /**
     * Why a polygon is unusable.
     *
     * @param xyM vertices x0, y0, x1, y1, ...
     * @return null if it has at least 3 finite vertices, a non-zero area and no crossing edges, else the problem.
     */
    static String polygonProblem(final double[] xyM)
    {
        if (xyM == null || xyM.length < 6 || (xyM.length & 1) != 0)
        {
            return "need at least 3 vertices";
        }
        for (int i = 0; i < xyM.length; i++)
        {
            if (!Double.isFinite(xyM[i]))
            {
                return "vertex " + (i / 2 + 1) + " is not finite";
            }
        }
        final int n = xyM.length / 2;
        double twiceArea = 0;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            twiceArea += xyM[2 * j] * xyM[2 * i + 1] - xyM[2 * i] * xyM[2 * j + 1];
        }
        if (!(Math.abs(twiceArea) > 1e-9))
        {
            return "zero area (vertices collinear or repeated)";
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 2; j < n; j++)
            {
                if (i == 0 && j == n - 1)
                {
                    continue; // adjacent through the closing edge
                }
                if (edgesCross(xyM, i, xyM, j))
                {
                    return "edges " + (i + 1) + " and " + (j + 1) + " cross (polygon must be simple)";
                }
            }
        }
        return null;
    }

    /**
     * Why an outer polygon does not contain an inner one (both valid).
     *
     * @param outerXyM outer polygon.
     * @param innerXyM inner polygon.
     * @return null if every inner vertex is inside or on the outer polygon and no edges cross, else the problem.
     */
    static String containmentProblem(final double[] outerXyM, final double[] innerXyM)
    {
        for (int i = 0; i < innerXyM.length; i += 2)
        {
            final double x = innerXyM[i];
            final double y = innerXyM[i + 1];
            if (!contains(outerXyM, x, y) && distanceSquaredToEdges(outerXyM, x, y) > 1e-12)
            {
                return "does not contain vertex " + (i / 2 + 1) + " of the enter polygon";
            }
        }
        for (int i = 0; i < innerXyM.length / 2; i++)
        {
            for (int j = 0; j < outerXyM.length / 2; j++)
            {
                if (edgesCross(innerXyM, i, outerXyM, j))
                {
                    return "edge " + (j + 1) + " crosses edge " + (i + 1) + " of the enter polygon";
                }
            }
        }
        return null;
    }

    /** Proper crossing (interiors intersect at one point) of edge i of polygon a and edge j of polygon b. */
    private static boolean edgesCross(final double[] a, final int i, final double[] b, final int j)
    {
        final int na = a.length / 2;
        final int nb = b.length / 2;
        final double ax0 = a[2 * i];
        final double ay0 = a[2 * i + 1];
        final double ax1 = a[2 * ((i + 1) % na)];
        final double ay1 = a[2 * ((i + 1) % na) + 1];
        final double bx0 = b[2 * j];
        final double by0 = b[2 * j + 1];
        final double bx1 = b[2 * ((j + 1) % nb)];
        final double by1 = b[2 * ((j + 1) % nb) + 1];
        final double d1 = cross(bx0, by0, bx1, by1, ax0, ay0);
        final double d2 = cross(bx0, by0, bx1, by1, ax1, ay1);
        final double d3 = cross(ax0, ay0, ax1, ay1, bx0, by0);
        final double d4 = cross(ax0, ay0, ax1, ay1, bx1, by1);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }

    private static double cross(
        final double x0, final double y0, final double x1, final double y1, final double x, final double y)
    {
        return (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0);
    }

    /**
     * Build the grid index. No zones can be added afterwards.
     *
     * @return this.
     */
    public SiteMap seal()
    {
        final int n = polygonList.size();
        polygons = polygonList.toArray(new double[0][]);
        exitPolygons = exitPolygonList.toArray(new double[0][]);
        zoneIds = new int[n];
        floors = new int[n];
        zMin = new double[n];
        zMax = new double[n];
        restricted = new boolean[n];
        dwellLimitMs = new long[n];
        authorized = new LongHashSet[n];
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        minX = Double.MAX_VALUE;
        minY = Double.MAX_VALUE;
        final double[][] boxes = new double[n][];
        for (int z = 0; z < n; z++)
        {
            zMin[z] = bandList.get(z)[0];
            zMax[z] = bandList.get(z)[1];
            restricted[z] = ruleList.get(z)[0] != 0;
            dwellLimitMs[z] = ruleList.get(z)[1];
            zoneIds[z] = (int)ruleList.get(z)[2];
            floors[z] = (int)ruleList.get(z)[3];
            authorized[z] = new LongHashSet();
            // the index must cover every point that is not OUTSIDE: the exit polygon, or the polygon + band
            final double[] p = exitPolygons[z] != null ? exitPolygons[z] : polygons[z];
            final double grow = exitPolygons[z] != null ? 0 : hysteresisM;
            double bx0 = Double.MAX_VALUE;
            double by0 = Double.MAX_VALUE;
            double bx1 = -Double.MAX_VALUE;
            double by1 = -Double.MAX_VALUE;
            for (int i = 0; i < p.length; i += 2)
            {
                bx0 = Math.min(bx0, p[i]);
                bx1 = Math.max(bx1, p[i]);
                by0 = Math.min(by0, p[i + 1]);
                by1 = Math.max(by1, p[i + 1]);
            }
            boxes[z] = new double[] {bx0 - grow, by0 - grow, bx1 + grow, by1 + grow};
            minX = Math.min(minX, boxes[z][0]);
            minY = Math.min(minY, boxes[z][1]);
            maxX = Math.max(maxX, boxes[z][2]);
            maxY = Math.max(maxY, boxes[z][3]);
        }
        if (n == 0)
        {
            minX = 0;
            minY = 0;
            maxX = 0;
            maxY = 0;
        }
        final double colsD = Math.max(1, Math.ceil((maxX - minX) / cellSizeM));
        final double rowsD = Math.max(1, Math.ceil((maxY - minY) / cellSizeM));
        if (colsD * rowsD > MAX_CELLS)
        {
            polygons = null;
            throw new IllegalArgumentException("zones span " + (maxX - minX) + " m x " + (maxY - minY) +
                " m: more than " + MAX_CELLS + " grid cells of " + cellSizeM + " m; use a larger cell size");
        }
        cols = (int)colsD;
        rows = (int)rowsD;
        final int cells = cols * rows;
        final int[] counts = new int[cells + 1];
        for (int pass = 0; pass < 2; pass++)
        {
            final int[] fill = pass == 1 ? new int[cells] : null;
            for (int z = 0; z < n; z++)
            {
                final int c0 = clampCol(boxes[z][0]);
                final int c1 = clampCol(boxes[z][2]);
                final int r0 = clampRow(boxes[z][1]);
                final int r1 = clampRow(boxes[z][3]);
                for (int r = r0; r <= r1; r++)
                {
                    for (int c = c0; c <= c1; c++)
                    {
                        final int cell = r * cols + c;
                        if (pass == 0)
                        {
                            counts[cell + 1]++;
                        }
                        else
                        {
                            cellZones[cellStart[cell] + fill[cell]++] = z;
                        }
                    }
                }
            }
            if (pass == 0)
            {
                for (int i = 0; i < cells; i++)
                {
                    counts[i + 1] += counts[i];
                }
                cellStart = counts;
                cellZones = new int[counts[cells]];
            }
        }
        return this;
    }

    private int clampCol(final double x)
    {
        return Math.max(0, Math.min(cols - 1, (int)Math.floor((x - minX) / cellSizeM)));
    }

    private int clampRow(final double y)
    {
        return Math.max(0, Math.min(rows - 1, (int)Math.floor((y - minY) / cellSizeM)));
    }

    /**
     * Zones that may contain a point (their expanded bounding box covers its grid cell).
     *
     * @param xM  x.
     * @param yM  y.
     * @param out receives zone indexes; should hold {@link #zoneCount()}.
     * @return how many were written.
     */
    public int candidates(final double xM, final double yM, final int[] out)
    {
        final double cx = (xM - minX) / cellSizeM;
        final double cy = (yM - minY) / cellSizeM;
        if (!(cx >= 0 && cy >= 0 && cx < cols && cy < rows))
        {
            return 0;
        }
        final int cell = (int)cy * cols + (int)cx;
        final int start = cellStart[cell];
        final int end = cellStart[cell + 1];
        final int count = Math.min(end - start, out.length);
        System.arraycopy(cellZones, start, out, 0, count);
        return count;
    }

    /**
     * @param zone zone index.
     * @param xM   x.
     * @param yM   y.
     * @param zM   z.
     * @return {@link #INSIDE}, {@link #OUTSIDE} or {@link #BAND}.
     */
    public int classify(final int zone, final double xM, final double yM, final double zM)
    {
        if (zM < zMin[zone] || zM > zMax[zone])
        {
            return OUTSIDE;
        }
        final double[] exit = exitPolygons[zone];
        if (exit != null)
        {
            if (contains(polygons[zone], xM, yM))
            {
                return INSIDE;
            }
            return contains(exit, xM, yM) ? BAND : OUTSIDE;
        }
        final double[] p = polygons[zone];
        if (distanceSquaredToEdges(p, xM, yM) < hysteresisM * hysteresisM)
        {
            return BAND;
        }
        return contains(p, xM, yM) ? INSIDE : OUTSIDE;
    }

    /** Even-odd point in polygon. */
    private static boolean contains(final double[] p, final double xM, final double yM)
    {
        final int n = p.length;
        boolean inside = false;
        for (int i = 0, j = n - 2; i < n; j = i, i += 2)
        {
            final double xi = p[i];
            final double yi = p[i + 1];
            final double xj = p[j];
            final double yj = p[j + 1];
            if ((yi > yM) != (yj > yM) && xM < (xj - xi) * (yM - yi) / (yj - yi) + xi)
            {
                inside = !inside;
            }
        }
        return inside;
    }

    private static double distanceSquaredToEdges(final double[] p, final double xM, final double yM)
    {
        final int n = p.length;
        double minDistanceSquared = Double.MAX_VALUE;
        for (int i = 0, j = n - 2; i < n; j = i, i += 2)
        {
            final double xi = p[i];
            final double yi = p[i + 1];
            final double ex = p[j] - xi;
            final double ey = p[j + 1] - yi;
            final double lengthSquared = ex * ex + ey * ey;
            double t = lengthSquared > 0 ? ((xM - xi) * ex + (yM - yi) * ey) / lengthSquared : 0;
            t = Math.max(0, Math.min(1, t));
            final double dx = xi + t * ex - xM;
            final double dy = yi + t * ey - yM;
            minDistanceSquared = Math.min(minDistanceSquared, dx * dx + dy * dy);
        }
        return minDistanceSquared;
    }

    /**
     * Allow a tag in a restricted zone (not on a hot path: may allocate).
     *
     * @param zone  zone index.
     * @param tagId tag id.
     */
    public void authorize(final int zone, final long tagId)
    {
        authorized[zone].add(tagId);
    }

    /**
     * @param zone  zone index.
     * @param tagId tag id.
     * @return true if the zone is restricted and the tag is not authorized.
     */
    public boolean isUnauthorized(final int zone, final long tagId)
    {
        return restricted[zone] && !authorized[zone].contains(tagId);
    }

    /**
     * @param zone zone index.
     * @return dwell limit in ms, 0 for none.
     */
    public long dwellLimitMs(final int zone)
    {
        return dwellLimitMs[zone];
    }

    /**
     * @param zone zone index.
     * @return its name.
     */
    public String name(final int zone)
    {
        return nameList.get(zone);
    }

    /**
     * @param zone zone index.
     * @return its id (the user's; events carry the engine id, {@link ZoneTracker#engineZoneId(int)}).
     */
    public int zoneId(final int zone)
    {
        return zoneIds != null ? zoneIds[zone] : (int)ruleList.get(zone)[2];
    }

    /**
     * @param zoneId zone id.
     * @return its index, or -1 if no zone has the id.
     */
    public int indexOf(final int zoneId)
    {
        return indexOfId.get(zoneId);
    }

    /**
     * @param zone zone index.
     * @return its floor label.
     */
    public int floor(final int zone)
    {
        return floors != null ? floors[zone] : (int)ruleList.get(zone)[3];
    }

    /**
     * @param zone zone index.
     * @return true if entries by unauthorized tags are flagged.
     */
    public boolean isRestricted(final int zone)
    {
        return ruleList.get(zone)[0] != 0;
    }

    /**
     * @param zone zone index.
     * @return lowest z of the height band.
     */
    public double zMinM(final int zone)
    {
        return bandList.get(zone)[0];
    }

    /**
     * @param zone zone index.
     * @return highest z of the height band.
     */
    public double zMaxM(final int zone)
    {
        return bandList.get(zone)[1];
    }

    /**
     * @param zone zone index.
     * @return a copy of the enter polygon's vertices x0, y0, x1, y1, ...
     */
    public double[] enterPolygon(final int zone)
    {
        return polygonList.get(zone).clone();
    }

    /**
     * @param zone zone index.
     * @return a copy of the exit polygon's vertices, or null if the zone uses the uniform band.
     */
    public double[] exitPolygon(final int zone)
    {
        final double[] exit = exitPolygonList.get(zone);
        return exit == null ? null : exit.clone();
    }

    /** @return the uniform hysteresis band half width in metres. */
    public double hysteresisM()
    {
        return hysteresisM;
    }

    /** @return true once {@link #seal()} was called. */
    public boolean isSealed()
    {
        return polygons != null;
    }

    /** @return number of zones. */
    public int zoneCount()
    {
        return polygonList.size();
    }
}
