package dev.inventory.rtls.solve;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import dev.inventory.rtls.sim.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

class TwrSolverAllocationTest
{
    @Test
    void shouldNotAllocateWhenSolvingManyFixes()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Scenario scenario = Scenario.forklifts(11, 4, 60); // NLOS + gross outliers: every code path
        final Scenario sparse = Scenario.sparseHall(12, 2_000);
        final TwrSolver solver = new TwrSolver();
        final Fix fix = new Fix();
        final int fixes = 400_000;
        long checksum = run(solver, fix, scenario, sparse, fixes); // warm-up, JIT
        checksum += run(solver, fix, scenario, sparse, fixes);
        final long threadId = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(threadId); // the first call may allocate
        final long before = threads.getThreadAllocatedBytes(threadId);
        checksum += run(solver, fix, scenario, sparse, fixes);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        System.out.println("TWR allocation: " + allocated + " B over " + fixes + " fixes (checksum " + checksum + ")");
        assertThat(allocated).isZero();
    }

    private static long run(final TwrSolver solver, final Fix fix, final Scenario a, final Scenario b, final int fixes)
    {
        long ok = 0;
        for (int i = 0; i < fixes; i++)
        {
            final Scenario s = (i & 7) == 0 ? b : a;
            final int f = i % s.fixCount();
            ScenarioSolving.load(solver, s, f);
            if ((i & 15) == 1)
            {
                solver.add(999, 1, 2, 3, Double.NaN);
            }
            ok += (i & 31) == 3 ? solver.solve3d(fix) : solver.solve2d(Scenario.TAG_HEIGHT_M, fix);
        }
        return ok;
    }
}
