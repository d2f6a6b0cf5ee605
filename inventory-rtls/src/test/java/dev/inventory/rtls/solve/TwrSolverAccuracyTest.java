package dev.inventory.rtls.solve;

import org.junit.jupiter.api.Test;

import dev.inventory.rtls.sim.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

class TwrSolverAccuracyTest
{
    @Test
    void shouldMeetAccuracyGoalWhenCanonicalHall()
    {
        final ErrorStats stats = ScenarioSolving.solve2d(new TwrSolver(), Scenario.canonicalHall(42, 20_000));
        System.out.println("canonical 2.5D: " + stats);
        assertThat(stats.rejected()).isZero();
        assertThat(stats.mean()).isLessThanOrEqualTo(0.08);
        assertThat(stats.percentile(0.95)).isLessThanOrEqualTo(0.16);
    }

    @Test
    void shouldStayBoundedWhenOnlyThreeOrFourAnchorsInRange()
    {
        final ErrorStats stats = ScenarioSolving.solve2d(new TwrSolver(), Scenario.sparseHall(7, 20_000));
        System.out.println("sparse 2.5D: " + stats);
        assertThat(stats.rejected()).isLessThan(200);
        assertThat(stats.mean()).isLessThanOrEqualTo(0.5);
    }

    @Test
    void shouldRejectGrossOutliersWhenForklifts()
    {
        final ErrorStats stats = ScenarioSolving.solve2d(new TwrSolver(), Scenario.forklifts(3, 5, 120));
        System.out.println("forklifts raw 2.5D: " + stats);
        assertThat(stats.mean()).isLessThanOrEqualTo(0.5);
    }
}
