package dev.inventory.rtls.solve;

/**
 * Two-way-ranging (TWR) position solver, 2.5D (known tag height) and 3D, for 3 to {@link Config#capacity()}
 * anchors. Feed one fix with {@link #begin()} and {@link #add(int, double, double, double, double)}, then call
 * {@link #solve2d(double, Fix)} or {@link #solve3d(Fix)}.
 * <ol>
 * <li>Validation (shared with {@link TdoaSolver}): NaN / negative / beyond-range distances, non-finite anchors,
 * conflicting duplicate anchors (same id or position, distances apart by more than
 * {@link Config#duplicateToleranceM(double)}; agreeing duplicates are averaged), too few ranges, collinear (2.5D) or
 * coplanar (3D) anchors are rejected with a {@link SolveStatus}. What depends on the anchors alone (duplicates,
 * spread, hull, the anchors' scatter, the squared height differences) is reused while fixes repeat the same anchors
 * in the same order.</li>
 * <li>Model: the scaled range-squared residuals r' = (R^2 - |x - a|^2) / (2 R), which equal the range residuals
 * r = R - |x - a| to first order (r' = r (1 - r / 2R)) and vanish with them. r' is quadratic in x: its Jacobian
 * (x - a) / R is exact, and a step s moves it exactly by -(x - a) / R . s - |s|^2 / (2R). No square root or division
 * per range and iteration (1 / R once per fix).</li>
 * <li>Start: linear least squares on range-squared differences to their mean over the anchors, then Newton steps for
 * the least-squares fit of r', computed from moments taken in the same pass (no pass per step).</li>
 * <li>Refinement: one pass at the start point; if every residual is within the Huber threshold the least-squares fit
 * is the robust fit and the solve is done. Otherwise Gauss-Newton with Huber IRLS weights, one pass per iteration
 * (exact in-place updates), halving a step that does not lower the Huber cost, until a step is shorter than
 * {@link Config#convergenceM(double)} (scaled down when the residuals are small, so exact ranges solve exactly).</li>
 * <li>Exclusion, only when a residual exceeds {@link Config#exclusionGateSigmas(double)} (or the residual RMS the
 * subset trigger): with at least unknowns + 2 ranges, the range with the largest studentized residual
 * (residual / sqrt(1 - leverage), the closed form of a leave-one-out test) is dropped if it exceeds the gate and is
 * still inconsistent with the refit; greedy backward elimination of up to two ranges with 6+ anchors, one with fewer;
 * the refits start from the one-step deletion estimate and update the residuals in place. If the kept ranges still
 * have a residual RMS above {@link Config#subsetTriggerSigmas(double)}, an exhaustive leave-one/two-out subset search
 * follows.</li>
 * <li>Quality: residual RMS of the kept ranges (of r') and GDOP (from the directions (x - a) / R, the unit vectors to
 * within r / R): both within r / R of the range-based figures, well below 1% for decimetre residuals at ranges of
 * metres; fixes above {@link Config#maxResidualRmsM(double)} or {@link Config#maxGdop(double)} are rejected.</li>
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
        private double convergenceM = 0.05;
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
         * @param convergenceM the robust iteration ends on a step shorter than this, scaled by the residual RMS over
         *                     half the ranging sigma when that is below 1, so consistent ranges are solved to their own
         *                     precision (default 0.05 m: on the canonical hall the fixes lie within 8 mm (p95) of the
         *                     fully converged estimate, at the same accuracy against the truth).
         * @return this.
         */
        public Config convergenceM(final double convergenceM)
        {
            this.convergenceM = convergenceM;
            return this;
        }

        /**
         * @param maxIterations iteration cap per refit, outer and inner each (default 30).
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

    private static final int MAX_STEP_HALVINGS = 8;
    private static final double MIN_RANGE_M = 1e-3;
    private static final int START_ITERATIONS = 2;
    private static final double START_CONVERGENCE_SQUARED_M2 = 1e-10;
    private static final double MIN_CONVERGENCE_SQUARED_M2 = 1e-18;

    private final double huberM;
    private final double gateM;
    private final int maxExclusions;
    private final double maxRangeM;
    private final double duplicateToleranceM;
    private final double maxResidualRmsM;
    private final double maxGdop;
    private final double minSpreadSquaredM2;
    private final int maxIterations;
    private final double convergenceSquaredM2;
    private final double inverseHalfSigmaSquared;
    private final double subsetTriggerSquaredM2;
    private final double hullToleranceM;
    private final boolean clipToHull;
    private final AnchorSet anchors;
    private final double[] inverseRange;
    private final double[] residual;
    private final double[] ux;
    private final double[] uy;
    private final double[] uz;

    private int dims;
    private double heightM;
    private double[] heightSquared;
    private double px;
    private double py;
    private double pz;
    private int iterations;
    private long usableMask;

    // per range: residual r' and direction u' (see evaluate()); over the active ranges, of the last evaluate() or
    // update(): Huber-weighted normal matrix and gradient
    private double n00;
    private double n01;
    private double n02;
    private double n11;
    private double n12;
    private double n22;
    private double g0;
    private double g1;
    private double g2;
    // of the active ranges at the last evaluate() / update(): Huber cost, summed squared residual and count; and
    // whether n.., g.. are still the sums of the current residuals (no step since)
    private double costM2;
    private double sumSquaresM2;
    private int activePass;
    private boolean sumsCurrent;
    // a step already in (px, py, pz) whose update of the residuals and directions is still to be applied
    private double pendingX;
    private double pendingY;
    private double pendingZ;
    // scan(): of the active ranges at the final point, summed squared and largest absolute residual, and the
    // unweighted normal matrix of the directions (for GDOP)
    private double scanSumSquaresM2;
    private double maxAbsResidualM;
    private boolean scanCurrent;
    private double evaluateMaxAbsM;
    private double q00;
    private double q01;
    private double q02;
    private double q11;
    private double q12;
    private double q22;

    // inverse from the last invert() (2.5D: z row and column 0) and the result of the last solve()
    private double i00;
    private double i01;
    private double i02;
    private double i11;
    private double i12;
    private double i22;
    private double s0;
    private double s1;
    private double s2;

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
        huberM = config.huberK * config.rangeSigmaM;
        gateM = config.exclusionGateSigmas * config.rangeSigmaM;
        maxExclusions = config.maxExclusions;
        maxRangeM = config.maxRangeM;
        duplicateToleranceM = config.duplicateToleranceM;
        maxResidualRmsM = config.maxResidualRmsM;
        maxGdop = config.maxGdop;
        minSpreadSquaredM2 = config.minAnchorSpreadM * config.minAnchorSpreadM;
        maxIterations = config.maxIterations;
        convergenceSquaredM2 = config.convergenceM * config.convergenceM;
        inverseHalfSigmaSquared = 4.0 / (config.rangeSigmaM * config.rangeSigmaM);
        final double subsetTriggerM = config.subsetTriggerSigmas * config.rangeSigmaM;
        subsetTriggerSquaredM2 = subsetTriggerM * subsetTriggerM;
        hullToleranceM = config.hullToleranceM;
        clipToHull = config.clipToHull;
        final int capacity = config.capacity;
        anchors = new AnchorSet(capacity);
        inverseRange = new double[capacity];
        residual = new double[capacity];
        ux = new double[capacity];
        uy = new double[capacity];
        uz = new double[capacity];
    }

    /** Start a new fix: forget the ranges added so far. */
    public void begin()
    {
        anchors.begin();
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
        return anchors.add(anchorId, xM, yM, zM, distanceM);
    }

    /** @return ranges added to the current fix. */
    public int count()
    {
        return anchors.count;
    }

    /** @return most ranges per fix. */
    public int capacity()
    {
        return anchors.capacity;
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
            anchors.applyHull(fix, hullToleranceM, clipToHull);
        }
        return status;
    }

    private int solveInternal(final Fix fix)
    {
        final AnchorSet anchors = this.anchors;
        final int d = dims;
        final int status = anchors.validate(d, d + 1, 0.0, maxRangeM, duplicateToleranceM, minSpreadSquaredM2, fix);
        if (status != SolveStatus.OK)
        {
            return status;
        }
        heightSquared = d == 2 ? anchors.heightSquared(heightM) : null;
        if (!linearStart(true))
        {
            return SolveStatus.DEGENERATE_GEOMETRY;
        }
        if (!refine())
        {
            return SolveStatus.NO_CONVERGENCE;
        }
        int m = anchors.activeCount;
        if (!scanCurrent)
        {
            scan();
        }
        // the greedy exclusion needs a residual above the gate, the subset search a residual RMS above its trigger:
        // a consistent fix (most of them) skips both
        if (maxExclusions > 0 && m >= d + 2 &&
            (maxAbsResidualM > gateM || scanSumSquaresM2 > subsetTriggerSquaredM2 * m))
        {
            usableMask = anchors.validatedMask;
            m = exclude(fix, m);
        }
        return quality(fix, m);
    }

    /**
     * Greedy studentized exclusion, then the subset search if the kept ranges are still inconsistent. Each refit
     * starts from the one-step deletion estimate and updates the residuals in place (exact for r').
     */
    private int exclude(final Fix fix, final int usable)
    {
        final boolean[] active = anchors.active;
        final int d = dims;
        int m = usable;
        final int allowed = Math.min(maxExclusions, m >= 6 ? 2 : 1);
        for (int e = 0; e < allowed && m >= d + 2; e++)
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
            predictWithout(worst);
            if (iterate() && Math.abs(pendingResidual(worst)) > gateM)
            {
                fix.excludedMask |= 1L << worst;
                m--;
                scan();
                if (maxAbsResidualM <= gateM)
                {
                    break; // no residual left above the gate: no further candidate
                }
            }
            else
            {
                // back to the fit before this refit, where the last scan() was taken
                active[worst] = true;
                shiftResiduals(savedX - px, savedY - py, savedZ - pz);
                px = savedX;
                py = savedY;
                pz = savedZ;
                break;
            }
        }
        if (usable >= d + 3 && scanSumSquaresM2 > subsetTriggerSquaredM2 * m)
        {
            m = bestSubset(fix);
            scan();
        }
        return m;
    }

    /**
     * Step (px, py, pz) to the one-step estimate of the fit without range i (Sherman-Morrison on the Huber-weighted
     * normal matrix, whose inverse worstStudentized() left): - psi_i N^-1 u'_i / (1 - leverage_i); the residual update
     * is deferred.
     */
    private void predictWithout(final int i)
    {
        final double r = residual[i];
        final double a = Math.abs(r);
        final double psi = a <= huberM ? r : (r > 0 ? huberM : -huberM);
        final double w = a <= huberM ? 1.0 : huberM / a;
        final boolean threeD = dims == 3;
        final double vx = ux[i];
        final double vy = uy[i];
        final double vz = threeD ? uz[i] : 0.0;
        final double leverage = w * form(vx, vy, vz);
        solve(vx, vy, vz);
        final double k = -psi / Math.max(1.0 - leverage, 0.05);
        final double sx = k * s0;
        final double sy = k * s1;
        final double sz = threeD ? k * s2 : 0.0;
        px += sx;
        py += sy;
        pz += sz;
        defer(sx, sy, sz);
    }

    /** Residual RMS and GDOP of the kept ranges at the current point, from the last scan(). */
    private int quality(final Fix fix, final int m)
    {
        if (!invert(q00, q01, q02, q11, q12, q22))
        {
            return SolveStatus.DEGENERATE_GEOMETRY;
        }
        final double gdop = Math.sqrt(inverseTrace());
        final double rms = Math.sqrt(scanSumSquaresM2 / m);
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

    /**
     * Cauchy score over every usable range, kept or not: sum of log(1 + (r / gate)^2), as the log of a product (one
     * log per 16 ranges). Bounded growth, so excluded outliers cost little, but unlike a hard cap it still prefers
     * the subset whose leftovers are smaller.
     */
    private double subsetScore()
    {
        flush();
        final int n = anchors.count;
        final long usable = usableMask;
        final double[] residual = this.residual;
        final double inverseSquared = 1.0 / (gateM * gateM);
        double score = 0;
        double product = 1.0;
        int factors = 0;
        for (int i = 0; i < n; i++)
        {
            if ((usable & (1L << i)) != 0)
            {
                final double r = residual[i];
                product *= 1.0 + Math.min(r * r * inverseSquared, 1e15);
                if (++factors == 16) // each factor is at most 1e15: no overflow
                {
                    score += Math.log(product);
                    product = 1.0;
                    factors = 0;
                }
            }
        }
        return score + Math.log(product);
    }

    /**
     * The greedy exclusion left an inconsistent set: search every subset without one range (or two, with 6+ ranges)
     * from its own linear start, and keep the one with the best Cauchy score over all ranges.
     */
    private int bestSubset(final Fix fix)
    {
        final long usable = usableMask;
        final int mAll = Long.bitCount(usable);
        final int n = anchors.count;
        final boolean[] active = anchors.active;
        long bestExcluded = usable & ~anchors.activeMask();
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
                if (!linearStart(false) || !refine())
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
        evaluate(bestX, bestY, bestZ);
        fix.excludedMask = (fix.excludedMask & ~usable) | bestExcluded;
        return mAll - Long.bitCount(bestExcluded);
    }

    /**
     * Start: the least-squares fit of the scaled residuals r' over the active ranges, without a pass per iteration.
     * <ol>
     * <li>Linear least squares on range-squared differences to the mean equation: |x - a_i|^2 = R_i^2 minus its mean
     * over the active anchors gives (a_i - c) . s = y_i := ((|a_i - c|^2 - mean |a - c|^2) - (R_i^2 - mean R^2)) / 2
     * with s = x - c and c the anchors' centroid; the means drop out of the normal equations, whose matrix is the
     * anchors' scatter (kept by the anchor set for the validated anchors). 2.5D works in the tag's plane with the
     * horizontal range squared R^2 = r^2 - dz^2.</li>
     * <li>With b_i = a_i - c and q_i = 1 / R_i^2: r'_i = (s . b_i - y_i - |s|^2 / 2) / R_i and u'_i = (s - b_i) / R_i,
     * so the normal matrix sum u'u'^T, the gradient sum r'u' and the curvature sum r' / R of the least-squares cost
     * are polynomials in s whose coefficients are the moments sum q, sum q b, sum q b b^T, sum q y, sum q y b taken in
     * the same pass. Newton iterations (Hessian sum u'u'^T - sum r' / R I, r' being quadratic) on them converge in a
     * few steps.</li>
     * </ol>
     *
     * @param validated the active ranges are those validation left (not a subset).
     * @return false if the anchors' scatter is singular or the start is not finite.
     */
    private boolean linearStart(final boolean validated)
    {
        final AnchorSet anchors = this.anchors;
        final int n = anchors.count;
        final boolean threeD = dims == 3;
        final boolean[] active = anchors.active;
        final double[] ax = anchors.ax;
        final double[] ay = anchors.ay;
        final double[] az = anchors.az;
        final double[] rangeM = anchors.valueM;
        final double[] heightSquared = this.heightSquared;
        final double[] inverseRange = this.inverseRange;
        anchors.scatter(validated);
        final double cx = anchors.centroidX;
        final double cy = anchors.centroidY;
        final double cz = threeD ? anchors.centroidZ : 0.0;
        double by0 = 0;
        double by1 = 0;
        double by2 = 0;
        double q = 0;
        double qb0 = 0;
        double qb1 = 0;
        double qb2 = 0;
        double qbb00 = 0;
        double qbb01 = 0;
        double qbb02 = 0;
        double qbb11 = 0;
        double qbb12 = 0;
        double qbb22 = 0;
        double qy = 0;
        double qyb0 = 0;
        double qyb1 = 0;
        double qyb2 = 0;
        if (threeD)
        {
            for (int i = 0; i < n; i++)
            {
                final double r = rangeM[i];
                final double inverse = 1.0 / Math.max(r, MIN_RANGE_M);
                inverseRange[i] = inverse;
                if (!active[i])
                {
                    continue;
                }
                final double bx = ax[i] - cx;
                final double by = ay[i] - cy;
                final double bz = az[i] - cz;
                final double y = 0.5 * (bx * bx + by * by + bz * bz - r * r);
                by0 += bx * y;
                by1 += by * y;
                by2 += bz * y;
                final double qi = inverse * inverse;
                final double qbx = qi * bx;
                final double qby = qi * by;
                final double qbz = qi * bz;
                q += qi;
                qb0 += qbx;
                qb1 += qby;
                qb2 += qbz;
                qbb00 += qbx * bx;
                qbb01 += qbx * by;
                qbb02 += qbx * bz;
                qbb11 += qby * by;
                qbb12 += qby * bz;
                qbb22 += qbz * bz;
                qy += qi * y;
                qyb0 += qbx * y;
                qyb1 += qby * y;
                qyb2 += qbz * y;
            }
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                final double r = rangeM[i];
                final double inverse = 1.0 / Math.max(r, MIN_RANGE_M);
                inverseRange[i] = inverse;
                if (!active[i])
                {
                    continue;
                }
                final double bx = ax[i] - cx;
                final double by = ay[i] - cy;
                final double y = 0.5 * (bx * bx + by * by - (r * r - heightSquared[i]));
                by0 += bx * y;
                by1 += by * y;
                final double qi = inverse * inverse;
                final double qbx = qi * bx;
                final double qby = qi * by;
                q += qi;
                qb0 += qbx;
                qb1 += qby;
                qbb00 += qbx * bx;
                qbb01 += qbx * by;
                qbb11 += qby * by;
                qy += qi * y;
                qyb0 += qbx * y;
                qyb1 += qby * y;
            }
        }
        if (!invert(anchors.scatterXX, anchors.scatterXY, anchors.scatterXZ, anchors.scatterYY, anchors.scatterYZ,
            anchors.scatterZZ))
        {
            return false;
        }
        solve(by0, by1, by2);
        double sx = s0;
        double sy = s1;
        double sz = threeD ? s2 : 0.0;
        for (int it = 0; it < START_ITERATIONS; it++)
        {
            final double halfSquared = 0.5 * (sx * sx + sy * sy + sz * sz);
            final double qbs = qb0 * sx + qb1 * sy + qb2 * sz;
            final double t = qbs - qy - halfSquared * q; // sum r' / R
            // gradient sum r' u' = t s - (sum q b b^T) s + sum q y b + |s|^2 / 2 sum q b
            final double h0 = t * sx - (qbb00 * sx + qbb01 * sy + qbb02 * sz) + qyb0 + halfSquared * qb0;
            final double h1 = t * sy - (qbb01 * sx + qbb11 * sy + qbb12 * sz) + qyb1 + halfSquared * qb1;
            final double h2 = t * sz - (qbb02 * sx + qbb12 * sy + qbb22 * sz) + qyb2 + halfSquared * qb2;
            // normal matrix sum u'u'^T = q s s^T - s qb^T - qb s^T + sum q b b^T; Newton: minus sum r' / R on the diagonal
            final double m00 = q * sx * sx - 2.0 * sx * qb0 + qbb00 - t;
            final double m01 = q * sx * sy - sx * qb1 - qb0 * sy + qbb01;
            final double m02 = q * sx * sz - sx * qb2 - qb0 * sz + qbb02;
            final double m11 = q * sy * sy - 2.0 * sy * qb1 + qbb11 - t;
            final double m12 = q * sy * sz - sy * qb2 - qb1 * sz + qbb12;
            final double m22 = q * sz * sz - 2.0 * sz * qb2 + qbb22 - t;
            if (!invert(m00, m01, m02, m11, m12, m22))
            {
                break; // keep the linear start; the robust iteration takes over
            }
            iterations++;
            solve(h0, h1, threeD ? h2 : 0.0);
            sx += s0;
            sy += s1;
            sz += threeD ? s2 : 0.0;
            if (s0 * s0 + s1 * s1 + (threeD ? s2 * s2 : 0.0) < START_CONVERGENCE_SQUARED_M2)
            {
                break;
            }
        }
        px = cx + sx;
        py = cy + sy;
        pz = threeD ? cz + sz : heightM;
        return Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(pz);
    }

    /**
     * Robust Gauss-Newton from (px, py, pz) over the active ranges: evaluate(), then iterate().
     */
    private boolean refine()
    {
        evaluate(px, py, pz);
        if (evaluateMaxAbsM <= huberM)
        {
            // every weight is 1: the least-squares start is the robust fit, and this pass has its statistics
            scanSumSquaresM2 = sumSquaresM2;
            maxAbsResidualM = evaluateMaxAbsM;
            q00 = n00;
            q01 = n01;
            q02 = n02;
            q11 = n11;
            q12 = n12;
            q22 = n22;
            scanCurrent = true;
            return Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(pz);
        }
        scanCurrent = false;
        return iterate();
    }

    /**
     * Gauss-Newton with Huber IRLS weights from the current state over the active ranges. Each iteration is one pass
     * of update(), which moves the residuals and directions exactly (r' is quadratic in x); a step that does not lower
     * the Huber cost is halved. A step shorter than the tolerance ends the iteration; its update is deferred to the
     * next pass that needs the residuals. Leaves the Huber-weighted normal matrix of the last pass.
     */
    private boolean iterate()
    {
        final boolean threeD = dims == 3;
        if (!sumsCurrent)
        {
            update(0.0, 0.0, 0.0);
        }
        double cost = costM2;
        for (int it = 0; it < maxIterations; it++)
        {
            iterations++;
            if (!invert(n00, n01, n02, n11, n12, n22))
            {
                return false;
            }
            solve(g0, g1, threeD ? g2 : 0.0);
            double sx = s0;
            double sy = s1;
            double sz = threeD ? s2 : 0.0;
            px += sx;
            py += sy;
            pz += sz;
            if (converged(sx * sx + sy * sy + sz * sz))
            {
                defer(sx, sy, sz);
                break;
            }
            double next = update(sx, sy, sz);
            int halvings = 0;
            while (!(next <= cost * (1.0 + 1e-12) + 1e-18))
            {
                if (++halvings > MAX_STEP_HALVINGS) // no descent left: back where the step started
                {
                    px -= sx;
                    py -= sy;
                    pz -= sz;
                    update(-sx, -sy, -sz);
                    return Double.isFinite(cost);
                }
                sx *= 0.5;
                sy *= 0.5;
                sz *= 0.5;
                px -= sx;
                py -= sy;
                pz -= sz;
                next = update(-sx, -sy, -sz);
            }
            cost = next;
        }
        return Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(pz);
    }

    /**
     * @param stepSquaredM2 squared length of a step.
     * @return true if the step is shorter than the convergence length, scaled by the residual RMS of the last pass
     * over half a sigma when that is below 1: consistent ranges are solved to their own precision.
     */
    private boolean converged(final double stepSquaredM2)
    {
        final double m = activePass;
        final double relative = Math.min(sumSquaresM2 * inverseHalfSigmaSquared, m); // m (RMS / (sigma / 2))^2 <= m
        return stepSquaredM2 < MIN_CONVERGENCE_SQUARED_M2 || stepSquaredM2 * m < convergenceSquaredM2 * relative;
    }

    /**
     * Move every range by a step (plus any deferred one): r' -= u' . s + |s|^2 / (2 R) and u' += s / R, exact for r';
     * then over the active ranges the Huber-weighted normal matrix and gradient, summed squares and cost.
     *
     * @return the Huber cost at the new point.
     */
    private double update(final double stepX, final double stepY, final double stepZ)
    {
        final double sx = stepX + pendingX;
        final double sy = stepY + pendingY;
        final double sz = stepZ + pendingZ;
        pendingX = 0.0;
        pendingY = 0.0;
        pendingZ = 0.0;
        final double halfStepSquared = 0.5 * (sx * sx + sy * sy + sz * sz);
        final int n = anchors.count;
        final boolean[] active = anchors.active;
        final double[] inverseRange = this.inverseRange;
        final double[] residual = this.residual;
        final double[] ux = this.ux;
        final double[] uy = this.uy;
        final double huberM = this.huberM;
        double a00 = 0;
        double a01 = 0;
        double a02 = 0;
        double a11 = 0;
        double a12 = 0;
        double a22 = 0;
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double cost = 0;
        double sumSquares = 0;
        int m = 0;
        if (dims == 2)
        {
            for (int i = 0; i < n; i++)
            {
                final double inverse = inverseRange[i];
                final double ox = ux[i];
                final double oy = uy[i];
                final double r = residual[i] - (ox * sx + oy * sy + halfStepSquared * inverse);
                final double vx = ox + sx * inverse;
                final double vy = oy + sy * inverse;
                residual[i] = r;
                ux[i] = vx;
                uy[i] = vy;
                if (active[i])
                {
                    final double psi = Math.max(-huberM, Math.min(huberM, r));
                    final double w = huberM / Math.max(huberM, Math.abs(r));
                    cost += psi * (r - 0.5 * psi);
                    sumSquares += r * r;
                    m++;
                    final double wx = w * vx;
                    a00 += wx * vx;
                    a01 += wx * vy;
                    a11 += w * vy * vy;
                    b0 += psi * vx;
                    b1 += psi * vy;
                }
            }
        }
        else
        {
            final double[] uz = this.uz;
            for (int i = 0; i < n; i++)
            {
                final double inverse = inverseRange[i];
                final double ox = ux[i];
                final double oy = uy[i];
                final double oz = uz[i];
                final double r = residual[i] - (ox * sx + oy * sy + oz * sz + halfStepSquared * inverse);
                final double vx = ox + sx * inverse;
                final double vy = oy + sy * inverse;
                final double vz = oz + sz * inverse;
                residual[i] = r;
                ux[i] = vx;
                uy[i] = vy;
                uz[i] = vz;
                if (active[i])
                {
                    final double psi = Math.max(-huberM, Math.min(huberM, r));
                    final double w = huberM / Math.max(huberM, Math.abs(r));
                    cost += psi * (r - 0.5 * psi);
                    sumSquares += r * r;
                    m++;
                    final double wx = w * vx;
                    final double wy = w * vy;
                    final double wz = w * vz;
                    a00 += wx * vx;
                    a01 += wx * vy;
                    a02 += wx * vz;
                    a11 += wy * vy;
                    a12 += wy * vz;
                    a22 += wz * vz;
                    b0 += psi * vx;
                    b1 += psi * vy;
                    b2 += psi * vz;
                }
            }
        }
        n00 = a00;
        n01 = a01;
        n02 = a02;
        n11 = a11;
        n12 = a12;
        n22 = a22;
        g0 = b0;
        g1 = b1;
        g2 = b2;
        costM2 = cost;
        sumSquaresM2 = sumSquares;
        activePass = m;
        sumsCurrent = true;
        return cost;
    }

    /** Move every range by a step (plus any deferred one), exactly as update() does, without the sums. */
    private void shiftResiduals(final double stepX, final double stepY, final double stepZ)
    {
        final double sx = stepX + pendingX;
        final double sy = stepY + pendingY;
        final double sz = stepZ + pendingZ;
        pendingX = 0.0;
        pendingY = 0.0;
        pendingZ = 0.0;
        sumsCurrent = false;
        final double halfStepSquared = 0.5 * (sx * sx + sy * sy + sz * sz);
        final int n = anchors.count;
        final double[] inverseRange = this.inverseRange;
        final double[] residual = this.residual;
        final double[] ux = this.ux;
        final double[] uy = this.uy;
        final double[] uz = this.uz;
        final boolean threeD = dims == 3;
        for (int i = 0; i < n; i++)
        {
            final double inverse = inverseRange[i];
            final double oz = threeD ? uz[i] : 0.0;
            residual[i] -= ux[i] * sx + uy[i] * sy + oz * sz + halfStepSquared * inverse;
            ux[i] += sx * inverse;
            uy[i] += sy * inverse;
            if (threeD)
            {
                uz[i] = oz + sz * inverse;
            }
        }
    }

    /** @return range i's residual with the deferred step applied (the residuals themselves are left as they are). */
    private double pendingResidual(final int i)
    {
        final double sx = pendingX;
        final double sy = pendingY;
        final double sz = pendingZ;
        final double oz = dims == 3 ? uz[i] : 0.0;
        return residual[i] - (ux[i] * sx + uy[i] * sy + oz * sz + 0.5 * (sx * sx + sy * sy + sz * sz) * inverseRange[i]);
    }

    /** Record a step already taken whose update of the residuals is left to the next pass. */
    private void defer(final double sx, final double sy, final double sz)
    {
        pendingX += sx;
        pendingY += sy;
        pendingZ += sz;
        sumsCurrent = false;
    }

    /** Apply a deferred step to the residuals and directions. */
    private void flush()
    {
        if (pendingX != 0.0 || pendingY != 0.0 || pendingZ != 0.0)
        {
            shiftResiduals(0.0, 0.0, 0.0);
        }
    }

    /**
     * Apply a deferred step (as shiftResiduals()), then over the active ranges at the final point: summed squared and
     * largest absolute residual, and the unweighted normal matrix of the directions (for GDOP). One pass.
     */
    private void scan()
    {
        final double sx = pendingX;
        final double sy = pendingY;
        final double sz = pendingZ;
        pendingX = 0.0;
        pendingY = 0.0;
        pendingZ = 0.0;
        sumsCurrent = false;
        final double halfStepSquared = 0.5 * (sx * sx + sy * sy + sz * sz);
        final int n = anchors.count;
        final boolean[] active = anchors.active;
        final double[] inverseRange = this.inverseRange;
        final double[] residual = this.residual;
        final double[] ux = this.ux;
        final double[] uy = this.uy;
        final boolean threeD = dims == 3;
        final double[] uz = this.uz;
        double sumSquares = 0;
        double maxAbs = 0;
        double a00 = 0;
        double a01 = 0;
        double a02 = 0;
        double a11 = 0;
        double a12 = 0;
        double a22 = 0;
        for (int i = 0; i < n; i++)
        {
            final double inverse = inverseRange[i];
            final double ox = ux[i];
            final double oy = uy[i];
            final double oz = threeD ? uz[i] : 0.0;
            final double r = residual[i] - (ox * sx + oy * sy + oz * sz + halfStepSquared * inverse);
            final double vx = ox + sx * inverse;
            final double vy = oy + sy * inverse;
            final double vz = threeD ? oz + sz * inverse : 0.0;
            residual[i] = r;
            ux[i] = vx;
            uy[i] = vy;
            if (threeD)
            {
                uz[i] = vz;
            }
            if (active[i])
            {
                sumSquares += r * r;
                maxAbs = Math.max(maxAbs, Math.abs(r));
                a00 += vx * vx;
                a01 += vx * vy;
                a02 += vx * vz;
                a11 += vy * vy;
                a12 += vy * vz;
                a22 += vz * vz;
            }
        }
        scanSumSquaresM2 = sumSquares;
        maxAbsResidualM = maxAbs;
        q00 = a00;
        q01 = a01;
        q02 = a02;
        q11 = a11;
        q12 = a12;
        q22 = a22;
    }

    /**
     * At a point, for every range, the scaled range-squared residual r'_i = (R_i^2 - |x - a_i|^2) / (2 R_i) =
     * r_i (1 - r_i / (2 R_i)), r_i = R_i - |x - a_i| the range residual (equal to first order, zero together), and the
     * direction u'_i = (x - a_i) / R_i, the exact negated gradient of r'_i (r' is quadratic in x), which is the unit
     * vector to within r_i / R_i. No square roots and no divisions (1 / R_i comes from the start). Over the active
     * ranges: Huber-weighted normal matrix and gradient, summed squared residual; returns the Huber cost.
     */
    private double evaluate(final double x, final double y, final double z)
    {
        pendingX = 0.0;
        pendingY = 0.0;
        pendingZ = 0.0;
        return dims == 2 ? evaluate2d(x, y) : evaluate3d(x, y, z);
    }

    // 2.5D: the squared height differences are fixed per fix, no z unknowns (uz is left alone, z terms unused)
    private double evaluate2d(final double x, final double y)
    {
        final AnchorSet anchors = this.anchors;
        final int n = anchors.count;
        final double[] ax = anchors.ax;
        final double[] ay = anchors.ay;
        final double[] rangeM = anchors.valueM;
        final boolean[] active = anchors.active;
        final double[] heightSquared = this.heightSquared;
        final double[] inverseRange = this.inverseRange;
        final double[] residual = this.residual;
        final double[] ux = this.ux;
        final double[] uy = this.uy;
        final double huberM = this.huberM;
        double a00 = 0;
        double a01 = 0;
        double a11 = 0;
        double b0 = 0;
        double b1 = 0;
        double cost = 0;
        double sumSquares = 0;
        double maxAbs = 0;
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            final double dx = x - ax[i];
            final double dy = y - ay[i];
            final double range = rangeM[i];
            final double inverse = inverseRange[i];
            final double r = 0.5 * inverse * (range * range - (dx * dx + dy * dy + heightSquared[i]));
            final double vx = dx * inverse;
            final double vy = dy * inverse;
            ux[i] = vx;
            uy[i] = vy;
            residual[i] = r;
            if (active[i])
            {
                // branch-free Huber: psi(r) = r clipped to the threshold, weight psi(r) / r, cost psi (r - psi / 2)
                final double a = Math.abs(r);
                final double psi = Math.max(-huberM, Math.min(huberM, r));
                final double w = huberM / Math.max(huberM, a);
                cost += psi * (r - 0.5 * psi);
                sumSquares += r * r;
                maxAbs = Math.max(maxAbs, a);
                m++;
                final double wx = w * vx;
                final double wy = w * vy;
                a00 += wx * vx;
                a01 += wx * vy;
                a11 += wy * vy;
                b0 += psi * vx;
                b1 += psi * vy;
            }
        }
        n00 = a00;
        n01 = a01;
        n11 = a11;
        g0 = b0;
        g1 = b1;
        sumSquaresM2 = sumSquares;
        evaluateMaxAbsM = maxAbs;
        activePass = m;
        sumsCurrent = true;
        costM2 = cost;
        return cost;
    }

    private double evaluate3d(final double x, final double y, final double z)
    {
        final AnchorSet anchors = this.anchors;
        final int n = anchors.count;
        final double[] ax = anchors.ax;
        final double[] ay = anchors.ay;
        final double[] az = anchors.az;
        final double[] rangeM = anchors.valueM;
        final boolean[] active = anchors.active;
        final double[] inverseRange = this.inverseRange;
        final double[] residual = this.residual;
        final double[] ux = this.ux;
        final double[] uy = this.uy;
        final double[] uz = this.uz;
        final double huberM = this.huberM;
        double a00 = 0;
        double a01 = 0;
        double a02 = 0;
        double a11 = 0;
        double a12 = 0;
        double a22 = 0;
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double cost = 0;
        double sumSquares = 0;
        double maxAbs = 0;
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            final double dx = x - ax[i];
            final double dy = y - ay[i];
            final double dz = z - az[i];
            final double range = rangeM[i];
            final double inverse = inverseRange[i];
            final double r = 0.5 * inverse * (range * range - (dx * dx + dy * dy + dz * dz));
            final double vx = dx * inverse;
            final double vy = dy * inverse;
            final double vz = dz * inverse;
            ux[i] = vx;
            uy[i] = vy;
            uz[i] = vz;
            residual[i] = r;
            if (active[i])
            {
                // branch-free Huber: psi(r) = r clipped to the threshold, weight psi(r) / r, cost psi (r - psi / 2)
                final double a = Math.abs(r);
                final double psi = Math.max(-huberM, Math.min(huberM, r));
                final double w = huberM / Math.max(huberM, a);
                cost += psi * (r - 0.5 * psi);
                sumSquares += r * r;
                maxAbs = Math.max(maxAbs, a);
                m++;
                final double wx = w * vx;
                final double wy = w * vy;
                final double wz = w * vz;
                a00 += wx * vx;
                a01 += wx * vy;
                a02 += wx * vz;
                a11 += wy * vy;
                a12 += wy * vz;
                a22 += wz * vz;
                b0 += psi * vx;
                b1 += psi * vy;
                b2 += psi * vz;
            }
        }
        n00 = a00;
        n01 = a01;
        n02 = a02;
        n11 = a11;
        n12 = a12;
        n22 = a22;
        g0 = b0;
        g1 = b1;
        g2 = b2;
        sumSquaresM2 = sumSquares;
        evaluateMaxAbsM = maxAbs;
        activePass = m;
        sumsCurrent = true;
        costM2 = cost;
        return cost;
    }

    /**
     * @return the active range with the largest studentized residual above the gate, or -1: residual / sqrt(1 -
     * leverage), the closed form of a leave-one-out test, leverage from the Huber-weighted normal matrix.
     */
    private int worstStudentized()
    {
        flush();
        if (!invert(n00, n01, n02, n11, n12, n22))
        {
            return -1;
        }
        final int n = anchors.count;
        final boolean[] active = anchors.active;
        final double[] residual = this.residual;
        final boolean threeD = dims == 3;
        final double huberM = this.huberM;
        int worst = -1;
        double worstScore = gateM;
        for (int i = 0; i < n; i++)
        {
            if (!active[i])
            {
                continue;
            }
            final double a = Math.abs(residual[i]);
            if (a <= gateM)
            {
                continue;
            }
            final double w = a <= huberM ? 1.0 : huberM / a;
            final double leverage = w * form(ux[i], uy[i], threeD ? uz[i] : 0.0);
            final double score = a / Math.sqrt(Math.max(1.0 - leverage, 0.05));
            if (score > worstScore)
            {
                worstScore = score;
                worst = i;
            }
        }
        return worst;
    }

    /**
     * Invert the symmetric normal matrix (2.5D: its upper-left 2 x 2) in closed form into fields, one division.
     *
     * @return false if not (numerically) positive definite: a Cholesky pivot (ratio of leading minors) at most 1e-12
     * of the largest diagonal element.
     */
    private boolean invert(
        final double a00, final double a01, final double a02, final double a11, final double a12, final double a22)
    {
        final double minor2 = a00 * a11 - a01 * a01;
        if (dims == 2)
        {
            final double tiny = 1e-12 * Math.max(a00, a11);
            if (!(a00 > tiny && minor2 > tiny * a00))
            {
                return false;
            }
            final double inverseDet = 1.0 / minor2;
            i00 = a11 * inverseDet;
            i01 = -a01 * inverseDet;
            i11 = a00 * inverseDet;
            i02 = 0.0;
            i12 = 0.0;
            i22 = 0.0;
            return true;
        }
        final double tiny = 1e-12 * Math.max(Math.max(a00, a11), a22);
        final double c00 = a11 * a22 - a12 * a12;
        final double c01 = a02 * a12 - a01 * a22;
        final double c02 = a01 * a12 - a02 * a11;
        final double det = a00 * c00 + a01 * c01 + a02 * c02;
        if (!(a00 > tiny && minor2 > tiny * a00 && det > tiny * minor2))
        {
            return false;
        }
        final double inverseDet = 1.0 / det;
        i00 = c00 * inverseDet;
        i01 = c01 * inverseDet;
        i02 = c02 * inverseDet;
        i11 = (a00 * a22 - a02 * a02) * inverseDet;
        i12 = (a01 * a02 - a00 * a12) * inverseDet;
        i22 = minor2 * inverseDet;
        return true;
    }

    /** (s0, s1, s2) = A^-1 b with the last invert(); 2.5D: s2 is 0. */
    private void solve(final double b0, final double b1, final double b2)
    {
        s0 = i00 * b0 + i01 * b1 + i02 * b2;
        s1 = i01 * b0 + i11 * b1 + i12 * b2;
        s2 = i02 * b0 + i12 * b1 + i22 * b2;
    }

    /** @return u^T A^-1 u with the last invert() (2.5D: u2 does not count). */
    private double form(final double u0, final double u1, final double u2)
    {
        return i00 * u0 * u0 + i11 * u1 * u1 + i22 * u2 * u2 + 2.0 * (i01 * u0 * u1 + i02 * u0 * u2 + i12 * u1 * u2);
    }

    /** @return trace of A^-1 with the last invert() (2.5D: of the 2 x 2). */
    private double inverseTrace()
    {
        return i00 + i11 + i22;
    }
}
