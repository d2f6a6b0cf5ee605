package dev.inventory.core.ops;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.event.EventListener;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.ledger.TagTable;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zero allocation with the WIP rules on, in steady state: units routed through four stations (some off route),
 * material consumed against bills of material (and recycled by RETIRE_TAG), station queues crossing their limits,
 * work orders completing, closing, re-opening and being evicted; thread-allocated bytes over 100k+ reads after a
 * warm-up of many short calls.
 */
class WipAllocationTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long UNIT_HIGH = 0x5500L;
    private static final long MATERIAL_HIGH = 0xB000L;
    private static final int GROUPS = 64;
    private static final int GROUP_UNITS = 8;
    private static final int UNITS = GROUPS * GROUP_UNITS;
    private static final int OPERATIONS = 8;
    private static final int MATERIALS = 4096;
    private static final int SKUS = 8;
    private static final int STORE_ANTENNA = 1;
    private static final int[] STATION_ANTENNAS = {2, 3, 4, 5};

    private final long[] events = new long[256];
    private final int[] groupOrder = new int[GROUPS];
    private final int[] zoneOfAntenna = new int[6];
    private Pipeline pipeline;
    private OperationsExtension ops;
    private WipRules rules;
    private ByteBuffer buffer;
    private CommandFlyweight command;
    private final AllocationProbe probe = new AllocationProbe();
    private long nowMs = T0;
    private long reads;
    private int nextOrder = 1;
    private int materialCursor;

    private void read(final int antenna, final long epcHigh, final int epcLow)
    {
        nowMs += 100;
        reads++;
        Publisher.writeRfidRead(buffer, 0, 1, antenna, epcHigh, epcLow, -4_000, nowMs, nowMs, 1);
        pipeline.onRecord(buffer, 0);
    }

    private void command(final int code, final long epcHigh, final int epcLow, final long arg2, final long arg3,
        final long arg4)
    {
        command.set(9, code, epcLow, epcHigh, arg2, arg3, arg4, nowMs);
        pipeline.onRecord(buffer, 0);
    }

    private void move(final long epcHigh, final int epcLow, final int antenna)
    {
        final int zone = zoneOfAntenna[antenna];
        for (int i = 0; i < 20; i++)
        {
            read(antenna, epcHigh, epcLow);
            if (pipeline.ledger().zone(pipeline.tags().get(epcHigh, epcLow)) == zone)
            {
                return;
            }
        }
    }

    private void openGroup(final int group)
    {
        final int previous = groupOrder[group];
        if (previous != 0)
        {
            command(WipCommands.WO_CLOSE, 0, 0, previous, 0, 0);
        }
        final int order = nextOrder++;
        groupOrder[group] = order;
        command(WipCommands.WO_OPEN, 0, 0, order, GROUP_UNITS, 0);
        for (int k = 0; k < OPERATIONS; k++)
        {
            command(WipCommands.WO_OPERATION, 0, 0, order, k + 1, zoneOfAntenna[STATION_ANTENNAS[k & 3]]);
        }
        for (int sku = 1; sku <= SKUS; sku++)
        {
            command(WipCommands.WO_BOM_LINE, 0, 0, order, sku, 4);
        }
        for (int u = 0; u < GROUP_UNITS; u++)
        {
            command(WipCommands.WO_ITEM, UNIT_HIGH, group * GROUP_UNITS + u, order, 0, 0);
        }
    }

    private void unitStep(final int r)
    {
        final int unit = r % UNITS;
        final int group = unit / GROUP_UNITS;
        final int tag = pipeline.tags().get(UNIT_HIGH, unit);
        final int itemState = rules.itemState(tag);
        if (itemState == WipRules.ITEM_DONE || itemState == WipRules.ITEM_NONE)
        {
            if (rules.status(groupOrder[group]) == WipRules.STATUS_COMPLETE)
            {
                openGroup(group);
            }
            return;
        }
        final int op = rules.operationOf(tag) - 1; // 0-based, in progress or next
        final int antenna;
        if (((r >>> 12) & 7) == 0)
        {
            antenna = 1 + (r >>> 16) % 5; // anywhere, often off route
        }
        else if (itemState == WipRules.ITEM_IN_OPERATION)
        {
            antenna = op + 1 < OPERATIONS ? STATION_ANTENNAS[(op + 1) & 3] : STORE_ANTENNA;
        }
        else
        {
            antenna = STATION_ANTENNAS[op & 3];
        }
        move(UNIT_HIGH, unit, antenna);
    }

    private void materialStep(final int r)
    {
        // each material EPC is used once (a consumed EPC does not come back): retire the one used a cycle ago so
        // its handle is reused for a new EPC
        final int cursor = materialCursor++;
        if (cursor >= MATERIALS)
        {
            final int old = cursor - MATERIALS;
            if (pipeline.tags().get(MATERIAL_HIGH, old) != TagTable.MISSING)
            {
                command(CommandFlyweight.RETIRE_TAG, MATERIAL_HIGH, old, 0, 0, 0);
            }
        }
        move(MATERIAL_HIGH, cursor, STATION_ANTENNAS[r & 3]);
    }

    private void step()
    {
        final int r = probe.next();
        if ((r & 3) != 0)
        {
            unitStep(r >>> 2);
        }
        else
        {
            materialStep(r >>> 2);
        }
    }

    @Test
    @Timeout(120)
    void shouldNotAllocateWhenUnitsAndMaterialMoveThroughStations()
    {
        final EngineConfig config = EngineConfig.builder()
            .tagCapacity(1 << 13)
            .zone("store", 1, STORE_ANTENNA)
            .zone("st-1", 1, STATION_ANTENNAS[0])
            .zone("st-2", 1, STATION_ANTENNAS[1])
            .zone("st-3", 1, STATION_ANTENNAS[2])
            .zone("st-4", 1, STATION_ANTENNAS[3])
            .skuResolver((high, low) -> high == UNIT_HIGH ? 100 : 1 + (low & (SKUS - 1)))
            .presenceTimeoutMs(30L * 86_400_000L)
            .clockTickIntervalMs(0)
            .build();
        ops = new OperationsExtension(new OperationsExtension.Context().tagCapacity(1 << 13).movementCapacity(1 << 12));
        rules = new WipRules(ops, new WipRules.Context().tagCapacity(1 << 13).maxWorkOrders(96));
        final EventListener listener = e -> events[e.type() & 0xFF]++;
        final Counters counters = new Counters();
        pipeline = new Pipeline(config, counters, listener);
        pipeline.extension(RecordExtension.compose(ops, rules));
        buffer = ByteBuffer.allocateDirect(RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        command = new CommandFlyweight().wrap(buffer, 0);
        zoneOfAntenna[STORE_ANTENNA] = pipeline.zones().zoneId("store");
        for (int s = 0; s < STATION_ANTENNAS.length; s++)
        {
            final int zone = pipeline.zones().zoneId("st-" + (s + 1));
            zoneOfAntenna[STATION_ANTENNAS[s]] = zone;
            command(OpsCommands.ZONE, 0, 0, zone, ZoneRole.WIP_STATION, 0);
            command(WipCommands.STATION_QUEUE_LIMIT, 0, 0, zone, 600_000, 300_000);
        }
        for (int unit = 0; unit < UNITS; unit++)
        {
            command(CommandFlyweight.ASSIGN_TAG, UNIT_HIGH, unit, 0, 0, 0);
        }
        for (int group = 0; group < GROUPS; group++)
        {
            openGroup(group);
        }

        for (int i = 0; i < 150_000; i++) // warm-up in many short calls: JIT, tags, rows interned
        {
            step();
        }
        final long[] before = events.clone();
        final long readsBefore = reads;
        final long evictedBefore = rules.evictedWorkOrders();
        probe.begin();
        while (reads - readsBefore < 150_000)
        {
            step();
        }
        final long allocated = probe.allocatedSince();

        assertThat(allocated).as("bytes allocated for %d reads", reads - readsBefore).isZero();
        probe.assertSeesAllocation();
        for (final short type : new short[]{EventType.OPS_OPERATION_START, EventType.OPS_OPERATION_COMPLETE,
            EventType.OPS_OFF_ROUTE, EventType.OPS_CONSUMED, EventType.OPS_OVER_CONSUMPTION,
            EventType.OPS_ITEM_COMPLETE, EventType.OPS_WORK_ORDER_COMPLETE, EventType.OPS_WORK_ORDER_CLOSED,
            EventType.OPS_BOTTLENECK, EventType.OPS_BOTTLENECK_CLEARED})
        {
            assertThat(events[type] - before[type]).as("%s in the measured window", EventType.name(type))
                .isPositive();
        }
        assertThat(rules.evictedWorkOrders()).isGreaterThan(evictedBefore);
        assertThat(rules.droppedRows()).isZero();
        assertThat(ops.droppedRows()).isZero();
        assertThat(counters.rejected(RejectReason.BAD_COMMAND)).isZero();
    }
}
