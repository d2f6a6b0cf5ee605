package dev.inventory.rtls.solve;

import org.junit.jupiter.api.Test;

import dev.inventory.rtls.sim.Scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HullTest
{
    private static final double[][] ANCHORS = {{0, 0, 5}, {10, 0, 5}, {10, 10, 5}, {0, 10, 5}, {5, 5, 4}};

    private static void load(final TwrSolver solver, final double x, final double y, final double z)
    {
        solver.begin();
        for (int i = 0; i < ANCHORS.length; i++)
        {
            final double[] a = ANCHORS[i];
            solver.add(i + 1, a[0], a[1], a[2], Math.sqrt((x - a[0]) * (x - a[0]) + (y - a[1]) * (y - a[1]) +
                (z - a[2]) * (z - a[2])));
        }
    }

    @Test
    void shouldGiveSignedDistanceWhenPointInsideOrOutside()
    {
        final AnchorHull hull = new AnchorHull(8);
        for (final double[] a : ANCHORS)
        {
            hull.add(a[0], a[1]);
        }
        assertThat(hull.build()).isEqualTo(4); // the centre anchor is not a vertex
        assertThat(hull.signedDistanceM(5, 2)).isCloseTo(-2.0, within(1e-12));
        assertThat(hull.signedDistanceM(13, 5)).isCloseTo(3.0, within(1e-12));
        assertThat(hull.signedDistanceM(13, 14)).isCloseTo(5.0, within(1e-12));
        assertThat(hull.clip(13, 14, 1.0)).isTrue();
        assertThat(hull.clippedXM()).isCloseTo(10.6, within(1e-12));
        assertThat(hull.clippedYM()).isCloseTo(10.8, within(1e-12));
        assertThat(hull.clip(10.5, 5, 1.0)).isFalse();
        assertThat(hull.clippedXM()).isEqualTo(10.5);
    }

    @Test
    void shouldReturnNanWhenAnchorsCollinear()
    {
        final AnchorHull hull = new AnchorHull(4);
        hull.add(0, 0);
        hull.add(1, 1);
        hull.add(2, 2);
        assertThat(hull.build()).isZero();
        assertThat(hull.signedDistanceM(0, 1)).isNaN();
        assertThat(hull.clip(5, 0, 1)).isFalse();
    }

    @Test
    void shouldFlagButNotMoveWhenOutsideHullByDefault()
    {
        final TwrSolver solver = new TwrSolver();
        final Fix fix = new Fix();
        load(solver, 14, 5, 1);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.isOutsideHull()).isTrue();
        assertThat(fix.isClipped()).isFalse();
        assertThat(fix.hullDistanceM()).isCloseTo(4.0, within(1e-6));
        assertThat(fix.xM()).isCloseTo(14.0, within(1e-6));

        load(solver, 10.5, 5, 1); // within the 1 m tolerance
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.isOutsideHull()).isFalse();
        assertThat(fix.hullDistanceM()).isCloseTo(0.5, within(1e-6));

        load(solver, 4, 6, 1);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.hullDistanceM()).isCloseTo(-4.0, within(1e-6));
    }

    @Test
    void shouldClipWhenOutsideHullAndClipOn()
    {
        final TwrSolver solver = new TwrSolver(new TwrSolver.Config().hullToleranceM(1.0).clipToHull(true));
        final Fix fix = new Fix();
        load(solver, 14, 5, 1);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.isOutsideHull()).isTrue();
        assertThat(fix.isClipped()).isTrue();
        assertThat(fix.xM()).isCloseTo(11.0, within(1e-6));
        assertThat(fix.yM()).isCloseTo(5.0, within(1e-6));
        assertThat(fix.hullDistanceM()).isCloseTo(4.0, within(1e-6)); // of the solved point, before the clip
        assertThat(new Fix().copyFrom(fix).isClipped()).isTrue();
    }

    @Test
    void shouldCheckEachFixAgainstItsOwnAnchorsWhenAnchorsChange()
    {
        final TwrSolver solver = new TwrSolver();
        final Fix fix = new Fix();
        load(solver, 14, 5, 1); // 4 m outside the 10 m square
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.isOutsideHull()).isTrue();

        final double[][] wide = {{0, 0, 5}, {20, 0, 5}, {20, 10, 5}, {0, 10, 5}, {5, 5, 4}};
        solver.begin(); // same ids, two anchors moved: the same point is now inside
        for (int i = 0; i < wide.length; i++)
        {
            final double[] a = wide[i];
            solver.add(i + 1, a[0], a[1], a[2], Math.sqrt((14 - a[0]) * (14 - a[0]) + (5 - a[1]) * (5 - a[1]) +
                (1 - a[2]) * (1 - a[2])));
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.isOutsideHull()).isFalse();
        assertThat(fix.hullDistanceM()).isCloseTo(-5.0, within(1e-6));

        load(solver, 14, 5, 1); // back to the square
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.hullDistanceM()).isCloseTo(4.0, within(1e-6));

        solver.begin(); // the wide anchors in reverse order: their hull, whatever the order
        for (int i = wide.length - 1; i >= 0; i--)
        {
            final double[] a = wide[i];
            solver.add(i + 1, a[0], a[1], a[2], Math.sqrt((14 - a[0]) * (14 - a[0]) + (5 - a[1]) * (5 - a[1]) +
                (1 - a[2]) * (1 - a[2])));
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.hullDistanceM()).isCloseTo(-5.0, within(1e-6));
    }

    @Test
    void shouldSkipHullCheckWhenToleranceInfinite()
    {
        final TwrSolver solver = new TwrSolver(new TwrSolver.Config().hullToleranceM(Double.POSITIVE_INFINITY));
        final Fix fix = new Fix();
        load(solver, 14, 5, 1);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.isOutsideHull()).isFalse();
        assertThat(fix.hullDistanceM()).isNaN();
    }

    @Test
    void shouldFlagAndClipTdoaFixWhenOutsideHull()
    {
        final TdoaSolver solver = new TdoaSolver(new TdoaSolver.Config().clipToHull(true).hullToleranceM(0.5));
        final Fix fix = new Fix();
        solver.begin();
        for (int i = 0; i < ANCHORS.length; i++)
        {
            final double[] a = ANCHORS[i];
            solver.add(i + 1, a[0], a[1], a[2], Math.sqrt((5 - a[0]) * (5 - a[0]) + (13 - a[1]) * (13 - a[1]) +
                (1 - a[2]) * (1 - a[2])) + 7.0);
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.isOutsideHull()).isTrue();
        assertThat(fix.isClipped()).isTrue();
        assertThat(fix.hullDistanceM()).isCloseTo(3.0, within(1e-4));
        assertThat(fix.xM()).isCloseTo(5.0, within(1e-4));
        assertThat(fix.yM()).isCloseTo(10.5, within(1e-4));
    }

    @Test
    void shouldFlagOnlyExtrapolatedFixesWhenScenarioSolved()
    {
        final TwrSolver solver = new TwrSolver();
        final Fix fix = new Fix();
        final Scenario canonical = Scenario.canonicalHall(31, 5_000);
        int flagged = 0;
        for (int f = 0; f < canonical.fixCount(); f++)
        {
            ScenarioSolving.load(solver, canonical, f);
            if (solver.solve2d(Scenario.TAG_HEIGHT_M, fix) == SolveStatus.OK && fix.isOutsideHull())
            {
                flagged++;
            }
        }
        assertThat(flagged).isZero(); // every tag is inside the hall's anchors

        final Scenario sparse = Scenario.sparseHall(32, 20_000); // nearest 3-4 anchors: tags often outside them
        final ErrorStats inside = new ErrorStats();
        final ErrorStats outside = new ErrorStats();
        for (int f = 0; f < sparse.fixCount(); f++)
        {
            ScenarioSolving.load(solver, sparse, f);
            if (solver.solve2d(Scenario.TAG_HEIGHT_M, fix) == SolveStatus.OK)
            {
                final double errorM = Math.hypot(fix.xM() - sparse.trueX(f), fix.yM() - sparse.trueY(f));
                (fix.isOutsideHull() ? outside : inside).add(errorM);
            }
        }
        System.out.println("Hull flag, sparse TWR: inside/within 1 m " + inside + "; flagged outside " + outside);
        assertThat(outside.count()).isPositive();
        assertThat(outside.mean()).isGreaterThan(inside.mean());
    }
}
