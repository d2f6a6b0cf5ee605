package dev.inventory.rtls.solve;

/**
 * Time-difference-of-arrival (TDoA) position solver for anchors on a common (synchronized) clock, 2.5D (known tag
 * height) and 3D. Each anchor reports the arrival time of one tag blink as a pseudo-range
 * {@code p_i = c * t_i = |x - a_i| + b} in metres, where the common offset {@code b} (transmit time x c plus the
 * clock epoch) is unknown and solved with the position ({@link Fix#clockBiasM()}). Feed one blink with
 * {@link #begin()} and {@link #add(int, double, double, double, double)}, then call {@link #solve2d(double, Fix)}
 * or {@link #solve3d(Fix)}.
 * <ol>
 * <li>Validation (shared with {@link TwrSolver}): non-finite pseudo-ranges or anchors, conflicting duplicate
 * anchors (agreeing ones are averaged), too few anchors (2.5D: 4, 3D: 5), collinear (2.5D) or coplanar (3D) anchors
 * ({@link Config#minAnchorSpreadM(double)}) are rejected with a {@link SolveStatus}. Physically impossible differences: for
 * every anchor pair, |p_i - p_j| may not exceed the baseline |a_i - a_j| plus
 * {@link Config#baselineToleranceM(double)}; the later arrival of the worst pair (NLOS only delays) is dropped
 * ({@link Fix#excludedMask()}), up to {@link Config#maxImpossibleExclusions(int)}, beyond which, or when too few
 * arrivals would remain, the blink is rejected as {@link SolveStatus#BAD_DISTANCE}.</li>
 * <li>Start (Chan's first step): with the earliest anchor r as reference, u = x - a_r, R = |u| and
 * d_i = p_i - p_r, each other anchor gives the linear equation 2 (a_i - a_r) . u + 2 d_i R = |a_i - a_r|^2 - d_i^2
 * in (u, R), solved by least squares.</li>
 * <li>Refinement: Gauss-Newton on pseudo-range residuals over (x, y[, z], b) with Huber IRLS weights and step
 * halving when a step does not lower the robust cost.</li>
 * <li>Exclusion: while at least unknowns + 3 arrivals remain, the arrival with the largest positive studentized
 * residual (residual / (sigma sqrt(1 - leverage))) above {@link Config#exclusionGateSigmas(double)} is dropped as
 * NLOS (late) and the fit repeated, up to {@link Config#maxExclusions(int)}.</li>
 * <li>Quality: residual RMS and position DOP; fixes above {@link Config#maxResidualRmsM(double)} or
 * {@link Config#maxGdop(double)} are rejected; a valid fix outside the anchor hull plus
 * {@link Config#hullToleranceM(double)} is flagged and optionally clipped, as in {@link TwrSolver}.</li>
 * </ol>
 * Garbage-free: all work arrays are allocated in the constructor.
 * <p>
 * Instances are NOT threadsafe: one solver per thread.
 */
public final class TdoaSolver
{
    /** Speed of light in metres per nanosecond, to turn arrival times into pseudo-ranges. */
    public static final double SPEED_OF_LIGHT_M_PER_NS = 0.299792458;

    /**
     * Solver settings, validated by {@link #conclude()}. Instances are NOT threadsafe.
     */
    public static final class Config
    {
        private int capacity = 16;
        private double sigmaM = 0.10;
        private double huberK = 1.5;
        private double baselineToleranceM = 0.3;
        private int maxImpossibleExclusions = 2;
        private double exclusionGateSigmas = 3.0;
        private int maxExclusions = 2;
        private double duplicateToleranceM = 0.5;
        private double maxResidualRmsM = 1.0;
        private double maxGdop = 20.0;
        private double minAnchorSpreadM = 0.25;
        private int maxIterations = 100;
        private double convergenceM = 5e-4;
        private double hullToleranceM = 1.0;
        private boolean clipToHull;

        /**
         * @param capacity most anchors per blink (default 16, 5..64).
         * @return this.
         */
        public Config capacity(final int capacity)
        {
            this.capacity = capacity;
            return this;
        }

        /**
         * @param sigmaM standard deviation of one pseudo-range (arrival time x c) in metres (default 0.10).
         * @return this.
         */
        public Config sigmaM(final double sigmaM)
        {
            this.sigmaM = sigmaM;
            return this;
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
         * @param baselineToleranceM slack in metres on the |p_i - p_j| &lt;= baseline check, for noise (default 0.3).
         * @return this.
         */
        public Config baselineToleranceM(final double baselineToleranceM)
        {
            this.baselineToleranceM = baselineToleranceM;
            return this;
        }

        /**
         * @param maxImpossibleExclusions how many arrivals may be dropped (the later of a pair whose difference
         *                                exceeds the baseline) before the whole blink is rejected as
         *                                {@link SolveStatus#BAD_DISTANCE} (default 2; 0: reject at once).
         * @return this.
         */
        public Config maxImpossibleExclusions(final int maxImpossibleExclusions)
        {
            this.maxImpossibleExclusions = maxImpossibleExclusions;
            return this;
        }

        /**
         * @param exclusionGateSigmas studentized residual, in sigmas, above which a late arrival is excluded as NLOS
         *                            (default 3).
         * @return this.
         */
        public Config exclusionGateSigmas(final double exclusionGateSigmas)
        {
            this.exclusionGateSigmas = exclusionGateSigmas;
            return this;
        }

        /**
         * @param maxExclusions most arrivals excluded as NLOS per blink, each only while at least unknowns + 3
         *                      arrivals remain (default 2; 0: off).
         * @return this.
         */
        public Config maxExclusions(final int maxExclusions)
        {
            this.maxExclusions = maxExclusions;
            return this;
        }

        /**
         * @param duplicateToleranceM the same anchor twice within this many metres is averaged, else rejected
         *                            (default 0.5).
         * @return this.
         */
        public Config duplicateToleranceM(final double duplicateToleranceM)
        {
            this.duplicateToleranceM = duplicateToleranceM;
            return this;
        }

        /**
         * @param maxResidualRmsM residual RMS in metres above which a fix is inconsistent (default 1.0).
         * @return this.
         */
        public Config maxResidualRmsM(final double maxResidualRmsM)
        {
            this.maxResidualRmsM = maxResidualRmsM;
            return this;
        }

        /**
         * @param maxGdop position DOP above which the geometry is too weak (default 20).
         * @return this.
         */
        public Config maxGdop(final double maxGdop)
        {
            this.maxGdop = maxGdop;
            return this;
        }

        /**
         * @param minAnchorSpreadM smallest standard deviation of the anchors across their weakest direction
         *                         (horizontal for 2.5D, 3D for 3D) below which they count as collinear / coplanar and
         *                         the blink is rejected as {@link SolveStatus#DEGENERATE_GEOMETRY} (default 0.25 m).
         * @return this.
         */
        public Config minAnchorSpreadM(final double minAnchorSpreadM)
        {
            this.minAnchorSpreadM = minAnchorSpreadM;
            return this;
        }

        /**
         * @param maxIterations Gauss-Newton iteration cap (default 100; Huber IRLS converges linearly when NLOS
         *                      arrivals are down-weighted).
         * @return this.
         */
        public Config maxIterations(final int maxIterations)
        {
            this.maxIterations = maxIterations;
            return this;
        }

        /**
         * @param convergenceM stop when a position step is shorter than this, in metres (default 5e-4).
         * @return this.
         */
        public Config convergenceM(final double convergenceM)
        {
            this.convergenceM = convergenceM;
            return this;
        }

        /**
         * @param hullToleranceM how far (metres, horizontal) a fix may lie outside the convex hull of its anchors
         *                       before it is flagged (default 1.0; +infinity: no check).
         * @return this.
         */
        public Config hullToleranceM(final double hullToleranceM)
        {
            this.hullToleranceM = hullToleranceM;
            return this;
        }

        /**
         * @param clipToHull if true, a fix flagged outside the hull is moved onto the hull grown by the tolerance.
         * @return this.
         */
        public Config clipToHull(final boolean clipToHull)
        {
            this.clipToHull = clipToHull;
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
            TwrSolver.Config.require(capacity >= 5 && capacity <= 64, "capacity", capacity);
            TwrSolver.Config.require(sigmaM > 0 && Double.isFinite(sigmaM), "sigmaM", sigmaM);
            TwrSolver.Config.require(huberK > 0, "huberK", huberK);
            TwrSolver.Config.require(baselineToleranceM >= 0, "baselineToleranceM", baselineToleranceM);
            TwrSolver.Config.require(maxImpossibleExclusions >= 0, "maxImpossibleExclusions", maxImpossibleExclusions);
            TwrSolver.Config.require(exclusionGateSigmas > 0, "exclusionGateSigmas", exclusionGateSigmas);
            TwrSolver.Config.require(maxExclusions >= 0, "maxExclusions", maxExclusions);
            TwrSolver.Config.require(duplicateToleranceM >= 0, "duplicateToleranceM", duplicateToleranceM);
            TwrSolver.Config.require(maxResidualRmsM > 0, "maxResidualRmsM", maxResidualRmsM);
            TwrSolver.Config.require(maxGdop > 0, "maxGdop", maxGdop);
            TwrSolver.Config.require(minAnchorSpreadM >= 0, "minAnchorSpreadM", minAnchorSpreadM);
            TwrSolver.Config.require(maxIterations >= 1, "maxIterations", maxIterations);
            TwrSolver.Config.require(convergenceM > 0, "convergenceM", convergenceM);
            TwrSolver.Config.require(hullToleranceM >= 0, "hullToleranceM", hullToleranceM);
            return this;
        }
    }

    private static final int MAX_STEP_HALVINGS = 8;

    private final double huberM;
    private final double baselineToleranceM;
    private final int maxImpossibleExclusions;
    private final double sigmaM;
    private final double gateSigmas;
    private final int maxExclusions;
    private final double duplicateToleranceM;
    private final double maxResidualRmsM;
    private final double maxGdop;
    private final double minSpreadSquaredM2;
    private final int maxIterations;
    private final double convergenceM;
    private final double hullToleranceM;
    private final boolean clipToHull;
    private final AnchorSet anchors;
    private final double[] ax;
    private final double[] ay;
    private final double[] az;
    private final double[] diffM;
    private final boolean[] active;
    private final double[] normal = new double[16];
    private final double[] rhs = new double[4];
    private final double[] scratch = new double[4];
    private final double[] row = new double[4];

    private int dims;
    private double heightM;
    private double px;
    private double py;
    private double pz;
    private double bias;
    private int iterations;

    /** A solver with default settings. */
    public TdoaSolver()
    {
        this(new Config());
    }

    /**
     * @param config settings, validated here.
     */
    public TdoaSolver(final Config config)
    {
        config.conclude();
        huberM = config.huberK * config.sigmaM;
        baselineToleranceM = config.baselineToleranceM;
        maxImpossibleExclusions = config.maxImpossibleExclusions;
        sigmaM = config.sigmaM;
        gateSigmas = config.exclusionGateSigmas;
        maxExclusions = config.maxExclusions;
        duplicateToleranceM = config.duplicateToleranceM;
        maxResidualRmsM = config.maxResidualRmsM;
        maxGdop = config.maxGdop;
        minSpreadSquaredM2 = config.minAnchorSpreadM * config.minAnchorSpreadM;
        maxIterations = config.maxIterations;
        convergenceM = config.convergenceM;
        hullToleranceM = config.hullToleranceM;
        clipToHull = config.clipToHull;
        anchors = new AnchorSet(config.capacity);
        ax = anchors.ax;
        ay = anchors.ay;
        az = anchors.az;
        active = anchors.active;
        diffM = new double[config.capacity];
    }

    /** Start a new blink: forget the arrivals added so far. */
    public void begin()
    {
        anchors.begin();
    }

    /**
     * Add one anchor's arrival of the current blink.
     *
     * @param anchorId      anchor id (used to detect duplicates).
     * @param xM            anchor x in metres.
     * @param yM            anchor y in metres.
     * @param zM            anchor z in metres.
     * @param pseudoRangeM  arrival time x c in metres on the anchors' common clock (any common offset; see
     *                      {@link #SPEED_OF_LIGHT_M_PER_NS}); validated at solve time.
     * @return false if the solver is full; the blink will then be rejected with {@link SolveStatus#TOO_MANY_RANGES}.
     */
    public boolean add(final int anchorId, final double xM, final double yM, final double zM, final double pseudoRangeM)
    {
        return anchors.add(anchorId, xM, yM, zM, pseudoRangeM);
    }

    /** @return arrivals added to the current blink. */
    public int count()
    {
        return anchors.count;
    }

    /** @return most arrivals per blink. */
    public int capacity()
    {
        return anchors.capacity;
    }

    /**
     * Solve the current blink in 2.5D: x, y and the offset free, z fixed at the tag's known height.
     *
     * @param heightM tag height in metres (finite).
     * @param fix     receives the result; {@link Fix#clockBiasM()} is the solved offset.
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
     * Solve the current blink in 3D (needs anchors that span the height).
     *
     * @param fix receives the result; {@link Fix#clockBiasM()} is the solved offset.
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
        final int status = anchors.validate(
            dims, dims + 2, -Double.MAX_VALUE, Double.MAX_VALUE, duplicateToleranceM, minSpreadSquaredM2, fix);
        if (status != SolveStatus.OK)
        {
            return status;
        }
        final int n = anchors.count;
        final double[] pseudoM = anchors.valueM;
        final boolean[] active = this.active;
        int m = anchors.activeCount;

        // reference = earliest arrival; differences relative to it keep the numbers small whatever the clock epoch
        int ref = -1;
        for (int i = 0; i < n; i++)
        {
            if (active[i] && (ref < 0 || pseudoM[i] < pseudoM[ref]))
            {
                ref = i;
            }
        }
        final double[] diffM = this.diffM;
        final double refM = pseudoM[ref];
        for (int i = 0; i < n; i++)
        {
            diffM[i] = pseudoM[i] - refM;
        }

        // physically impossible differences: |d_i - d_j| <= |a_i - a_j| wherever the tag is. NLOS only delays an
        // arrival, so the later arrival of the worst violating pair is dropped, up to maxImpossibleExclusions
        int excluded = 0;
        while (true)
        {
            final int late = worstImpossible();
            if (late < 0)
            {
                break;
            }
            if (excluded == maxImpossibleExclusions || m == dims + 2)
            {
                return SolveStatus.BAD_DISTANCE;
            }
            active[late] = false;
            fix.excludedMask |= late < 64 ? 1L << late : 0;
            excluded++;
            m--;
        }

        if (!linearStart(ref))
        {
            return SolveStatus.DEGENERATE_GEOMETRY;
        }
        if (!refine())
        {
            return SolveStatus.NO_CONVERGENCE;
        }
        // NLOS exclusion: with redundancy to spare, drop the latest-looking arrival while its studentized residual
        // (the closed form of a leave-one-out test) is above the gate, then refit
        for (int e = 0; e < maxExclusions && m >= dims + 4; e++)
        {
            final int worst = worstStudentized();
            if (worst < 0)
            {
                break;
            }
            active[worst] = false;
            fix.excludedMask |= worst < 64 ? 1L << worst : 0;
            m--;
            if (!refine())
            {
                return SolveStatus.NO_CONVERGENCE;
            }
        }
        return quality(fix, m, refM);
    }

    /** @return the active arrival with the largest positive studentized residual above the gate, or -1. */
    private int worstStudentized()
    {
        final int n = anchors.count;
        final int dims = this.dims;
        final int k = dims + 1;
        final double[] normal = this.normal;
        final double[] rhs = this.rhs;
        final double[] row = this.row;
        final boolean[] active = this.active;
        clear(normal, rhs, k);
        for (int i = 0; i < n; i++)
        {
            if (active[i])
            {
                jacobianRow(i);
                accumulate(normal, rhs, k, row[0], row[1], row[2], row[3], 0.0, 1.0);
            }
        }
        if (!SmallMatrix.cholesky(normal, k))
        {
            return -1;
        }
        int worst = -1;
        double worstT = gateSigmas * sigmaM;
        for (int i = 0; i < n; i++)
        {
            if (!active[i])
            {
                continue;
            }
            final double r = diffM[i] - distance(i, px, py, pz) - bias;
            if (r <= 0) // NLOS only delays an arrival
            {
                continue;
            }
            jacobianRow(i);
            final double leverage = SmallMatrix.inverseForm(normal, k, row, scratch);
            final double t = r / Math.sqrt(Math.max(1e-6, 1.0 - leverage));
            if (t > worstT)
            {
                worstT = t;
                worst = i;
            }
        }
        return worst;
    }

    /** row = d(model_i)/d(x, y[, z], b) at the current point. */
    private void jacobianRow(final int i)
    {
        final double dx = px - ax[i];
        final double dy = py - ay[i];
        final double dz = pz - az[i];
        final double rho = Math.max(1e-6, Math.sqrt(dx * dx + dy * dy + dz * dz));
        final double[] row = this.row;
        row[0] = dx / rho;
        row[1] = dy / rho;
        if (dims == 2)
        {
            row[2] = 1.0;
            row[3] = 0.0;
        }
        else
        {
            row[2] = dz / rho;
            row[3] = 1.0;
        }
    }

    /** @return the later arrival of the pair that most exceeds its baseline (plus tolerance), or -1 if none. */
    private int worstImpossible()
    {
        final int n = anchors.count;
        final boolean[] active = this.active;
        final double[] diffM = this.diffM;
        int late = -1;
        double worstM = baselineToleranceM;
        for (int i = 0; i < n; i++)
        {
            if (!active[i])
            {
                continue;
            }
            for (int j = i + 1; j < n; j++)
            {
                if (active[j])
                {
                    final double dx = ax[i] - ax[j];
                    final double dy = ay[i] - ay[j];
                    final double dz = az[i] - az[j];
                    final double excessM = Math.abs(diffM[i] - diffM[j]) - Math.sqrt(dx * dx + dy * dy + dz * dz);
                    if (excessM > worstM)
                    {
                        worstM = excessM;
                        late = diffM[i] > diffM[j] ? i : j;
                    }
                }
            }
        }
        return late;
    }

    /** Chan's first step in (u, R), u = x - a_ref, R = |u|; then b from the mean residual. */
    private boolean linearStart(final int ref)
    {
        final int n = anchors.count;
        final int dims = this.dims;
        final int k = dims + 1;
        final double[] normal = this.normal;
        final double[] rhs = this.rhs;
        final boolean[] active = this.active;
        final double rx = ax[ref];
        final double ry = ay[ref];
        final double rz = az[ref];
        final double uz = heightM - rz;
        clear(normal, rhs, k);
        for (int i = 0; i < n; i++)
        {
            if (!active[i] || i == ref)
            {
                continue;
            }
            final double sx = ax[i] - rx;
            final double sy = ay[i] - ry;
            final double sz = az[i] - rz;
            final double d = diffM[i];
            double b = sx * sx + sy * sy + sz * sz - d * d;
            final double c0 = 2.0 * sx;
            final double c1 = 2.0 * sy;
            final double c2;
            final double c3;
            if (dims == 2)
            {
                b -= 2.0 * sz * uz;
                c2 = 2.0 * d;
                c3 = 0.0;
            }
            else
            {
                c2 = 2.0 * sz;
                c3 = 2.0 * d;
            }
            accumulate(normal, rhs, k, c0, c1, c2, c3, b, 1.0);
        }
        if (!SmallMatrix.cholesky(normal, k))
        {
            return false;
        }
        SmallMatrix.solve(normal, k, rhs);
        px = rx + rhs[0];
        py = ry + rhs[1];
        pz = dims == 2 ? heightM : rz + rhs[2];
        if (!Double.isFinite(px) || !Double.isFinite(py) || !Double.isFinite(pz))
        {
            return false;
        }
        double sum = 0;
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (active[i])
            {
                sum += diffM[i] - distance(i, px, py, pz);
                m++;
            }
        }
        bias = sum / m;
        return true;
    }

    private boolean refine()
    {
        final int n = anchors.count;
        final int dims = this.dims;
        final int k = dims + 1;
        final double[] normal = this.normal;
        final double[] rhs = this.rhs;
        final boolean[] active = this.active;
        final double[] ax = this.ax;
        final double[] ay = this.ay;
        final double[] az = this.az;
        final double[] diffM = this.diffM;
        final double huberM = this.huberM;
        double cost = cost(px, py, pz, bias);
        for (int it = 0; it < maxIterations; it++)
        {
            iterations++;
            clear(normal, rhs, k);
            for (int i = 0; i < n; i++)
            {
                if (!active[i])
                {
                    continue;
                }
                final double dx = px - ax[i];
                final double dy = py - ay[i];
                final double dz = pz - az[i];
                final double rho = Math.max(1e-6, Math.sqrt(dx * dx + dy * dy + dz * dz));
                final double r = diffM[i] - rho - bias;
                final double abs = Math.abs(r);
                final double w = abs <= huberM ? 1.0 : huberM / abs;
                if (dims == 2)
                {
                    accumulate(normal, rhs, k, dx / rho, dy / rho, 1.0, 0.0, r, w);
                }
                else
                {
                    accumulate(normal, rhs, k, dx / rho, dy / rho, dz / rho, 1.0, r, w);
                }
            }
            if (!SmallMatrix.cholesky(normal, k))
            {
                return false;
            }
            SmallMatrix.solve(normal, k, rhs);
            double sx = rhs[0];
            double sy = rhs[1];
            double sz = dims == 2 ? 0.0 : rhs[2];
            double sb = rhs[dims];
            double next = cost(px + sx, py + sy, pz + sz, bias + sb);
            for (int h = 0; h < MAX_STEP_HALVINGS && !(next <= cost); h++)
            {
                sx *= 0.5;
                sy *= 0.5;
                sz *= 0.5;
                sb *= 0.5;
                next = cost(px + sx, py + sy, pz + sz, bias + sb);
            }
            if (!(next <= cost))
            {
                return Double.isFinite(cost); // no descent left: at the minimum within rounding
            }
            px += sx;
            py += sy;
            pz += sz;
            bias += sb;
            final double drop = cost - next;
            cost = next;
            if (sx * sx + sy * sy + sz * sz < convergenceM * convergenceM || drop <= 1e-12 * cost)
            {
                return true;
            }
        }
        return false;
    }

    private int quality(final Fix fix, final int m, final double refM)
    {
        final int n = anchors.count;
        final int dims = this.dims;
        final int k = dims + 1;
        final double[] normal = this.normal;
        final double[] rhs = this.rhs;
        clear(normal, rhs, k);
        double sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            if (!active[i])
            {
                continue;
            }
            final double dx = px - ax[i];
            final double dy = py - ay[i];
            final double dz = pz - az[i];
            final double rho = Math.max(1e-6, Math.sqrt(dx * dx + dy * dy + dz * dz));
            final double r = diffM[i] - rho - bias;
            sumSquares += r * r;
            if (dims == 2)
            {
                accumulate(normal, rhs, k, dx / rho, dy / rho, 1.0, 0.0, 0.0, 1.0);
            }
            else
            {
                accumulate(normal, rhs, k, dx / rho, dy / rho, dz / rho, 1.0, 0.0, 1.0);
            }
        }
        if (!SmallMatrix.cholesky(normal, k))
        {
            return SolveStatus.DEGENERATE_GEOMETRY;
        }
        final double gdop = Math.sqrt(SmallMatrix.inverseTrace(normal, k, dims, scratch));
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
        fix.clockBiasM = refM + bias;
        return SolveStatus.OK;
    }

    private double cost(final double x, final double y, final double z, final double b)
    {
        final double huberM = this.huberM;
        double sum = 0;
        for (int i = 0, n = anchors.count; i < n; i++)
        {
            if (active[i])
            {
                final double abs = Math.abs(diffM[i] - distance(i, x, y, z) - b);
                sum += abs <= huberM ? 0.5 * abs * abs : huberM * (abs - 0.5 * huberM);
            }
        }
        return sum;
    }

    private double distance(final int i, final double x, final double y, final double z)
    {
        final double dx = x - ax[i];
        final double dy = y - ay[i];
        final double dz = z - az[i];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static void clear(final double[] normal, final double[] rhs, final int k)
    {
        for (int i = 0; i < k * k; i++)
        {
            normal[i] = 0.0;
        }
        for (int i = 0; i < k; i++)
        {
            rhs[i] = 0.0;
        }
    }

    /** normal += w c c^T, rhs += w c b, for a row c of up to 4 coefficients. */
    private void accumulate(
        final double[] normal,
        final double[] rhs,
        final int k,
        final double c0,
        final double c1,
        final double c2,
        final double c3,
        final double b,
        final double w)
    {
        final double[] c = this.row;
        c[0] = c0;
        c[1] = c1;
        c[2] = c2;
        c[3] = c3;
        for (int i = 0; i < k; i++)
        {
            final double wci = w * c[i];
            rhs[i] += wci * b;
            for (int j = 0; j < k; j++)
            {
                normal[i * k + j] += wci * c[j];
            }
        }
    }
}
