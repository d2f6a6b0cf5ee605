package dev.inventory.core.ops;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.event.EventListener;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zero allocation per read with the whole operations module on ({@link Operations}: base and every rule):
 * thread-allocated bytes around a million reads after warm-up, with items moving between receiving, storage,
 * quality-hold and WIP station zones, capacities, reorder points, FEFO rotation, books and a station queue limit set.
 * Each rule's own allocation test drives its specific events; this one proves the composition.
 */
class OpsAllocationTest
{
    private static final int TAGS = 100_000;
    private static final int READS = 1_000_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final int SKUS = 64;

    private final AllocationProbe probe = new AllocationProbe();
    private long index;

    private void read(final Pipeline pipeline, final ByteBuffer buffer)
    {
        final long i = index++;
        final int r = probe.next();
        final int tag = r % TAGS;
        final int home = (tag + (int)(i / 2_000_000)) & 7;
        final boolean cross = (r & 15) == 0;
        final int antennaSlot = cross ? (home + 1) & 7 : home;
        final int rssi = (cross ? -7_000 : -5_000) + (probe.next() % 600);
        Publisher.writeRfidRead(buffer, 0, 1 + (antennaSlot >> 2), 1 + (antennaSlot & 3), 0x3074257BF7000000L | tag,
            tag, rssi, T0 + i / 50, T0 + i / 50, 1);
        pipeline.onRecord(buffer, 0);
    }

    @Test
    @Timeout(120)
    void shouldNotAllocatePerReadWhenOperationsRulesAreOn()
    {
        final EngineConfig config = EngineConfig.builder()
            .tagCapacity(1 << 17)
            .zone("dock", 1, 1, 2)
            .zone("store-a", 1, 3, 4)
            .zone("store-b", 2, 1, 2)
            .zone("qa", 2, 3, 4)
            .zone("station", 3, 1)
            .skuResolver((high, low) -> 1 + (low & (SKUS - 1)))
            .presenceTimeoutMs(5_000)
            .clockTickIntervalMs(0)
            .build();
        final Operations operations = new Operations(
            new OperationsExtension.Context().tagCapacity(1 << 17).movementCapacity(1 << 12),
            new LotRules.Context().tagCapacity(1 << 17),
            new ShippingRules.Context().tagCapacity(1 << 17),
            new AccuracyRules.Context().tagCapacity(1 << 17),
            new ContainerRules.Context().tagCapacity(1 << 17),
            new WipRules.Context().tagCapacity(1 << 17));
        final OperationsExtension ops = operations.base();
        final long[] events = new long[2];
        final EventListener listener = e ->
        {
            events[0]++;
            if (e.type() >= 130 && e.type() < 200)
            {
                events[1]++;
            }
        };
        final Counters counters = new Counters();
        final Pipeline pipeline = new Pipeline(config, counters, listener);
        pipeline.extension(operations.extension());
        final ByteBuffer buffer = ByteBuffer.allocateDirect(RecordDescriptor.RECORD_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        final CommandFlyweight command = new CommandFlyweight().wrap(buffer, 0);
        final int dock = pipeline.zones().zoneId("dock");
        final int storeA = pipeline.zones().zoneId("store-a");
        final int storeB = pipeline.zones().zoneId("store-b");
        final int qa = pipeline.zones().zoneId("qa");
        command(pipeline, command, OpsCommands.ZONE, dock, ZoneRole.RECEIVING, 0);
        command(pipeline, command, OpsCommands.ZONE, storeA, ZoneRole.STORAGE, 31_250);
        command(pipeline, command, OpsCommands.ZONE, storeB, ZoneRole.STORAGE, 0);
        command(pipeline, command, OpsCommands.ZONE, qa, ZoneRole.QUALITY_HOLD, 0);
        command(pipeline, command, OpsCommands.ZONE, pipeline.zones().zoneId("station"), ZoneRole.WIP_STATION, 0);
        command(pipeline, command, WipCommands.STATION_QUEUE_LIMIT, pipeline.zones().zoneId("station"), 1_000_000, 0);
        command(pipeline, command, LotRules.ROTATION, 0, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        command(pipeline, command, OpsCommands.RECEIPT_OPEN, 1, storeA, 0);
        for (int sku = 1; sku <= SKUS; sku++)
        {
            command(pipeline, command, OpsCommands.RECEIPT_LINE, 1, sku, 100);
            command(pipeline, command, OpsCommands.REORDER_POINT, sku, storeA, 390);
            command(pipeline, command, OpsCommands.REORDER_POINT, sku, storeB, 390);
            command(pipeline, command, AccuracyCommands.BOOK, sku, storeA, 200);
            command(pipeline, command, AccuracyCommands.UNIT_VALUE, sku, 100 * sku, 0);
        }

        for (int i = 0; i < 3 * READS; i++) // warm-up in many short calls: JIT, tags, SKU x zone rows interned
        {
            read(pipeline, buffer);
        }
        final long movementsBefore = ops.movements().movementCount();
        final long opsEventsBefore = events[1];
        probe.begin();
        for (int i = 0; i < READS; i++)
        {
            read(pipeline, buffer);
        }
        final long allocated = probe.allocatedSince();

        assertThat(allocated).as("bytes allocated for %d reads", READS).isZero();
        probe.assertSeesAllocation();
        assertThat(ops.movements().movementCount()).isGreaterThan(movementsBefore);
        assertThat(events[1]).as("operations events in the measured window").isGreaterThan(opsEventsBefore);
        assertThat(ops.droppedRows()).isZero();
        assertThat(operations.lots().droppedRows()).isZero();
        assertThat(operations.shipping().droppedRows()).isZero();
        assertThat(operations.accuracy().droppedRows()).isZero();
        assertThat(operations.wip().droppedRows()).isZero();
        assertThat(operations.containers().droppedRows()).isZero();
        assertThat(counters.get(Counters.COMMANDS)).as("every set-up command handled").isEqualTo(8 + 5L * SKUS);
        assertThat(counters.get(Counters.READS)).isEqualTo(4L * READS);
    }

    private static void command(final Pipeline pipeline, final CommandFlyweight command, final int code,
        final long arg2, final long arg3, final long arg4)
    {
        command.set(9, code, 0, 0, arg2, arg3, arg4, T0);
        pipeline.onRecord(command.buffer(), 0);
    }
}
