package dev.inventory.rtls.solve;

/**
 * Horizontal (x, y) convex hull of a set of anchors, for flagging or clipping positions that lie outside the area
 * the anchors cover (where trilateration extrapolates and errors grow fast). Fill with {@link #reset()} and
 * {@link #add(double, double)}, then {@link #build()}; query with {@link #signedDistanceM(double, double)} and
 * {@link #clip(double, double, double)}. Garbage-free: arrays are allocated in the constructor.
 * <p>
 * Instances are NOT threadsafe.
 */
public final class AnchorHull
{
    private final int capacity;
    private final double[] px;
    private final double[] py;
    private final int[] order;
    private final int[] hull;
    private final double[] edgeX;
    private final double[] edgeY;
    private final double[] inverseEdgeSquared;
    private final double[] normalX;
    private final double[] normalY;
    private final double[] offset;
    private int count;
    private int vertices;
    private double clippedXM = Double.NaN;
    private double clippedYM = Double.NaN;

    /**
     * @param capacity most anchors (&gt;= 3).
     */
    public AnchorHull(final int capacity)
    {
        if (capacity < 3)
        {
            throw new IllegalArgumentException("capacity must be >= 3: " + capacity);
        }
        this.capacity = capacity;
        px = new double[capacity];
        py = new double[capacity];
        order = new int[capacity];
        hull = new int[2 * capacity + 1];
        edgeX = new double[2 * capacity];
        edgeY = new double[2 * capacity];
        inverseEdgeSquared = new double[2 * capacity];
        normalX = new double[2 * capacity];
        normalY = new double[2 * capacity];
        offset = new double[2 * capacity];
    }

    /** Forget all anchors. */
    public void reset()
    {
        count = 0;
        vertices = 0;
    }

    /**
     * @param xM anchor x in metres.
     * @param yM anchor y in metres.
     * @return false if full or the point is not finite (the point is then ignored).
     */
    public boolean add(final double xM, final double yM)
    {
        if (count == capacity || !Double.isFinite(xM) || !Double.isFinite(yM))
        {
            return false;
        }
        px[count] = xM;
        py[count] = yM;
        count++;
        return true;
    }

    /**
     * Build the hull (Andrew's monotone chain, counter-clockwise, collinear points dropped).
     *
     * @return number of hull vertices; fewer than 3 means the anchors span no area and queries return NaN.
     */
    public int build()
    {
        final int n = count;
        final int[] order = this.order;
        final double[] px = this.px;
        final double[] py = this.py;
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        for (int i = 1; i < n; i++) // insertion sort by (x, y): n <= capacity, tiny
        {
            final int v = order[i];
            int j = i - 1;
            while (j >= 0 && (px[order[j]] > px[v] || (px[order[j]] == px[v] && py[order[j]] > py[v])))
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
        final int[] hull = this.hull;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            final int p = order[i];
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0)
            {
                k--;
            }
            hull[k++] = p;
        }
        final int lower = k + 1;
        for (int i = n - 2; i >= 0; i--)
        {
            final int p = order[i];
            while (k >= lower && cross(hull[k - 2], hull[k - 1], p) <= 0)
            {
                k--;
            }
            hull[k++] = p;
        }
        vertices = n < 3 ? 0 : k - 1; // last point repeats the first
        if (vertices < 3)
        {
            vertices = 0;
        }
        for (int e = 0; e < vertices; e++)
        {
            final double ex = px[hull[e + 1]] - px[hull[e]];
            final double ey = py[hull[e + 1]] - py[hull[e]];
            edgeX[e] = ex;
            edgeY[e] = ey;
            inverseEdgeSquared[e] = 1.0 / (ex * ex + ey * ey);
            // inward unit normal of a counter-clockwise edge: distance to its line = nx x + ny y + offset
            final double inverseLength = 1.0 / Math.sqrt(ex * ex + ey * ey);
            final double nx = -ey * inverseLength;
            final double ny = ex * inverseLength;
            normalX[e] = nx;
            normalY[e] = ny;
            offset[e] = -(nx * px[hull[e]] + ny * py[hull[e]]);
        }
        return vertices;
    }

    /** @return hull vertices after {@link #build()}. */
    public int vertexCount()
    {
        return vertices;
    }

    /**
     * @param xM point x in metres.
     * @param yM point y in metres.
     * @return distance to the hull boundary in metres, negative inside, positive outside; NaN if no hull.
     */
    public double signedDistanceM(final double xM, final double yM)
    {
        final int v = vertices;
        if (v < 3)
        {
            return Double.NaN;
        }
        // inside a convex polygon the nearest boundary point is the foot of a perpendicular on an edge, so the
        // distance is the smallest distance to an edge's line (positive on the inner side of a counter-clockwise edge)
        final double[] normalX = this.normalX;
        final double[] normalY = this.normalY;
        final double[] offset = this.offset;
        double nearest = Double.POSITIVE_INFINITY;
        for (int e = 0; e < v; e++)
        {
            final double lineDistance = normalX[e] * xM + normalY[e] * yM + offset[e];
            if (lineDistance < nearest)
            {
                nearest = lineDistance;
            }
        }
        if (nearest >= 0.0)
        {
            return -nearest;
        }
        return Math.sqrt(outsideDistanceSquared(xM, yM));
    }

    /** Squared distance to the nearest point of the boundary (any point; used for points outside). */
    private double outsideDistanceSquared(final double xM, final double yM)
    {
        final int v = vertices;
        final int[] hull = this.hull;
        final double[] px = this.px;
        final double[] py = this.py;
        final double[] edgeX = this.edgeX;
        final double[] edgeY = this.edgeY;
        final double[] inverseEdgeSquared = this.inverseEdgeSquared;
        double best = Double.POSITIVE_INFINITY;
        for (int e = 0; e < v; e++)
        {
            final int a = hull[e];
            final double ex = edgeX[e];
            final double ey = edgeY[e];
            final double qx = xM - px[a];
            final double qy = yM - py[a];
            final double t = Math.max(0.0, Math.min(1.0, (qx * ex + qy * ey) * inverseEdgeSquared[e]));
            final double dx = qx - t * ex;
            final double dy = qy - t * ey;
            best = Math.min(best, dx * dx + dy * dy);
        }
        return best;
    }

    /**
     * Clip a point to the hull grown by {@code toleranceM} (the nearest point of that rounded region); read the
     * result from {@link #clippedXM()} / {@link #clippedYM()}.
     *
     * @param xM         point x in metres.
     * @param yM         point y in metres.
     * @param toleranceM how far outside the hull a point may lie, &gt;= 0.
     * @return true if the point was moved.
     */
    public boolean clip(final double xM, final double yM, final double toleranceM)
    {
        clippedXM = xM;
        clippedYM = yM;
        final int v = vertices;
        if (v < 3)
        {
            return false;
        }
        double best = Double.POSITIVE_INFINITY;
        double nx = xM;
        double ny = yM;
        boolean inside = true;
        for (int e = 0; e < v; e++)
        {
            final int a = hull[e];
            final int b = hull[e + 1];
            final double ex = px[b] - px[a];
            final double ey = py[b] - py[a];
            final double qx = xM - px[a];
            final double qy = yM - py[a];
            if (ex * qy - ey * qx < 0)
            {
                inside = false;
            }
            final double t = Math.max(0.0, Math.min(1.0, (qx * ex + qy * ey) / (ex * ex + ey * ey)));
            final double dx = qx - t * ex;
            final double dy = qy - t * ey;
            final double d2 = dx * dx + dy * dy;
            if (d2 < best)
            {
                best = d2;
                nx = px[a] + t * ex;
                ny = py[a] + t * ey;
            }
        }
        final double d = Math.sqrt(best);
        if (inside || d <= toleranceM)
        {
            return false;
        }
        clippedXM = nx + (xM - nx) * (toleranceM / d);
        clippedYM = ny + (yM - ny) * (toleranceM / d);
        return true;
    }

    /** @return x in metres after the last {@link #clip(double, double, double)}. */
    public double clippedXM()
    {
        return clippedXM;
    }

    /** @return y in metres after the last {@link #clip(double, double, double)}. */
    public double clippedYM()
    {
        return clippedYM;
    }

    /**
     * Check a valid fix against this (built) hull: sets {@link Fix#hullDistanceM()}, flags it outside when beyond
     * the tolerance, and clips x/y if asked.
     */
    void applyTo(final Fix fix, final double toleranceM, final boolean clip)
    {
        assert fix.status == SolveStatus.OK : fix.status;
        final double d = signedDistanceM(fix.xM, fix.yM);
        fix.hullDistanceM = d;
        if (d > toleranceM)
        {
            fix.outsideHull = true;
            if (clip && clip(fix.xM, fix.yM, toleranceM))
            {
                fix.xM = clippedXM;
                fix.yM = clippedYM;
                fix.clipped = true;
            }
        }
    }

    private double cross(final int o, final int a, final int b)
    {
        return (px[a] - px[o]) * (py[b] - py[o]) - (py[a] - py[o]) * (px[b] - px[o]);
    }
}
