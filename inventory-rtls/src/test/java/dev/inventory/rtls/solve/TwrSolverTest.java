package dev.inventory.rtls.solve;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TwrSolverTest
{
    private static final double[][] ANCHORS = {
        {0, 0, 5}, {60, 0, 5.5}, {60, 40, 4.5}, {0, 40, 6}, {30, 0, 4}, {30, 40, 5}, {20, 15, 4.5}, {40, 25, 5.5}};

    private final TwrSolver solver = new TwrSolver();
    private final Fix fix = new Fix();

    private void addExact(final int count, final double x, final double y, final double z)
    {
        solver.begin();
        for (int i = 0; i < count; i++)
        {
            solver.add(i + 1, ANCHORS[i][0], ANCHORS[i][1], ANCHORS[i][2], distance(ANCHORS[i], x, y, z));
        }
    }

    private static double distance(final double[] a, final double x, final double y, final double z)
    {
        return Math.sqrt((a[0] - x) * (a[0] - x) + (a[1] - y) * (a[1] - y) + (a[2] - z) * (a[2] - z));
    }

    @Test
    void shouldSolveExactlyWhenRangesAreExact2d()
    {
        addExact(8, 12.5, 31.25, 1.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.xM()).isCloseTo(12.5, within(1e-6));
        assertThat(fix.yM()).isCloseTo(31.25, within(1e-6));
        assertThat(fix.zM()).isEqualTo(1.0);
        assertThat(fix.residualRmsM()).isLessThan(1e-6);
        assertThat(fix.gdop()).isBetween(0.5, 2.0);
        assertThat(fix.rangesUsed()).isEqualTo(8);
    }

    @Test
    void shouldSolveWithThreeAnchorsWhen2d()
    {
        addExact(3, 40, 10, 1.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.xM()).isCloseTo(40, within(1e-6));
        assertThat(fix.yM()).isCloseTo(10, within(1e-6));
    }

    @Test
    void shouldSolve3dWhenAnchorsSpanHeight()
    {
        solver.begin();
        final double[][] anchors = {{0, 0, 0.5}, {60, 0, 6}, {60, 40, 0.5}, {0, 40, 6}, {30, 0, 0.5}, {30, 40, 6}};
        for (int i = 0; i < anchors.length; i++)
        {
            solver.add(i, anchors[i][0], anchors[i][1], anchors[i][2], distance(anchors[i], 22, 17, 2.2));
        }
        assertThat(solver.solve3d(fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.xM()).isCloseTo(22, within(1e-6));
        assertThat(fix.yM()).isCloseTo(17, within(1e-6));
        assertThat(fix.zM()).isCloseTo(2.2, within(1e-6));
    }

    @Test
    void shouldExcludeGrossOutlierWhenSixAnchors()
    {
        addExact(6, 25, 20, 1.0);
        solver.begin();
        for (int i = 0; i < 6; i++)
        {
            final double bias = i == 2 ? 5.0 : 0.0;
            solver.add(i + 1, ANCHORS[i][0], ANCHORS[i][1], ANCHORS[i][2], distance(ANCHORS[i], 25, 20, 1.0) + bias);
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.excludedMask()).isEqualTo(1L << 2);
        assertThat(fix.xM()).isCloseTo(25, within(1e-6));
        assertThat(fix.yM()).isCloseTo(20, within(1e-6));
    }

    @Test
    void shouldExcludeTwoOutliersWhenEightAnchors()
    {
        solver.begin();
        for (int i = 0; i < 8; i++)
        {
            final double bias = i == 1 ? 4.0 : i == 6 ? 1.2 : 0.0;
            solver.add(i + 1, ANCHORS[i][0], ANCHORS[i][1], ANCHORS[i][2], distance(ANCHORS[i], 33, 12, 1.0) + bias);
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.excludedMask()).isEqualTo((1L << 1) | (1L << 6));
        assertThat(Math.hypot(fix.xM() - 33, fix.yM() - 12)).isLessThan(1e-6);
    }

    @Test
    void shouldRejectWhenUnderDetermined()
    {
        addExact(2, 10, 10, 1.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.UNDER_DETERMINED);
        assertThat(fix.xM()).isNaN();
        addExact(3, 10, 10, 1.0);
        assertThat(solver.solve3d(fix)).isEqualTo(SolveStatus.UNDER_DETERMINED);
    }

    @Test
    void shouldRejectWhenAnchorsCollinear()
    {
        solver.begin();
        for (int i = 0; i < 5; i++)
        {
            solver.add(i, i * 10.0, 0.0, 5.0, distance(new double[] {i * 10.0, 0, 5}, 12, 8, 1));
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.DEGENERATE_GEOMETRY);
    }

    @Test
    void shouldRejectWhen3dAnchorsCoplanar()
    {
        solver.begin();
        final double[][] ceiling = {{0, 0, 5}, {60, 0, 5}, {60, 40, 5}, {0, 40, 5}, {30, 20, 5}};
        for (int i = 0; i < ceiling.length; i++)
        {
            solver.add(i, ceiling[i][0], ceiling[i][1], ceiling[i][2], distance(ceiling[i], 20, 20, 1));
        }
        assertThat(solver.solve3d(fix)).isEqualTo(SolveStatus.DEGENERATE_GEOMETRY);
    }

    @Test
    void shouldRejectWhenDistanceNotFinite()
    {
        addExact(5, 10, 10, 1.0);
        solver.add(99, 5, 5, 5, Double.NaN);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.BAD_DISTANCE);
        addExact(5, 10, 10, 1.0);
        solver.add(99, 5, 5, 5, Double.POSITIVE_INFINITY);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.BAD_DISTANCE);
    }

    @Test
    void shouldRejectWhenDistanceNegativeOrAbsurd()
    {
        addExact(5, 10, 10, 1.0);
        solver.add(99, 5, 5, 5, -0.5);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.BAD_DISTANCE);
        addExact(5, 10, 10, 1.0);
        solver.add(99, 5, 5, 5, 1e6);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.BAD_DISTANCE);
    }

    @Test
    void shouldRejectWhenAnchorNotFinite()
    {
        addExact(5, 10, 10, 1.0);
        solver.add(99, Double.NaN, 5, 5, 3);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.BAD_ANCHOR);
    }

    @Test
    void shouldRejectWhenDuplicateAnchorConflicts()
    {
        addExact(5, 10, 10, 1.0);
        solver.add(3, ANCHORS[2][0], ANCHORS[2][1], ANCHORS[2][2], 3.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.CONFLICTING_DUPLICATE);
    }

    @Test
    void shouldMergeWhenDuplicateAnchorAgrees()
    {
        addExact(4, 10, 10, 1.0);
        solver.add(2, ANCHORS[1][0], ANCHORS[1][1], ANCHORS[1][2], distance(ANCHORS[1], 10, 10, 1.0) + 0.02);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(fix.rangesUsed()).isEqualTo(4);
        assertThat(fix.excludedMask()).isEqualTo(1L << 4);
        assertThat(Math.hypot(fix.xM() - 10, fix.yM() - 10)).isLessThan(0.05);
    }

    @Test
    void shouldRejectWhenTooManyRanges()
    {
        final TwrSolver small = new TwrSolver(new TwrSolver.Config().capacity(4));
        small.begin();
        for (int i = 0; i < 5; i++)
        {
            assertThat(small.add(i, ANCHORS[i][0], ANCHORS[i][1], ANCHORS[i][2], 10)).isEqualTo(i < 4);
        }
        assertThat(small.solve2d(1.0, fix)).isEqualTo(SolveStatus.TOO_MANY_RANGES);
    }

    @Test
    void shouldRejectWhenRangesContradictEachOther()
    {
        solver.begin();
        for (int i = 0; i < 4; i++)
        {
            solver.add(i, ANCHORS[i][0], ANCHORS[i][1], ANCHORS[i][2], i % 2 == 0 ? 5.0 : 70.0);
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.INCONSISTENT_RANGES);
    }

    @Test
    void shouldRevalidateWhenAnchorsChangeBetweenFixes()
    {
        addExact(8, 12.5, 31.25, 1.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK); // anchors validated and kept
        addExact(8, 40, 10, 1.0);
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK); // same anchors: reused
        assertThat(Math.hypot(fix.xM() - 40, fix.yM() - 10)).isLessThan(1e-6);

        solver.begin(); // the same anchors in another order: reused
        for (int k = 0; k < 8; k++)
        {
            final int i = (k * 3 + 5) % 8;
            solver.add(i + 1, ANCHORS[i][0], ANCHORS[i][1], ANCHORS[i][2], distance(ANCHORS[i], 31, 7, 2.0));
        }
        assertThat(solver.solve2d(2.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(Math.hypot(fix.xM() - 31, fix.yM() - 7)).isLessThan(1e-6);

        solver.begin(); // another order and one anchor moved
        for (int k = 0; k < 8; k++)
        {
            final int i = 7 - k;
            final double[] a = i == 2 ? new double[] {58, 38, 4.5} : ANCHORS[i];
            solver.add(i + 1, a[0], a[1], a[2], distance(a, 50, 30, 1.0));
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(Math.hypot(fix.xM() - 50, fix.yM() - 30)).isLessThan(1e-6);

        solver.begin(); // one anchor moved: its range must be taken from the new position
        for (int i = 0; i < 8; i++)
        {
            final double[] a = i == 3 ? new double[] {5, 35, 6} : ANCHORS[i];
            solver.add(i + 1, a[0], a[1], a[2], distance(a, 22, 18, 1.0));
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(Math.hypot(fix.xM() - 22, fix.yM() - 18)).isLessThan(1e-6);

        solver.begin(); // same slots, one anchor not finite
        for (int i = 0; i < 8; i++)
        {
            solver.add(i + 1, i == 5 ? Double.NaN : ANCHORS[i][0], ANCHORS[i][1], ANCHORS[i][2], 10.0);
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.BAD_ANCHOR);

        solver.begin(); // same positions, two ids now equal: a duplicate to merge
        for (int i = 0; i < 8; i++)
        {
            solver.add(i == 7 ? 1 : i + 1, ANCHORS[i][0], ANCHORS[i][1], ANCHORS[i][2], distance(ANCHORS[i], 9, 9, 1));
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.CONFLICTING_DUPLICATE);

        solver.begin(); // collinear anchors in the same slots
        for (int i = 0; i < 5; i++)
        {
            solver.add(i + 1, i * 10.0, 0.0, 5.0, distance(new double[] {i * 10.0, 0, 5}, 12, 8, 1));
        }
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.DEGENERATE_GEOMETRY);

        addExact(8, 12.5, 31.25, 1.0); // back to the first anchors
        assertThat(solver.solve2d(1.0, fix)).isEqualTo(SolveStatus.OK);
        assertThat(Math.hypot(fix.xM() - 12.5, fix.yM() - 31.25)).isLessThan(1e-6);
        assertThat(solver.solve3d(fix)).isEqualTo(SolveStatus.OK); // the same anchors in 3D (z spans 4-6 m)
        assertThat(fix.zM()).isCloseTo(1.0, within(1e-6));
        assertThat(solver.solve2d(2.0, fix)).isEqualTo(SolveStatus.OK); // another height: other z offsets
        assertThat(fix.zM()).isEqualTo(2.0);
    }

    @Test
    void shouldNameEveryStatus()
    {
        for (int s = 0; s < SolveStatus.COUNT; s++)
        {
            assertThat(SolveStatus.name(s)).isNotEqualTo("unknown");
        }
    }

    @Test
    void shouldNameBadConfigField()
    {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TwrSolver(new TwrSolver.Config().rangeSigmaM(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rangeSigmaM");
    }
}
