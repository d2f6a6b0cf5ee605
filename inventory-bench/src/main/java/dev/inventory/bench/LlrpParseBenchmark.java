package dev.inventory.bench;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.llrp.ltk.exceptions.InvalidLLRPMessageException;
import org.llrp.ltk.generated.LLRPMessageFactory;
import org.llrp.ltk.generated.messages.RO_ACCESS_REPORT;
import org.llrp.ltk.generated.parameters.EPC_96;
import org.llrp.ltk.generated.parameters.TagReportData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.inventory.rfid.llrp.LlrpEncoder;
import dev.inventory.rfid.llrp.LlrpFrameDecoder;
import dev.inventory.rfid.llrp.LlrpMessageHandler;
import dev.inventory.rfid.llrp.TagReport;

/**
 * RO_ACCESS_REPORT parse rate, our {@link LlrpFrameDecoder} versus the LLRP Toolkit for Java (LTK 1.0.0.7,
 * {@code LLRPMessageFactory.createLLRPMessage(byte[])}), on the same bytes: one report of {@code tags}
 * TagReportData, each with every field (EPC-96, ROSpecID, SpecIndex, InventoryParameterSpecID, AntennaID, PeakRSSI,
 * ChannelIndex, First/LastSeenTimestampUTC, TagSeenCount, C1G2 PC and CRC, AccessSpecID), written by our
 * {@link LlrpEncoder}. One op = one report: tags/s = ops/s x {@code tags}, bytes per tag = B/op / {@code tags}
 * ({@code -prof gc}). Both sides read the EPC, antenna and peak RSSI of every tag.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LlrpParseBenchmark
{
    /** The report bytes and both parsers. */
    @State(Scope.Thread)
    public static class ReportState
    {
        @Param({"100"})
        public int tags;

        byte[] bytes;
        ByteBuffer buffer;
        final LlrpFrameDecoder decoder = new LlrpFrameDecoder();
        final SummingHandler handler = new SummingHandler();

        @Setup(Level.Trial)
        public void setUp() throws InvalidLLRPMessageException
        {
            final ByteBuffer out = ByteBuffer.allocate(64 + tags * 128);
            final LlrpEncoder encoder = new LlrpEncoder().wrap(out, 0);
            final TagReport tag = new TagReport();
            encoder.beginRoAccessReport(7);
            for (int i = 0; i < tags; i++)
            {
                encoder.tagReportData(tag.clear()
                    .epc96(0x3074257BF7194E40L, 0x1000 + i)
                    .roSpecId(1).specIndex(1).inventoryParameterSpecId(1)
                    .antennaId(1 + (i & 3)).peakRssiDbm(-40 - (i % 30)).channelIndex(1 + (i % 50))
                    .firstSeen(1_700_000_000_000_000L + i, false).lastSeen(1_700_000_000_500_000L + i, false)
                    .tagSeenCount(1 + (i & 7)).pc(0x3000).crc(0x1234 + i).accessSpecId(0));
            }
            final int length = encoder.endMessage();
            bytes = new byte[length];
            out.get(0, bytes);
            buffer = ByteBuffer.wrap(bytes);

            // both parsers must see every tag
            handler.tags = 0;
            if (decoder.decode(buffer, 0, length, 0L, handler) != length || handler.tags != tags)
            {
                throw new IllegalStateException("our decoder rejected the report");
            }
            final RO_ACCESS_REPORT report = (RO_ACCESS_REPORT)LLRPMessageFactory.createLLRPMessage(bytes);
            if (report.getTagReportDataList().size() != tags)
            {
                throw new IllegalStateException("LTK saw " + report.getTagReportDataList().size() + " tags");
            }
        }
    }

    /** Reads what an adapter would read from each tag. */
    static final class SummingHandler implements LlrpMessageHandler
    {
        long sum;
        int tags;

        @Override
        public void onTagReport(final TagReport report)
        {
            sum += report.epcLow() + report.antennaId() + report.peakRssiDbm() + report.lastSeenMs();
            tags++;
        }
    }

    @Benchmark
    public long inventory(final ReportState state)
    {
        final SummingHandler handler = state.handler;
        handler.sum = 0;
        state.decoder.decode(state.buffer, 0, state.bytes.length, 1_700_000_000_000L, handler);
        return handler.sum;
    }

    @Benchmark
    public long ltk(final ReportState state, final Blackhole bh) throws InvalidLLRPMessageException
    {
        final RO_ACCESS_REPORT report = (RO_ACCESS_REPORT)LLRPMessageFactory.createLLRPMessage(state.bytes);
        final List<TagReportData> data = report.getTagReportDataList();
        long sum = 0;
        for (int i = 0, n = data.size(); i < n; i++)
        {
            final TagReportData tag = data.get(i);
            bh.consume(((EPC_96)tag.getEPCParameter()).getEPC());
            sum += tag.getAntennaID().getAntennaID().intValue() + tag.getPeakRSSI().getPeakRSSI().intValue() +
                tag.getLastSeenTimestampUTC().getMicroseconds().toLong();
        }
        return sum;
    }
}
