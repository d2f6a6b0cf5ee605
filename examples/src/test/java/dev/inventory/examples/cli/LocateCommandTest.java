package dev.inventory.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocateCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintOneLinePerFixAndReasonForUnsolvableFix() throws IOException
    {
        final double[][] anchors = {{0, 0, 5}, {60, 0, 5}, {60, 40, 5}, {0, 40, 5}, {30, 0, 4}};
        final StringBuilder anchorCsv = new StringBuilder("anchor_id,x,y,z\n");
        for (int a = 0; a < anchors.length; a++)
        {
            anchorCsv.append(a + 1).append(',').append(anchors[a][0]).append(',').append(anchors[a][1]).append(',')
                .append(anchors[a][2]).append('\n');
        }
        final StringBuilder ranges = new StringBuilder("time_ms,tag_id,anchor_id,distance_m\n");
        final double x = 12.5;
        final double y = 33.0;
        for (int a = 0; a < anchors.length; a++)
        {
            final double d = Math.sqrt(Math.pow(x - anchors[a][0], 2) + Math.pow(y - anchors[a][1], 2) +
                Math.pow(1.0 - anchors[a][2], 2));
            ranges.append("1700000000000,7,").append(a + 1).append(',').append(String.format(Locale.ROOT, "%.4f", d))
                .append('\n');
        }
        ranges.append("1700000000100,8,1,5.0\n");
        Files.writeString(dir.resolve("anchors.csv"), anchorCsv);
        Files.writeString(dir.resolve("ranges.csv"), ranges);

        final CliTestSupport result = CliTestSupport.run("locate", "--anchors", dir.resolve("anchors.csv").toString(),
            "--ranges", dir.resolve("ranges.csv").toString(), "--dim", "2", "--height", "1");

        assertThat(result.exitCode).isZero();
        final String[] lines = result.out().split("\n");
        assertThat(lines[0]).isEqualTo("time_ms,tag_id,x,y,z,quality");
        final String[] fix = lines[1].split(",");
        assertThat(fix[0]).isEqualTo("1700000000000");
        assertThat(fix[1]).isEqualTo("7");
        assertThat(Double.parseDouble(fix[2])).isCloseTo(x, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Double.parseDouble(fix[3])).isCloseTo(y, org.assertj.core.data.Offset.offset(0.01));
        assertThat(lines[2]).startsWith("1700000000100,8,invalid:");
    }

    private static final double[][] HALL = {{0, 0, 5}, {60, 0, 5.5}, {60, 40, 4.5}, {0, 40, 6}, {30, 0, 4}, {30, 40, 5}};

    private Path hallAnchors() throws IOException
    {
        final StringBuilder csv = new StringBuilder("anchor_id,x,y,z\n");
        for (int a = 0; a < HALL.length; a++)
        {
            csv.append(a + 1).append(',').append(HALL[a][0]).append(',').append(HALL[a][1]).append(',')
                .append(HALL[a][2]).append('\n');
        }
        return Files.writeString(dir.resolve("hall-anchors.csv"), csv);
    }

    private static double distance(final double[] a, final double x, final double y)
    {
        return Math.sqrt((x - a[0]) * (x - a[0]) + (y - a[1]) * (y - a[1]) + (1.0 - a[2]) * (1.0 - a[2]));
    }

    @Test
    void shouldSolveTdoaArrivalsAndPrintZoneEventsWhenSiteGiven() throws IOException
    {
        final StringBuilder arrivals = new StringBuilder("time_ms,tag_id,anchor_id,toa_ns\n");
        for (int i = 0; i < 4; i++)
        {
            final long timeMs = 1_767_225_600_000L + i * 100L;
            for (int a = 0; a < HALL.length; a++)
            {
                // nanoseconds since the epoch, to the picosecond: more digits than a double holds
                final java.math.BigDecimal toaNs = new java.math.BigDecimal(timeMs).multiply(
                    java.math.BigDecimal.valueOf(1_000_000)).add(java.math.BigDecimal.valueOf(
                    distance(HALL[a], 35, 15) / 0.299792458).setScale(3, java.math.RoundingMode.HALF_EVEN));
                arrivals.append(timeMs).append(",5,").append(a + 1).append(',').append(toaNs.toPlainString())
                    .append('\n');
            }
        }
        final Path site = Files.writeString(dir.resolve("zones.csv"), String.join("\n",
            "zone_id,name,floor,z_min_m,z_max_m,restricted,dwell_limit_ms,enter_polygon,exit_polygon,authorized_tags",
            "43,K\u00fchlraum-S\u00fcd,0,0,3,true,0,30 10;40 10;40 20;30 20", ""));
        Files.writeString(dir.resolve("arrivals.csv"), arrivals);

        final CliTestSupport result = CliTestSupport.run("locate", "--anchors", hallAnchors().toString(),
            "--tdoa", dir.resolve("arrivals.csv").toString(), "--site", site.toString(), "--zone-positions", "2");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode).isZero();
        final String[] lines = result.out().split("\n");
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).isEqualTo("time_ms,tag_id,x,y,z,quality");
        assertThat(lines[1]).startsWith("1767225600000,5,35.000,15.000,1.000,");
        assertThat(lines[3]).isEqualTo("1767225600100,5,event:zone_enter,43,K\u00fchlraum-S\u00fcd,0");
        assertThat(lines[4]).isEqualTo("1767225600100,5,event:restricted_entry,43,K\u00fchlraum-S\u00fcd,0");
    }

    @Test
    void shouldNameLineAndFieldWhenSiteFileMalformed() throws IOException
    {
        final StringBuilder ranges = new StringBuilder();
        for (int a = 0; a < HALL.length; a++)
        {
            ranges.append("1000,7,").append(a + 1).append(',').append(distance(HALL[a], 10, 10)).append('\n');
        }
        Files.writeString(dir.resolve("ranges.csv"), ranges);
        final Path site = Files.writeString(dir.resolve("zones.csv"), "1,dock,0,0,3,perhaps,0,0 0;1 0;1 1\n");

        final CliTestSupport result = CliTestSupport.run("locate", "--anchors", hallAnchors().toString(),
            "--ranges", dir.resolve("ranges.csv").toString(), "--site", site.toString());

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err()).contains("zones.csv line 1, field restricted: 'perhaps' is not one of");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void shouldRequireExactlyOneOfRangesAndTdoa()
    {
        final CliTestSupport both = CliTestSupport.run("locate", "--anchors", "a.csv", "--ranges", "r.csv",
            "--tdoa", "t.csv");
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        final CliTestSupport none = CliTestSupport.run("locate", "--anchors", "a.csv");
        assertThat(none.exitCode).isEqualTo(2);
        assertThat(none.err()).contains("--ranges").contains("--tdoa");
    }

    @Test
    void shouldDescribeFormatsInHelp()
    {
        final CliTestSupport help = CliTestSupport.run("locate", "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out()).contains("time_ms,tag_id,anchor_id,toa_ns").contains("--site")
            .contains("zone_id,name,floor,z_min_m,z_max_m,restricted,dwell_limit_ms,")
            .contains("time_ms,tag_id,event:<type>,zone_id,zone_name,dwell_ms");
    }

    @Test
    void shouldRejectBadDimension()
    {
        final CliTestSupport result = CliTestSupport.run("locate", "--anchors", "a.csv", "--ranges", "r.csv",
            "--dim", "4");
        assertThat(result.exitCode).isNotZero();
        assertThat(result.err()).contains("--dim");
    }
}
