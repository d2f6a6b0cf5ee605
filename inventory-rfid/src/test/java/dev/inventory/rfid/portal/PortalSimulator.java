package dev.inventory.rfid.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic dock-door passes from a simple physical model. The door plane is x = 0 (outside x &lt; 0), 3 m wide.
 * Four antennas of one reader at 1.6 m height on the door posts (y = +-1.7): outer 1, 2 at x = -0.5 facing out
 * and across the door, inner 3, 4 at x = +0.5 facing in. Received power: log-distance path loss
 * ({@link #RSSI_AT_1M_DBM} at 1 m on boresight, exponent {@link #PATH_LOSS_EXPONENT}), a cardioid-like antenna
 * pattern losing up to {@link #BACK_LOSS_DB} behind the antenna, a fixed multipath fade per antenna and pass
 * (N(0, 2 dB)) and Gaussian noise per read (sigma 2..3 dB per pass). Each antenna attempts a read every 50 ms
 * (time-multiplexed) and succeeds with probability 0.8 if the received power is above the sensitivity. RSSI is
 * reported in 0.5 dB steps. NOT threadsafe.
 */
final class PortalSimulator
{
    static final int READER = 1;
    static final double RSSI_AT_1M_DBM = -45;
    static final double PATH_LOSS_EXPONENT = 2.7;
    static final double SENSITIVITY_DBM = -70;
    static final double BACK_LOSS_DB = 20;
    static final long ATTEMPT_PERIOD_MS = 50;
    static final double READ_PROBABILITY = 0.8;

    static final double[][] ANTENNA_POSITION = {{-0.5, -1.7, 1.6}, {-0.5, 1.7, 1.6}, {0.5, -1.7, 1.6}, {0.5, 1.7, 1.6}};
    static final double[][] ANTENNA_BORESIGHT = {
        unit(-1, 0.7, -0.3), unit(-1, -0.7, -0.3), unit(1, 0.7, -0.3), unit(1, -0.7, -0.3)};

    enum Kind
    {
        IN, OUT, STOP_IN_DOOR, TURN_BACK, WALK_BY, CROSS_READ
    }

    /** One simulated read. */
    record Read(long timestampMs, int antenna, int rssiCentiDbm, int epcLow)
    {
    }

    private final SplittableRandom random;

    PortalSimulator(final long seed)
    {
        this.random = new SplittableRandom(seed);
    }

    private static double[] unit(final double x, final double y, final double z)
    {
        final double n = Math.sqrt(x * x + y * y + z * z);
        return new double[]{x / n, y / n, z / n};
    }

    private double uniform(final double lo, final double hi)
    {
        return lo + (hi - lo) * random.nextDouble();
    }

    private double gaussian()
    {
        // Box-Muller
        final double u = Math.max(1e-12, random.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * Generate one pass.
     *
     * @param kind    scenario.
     * @param epcLow  the tag's id.
     * @param startMs when the trajectory starts.
     * @param out     reads are appended here (not sorted).
     * @return when the trajectory ends.
     */
    long generate(final Kind kind, final int epcLow, final long startMs, final List<Read> out)
    {
        // waypoints: t (ms from start), x, y
        final List<double[]> path = new ArrayList<>();
        final double speed = uniform(1.0, 2.0); // m/s
        final double y0 = uniform(-1.0, 1.0);
        final double z = uniform(0.5, 1.5);
        switch (kind)
        {
            case IN:
                line(path, 0, -6, y0, 6, y0, speed);
                break;
            case OUT:
                line(path, 0, 6, y0, -6, y0, speed);
                break;
            case STOP_IN_DOOR:
            {
                final double xs = uniform(-0.3, 0.3);
                final double t1 = line(path, 0, -6, y0, xs, y0, speed);
                final double t2 = t1 + uniform(2000, 5000);
                path.add(new double[]{t2, xs, y0});
                line(path, t2, xs, y0, 6, y0, speed);
                break;
            }
            case TURN_BACK:
            {
                final double xt = uniform(-0.4, 0.4);
                final double t1 = line(path, 0, -6, y0, xt, y0, speed);
                final double t2 = t1 + uniform(0, 1000);
                path.add(new double[]{t2, xt, y0});
                line(path, t2, xt, y0, -6, y0, speed);
                break;
            }
            case WALK_BY:
            {
                final double x = -uniform(2.0, 3.5);
                line(path, 0, x, -7, x, 7, speed);
                break;
            }
            case CROSS_READ:
            {
                final double x = uniform(-1.5, 1.5);
                final double y = (random.nextBoolean() ? 1 : -1) * uniform(2.5, 4.0);
                path.add(new double[]{0, x, y});
                path.add(new double[]{uniform(20_000, 60_000), x, y});
                break;
            }
            default:
                throw new IllegalArgumentException(kind.toString());
        }
        final double noiseDb = uniform(2.0, 3.0);
        final double[] fadeDb = new double[4];
        for (int a = 0; a < 4; a++)
        {
            fadeDb[a] = 2.0 * gaussian();
        }
        final double endMs = path.get(path.size() - 1)[0];
        final long phaseMs = random.nextInt((int)ATTEMPT_PERIOD_MS);
        for (long t = phaseMs; t <= endMs; t += ATTEMPT_PERIOD_MS)
        {
            for (int a = 0; a < 4; a++)
            {
                final double tMs = t + a * (ATTEMPT_PERIOD_MS / 4.0) + uniform(0, 5);
                if (tMs > endMs)
                {
                    continue;
                }
                final double[] p = at(path, tMs);
                final double rssi = rssi(a, p[0], p[1], z) + fadeDb[a] + noiseDb * gaussian();
                if (rssi >= SENSITIVITY_DBM && random.nextDouble() < READ_PROBABILITY)
                {
                    final int centi = (int)(Math.round(rssi * 2) * 50);
                    out.add(new Read(startMs + (long)tMs, a + 1, centi, epcLow));
                }
            }
        }
        return startMs + (long)endMs;
    }

    static double rssi(final int antenna, final double x, final double y, final double z)
    {
        final double[] p = ANTENNA_POSITION[antenna];
        final double dx = x - p[0];
        final double dy = y - p[1];
        final double dz = z - p[2];
        final double d = Math.max(0.3, Math.sqrt(dx * dx + dy * dy + dz * dz));
        final double[] b = ANTENNA_BORESIGHT[antenna];
        final double cos = (dx * b[0] + dy * b[1] + dz * b[2]) / d;
        final double gainDb = -BACK_LOSS_DB * (1 - cos) / 2;
        return RSSI_AT_1M_DBM + gainDb - 10 * PATH_LOSS_EXPONENT * Math.log10(d);
    }

    private static double line(
        final List<double[]> path, final double t0, final double x0, final double y0, final double x1,
        final double y1, final double speed)
    {
        if (path.isEmpty())
        {
            path.add(new double[]{t0, x0, y0});
        }
        final double t1 = t0 + Math.hypot(x1 - x0, y1 - y0) / speed * 1000;
        path.add(new double[]{t1, x1, y1});
        return t1;
    }

    private static double[] at(final List<double[]> path, final double tMs)
    {
        for (int i = 1; i < path.size(); i++)
        {
            final double[] b = path.get(i);
            if (tMs <= b[0])
            {
                final double[] a = path.get(i - 1);
                final double f = b[0] == a[0] ? 1 : (tMs - a[0]) / (b[0] - a[0]);
                return new double[]{a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])};
            }
        }
        final double[] last = path.get(path.size() - 1);
        return new double[]{last[1], last[2]};
    }
}
