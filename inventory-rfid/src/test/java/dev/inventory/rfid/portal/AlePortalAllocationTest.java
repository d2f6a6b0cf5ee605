package dev.inventory.rfid.portal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.inventory.rfid.ale.EpcList;
import dev.inventory.rfid.ale.EventCycle;
import dev.inventory.rfid.ale.EventCycleListener;
import dev.inventory.rfid.ale.EventCycleReports;
import dev.inventory.rfid.ale.EventCycleSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Zero allocation per read in steady state for event cycles and the portal detector. */
class AlePortalAllocationTest
{
    private static final int MEASURED_READS = 1_000_000;
    private static final long T0 = 1_700_000_000_000L;

    private static com.sun.management.ThreadMXBean threadBean()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)bean;
        assumeThat(mx.isThreadAllocatedMemorySupported()).isTrue();
        mx.setThreadAllocatedMemoryEnabled(true);
        return mx;
    }

    static final class SummingListener implements EventCycleListener, PortalListener
    {
        long sum;
        long cycles;
        long passes;

        @Override
        public void onEventCycle(final EventCycleReports reports)
        {
            cycles++;
            sum += sum(reports.current()) + 3 * sum(reports.additions()) + 7 * sum(reports.deletions());
        }

        private static long sum(final EpcList list)
        {
            long s = 0;
            for (int i = 0; i < list.size(); i++)
            {
                s += list.epcHigh(i) ^ list.epcLow(i);
            }
            return s;
        }

        @Override
        public void onPass(final PortalPass pass)
        {
            passes++;
            sum += pass.direction() + pass.epcLow() + (long)(pass.confidence() * 1000) + pass.peakMs(PortalPass.INNER);
        }
    }

    @Test
    void shouldAllocateNothingPerReadWhenEventCyclesRunInSteadyState()
    {
        final com.sun.management.ThreadMXBean mx = threadBean();
        final SummingListener listener = new SummingListener();
        final EventCycle cycle = new EventCycle(EventCycleSpec.builder("alloc").durationMs(1000).repeatPeriodMs(1000)
            .stableSetIntervalMs(400).capacity(2048).build(), listener);
        long warmNowMs = T0;
        for (int i = 0; i < 1_000; i++)
        {
            // many short calls: the measured call then runs fully C2-compiled code, not an OSR transition
            warmNowMs = feedCycles(cycle, warmNowMs, 1_000);
        }
        final long threadId = Thread.currentThread().getId();
        final long before = mx.getThreadAllocatedBytes(threadId);
        feedCycles(cycle, warmNowMs, MEASURED_READS);
        final long after = mx.getThreadAllocatedBytes(threadId);
        assertThat(after - before).as("bytes allocated by %d reads", MEASURED_READS).isZero();
        assertThat(listener.cycles).isGreaterThan(100);
        assertThat(listener.sum).isNotZero();
    }

    private static long feedCycles(final EventCycle cycle, final long startMs, final int reads)
    {
        long nowMs = startMs;
        int state = 12345;
        for (int i = 0; i < reads; i++)
        {
            state = state * 1103515245 + 12345;
            final int tag = (state >>> 8) % 1500; // 1500 tags, a changing subset per cycle
            nowMs += (i & 3) == 0 ? 1 : 0;
            cycle.onRead(0x3074257BF7194E40L + (tag & 7), tag, nowMs);
        }
        return nowMs;
    }

    @Test
    void shouldAllocateNothingPerReadWhenPortalDecidesPassesInSteadyState()
    {
        final com.sun.management.ThreadMXBean mx = threadBean();
        final PortalSimulator simulator = new PortalSimulator(99);
        final List<PortalSimulator.Read> reads = new ArrayList<>();
        final PortalSimulator.Kind[] kinds = PortalSimulator.Kind.values();
        long startMs = 0;
        long endMs = 0;
        for (int i = 0; i < 120; i++)
        {
            endMs = Math.max(endMs, simulator.generate(kinds[i % kinds.length], i, startMs, reads));
            startMs += 1_000;
        }
        reads.sort(Comparator.comparingLong(PortalSimulator.Read::timestampMs));
        final int n = reads.size();
        final long[] timestamps = new long[n];
        final int[] antennas = new int[n];
        final int[] rssi = new int[n];
        final int[] epcLows = new int[n];
        for (int i = 0; i < n; i++)
        {
            final PortalSimulator.Read read = reads.get(i);
            timestamps[i] = read.timestampMs();
            antennas[i] = read.antenna();
            rssi[i] = read.rssiCentiDbm();
            epcLows[i] = read.epcLow();
        }
        final long roundMs = endMs + 60_000;
        final SummingListener listener = new SummingListener();
        final PortalDetector detector = new PortalDetector(PortalDirectionTest.spec(), listener);

        long offsetMs = T0;
        int done = 0;
        while (done < 2_000_000)
        {
            done += replay(detector, timestamps, antennas, rssi, epcLows, offsetMs, n);
            offsetMs += roundMs;
        }
        final long threadId = Thread.currentThread().getId();
        final long passesBefore = listener.passes;
        final long before = mx.getThreadAllocatedBytes(threadId);
        done = 0;
        while (done < MEASURED_READS)
        {
            done += replay(detector, timestamps, antennas, rssi, epcLows, offsetMs, n);
            offsetMs += roundMs;
        }
        final long after = mx.getThreadAllocatedBytes(threadId);
        assertThat(after - before).as("bytes allocated by %d reads", done).isZero();
        assertThat(listener.passes - passesBefore).isGreaterThan(100);
    }

    private static int replay(
        final PortalDetector detector, final long[] timestamps, final int[] antennas, final int[] rssi,
        final int[] epcLows, final long offsetMs, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            detector.onRead(PortalSimulator.READER, antennas[i], 0x3074257BF7194E40L, epcLows[i], rssi[i],
                offsetMs + timestamps[i]);
        }
        return n;
    }
}
