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
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zero allocation per read with {@link ShippingRules} on: thread-allocated bytes around a million reads after
 * warm-up (and item releases every 500 reads), with items cycling dock (a gate exit) -&gt; storage -&gt; shipping
 * dock (an open shipment with SKU and EPC lines) -&gt; dock, a quarter of them through a quality-hold zone, a storage
 * allow-list, a lot hold and a SKU transfer authorisation: picks, un-picks, wrong items, holds, held-to-shipping,
 * unauthorized zones and exits, transfer exits all happen in the measured window.
 */
class ShippingAllocationTest
{
    private static final int TAGS = 100_000;
    private static final int READS = 500_000;
    private static final int SHIFT_READS = 250_000;
    private static final int RELEASE_EVERY = 500;
    private static final long T0 = 1_700_000_000_000L;
    private static final int SKUS = 64;
    // antenna slots: 0,1 dock; 2,3 store-a; 4,5 qa; 6,7 ship
    private static final int[] PATH = {0, 1, 2, 3, 2, 3, 6, 7};
    private static final int[] PATH_THROUGH_QA = {0, 1, 2, 3, 4, 5, 6, 7};

    private final AllocationProbe probe = new AllocationProbe();
    private long index;

    /** A read; every {@value #RELEASE_EVERY} reads also a release of an item of the quality-hold group. */
    private void read(final Pipeline pipeline, final ByteBuffer buffer, final CommandFlyweight command)
    {
        final long i = index++;
        if (i % RELEASE_EVERY == 0)
        {
            final int held = (int)((i / RELEASE_EVERY * 4) % TAGS);
            command.wrap(buffer, 0);
            command.set(9, ShippingCommands.RELEASE, held, 0x3074257BF7000000L | held, 0, 0, 0, T0 + i / 50).arg5(0);
            pipeline.onRecord(buffer, 0);
        }
        final int r = probe.next();
        final int tag = r % TAGS;
        final int[] path = (tag & 3) == 0 ? PATH_THROUGH_QA : PATH;
        final int home = path[(int)((tag + i / SHIFT_READS) & 7)];
        final boolean cross = (r & 15) == 0;
        final int antennaSlot = cross ? (home + 1) & 7 : home;
        final int rssi = (cross ? -7_000 : -5_000) + (probe.next() % 600);
        Publisher.writeRfidRead(buffer, 0, 1 + (antennaSlot >> 2), 1 + (antennaSlot & 3), 0x3074257BF7000000L | tag,
            tag, rssi, T0 + i / 50, T0 + i / 50, 1);
        pipeline.onRecord(buffer, 0);
    }

    @Test
    @Timeout(180)
    void shouldNotAllocatePerReadWhenShippingRulesAreOn()
    {
        final EngineConfig config = EngineConfig.builder()
            .tagCapacity(1 << 17)
            .zone("dock", 1, 1, 2)
            .zone("store-a", 1, 3, 4)
            .zone("qa", 2, 1, 2)
            .zone("ship", 2, 3, 4)
            .skuResolver((high, low) -> 1 + (low & (SKUS - 1)))
            .presenceTimeoutMs(5_000)
            .clockTickIntervalMs(0)
            .build();
        final OperationsExtension ops = new OperationsExtension(
            new OperationsExtension.Context().tagCapacity(1 << 17).movementCapacity(1 << 12));
        final ShippingRules rules = new ShippingRules(ops, new ShippingRules.Context().tagCapacity(1 << 17));
        final long[] byType = new long[256];
        final EventListener listener = e -> byType[e.type() & 0xFF]++;
        final Counters counters = new Counters();
        final Pipeline pipeline = new Pipeline(config, counters, listener);
        pipeline.extension(RecordExtension.compose(ops, rules));
        final ByteBuffer buffer = ByteBuffer.allocateDirect(RecordDescriptor.RECORD_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        final CommandFlyweight command = new CommandFlyweight().wrap(buffer, 0);
        final int dock = pipeline.zones().zoneId("dock");
        final int storeA = pipeline.zones().zoneId("store-a");
        final int qa = pipeline.zones().zoneId("qa");
        final int ship = pipeline.zones().zoneId("ship");
        command(pipeline, command, OpsCommands.ZONE, 0, 0, dock, ZoneRole.RECEIVING, 0);
        command(pipeline, command, OpsCommands.ZONE, 0, 0, storeA, ZoneRole.STORAGE, 0);
        command(pipeline, command, OpsCommands.ZONE, 0, 0, qa, ZoneRole.QUALITY_HOLD, 0);
        command(pipeline, command, OpsCommands.ZONE, 0, 0, ship, ZoneRole.SHIPPING, 0);
        command(pipeline, command, ShippingCommands.OUTBOUND_ZONE, 0, 0, dock, ShippingCommands.KIND_EXIT, -1);
        command(pipeline, command, ShippingCommands.SHIPMENT_OPEN, 0, 0, 1, ship, -1);
        for (int sku = 1; sku <= SKUS; sku++)
        {
            if ((sku & 1) == 0)
            {
                command(pipeline, command, ShippingCommands.SHIPMENT_LINE, 0, 0, 1, sku, 1_000_000_000);
            }
            if (sku <= 48)
            {
                command(pipeline, command, ShippingCommands.ZONE_ALLOW, 0, 0, storeA, sku, 1);
            }
        }
        for (int tag = 0; tag < 1_000; tag++)
        {
            command(pipeline, command, ShippingCommands.SHIPMENT_EPC, 0x3074257BF7000000L | tag, tag, 1, 0, 0);
        }
        command(pipeline, command, ShippingCommands.EXIT_AUTHORIZE, 0, 0, SKUS - 1, -1, 77);
        command(pipeline, command, ShippingCommands.LOT_HOLD, 0, 0, 5, 0, 0);
        assertThat(counters.rejected(RejectReason.BAD_COMMAND)).isZero();

        for (int i = 0; i < 4 * READS; i++) // warm-up in many short calls: JIT, tags, SKU rows interned
        {
            read(pipeline, buffer, command);
        }
        final long[] before = byType.clone();
        final long rejectedBefore = counters.rejected(RejectReason.BAD_COMMAND); // releases of items not seen yet
        final long movementsBefore = ops.movements().movementCount();
        probe.begin();
        for (int i = 0; i < READS; i++)
        {
            read(pipeline, buffer, command);
        }
        final long allocated = probe.allocatedSince();

        assertThat(allocated).as("bytes allocated for %d reads", READS).isZero();
        probe.assertSeesAllocation();
        assertThat(ops.movements().movementCount()).isGreaterThan(movementsBefore);
        for (final short type : new short[]{EventType.OPS_PICKED, EventType.OPS_UNPICKED, EventType.OPS_WRONG_ITEM,
            EventType.OPS_HOLD, EventType.OPS_RELEASE, EventType.OPS_HELD_TO_SHIPPING, EventType.OPS_UNAUTHORIZED_ZONE,
            EventType.OPS_UNAUTHORIZED_EXIT, EventType.OPS_TRANSFER_EXIT})
        {
            assertThat(byType[type]).as("%s events in the measured window", EventType.name(type))
                .isGreaterThan(before[type]);
        }
        assertThat(rules.heldCount()).isPositive();
        assertThat(rules.pickedCount(1)).isPositive();
        assertThat(rules.droppedRows()).isZero();
        assertThat(ops.droppedRows()).isZero();
        assertThat(counters.get(Counters.READS)).isEqualTo(5L * READS);
        assertThat(counters.rejected(RejectReason.BAD_COMMAND)).as("releases in the measured window")
            .isEqualTo(rejectedBefore);
    }

    private static void command(final Pipeline pipeline, final CommandFlyweight command, final int code,
        final long epcHigh, final int epcLow, final long arg2, final long arg3, final long arg4)
    {
        command.set(9, code, epcLow, epcHigh, arg2, arg3, arg4, T0).arg5(0);
        pipeline.onRecord(command.buffer(), 0);
    }
}
