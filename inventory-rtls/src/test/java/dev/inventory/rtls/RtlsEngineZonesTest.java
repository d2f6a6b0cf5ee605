package dev.inventory.rtls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.epcis.EpcisJsonLdSink;
import dev.inventory.core.epcis.EpcisSchema;
import dev.inventory.core.epcis.EpcisZone;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.PositionFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RfidReadFlyweight;
import dev.inventory.core.record.SensorFlyweight;
import dev.inventory.core.zone.ZoneDirectory;
import dev.inventory.rtls.ble.BleZoneExtension;
import dev.inventory.rtls.ble.BleZoneTracker;
import dev.inventory.rtls.site.SiteMap;
import dev.inventory.rtls.site.ZoneTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One zone namespace per engine: RFID zones "dock" and "store" in the configuration, a UWB site map with "store"
 * (site id 20) and "yard" (21), BLE rooms "store" (BLE zone 7) and "office" (8). Whichever technology sees a tag,
 * the event carries the engine's zone id of the zone's name.
 */
class RtlsEngineZonesTest
{
    private static final long T0 = 1_767_225_600_000L;
    private static final int RECORD = RecordDescriptor.RECORD_LENGTH;
    private static final long EPC_HIGH = 0x3034257BF7194E40L;
    private static final int UWB_TAG = 77;
    private static final int BLE_TAG = 88;
    private static final String STORE_SGLN = "urn:epc:id:sgln:0614141.00777.0";

    /** The engine's configured zones, auto zones on. */
    private static EngineConfig.Builder config()
    {
        return EngineConfig.builder().zone("dock", 1, 1).zone("store", 1, 2).autoZones(true).clockTickIntervalMs(0);
    }

    private static SiteMap siteMap()
    {
        final SiteMap map = new SiteMap(5.0, 0.5);
        map.addZone(20, "store", 0, new double[] {0, 0, 10, 0, 10, 10, 0, 10}, null, 0, 3, false, 0);
        map.addZone(21, "yard", 0, new double[] {20, 0, 30, 0, 30, 10, 20, 10}, null, 0, 3, false, 0);
        return map.seal();
    }

    private static BleZoneTracker.Config bleConfig()
    {
        return new BleZoneTracker.Config().receiverZones(7, 7, 8).zoneName(7, "store").zoneName(8, "office")
            .maxTags(16);
    }

    /** The UWB and BLE extensions, composed (UWB first). */
    private static final class Rtls
    {
        final ZoneTracker uwb = new ZoneTracker(siteMap(), 16, 4, 2, 2, 5_000);
        final BleZoneExtension ble = new BleZoneExtension(new BleZoneTracker(bleConfig()), 301, 302, 303);
        final RecordExtension both = RecordExtension.compose(uwb, ble);
    }

    /** A pipeline with the extensions, collecting events as text. */
    private static final class Rig
    {
        final List<String> events = new ArrayList<>();
        final Rtls rtls = new Rtls();
        final Pipeline pipeline = new Pipeline(config().build(), new Counters(), e -> events.add(text(e)));

        Rig()
        {
            pipeline.extension(rtls.both);
        }

        void feed(final ByteBuffer input, final int from, final int to)
        {
            for (int i = from; i < to; i++)
            {
                pipeline.onRecord(input, i * RECORD);
            }
        }

        List<String> zoneNames()
        {
            final List<String> names = new ArrayList<>();
            for (int id = 0; id < pipeline.zones().zoneCount(); id++)
            {
                names.add(pipeline.zones().zoneName(id));
            }
            return names;
        }
    }

    private static String text(final EventFlyweight e)
    {
        return e.sequence() + ":" + EventType.name(e.type()) + ":" + e.fromZone() + ">" + e.toZone() + "@" +
            (e.timestampMs() - T0);
    }

    /**
     * An RFID read in the store, a UWB tag entering the store then the yard, a BLE tag placed in the store then
     * moving to the office, and an RFID read by an unknown antenna (an auto zone, after the RTLS zones).
     */
    private static ByteBuffer input()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(16 * RECORD).order(ByteOrder.LITTLE_ENDIAN);
        final RfidReadFlyweight read = new RfidReadFlyweight();
        final PositionFlyweight position = new PositionFlyweight();
        final SensorFlyweight sensor = new SensorFlyweight();
        int n = 0;
        read.wrap(buffer, n++ * RECORD).set(1, 2, EPC_HIGH, 1, -5500, T0, 1);                       // store (RFID)
        position.wrap(buffer, n++ * RECORD).set(3, UWB_TAG, 5, 5, 1, 0.05, T0 + 100);
        position.wrap(buffer, n++ * RECORD).set(3, UWB_TAG, 5, 5, 1, 0.05, T0 + 200);              // enters store
        BleZoneExtension.writeRssi(sensor.wrap(buffer, n++ * RECORD), 301, BLE_TAG, -60, T0 + 300); // BLE store
        read.wrap(buffer, n++ * RECORD).set(2, 1, EPC_HIGH, 2, -6000, T0 + 400, 1);                 // auto zone 2.1
        position.wrap(buffer, n++ * RECORD).set(3, UWB_TAG, 25, 5, 1, 0.05, T0 + 500);
        position.wrap(buffer, n++ * RECORD).set(3, UWB_TAG, 25, 5, 1, 0.05, T0 + 600);             // store -> yard
        BleZoneExtension.writeRssi(sensor.wrap(buffer, n++ * RECORD), 303, BLE_TAG, -55, T0 + 6_500); // -> office
        read.wrap(buffer, n++ * RECORD).set(1, 2, EPC_HIGH, 1, -5500, T0 + 7_000, 1);
        position.wrap(buffer, n++ * RECORD).set(3, UWB_TAG, 5, 5, 1, 0.05, T0 + 7_100);
        position.wrap(buffer, n++ * RECORD).set(3, UWB_TAG, 5, 5, 1, 0.05, T0 + 7_200);            // yard -> store
        BleZoneExtension.writeRssi(sensor.wrap(buffer, n++ * RECORD), 302, BLE_TAG, -50, T0 + 13_000); // -> store
        return buffer.limit(n * RECORD);
    }

    @Test
    void shouldEmitEngineZoneIdsWhenRtlsZonesShareNamesWithConfiguredZones()
    {
        final Rig rig = new Rig();
        final ByteBuffer input = input();
        rig.feed(input, 0, input.limit() / RECORD);

        final ZoneDirectory zones = rig.pipeline.zones();
        // configured zones first, then the site map's new name, the BLE tracker's new name, then the auto zone
        assertThat(rig.zoneNames()).containsExactly("dock", "store", "yard", "office", "2.1");
        final int store = zones.zoneId("store");
        final int yard = zones.zoneId("yard");
        final int office = zones.zoneId("office");
        assertThat(store).isOne();
        assertThat(rig.events).containsExactly(
            "0:appeared:-1>" + store + "@0",
            "1:zone_enter:-1>" + store + "@200",
            "2:ble_zone_enter:-1>" + store + "@300",
            "3:appeared:-1>4@400",
            "4:zone_exit:" + store + ">-1@600",
            "5:zone_enter:-1>" + yard + "@600",
            "6:ble_zone_exit:" + store + ">" + office + "@6500",
            "7:ble_zone_enter:" + store + ">" + office + "@6500",
            "8:zone_enter:-1>" + store + "@7200", // slot order: the store's slot comes first
            "9:zone_exit:" + yard + ">-1@7200",
            "10:ble_zone_exit:" + office + ">" + store + "@13000",
            "11:ble_zone_enter:" + office + ">" + store + "@13000");
        // the modules keep their own ids and convert
        assertThat(rig.rtls.uwb.siteZoneId(store)).isEqualTo(20);
        assertThat(rig.rtls.uwb.siteZoneId(yard)).isEqualTo(21);
        assertThat(rig.rtls.uwb.siteZoneId(office)).isEqualTo(-1);
        assertThat(rig.rtls.uwb.engineZoneId(21)).isEqualTo(yard);
        assertThat(rig.rtls.uwb.isInside(UWB_TAG, 20)).isTrue();
        assertThat(rig.rtls.ble.bleZoneId(office)).isEqualTo(8);
        assertThat(rig.rtls.ble.engineZoneId(7)).isEqualTo(store);
        assertThat(rig.rtls.ble.bleZoneId(yard)).isEqualTo(BleZoneTracker.NO_ZONE);
        assertThat(rig.rtls.ble.tracker().zoneOf(BLE_TAG)).isEqualTo(7);
    }

    @Test
    void shouldRegisterAtSetUpWhenAskedAndKeepIdsOfConfiguredNames()
    {
        final Pipeline pipeline = new Pipeline(config().build(), new Counters(), e -> { });
        final Rtls rtls = new Rtls();
        assertThat(rtls.uwb.engineZoneId(21)).isEqualTo(ZoneDirectory.NONE); // not registered yet
        rtls.uwb.registerZones(pipeline.zones());
        rtls.ble.registerZones(pipeline.zones());
        assertThat(pipeline.zones().zoneCount()).isEqualTo(4);
        assertThat(rtls.uwb.engineZoneId(20)).isEqualTo(pipeline.zones().zoneId("store")).isOne();
        assertThat(rtls.ble.engineZoneId(8)).isEqualTo(pipeline.zones().zoneId("office")).isEqualTo(3);
        assertThat(rtls.uwb.registeredIn()).isSameAs(pipeline.zones());
        // registering again (the first record will check) defines nothing new
        rtls.ble.registerZones(pipeline.zones());
        assertThat(pipeline.zones().zoneCount()).isEqualTo(4);
    }

    @Test
    void shouldFailClearlyAndDefineNothingWhenTheDirectoryCannotTakeTheZones()
    {
        final Pipeline pipeline = new Pipeline(config().build(), new Counters(), e -> { });
        final ZoneDirectory zones = pipeline.zones();
        while (zones.zoneCount() < ZoneDirectory.MAX_ZONES - 1)
        {
            zones.defineZone("z" + zones.zoneCount());
        }
        final Rtls rtls = new Rtls();
        // "store" exists; "yard" fits in the one id left, and then "office" does not
        rtls.uwb.registerZones(zones);
        assertThat(zones.zoneCount()).isEqualTo(ZoneDirectory.MAX_ZONES);
        assertThatThrownBy(() -> rtls.ble.registerZones(zones))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("cannot register 1 BLE zones in the engine: it has 65536 zones of at most 65536 " +
                "(ZoneDirectory.MAX_ZONES)");
        assertThat(rtls.ble.registeredIn()).isNull();

        // lazily, on the first record: the record fails loudly, no event carries an unresolved zone
        final List<String> events = new ArrayList<>();
        final Pipeline full = new Pipeline(config().build(), new Counters(), e -> events.add(text(e)));
        while (full.zones().zoneCount() < ZoneDirectory.MAX_ZONES - 1)
        {
            full.zones().defineZone("z" + full.zones().zoneCount());
        }
        final Rtls lazy = new Rtls();
        full.extension(lazy.both); // UWB takes the last id for "yard", BLE finds none for "office"
        final ByteBuffer input = input();
        assertThatThrownBy(() -> full.onRecord(input, 3 * RECORD))
            .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cannot register 1 BLE zones");
        assertThat(full.zones().zoneCount()).isEqualTo(ZoneDirectory.MAX_ZONES);
        assertThat(lazy.uwb.registeredIn()).isSameAs(full.zones());
        assertThat(lazy.ble.registeredIn()).isNull();
        assertThatThrownBy(() -> full.onRecord(input, 7 * RECORD)).isInstanceOf(IllegalStateException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void shouldRejectZonesThatCannotBeOneEngineZoneEachWhenSettingUp()
    {
        final SiteMap map = new SiteMap(5.0, 0.5);
        map.addZone(1, "store", 0, new double[] {0, 0, 1, 0, 1, 1}, null, 0, 3, false, 0);
        assertThatThrownBy(() -> map.addZone(2, "store", 0, new double[] {5, 5, 6, 5, 6, 6}, null, 0, 3, false, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("zone 2 (store): duplicate zone name (zone 1)");
        assertThatThrownBy(() -> new BleZoneExtension(new BleZoneTracker(
            new BleZoneTracker.Config().receiverZones(7, 8).zoneName(7, "store")), 301, 302))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("BLE zone 8 has no name");
        assertThatThrownBy(() -> new BleZoneTracker(
            new BleZoneTracker.Config().receiverZones(7, 8).zoneName(9, "lab")))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid zoneName: zone 9 has no receiver");
        assertThatThrownBy(() -> new BleZoneTracker(
            new BleZoneTracker.Config().receiverZones(7, 8).zoneName(7, "lab").zoneName(8, "lab")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("invalid zoneName: zones 7 and 8 are both named 'lab'");
    }

    @Test
    void shouldResumeWithSameZoneIdsAndEventsWhenRestoredFromSnapshot() throws IOException
    {
        final ByteBuffer input = input();
        final int records = input.limit() / RECORD;
        final Rig straight = new Rig();
        straight.feed(input, 0, records);

        for (int cut = 0; cut < records; cut++)
        {
            final Rig before = new Rig();
            before.feed(input, 0, cut);
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes))
            {
                before.pipeline.writeSnapshot(out);
            }

            final Rig after = new Rig();
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))
            {
                after.pipeline.readSnapshot(in);
                assertThat(in.read()).as("snapshot consumed exactly").isEqualTo(-1);
            }
            // registered in the restored directory iff they were when the snapshot was taken (cut 0: not yet)
            assertThat(after.rtls.uwb.registeredIn()).isSameAs(cut == 0 ? null : after.pipeline.zones());
            assertThat(after.rtls.ble.registeredIn()).isSameAs(cut == 0 ? null : after.pipeline.zones());
            assertThat(after.zoneNames()).isEqualTo(before.zoneNames());
            after.feed(input, cut, records);
            assertThat(after.events).as("events after a restore at record " + cut)
                .isEqualTo(straight.events.subList(before.events.size(), straight.events.size()));
            assertThat(after.zoneNames()).isEqualTo(straight.zoneNames());
        }
    }

    @Test
    void shouldResumeLikeTheWriterWhenSnapshotPredatesEngineZoneIds() throws IOException
    {
        // a version 1 zone tracker snapshot (before engine zone ids): no registration flag, no tags; registration then
        // waits for the first record
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeInt(0x525A544B);
            out.writeInt(1);
            out.writeInt(0);
            out.writeLong(0);
        }
        // and a version 1 BLE extension snapshot: counters, then the tracker's state
        final ByteArrayOutputStream bleBytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bleBytes))
        {
            out.writeInt(0x424C4558);
            out.writeInt(1);
            out.writeLong(0);
            out.writeInt(BleZoneExtension.REJECT_COUNT);
            for (int i = 0; i < BleZoneExtension.REJECT_COUNT; i++)
            {
                out.writeLong(0);
            }
            new BleZoneTracker(bleConfig()).writeTo(out);
        }
        final Rig rig = new Rig();
        rig.rtls.uwb.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), rig.pipeline);
        rig.rtls.ble.readSnapshot(new DataInputStream(new ByteArrayInputStream(bleBytes.toByteArray())), rig.pipeline);
        assertThat(rig.rtls.uwb.registeredIn()).isNull();
        assertThat(rig.rtls.ble.registeredIn()).isNull();
        final ByteBuffer input = input();
        rig.feed(input, 0, 4);
        assertThat(rig.rtls.uwb.registeredIn()).isSameAs(rig.pipeline.zones());
        assertThat(rig.rtls.ble.registeredIn()).isSameAs(rig.pipeline.zones());
        assertThat(rig.events)
            .containsExactly("0:appeared:-1>1@0", "1:zone_enter:-1>1@200", "2:ble_zone_enter:-1>1@300");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNameRtlsZonesInEpcisDocumentWhenRunningInEngine(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("events.jsonld");
        final EpcisJsonLdSink epcis = new EpcisJsonLdSink(new EpcisJsonLdSink.Context().file(file)
            .zone("store", EpcisZone.DEFAULTS.withBizLocation(STORE_SGLN)));
        final Rtls rtls = new Rtls();
        final InventoryEngine engine = new InventoryEngine(config().recordExtension(rtls.both).sink(epcis).build())
            .start();
        final ByteBuffer input = input();
        publish(engine.publisher(), input, input.limit() / RECORD);
        assertThat(engine.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
        engine.close();

        final JsonNode document = EpcisSchema.MAPPER.readTree(Files.readString(file));
        assertThat(EpcisSchema.validate(document)).isEmpty();
        final JsonNode list = document.get("epcisBody").get("eventList");
        final List<String> rows = new ArrayList<>();
        for (final JsonNode event : list)
        {
            rows.add(event.get("inv:event").asText() + " " + event.get("epcList").get(0).asText() + " " +
                event.get("bizStep").asText() + " " + id(event, "readPoint") + " " + id(event, "bizLocation") + " " +
                event.path("inv:fromZone").asText("-") + ">" + event.path("inv:toZone").asText("-"));
        }
        final String uwb = EpcisJsonLdSink.DEFAULT_RTLS_TAG_URI_PREFIX + UWB_TAG;
        final String ble = EpcisJsonLdSink.DEFAULT_RTLS_TAG_URI_PREFIX + BLE_TAG;
        final String yard = EpcisJsonLdSink.DEFAULT_LOCATION_URI_PREFIX + "yard";
        final String office = EpcisJsonLdSink.DEFAULT_LOCATION_URI_PREFIX + "office";
        // the store's EPCIS profile applies whichever technology saw the tag
        assertThat(rows).containsExactly(
            "appeared urn:epc:raw:96.x3034257BF7194E4000000001 arriving " + STORE_SGLN + " " + STORE_SGLN + " ->store",
            "zone_enter " + uwb + " arriving " + STORE_SGLN + " " + STORE_SGLN + " ->store",
            "ble_zone_enter " + ble + " arriving " + STORE_SGLN + " " + STORE_SGLN + " ->store",
            "appeared urn:epc:raw:96.x3034257BF7194E4000000002 arriving " +
                EpcisJsonLdSink.DEFAULT_LOCATION_URI_PREFIX + "2.1 " + EpcisJsonLdSink.DEFAULT_LOCATION_URI_PREFIX +
                "2.1 ->2.1",
            "zone_exit " + uwb + " departing " + STORE_SGLN + " - store>-",
            "zone_enter " + uwb + " arriving " + yard + " " + yard + " ->yard",
            "ble_zone_exit " + ble + " departing " + STORE_SGLN + " - store>office",
            "ble_zone_enter " + ble + " arriving " + office + " " + office + " store>office",
            "zone_enter " + uwb + " arriving " + STORE_SGLN + " " + STORE_SGLN + " ->store",
            "zone_exit " + uwb + " departing " + yard + " - yard>-",
            "ble_zone_exit " + ble + " departing " + office + " - office>store",
            "ble_zone_enter " + ble + " arriving " + STORE_SGLN + " " + STORE_SGLN + " office>store");
    }

    private static String id(final JsonNode event, final String field)
    {
        return event.has(field) ? event.get(field).get("id").asText() : "-";
    }

    private static void publish(final Publisher publisher, final ByteBuffer input, final int records)
    {
        final ByteBuffer ring = publisher.buffer();
        for (int i = 0; i < records; i++)
        {
            long sequence;
            while ((sequence = publisher.tryClaim()) == Publisher.BACK_PRESSURED)
            {
                LockSupport.parkNanos(10_000);
            }
            assertThat(sequence).isNotNegative();
            final int at = publisher.offset(sequence);
            for (int j = 0; j < RECORD; j += 8)
            {
                ring.putLong(at + j, input.getLong(i * RECORD + j));
            }
            publisher.commit(sequence);
        }
    }
}
