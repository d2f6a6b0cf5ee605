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
 * Zero allocation in steady state with container rules on: pallets shuttle between two storage zones carrying their
 * contents, contents are read ahead of their pallet (apart, then together again) and where the core still has them,
 * and an item is repacked by command each phase; thread-allocated bytes over more than 100k reads after warm-up.
 */
class ContainerAllocationTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final int PALLETS = 200;
    private static final int ITEMS_PER_PALLET = 4;
    private static final int ROUNDS_PER_PHASE = 20;
    private static final long PALLET_HIGH = 0x3100_0000_0000_0000L;
    private static final long ITEM_HIGH = 0x3200_0000_0000_0000L;

    private final AllocationProbe probe = new AllocationProbe();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(RecordDescriptor.RECORD_LENGTH)
        .order(ByteOrder.LITTLE_ENDIAN);
    private final CommandFlyweight command = new CommandFlyweight().wrap(buffer, 0);
    private final long[] counts = new long[2];
    private Pipeline pipeline;
    private long nowMs = T0;
    private long phase;
    private long reads;

    @Test
    @Timeout(120)
    void shouldNotAllocateWhenContainersCarryTheirContents()
    {
        final EngineConfig config = EngineConfig.builder()
            .tagCapacity(4096)
            .zone("store-a", 1, 1)
            .zone("store-b", 1, 2)
            .skuResolver((high, low) -> 1 + (low & 7))
            .presenceTimeoutMs(3_600_000)
            .clockTickIntervalMs(0)
            .build();
        final OperationsExtension ops = new OperationsExtension(
            new OperationsExtension.Context().tagCapacity(4096).movementCapacity(1 << 12));
        final ContainerRules rules = new ContainerRules(ops, new ContainerRules.Context()
            .tagCapacity(4096).maxContainers(PALLETS).separationMs(3_000));
        final EventListener listener = e ->
        {
            counts[0]++;
            if (e.type() == EventType.OPS_CONTAINER_MOVED)
            {
                counts[1]++;
            }
        };
        final Counters counters = new Counters();
        pipeline = new Pipeline(config, counters, listener);
        pipeline.extension(RecordExtension.compose(ops, rules));
        command(OpsCommands.ZONE, 0, 0, pipeline.zones().zoneId("store-a"), ZoneRole.STORAGE);
        command(OpsCommands.ZONE, 0, 0, pipeline.zones().zoneId("store-b"), ZoneRole.STORAGE);
        for (int p = 0; p < PALLETS; p++)
        {
            read(1, PALLET_HIGH, p);
            command(ContainerRules.CONTAINER, PALLET_HIGH, p, 1 + p, 0);
            for (int i = 0; i < ITEMS_PER_PALLET; i++)
            {
                final int item = p * ITEMS_PER_PALLET + i;
                read(1, ITEM_HIGH, item);
                command(ContainerRules.PACK, ITEM_HIGH, item, 1 + p, 0);
            }
        }

        while (reads < 400_000) // warm-up in many short calls: JIT, rows interned
        {
            phase();
        }
        final long movedBefore = counts[1];
        final long rowsBefore = ops.movements().rowCount();
        final long readsBefore = reads;
        probe.begin();
        while (reads - readsBefore < 150_000)
        {
            phase();
        }
        final long allocated = probe.allocatedSince();

        assertThat(allocated).as("bytes allocated for %d reads", reads - readsBefore).isZero();
        probe.assertSeesAllocation();
        assertThat(counts[1] - movedBefore).as("container moves in the measured window").isGreaterThan(1_000);
        assertThat(ops.movements().rowCount() - rowsBefore).isGreaterThan(10_000);
        assertThat(rules.droppedRows()).isZero();
        assertThat(ops.droppedRows()).isZero();
        assertThat(counters.rejected(RejectReason.BAD_COMMAND)).isZero();
        int packed = 0;
        for (int p = 0; p < PALLETS; p++)
        {
            packed += rules.contentCount(pipeline.tags().get(PALLET_HIGH, p));
        }
        assertThat(packed).isEqualTo(PALLETS * ITEMS_PER_PALLET);
    }

    /** Every pallet goes to the other zone; one item of each is read there ahead of it, one where it was. */
    private void phase()
    {
        final int antenna = (int)(phase & 1) == 0 ? 2 : 1;
        final int old = 3 - antenna;
        for (int round = 0; round < ROUNDS_PER_PHASE; round++)
        {
            for (int p = 0; p < PALLETS; p++)
            {
                final int item = p * ITEMS_PER_PALLET + (int)(phase & 3);
                read(antenna, PALLET_HIGH, p);
                if (round < 7)
                {
                    read(antenna, ITEM_HIGH, item); // ahead of its pallet
                }
                else if (round >= 15)
                {
                    read(old, ITEM_HIGH, p * ITEMS_PER_PALLET + (int)((phase + 1) & 3)); // stray, where it was
                }
            }
            nowMs += 100;
        }
        final int p = (int)(phase % PALLETS);
        final int item = p * ITEMS_PER_PALLET + (int)((phase + 2) & 3);
        command(ContainerRules.UNPACK, ITEM_HIGH, item, 0, 0);
        command(ContainerRules.PACK, ITEM_HIGH, item, 1 + p, 0);
        phase++;
    }

    private void read(final int antenna, final long high, final int low)
    {
        Publisher.writeRfidRead(buffer, 0, 1, antenna, high, low, -4_000, nowMs, nowMs, 1);
        pipeline.onRecord(buffer, 0);
        reads++;
    }

    private void command(final int code, final long high, final int low, final long arg2, final long arg3)
    {
        command.set(9, code, low, high, arg2, arg3, 0, nowMs);
        pipeline.onRecord(buffer, 0);
    }
}
