package dev.inventory.rtls.solve;

/**
 * The measurements of one fix and their anchors, shared by {@link TwrSolver} and {@link TdoaSolver}: storage,
 * validation (finite anchors, values in range, duplicate anchors merged or rejected, enough anchors, anchors not
 * collinear / coplanar) and the anchor hull check.
 * <p>
 * What depends on the anchors alone (no duplicate pair, the spread and scatter of the anchors, the hull) is kept while
 * the following fixes add the same anchors (id and position), as fixes of a site mostly do, in the same order (checked
 * as they are added) or another (matched at validation); the squared height differences per slot are kept while the
 * order and the tag height repeat.
 * <p>
 * Garbage-free: arrays are allocated in the constructor. Instances are NOT threadsafe.
 */
final class AnchorSet
{
    /** Same position when closer than 1 mm. */
    private static final double SAME_POSITION_SQUARED_M2 = 1e-6;

    final int capacity;
    final int[] ids;
    final double[] ax;
    final double[] ay;
    final double[] az;
    /** Distance (TWR) or pseudo-range (TDoA) in metres; merged duplicates are averaged in place. */
    final double[] valueM;
    /** Usable after {@link #validate}: false for merged duplicates, and for what a solver excludes. */
    final boolean[] active;
    int count;
    /** Active entries after {@link #validate}. */
    int activeCount;
    /** Centroid and scatter (sum of outer products of the offsets) of the active anchors, after scatter(). */
    double centroidX;
    double centroidY;
    double centroidZ;
    double scatterXX;
    double scatterXY;
    double scatterXZ;
    double scatterYY;
    double scatterYZ;
    double scatterZZ;
    /** Bit i set for each entry {@link #validate} left active. */
    long validatedMask;
    private boolean overflow;
    // non-zero once an add() wrote an anchor (id or position bits) different from the one in its slot
    private long changed = -1;
    // the anchors the cache was computed for, in their order then
    private final int[] cachedIds;
    private final double[] cachedX;
    private final double[] cachedY;
    private final double[] cachedZ;

    private final AnchorHull hull;
    private final double[] heightSquaredM2;
    private double heightSquaredForM = Double.NaN;
    private int cachedCount = -1;
    private double spreadSquared2dM2 = Double.NaN;
    private double spreadSquared3dM2 = Double.NaN;
    private boolean hullBuilt;
    private boolean scatterCached;

    AnchorSet(final int capacity)
    {
        this.capacity = capacity;
        ids = new int[capacity];
        ax = new double[capacity];
        ay = new double[capacity];
        az = new double[capacity];
        valueM = new double[capacity];
        active = new boolean[capacity];
        hull = new AnchorHull(capacity);
        heightSquaredM2 = new double[capacity];
        cachedIds = new int[capacity];
        cachedX = new double[capacity];
        cachedY = new double[capacity];
        cachedZ = new double[capacity];
    }

    void begin()
    {
        count = 0;
        overflow = false;
    }

    boolean add(final int anchorId, final double xM, final double yM, final double zM, final double value)
    {
        final int i = count;
        if (i == capacity)
        {
            overflow = true;
            return false;
        }
        changed |= (ids[i] ^ anchorId) |
            (Double.doubleToRawLongBits(ax[i]) ^ Double.doubleToRawLongBits(xM)) |
            (Double.doubleToRawLongBits(ay[i]) ^ Double.doubleToRawLongBits(yM)) |
            (Double.doubleToRawLongBits(az[i]) ^ Double.doubleToRawLongBits(zM));
        ids[i] = anchorId;
        ax[i] = xM;
        ay[i] = yM;
        az[i] = zM;
        valueM[i] = value;
        count = i + 1;
        return true;
    }

    /**
     * Validate the current fix and mark its usable entries {@link #active}; merged duplicates get their bit in
     * {@link Fix#excludedMask()}.
     *
     * @param dims                2 (horizontal spread) or 3.
     * @param minActive           fewest usable entries.
     * @param minValueM           smallest valid value.
     * @param maxValueM           largest valid value.
     * @param duplicateToleranceM values of one anchor further apart than this conflict.
     * @param minSpreadSquaredM2  smallest variance of the anchors across their weakest direction.
     * @param fix                 receives the merged duplicates.
     * @return {@link SolveStatus#OK} or the reason to reject.
     */
    int validate(
        final int dims,
        final int minActive,
        final double minValueM,
        final double maxValueM,
        final double duplicateToleranceM,
        final double minSpreadSquaredM2,
        final Fix fix)
    {
        if (overflow)
        {
            return SolveStatus.TOO_MANY_RANGES;
        }
        final int n = count;
        final double[] valueM = this.valueM;
        final boolean[] active = this.active;
        if (n == cachedCount && (changed == 0 || permutationOfCached(n)))
        {
            boolean ok = true;
            for (int i = 0; i < n; i++)
            {
                final double v = valueM[i];
                ok &= v >= minValueM & v <= maxValueM;
                active[i] = true;
            }
            if (!ok)
            {
                return SolveStatus.BAD_DISTANCE;
            }
            activeCount = n;
            validatedMask = n == 64 ? -1L : (1L << n) - 1;
        }
        else
        {
            final int status = validateAnchors(minValueM, maxValueM, duplicateToleranceM, fix);
            if (status != SolveStatus.OK)
            {
                return status;
            }
        }
        if (activeCount < minActive)
        {
            return SolveStatus.UNDER_DETERMINED;
        }
        if (spreadSquared(dims) < minSpreadSquaredM2)
        {
            return SolveStatus.DEGENERATE_GEOMETRY;
        }
        return SolveStatus.OK;
    }

    /**
     * The anchors were added in another order than last time: are they the cached ones permuted (same ids, the same
     * position bits, each cached anchor once)? What the cache holds depends on the set alone, except the squared
     * height differences per slot, recomputed.
     */
    private boolean permutationOfCached(final int n)
    {
        final int[] ids = this.ids;
        final int[] cachedIds = this.cachedIds;
        long used = 0;
        for (int i = 0; i < n; i++)
        {
            final int id = ids[i];
            int slot = -1;
            for (int k = 0; k < n; k++)
            {
                if (cachedIds[k] == id && (used & (1L << k)) == 0)
                {
                    slot = k;
                    break;
                }
            }
            if (slot < 0 ||
                Double.doubleToRawLongBits(ax[i]) != Double.doubleToRawLongBits(cachedX[slot]) ||
                Double.doubleToRawLongBits(ay[i]) != Double.doubleToRawLongBits(cachedY[slot]) ||
                Double.doubleToRawLongBits(az[i]) != Double.doubleToRawLongBits(cachedZ[slot]))
            {
                return false;
            }
            used |= 1L << slot;
        }
        changed = 0;
        heightSquaredForM = Double.NaN;
        return true;
    }

    /** Anchors not seen before: check them, merge duplicates, and cache what depends on them alone. */
    private int validateAnchors(
        final double minValueM, final double maxValueM, final double duplicateToleranceM, final Fix fix)
    {
        final int n = count;
        changed = 0;
        cachedCount = -1;
        spreadSquared2dM2 = Double.NaN;
        spreadSquared3dM2 = Double.NaN;
        hullBuilt = false;
        scatterCached = false;
        heightSquaredForM = Double.NaN;
        final double[] ax = this.ax;
        final double[] ay = this.ay;
        final double[] az = this.az;
        final double[] valueM = this.valueM;
        final boolean[] active = this.active;
        for (int i = 0; i < n; i++)
        {
            if (!Double.isFinite(ax[i]) || !Double.isFinite(ay[i]) || !Double.isFinite(az[i]))
            {
                return SolveStatus.BAD_ANCHOR;
            }
            final double v = valueM[i];
            if (!(v >= minValueM && v <= maxValueM))
            {
                return SolveStatus.BAD_DISTANCE;
            }
            active[i] = true;
        }
        final int m = mergeDuplicates(duplicateToleranceM, fix);
        if (m < 0)
        {
            return SolveStatus.CONFLICTING_DUPLICATE;
        }
        if (m == n)
        {
            cachedCount = n; // distinct anchors: what follows depends on them alone
            System.arraycopy(ids, 0, cachedIds, 0, n);
            System.arraycopy(ax, 0, cachedX, 0, n);
            System.arraycopy(ay, 0, cachedY, 0, n);
            System.arraycopy(az, 0, cachedZ, 0, n);
        }
        activeCount = m;
        validatedMask = activeMask();
        return SolveStatus.OK;
    }

    /**
     * @param heightM a tag height (finite).
     * @return (heightM - z_i)^2 for every entry; reused while the anchors and the height repeat.
     */
    double[] heightSquared(final double heightM)
    {
        final double[] heightSquaredM2 = this.heightSquaredM2;
        if (heightM != heightSquaredForM)
        {
            final double[] az = this.az;
            for (int i = 0, n = count; i < n; i++)
            {
                final double dz = heightM - az[i];
                heightSquaredM2[i] = dz * dz;
            }
            heightSquaredForM = cachedCount == count ? heightM : Double.NaN;
        }
        return heightSquaredM2;
    }

    /** @return bit i set for each active entry. */
    long activeMask()
    {
        long mask = 0;
        for (int i = 0; i < count; i++)
        {
            if (active[i])
            {
                mask |= 1L << i;
            }
        }
        return mask;
    }

    /**
     * Flag (and optionally clip) a valid fix outside the horizontal hull of all anchors of the fix.
     *
     * @param fix        a valid fix.
     * @param toleranceM how far outside the hull is still fine.
     * @param clip       move a flagged fix onto the hull grown by the tolerance.
     */
    void applyHull(final Fix fix, final double toleranceM, final boolean clip)
    {
        final AnchorHull hull = this.hull;
        if (!hullBuilt)
        {
            hull.reset();
            for (int i = 0; i < count; i++)
            {
                hull.add(ax[i], ay[i]);
            }
            hull.build();
            hullBuilt = cachedCount == count;
        }
        hull.applyTo(fix, toleranceM, clip);
    }

    /** @return active entries left, or -1 on a conflicting duplicate. */
    private int mergeDuplicates(final double toleranceM, final Fix fix)
    {
        final int n = count;
        final int[] ids = this.ids;
        final double[] ax = this.ax;
        final double[] ay = this.ay;
        final double[] az = this.az;
        final double[] valueM = this.valueM;
        final boolean[] active = this.active;
        int m = n;
        for (int i = 0; i < n; i++)
        {
            if (!active[i])
            {
                continue;
            }
            for (int j = i + 1; j < n; j++)
            {
                if (!active[j])
                {
                    continue;
                }
                final double dx = ax[i] - ax[j];
                final double dy = ay[i] - ay[j];
                final double dz = az[i] - az[j];
                if (ids[i] == ids[j] || dx * dx + dy * dy + dz * dz < SAME_POSITION_SQUARED_M2)
                {
                    if (Math.abs(valueM[i] - valueM[j]) > toleranceM)
                    {
                        return -1;
                    }
                    valueM[i] = 0.5 * (valueM[i] + valueM[j]);
                    active[j] = false;
                    fix.excludedMask |= 1L << j;
                    m--;
                }
            }
        }
        return m;
    }

    private double spreadSquared(final int dims)
    {
        double spread = dims == 2 ? spreadSquared2dM2 : spreadSquared3dM2;
        if (spread != spread) // NaN: not computed for these anchors yet
        {
            spread = computeSpreadSquared(dims);
            if (cachedCount == count)
            {
                if (dims == 2)
                {
                    spreadSquared2dM2 = spread;
                }
                else
                {
                    spreadSquared3dM2 = spread;
                }
            }
        }
        return spread;
    }

    /** Smallest eigenvalue of the validated anchors' scatter matrix over their number: variance across the weakest axis. */
    private double computeSpreadSquared(final int dims)
    {
        scatter(true);
        final double minEigen = dims == 2 ?
            SmallMatrix.minEigen2(scatterXX, scatterXY, scatterYY) :
            SmallMatrix.minEigen3(scatterXX, scatterXY, scatterXZ, scatterYY, scatterYZ, scatterZZ);
        return minEigen / activeCount;
    }

    /**
     * Centroid and scatter of the active anchors into the fields.
     *
     * @param validated the active entries are those {@link #validate} left: reuse them while the anchors repeat.
     */
    void scatter(final boolean validated)
    {
        if (validated && scatterCached)
        {
            return;
        }
        final int n = count;
        final double[] ax = this.ax;
        final double[] ay = this.ay;
        final double[] az = this.az;
        final boolean[] active = this.active;
        double cx = 0;
        double cy = 0;
        double cz = 0;
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (active[i])
            {
                cx += ax[i];
                cy += ay[i];
                cz += az[i];
                m++;
            }
        }
        cx /= m;
        cy /= m;
        cz /= m;
        double sxx = 0;
        double sxy = 0;
        double sxz = 0;
        double syy = 0;
        double syz = 0;
        double szz = 0;
        for (int i = 0; i < n; i++)
        {
            if (active[i])
            {
                final double dx = ax[i] - cx;
                final double dy = ay[i] - cy;
                final double dz = az[i] - cz;
                sxx += dx * dx;
                sxy += dx * dy;
                sxz += dx * dz;
                syy += dy * dy;
                syz += dy * dz;
                szz += dz * dz;
            }
        }
        centroidX = cx;
        centroidY = cy;
        centroidZ = cz;
        scatterXX = sxx;
        scatterXY = sxy;
        scatterXZ = sxz;
        scatterYY = syy;
        scatterYZ = syz;
        scatterZZ = szz;
        scatterCached = validated && cachedCount == n;
    }
}
