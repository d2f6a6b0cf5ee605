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

    @Test
    void shouldRejectBadDimension()
    {
        final CliTestSupport result = CliTestSupport.run("locate", "--anchors", "a.csv", "--ranges", "r.csv",
            "--dim", "4");
        assertThat(result.exitCode).isNotZero();
        assertThat(result.err()).contains("--dim");
    }
}
