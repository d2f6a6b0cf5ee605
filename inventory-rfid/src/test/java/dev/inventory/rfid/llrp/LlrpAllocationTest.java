package dev.inventory.rfid.llrp;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.ingest.IngestRing;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.RfidReadFlyweight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The steady-state report path allocates nothing: decode, last-value rule, time resolution and publishing. */
class LlrpAllocationTest
{
    private static final int TAGS_PER_REPORT = 10;
    // warm up with many short calls so the loops are compiled whole, not on-stack-replaced mid-measurement (an OSR
    // transition allocates a few bytes once, outside our code)
    private static final int WARM_UP_CALLS = 2_000;
    private static final int WARM_UP_REPORTS = 100;
    private static final int MEASURED_REPORTS = 100_000; // 1e6 tag reports

    private static com.sun.management.ThreadMXBean threadMxBean()
    {
        final java.lang.management.ThreadMXBean std = ManagementFactory.getThreadMXBean();
        assumeThat(std).isInstanceOf(com.sun.management.ThreadMXBean.class);
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)std;
        assumeThat(mx.isThreadAllocatedMemorySupported()).isTrue();
        mx.setThreadAllocatedMemoryEnabled(true);
        // warm the probe itself: its first calls allocate
        for (int i = 0; i < 3; i++)
        {
            mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return mx;
    }

    private static int buildReport(final ByteBuffer buffer)
    {
        final LlrpEncoder encoder = new LlrpEncoder().wrap(buffer, 0);
        final TagReport tag = new TagReport();
        encoder.beginRoAccessReport(1);
        for (int i = 0; i < TAGS_PER_REPORT; i++)
        {
            tag.clear();
            if ((i & 1) == 0)
            {
                tag.epc96(0x3074257BF7194E40L, i).antennaId(1 + (i & 3)).peakRssiDbm(-40 - i).channelIndex(i)
                    .firstSeen(1_700_000_000_000_000L + i, false).lastSeen(1_700_000_000_100_000L + i, false)
                    .tagSeenCount(i + 1);
            }
            else
            {
                // omits every optional field but the EPC: the last-value rule fills them in
                tag.epc(new byte[] { (byte)0xE2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte)i, 0, 0 }, 0, 128)
                    .impinjPeakRssiCentiDbm(-5000 - i);
            }
            encoder.tagReportData(tag);
        }
        return encoder.endMessage();
    }

    @Test
    void shouldDecodeAMillionTagReportsWithoutAllocatingWhenWarm()
    {
        final com.sun.management.ThreadMXBean mx = threadMxBean();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
        final int length = buildReport(buffer);
        final LlrpFrameDecoder decoder = new LlrpFrameDecoder();
        decoder.enabledContent(TagReportContent.DEFAULT);
        final SummingHandler handler = new SummingHandler();

        for (int i = 0; i < WARM_UP_CALLS; i++)
        {
            decode(decoder, handler, buffer, length, WARM_UP_REPORTS);
        }
        final long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        decode(decoder, handler, buffer, length, MEASURED_REPORTS);
        final long after = mx.getThreadAllocatedBytes(Thread.currentThread().getId());

        assertThat(after - before).as("bytes allocated decoding %d tag reports", MEASURED_REPORTS * TAGS_PER_REPORT)
            .isZero();
        assertThat(handler.sum).isNotZero();
        assertThat(handler.reports)
            .isEqualTo((long)(WARM_UP_CALLS * WARM_UP_REPORTS + MEASURED_REPORTS) * TAGS_PER_REPORT);
    }

    private static void decode(
        final LlrpFrameDecoder decoder, final SummingHandler handler, final ByteBuffer buffer, final int length,
        final int reports)
    {
        for (int i = 0; i < reports; i++)
        {
            final int frame = decoder.frameLength(buffer, 0, length);
            if (decoder.decode(buffer, 0, frame, 1_700_000_000_000L + i, handler) != length)
            {
                throw new AssertionError("decode failed");
            }
        }
    }

    @Test
    void shouldPublishReadsWithoutAllocatingWhenWarm()
    {
        final com.sun.management.ThreadMXBean mx = threadMxBean();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
        final int length = buildReport(buffer);
        final LlrpFrameDecoder decoder = new LlrpFrameDecoder();
        final IngestRing ring = new IngestRing(1024);
        final Publisher publisher = new Publisher(ring, new Counters());
        final LlrpCounters counters = new LlrpCounters();
        final LlrpReadPublisher readPublisher = new LlrpReadPublisher(publisher, 7, 1_000, null);
        readPublisher.counters(counters);
        final ClientBridge bridge = new ClientBridge(readPublisher);
        final RfidReadFlyweight read = new RfidReadFlyweight();

        for (int i = 0; i < WARM_UP_CALLS; i++)
        {
            publish(decoder, bridge, buffer, length, ring, read, WARM_UP_REPORTS);
        }
        final long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        final long checksum = publish(decoder, bridge, buffer, length, ring, read, MEASURED_REPORTS);
        final long after = mx.getThreadAllocatedBytes(Thread.currentThread().getId());

        assertThat(after - before).as("bytes allocated publishing").isZero();
        assertThat(checksum).isNotZero();
        assertThat(counters.get(LlrpCounters.READS_PUBLISHED))
            .isEqualTo((long)(WARM_UP_CALLS * WARM_UP_REPORTS + MEASURED_REPORTS) * TAGS_PER_REPORT);
        assertThat(counters.get(LlrpCounters.READS_DROPPED)).isZero();
    }

    private static long publish(
        final LlrpFrameDecoder decoder,
        final ClientBridge bridge,
        final ByteBuffer buffer,
        final int length,
        final IngestRing ring,
        final RfidReadFlyweight read,
        final int reports)
    {
        long checksum = 0;
        for (int i = 0; i < reports; i++)
        {
            decoder.decode(buffer, 0, length, 1_700_000_000_000L, bridge);
            // consume what was published, checking the records
            final int available = ring.available(TAGS_PER_REPORT);
            for (int k = 0; k < available; k++)
            {
                read.wrap(ring.buffer(), ring.offset(ring.consumerSequence() + k));
                checksum += read.antenna() + read.rssiCentiDbm() + read.epcBitLength() + read.seenCount();
                if (read.reader() != 7 || read.antenna() == 0)
                {
                    throw new AssertionError("bad record");
                }
            }
            ring.release(available);
        }
        return checksum;
    }

    private static final class SummingHandler implements LlrpMessageHandler
    {
        long sum;
        long reports;

        @Override
        public void onTagReport(final TagReport report)
        {
            reports++;
            sum += report.antennaId() + report.rssiCentiDbm() + report.seenCount() + report.lastSeenMs() +
                report.epcLow() + report.channelIndex();
        }
    }

    private static final class ClientBridge implements LlrpMessageHandler
    {
        private final LlrpClientListener listener;

        ClientBridge(final LlrpClientListener listener)
        {
            this.listener = listener;
        }

        @Override
        public void onTagReport(final TagReport report)
        {
            listener.onTagReport(report);
        }
    }
}
