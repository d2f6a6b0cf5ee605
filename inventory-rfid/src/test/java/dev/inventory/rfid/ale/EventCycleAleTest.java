package dev.inventory.rfid.ale;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.record.ClockTickFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RfidReadFlyweight;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCycleAleTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long A = 0x3074257BF7194E40L;
    private static final long B = 0x3074257BF7194E41L;
    private static final long C = 0x3074257BF7194E42L;

    private final List<EventCycleSnapshot> cycles = new ArrayList<>();
    private final EventCycleListener collector = reports -> cycles.add(reports.snapshot());

    private static EventCycleSnapshot.Epc epc(final long high)
    {
        return new EventCycleSnapshot.Epc(high, 7);
    }

    @Test
    void shouldReportCurrentAdditionsAndDeletionsWhenTagsComeAndGoAcrossCycles()
    {
        final EventCycle cycle = new EventCycle(EventCycleSpec.builder("dock").durationMs(1000).build(), collector);
        cycle.start(T0);
        cycle.onRead(A, 7, T0 + 100);
        cycle.onRead(B, 7, T0 + 200);
        cycle.onRead(A, 7, T0 + 300);
        cycle.onRead(B, 7, T0 + 1000); // exactly at the boundary: second cycle
        cycle.onRead(C, 7, T0 + 1500);
        cycle.onTime(T0 + 3500);

        assertThat(cycles).hasSize(3);
        final EventCycleSnapshot first = cycles.get(0);
        assertThat(first.cycleNumber()).isEqualTo(1);
        assertThat(first.startMs()).isEqualTo(T0);
        assertThat(first.endMs()).isEqualTo(T0 + 1000);
        assertThat(first.termination()).isEqualTo("DURATION");
        assertThat(first.current()).containsExactly(epc(A), epc(B));
        assertThat(first.additions()).containsExactly(epc(A), epc(B));
        assertThat(first.deletions()).isEmpty();

        final EventCycleSnapshot second = cycles.get(1);
        assertThat(second.startMs()).isEqualTo(T0 + 1000);
        assertThat(second.current()).containsExactly(epc(B), epc(C));
        assertThat(second.additions()).containsExactly(epc(C));
        assertThat(second.deletions()).containsExactly(epc(A));

        final EventCycleSnapshot third = cycles.get(2);
        assertThat(third.startMs()).isEqualTo(T0 + 2000);
        assertThat(third.endMs()).isEqualTo(T0 + 3000);
        assertThat(third.current()).isEmpty();
        assertThat(third.additions()).isEmpty();
        assertThat(third.deletions()).containsExactly(epc(B), epc(C));
        assertThat(cycle.cycleNumber()).isEqualTo(4);
        assertThat(cycle.isActive()).isTrue();
    }

    @Test
    void shouldEndCycleEarlyWhenNoNewTagIsSeenForTheStableSetInterval()
    {
        final EventCycle cycle = new EventCycle(
            EventCycleSpec.builder("stable").durationMs(10_000).stableSetIntervalMs(500).build(), collector);
        cycle.start(T0);
        cycle.onRead(A, 7, T0 + 100);
        cycle.onRead(B, 7, T0 + 300);
        cycle.onRead(A, 7, T0 + 600); // seen before: does not extend the cycle
        cycle.onRead(B, 7, T0 + 750);
        assertThat(cycles).isEmpty();
        cycle.onRead(C, 7, T0 + 850); // after 300 + 500: the first cycle has ended, C opens the second

        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0).termination()).isEqualTo("STABLE_SET");
        assertThat(cycles.get(0).endMs()).isEqualTo(T0 + 800);
        assertThat(cycles.get(0).current()).containsExactly(epc(A), epc(B));
        assertThat(cycle.cycleStartMs()).isEqualTo(T0 + 800);
        assertThat(cycle.currentSize()).isEqualTo(1);

        cycle.onRead(A, 7, T0 + 1200); // new in this cycle: stable-set deadline moves to 1700
        cycle.onTime(T0 + 1699);
        assertThat(cycles).hasSize(1);
        cycle.onTime(T0 + 1700);
        assertThat(cycles).hasSize(2);
        assertThat(cycles.get(1).current()).containsExactly(epc(C), epc(A));
        assertThat(cycles.get(1).additions()).containsExactly(epc(C));
        assertThat(cycles.get(1).deletions()).containsExactly(epc(B));
    }

    @Test
    void shouldEndEmptyCycleAfterStableSetIntervalFromItsStart()
    {
        final EventCycle cycle = new EventCycle(
            EventCycleSpec.builder("empty").stableSetIntervalMs(400).reportIfEmpty(true).build(), collector);
        cycle.start(T0);
        cycle.onTime(T0 + 1000);
        assertThat(cycles).extracting(EventCycleSnapshot::endMs).containsExactly(T0 + 400, T0 + 800);
        assertThat(cycles).extracting(EventCycleSnapshot::termination).containsOnly("STABLE_SET");
    }

    @Test
    void shouldStartCyclesOnTheRepeatPeriodAndIgnoreReadsBetweenThem()
    {
        final EventCycle cycle = new EventCycle(
            EventCycleSpec.builder("repeat").durationMs(300).repeatPeriodMs(1000).build(), collector);
        cycle.start(T0);
        cycle.onRead(A, 7, T0 + 100);
        cycle.onRead(B, 7, T0 + 500); // between cycles
        assertThat(cycle.isActive()).isFalse();
        cycle.onRead(B, 7, T0 + 1100);
        cycle.onRead(C, 7, T0 + 1299);
        cycle.onRead(A, 7, T0 + 1300); // second cycle ended at 1300
        cycle.onTime(T0 + 2050);

        assertThat(cycles).hasSize(2);
        assertThat(cycles.get(0).startMs()).isEqualTo(T0);
        assertThat(cycles.get(0).endMs()).isEqualTo(T0 + 300);
        assertThat(cycles.get(0).current()).containsExactly(epc(A));
        assertThat(cycles.get(1).startMs()).isEqualTo(T0 + 1000);
        assertThat(cycles.get(1).endMs()).isEqualTo(T0 + 1300);
        assertThat(cycles.get(1).current()).containsExactly(epc(B), epc(C));
        assertThat(cycles.get(1).additions()).containsExactly(epc(B), epc(C));
        assertThat(cycles.get(1).deletions()).containsExactly(epc(A));
        assertThat(cycle.idleReads()).isEqualTo(2);
        assertThat(cycle.isActive()).isTrue();
        assertThat(cycle.cycleStartMs()).isEqualTo(T0 + 2000);
    }

    @Test
    void shouldStartNextCycleWhenPreviousEndsWhenDurationExceedsRepeatPeriod()
    {
        final EventCycle cycle = new EventCycle(
            EventCycleSpec.builder("long").durationMs(1500).repeatPeriodMs(1000).reportIfEmpty(true).build(),
            collector);
        cycle.start(T0);
        cycle.onTime(T0 + 3000);
        assertThat(cycles).extracting(EventCycleSnapshot::startMs).containsExactly(T0, T0 + 1500);
        assertThat(cycle.cycleStartMs()).isEqualTo(T0 + 3000);
    }

    @Test
    void shouldSkipQuietGapsInConstantTimeAndKeepCycleNumbersWhenEmptyCyclesAreNotReported()
    {
        final EventCycle cycle = new EventCycle(
            EventCycleSpec.builder("quiet").durationMs(100).repeatPeriodMs(250).build(), collector);
        cycle.start(T0);
        cycle.onRead(A, 7, T0 + 10);
        final long gapMs = 365L * 24 * 3600 * 1000; // a year of 250 ms cycles: ~1.3e8 cycles
        cycle.onRead(B, 7, T0 + gapMs + 20);
        cycle.onTime(T0 + gapMs + 1000);

        assertThat(cycles).hasSize(4);
        assertThat(cycles.get(0).current()).containsExactly(epc(A));
        assertThat(cycles.get(1).cycleNumber()).isEqualTo(2);
        assertThat(cycles.get(1).deletions()).containsExactly(epc(A));
        final EventCycleSnapshot withB = cycles.get(2);
        assertThat(withB.current()).containsExactly(epc(B));
        assertThat(withB.startMs()).isEqualTo(T0 + gapMs);
        assertThat(withB.cycleNumber()).isEqualTo(gapMs / 250 + 1);
        assertThat(cycles.get(3).deletions()).containsExactly(epc(B));
    }

    @Test
    void shouldReportOnlyChangesWhenReportOnlyOnChangeIsSet()
    {
        final EventCycle cycle = new EventCycle(
            EventCycleSpec.builder("changes").durationMs(1000).reportOnlyOnChange(true).build(), collector);
        cycle.start(T0);
        for (int i = 0; i < 4; i++)
        {
            cycle.onRead(A, 7, T0 + i * 1000 + 10);
        }
        cycle.onRead(B, 7, T0 + 4010);
        cycle.onTime(T0 + 5000);
        assertThat(cycles).extracting(EventCycleSnapshot::cycleNumber).containsExactly(1L, 5L);
        assertThat(cycles.get(1).additions()).containsExactly(epc(B));
        assertThat(cycles.get(1).deletions()).containsExactly(epc(A));
    }

    @Test
    void shouldApplyIncludeAndExcludeFiltersWhenTheSpecHasThem()
    {
        final EventCycle cycle = new EventCycle(EventCycleSpec.builder("filtered").durationMs(1000)
            .include((high, low) -> (high >>> 56) == 0x30)
            .exclude((high, low) -> high == B)
            .build(), collector);
        cycle.start(T0);
        cycle.onRead(A, 7, T0 + 1);
        cycle.onRead(B, 7, T0 + 2);
        cycle.onRead(0xE280116060000205L, 7, T0 + 3);
        cycle.onRead(C, 7, T0 + 4);
        cycle.stop(T0 + 500);
        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0).termination()).isEqualTo("STOPPED");
        assertThat(cycles.get(0).endMs()).isEqualTo(T0 + 500);
        assertThat(cycles.get(0).current()).containsExactly(epc(A), epc(C));
    }

    @Test
    void shouldCountOverflowAndLateReadsWhenCapacityIsReachedOrReadsAreOld()
    {
        final EventCycle cycle = new EventCycle(EventCycleSpec.builder("small").durationMs(1000).capacity(2).build(),
            reports ->
            {
                assertThat(reports.overflowCount()).isEqualTo(1);
                cycles.add(reports.snapshot());
            });
        cycle.start(T0);
        cycle.onRead(A, 7, T0 + 1);
        cycle.onRead(B, 7, T0 + 2);
        cycle.onRead(C, 7, T0 + 3);
        cycle.onRead(A, 7, T0 + 4);
        cycle.onTime(T0 + 1001);
        cycle.onRead(C, 7, T0 + 999); // late: belongs to the cycle already reported
        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0).current()).containsExactly(epc(A), epc(B));
        assertThat(cycle.overflowCount()).isEqualTo(1);
        assertThat(cycle.lateReads()).isEqualTo(1);
        assertThat(cycle.currentSize()).isZero();
    }

    @Test
    void shouldRejectSpecWhenNoBoundaryEndsTheCycle()
    {
        assertThatThrownBy(() -> EventCycleSpec.builder("never").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("durationMs");
        assertThatThrownBy(() -> EventCycleSpec.builder("neg").durationMs(10).repeatPeriodMs(-1).build())
            .hasMessageContaining("repeatPeriodMs");
    }

    @Test
    void shouldDriveCyclesPerLogicalReaderWhenRunAsPipelineExtension()
    {
        final EngineConfig config = EngineConfig.builder()
            .zone("door-1", 1, 1, 2)
            .zone("door-2", 1, 3)
            .build();
        final List<EventCycleSnapshot> door1 = new ArrayList<>();
        final List<EventCycleSnapshot> door2 = new ArrayList<>();
        final Pipeline pipeline = new Pipeline(config, new Counters(), event -> { });
        final AleExtension extension = new AleExtension()
            .add(new EventCycle(EventCycleSpec.builder("d1").durationMs(1000).build(), r -> door1.add(r.snapshot())),
                pipeline.zones().zoneId("door-1"))
            .add(new EventCycle(EventCycleSpec.builder("d2").durationMs(1000).build(), r -> door2.add(r.snapshot())),
                pipeline.zones().zoneId("door-2"));
        pipeline.extension(extension);

        final ByteBuffer buffer = ByteBuffer.allocate(RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        final RfidReadFlyweight read = new RfidReadFlyweight().wrap(buffer, 0);
        read.set(1, 1, A, 7, -5000, T0, 1);
        pipeline.onRecord(buffer, 0);
        read.set(1, 2, B, 7, -5000, T0 + 100, 1);
        pipeline.onRecord(buffer, 0);
        read.set(1, 3, C, 7, -5000, T0 + 200, 1);
        pipeline.onRecord(buffer, 0);
        new ClockTickFlyweight().wrap(buffer, 0).set(0, T0 + 1500);
        pipeline.onRecord(buffer, 0);
        read.set(1, 3, C, 7, -5000, T0 + 1600, 1); // time reaches the extension through the next record at latest
        pipeline.onRecord(buffer, 0);

        assertThat(door1).hasSize(1);
        assertThat(door1.get(0).current()).containsExactly(epc(A), epc(B));
        assertThat(door2).hasSize(1);
        assertThat(door2.get(0).current()).containsExactly(epc(C));
        assertThat(door2.get(0).endMs()).isEqualTo(T0 + 1000);
    }
}
