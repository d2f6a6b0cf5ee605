package dev.inventory.rtls.track;

import org.agrona.collections.Long2LongHashMap;

/**
 * Per-tag constant-velocity Kalman track filter for 2D positions (x and y filtered independently; z passed
 * through), with:
 * <ul>
 * <li>innovation gating: a fix whose normalized innovation squared exceeds {@link Config#gateChi2(double)} is
 * rejected as an outlier and the track coasts;</li>
 * <li>a max-speed gate: a fix that would need more than {@link Config#maxSpeedMps(double)} from the last accepted
 * position is rejected;</li>
 * <li>divergence recovery: after {@link Config#maxConsecutiveRejects(int)} rejected fixes in a row, or a gap longer
 * than {@link Config#maxGapMs(long)}, the track restarts at the new fix;</li>
 * <li>a static filter for parked assets: once the filtered position stays within {@link Config#parkedRadiusM(double)}
 * for {@link Config#parkedAfter(int)} fixes the track is parked (velocity 0, no process noise: a running mean of up to {@link Config#parkedWindow(int)}
 * fixes); two consecutive fixes outside 3 sigma unpark it.</li>
 * </ul>
 * Tag state lives in preallocated primitive arrays indexed by a dense handle; garbage-free after construction
 * (the tag map is presized for {@link Config#capacity(int)} tags).
 * <p>
 * Instances are NOT threadsafe: one thread (the solver's or the engine's).
 */
public final class TrackFilter
{
    /** The fix was accepted into the track. */
    public static final int ACCEPTED = 0;
    /** First fix of a track, or a restart after divergence or a gap. */
    public static final int STARTED = 1;
    /** Rejected by the innovation gate; the output is the prediction. */
    public static final int GATED = 2;
    /** Rejected by the max-speed gate; the output is the prediction. */
    public static final int TOO_FAST = 3;
    /** The tag table is full; the fix passed through unfiltered. */
    public static final int NO_CAPACITY = 4;
    /** The fix is older than the track's last update; passed through unfiltered. */
    public static final int OUT_OF_ORDER = 5;

    /**
     * Filter settings, validated by {@link #conclude()}. NOT threadsafe.
     */
    public static final class Config
    {
        private int capacity = 4096;
        private double accelerationSigmaMps2 = 1.0;
        private double positionSigmaM = 0.06;
        private double gateChi2 = 13.8;
        private double maxSpeedMps = 6.0;
        private int maxConsecutiveRejects = 5;
        private long maxGapMs = 5_000;
        private double parkedRadiusM = 0.25;
        private int parkedAfter = 10;
        private int parkedWindow = 100;

        /**
         * @param capacity most tags (default 4096).
         * @return this.
         */
        public Config capacity(final int capacity)
        {
            this.capacity = capacity;
            return this;
        }

        /**
         * @param accelerationSigmaMps2 process noise: white acceleration sigma (default 1.0 m/s^2).
         * @return this.
         */
        public Config accelerationSigmaMps2(final double accelerationSigmaMps2)
        {
            this.accelerationSigmaMps2 = accelerationSigmaMps2;
            return this;
        }

        /**
         * @param positionSigmaM measurement noise per axis of a fix (default 0.06 m).
         * @return this.
         */
        public Config positionSigmaM(final double positionSigmaM)
        {
            this.positionSigmaM = positionSigmaM;
            return this;
        }

        /**
         * @param gateChi2 innovation gate on the 2-dof normalized innovation squared (default 13.8, p = 0.001).
         * @return this.
         */
        public Config gateChi2(final double gateChi2)
        {
            this.gateChi2 = gateChi2;
            return this;
        }

        /**
         * @param maxSpeedMps fastest plausible tag speed (default 6 m/s).
         * @return this.
         */
        public Config maxSpeedMps(final double maxSpeedMps)
        {
            this.maxSpeedMps = maxSpeedMps;
            return this;
        }

        /**
         * @param maxConsecutiveRejects rejected fixes in a row after which the track restarts (default 5).
         * @return this.
         */
        public Config maxConsecutiveRejects(final int maxConsecutiveRejects)
        {
            this.maxConsecutiveRejects = maxConsecutiveRejects;
            return this;
        }

        /**
         * @param maxGapMs a fix later than this after the last one restarts the track (default 5000 ms).
         * @return this.
         */
        public Config maxGapMs(final long maxGapMs)
        {
            this.maxGapMs = maxGapMs;
            return this;
        }

        /**
         * @param parkedRadiusM a track whose filtered position stays within this radius for
         *                      {@link #parkedAfter(int)} fixes parks (default 0.25 m).
         * @return this.
         */
        public Config parkedRadiusM(final double parkedRadiusM)
        {
            this.parkedRadiusM = parkedRadiusM;
            return this;
        }

        /**
         * @param parkedAfter consecutive slow accepted fixes before parking (default 10).
         * @return this.
         */
        public Config parkedAfter(final int parkedAfter)
        {
            this.parkedAfter = parkedAfter;
            return this;
        }

        /**
         * @param parkedWindow a parked position is the mean of at most this many fixes (default 100).
         * @return this.
         */
        public Config parkedWindow(final int parkedWindow)
        {
            this.parkedWindow = parkedWindow;
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
            check(capacity > 0, "capacity");
            check(accelerationSigmaMps2 > 0, "accelerationSigmaMps2");
            check(positionSigmaM > 0, "positionSigmaM");
            check(gateChi2 > 0, "gateChi2");
            check(maxSpeedMps > 0, "maxSpeedMps");
            check(maxConsecutiveRejects > 0, "maxConsecutiveRejects");
            check(maxGapMs > 0, "maxGapMs");
            check(parkedRadiusM >= 0, "parkedRadiusM");
            check(parkedAfter > 0, "parkedAfter");
            check(parkedWindow > 0, "parkedWindow");
            return this;
        }

        private static void check(final boolean ok, final String field)
        {
            if (!ok)
            {
                throw new IllegalArgumentException("invalid " + field);
            }
        }
    }

    private static final int STATE = 8; // per tag: x, vx, pxx, pxv, pvv, then y likewise in the next 8
    private static final int X = 0;
    private static final int V = 1;
    private static final int P00 = 2;
    private static final int P01 = 3;
    private static final int P11 = 4;

    private final int capacity;
    private final double qAcc;
    private final double r;
    private final double gateChi2;
    private final double maxSpeedMps;
    private final int maxConsecutiveRejects;
    private final long maxGapMs;
    private final double parkedRadiusM;
    private final int parkedAfter;
    private final double parkedFloor;

    private final Long2LongHashMap handles;
    private final double[] state;
    private final long[] lastMs;
    private final double[] lastAcceptedX;
    private final double[] lastAcceptedY;
    private final long[] lastAcceptedMs;
    private final int[] rejects;
    private final int[] slowCount;
    private final int[] moveCount;
    private final double[] slowStartX;
    private final double[] slowStartY;
    private final boolean[] parked;
    private int tagCount;

    private double outX;
    private double outY;
    private double outVx;
    private double outVy;
    private boolean outParked;

    /** A filter with default settings. */
    public TrackFilter()
    {
        this(new Config());
    }

    /**
     * @param config settings, validated here.
     */
    public TrackFilter(final Config config)
    {
        config.conclude();
        capacity = config.capacity;
        qAcc = config.accelerationSigmaMps2 * config.accelerationSigmaMps2;
        r = config.positionSigmaM * config.positionSigmaM;
        gateChi2 = config.gateChi2;
        maxSpeedMps = config.maxSpeedMps;
        maxConsecutiveRejects = config.maxConsecutiveRejects;
        maxGapMs = config.maxGapMs;
        parkedRadiusM = config.parkedRadiusM;
        parkedAfter = config.parkedAfter;
        parkedFloor = r / config.parkedWindow;
        handles = new Long2LongHashMap(capacity * 2, 0.65f, -1L);
        state = new double[capacity * STATE * 2];
        lastMs = new long[capacity];
        lastAcceptedX = new double[capacity];
        lastAcceptedY = new double[capacity];
        lastAcceptedMs = new long[capacity];
        rejects = new int[capacity];
        slowCount = new int[capacity];
        moveCount = new int[capacity];
        slowStartX = new double[capacity];
        slowStartY = new double[capacity];
        parked = new boolean[capacity];
    }

    /**
     * Filter one fix of a tag. Read the result with {@link #xM()}, {@link #yM()}, {@link #vxMps()},
     * {@link #vyMps()}, {@link #isParked()}.
     *
     * @param tagId       tag id.
     * @param timestampMs fix time, epoch ms.
     * @param xM          fix x in metres.
     * @param yM          fix y in metres.
     * @return {@link #ACCEPTED}, {@link #STARTED}, {@link #GATED}, {@link #TOO_FAST}, {@link #NO_CAPACITY} or
     * {@link #OUT_OF_ORDER}.
     */
    public int update(final long tagId, final long timestampMs, final double xM, final double yM)
    {
        long handle = handles.get(tagId);
        if (handle < 0)
        {
            if (tagCount == capacity)
            {
                passThrough(xM, yM);
                return NO_CAPACITY;
            }
            handle = tagCount++;
            handles.put(tagId, handle);
            start((int)handle, timestampMs, xM, yM);
            return STARTED;
        }
        final int tag = (int)handle;
        final long dtMs = timestampMs - lastMs[tag];
        if (dtMs < 0)
        {
            passThrough(xM, yM);
            return OUT_OF_ORDER;
        }
        if (dtMs > maxGapMs)
        {
            start(tag, timestampMs, xM, yM);
            return STARTED;
        }
        final double dt = dtMs * 1e-3;
        final double[] state = this.state;
        final int bx = tag * STATE * 2;
        final int by = bx + STATE;
        final boolean isParked = parked[tag];
        predict(state, bx, dt, isParked ? 0.0 : qAcc);
        predict(state, by, dt, isParked ? 0.0 : qAcc);
        lastMs[tag] = timestampMs;

        final double ix = xM - state[bx + X];
        final double iy = yM - state[by + X];
        final double sx = state[bx + P00] + r;
        final double sy = state[by + P00] + r;
        final double nis = ix * ix / sx + iy * iy / sy;

        if (isParked)
        {
            if (nis > 9.0 * 2.0)
            {
                if (++moveCount[tag] >= 2)
                {
                    unpark(tag, bx, by, timestampMs, xM, yM);
                    return STARTED;
                }
                return reject(tag, bx, by, GATED, timestampMs, xM, yM);
            }
            moveCount[tag] = 0;
        }
        else
        {
            final double sinceS = (timestampMs - lastAcceptedMs[tag]) * 1e-3;
            final double jumpM = Math.hypot(xM - lastAcceptedX[tag], yM - lastAcceptedY[tag]);
            // allow 4 sigma of fix noise on top of the fastest plausible move
            if (jumpM > maxSpeedMps * sinceS + 4.0 * Math.sqrt(2.0 * r))
            {
                return reject(tag, bx, by, TOO_FAST, timestampMs, xM, yM);
            }
            if (nis > gateChi2)
            {
                return reject(tag, bx, by, GATED, timestampMs, xM, yM);
            }
        }

        correct(state, bx, ix, sx);
        correct(state, by, iy, sy);
        if (isParked)
        {
            state[bx + P00] = Math.max(state[bx + P00], parkedFloor);
            state[by + P00] = Math.max(state[by + P00], parkedFloor);
        }
        rejects[tag] = 0;
        lastAcceptedX[tag] = xM;
        lastAcceptedY[tag] = yM;
        lastAcceptedMs[tag] = timestampMs;

        if (!isParked)
        {
            if (Math.hypot(state[bx + X] - slowStartX[tag], state[by + X] - slowStartY[tag]) <= parkedRadiusM)
            {
                if (++slowCount[tag] >= parkedAfter)
                {
                    parked[tag] = true;
                    moveCount[tag] = 0;
                    state[bx + V] = 0;
                    state[by + V] = 0;
                    state[bx + P01] = 0;
                    state[by + P01] = 0;
                    state[bx + P11] = 0;
                    state[by + P11] = 0;
                }
            }
            else
            {
                slowCount[tag] = 0;
                slowStartX[tag] = state[bx + X];
                slowStartY[tag] = state[by + X];
            }
        }
        output(tag, bx, by);
        return ACCEPTED;
    }

    private int reject(
        final int tag, final int bx, final int by, final int reason, final long timestampMs, final double xM,
        final double yM)
    {
        if (++rejects[tag] >= maxConsecutiveRejects)
        {
            start(tag, timestampMs, xM, yM);
            return STARTED;
        }
        output(tag, bx, by);
        return reason;
    }

    private void start(final int tag, final long timestampMs, final double xM, final double yM)
    {
        final double[] state = this.state;
        final int bx = tag * STATE * 2;
        final int by = bx + STATE;
        final double velocityVariance = maxSpeedMps * maxSpeedMps * 0.25;
        init(state, bx, xM, r, velocityVariance);
        init(state, by, yM, r, velocityVariance);
        lastMs[tag] = timestampMs;
        lastAcceptedX[tag] = xM;
        lastAcceptedY[tag] = yM;
        lastAcceptedMs[tag] = timestampMs;
        rejects[tag] = 0;
        slowCount[tag] = 0;
        slowStartX[tag] = xM;
        slowStartY[tag] = yM;
        moveCount[tag] = 0;
        parked[tag] = false;
        output(tag, bx, by);
    }

    private void unpark(final int tag, final int bx, final int by, final long timestampMs, final double xM,
        final double yM)
    {
        start(tag, timestampMs, xM, yM);
    }

    private static void init(final double[] s, final int b, final double x, final double p00, final double p11)
    {
        s[b + X] = x;
        s[b + V] = 0;
        s[b + P00] = p00;
        s[b + P01] = 0;
        s[b + P11] = p11;
    }

    private static void predict(final double[] s, final int b, final double dt, final double q)
    {
        final double p00 = s[b + P00];
        final double p01 = s[b + P01];
        final double p11 = s[b + P11];
        final double dt2 = dt * dt;
        s[b + X] += s[b + V] * dt;
        s[b + P00] = p00 + 2 * dt * p01 + dt2 * p11 + q * dt2 * dt2 * 0.25;
        s[b + P01] = p01 + dt * p11 + q * dt2 * dt * 0.5;
        s[b + P11] = p11 + q * dt2;
    }

    private static void correct(final double[] s, final int b, final double innovation, final double sVar)
    {
        final double p00 = s[b + P00];
        final double p01 = s[b + P01];
        final double p11 = s[b + P11];
        final double k0 = p00 / sVar;
        final double k1 = p01 / sVar;
        s[b + X] += k0 * innovation;
        s[b + V] += k1 * innovation;
        s[b + P00] = (1 - k0) * p00;
        s[b + P01] = (1 - k0) * p01;
        s[b + P11] = p11 - k1 * p01;
    }

    private void output(final int tag, final int bx, final int by)
    {
        final double[] state = this.state;
        outX = state[bx + X];
        outY = state[by + X];
        outVx = state[bx + V];
        outVy = state[by + V];
        outParked = parked[tag];
    }

    private void passThrough(final double xM, final double yM)
    {
        outX = xM;
        outY = yM;
        outVx = Double.NaN;
        outVy = Double.NaN;
        outParked = false;
    }

    /** @return filtered x of the last update, metres. */
    public double xM()
    {
        return outX;
    }

    /** @return filtered y of the last update, metres. */
    public double yM()
    {
        return outY;
    }

    /** @return estimated x velocity of the last update, m/s (NaN on pass-through). */
    public double vxMps()
    {
        return outVx;
    }

    /** @return estimated y velocity of the last update, m/s (NaN on pass-through). */
    public double vyMps()
    {
        return outVy;
    }

    /** @return true if the last updated track is parked. */
    public boolean isParked()
    {
        return outParked;
    }

    /** @return tags tracked. */
    public int tagCount()
    {
        return tagCount;
    }

    /**
     * @param status an update result.
     * @return its name.
     */
    public static String statusName(final int status)
    {
        switch (status)
        {
            case ACCEPTED: return "accepted";
            case STARTED: return "started";
            case GATED: return "gated";
            case TOO_FAST: return "too_fast";
            case NO_CAPACITY: return "no_capacity";
            case OUT_OF_ORDER: return "out_of_order";
            default: return "unknown";
        }
    }
}
