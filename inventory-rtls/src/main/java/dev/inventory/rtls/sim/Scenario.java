package dev.inventory.rtls.sim;

import java.util.SplittableRandom;

/**
 * A deterministic simulated UWB two-way-ranging data set with ground truth: anchors, and fixes made of ranges
 * (noise, NLOS bias, gross outliers), all from a seeded generator. Build with {@link #canonicalHall(long, int)},
 * {@link #sparseHall(long, int)} or {@link #forklifts(long, int, int)}.
 * <p>
 * The hall is 60 m x 40 m; 8 anchors at 4-6 m: four corners, the middle of the two long walls and two pillars.
 * Tags are at {@link #TAG_HEIGHT_M}. Ranging noise is Gaussian, sigma {@link #SIGMA_M}; an NLOS range gets
 * +0.3..1.5 m, a gross outlier +3..6 m.
 * <p>
 * Immutable after construction; threadsafe to read.
 */
public final class Scenario
{
    /** Hall length along x, metres. */
    public static final double HALL_X_M = 60.0;
    /** Hall width along y, metres. */
    public static final double HALL_Y_M = 40.0;
    /** Tag height, metres. */
    public static final double TAG_HEIGHT_M = 1.0;
    /** Ranging noise sigma, metres. */
    public static final double SIGMA_M = 0.10;

    private static final double[][] HALL_ANCHORS = {
        {0.0, 0.0, 5.0}, {60.0, 0.0, 5.5}, {60.0, 40.0, 4.5}, {0.0, 40.0, 6.0},
        {30.0, 0.0, 4.0}, {30.0, 40.0, 5.0}, {20.0, 15.0, 4.5}, {40.0, 25.0, 5.5}};

    private final String name;
    private final int[] anchorIds;
    private final double[] anchorX;
    private final double[] anchorY;
    private final double[] anchorZ;
    private final int fixCount;
    private final long[] timeMs;
    private final long[] tagId;
    private final int[] firstRange;
    private final double[] trueX;
    private final double[] trueY;
    private final double[] trueZ;
    private final int[] rangeAnchor;
    private final double[] rangeM;

    private Scenario(
        final String name,
        final double[][] anchors,
        final int fixCount,
        final long[] timeMs,
        final long[] tagId,
        final int[] firstRange,
        final double[] trueX,
        final double[] trueY,
        final double[] trueZ,
        final int[] rangeAnchor,
        final double[] rangeM)
    {
        this.name = name;
        this.anchorIds = new int[anchors.length];
        this.anchorX = new double[anchors.length];
        this.anchorY = new double[anchors.length];
        this.anchorZ = new double[anchors.length];
        for (int i = 0; i < anchors.length; i++)
        {
            anchorIds[i] = 101 + i;
            anchorX[i] = anchors[i][0];
            anchorY[i] = anchors[i][1];
            anchorZ[i] = anchors[i][2];
        }
        this.fixCount = fixCount;
        this.timeMs = timeMs;
        this.tagId = tagId;
        this.firstRange = firstRange;
        this.trueX = trueX;
        this.trueY = trueY;
        this.trueZ = trueZ;
        this.rangeAnchor = rangeAnchor;
        this.rangeM = rangeM;
    }

    /**
     * Static tags spread uniformly over the hall, every anchor in range, 5% NLOS.
     *
     * @param seed  random seed.
     * @param fixes number of fixes.
     * @return the scenario.
     */
    public static Scenario canonicalHall(final long seed, final int fixes)
    {
        return staticTags("canonical", seed, fixes, HALL_ANCHORS, 0, 0.05, 0.0);
    }

    /**
     * Like {@link #canonicalHall(long, int)}, but only the nearest 3 or 4 anchors are in range.
     *
     * @param seed  random seed.
     * @param fixes number of fixes.
     * @return the scenario.
     */
    public static Scenario sparseHall(final long seed, final int fixes)
    {
        return staticTags("sparse", seed, fixes, HALL_ANCHORS, 3, 0.05, 0.0);
    }

    /**
     * Static tags in a hall whose anchors span the height (alternately 0.5 m and 6 m), for 3D solves; tags at
     * 0.5..3 m.
     *
     * @param seed  random seed.
     * @param fixes number of fixes.
     * @return the scenario.
     */
    public static Scenario hall3d(final long seed, final int fixes)
    {
        final double[][] anchors = new double[HALL_ANCHORS.length][];
        for (int i = 0; i < anchors.length; i++)
        {
            anchors[i] = new double[] {HALL_ANCHORS[i][0], HALL_ANCHORS[i][1], (i & 1) == 0 ? 0.5 : 6.0};
        }
        return staticTags("hall3d", seed, fixes, anchors, 0, 0.05, 2.5);
    }

    private static Scenario staticTags(
        final String name,
        final long seed,
        final int fixes,
        final double[][] anchors,
        final int sparseMin,
        final double nlosRate,
        final double heightSpreadM)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int a = anchors.length;
        final long[] time = new long[fixes];
        final long[] tags = new long[fixes];
        final int[] first = new int[fixes + 1];
        final double[] tx = new double[fixes];
        final double[] ty = new double[fixes];
        final double[] tz = new double[fixes];
        final int[] rangeAnchor = new int[fixes * a];
        final double[] ranges = new double[fixes * a];
        final double[] distance = new double[a];
        final int[] order = new int[a];
        int r = 0;
        for (int f = 0; f < fixes; f++)
        {
            time[f] = 1_700_000_000_000L + f * 100L;
            tags[f] = 1 + (f % 50);
            final double x = 1.0 + random.nextDouble() * (HALL_X_M - 2.0);
            final double y = 1.0 + random.nextDouble() * (HALL_Y_M - 2.0);
            final double z = TAG_HEIGHT_M + (heightSpreadM > 0 ? random.nextDouble() * heightSpreadM - 0.5 : 0.0);
            tx[f] = x;
            ty[f] = y;
            tz[f] = z;
            first[f] = r;
            for (int i = 0; i < a; i++)
            {
                distance[i] = distance(anchors[i], x, y, z);
                order[i] = i;
            }
            int inRange = a;
            if (sparseMin > 0)
            {
                sortByDistance(order, distance);
                inRange = sparseMin + random.nextInt(2);
            }
            for (int k = 0; k < inRange; k++)
            {
                final int i = order[k];
                rangeAnchor[r] = i;
                ranges[r] = noisyRange(random, distance[i], nlosRate, 0.0);
                r++;
            }
        }
        first[fixes] = r;
        return new Scenario(name, anchors, fixes, time, tags, first, tx, ty, tz, rangeAnchor, ranges);
    }

    /**
     * Forklifts driving between random waypoints at up to 3 m/s (1 m/s^2 acceleration), 10 Hz fixes, every anchor
     * in range, 5% NLOS and 3% gross outliers (+3..6 m).
     *
     * @param seed      random seed.
     * @param forklifts number of vehicles (tag ids 1..n).
     * @param seconds   duration.
     * @return the scenario; fixes are in time order, vehicles interleaved.
     */
    public static Scenario forklifts(final long seed, final int forklifts, final int seconds)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[][] anchors = HALL_ANCHORS;
        final int a = anchors.length;
        final int steps = seconds * 10;
        final int fixes = steps * forklifts;
        final long[] time = new long[fixes];
        final long[] tags = new long[fixes];
        final int[] first = new int[fixes + 1];
        final double[] tx = new double[fixes];
        final double[] ty = new double[fixes];
        final double[] tz = new double[fixes];
        final int[] rangeAnchor = new int[fixes * a];
        final double[] ranges = new double[fixes * a];
        final double[] x = new double[forklifts];
        final double[] y = new double[forklifts];
        final double[] speed = new double[forklifts];
        final double[] goalX = new double[forklifts];
        final double[] goalY = new double[forklifts];
        final double[] cruise = new double[forklifts];
        for (int v = 0; v < forklifts; v++)
        {
            x[v] = 2.0 + random.nextDouble() * (HALL_X_M - 4.0);
            y[v] = 2.0 + random.nextDouble() * (HALL_Y_M - 4.0);
            goalX[v] = 2.0 + random.nextDouble() * (HALL_X_M - 4.0);
            goalY[v] = 2.0 + random.nextDouble() * (HALL_Y_M - 4.0);
            cruise[v] = 1.5 + random.nextDouble() * 1.5;
        }
        final double dt = 0.1;
        int f = 0;
        int r = 0;
        for (int s = 0; s < steps; s++)
        {
            for (int v = 0; v < forklifts; v++)
            {
                final double gx = goalX[v] - x[v];
                final double gy = goalY[v] - y[v];
                final double toGo = Math.sqrt(gx * gx + gy * gy);
                // accelerate to cruise, brake to stop at the waypoint (v^2 = 2 a s)
                final double target = Math.min(cruise[v], Math.sqrt(2.0 * 1.0 * toGo));
                speed[v] = speed[v] < target ? Math.min(target, speed[v] + 1.0 * dt) : Math.max(target, speed[v] - 1.0 * dt);
                final double stepM = Math.min(toGo, speed[v] * dt);
                if (toGo > 1e-9)
                {
                    x[v] += gx / toGo * stepM;
                    y[v] += gy / toGo * stepM;
                }
                if (toGo < 0.05)
                {
                    speed[v] = 0.0;
                    goalX[v] = 2.0 + random.nextDouble() * (HALL_X_M - 4.0);
                    goalY[v] = 2.0 + random.nextDouble() * (HALL_Y_M - 4.0);
                    cruise[v] = 1.5 + random.nextDouble() * 1.5;
                }
                time[f] = 1_700_000_000_000L + s * 100L;
                tags[f] = v + 1;
                tx[f] = x[v];
                ty[f] = y[v];
                tz[f] = TAG_HEIGHT_M;
                first[f] = r;
                for (int i = 0; i < a; i++)
                {
                    rangeAnchor[r] = i;
                    ranges[r] = noisyRange(random, distance(anchors[i], x[v], y[v], TAG_HEIGHT_M), 0.05, 0.03);
                    r++;
                }
                f++;
            }
        }
        first[fixes] = r;
        return new Scenario("forklifts", anchors, fixes, time, tags, first, tx, ty, tz, rangeAnchor, ranges);
    }

    private static double noisyRange(
        final SplittableRandom random, final double trueM, final double nlosRate, final double grossRate)
    {
        double d = trueM + SIGMA_M * gaussian(random);
        final double u = random.nextDouble();
        if (u < grossRate)
        {
            d += 3.0 + 3.0 * random.nextDouble();
        }
        else if (u < grossRate + nlosRate)
        {
            d += 0.3 + 1.2 * random.nextDouble();
        }
        return Math.max(0.0, d);
    }

    private static double gaussian(final SplittableRandom random)
    {
        // Box-Muller; deterministic across JDKs (unlike Random.nextGaussian implementations)
        final double u1 = 1.0 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static double distance(final double[] anchor, final double x, final double y, final double z)
    {
        final double dx = x - anchor[0];
        final double dy = y - anchor[1];
        final double dz = z - anchor[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static void sortByDistance(final int[] order, final double[] distance)
    {
        for (int i = 1; i < order.length; i++)
        {
            final int v = order[i];
            int j = i - 1;
            while (j >= 0 && distance[order[j]] > distance[v])
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
    }

    /** @return scenario name. */
    public String name()
    {
        return name;
    }

    /** @return number of anchors. */
    public int anchorCount()
    {
        return anchorIds.length;
    }

    /**
     * @param anchor index.
     * @return anchor id.
     */
    public int anchorId(final int anchor)
    {
        return anchorIds[anchor];
    }

    /**
     * @param anchor index.
     * @return x in metres.
     */
    public double anchorX(final int anchor)
    {
        return anchorX[anchor];
    }

    /**
     * @param anchor index.
     * @return y in metres.
     */
    public double anchorY(final int anchor)
    {
        return anchorY[anchor];
    }

    /**
     * @param anchor index.
     * @return z in metres.
     */
    public double anchorZ(final int anchor)
    {
        return anchorZ[anchor];
    }

    /** @return number of fixes. */
    public int fixCount()
    {
        return fixCount;
    }

    /**
     * @param fix index.
     * @return fix time, epoch ms.
     */
    public long timeMs(final int fix)
    {
        return timeMs[fix];
    }

    /**
     * @param fix index.
     * @return tag id.
     */
    public long tagId(final int fix)
    {
        return tagId[fix];
    }

    /**
     * @param fix index.
     * @return index of its first range.
     */
    public int firstRange(final int fix)
    {
        return firstRange[fix];
    }

    /**
     * @param fix index.
     * @return number of ranges.
     */
    public int rangeCount(final int fix)
    {
        return firstRange[fix + 1] - firstRange[fix];
    }

    /**
     * @param range index.
     * @return anchor index of the range.
     */
    public int rangeAnchor(final int range)
    {
        return rangeAnchor[range];
    }

    /**
     * @param range index.
     * @return measured distance in metres.
     */
    public double rangeM(final int range)
    {
        return rangeM[range];
    }

    /**
     * @param fix index.
     * @return true x in metres.
     */
    public double trueX(final int fix)
    {
        return trueX[fix];
    }

    /**
     * @param fix index.
     * @return true y in metres.
     */
    public double trueY(final int fix)
    {
        return trueY[fix];
    }

    /**
     * @param fix index.
     * @return true z in metres.
     */
    public double trueZ(final int fix)
    {
        return trueZ[fix];
    }
}
