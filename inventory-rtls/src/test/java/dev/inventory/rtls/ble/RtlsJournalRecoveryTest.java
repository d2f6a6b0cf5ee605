package dev.inventory.rtls.ble;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.event.EventBatch;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.journal.ChronicleJournal;
import dev.inventory.core.record.PositionFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.SensorFlyweight;
import dev.inventory.core.spi.EventSink;
import dev.inventory.rtls.ble.BleZoneExtensionTest.Ev;
import dev.inventory.rtls.site.RtlsEventType;
import dev.inventory.rtls.site.SiteMap;
import dev.inventory.rtls.site.ZoneTracker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journal recovery through a real engine: BLE RSSI records and UWB positions, with the BLE zone extension and the
 * UWB zone tracker composed, resume exactly after a restart and after a replay from an older snapshot.
 */
class RtlsJournalRecoveryTest
{
    private static final int RECORD = RecordDescriptor.RECORD_LENGTH;

    @TempDir
    Path dir;

    /** BLE readings of {@link BleStream} merged by time with positions of 4 UWB tags circling a 3-zone hall. */
    private static ByteBuffer input()
    {
        final BleStream ble = new BleStream(180, 7);
        final int positionsPerTag = 1_800; // 10 Hz for 180 s
        final int uwbTags = 4;
        final ByteBuffer buffer = ByteBuffer.allocateDirect((ble.count + positionsPerTag * uwbTags) * RECORD)
            .order(ByteOrder.LITTLE_ENDIAN);
        final SensorFlyweight sensor = new SensorFlyweight();
        final PositionFlyweight position = new PositionFlyweight();
        int b = 0;
        int offset = 0;
        for (int step = 0; step < positionsPerTag; step++)
        {
            final long t = BleStream.T0 + step * 100L;
            while (b < ble.count && ble.timeMs[b] <= t)
            {
                BleZoneExtension.writeRssi(sensor.wrap(buffer, offset), ble.receiver[b], ble.tag[b], ble.rssiDbm[b],
                    ble.timeMs[b]);
                offset += RECORD;
                b++;
            }
            for (int tag = 0; tag < uwbTags; tag++)
            {
                final double angle = 2 * Math.PI * (step + tag * 400) / 1_200.0;
                position.wrap(buffer, offset).set(3, 77 + tag, 10 + 9 * Math.cos(angle), 10 + 9 * Math.sin(angle),
                    1.0, 0.05, t);
                offset += RECORD;
            }
        }
        while (b < ble.count)
        {
            BleZoneExtension.writeRssi(sensor.wrap(buffer, offset), ble.receiver[b], ble.tag[b], ble.rssiDbm[b],
                ble.timeMs[b]);
            offset += RECORD;
            b++;
        }
        return buffer.limit(offset);
    }

    private static RecordExtension extensions()
    {
        final SiteMap map = new SiteMap(4.0, 0.4);
        map.addZone(10, "dock", 0, new double[] {0, 0, 10, 0, 10, 10, 0, 10}, null, 0, 3, false, 0);
        map.addZone(11, "aisle", 0, new double[] {12, 0, 18, 0, 18, 20, 12, 20},
            new double[] {11, -1, 19, -1, 19, 21, 11, 21}, 0, 3, false, 8_000);
        map.addZone(12, "cage", 0, new double[] {0, 12, 10, 12, 10, 20, 0, 20}, null, 0, 3, true, 5_000);
        map.seal();
        return RecordExtension.compose(
            new ZoneTracker(map, 16, 3, 3, 2, 1_500),
            new BleZoneExtension(new BleZoneTracker(BleStream.config()), BleStream.RECEIVER_IDS));
    }

    private EngineConfig config(final EventSink sink)
    {
        return EngineConfig.builder()
            .clockTickIntervalMs(0)
            .ringCapacity(1 << 12)
            .snapshotIntervalRecords(5_000)
            .journalDir(dir)
            .recordExtension(extensions())
            .sink(sink)
            .build();
    }

    /** Collects events as values, on the sink thread. */
    private static final class Collect implements EventSink
    {
        final List<Ev> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onEvents(final EventBatch batch)
        {
            for (int i = 0; i < batch.size(); i++)
            {
                events.add(Ev.of(batch.event(i)));
            }
        }
    }

    private static void publish(final Publisher publisher, final ByteBuffer input, final int from, final int to)
    {
        final ByteBuffer ring = publisher.buffer();
        for (int i = from; i < to; i++)
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

    private static List<Ev> straight(final ByteBuffer input, final int records)
    {
        final List<Ev> events = new ArrayList<>();
        final Pipeline pipeline = new Pipeline(EngineConfig.builder().clockTickIntervalMs(0).build(), new Counters(),
            e -> events.add(Ev.of(e)));
        pipeline.extension(extensions());
        for (int i = 0; i < records; i++)
        {
            pipeline.onRecord(input, i * RECORD);
        }
        return events;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldResumeZoneEventsExactlyWhenEngineRestartsFromJournal() throws Exception
    {
        final ByteBuffer input = input();
        final int records = input.limit() / RECORD;
        final List<Ev> expected = straight(input, records);
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(expected).anyMatch(e -> e.type() == RtlsEventType.BLE_ZONE_ENTER);
        assertThat(expected).anyMatch(e -> e.type() == RtlsEventType.ZONE_ENTER);
        final int cut = records * 2 / 5;

        final Collect first = new Collect();
        final InventoryEngine a = new InventoryEngine(config(first)).start();
        publish(a.publisher(), input, 0, cut);
        assertThat(a.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
        a.close();

        final Collect second = new Collect();
        final InventoryEngine b = new InventoryEngine(config(second)).start();
        assertThat(b.recoveredRecords()).isEqualTo(cut);
        assertThat(b.recoveredEvents()).isEqualTo(first.events.size());
        publish(b.publisher(), input, cut, records);
        assertThat(b.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
        b.close();

        final List<Ev> all = new ArrayList<>(first.events);
        all.addAll(second.events);
        assertThat(all).isEqualTo(expected);

        // drop the snapshot written at close: recovery takes the older interval snapshot and replays the tail
        final List<Path> snapshots;
        try (Stream<Path> files = Files.list(dir))
        {
            snapshots = files.filter(p -> p.getFileName().toString().startsWith("snapshot-")).sorted().toList();
        }
        assertThat(snapshots).hasSize(2);
        Files.delete(snapshots.get(1));
        final List<Ev> replayed = new ArrayList<>();
        final Pipeline pipeline = new Pipeline(config(new Collect()), new Counters(), e -> replayed.add(Ev.of(e)));
        final long tail = ChronicleJournal.replay(dir, pipeline);
        assertThat(tail).isPositive().isLessThan(records);
        assertThat(pipeline.recordCount()).isEqualTo(records);
        // where the interval snapshot fell depends on the engine's batching: the tail replays exactly the events an
        // uninterrupted run emits after that record (possibly none, when the snapshot fell just before the end)
        final int before = straight(input, (int)(records - tail)).size();
        assertThat(replayed).isEqualTo(expected.subList(before, expected.size()));
    }
}
