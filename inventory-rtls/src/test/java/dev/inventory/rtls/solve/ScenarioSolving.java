package dev.inventory.rtls.solve;

import dev.inventory.rtls.sim.Scenario;

/** Runs a solver over a scenario. Test helper. */
final class ScenarioSolving
{
    private ScenarioSolving()
    {
    }

    static void load(final TwrSolver solver, final Scenario scenario, final int f)
    {
        solver.begin();
        final int first = scenario.firstRange(f);
        final int end = first + scenario.rangeCount(f);
        for (int r = first; r < end; r++)
        {
            final int a = scenario.rangeAnchor(r);
            solver.add(scenario.anchorId(a), scenario.anchorX(a), scenario.anchorY(a), scenario.anchorZ(a),
                scenario.rangeM(r));
        }
    }

    static ErrorStats solve2d(final TwrSolver solver, final Scenario scenario)
    {
        final ErrorStats stats = new ErrorStats();
        final Fix fix = new Fix();
        for (int f = 0; f < scenario.fixCount(); f++)
        {
            load(solver, scenario, f);
            if (solver.solve2d(Scenario.TAG_HEIGHT_M, fix) == SolveStatus.OK)
            {
                stats.add(Math.hypot(fix.xM() - scenario.trueX(f), fix.yM() - scenario.trueY(f)));
            }
            else
            {
                stats.reject();
            }
        }
        return stats;
    }
}
