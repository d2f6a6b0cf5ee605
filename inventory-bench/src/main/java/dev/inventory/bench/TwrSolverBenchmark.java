package dev.inventory.bench;

import java.util.concurrent.TimeUnit;

import com.lemmingapex.trilateration.NonLinearLeastSquaresSolver;
import com.lemmingapex.trilateration.TrilaterationFunction;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.inventory.rtls.sim.Scenario;
import dev.inventory.rtls.solve.Fix;
import dev.inventory.rtls.solve.TwrSolver;

/**
 * UWB two-way-ranging fixes per second, 2.5D at the tag height, on the canonical simulated hall (60 m x 40 m,
 * 8 anchors at 4-6 m, sigma 0.10 m, 5 % NLOS ranges): our robust {@link TwrSolver} against the independent
 * {@code com.lemmingapex.trilateration} 1.0.2 solver (Commons Math Levenberg-Marquardt), in the same run, on the
 * same fixes. One op = one fix. The peer gets fresh arrays per fix (it clamps the caller's distances in place),
 * with ranges projected to the tag plane as a 2D solver needs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TwrSolverBenchmark
{
    /** Scenario and cursor. */
    @State(Scope.Thread)
    public static class SolverState
    {
        Scenario scenario;
        TwrSolver solver;
        final Fix fix = new Fix();
        int next;

        @Setup(Level.Trial)
        public void setUp()
        {
            scenario = Scenario.canonicalHall(42, 20_000);
            solver = new TwrSolver();
        }

        int nextFix()
        {
            final int f = next;
            next = f + 1 == scenario.fixCount() ? 0 : f + 1;
            return f;
        }
    }

    /**
     * @param s state.
     * @return x of the fix.
     */
    @Benchmark
    public double inventory(final SolverState s)
    {
        final Scenario scenario = s.scenario;
        final int f = s.nextFix();
        final TwrSolver solver = s.solver;
        solver.begin();
        final int first = scenario.firstRange(f);
        final int end = first + scenario.rangeCount(f);
        for (int r = first; r < end; r++)
        {
            final int a = scenario.rangeAnchor(r);
            solver.add(scenario.anchorId(a), scenario.anchorX(a), scenario.anchorY(a), scenario.anchorZ(a),
                scenario.rangeM(r));
        }
        solver.solve2d(Scenario.TAG_HEIGHT_M, s.fix);
        return s.fix.xM();
    }

    /**
     * @param s state.
     * @return x of the fix.
     */
    @Benchmark
    public double lemmingapex(final SolverState s)
    {
        final Scenario scenario = s.scenario;
        final int f = s.nextFix();
        final int n = scenario.rangeCount(f);
        final int first = scenario.firstRange(f);
        final double[][] positions = new double[n][];
        final double[] distances = new double[n];
        for (int k = 0; k < n; k++)
        {
            final int a = scenario.rangeAnchor(first + k);
            positions[k] = new double[] {scenario.anchorX(a), scenario.anchorY(a)};
            final double dz = Scenario.TAG_HEIGHT_M - scenario.anchorZ(a);
            final double d = scenario.rangeM(first + k);
            distances[k] = Math.sqrt(Math.max(0.0, d * d - dz * dz));
        }
        try
        {
            return new NonLinearLeastSquaresSolver(
                new TrilaterationFunction(positions, distances), new LevenbergMarquardtOptimizer())
                .solve().getPoint().getEntry(0);
        }
        catch (final RuntimeException ex)
        {
            return Double.NaN; // the peer gives up on some fixes (evaluation limit); counted as an op like ours
        }
    }
}
