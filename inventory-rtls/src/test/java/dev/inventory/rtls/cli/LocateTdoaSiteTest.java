package dev.inventory.rtls.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.inventory.rtls.solve.TdoaSolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LocateTdoaSiteTest
{
    private static final double[][] A = {{0, 0, 5}, {60, 0, 5.5}, {60, 40, 4.5}, {0, 40, 6}, {30, 0, 4}, {30, 40, 5}};
    private static final String ANCHORS;
    /** Anchors' clock: nanoseconds since the Unix epoch, far beyond what a double holds to the picosecond. */
    private static final BigDecimal EPOCH_NS = new BigDecimal("1767225600000000000");

    static
    {
        final StringBuilder sb = new StringBuilder("anchor_id,x,y,z\n");
        for (int i = 0; i < A.length; i++)
        {
            sb.append(i + 1).append(',').append(A[i][0]).append(',').append(A[i][1]).append(',').append(A[i][2])
                .append('\n');
        }
        ANCHORS = sb.toString();
    }

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    /** Arrival times of one blink at every anchor: transmit time + distance / c, to 0.0001 ns. */
    private static String blink(final long timeMs, final long tag, final double x, final double y, final long txNs)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < A.length; i++)
        {
            final double d = Math.sqrt((A[i][0] - x) * (A[i][0] - x) + (A[i][1] - y) * (A[i][1] - y) +
                (A[i][2] - 1.0) * (A[i][2] - 1.0));
            final BigDecimal toaNs = EPOCH_NS.add(BigDecimal.valueOf(txNs))
                .add(BigDecimal.valueOf(d / TdoaSolver.SPEED_OF_LIGHT_M_PER_NS).setScale(4, RoundingMode.HALF_EVEN));
            sb.append(timeMs).append(',').append(tag).append(',').append(i + 1).append(',')
                .append(toaNs.toPlainString()).append('\n');
        }
        return sb.toString();
    }

    /** TWR ranges of one fix at every anchor. */
    private static String ranges(final long timeMs, final long tag, final double x, final double y)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < A.length; i++)
        {
            final double d = Math.sqrt((A[i][0] - x) * (A[i][0] - x) + (A[i][1] - y) * (A[i][1] - y) +
                (A[i][2] - 1.0) * (A[i][2] - 1.0));
            sb.append(timeMs).append(',').append(tag).append(',').append(i + 1).append(',').append(d).append('\n');
        }
        return sb.toString();
    }

    private int run(final String observations, final LocateCommand.Options options)
    {
        return LocateCommand.run(new StringReader(ANCHORS), new StringReader(observations), options, out, err);
    }

    private String[] lines()
    {
        return outBytes.toString(StandardCharsets.UTF_8).split("\n");
    }

    private String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldSolveTdoaWhenArrivalTimesAreEpochNanosecondsWithFractions()
    {
        final String arrivals = "time_ms,tag_id,anchor_id,toa_ns\n" + blink(1000, 7, 10, 20, 0) +
            blink(1000, 8, 42.5, 3.25, 123_456) + blink(1100, 7, 11, 20, 100_000_000);
        assertThat(run(arrivals, new LocateCommand.Options().tdoa(true))).isEqualTo(LocateCommand.EXIT_OK);
        final String[] lines = lines();
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("time_ms,tag_id,x,y,z,quality");
        final double[][] expected = {{1000, 7, 10, 20}, {1000, 8, 42.5, 3.25}, {1100, 7, 11, 20}};
        for (int i = 0; i < expected.length; i++)
        {
            final String[] c = lines[i + 1].split(",");
            assertThat(c).hasSize(6);
            assertThat(Long.parseLong(c[0])).isEqualTo((long)expected[i][0]);
            assertThat(Long.parseLong(c[1])).isEqualTo((long)expected[i][1]);
            assertThat(Double.parseDouble(c[2])).isCloseTo(expected[i][2], within(0.002));
            assertThat(Double.parseDouble(c[3])).isCloseTo(expected[i][3], within(0.002));
            assertThat(c[4]).isEqualTo("1.000");
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void shouldSolveTdoaIn3dWhenAnchorsSpanHeight()
    {
        final String arrivals = blink(1000, 7, 25, 15, 0);
        assertThat(run(arrivals, new LocateCommand.Options().tdoa(true).dim(3))).isEqualTo(LocateCommand.EXIT_OK);
        // anchors at 4..6 m only: 3D is solvable or rejected with a reason, never a blank line
        assertThat(lines()[1]).startsWith("1000,7,");
        assertThat(lines()[1].split(",").length).isIn(3, 6);
    }

    @Test
    void shouldReportReasonWhenTdoaBlinkInvalid()
    {
        final String arrivals = "time_ms,tag_id,anchor_id,toa_ns\n" +
            "1000,1,1,100\n1000,1,2,110\n1000,1,3,120\n" +                 // 3 anchors: 2.5D TDoA needs 4
            "2000,2,1,100\n2000,2,2,110\n2000,2,3,120\n2000,2,99,130\n" +  // unknown anchor 99
            "3000,3,1,0\n3000,3,2,1000000\n3000,3,3,2000000\n3000,3,4,3000000\n3000,3,5,0.5\n"; // ms apart
        assertThat(run(arrivals, new LocateCommand.Options().tdoa(true))).isEqualTo(LocateCommand.EXIT_OK);
        assertThat(lines()).containsExactly(
            "time_ms,tag_id,x,y,z,quality",
            "1000,1,invalid:under_determined",
            "2000,2,invalid:unknown_anchor",
            "3000,3,invalid:bad_distance");
    }

    @Test
    void shouldFailNamingLineWhenArrivalsMalformed()
    {
        final LocateCommand.Options tdoa = new LocateCommand.Options().tdoa(true);
        assertThat(run("time_ms,tag_id,anchor_id,toa_ns\n1000,1,1,12.5ns\n", tdoa)).isEqualTo(LocateCommand.EXIT_USAGE);
        assertThat(err()).contains("arrivals line 2: toa_ns must be a decimal number of nanoseconds");
        errBytes.reset();
        assertThat(run("1000,1,1,1e999999999\n", tdoa)).isEqualTo(LocateCommand.EXIT_USAGE);
        assertThat(err()).contains("arrivals line 1: toa_ns must have at most 30 digits");
        errBytes.reset();
        assertThat(run("1000,1,1\n", tdoa)).isEqualTo(LocateCommand.EXIT_USAGE);
        assertThat(err()).contains("arrivals line 1: expected time_ms,tag_id,anchor_id,toa_ns");
        errBytes.reset();
        assertThat(run("", new LocateCommand.Options().zonePositions(0))).isEqualTo(LocateCommand.EXIT_USAGE);
        assertThat(err()).contains("--zone-positions");
    }

    private static final String SITE = String.join("\n",
        "# zones",
        "zone_id,name,floor,z_min_m,z_max_m,restricted,dwell_limit_ms,enter_polygon,exit_polygon,authorized_tags",
        "42,dock,0,0,3,false,250,10 10;20 10;20 20;10 20,9 9;21 9;21 21;9 21",
        "43,cage,0,0,3,true,0,30 10;40 10;40 20;30 20,,8",
        "");

    @Test
    void shouldPrintZoneEventsAfterTheFixThatCausedThemWhenSiteGiven()
    {
        final String ranges = ranges(1000, 7, 15, 15) + ranges(1100, 7, 15, 15) + ranges(1200, 7, 15, 15) +
            ranges(1300, 7, 15, 15) + ranges(1400, 7, 20.5, 15) + // between enter and exit polygons: stays
            ranges(1500, 7, 25, 15) + ranges(1600, 7, 25, 15) + ranges(1700, 7, 25, 15) +
            ranges(1800, 7, 35, 15) + ranges(1900, 7, 35, 15) + ranges(2000, 7, 35, 15) +
            ranges(2000, 8, 35, 15) + ranges(2100, 8, 35, 15) + ranges(2200, 8, 35, 15); // 8 is authorized
        final LocateCommand.Options options = new LocateCommand.Options().site(new StringReader(SITE), "site.csv");
        assertThat(run(ranges, options)).isEqualTo(LocateCommand.EXIT_OK);
        final String[] lines = lines();
        assertThat(lines).containsExactly(
            "time_ms,tag_id,x,y,z,quality",
            "1000,7,15.000,15.000,1.000,0.000",
            "1100,7,15.000,15.000,1.000,0.000",
            "1200,7,15.000,15.000,1.000,0.000",
            "1200,7,event:zone_enter,42,dock,0",
            "1300,7,15.000,15.000,1.000,0.000",
            "1400,7,20.500,15.000,1.000,0.000",
            "1500,7,25.000,15.000,1.000,0.000",
            "1500,7,event:dwell_exceeded,42,dock,300", // limit 250 ms, checked on the tag's positions
            "1600,7,25.000,15.000,1.000,0.000",
            "1700,7,25.000,15.000,1.000,0.000",
            "1700,7,event:zone_exit,42,dock,500",
            "1800,7,35.000,15.000,1.000,0.000",
            "1900,7,35.000,15.000,1.000,0.000",
            "2000,7,35.000,15.000,1.000,0.000",
            "2000,7,event:zone_enter,43,cage,0",
            "2000,7,event:restricted_entry,43,cage,0",
            "2000,8,35.000,15.000,1.000,0.000",
            "2100,8,35.000,15.000,1.000,0.000",
            "2200,8,35.000,15.000,1.000,0.000",
            "2200,8,event:zone_enter,43,cage,0");
        assertThat(err()).isEmpty();
    }

    @Test
    void shouldTrackTdoaFixesThroughZonesWhenSiteGiven()
    {
        final String arrivals = blink(1000, 5, 35, 15, 0) + blink(1100, 5, 35, 15, 9) + blink(1200, 5, 35, 15, 17);
        final LocateCommand.Options options = new LocateCommand.Options().tdoa(true).zonePositions(2)
            .site(new StringReader(SITE), "site.csv");
        assertThat(run(arrivals, options)).isEqualTo(LocateCommand.EXIT_OK);
        assertThat(lines()).hasSize(6);
        assertThat(lines()[3]).isEqualTo("1100,5,event:zone_enter,43,cage,0");
        assertThat(lines()[4]).isEqualTo("1100,5,event:restricted_entry,43,cage,0");
    }

    @Test
    void shouldFailNamingLineAndFieldWhenSiteMalformed()
    {
        final String site = "zone_id,name,floor,z_min_m,z_max_m,restricted,dwell_limit_ms,enter_polygon\n" +
            "1,dock,0,0,3,false,0,10 10;20 10\n";
        final LocateCommand.Options options = new LocateCommand.Options().site(new StringReader(site), "site.csv");
        assertThat(run(ranges(1000, 7, 15, 15), options)).isEqualTo(LocateCommand.EXIT_USAGE);
        assertThat(err()).contains("locate: site.csv line 2, field enter_polygon: need at least 3 vertices");
        assertThat(outBytes.size()).isZero();
    }

    @Test
    void shouldWarnWhenPositionsCannotBeTrackedThroughZones()
    {
        final LocateCommand.Options options = new LocateCommand.Options().site(new StringReader(SITE), "site.csv");
        assertThat(run(ranges(0, 7, 15, 15) + ranges(-100, 7, 15, 15), options)).isEqualTo(LocateCommand.EXIT_OK);
        assertThat(lines()).hasSize(3);
        assertThat(err()).contains("locate: 2 positions not tracked through zones: bad_timestamp (time_ms must be " +
            "positive)");
    }
}
