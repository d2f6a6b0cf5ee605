package dev.inventory.core.ops;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.event.EventListener;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.SensorFlyweight;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zero allocation with {@link LotRules} on: thread-allocated bytes around a million records after warm-up, with items
 * of 64 SKUs x 16 lots in containers moving between storage and quality-hold zones, consumed (FEFO checks, expired
 * use), lots reaching their warning time and expiry, and temperature readings making excursions start and end.
 */
class LotRulesAllocationTest
{
    private static final int TAGS = 100_000;
    private static final int RECORDS = 1_000_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final int SKUS = 64;
    private static final int LOTS = 16;
    private static final int CONTAINERS = 8;
    private static final long CONTAINER_BASE = 70_000;

    private final AllocationProbe probe = new AllocationProbe();
    private long index;

    private static long epcHigh(final int tag)
    {
        return 0x3074257BF7000000L | tag;
    }

    /** One record: mostly reads, every 64th a sensor reading, every 128th an issue (consumption). */
    private void step(final Pipeline pipeline, final ByteBuffer buffer, final CommandFlyweight command,
        final SensorFlyweight sensor, final int[] zones)
    {
        final long i = index++;
        final long timeMs = T0 + i / 50;
        final int r = probe.next();
        if ((i & 63) == 5)
        {
            final boolean container = (r & 1) == 0;
            final long subject = container ? CONTAINER_BASE + (r >>> 1) % CONTAINERS : zones[(r >>> 1) & 3];
            final double celsius = ((i >>> 17) & 1) == 0 ? 5.0 : 9.0 + (r & 7); // spells of ~2.6 s in and out
            sensor.set(7, subject, SensorFlyweight.QUANTITY_TEMPERATURE, celsius, SensorFlyweight.UNIT_CELSIUS,
                timeMs);
            pipeline.onRecord(buffer, 0);
            return;
        }
        final int tag = r % TAGS;
        if ((i & 127) == 9)
        {
            command.set(9, OpsCommands.ISSUE, tag, epcHigh(tag), MovementLedger.CONSUME, 0, 0, timeMs);
            pipeline.onRecord(buffer, 0);
            return;
        }
        final int home = (tag + (int)(i / 2_000_000)) & 7;
        final boolean cross = (r & 15) == 0;
        final int antennaSlot = cross ? (home + 1) & 7 : home;
        final int rssi = (cross ? -7_000 : -5_000) + (probe.next() % 600);
        Publisher.writeRfidRead(buffer, 0, 1 + (antennaSlot >> 2), 1 + (antennaSlot & 3), epcHigh(tag), tag, rssi,
            timeMs, timeMs, 1);
        pipeline.onRecord(buffer, 0);
    }

    @Test
    @Timeout(120)
    void shouldNotAllocatePerRecordWhenLotRulesAreOn()
    {
        final EngineConfig config = EngineConfig.builder()
            .tagCapacity(1 << 17)
            .zone("store-a", 1, 1, 2)
            .zone("store-b", 1, 3, 4)
            .zone("store-c", 2, 1, 2)
            .zone("qa", 2, 3, 4)
            .skuResolver((high, low) -> 1 + (low & (SKUS - 1)))
            .presenceTimeoutMs(5_000)
            .clockTickIntervalMs(0)
            .build();
        final OperationsExtension ops = new OperationsExtension(
            new OperationsExtension.Context().tagCapacity(1 << 17).movementCapacity(1 << 12));
        final LotRules rules = new LotRules(ops, new LotRules.Context().tagCapacity(1 << 17));
        final long[] byType = new long[256];
        final EventListener listener = e -> byType[e.type() & 255]++;
        final Counters counters = new Counters();
        final Pipeline pipeline = new Pipeline(config, counters, listener);
        pipeline.extension(RecordExtension.compose(ops, rules));
        final ByteBuffer buffer = ByteBuffer.allocateDirect(RecordDescriptor.RECORD_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        final CommandFlyweight command = new CommandFlyweight().wrap(buffer, 0);
        final SensorFlyweight sensor = new SensorFlyweight().wrap(buffer, 0);
        final int[] zones = {
            pipeline.zones().zoneId("store-a"), pipeline.zones().zoneId("store-b"),
            pipeline.zones().zoneId("store-c"), pipeline.zones().zoneId("qa")};
        command(pipeline, command, OpsCommands.ZONE, zones[0], ZoneRole.STORAGE, 0);
        command(pipeline, command, OpsCommands.ZONE, zones[1], ZoneRole.STORAGE, 0);
        command(pipeline, command, OpsCommands.ZONE, zones[2], ZoneRole.STORAGE, 0);
        command(pipeline, command, OpsCommands.ZONE, zones[3], ZoneRole.QUALITY_HOLD, 0);
        command(pipeline, command, LotRules.ROTATION, 0, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        command(pipeline, command, LotRules.EXPIRY_WARNING, 0, 10_000, 0);
        command(pipeline, command, LotRules.EXCURSION_FILTER, 0, 2_000, 50);
        for (int lot = 1; lot <= LOTS; lot++)
        {
            // the measured window runs from about T0 + 60 s to T0 + 80 s: lots reach warning and expiry in it
            command(pipeline, command, OpsCommands.LOT, lot, T0 + 62_000 + lot * 1_000L, T0 - lot * 60_000L);
        }
        for (int sku = 1; sku <= SKUS; sku++)
        {
            command(pipeline, command, LotRules.SKU_TEMPERATURE, sku, 200, 800);
        }
        for (int tag = 0; tag < TAGS; tag++)
        {
            command.set(9, CommandFlyweight.ASSIGN_TAG, tag, epcHigh(tag), 0, 1 + (tag / SKUS) % LOTS,
                CONTAINER_BASE + tag % CONTAINERS, T0);
            pipeline.onRecord(buffer, 0);
        }

        for (int i = 0; i < 3 * RECORDS; i++) // warm-up in many short calls: JIT, rows, presence rows
        {
            step(pipeline, buffer, command, sensor, zones);
        }
        final long[] before = byType.clone();
        probe.begin();
        for (int i = 0; i < RECORDS; i++)
        {
            step(pipeline, buffer, command, sensor, zones);
        }
        final long allocated = probe.allocatedSince();

        assertThat(allocated).as("bytes allocated for %d records", RECORDS).isZero();
        probe.assertSeesAllocation();
        for (final short type : new short[]{EventType.OPS_FEFO_VIOLATION, EventType.OPS_EXPIRY_APPROACHING,
            EventType.OPS_EXPIRED, EventType.OPS_EXPIRED_USED, EventType.OPS_EXCURSION_START,
            EventType.OPS_EXCURSION_END})
        {
            assertThat(byType[type]).as("%s in the measured window", EventType.name(type)).isGreaterThan(before[type]);
        }
        assertThat(rules.droppedRows()).isZero();
        assertThat(ops.droppedRows()).isZero();
        assertThat(counters.get(Counters.OTHER_RECORDS)).as("sensor readings").isGreaterThan(RECORDS / 64);
    }

    private static void command(final Pipeline pipeline, final CommandFlyweight command, final int code,
        final long arg2, final long arg3, final long arg4)
    {
        command.set(9, code, 0, 0, arg2, arg3, arg4, T0);
        pipeline.onRecord(command.buffer(), 0);
    }
}
