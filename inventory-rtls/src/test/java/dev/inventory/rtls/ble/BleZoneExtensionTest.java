package dev.inventory.rtls.ble;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.record.ClockTickFlyweight;
import dev.inventory.core.record.SensorFlyweight;

import static dev.inventory.rtls.ble.BleStream.ROOM_A;
import static dev.inventory.rtls.ble.BleStream.ROOM_B;
import static dev.inventory.rtls.ble.BleStream.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BleZoneExtensionTest
{
    private static final BleStream STREAM = new BleStream(240, 42);

    /** One event as plain values. */
    record Ev(long sequence, int type, long tag, int from, int to, long dwellMs, int source, int rssi, long timeMs)
    {
        static Ev of(final EventFlyweight e)
        {
            return new Ev(e.sequence(), e.type(), e.epcHigh(), e.fromZone(), e.toZone(), e.dwellMs(), e.source(),
                e.rssiCentiDbm(), e.timestampMs());
        }
    }

    /** A pipeline with a BLE zone extension. */
    private static final class Rig
    {
        final List<Ev> events = new ArrayList<>();
        final Counters counters = new Counters();
        final Pipeline pipeline = new Pipeline(EngineConfig.builder().build(), counters, e -> events.add(Ev.of(e)));
        final BleZoneExtension ble;
        final ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        final SensorFlyweight sensor = new SensorFlyweight();

        Rig(final BleZoneTracker.Config config)
        {
            ble = new BleZoneExtension(new BleZoneTracker(config), BleStream.RECEIVER_IDS);
            pipeline.extension(ble);
        }

        Rig()
        {
            this(BleStream.config());
        }

        void rssi(final int receiverId, final long tag, final double rssiDbm, final long timeMs)
        {
            BleZoneExtension.writeRssi(sensor.wrap(buffer, 0), receiverId, tag, rssiDbm, timeMs);
            pipeline.onRecord(buffer, 0);
        }

        void feed(final BleStream s, final int from, final int to)
        {
            for (int i = from; i < to; i++)
            {
                rssi(s.receiver[i], s.tag[i], s.rssiDbm[i], s.timeMs[i]);
            }
        }
    }

    @Test
    void shouldEmitEnterExitAndAbsenceEventsWhenRssiRecordsGoThroughPipeline()
    {
        final Rig rig = new Rig();
        rig.feed(STREAM, 0, STREAM.count);

        assertThat(rig.ble.readings()).isEqualTo(STREAM.count);
        assertThat(rig.counters.get(Counters.OTHER_RECORDS)).isEqualTo(STREAM.count);
        final Map<Long, List<Ev>> byTag = new HashMap<>();
        for (final Ev e : rig.events)
        {
            assertThat(e.type()).isIn((int)EventType.RTLS_BLE_ZONE_ENTER, (int)EventType.RTLS_BLE_ZONE_EXIT);
            byTag.computeIfAbsent(e.tag(), k -> new ArrayList<>()).add(e);
        }
        assertThat(byTag).hasSize(BleStream.TAGS);
        int changes = 0;
        for (final Map.Entry<Long, List<Ev>> entry : byTag.entrySet())
        {
            final List<Ev> list = entry.getValue();
            assertThat(list.get(0).type()).isEqualTo(EventType.RTLS_BLE_ZONE_ENTER);
            assertThat(list.get(0).from()).isEqualTo(-1);
            int zone = list.get(0).to();
            for (int i = 1; i < list.size(); i++)
            {
                final Ev exit = list.get(i);
                // never an exit without an enter: each exit leaves the zone last entered
                assertThat(exit.type()).isEqualTo(EventType.RTLS_BLE_ZONE_EXIT);
                assertThat(exit.from()).isEqualTo(zone);
                assertThat(exit.dwellMs()).isPositive();
                if (exit.to() == -1)
                {
                    assertThat(exit.source()).isZero(); // absence
                    zone = -1;
                    if (i + 1 < list.size())
                    {
                        final Ev enter = list.get(++i);
                        assertThat(enter.type()).isEqualTo(EventType.RTLS_BLE_ZONE_ENTER);
                        assertThat(enter.from()).isEqualTo(-1);
                        zone = enter.to();
                    }
                    continue;
                }
                final Ev enter = list.get(++i);
                assertThat(enter.type()).isEqualTo(EventType.RTLS_BLE_ZONE_ENTER);
                assertThat(enter.from()).isEqualTo(zone);
                assertThat(enter.to()).isEqualTo(exit.to()).isNotEqualTo(zone);
                assertThat(enter.timeMs()).isEqualTo(exit.timeMs());
                assertThat(enter.source()).isEqualTo(exit.source()).isIn(101, 102, 201, 202);
                assertThat(enter.rssi()).isBetween(-13_000, 2_000);
                zone = enter.to();
                changes++;
            }
            assertThat(rig.ble.engineZoneId(rig.ble.tracker().zoneOf(entry.getKey()))).isEqualTo(zone);
        }
        // 240 s of slow swings (periods 90..190 s, 2-5 wall crossings per tag): no flapping
        System.out.println("BLE through the pipeline: " + STREAM.count + " readings, " + rig.events.size() +
            " events, " + changes + " room changes over " + BleStream.TAGS + " tags");
        assertThat(changes).isBetween(BleStream.TAGS, 6 * BleStream.TAGS);

        final List<Ev> silent = byTag.get(1000L + BleStream.SILENT_TAG);
        final List<Ev> absences = silent.stream().filter(e -> e.to() == -1).toList();
        assertThat(absences).hasSize(1);
        long lastHeard = 0;
        for (int i = 0; i < STREAM.count; i++)
        {
            if (STREAM.tag[i] == 1000 + BleStream.SILENT_TAG && STREAM.timeMs[i] < T0 + BleStream.SILENT_FROM_MS)
            {
                lastHeard = Math.max(lastHeard, STREAM.timeMs[i]);
            }
        }
        assertThat(absences.get(0).timeMs()).isEqualTo(lastHeard + 15_000);
        assertThat(rig.ble.tracker().absences()).isEqualTo(1);
    }

    @Test
    void shouldFireAbsenceOnClockTickWhenNoReadingArrives()
    {
        final Rig rig = new Rig();
        rig.rssi(101, 7, -60, T0);
        rig.rssi(201, 7, -80, T0 + 100);
        // events carry engine zone ids: the rooms registered by name (an empty configuration: 0 and 1)
        final int roomA = rig.pipeline.zones().zoneId(BleStream.ROOM_A_NAME);
        final int roomB = rig.pipeline.zones().zoneId(BleStream.ROOM_B_NAME);
        assertThat(roomA).isZero();
        assertThat(roomB).isOne();
        assertThat(rig.ble.engineZoneId(ROOM_A)).isEqualTo(roomA);
        assertThat(rig.ble.bleZoneId(roomB)).isEqualTo(ROOM_B);
        assertThat(rig.events).containsExactly(new Ev(0, EventType.RTLS_BLE_ZONE_ENTER, 7, -1, roomA, 0, 101, -6000,
            T0));
        new ClockTickFlyweight().wrap(rig.buffer, 0).set(0, T0 + 15_099);
        rig.pipeline.onRecord(rig.buffer, 0);
        assertThat(rig.events).hasSize(1);
        new ClockTickFlyweight().wrap(rig.buffer, 0).set(0, T0 + 16_000);
        rig.pipeline.onRecord(rig.buffer, 0);
        assertThat(rig.events).hasSize(2);
        assertThat(rig.events.get(1)).isEqualTo(new Ev(1, EventType.RTLS_BLE_ZONE_EXIT, 7, roomA, -1, 15_100, 0, 0,
            T0 + 15_100));
        assertThat(rig.ble.tracker().zoneOf(7)).isEqualTo(BleZoneTracker.NO_ZONE);
        rig.rssi(202, 7, -55, T0 + 20_000); // back, in the other room
        assertThat(rig.events.get(2)).isEqualTo(new Ev(2, EventType.RTLS_BLE_ZONE_ENTER, 7, -1, roomB, 0, 202,
            -5500, T0 + 20_000));
    }

    @Test
    void shouldCountRejectionsWithoutEventsWhenInputIsBad()
    {
        final Rig rig = new Rig(BleStream.config().maxTags(1));
        rig.rssi(999, 1, -60, T0);                 // unknown receiver
        rig.rssi(101, 1, -200, T0 + 1);            // below -130 dBm
        rig.rssi(101, 1, 25, T0 + 2);              // above +20 dBm
        rig.rssi(101, 1, Double.NaN, T0 + 3);      // rejected by the core (not finite)
        rig.rssi(101, 1, -60, -5);                 // rejected by the core (timestamp)
        new SensorFlyweight().wrap(rig.buffer, 0).set(101, 1, SensorFlyweight.QUANTITY_RSSI, -60, 99, T0 + 4);
        rig.pipeline.onRecord(rig.buffer, 0);      // wrong unit
        new SensorFlyweight().wrap(rig.buffer, 0).set(101, 1, SensorFlyweight.QUANTITY_TEMPERATURE, 21.5,
            SensorFlyweight.UNIT_CELSIUS, T0 + 5);
        rig.pipeline.onRecord(rig.buffer, 0);      // not BLE: ignored, not counted
        rig.rssi(101, 1, -60, T0 + 6);             // ok: tag 1 placed
        rig.rssi(101, 2, -60, T0 + 7);             // tag capacity

        assertThat(rig.ble.rejected(BleZoneExtension.REJECT_UNKNOWN_RECEIVER)).isEqualTo(1);
        assertThat(rig.ble.rejected(BleZoneExtension.REJECT_BAD_RSSI)).isEqualTo(2);
        assertThat(rig.ble.rejected(BleZoneExtension.REJECT_BAD_UNIT)).isEqualTo(1);
        assertThat(rig.ble.rejected(BleZoneExtension.REJECT_TAG_CAPACITY)).isEqualTo(1);
        assertThat(rig.counters.rejected(RejectReason.BAD_VALUE)).isEqualTo(1);
        assertThat(rig.counters.rejected(RejectReason.BAD_TIMESTAMP)).isEqualTo(1);
        assertThat(rig.ble.readings()).isEqualTo(1);
        assertThat(rig.events).hasSize(1);
        assertThat(BleZoneExtension.rejectName(BleZoneExtension.REJECT_BAD_UNIT)).isEqualTo("bad_unit");
        assertThatThrownBy(() -> new BleZoneExtension(new BleZoneTracker(BleStream.config()), 1, 2, 3))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receiverIds");
        assertThatThrownBy(() -> new BleZoneExtension(new BleZoneTracker(BleStream.config()), 1, 2, 3, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate receiver id 1");
    }

    @Test
    void shouldEmitSameEventsAfterRestoreWhenSnapshotTakenMidStream() throws IOException
    {
        final Rig straight = new Rig();
        straight.feed(STREAM, 0, STREAM.count);
        assertThat(straight.events).hasSizeGreaterThan(20);

        // cuts: early, mid-absence of the silent tag, late
        final int midAbsence = indexAt(T0 + 80_000);
        for (final int cut : new int[] {3, 1_001, midAbsence, STREAM.count / 2, STREAM.count - 5})
        {
            final Rig before = new Rig();
            before.feed(STREAM, 0, cut);
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
            after.feed(STREAM, cut, STREAM.count);
            assertThat(after.events).as("events after a restore at record " + cut)
                .isEqualTo(straight.events.subList(before.events.size(), straight.events.size()));
            assertThat(after.ble.readings()).isEqualTo(straight.ble.readings());
            assertThat(after.ble.tracker().zoneChanges()).isEqualTo(straight.ble.tracker().zoneChanges());
            for (int k = 0; k < BleStream.TAGS; k++)
            {
                assertThat(after.ble.tracker().smoothedRssiDbm(1000 + k, 2))
                    .isEqualTo(straight.ble.tracker().smoothedRssiDbm(1000 + k, 2));
            }
        }
    }

    @Test
    void shouldRejectSnapshotWhenReceiversDiffer() throws IOException
    {
        final Rig before = new Rig();
        before.feed(STREAM, 0, 100);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            before.pipeline.writeSnapshot(out);
        }
        final Rig other = new Rig(BleStream.config().receiverZones(ROOM_A, ROOM_B, ROOM_B, ROOM_B));
        assertThatThrownBy(() -> other.pipeline.readSnapshot(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
            .isInstanceOf(IOException.class).hasMessageContaining("receiver 1 was in zone " + ROOM_A);
    }

    @Test
    void shouldNotAllocateWhenRecordsGoThroughPipeline()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Rig rig = new Rig(BleStream.config().maxTags(4096));
        final long[] count = new long[1];
        rig.pipeline.listener(e -> count[0]++); // keeps nothing
        final int records = 1_000_000;
        long checksum = run(rig, records, 0);
        checksum += run(rig, records, 1);
        final long threadId = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(threadId);
        final long eventsBefore = count[0];
        final long before = threads.getThreadAllocatedBytes(threadId);
        checksum += run(rig, records, 2);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        System.out.println("BLE extension allocation: " + allocated + " B over " + records + " records, " +
            (count[0] - eventsBefore) + " events (checksum " + checksum + ")");
        assertThat(count[0]).isGreaterThan(eventsBefore);
        assertThat(allocated).isZero();
    }

    private static long run(final Rig rig, final int records, final int pass)
    {
        long bits = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < records; i++)
        {
            bits ^= bits << 13;
            bits ^= bits >>> 7;
            bits ^= bits << 17;
            final int receiver = BleStream.RECEIVER_IDS[(int)((bits >>> 8) & 3)];
            // 3000 tags heard every 15 s on average, some longer apart: placements, changes and absences
            rig.rssi(receiver, (bits >>> 16) % 3000, -95.0 + (bits & 63), T0 + pass * 100_000_000L + i * 5L);
        }
        return rig.ble.tracker().zoneChanges() + rig.ble.tracker().absences();
    }

    private static int indexAt(final long timeMs)
    {
        for (int i = 0; i < STREAM.count; i++)
        {
            if (STREAM.timeMs[i] >= timeMs)
            {
                return i;
            }
        }
        throw new AssertionError("no record at " + timeMs);
    }
}
