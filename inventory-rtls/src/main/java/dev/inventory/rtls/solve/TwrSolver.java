package dev.inventory.rtls.solve;

/**
 * Two-way-ranging (TWR) position solver, 2.5D (known tag height) and 3D, for 3 to {@link Config#capacity()}
 * anchors. Feed one fix with {@link #begin()} and {@link #add(int, double, double, double, double)}, then call
 * {@link #solve2d(double, Fix)} or {@link #solve3d(Fix)}.
 * <ol>
 * <li>Validation: NaN / negative / beyond-range distances, non-finite anchors, conflicting duplicate anchors (same id
 * or position, distances apart by more than {@link Config#duplicateToleranceM(double)}; agreeing duplicates are
 * averaged), too few ranges, collinear (2.5D) or coplanar (3D) anchors are rejected with a {@link SolveStatus}.</li>
 * <li>Start: linear least squares on range-squared differences against the nearest anchor (shortest range).</li>
 * <li>Refinement: Gauss-Newton on range residuals with Huber IRLS weights, Levenberg-Marquardt damping when a step
 * does not lower the robust cost.</li>
 * <li>Exclusion: with at least unknowns + 2 ranges, the range with the largest studentized residual
 * (residual / (sigma sqrt(1 - leverage)), the closed form of a leave-one-out test) is dropped if it exceeds
 * {@link Config#exclusionGateSigmas(double)} and is still inconsistent with the refit; greedy backward elimination
 * of up to two ranges with 6+ anchors, one with fewer.</li>
 * <li>Quality: residual RMS of the kept ranges and GDOP; fixes above {@link Config#maxResidualRmsM(double)} or
 * {@link Config#maxGdop(double)} are rejected.</li>
 * <li>Hull: a valid fix farther than {@link Config#hullToleranceM(double)} outside the horizontal convex hull of its
 * anchors is flagged ({@link Fix#isOutsideHull()}) and, with {@link Config#clipToHull(boolean)}, clipped.</li>
 * </ol>
 * Garbage-free: all work arrays are allocated in the constructor.
 * <p>
 * Instances are NOT threadsafe: one solver per thread.
 */
public final class TwrSolver
{
    /**
     * Solver settings, validated by {@link #conclude()}. Instances are NOT threadsafe.
     */
    public static final class Config
    {
        private int capacity = 16;
        private double rangeSigmaM = 0.10;
        private double huberK = 1.5;
        private double exclusionGateSigmas = 3.0;
        private int maxExclusions = 2;
        private double maxRangeM = 500.0;
        private double duplicateToleranceM = 0.5;
        private double maxResidualRmsM = 1.0;
        private double maxGdop = 20.0;
        private double minAnchorSpreadM = 0.25;
        private int maxIterations = 30;
        private double convergenceM = 5e-4;
        private double subsetTriggerSigmas = 2.5;
        private double hullToleranceM = 1.0;
        private boolean clipToHull;

        /**
         * @param hullToleranceM how far (metres, horizontal) a fix may lie outside the convex hull of its anchors
         *                       before it is flagged {@link Fix#isOutsideHull()} (default 1.0; +infinity: no check).
         * @return this.
         */
        public Config hullToleranceM(final double hullToleranceM)
        {
            this.hullToleranceM = hullToleranceM;
            return this;
        }

        /**
         * @param clipToHull if true, a fix flagged outside the hull is moved onto the hull grown by the tolerance
         *                   (default false: flag only).
         * @return this.
         */
        public Config clipToHull(final boolean clipToHull)
        {
            this.clipToHull = clipToHull;
            return this;
        }

        /**
         * @param capacity most ranges per fix (default 16, at most 64).
         * @return this.
         */
        public Config capacity(final int capacity)
        {
            this.capacity = capacity;
            return this;
        }

        /** @return most ranges per fix. */
        public int capacity()
        {
            return capacity;
        }

        /**
         * @param rangeSigmaM standard deviation of line-of-sight ranging noise in metres (default 0.10).
         * @return this.
         */
        public Config rangeSigmaM(final double rangeSigmaM)
        {
            this.rangeSigmaM = rangeSigmaM;
            return this;
        }

        /** @return ranging sigma in metres. */
        public double rangeSigmaM()
        {
            return rangeSigmaM;
        }

        /**
         * @param huberK Huber threshold in sigmas (default 1.5).
         * @return this.
         */
        public Config huberK(final double huberK)
        {
            this.huberK = huberK;
            return this;
        }

        /**
         * @param exclusionGateSigmas studentized residual above which a range is excluded (default 3.0).
         * @return this.
         */
        public Config exclusionGateSigmas(final double exclusionGateSigmas)
        {
            this.exclusionGateSigmas = exclusionGateSigmas;
            return this;
        }

        /**
         * @param maxExclusions most ranges excluded per fix (default 2; 1 is used below 6 anchors; 0 disables).
         * @return this.
         */
        public Config maxExclusions(final int maxExclusions)
        {
            this.maxExclusions = maxExclusions;
            return this;
        }

        /**
         * @param maxRangeM distances above this are absurd (default 500 m).
         * @return this.
         */
        public Config maxRangeM(final double maxRangeM)
        {
            this.maxRangeM = maxRangeM;
            return this;
        }

        /**
         * @param duplicateToleranceM two ranges to one anchor further apart than this conflict (default 0.5 m).
         * @return this.
         */
        public Config duplicateToleranceM(final double duplicateToleranceM)
        {
            this.duplicateToleranceM = duplicateToleranceM;
            return this;
        }

        /**
         * @param maxResidualRmsM fixes with a larger residual RMS are rejected (default 1.0 m).
         * @return this.
         */
        public Config maxResidualRmsM(final double maxResidualRmsM)
        {
            this.maxResidualRmsM = maxResidualRmsM;
            return this;
        }

        /**
         * @param maxGdop fixes with a larger GDOP are rejected as degenerate (default 20).
         * @return this.
         */
        public Config maxGdop(final double maxGdop)
        {
            this.maxGdop = maxGdop;
            return this;
        }

        /**
         * @param minAnchorSpreadM smallest standard deviation of the anchors across their weakest direction
         *                         (horizontal for 2.5D, 3D for 3D) below which they count as collinear / coplanar
         *                         (default 0.25 m).
         * @return this.
         */
        public Config minAnchorSpreadM(final double minAnchorSpreadM)
        {
            this.minAnchorSpreadM = minAnchorSpreadM;
            return this;
        }

        /**
         * @param subsetTriggerSigmas residual RMS (in sigmas) of the ranges kept by the greedy exclusion above which
         *                            an exhaustive leave-one/two-out subset search runs (default 2.5).
         * @return this.
         */
        public Config subsetTriggerSigmas(final double subsetTriggerSigmas)
        {
            this.subsetTriggerSigmas = subsetTriggerSigmas;
            return this;
        }

        /**
         * @param convergenceM a refit stops when a step is shorter than this (default 5e-4 m, well below ranging noise).
         * @return this.
         */
        public Config convergenceM(final double convergenceM)
        {
            this.convergenceM = convergenceM;
            return this;
        }

        /**
         * @param maxIterations Gauss-Newton iterations per refit (default 30).
         * @return this.
         */
        public Config maxIterations(final int maxIterations)
        {
            this.maxIterations = maxIterations;
            return this;
        }

        /**
         * Validate.
         *
         * @return this.
         * @throws IllegalArgumentException naming the bad field.
         */
        public Config conclude()
        {
            require(capacity >= 3 && capacity <= 64, "capacity", capacity);
            require(rangeSigmaM > 0 && Double.isFinite(rangeSigmaM), "rangeSigmaM", rangeSigmaM);
            require(huberK > 0, "huberK", huberK);
            require(exclusionGateSigmas > 0, "exclusionGateSigmas", exclusionGateSigmas);
            require(maxExclusions >= 0, "maxExclusions", maxExclusions);
            require(maxRangeM > 0, "maxRangeM", maxRangeM);
            require(duplicateToleranceM >= 0, "duplicateToleranceM", duplicateToleranceM);
            require(maxResidualRmsM > 0, "maxResidualRmsM", maxResidualRmsM);
            require(maxGdop > 0, "maxGdop", maxGdop);
            require(minAnchorSpreadM >= 0, "minAnchorSpreadM", minAnchorSpreadM);
            require(maxIterations >= 1, "maxIterations", maxIterations);
            require(convergenceM > 0, "convergenceM", convergenceM);
            require(subsetTriggerSigmas > 0, "subsetTriggerSigmas", subsetTriggerSigmas);
            require(hullToleranceM >= 0, "hullToleranceM", hullToleranceM);
            return this;
        }

        static void require(final boolean ok, final String field, final double value)
        {
            if (!ok)
            {
                throw new IllegalArgumentException("invalid " + field + ": " + value);
            }
        }
    }

    private final int capacity;
    private final double sigmaM;
    private final double huberM;
    private final double gateSigmas;
    private final int maxExclusions;
    private final double maxRangeM;
    private final double duplicateToleranceM;
    private final double maxResidualRmsM;
    private final double maxGdop;
    private final double minSpreadSquaredM2;
    private final int maxIterations;
    private final double convergenceM;
    private final double subsetTriggerM;
    private final double hullToleranceM;
    private final boolean clipToHull;
    private final AnchorHull hull;

    private final int[] ids;
    private final double[] ax;
    private final double[] ay;
    private final double[] az;
    private final double[] rangeM;
    private final boolean[] active;
    private final double[] residual;
    private final double[] ux;
    private final double[] uy;
    private final double[] uz;
    private final double[] normal = new double[16];
    private final double[] rhs = new double[4];
    private final double[] vector = new double[4];
    private final double[] scratch = new double[4];

    private int count;
    private boolean overflow;
    private int dims;
    private double heightM;
    private double px;
    private double py;
    private double pz;
    private int iterations;
    private long usableMask;

    /** A solver with default settings. */
    public TwrSolver()
    {
        this(new Config());
    }

    /**
     * @param config settings, validated here.
     */
    public TwrSolver(final Config config)
    {
        config.conclude();
        capacity = config.capacity;
        sigmaM = config.rangeSigmaM;
        huberM = config.huberK * config.rangeSigmaM;
        gateSigmas = config.exclusionGateSigmas;
        maxExclusions = config.maxExclusions;
        maxRangeM = config.maxRangeM;
        duplicateToleranceM = config.duplicateToleranceM;
        maxResidualRmsM = config.maxResidualRmsM;
        maxGdop = config.maxGdop;
        minSpreadSquaredM2 = config.minAnchorSpreadM * config.minAnchorSpreadM;
        maxIterations = config.maxIterations;
        convergenceM = config.convergenceM;
        subsetTriggerM = config.subsetTriggerSigmas * config.rangeSigmaM;
        hullToleranceM = config.hullToleranceM;
        clipToHull = config.clipToHull;
        hull = new AnchorHull(capacity);
        ids = new int[capacity];
        ax = new double[capacity];
        ay = new double[capacity];
        az = new double[capacity];
        rangeM = new double[capacity];
        active = new boolean[capacity];
        residual = new double[capacity];
        ux = new double[capacity];
        uy = new double[capacity];
        uz = new double[capacity];
    }

    /** Start a new fix: forget the ranges added so far. */
    public void begin()
    {
        count = 0;
        overflow = false;
    }

    /**
     * Add a range of the current fix.
     *
     * @param anchorId  anchor id (used to detect duplicates).
     * @param xM        anchor x in metres.
     * @param yM        anchor y in metres.
     * @param zM        anchor z in metres.
     * @param distanceM measured distance in metres (validated at solve time).
     * @return false if the solver is full; the fix will then be rejected with {@link SolveStatus#TOO_MANY_RANGES}.
     */
    public boolean add(final int anchorId, final double xM, final double yM, final double zM, final double distanceM)
    {
        final int i = count;
        if (i == capacity)
        {
            overflow = true;
            return false;
        }
        ids[i] = anchorId;
        ax[i] = xM;
        ay[i] = yM;
        az[i] = zM;
        rangeM[i] = distanceM;
        count = i + 1;
        return true;
    }

    /** @return ranges added to the current fix. */
    public int count()
    {
        return count;
    }

    /** @return most ranges per fix. */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Solve the current fix in 2.5D: x and y free, z fixed at the tag's known height.
     *
     * @param heightM tag height in metres (finite).
     * @param fix     receives the result.
     * @return the {@link SolveStatus} code, also in {@link Fix#status()}.
     */
    public int solve2d(final double heightM, final Fix fix)
    {
        if (!Double.isFinite(heightM))
        {
            throw new IllegalArgumentException("heightM must be finite");
        }
        return solve(2, heightM, fix);
    }

    /**
     * Solve the current fix in 3D. Needs anchors that span the height: anchors all near one plane are rejected
     * as {@link SolveStatus#DEGENERATE_GEOMETRY} (mirror solutions).
     *
     * @param fix receives the result.
     * @return the {@link SolveStatus} code, also in {@link Fix#status()}.
     */
    public int solve3d(final Fix fix)
    {
        return solve(3, 0.0, fix);
    }

    private int solve(final int dims, final double heightM, final Fix fix)
    {
        this.dims = dims;
        this.heightM = heightM;
        iterations = 0;
        fix.excludedMask = 0;
        fix.iterations = 0;
        fix.clockBiasM = Double.NaN;
        fix.clearHull();
        final int status = solveInternal(fix);
        fix.iterations = iterations;
        if (status != SolveStatus.OK)
        {
            fix.reject(status);
        }
        else if (hullToleranceM != Double.POSITIVE_INFINITY)
        {
            checkHull(fix);
        }
        return status;
    }

    private void checkHull(final Fix fix)
    {
        final AnchorHull hull = this.hull;
        hull.reset();
        for (int i = 0; i < count; i++)
        {
            hull.add(ax[i], ay[i]);
        }
        hull.build();
        hull.applyTo(fix, hullToleranceM, clipToHull);
    }

    private int solveInternal(final Fix fix)
    {
        if (overflow)
        {
            return SolveStatus.TOO_MANY_RANGES;
        }
        final int n = count;
        final double[] ax = this.ax;
        final double[] ay = this.ay;
        final double[] az = this.az;
        final double[] rangeM = this.rangeM;
        final boolean[] active = this.active;
        for (int i = 0; i < n; i++)
        {
            if (!Double.isFinite(ax[i]) || !Double.isFinite(ay[i]) || !Double.isFinite(az[i]))
            {
                return SolveStatus.BAD_ANCHOR;
            }
            final double d = rangeM[i];
            if (!(d >= 0.0 && d <= maxRangeM))
            {
                return SolveStatus.BAD_DISTANCE;
            }
            active[i] = true;
        }
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
                if (ids[i] == ids[j] || dx * dx + dy * dy + dz * dz < 1e-6)
                {
                    if (Math.abs(rangeM[i] - rangeM[j]) > duplicateToleranceM)
                    {
                        return SolveStatus.CONFLICTING_DUPLICATE;
                    }
                    rangeM[i] = 0.5 * (rangeM[i] + rangeM[j]);
                    active[j] = false;
                    fix.excludedMask |= 1L << j;
                    m--;
                }
            }
        }
        if (m < dims + 1)
        {
            return SolveStatus.UNDER_DETERMINED;
        }
        usableMask = activeMask();
        if (anchorSpreadSquared() < minSpreadSquaredM2)
        {
            return SolveStatus.DEGENERATE_GEOMETRY;
        }
        if (!linearStart())
        {
            return SolveStatus.DEGENERATE_GEOMETRY;
        }
        if (!refine())
        {
            return SolveStatus.NO_CONVERGENCE;
        }

        if (m >= dims + 2)
        {
            final int allowed = Math.min(maxExclusions, m >= 6 ? 2 : 1);
            for (int e = 0; e < allowed && m >= dims + 2; e++)
            {
                final int worst = worstStudentized();
                if (worst < 0)
                {
                    break;
                }
                final double savedX = px;
                final double savedY = py;
                final double savedZ = pz;
                active[worst] = false;
                if (refine() && Math.abs(residualAt(worst)) > gateSigmas * sigmaM)
                {
                    fix.excludedMask |= 1L << worst;
                    m--;
                }
                else
                {
                    active[worst] = true;
                    px = savedX;
                    py = savedY;
                    pz = savedZ;
                    evaluate(px, py, pz);
                    break;
                }
            }
        }

        if (maxExclusions > 0 && Long.bitCount(usableMask) >= dims + 3 && keptRms(m) > subsetTriggerM)
        {
            m = bestSubset(fix);
        }

        // quality: unweighted residual RMS and GDOP of the kept ranges (residuals/unit vectors are current)
        final double[] normal = this.normal;
        final int d = dims;
        clear(normal, d);
        double sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            if (active[i])
            {
                final double r = residual[i];
                sumSquares += r * r;
                accumulate(normal, d, ux[i], uy[i], uz[i], 1.0);
            }
        }
        if (!SmallMatrix.cholesky(normal, d))
        {
            return SolveStatus.DEGENERATE_GEOMETRY;
        }
        final double gdop = Math.sqrt(SmallMatrix.inverseTrace(normal, d, d, scratch));
        final double rms = Math.sqrt(sumSquares / m);
        fix.gdop = gdop;
        fix.residualRmsM = rms;
        fix.rangesUsed = m;
        if (!(gdop <= maxGdop))
        {
            return SolveStatus.DEGENERATE_GEOMETRY;
        }
        if (!(rms <= maxResidualRmsM))
        {
            return SolveStatus.INCONSISTENT_RANGES;
        }
        fix.status = SolveStatus.OK;
        fix.xM = px;
        fix.yM = py;
        fix.zM = pz;
        return SolveStatus.OK;
    }

    private double keptRms(final int m)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            if (active[i])
            {
                sum += residual[i] * residual[i];
            }
        }
        return Math.sqrt(sum / m);
    }

    /**
     * Cauchy score over every usable range, kept or not: sum of log(1 + (r / gate)^2). Bounded growth, so excluded
     * outliers cost little, but unlike a hard cap it still prefers the subset whose leftovers are smaller.
     */
    private double subsetScore()
    {
        final double gate = gateSigmas * sigmaM;
        final double inverseSquared = 1.0 / (gate * gate);
        double score = 0;
        for (int i = 0; i < count; i++)
        {
            if ((usableMask & (1L << i)) != 0)
            {
                final double r = residual[i];
                score += Math.log1p(r * r * inverseSquared);
            }
        }
        return score;
    }

    /**
     * The greedy exclusion left an inconsistent set: search every subset without one range (or two, with 6+ ranges)
     * from its own linear start, and keep the one with the best truncated least-squares score over all ranges.
     */
    private int bestSubset(final Fix fix)
    {
        final long usable = usableMask;
        final int mAll = Long.bitCount(usable);
        final int n = count;
        final boolean[] active = this.active;
        long bestExcluded = usable & ~activeMask();
        double bestScore = subsetScore();
        double bestX = px;
        double bestY = py;
        double bestZ = pz;
        final boolean pairs = mAll >= 6 && maxExclusions >= 2;
        for (int i = 0; i < n; i++)
        {
            if ((usable & (1L << i)) == 0)
            {
                continue;
            }
            final int jEnd = pairs ? n : i + 1;
            for (int j = i; j < jEnd; j++)
            {
                if ((usable & (1L << j)) == 0)
                {
                    continue;
                }
                final long excluded = (1L << i) | (1L << j);
                for (int k = 0; k < n; k++)
                {
                    active[k] = (usable & (1L << k)) != 0 && (excluded & (1L << k)) == 0;
                }
                if (!linearStart() || !refine())
                {
                    continue;
                }
                final double score = subsetScore();
                if (score < bestScore)
                {
                    bestScore = score;
                    bestExcluded = excluded;
                    bestX = px;
                    bestY = py;
                    bestZ = pz;
                }
            }
        }
        for (int k = 0; k < n; k++)
        {
            active[k] = (usable & (1L << k)) != 0 && (bestExcluded & (1L << k)) == 0;
        }
        px = bestX;
        py = bestY;
        pz = bestZ;
        evaluate(px, py, pz);
        fix.excludedMask = (fix.excludedMask & ~usable) | bestExcluded;
        return mAll - Long.bitCount(bestExcluded);
    }

    private long activeMask()
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

    private double anchorSpreadSquared()
    {
        final int n = count;
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
        final double minEigen = dims == 2 ?
            SmallMatrix.minEigen2(sxx, sxy, syy) : SmallMatrix.minEigen3(sxx, sxy, sxz, syy, syz, szz);
        return minEigen / m;
    }

    private boolean linearStart()
    {
        final int n = count;
        final int d = dims;
        final boolean[] active = this.active;
        final double[] rangeM = this.rangeM;
        int ref = -1;
        for (int i = 0; i < n; i++)
        {
            if (active[i] && (ref < 0 || rangeM[i] < rangeM[ref]))
            {
                ref = i;
            }
        }
        final double h = heightM;
        final double rx = ax[ref];
        final double ry = ay[ref];
        final double rz = az[ref];
        final double refSquared = squaredHorizontalRange(ref, h);
        final double[] normal = this.normal;
        final double[] rhs = this.rhs;
        clear(normal, d);
        rhs[0] = 0;
        rhs[1] = 0;
        rhs[2] = 0;
        for (int i = 0; i < n; i++)
        {
            if (!active[i] || i == ref)
            {
                continue;
            }
            final double bx = ax[i] - rx;
            final double by = ay[i] - ry;
            final double bz = d == 3 ? az[i] - rz : 0.0;
            final double y = 0.5 * (bx * bx + by * by + bz * bz + refSquared - squaredHorizontalRange(i, h));
            accumulate(normal, d, bx, by, bz, 1.0);
            rhs[0] += bx * y;
            rhs[1] += by * y;
            rhs[2] += bz * y;
        }
        if (!SmallMatrix.cholesky(normal, d))
        {
            return false;
        }
        SmallMatrix.solve(normal, d, rhs);
        px = rx + rhs[0];
        py = ry + rhs[1];
        pz = d == 3 ? rz + rhs[2] : h;
        return Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(pz);
    }

    // 3D: the squared range; 2.5D: the squared range minus the squared height difference (may be negative)
    private double squaredHorizontalRange(final int i, final double h)
    {
        final double r = rangeM[i];
        if (dims == 3)
        {
            return r * r;
        }
        final double dz = h - az[i];
        return r * r - dz * dz;
    }

    /**
     * Robust Gauss-Newton / LM from (px, py, pz) over the active ranges. Leaves residuals and unit vectors
     * evaluated at the final point.
     */
    private boolean refine()
    {
        final int n = count;
        final int d = dims;
        final double[] normal = this.normal;
        final double[] rhs = this.rhs;
        final double[] residual = this.residual;
        final double[] ux = this.ux;
        final double[] uy = this.uy;
        final double[] uz = this.uz;
        final boolean[] active = this.active;
        final double huberM = this.huberM;
        double cost = evaluate(px, py, pz);
        double lambda = 0.0;
        for (int it = 0; it < maxIterations; it++)
        {
            iterations++;
            clear(normal, d);
            rhs[0] = 0;
            rhs[1] = 0;
            rhs[2] = 0;
            for (int i = 0; i < n; i++)
            {
                if (active[i])
                {
                    final double r = residual[i];
                    final double a = Math.abs(r);
                    final double w = a <= huberM ? 1.0 : huberM / a;
                    accumulate(normal, d, ux[i], uy[i], uz[i], w);
                    final double wr = w * r;
                    rhs[0] += wr * ux[i];
                    rhs[1] += wr * uy[i];
                    rhs[2] += wr * uz[i];
                }
            }
            if (lambda > 0)
            {
                for (int k = 0; k < d; k++)
                {
                    normal[k * d + k] *= 1.0 + lambda;
                }
            }
            if (!SmallMatrix.cholesky(normal, d))
            {
                return false;
            }
            SmallMatrix.solve(normal, d, rhs);
            final double nx = px + rhs[0];
            final double ny = py + rhs[1];
            final double nz = d == 3 ? pz + rhs[2] : pz;
            final double step = Math.sqrt(rhs[0] * rhs[0] + rhs[1] * rhs[1] + (d == 3 ? rhs[2] * rhs[2] : 0.0));
            final double newCost = evaluate(nx, ny, nz);
            if (newCost <= cost * (1.0 + 1e-12) + 1e-18)
            {
                px = nx;
                py = ny;
                pz = nz;
                cost = newCost;
                lambda = lambda < 1e-6 ? 0.0 : lambda * 0.1;
                if (step < convergenceM)
                {
                    return true;
                }
            }
            else
            {
                evaluate(px, py, pz);
                lambda = lambda == 0.0 ? 1e-3 : lambda * 10.0;
                if (lambda > 1e8 || step < convergenceM)
                {
                    return true;
                }
            }
        }
        // a robust cost that still moves after maxIterations is fine if the last steps were tiny
        return Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(pz);
    }

    /** Residuals, unit vectors and the Huber cost at a point, over all ranges (cost over active ones). */
    private double evaluate(final double x, final double y, final double z)
    {
        final int n = count;
        final double[] ax = this.ax;
        final double[] ay = this.ay;
        final double[] az = this.az;
        final double[] rangeM = this.rangeM;
        final double[] residual = this.residual;
        final double[] ux = this.ux;
        final double[] uy = this.uy;
        final double[] uz = this.uz;
        final boolean[] active = this.active;
        final double huberM = this.huberM;
        double cost = 0;
        for (int i = 0; i < n; i++)
        {
            final double dx = x - ax[i];
            final double dy = y - ay[i];
            final double dz = z - az[i];
            final double dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
            final double inv = dist > 1e-9 ? 1.0 / dist : 0.0;
            ux[i] = dx * inv;
            uy[i] = dy * inv;
            uz[i] = dz * inv;
            final double r = rangeM[i] - dist;
            residual[i] = r;
            if (active[i])
            {
                final double a = Math.abs(r);
                cost += a <= huberM ? 0.5 * r * r : huberM * (a - 0.5 * huberM);
            }
        }
        return cost;
    }

    private double residualAt(final int i)
    {
        return residual[i];
    }

    /** @return the active range with the largest studentized residual above the gate, or -1. */
    private int worstStudentized()
    {
        final int n = count;
        final int d = dims;
        final double[] normal = this.normal;
        final double[] vector = this.vector;
        final double[] residual = this.residual;
        final boolean[] active = this.active;
        final double huberM = this.huberM;
        clear(normal, d);
        for (int i = 0; i < n; i++)
        {
            if (active[i])
            {
                final double a = Math.abs(residual[i]);
                accumulate(normal, d, ux[i], uy[i], uz[i], a <= huberM ? 1.0 : huberM / a);
            }
        }
        if (!SmallMatrix.cholesky(normal, d))
        {
            return -1;
        }
        final double gate = gateSigmas * sigmaM;
        int worst = -1;
        double worstScore = gate;
        for (int i = 0; i < n; i++)
        {
            if (!active[i])
            {
                continue;
            }
            final double r = residual[i];
            final double a = Math.abs(r);
            if (a <= gate)
            {
                continue;
            }
            final double w = a <= huberM ? 1.0 : huberM / a;
            vector[0] = ux[i];
            vector[1] = uy[i];
            vector[2] = uz[i];
            final double leverage = w * SmallMatrix.inverseForm(normal, d, vector, scratch);
            final double score = a / Math.sqrt(Math.max(1.0 - leverage, 0.05));
            if (score > worstScore)
            {
                worstScore = score;
                worst = i;
            }
        }
        return worst;
    }

    private static void clear(final double[] normal, final int d)
    {
        for (int k = 0, size = d * d; k < size; k++)
        {
            normal[k] = 0.0;
        }
    }

    private static void accumulate(
        final double[] normal, final int d, final double x, final double y, final double z, final double w)
    {
        if (d == 2)
        {
            normal[0] += w * x * x;
            normal[1] += w * x * y;
            normal[2] += w * x * y;
            normal[3] += w * y * y;
        }
        else
        {
            normal[0] += w * x * x;
            normal[1] += w * x * y;
            normal[2] += w * x * z;
            normal[3] += w * x * y;
            normal[4] += w * y * y;
            normal[5] += w * y * z;
            normal[6] += w * x * z;
            normal[7] += w * y * z;
            normal[8] += w * z * z;
        }
    }
}
