package dev.inventory.rtls.site;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.record.PositionFlyweight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteMapFileTest
{
    static final String HALL = String.join("\n",
        "# hall 1",
        SiteMapFile.HEADER,
        "1,dock,0,0,3,false,0,10 10;20 10;20 20;10 20,8 8;22 8;22 22;8 22",
        "",
        "17, cage ,0,0,3,true,2000,30 5;35 5;35 10;30 10,,99;100",
        "3,mezzanine,1,4,7,no,0,0 0;10 0;10 10;0 10",
        "4,yard,-1,,,0,,40 0;50 0;45 8",
        "");

    @TempDir
    Path dir;

    private static SiteMap read(final String text) throws IOException
    {
        return SiteMapFile.read(new StringReader(text), "zones.csv", 5.0, 0.5);
    }

    @Test
    void shouldLoadEveryFieldWhenFileValid() throws IOException
    {
        final Path file = dir.resolve("zones.csv");
        Files.writeString(file, HALL);
        final SiteMap map = SiteMapFile.read(file);

        assertThat(map.isSealed()).isTrue();
        assertThat(map.zoneCount()).isEqualTo(4);
        final int dock = map.indexOf(1);
        final int cage = map.indexOf(17);
        final int mezzanine = map.indexOf(3);
        final int yard = map.indexOf(4);
        assertThat(map.indexOf(2)).isEqualTo(-1);
        assertThat(map.name(cage)).isEqualTo("cage");
        assertThat(map.zoneId(cage)).isEqualTo(17);
        assertThat(map.floor(mezzanine)).isEqualTo(1);
        assertThat(map.floor(yard)).isEqualTo(-1);
        assertThat(map.zMinM(mezzanine)).isEqualTo(4.0);
        assertThat(map.zMaxM(mezzanine)).isEqualTo(7.0);
        assertThat(map.zMinM(yard)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(map.zMaxM(yard)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(map.isRestricted(cage)).isTrue();
        assertThat(map.isRestricted(dock)).isFalse();
        assertThat(map.dwellLimitMs(cage)).isEqualTo(2000);
        assertThat(map.dwellLimitMs(yard)).isZero();
        assertThat(map.isUnauthorized(cage, 99)).isFalse();
        assertThat(map.isUnauthorized(cage, 100)).isFalse();
        assertThat(map.isUnauthorized(cage, 5)).isTrue();
        assertThat(map.exitPolygon(dock)).containsExactly(8, 8, 22, 8, 22, 22, 8, 22);
        assertThat(map.exitPolygon(cage)).isNull();

        // explicit exit polygon: inside the enter polygon, between the two, beyond the exit polygon
        assertThat(map.classify(dock, 15, 15, 1)).isEqualTo(SiteMap.INSIDE);
        assertThat(map.classify(dock, 10.2, 15, 1)).isEqualTo(SiteMap.INSIDE); // no uniform band with exit polygon
        assertThat(map.classify(dock, 21, 15, 1)).isEqualTo(SiteMap.BAND);
        assertThat(map.classify(dock, 22.5, 15, 1)).isEqualTo(SiteMap.OUTSIDE);
        // uniform band (0.5 m) for the others; height bands keep floors apart
        assertThat(map.classify(cage, 30.2, 7, 1)).isEqualTo(SiteMap.BAND);
        assertThat(map.classify(mezzanine, 5, 5, 1)).isEqualTo(SiteMap.OUTSIDE);
        assertThat(map.classify(mezzanine, 5, 5, 5)).isEqualTo(SiteMap.INSIDE);
        assertThat(map.classify(yard, 45, 3, -100)).isEqualTo(SiteMap.INSIDE);
        // the grid covers the exit polygon, not only the enter polygon
        final int[] out = new int[4];
        assertThat(map.candidates(21.5, 15, out)).isGreaterThanOrEqualTo(1);
        boolean found = false;
        for (int i = 0; i < 4; i++)
        {
            found |= out[i] == dock;
        }
        assertThat(found).isTrue();
    }

    @Test
    void shouldEmitEngineZoneIdsOfFileZonesAndHonourExitPolygonWhenTrackedThroughPipeline() throws IOException
    {
        final SiteMap map = read(HALL);
        final List<String> events = new ArrayList<>();
        // the engine configuration already has a zone named "cage" (an RFID zone): the file's cage is that zone
        final Pipeline pipeline = new Pipeline(EngineConfig.builder().zone("cage", 1, 1).build(), new Counters(),
            e -> events.add(RtlsEventType.name(e.type()) + ":" + e.epcHigh() + ":" + e.fromZone() + ">" + e.toZone()));
        final ZoneTracker tracker = new ZoneTracker(map, 8, 4, 2, 2, 5_000);
        pipeline.extension(tracker);
        final ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        final PositionFlyweight position = new PositionFlyweight();
        final double[][] walk = {
            {15, 15}, {15, 15},     // enter dock
            {21, 15}, {21, 15}, {21.9, 15}, // between enter and exit polygon: stays
            {23, 15}, {23, 15},     // beyond the exit polygon: exit
            {32, 7}, {32, 7},       // cage, unauthorized tag 5
        };
        long t = 1_000_000;
        for (final double[] p : walk)
        {
            position.wrap(buffer, 0).set(1, 5, p[0], p[1], 1.0, 0.05, t += 100);
            pipeline.onRecord(buffer, 0);
        }
        // engine ids: cage 0 (configured), then the file's other zones in file order: dock 1, mezzanine 2, yard 3
        final int dock = pipeline.zones().zoneId("dock");
        final int cage = pipeline.zones().zoneId("cage");
        assertThat(cage).isZero();
        assertThat(dock).isOne();
        assertThat(pipeline.zones().zoneCount()).isEqualTo(4);
        assertThat(events).containsExactly(
            "zone_enter:5:-1>" + dock, "zone_exit:5:" + dock + ">-1", "zone_enter:5:-1>" + cage,
            "restricted_entry:5:-1>" + cage);
        // the file's ids stay the user's: the tracker maps both ways
        assertThat(tracker.siteZoneId(dock)).isEqualTo(1);
        assertThat(tracker.siteZoneId(cage)).isEqualTo(17);
        assertThat(tracker.engineZoneId(17)).isEqualTo(cage);
        assertThat(tracker.isInside(5, 17)).isTrue();
    }

    static List<String[]> badFiles()
    {
        final String ok = "1,dock,0,0,3,false,0,0 0;10 0;10 10;0 10";
        return List.of(
            new String[] {"1,dock,0,0,3,false,0", "line 1: expected 8 to 10 fields"},
            new String[] {ok + ",,,extra", "line 1: expected 8 to 10 fields"},
            new String[] {"x,dock,0,0,3,false,0,0 0;1 0;1 1", "line 1, field zone_id: 'x' is not an integer"},
            new String[] {"-4,dock,0,0,3,false,0,0 0;1 0;1 1", "line 1, field zone_id: must be >= 0"},
            new String[] {ok + "\n1,other,0,0,3,false,0,0 0;1 0;1 1",
                "line 2, field zone_id: duplicate zone id 1 (first on line 1)"},
            new String[] {ok + "\n2,dock,0,0,3,false,0,0 0;1 0;1 1",
                "line 2, field name: duplicate name 'dock' (first on line 1)"},
            new String[] {"1,,0,0,3,false,0,0 0;1 0;1 1", "line 1, field name: must not be empty"},
            new String[] {"1,dock,one,0,3,false,0,0 0;1 0;1 1", "line 1, field floor: 'one' is not an integer"},
            new String[] {"1,dock,0,low,3,false,0,0 0;1 0;1 1", "line 1, field z_min_m: 'low' is not a finite"},
            new String[] {"1,dock,0,0,NaN,false,0,0 0;1 0;1 1", "line 1, field z_max_m: 'NaN' is not a finite"},
            new String[] {"1,dock,0,3,1,false,0,0 0;1 0;1 1", "line 1, field z_max_m: must be >= z_min_m"},
            new String[] {"1,dock,0,0,3,maybe,0,0 0;1 0;1 1", "line 1, field restricted: 'maybe' is not one of"},
            new String[] {"1,dock,0,0,3,false,-5,0 0;1 0;1 1", "line 1, field dwell_limit_ms: must be >= 0"},
            new String[] {"1,dock,0,0,3,false,1.5,0 0;1 0;1 1", "line 1, field dwell_limit_ms: '1.5' is not an int"},
            new String[] {"1,dock,0,0,3,false,0,", "line 1, field enter_polygon: must not be empty"},
            new String[] {"1,dock,0,0,3,false,0,0 0;1 0", "line 1, field enter_polygon: need at least 3 vertices"},
            new String[] {"1,dock,0,0,3,false,0,0 0;1 0 2;1 1", "line 1, field enter_polygon: vertex 2 '1 0 2'"},
            new String[] {"1,dock,0,0,3,false,0,0 0;1 x;1 1", "line 1, field enter_polygon: vertex 2 '1 x' has"},
            new String[] {"1,dock,0,0,3,false,0,0 0;1 1;2 2", "line 1, field enter_polygon: zero area"},
            new String[] {"1,dock,0,0,3,false,0,0 0;4 4;4 0;0 1",
                "line 1, field enter_polygon: edges 1 and 3 cross"},
            new String[] {ok + ",1 1;9 1;9 9;1 9", "line 1, field exit_polygon: does not contain vertex 1"},
            new String[] {ok + ",-1 -1;5 20;11 -1", "line 1, field exit_polygon: does not contain vertex"},
            new String[] {ok + ",,5", "line 1, field authorized_tags: authorized tags given for a zone that is not"},
            new String[] {"1,dock,0,0,3,true,0,0 0;1 0;1 1,,5;x", "line 1, field authorized_tags: tag id 'x'"},
            new String[] {"# nothing\n\n", "zones.csv: no zones"},
            new String[] {"1,dock,0,0,3,false,0,0 0;1e6 0;1e6 1e6", "zones.csv: zones span"});
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void shouldNameLineAndFieldWhenFileIsMalformed(final String text, final String message)
    {
        assertThatThrownBy(() -> read(text))
            .isInstanceOf(SiteMapFormatException.class)
            .hasMessageStartingWith("zones.csv")
            .hasMessageContaining(message);
    }

    @Test
    void shouldAcceptCommentsAfterFieldsAsInReadme() throws IOException
    {
        final SiteMap map = read(String.join("\n",
            "zone_id,name,floor,z_min_m,z_max_m,restricted,dwell_limit_ms,enter_polygon,exit_polygon,authorized_tags",
            "1,dock,0,0,3,false,0,10 10;20 10;20 20;10 20,9 9;21 9;21 21;9 21   " +
                "# larger exit polygon: spatial hysteresis",
            "2,cage,0,0,3,true,600000,30 5;35 5;35 10;30 10,,17;42                " +
                "# restricted, tags 17 and 42 allowed, 10 min",
            "3,mezzanine,1,4,7,false,0,0 0;10 0;10 10;0 10                        " +
                "# floor 1: kept apart by its height band"));
        assertThat(map.zoneCount()).isEqualTo(3);
        assertThat(map.isUnauthorized(map.indexOf(2), 42)).isFalse();
        assertThat(map.isUnauthorized(map.indexOf(2), 43)).isTrue();
        assertThat(map.dwellLimitMs(map.indexOf(2))).isEqualTo(600_000);
        assertThat(map.name(map.indexOf(3))).isEqualTo("mezzanine");
    }

    @Test
    void shouldReportLineNumberCountingCommentsAndBlanks()
    {
        final String text = "# c\n\n" + SiteMapFile.HEADER + "\n1,dock,0,0,3,false,0,0 0;1 0;1 1\n" +
            "2,cage,0,0,3,false,0,0 0;1 0\n";
        assertThatThrownBy(() -> read(text))
            .isInstanceOfSatisfying(SiteMapFormatException.class, ex ->
            {
                assertThat(ex.lineNumber()).isEqualTo(5);
                assertThat(ex.field()).isEqualTo("enter_polygon");
            });
    }
}
