package dev.inventory.rtls.site;

import java.util.ArrayList;
import java.util.List;

import org.agrona.collections.LongHashSet;

/**
 * Zones of a site as polygons with a height band, and a uniform grid index so a point is tested only against the
 * zones whose (hysteresis-expanded) bounding box covers its cell. Spatial hysteresis: a point is
 * {@link #INSIDE} only if it is in the polygon and at least {@code hysteresisM} from its edges, {@link #OUTSIDE}
 * only if it is out of the polygon by at least {@code hysteresisM} (or out of the height band); in between it is
 * {@link #BAND} and changes nothing. That is a smaller polygon to enter than to leave.
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

    private final double cellSizeM;
    private final double hysteresisM;
    private final List<double[]> polygonList = new ArrayList<>();
    private final List<String> nameList = new ArrayList<>();
    private final List<double[]> bandList = new ArrayList<>();
    private final List<long[]> ruleList = new ArrayList<>();

    private double[][] polygons;
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
     * Define a zone.
     *
     * @param name         zone name.
     * @param xyM          polygon vertices x0, y0, x1, y1, ... (at least 3, not closed).
     * @param zMinM        lowest z in the zone.
     * @param zMaxM        highest z.
     * @param restricted   true if entry by a tag not {@link #authorize(int, long) authorized} is an event.
     * @param dwellLimitMs dwell after which {@link RtlsEventType#DWELL_EXCEEDED} fires, or 0 for none.
     * @return the zone id (dense from 0).
     */
    public int addZone(
        final String name,
        final double[] xyM,
        final double zMinM,
        final double zMaxM,
        final boolean restricted,
        final long dwellLimitMs)
    {
        if (polygons != null)
        {
            throw new IllegalStateException("sealed");
        }
        if (xyM.length < 6 || (xyM.length & 1) != 0)
        {
            throw new IllegalArgumentException("zone " + name + ": need at least 3 vertices");
        }
        polygonList.add(xyM.clone());
        nameList.add(name);
        bandList.add(new double[] {zMinM, zMaxM});
        ruleList.add(new long[] {restricted ? 1 : 0, dwellLimitMs});
        return polygonList.size() - 1;
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
            authorized[z] = new LongHashSet();
            final double[] p = polygons[z];
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
            boxes[z] = new double[] {bx0 - hysteresisM, by0 - hysteresisM, bx1 + hysteresisM, by1 + hysteresisM};
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
        cols = Math.max(1, (int)Math.ceil((maxX - minX) / cellSizeM));
        rows = Math.max(1, (int)Math.ceil((maxY - minY) / cellSizeM));
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
     * @param out receives zone ids; should hold {@link #zoneCount()}.
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
     * @param zone zone id.
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
        final double[] p = polygons[zone];
        final int n = p.length;
        boolean inside = false;
        double minDistanceSquared = Double.MAX_VALUE;
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
            final double ex = xj - xi;
            final double ey = yj - yi;
            final double lengthSquared = ex * ex + ey * ey;
            double t = lengthSquared > 0 ? ((xM - xi) * ex + (yM - yi) * ey) / lengthSquared : 0;
            t = Math.max(0, Math.min(1, t));
            final double dx = xi + t * ex - xM;
            final double dy = yi + t * ey - yM;
            minDistanceSquared = Math.min(minDistanceSquared, dx * dx + dy * dy);
        }
        if (minDistanceSquared < hysteresisM * hysteresisM)
        {
            return BAND;
        }
        return inside ? INSIDE : OUTSIDE;
    }

    /**
     * Allow a tag in a restricted zone (not on a hot path: may allocate).
     *
     * @param zone  zone id.
     * @param tagId tag id.
     */
    public void authorize(final int zone, final long tagId)
    {
        authorized[zone].add(tagId);
    }

    /**
     * @param zone  zone id.
     * @param tagId tag id.
     * @return true if the zone is restricted and the tag is not authorized.
     */
    public boolean isUnauthorized(final int zone, final long tagId)
    {
        return restricted[zone] && !authorized[zone].contains(tagId);
    }

    /**
     * @param zone zone id.
     * @return dwell limit in ms, 0 for none.
     */
    public long dwellLimitMs(final int zone)
    {
        return dwellLimitMs[zone];
    }

    /**
     * @param zone zone id.
     * @return its name.
     */
    public String name(final int zone)
    {
        return nameList.get(zone);
    }

    /** @return number of zones. */
    public int zoneCount()
    {
        return polygonList.size();
    }
}
