package dev.inventory.rtls.solve;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import com.lemmingapex.trilateration.NonLinearLeastSquaresSolver;
import com.lemmingapex.trilateration.TrilaterationFunction;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.junit.jupiter.api.Test;

import dev.inventory.rtls.sim.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ours against the independent com.lemmingapex.trilateration 1.0.2 solver (Commons Math LM) on the same data. The
 * peer has no 2.5D mode, so it gets the 2.5D reduction: horizontal ranges sqrt(d^2 - dz^2) to 2D anchor positions.
 * Timings here are a rough single-loop measurement; the JMH benchmark lives in inventory-bench.
 */
class PeerComparisonTest
{
    @Test
    void shouldBeMoreAccurateThanPeerWhenCanonicalHall()
    {
        final Scenario scenario = Scenario.canonicalHall(42, 20_000);
        final ErrorStats ours = ScenarioSolving.solve2d(new TwrSolver(), scenario);
        final ErrorStats peer = solvePeer(scenario);
        System.out.println("canonical ours: " + ours);
        System.out.println("canonical peer: " + peer);
        assertThat(ours.mean()).isLessThan(peer.mean());
        assertThat(ours.percentile(0.95)).isLessThan(peer.percentile(0.95));

        final Scenario forklifts = Scenario.forklifts(3, 5, 120);
        final ErrorStats oursF = ScenarioSolving.solve2d(new TwrSolver(), forklifts);
        final ErrorStats peerF = solvePeer(forklifts);
        System.out.println("forklifts ours: " + oursF);
        System.out.println("forklifts peer: " + peerF);
        assertThat(oursF.percentile(0.95)).isLessThan(peerF.percentile(0.95));
    }

    @Test
    void shouldReportRoughThroughputWhenCanonicalHall()
    {
        final Scenario scenario = Scenario.canonicalHall(42, 10_000);
        final TwrSolver solver = new TwrSolver();
        final Fix fix = new Fix();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        double sink = 0;
        for (int warm = 0; warm < 3; warm++)
        {
            sink += loopOurs(solver, fix, scenario, 200_000);
        }
        threads.getThreadAllocatedBytes(threadId);
        final int fixes = 1_000_000;
        final long bytesBefore = threads.getThreadAllocatedBytes(threadId);
        final long start = System.nanoTime();
        sink += loopOurs(solver, fix, scenario, fixes);
        final long oursNs = System.nanoTime() - start;
        final long oursBytes = threads.getThreadAllocatedBytes(threadId) - bytesBefore;

        for (int warm = 0; warm < 2; warm++)
        {
            sink += loopPeer(scenario, 10_000);
        }
        final int peerFixes = 30_000;
        final long peerBytesBefore = threads.getThreadAllocatedBytes(threadId);
        final long peerStart = System.nanoTime();
        sink += loopPeer(scenario, peerFixes);
        final long peerNs = System.nanoTime() - peerStart;
        final long peerBytes = threads.getThreadAllocatedBytes(threadId) - peerBytesBefore;

        final double oursRate = fixes * 1e9 / oursNs;
        final double peerRate = peerFixes * 1e9 / peerNs;
        System.out.println(String.format(Locale.ROOT,
            "rough timing (single loop, not JMH): ours %.0f fixes/s %.1f B/fix; peer %.0f fixes/s %.0f B/fix;" +
            " ratio %.1fx (sink %.1f)", oursRate, (double)oursBytes / fixes, peerRate, (double)peerBytes / peerFixes,
            oursRate / peerRate, sink));
        assertThat(oursBytes).isZero();
        assertThat(oursRate).isGreaterThan(peerRate);
    }

    private static double loopOurs(final TwrSolver solver, final Fix fix, final Scenario scenario, final int fixes)
    {
        double sum = 0;
        for (int i = 0; i < fixes; i++)
        {
            ScenarioSolving.load(solver, scenario, i % scenario.fixCount());
            solver.solve2d(Scenario.TAG_HEIGHT_M, fix);
            sum += fix.xM();
        }
        return sum;
    }

    private static double loopPeer(final Scenario scenario, final int fixes)
    {
        double sum = 0;
        for (int i = 0; i < fixes; i++)
        {
            sum += solvePeerFix(scenario, i % scenario.fixCount())[0];
        }
        return sum;
    }

    private static ErrorStats solvePeer(final Scenario scenario)
    {
        final ErrorStats stats = new ErrorStats();
        for (int f = 0; f < scenario.fixCount(); f++)
        {
            try
            {
                final double[] p = solvePeerFix(scenario, f);
                stats.add(Math.hypot(p[0] - scenario.trueX(f), p[1] - scenario.trueY(f)));
            }
            catch (final RuntimeException ex)
            {
                stats.reject();
            }
        }
        return stats;
    }

    private static double[] solvePeerFix(final Scenario scenario, final int f)
    {
        final int n = scenario.rangeCount(f);
        final int first = scenario.firstRange(f);
        final double[][] positions = new double[n][];
        final double[] distances = new double[n]; // a fresh array: the peer clamps the caller's array in place
        for (int k = 0; k < n; k++)
        {
            final int a = scenario.rangeAnchor(first + k);
            positions[k] = new double[] {scenario.anchorX(a), scenario.anchorY(a)};
            final double dz = Scenario.TAG_HEIGHT_M - scenario.anchorZ(a);
            final double d = scenario.rangeM(first + k);
            distances[k] = Math.sqrt(Math.max(0.0, d * d - dz * dz));
        }
        return new NonLinearLeastSquaresSolver(
            new TrilaterationFunction(positions, distances), new LevenbergMarquardtOptimizer()).solve().getPoint()
            .toArray();
    }
}
