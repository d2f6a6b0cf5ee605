package dev.inventory.rtls.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.inventory.rtls.sim.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

class LocateCommandTest
{
    private static final String ANCHORS = "anchor_id,x,y,z\n1,0,0,5\n2,60,0,5.5\n3,60,40,4.5\n4,0,40,6\n5,30,0,4\n";

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private static double range(final double ax, final double ay, final double az, final double x, final double y,
        final double z)
    {
        return Math.sqrt((ax - x) * (ax - x) + (ay - y) * (ay - y) + (az - z) * (az - z));
    }

    private static String exactRanges(final long timeMs, final long tag, final double x, final double y)
    {
        final double[][] a = {{0, 0, 5}, {60, 0, 5.5}, {60, 40, 4.5}, {0, 40, 6}, {30, 0, 4}};
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++)
        {
            sb.append(timeMs).append(',').append(tag).append(',').append(i + 1).append(',')
                .append(String.format(Locale.ROOT, "%.6f", range(a[i][0], a[i][1], a[i][2], x, y, 1.0))).append('\n');
        }
        return sb.toString();
    }

    private int run(final String anchors, final String ranges, final int dim, final double h, final boolean smooth)
    {
        return LocateCommand.run(new StringReader(anchors), new StringReader(ranges), dim, h, smooth, out, err);
    }

    private String[] lines()
    {
        return outBytes.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void shouldPrintOneLinePerFixWhenRangesValid()
    {
        final String ranges = "time_ms,tag_id,anchor_id,distance_m\n" + exactRanges(1000, 7, 10, 20) +
            exactRanges(1000, 8, 42.5, 3.25) + exactRanges(1100, 7, 11, 20);
        assertThat(run(ANCHORS, ranges, 2, 1.0, false)).isEqualTo(LocateCommand.EXIT_OK);
        assertThat(lines()).containsExactly(
            "time_ms,tag_id,x,y,z,quality",
            "1000,7,10.000,20.000,1.000,0.000",
            "1000,8,42.500,3.250,1.000,0.000",
            "1100,7,11.000,20.000,1.000,0.000");
    }

    @Test
    void shouldReportReasonWhenFixInvalid()
    {
        final String ranges = "time_ms,tag_id,anchor_id,distance_m\n" +
            "1000,1,1,10\n1000,1,2,50\n" +                       // two ranges
            "2000,2,1,10\n2000,2,2,NaN\n2000,2,3,40\n2000,2,4,30\n" +
            "3000,3,1,10\n3000,3,2,-1\n3000,3,3,40\n" +
            "4000,4,1,10\n4000,4,1,14\n4000,4,3,40\n4000,4,4,30\n" +
            "5000,5,1,10\n5000,5,9,14\n5000,5,3,40\n";
        assertThat(run(ANCHORS, ranges, 2, 1.0, false)).isEqualTo(LocateCommand.EXIT_OK);
        assertThat(lines()).containsExactly(
            "time_ms,tag_id,x,y,z,quality",
            "1000,1,invalid:under_determined",
            "2000,2,invalid:bad_distance",
            "3000,3,invalid:bad_distance",
            "4000,4,invalid:conflicting_duplicate",
            "5000,5,invalid:unknown_anchor");
    }

    @Test
    void shouldSortByTimeWhenFileUnordered()
    {
        final String ranges = exactRanges(2000, 1, 5, 5) + exactRanges(1000, 1, 6, 6);
        assertThat(run(ANCHORS, ranges, 2, Double.NaN, false)).isEqualTo(LocateCommand.EXIT_OK);
        assertThat(lines()[1]).startsWith("1000,1,6.000,6.000,1.000");
        assertThat(lines()[2]).startsWith("2000,1,5.000,5.000,1.000");
    }

    @Test
    void shouldPrintFixOrReasonWhen3d()
    {
        assertThat(run(ANCHORS, exactRanges(1000, 1, 5, 5), 3, Double.NaN, false)).isEqualTo(LocateCommand.EXIT_OK);
        assertThat(lines()[1]).startsWith("1000,1,");
        // anchors span 4..6 m: solvable in 3D; check it prints coordinates or a reason, never a blank
        assertThat(lines()[1].split(",")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldFailWhenInputMalformed()
    {
        assertThat(run(ANCHORS, "1000,1,1\n", 2, 1.0, false)).isEqualTo(LocateCommand.EXIT_USAGE);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("ranges line 1");
        assertThat(run("1,0,0,5\n1,1,1,5\n", "", 2, 1.0, false)).isEqualTo(LocateCommand.EXIT_USAGE);
        assertThat(run(ANCHORS, "", 4, 1.0, false)).isEqualTo(LocateCommand.EXIT_USAGE);
    }

    @Test
    void shouldLowerErrorWhenSmoothing()
    {
        final Scenario s = Scenario.forklifts(9, 2, 60);
        final StringBuilder anchors = new StringBuilder("anchor_id,x,y,z\n");
        for (int a = 0; a < s.anchorCount(); a++)
        {
            anchors.append(s.anchorId(a)).append(',').append(s.anchorX(a)).append(',').append(s.anchorY(a))
                .append(',').append(s.anchorZ(a)).append('\n');
        }
        final StringBuilder ranges = new StringBuilder("time_ms,tag_id,anchor_id,distance_m\n");
        for (int f = 0; f < s.fixCount(); f++)
        {
            for (int r = s.firstRange(f); r < s.firstRange(f) + s.rangeCount(f); r++)
            {
                ranges.append(s.timeMs(f)).append(',').append(s.tagId(f)).append(',')
                    .append(s.anchorId(s.rangeAnchor(r))).append(',').append(s.rangeM(r)).append('\n');
            }
        }
        final double raw = meanError(s, anchors.toString(), ranges.toString(), false);
        final double smooth = meanError(s, anchors.toString(), ranges.toString(), true);
        System.out.println(String.format(Locale.ROOT, "locate forklifts: raw mean %.4f m, --smooth mean %.4f m",
            raw, smooth));
        assertThat(smooth).isLessThan(raw);
    }

    private double meanError(final Scenario s, final String anchors, final String ranges, final boolean smooth)
    {
        outBytes.reset();
        assertThat(run(anchors, ranges, 2, 1.0, smooth)).isEqualTo(LocateCommand.EXIT_OK);
        final String[] lines = lines();
        double sum = 0;
        int n = 0;
        int f = 0;
        for (int i = 1; i < lines.length; i++, f++)
        {
            final String[] c = lines[i].split(",");
            assertThat(Long.parseLong(c[0])).isEqualTo(s.timeMs(f));
            if (c.length == 6)
            {
                sum += Math.hypot(Double.parseDouble(c[2]) - s.trueX(f), Double.parseDouble(c[3]) - s.trueY(f));
                n++;
            }
        }
        assertThat(n).isGreaterThan(s.fixCount() * 9 / 10);
        return sum / n;
    }
}
