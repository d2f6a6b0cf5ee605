package dev.inventory.rtls.track;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.inventory.rtls.sim.Scenario;
import dev.inventory.rtls.solve.Fix;
import dev.inventory.rtls.solve.TwrSolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrackFilterTest
{
    @Test
    void shouldLowerErrorWhenForkliftsMove()
    {
        final Scenario s = Scenario.forklifts(3, 5, 120);
        final TwrSolver solver = new TwrSolver();
        final TrackFilter filter = new TrackFilter();
        final Fix fix = new Fix();
        final double[] raw = new double[s.fixCount()];
        final double[] smooth = new double[s.fixCount()];
        int n = 0;
        for (int f = 0; f < s.fixCount(); f++)
        {
            load(solver, s, f);
            if (solver.solve2d(Scenario.TAG_HEIGHT_M, fix) != 0)
            {
                continue;
            }
            filter.update(s.tagId(f), s.timeMs(f), fix.xM(), fix.yM());
            raw[n] = Math.hypot(fix.xM() - s.trueX(f), fix.yM() - s.trueY(f));
            smooth[n] = Math.hypot(filter.xM() - s.trueX(f), filter.yM() - s.trueY(f));
            n++;
        }
        final double rawMean = mean(raw, n);
        final double smoothMean = mean(smooth, n);
        final double rawP95 = p95(raw, n);
        final double smoothP95 = p95(smooth, n);
        System.out.println(String.format(Locale.ROOT, "forklifts raw mean %.4f p95 %.4f -> smoothed mean %.4f p95 %.4f",
            rawMean, rawP95, smoothMean, smoothP95));
        assertThat(smoothMean).isLessThan(rawMean * 0.85);
        assertThat(smoothP95).isLessThan(rawP95);
    }

    private static void load(final TwrSolver solver, final Scenario s, final int f)
    {
        solver.begin();
        for (int r = s.firstRange(f); r < s.firstRange(f) + s.rangeCount(f); r++)
        {
            final int a = s.rangeAnchor(r);
            solver.add(s.anchorId(a), s.anchorX(a), s.anchorY(a), s.anchorZ(a), s.rangeM(r));
        }
    }

    @Test
    void shouldParkAndAverageWhenTagStatic()
    {
        final TrackFilter filter = new TrackFilter();
        final SplittableRandom random = new SplittableRandom(5);
        double rawSum = 0;
        double smoothSum = 0;
        for (int i = 0; i < 600; i++)
        {
            final double x = 10 + 0.06 * gaussian(random);
            final double y = 20 + 0.06 * gaussian(random);
            filter.update(7, 1_000 + i * 100L, x, y);
            if (i >= 100)
            {
                rawSum += Math.hypot(x - 10, y - 20);
                smoothSum += Math.hypot(filter.xM() - 10, filter.yM() - 20);
            }
        }
        assertThat(filter.isParked()).isTrue();
        assertThat(smoothSum).isLessThan(rawSum * 0.3);
    }

    @Test
    void shouldUnparkWhenParkedTagDrivesOff()
    {
        final TrackFilter filter = new TrackFilter();
        long t = 1_000;
        for (int i = 0; i < 50; i++, t += 100)
        {
            filter.update(1, t, 5, 5);
        }
        assertThat(filter.isParked()).isTrue();
        double x = 5;
        for (int i = 0; i < 30; i++, t += 100)
        {
            x += 0.2; // 2 m/s
            filter.update(1, t, x, 5);
        }
        assertThat(filter.isParked()).isFalse();
        assertThat(filter.xM()).isCloseTo(x, within(0.2));
        assertThat(filter.vxMps()).isCloseTo(2.0, within(0.3));
    }

    @Test
    void shouldGateOutlierWhenTrackEstablished()
    {
        final TrackFilter filter = new TrackFilter();
        long t = 1_000;
        for (int i = 0; i < 20; i++, t += 100)
        {
            filter.update(1, t, 1.0 + 0.1 * i, 2);
        }
        assertThat(filter.update(1, t, 1.0 + 0.1 * 20 + 3.0, 2)).isEqualTo(TrackFilter.TOO_FAST);
        assertThat(filter.xM()).isCloseTo(3.0, within(0.1));
        t += 100;
        assertThat(filter.update(1, t, 3.1 + 0.5, 2)).isEqualTo(TrackFilter.GATED);
    }

    @Test
    void shouldRecoverWhenTagTeleports()
    {
        final TrackFilter filter = new TrackFilter();
        long t = 1_000;
        for (int i = 0; i < 20; i++, t += 100)
        {
            filter.update(1, t, 1, 1);
        }
        boolean restarted = false;
        for (int i = 0; i < 5; i++, t += 100)
        {
            restarted |= filter.update(1, t, 30, 30) == TrackFilter.STARTED;
        }
        assertThat(restarted).isTrue();
        assertThat(filter.xM()).isCloseTo(30.0, within(1e-9));
        assertThat(filter.update(1, t + 10_000, 40, 40)).isEqualTo(TrackFilter.STARTED);
    }

    @Test
    void shouldPassThroughWhenFullOrOutOfOrder()
    {
        final TrackFilter filter = new TrackFilter(new TrackFilter.Config().capacity(1));
        assertThat(filter.update(1, 1_000, 1, 1)).isEqualTo(TrackFilter.STARTED);
        assertThat(filter.update(2, 1_000, 9, 9)).isEqualTo(TrackFilter.NO_CAPACITY);
        assertThat(filter.xM()).isEqualTo(9.0);
        assertThat(filter.update(1, 900, 2, 2)).isEqualTo(TrackFilter.OUT_OF_ORDER);
    }

    @Test
    void shouldNotAllocateWhenFiltering()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final TrackFilter filter = new TrackFilter();
        double sink = 0;
        for (int warm = 0; warm < 5; warm++)
        {
            sink += run(filter, warm * 400_000, 400_000); // JIT warm-up incl. OSR of this loop's callee
        }
        final long id = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(id);
        final long before = threads.getThreadAllocatedBytes(id);
        sink += run(filter, 2_000_000, 1_000_000);
        assertThat(threads.getThreadAllocatedBytes(id) - before).isZero();
        assertThat(sink).isNotNaN();
    }

    private static double run(final TrackFilter filter, final int from, final int count)
    {
        double sum = 0;
        for (int i = from; i < from + count; i++)
        {
            final long tag = i % 1000;
            final long t = 1_000 + (i / 1000) * 100L;
            filter.update(tag, t, tag * 0.01 + (i % 7) * 0.01, (i / 1000) * 0.05);
            sum += filter.xM();
        }
        return sum;
    }

    private static double gaussian(final SplittableRandom random)
    {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double mean(final double[] v, final int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += v[i];
        }
        return s / n;
    }

    private static double p95(final double[] v, final int n)
    {
        final double[] c = Arrays.copyOf(v, n);
        Arrays.sort(c);
        return c[(int)Math.ceil(0.95 * n) - 1];
    }
}
