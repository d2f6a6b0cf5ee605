package dev.inventory.rtls.solve;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.inventory.rtls.sim.Scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TdoaSolverTest
{
    private static final double[][] SQUARE = {{0, 0, 5}, {20, 0, 5.5}, {20, 20, 4.5}, {0, 20, 6}, {10, 0, 4}};

    /** Pseudo-ranges of a scenario's fix: its ranges (noise and NLOS included) plus a random common offset. */
    static double load(final TdoaSolver solver, final Scenario scenario, final int f, final SplittableRandom random)
    {
        final double biasM = random.nextDouble() * 3.0e5; // up to 1 ms of transmit time
        solver.begin();
        final int first = scenario.firstRange(f);
        final int end = first + scenario.rangeCount(f);
        for (int r = first; r < end; r++)
        {
            final int a = scenario.anchorId(scenario.rangeAnchor(r));
            final int i = scenario.rangeAnchor(r);
            solver.add(a, scenario.anchorX(i), scenario.anchorY(i), scenario.anchorZ(i), scenario.rangeM(r) + biasM);
        }
        return biasM;
    }

    private static void addExact(
        final TdoaSolver solver, final double[][] anchors, final double x, final double y, final double z,
        final double biasM)
    {
        solver.begin();
        for (int i = 0; i < anchors.length; i++)
        {
            final double[] a = anchors[i];
            solver.add(i + 1, a[0], a[1], a[2], Math.sqrt((x - a[0]) * (x - a[0]) + (y - a[1]) * (y - a[1]) +
                (z - a[2]) * (z - a[2])) + biasM);
        }
    }

    @Test
    void shouldRecoverPositionAndTransmitOffsetWhenNoiseless()
    {
        final TdoaSolver solver = new TdoaSolver();
        final Fix fix = new Fix();
        addExact(solver, SQUARE, 7.3, 12.9, 1.0, 123_456.789);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.xM()).isCloseTo(7.3, within(1e-6));
        assertThat(fix.yM()).isCloseTo(12.9, within(1e-6));
        assertThat(fix.zM()).isEqualTo(1.0);
        assertThat(fix.clockBiasM()).isCloseTo(123_456.789, within(1e-6));
        assertThat(fix.rangesUsed()).isEqualTo(5);
        assertThat(fix.gdop()).isFinite();
        assertThat(fix.isOutsideHull()).isFalse();
    }

    @Test
    void shouldSolve3dWhenAnchorsSpanTheHeight()
    {
        final double[][] anchors = {{0, 0, 0.5}, {20, 0, 6}, {20, 20, 0.5}, {0, 20, 6}, {10, 0, 6}, {10, 20, 0.5}};
        final TdoaSolver solver = new TdoaSolver();
        final Fix fix = new Fix();
        addExact(solver, anchors, 4.0, 15.0, 2.2, -50.0);
        assertThat(solver.solve3d(fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.xM()).isCloseTo(4.0, within(1e-6));
        assertThat(fix.yM()).isCloseTo(15.0, within(1e-6));
        assertThat(fix.zM()).isCloseTo(2.2, within(1e-6));
        assertThat(fix.clockBiasM()).isCloseTo(-50.0, within(1e-6));
    }

    @Test
    void shouldDropLateArrivalWhenDifferenceExceedsBaseline()
    {
        final TdoaSolver solver = new TdoaSolver();
        final Fix fix = new Fix();
        addExact(solver, SQUARE, 7.3, 12.9, 1.0, 1000.0);
        solver.add(99, 10, 0.5, 4, 1000.0 + 40.0); // 40 m after anchor 5 at (10, 0, 4), 0.5 m away: impossible
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.excludedMask()).isEqualTo(1L << 5);
        assertThat(fix.rangesUsed()).isEqualTo(5);
        assertThat(fix.xM()).isCloseTo(7.3, within(1e-6));
    }

    @Test
    void shouldRejectWhenDifferenceExceedsBaselineAndNoExclusionAllowed()
    {
        final TdoaSolver solver = new TdoaSolver(new TdoaSolver.Config().maxImpossibleExclusions(0));
        final Fix fix = new Fix();
        addExact(solver, SQUARE, 7.3, 12.9, 1.0, 1000.0);
        solver.add(99, 10, 0.5, 4, 1000.0 + 40.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.BAD_DISTANCE);
        assertThat(fix.isValid()).isFalse();
        assertThat(fix.xM()).isNaN();
        assertThat(fix.clockBiasM()).isNaN();
        assertThat(SolveStatus.name(fix.status())).isEqualTo("bad_distance");
    }

    @Test
    void shouldRejectWhenImpossibleDifferenceLeavesTooFewArrivals()
    {
        final TdoaSolver solver = new TdoaSolver();
        final Fix fix = new Fix();
        addExact(solver, new double[][] {SQUARE[0], SQUARE[1], SQUARE[2]}, 7.3, 12.9, 1.0, 0.0);
        solver.add(99, 10, 0.5, 4, 60.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.BAD_DISTANCE);
    }

    @Test
    void shouldRejectWhenUnderDeterminedOrMalformed()
    {
        final TdoaSolver solver = new TdoaSolver();
        final Fix fix = new Fix();
        addExact(solver, new double[][] {{0, 0, 5}, {20, 0, 5}, {0, 20, 5}}, 5, 5, 1, 0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.UNDER_DETERMINED);
        addExact(solver, new double[][] {SQUARE[0], SQUARE[1], SQUARE[2], SQUARE[3]}, 5, 5, 1, 0);
        assertThat(solver.solve3d(fix)).isEqualTo(SolveStatus.UNDER_DETERMINED); // 3D needs 5
        addExact(solver, SQUARE, 5, 5, 1, 0);
        solver.add(1, 0, 0, 5, 3.0); // anchor 1 again, disagreeing
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.CONFLICTING_DUPLICATE);
        addExact(solver, SQUARE, 5, 5, 1, 0);
        solver.add(7, 3, 3, 3, Double.NaN);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.BAD_DISTANCE);
        addExact(solver, SQUARE, 5, 5, 1, 0);
        solver.add(7, Double.NaN, 3, 3, 1.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.BAD_ANCHOR);
        addExact(solver, new double[][] {{0, 0, 5}, {10, 0, 5}, {20, 0, 5}, {30, 0, 5}, {40, 0, 5}}, 5, 5, 1, 0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.DEGENERATE_GEOMETRY);
    }

    @Test
    void shouldRevalidateWhenAnchorsChangeBetweenBlinks()
    {
        final TdoaSolver solver = new TdoaSolver();
        final Fix fix = new Fix();
        addExact(solver, SQUARE, 7.3, 12.9, 1.0, 500.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK); // anchors validated and kept
        addExact(solver, SQUARE, 12.0, 4.0, 1.0, -20.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK); // same anchors: reused
        assertThat(fix.xM()).isCloseTo(12.0, within(1e-6));
        assertThat(fix.clockBiasM()).isCloseTo(-20.0, within(1e-6));

        final double[][] moved = {SQUARE[0], SQUARE[1], {25, 22, 4.5}, SQUARE[3], SQUARE[4]};
        addExact(solver, moved, 12.0, 4.0, 1.0, 3.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.xM()).isCloseTo(12.0, within(1e-6));
        assertThat(fix.yM()).isCloseTo(4.0, within(1e-6));

        final double[][] line = {{0, 0, 5}, {10, 0, 5}, {20, 0, 5}, {30, 0, 5}, {40, 0, 5}};
        addExact(solver, line, 5, 5, 1, 0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.DEGENERATE_GEOMETRY);
        final TdoaSolver lenient = new TdoaSolver(new TdoaSolver.Config().minAnchorSpreadM(0.0));
        addExact(lenient, line, 5, 5, 1, 0);
        assertThat(lenient.solve2d(1.0, fix)).isEqualTo(SolveStatus.DEGENERATE_GEOMETRY); // singular start instead
    }

    @Test
    void shouldNameFieldWhenConfigInvalid()
    {
        assertThatThrownBy(() -> new TdoaSolver(new TdoaSolver.Config().capacity(4)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new TdoaSolver(new TdoaSolver.Config().minAnchorSpreadM(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minAnchorSpreadM");
        assertThatThrownBy(() -> new TdoaSolver(new TdoaSolver.Config().baselineToleranceM(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baselineToleranceM");
        assertThatThrownBy(() -> new TdoaSolver().solve2d(Double.NaN, new Fix()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectWhenCapacityExceeded()
    {
        final TdoaSolver solver = new TdoaSolver(new TdoaSolver.Config().capacity(5));
        final Fix fix = new Fix();
        addExact(solver, SQUARE, 5, 5, 1, 0);
        assertThat(solver.add(9, 1, 1, 1, 1)).isFalse();
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.TOO_MANY_RANGES);
    }

    @Test
    void shouldAverageWhenDuplicateAgrees()
    {
        final TdoaSolver solver = new TdoaSolver();
        final Fix fix = new Fix();
        addExact(solver, SQUARE, 7.3, 12.9, 1.0, 10.0);
        final double d = Math.sqrt(7.3 * 7.3 + 12.9 * 12.9 + 16) + 10.0;
        solver.add(1, 0, 0, 5, d + 0.1);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.excludedMask()).isEqualTo(1L << 5);
        assertThat(fix.rangesUsed()).isEqualTo(5);
    }

    @Test
    void shouldMeetMeasuredErrorBoundsWhenCanonicalHall()
    {
        final Scenario scenario = Scenario.canonicalHall(21, 20_000);
        final ErrorStats stats = solveAll(new TdoaSolver(), scenario, false);
        System.out.println("TDoA 2.5D canonical: " + stats);
        assertThat(stats.rejected()).isLessThanOrEqualTo(20); // measured 5 (no_convergence)
        assertThat(stats.mean()).isLessThanOrEqualTo(0.11); // measured 0.096
        assertThat(stats.percentile(0.95)).isLessThanOrEqualTo(0.23); // measured 0.200
    }

    @Test
    void shouldMeetMeasuredErrorBoundsWhenForkliftsWithGrossOutliers()
    {
        final Scenario scenario = Scenario.forklifts(25, 5, 120);
        final ErrorStats stats = solveAll(new TdoaSolver(), scenario, false);
        System.out.println("TDoA 2.5D forklifts: " + stats);
        assertThat(stats.rejected()).isLessThanOrEqualTo(scenario.fixCount() / 100); // measured 25 / 6000
        assertThat(stats.mean()).isLessThanOrEqualTo(0.125); // measured 0.108
        assertThat(stats.percentile(0.95)).isLessThanOrEqualTo(0.24); // measured 0.209
    }

    @Test
    void shouldMeetMeasuredErrorBoundsWhen3dHall()
    {
        final Scenario scenario = Scenario.hall3d(22, 10_000);
        final ErrorStats stats = solveAll(new TdoaSolver(), scenario, true);
        System.out.println("TDoA 3D hall3d: " + stats);
        assertThat(stats.rejected()).isLessThanOrEqualTo(30); // measured 12
        assertThat(stats.mean()).isLessThanOrEqualTo(0.14); // measured 0.124
        assertThat(stats.percentile(0.95)).isLessThanOrEqualTo(0.42); // measured 0.367
    }

    @Test
    void shouldNotAllocateWhenSolvingManyFixes()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Scenario canonical = Scenario.canonicalHall(23, 2_000);
        final Scenario hall3d = Scenario.hall3d(24, 500);
        final TdoaSolver solver = new TdoaSolver(new TdoaSolver.Config().clipToHull(true));
        final Fix fix = new Fix();
        final int fixes = 300_000;
        final SplittableRandom random = new SplittableRandom(5);
        long checksum = run(solver, fix, canonical, hall3d, fixes, random);
        checksum += run(solver, fix, canonical, hall3d, fixes, random);
        final long threadId = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(threadId);
        final long before = threads.getThreadAllocatedBytes(threadId);
        final long startNs = System.nanoTime();
        checksum += run(solver, fix, canonical, hall3d, fixes, random);
        final long elapsedNs = System.nanoTime() - startNs;
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        System.out.println("TDoA allocation: " + allocated + " B over " + fixes + " fixes, ~" +
            (fixes * 1_000_000_000L / Math.max(1, elapsedNs)) + " fixes/s (checksum " + checksum + ")");
        assertThat(allocated).isZero();
    }

    private static long run(
        final TdoaSolver solver, final Fix fix, final Scenario canonical, final Scenario hall3d, final int fixes,
        final SplittableRandom random)
    {
        long ok = 0;
        for (int i = 0; i < fixes; i++)
        {
            final boolean three = (i & 7) == 0;
            final Scenario s = three ? hall3d : canonical;
            load(solver, s, i % s.fixCount(), random);
            if ((i & 15) == 1)
            {
                solver.add(999, 1, 2, 3, Double.NaN);
            }
            else if ((i & 15) == 5)
            {
                solver.add(998, 30.0, 0.2, 4.0, 1e9); // impossible difference
            }
            ok += three ? solver.solve3d(fix) : solver.solve2d(Scenario.TAG_HEIGHT_M, fix);
        }
        return ok;
    }

    private static final int[] REJECTS = new int[SolveStatus.COUNT];

    static ErrorStats solveAll(final TdoaSolver solver, final Scenario scenario, final boolean threeD)
    {
        final SplittableRandom random = new SplittableRandom(99);
        final ErrorStats stats = new ErrorStats();
        final Fix fix = new Fix();
        int biasOff = 0;
        for (int f = 0; f < scenario.fixCount(); f++)
        {
            final double biasM = load(solver, scenario, f, random);
            final int status = threeD ? solver.solve3d(fix) : solver.solve2d(Scenario.TAG_HEIGHT_M, fix);
            if (status == SolveStatus.OK)
            {
                stats.add(Math.hypot(fix.xM() - scenario.trueX(f), fix.yM() - scenario.trueY(f)));
                biasOff += Math.abs(fix.clockBiasM() - biasM) > 1.0 ? 1 : 0;
            }
            else
            {
                stats.reject();
                REJECTS[status]++;
            }
        }
        System.out.println("TDoA rejects by status: " + java.util.Arrays.toString(REJECTS));
        java.util.Arrays.fill(REJECTS, 0);
        assertThat(biasOff).isLessThanOrEqualTo(scenario.fixCount() / 100);
        return stats;
    }
}
