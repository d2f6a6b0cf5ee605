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
 * Zero allocation per read with {@link AccuracyRules} on: thread-allocated bytes around a million reads after warm-up,
 * with items moving between four zones, a cycle count sweeping one of them all the time (ended, reported and
 * restarted every 100k reads, with an accuracy report), analytics buckets rolling every second of record time, ABC
 * classification every 5 s and count suggestions every 2 s.
 */
class AccuracyAllocationTest
{
    private static final int TAGS = 100_000;
    private static final int READS = 1_000_000;
    private static final int COUNT_EVERY = 100_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final int SKUS = 64;

    private final AllocationProbe probe = new AllocationProbe();
    private long index;
    private long countId = 1;

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

    private void recount(final Pipeline pipeline, final CommandFlyweight command, final int zone)
    {
        final long nowMs = T0 + index / 50;
        command(pipeline, command, AccuracyCommands.COUNT_END, countId, AccuracyCommands.POST_TO_BOOK, 0, nowMs);
        command(pipeline, command, AccuracyCommands.ACCURACY_REPORT, -1, 1, 0, nowMs);
        command(pipeline, command, AccuracyCommands.SUGGEST_COUNT, 3, 0, 0, nowMs);
        command(pipeline, command, AccuracyCommands.COUNT_START, ++countId, zone, 0, nowMs);
    }

    @Test
    @Timeout(180)
    void shouldNotAllocatePerReadWhenAccuracyRulesSweepAndClassify()
    {
        final EngineConfig config = EngineConfig.builder()
            .tagCapacity(1 << 17)
            .zone("dock", 1, 1, 2)
            .zone("store-a", 1, 3, 4)
            .zone("store-b", 2, 1, 2)
            .zone("qa", 2, 3, 4)
            .skuResolver((high, low) -> 1 + (low & (SKUS - 1)))
            .presenceTimeoutMs(5_000)
            .clockTickIntervalMs(0)
            .build();
        final OperationsExtension ops = new OperationsExtension(
            new OperationsExtension.Context().tagCapacity(1 << 17).movementCapacity(1 << 12));
        final AccuracyRules rules = new AccuracyRules(ops, new AccuracyRules.Context()
            .tagCapacity(1 << 17)
            .bucketMs(1_000)
            .windowBuckets(8)
            .classifyIntervalMs(5_000)
            .suggestIntervalMs(2_000)
            .countIntervalMs(AccuracyRules.CLASS_A, 10_000)
            .countIntervalMs(AccuracyRules.CLASS_B, 20_000)
            .countIntervalMs(AccuracyRules.CLASS_C, 40_000));
        final long[] events = new long[1 << 16];
        final EventListener listener = e -> events[e.type() & 0xFFFF]++;
        final Counters counters = new Counters();
        final Pipeline pipeline = new Pipeline(config, counters, listener);
        pipeline.extension(RecordExtension.compose(ops, rules));
        final ByteBuffer buffer = ByteBuffer.allocateDirect(RecordDescriptor.RECORD_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        final CommandFlyweight command = new CommandFlyweight().wrap(buffer, 0);
        final int dock = pipeline.zones().zoneId("dock");
        final int storeA = pipeline.zones().zoneId("store-a");
        final int storeB = pipeline.zones().zoneId("store-b");
        command(pipeline, command, OpsCommands.ZONE, dock, ZoneRole.RECEIVING, 0, T0);
        command(pipeline, command, OpsCommands.ZONE, storeA, ZoneRole.STORAGE, 0, T0);
        command(pipeline, command, OpsCommands.ZONE, storeB, ZoneRole.STORAGE, 0, T0);
        command(pipeline, command, OpsCommands.RECEIPT_OPEN, 1, storeA, 0, T0);
        for (int sku = 1; sku <= SKUS; sku++)
        {
            command(pipeline, command, OpsCommands.RECEIPT_LINE, 1, sku, 100, T0);
            command(pipeline, command, AccuracyCommands.UNIT_VALUE, sku, 10L * sku * sku, 0, T0);
            command(pipeline, command, AccuracyCommands.BOOK, sku, storeA, 390, T0);
            command(pipeline, command, AccuracyCommands.BOOK, sku, storeB, 390, T0);
        }
        command(pipeline, command, AccuracyCommands.COUNT_START, countId, storeA, 0, T0);

        for (int i = 1; i <= 2 * READS; i++) // warm-up in many short calls: JIT, tags, SKUs and lines interned
        {
            read(pipeline, buffer);
            if (i % COUNT_EVERY == 0)
            {
                recount(pipeline, command, storeA);
            }
        }
        final long[] before = events.clone();
        probe.begin();
        for (int i = 1; i <= READS; i++)
        {
            read(pipeline, buffer);
            if (i % COUNT_EVERY == 0)
            {
                recount(pipeline, command, storeA);
            }
        }
        final long allocated = probe.allocatedSince();

        assertThat(allocated).as("bytes allocated for %d reads", READS).isZero();
        probe.assertSeesAllocation();
        assertThat(events[EventType.OPS_CYCLE_COUNT_COMPLETE] - before[EventType.OPS_CYCLE_COUNT_COMPLETE])
            .isEqualTo(READS / COUNT_EVERY);
        assertThat(events[EventType.OPS_COUNT_DISCREPANCY] - before[EventType.OPS_COUNT_DISCREPANCY]).isPositive();
        assertThat(events[EventType.OPS_ACCURACY] - before[EventType.OPS_ACCURACY]).isPositive();
        assertThat(events[EventType.OPS_COUNT_SUGGESTED] - before[EventType.OPS_COUNT_SUGGESTED]).isPositive();
        assertThat(rules.isCounting(storeA)).isTrue();
        assertThat(rules.movements(1)).isPositive();
        assertThat(rules.abcClass(SKUS)).isEqualTo(AccuracyRules.CLASS_A);
        assertThat(rules.droppedRows()).isZero();
        assertThat(ops.droppedRows()).isZero();
        assertThat(counters.rejected(RejectReason.BAD_COMMAND)).isZero();
        assertThat(counters.get(Counters.READS)).isEqualTo(3L * READS);
    }

    private static void command(final Pipeline pipeline, final CommandFlyweight command, final int code,
        final long arg2, final long arg3, final long arg4, final long nowMs)
    {
        command.set(9, code, 0, 0, arg2, arg3, arg4, nowMs);
        pipeline.onRecord(command.buffer(), 0);
    }
}
