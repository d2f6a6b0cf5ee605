package dev.inventory.rfid.llrp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Mutation fuzzing of the frame parser from a fixed seed, bounded in time: valid frames of every kind a reader sends
 * are bit-flipped, truncated, extended, spliced and have length fields set to boundary values; framing and decoding
 * must never throw, must consume exactly one frame or reject it with a code, and hand out only sane reports.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlrpFrameFuzzTest
{
    private static final long SEED = 0x5EED_11F0_2024L;
    private static final long BUDGET_NS = TimeUnit.SECONDS.toNanos(4);
    private static final int MAX_ITERATIONS = 1_000_000;
    private static final int[] INTERESTING = { 0x00, 0x01, 0x03, 0x04, 0x05, 0x7F, 0x80, 0x81, 0xFE, 0xFF, 0x0A, 0x8D };

    @Test
    void shouldNeverThrowWhenFramesAreMutated()
    {
        final List<byte[]> corpus = corpus();
        final SplittableRandom random = new SplittableRandom(SEED);
        final LlrpFrameDecoder decoder = new LlrpFrameDecoder(4096);
        final CheckingHandler handler = new CheckingHandler();
        final long[] outcomes = new long[LlrpFrameError.COUNT + 2];
        final long deadlineNs = System.nanoTime() + BUDGET_NS;
        int iterations = 0;
        while (iterations < MAX_ITERATIONS && System.nanoTime() - deadlineNs < 0)
        {
            final byte[] input = mutate(corpus, random);
            try
            {
                parseStream(decoder, handler, input, outcomes);
                if ((iterations & 1023) == 0)
                {
                    decoder.resetConnectionState();
                    decoder.enabledContent(random.nextInt(1 << 12));
                }
            }
            catch (final Throwable ex)
            {
                fail("iteration " + iterations + " (seed " + SEED + ") threw on " + hex(input), ex);
            }
            iterations++;
        }

        assertThat(iterations).isGreaterThan(1_000);
        assertThat(outcomes[0]).as("frames accepted").isPositive();
        int distinctErrors = 0;
        for (int code = 1; code <= LlrpFrameError.COUNT; code++)
        {
            distinctErrors += outcomes[code] > 0 ? 1 : 0;
        }
        assertThat(distinctErrors).as("distinct rejection reasons seen " + Arrays.toString(outcomes))
            .isGreaterThanOrEqualTo(8);
        assertThat(handler.reports).isPositive();
    }

    private static void parseStream(
        final LlrpFrameDecoder decoder, final CheckingHandler handler, final byte[] input, final long[] outcomes)
    {
        final ByteBuffer buffer = ByteBuffer.wrap(input);
        int offset = 0;
        while (offset < input.length)
        {
            final int frame = decoder.frameLength(buffer, offset, input.length - offset);
            if (frame == LlrpFrameDecoder.NEED_MORE_DATA)
            {
                outcomes[LlrpFrameError.COUNT + 1]++;
                break;
            }
            if (frame < 0)
            {
                outcomes[-frame]++;
                break;
            }
            assertThat(frame).isBetween(LlrpDescriptor.HEADER_LENGTH, input.length - offset);
            final int result = decoder.decode(buffer, offset, frame, 1_700_000_000_000L, handler);
            if (result < 0)
            {
                outcomes[-result]++;
                break;
            }
            assertThat(result).isEqualTo(frame);
            outcomes[0]++;
            offset += frame;
        }
        // the decoder on its own, fed whatever is there
        final int direct = decoder.decode(buffer, 0, input.length, 1_700_000_000_000L, handler);
        if (direct >= 0)
        {
            assertThat(direct).isBetween(LlrpDescriptor.HEADER_LENGTH, input.length);
        }
        else
        {
            assertThat(direct).isBetween(-LlrpFrameError.COUNT, -1);
        }
    }

    private static byte[] mutate(final List<byte[]> corpus, final SplittableRandom random)
    {
        byte[] data = corpus.get(random.nextInt(corpus.size())).clone();
        if (random.nextInt(8) == 0)
        {
            // two frames back to back: exercises the stream path
            final byte[] second = corpus.get(random.nextInt(corpus.size()));
            final byte[] joined = Arrays.copyOf(data, data.length + second.length);
            System.arraycopy(second, 0, joined, data.length, second.length);
            data = joined;
        }
        final int mutations = 1 + random.nextInt(6);
        for (int m = 0; m < mutations && data.length > 0; m++)
        {
            switch (random.nextInt(9))
            {
                case 0:
                {
                    final int at = random.nextInt(data.length);
                    data[at] ^= (byte)(1 << random.nextInt(8));
                    break;
                }
                case 1:
                    data[random.nextInt(data.length)] = (byte)INTERESTING[random.nextInt(INTERESTING.length)];
                    break;
                case 2:
                    data = Arrays.copyOf(data, random.nextInt(data.length + 1));
                    break;
                case 3:
                {
                    final byte[] longer = Arrays.copyOf(data, data.length + 1 + random.nextInt(32));
                    for (int i = data.length; i < longer.length; i++)
                    {
                        longer[i] = (byte)random.nextInt(256);
                    }
                    data = longer;
                    break;
                }
                case 4:
                    if (data.length >= 6)
                    {
                        // message length field to a boundary value
                        final int[] lengths = { 0, 9, 10, 11, data.length - 1, data.length + 1, 4096, 4097, -1 };
                        ByteBuffer.wrap(data).putInt(2, lengths[random.nextInt(lengths.length)]);
                    }
                    break;
                case 5:
                    if (data.length >= 14)
                    {
                        // some 16-bit word (often a TLV length) to a boundary value
                        final int at = 10 + random.nextInt(data.length - 11);
                        final int[] values = { 0, 1, 3, 4, 5, 0x7FFF, 0xFFFF, data.length - at, data.length - at + 1 };
                        ByteBuffer.wrap(data).putShort(at, (short)values[random.nextInt(values.length)]);
                    }
                    break;
                case 6:
                    if (data.length > 12)
                    {
                        // cut a slice out of the middle
                        final int from = 10 + random.nextInt(data.length - 10);
                        final int to = from + random.nextInt(data.length - from + 1);
                        final byte[] cut = new byte[data.length - (to - from)];
                        System.arraycopy(data, 0, cut, 0, from);
                        System.arraycopy(data, to, cut, from, data.length - to);
                        data = cut;
                    }
                    break;
                case 7:
                {
                    // pure noise with a plausible header
                    final byte[] noise = new byte[random.nextInt(64)];
                    for (int i = 0; i < noise.length; i++)
                    {
                        noise[i] = (byte)random.nextInt(256);
                    }
                    if (noise.length >= 6)
                    {
                        noise[0] = 0x04;
                        noise[1] = (byte)LlrpDescriptor.RO_ACCESS_REPORT;
                        ByteBuffer.wrap(noise).putInt(2, noise.length);
                    }
                    data = noise;
                    break;
                }
                default:
                    // message type to another one
                    if (data.length >= 2)
                    {
                        final int[] types = { 61, 62, 63, 100, 13, 30, 34, 11, 4, 1023, 999, 0 };
                        final int type = types[random.nextInt(types.length)];
                        data[0] = (byte)((data[0] & 0xFC) | (type >>> 8));
                        data[1] = (byte)type;
                    }
                    break;
            }
        }
        return data;
    }

    private static List<byte[]> corpus()
    {
        final List<byte[]> corpus = new ArrayList<>();
        final ByteBuffer buffer = ByteBuffer.allocate(8192);
        final LlrpEncoder encoder = new LlrpEncoder();
        final TagReport tag = new TagReport();

        encoder.wrap(buffer, 0).beginRoAccessReport(1)
            .tagReportData(tag.clear().epc96(0x3074257BF7194E40L, 0x1A85).roSpecId(1).specIndex(1)
                .inventoryParameterSpecId(1).antennaId(1).peakRssiDbm(-50).channelIndex(3)
                .firstSeen(1L << 50, false).lastSeen(1L << 50, false).tagSeenCount(2).pc(0x3000).crc(1).accessSpecId(2))
            .tagReportData(tag.clear().epc(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }, 0, 128)
                .antennaId(2).impinjPeakRssiCentiDbm(-4321))
            .tagReportData(tag.clear().epc96(5, 6).firstSeen(1_000_000, true).lastSeen(2_000_000, true));
        corpus.add(frame(buffer, encoder.endMessage()));
        encoder.wrap(buffer, 0).beginRoAccessReport(2);
        corpus.add(frame(buffer, encoder.endMessage()));
        corpus.add(frame(buffer, encoder.wrap(buffer, 0).keepalive(3)));
        corpus.add(frame(buffer, encoder.wrap(buffer, 0).connectionAttemptEvent(4, 5L, 0)));
        corpus.add(frame(buffer, encoder.wrap(buffer, 0).connectionCloseEvent(5, 5L)));
        corpus.add(frame(buffer, encoder.wrap(buffer, 0).errorMessage(6, 101, "field error")));
        corpus.add(frame(buffer, encoder.wrap(buffer, 0).response(LlrpDescriptor.ADD_ROSPEC_RESPONSE, 7, 0, "")));
        corpus.add(frame(buffer, encoder.wrap(buffer, 0).readerCapabilitiesResponse(8, 4, true, 25882, 1, "fw")));
        corpus.add(frame(buffer, encoder.wrap(buffer, 0).addRoSpec(9, 1, 0, 0, 0, new int[] { 1, 2 }, 2, 0, 1, 1, 1,
            TagReportContent.ALL)));
        corpus.add(frame(buffer, encoder.wrap(buffer, 0).setReaderConfig(10, false, 0x1FF, 1, 1,
            TagReportContent.ALL, 1000)));
        encoder.wrap(buffer, 0).beginMessage(LlrpDescriptor.READER_EVENT_NOTIFICATION, 11);
        encoder.raw(LlrpClientSimulatorTest.bytes(
            "00 F6 00 2B 00 80 00 0C 00 00 00 00 00 00 00 01 00 F9 00 0D 00 00 00 00 01 00 00 00 00 " +
            "00 FF 00 07 01 00 02 00 FC 00 04 00 FA 00 05 50"), 0, 43);
        corpus.add(frame(buffer, encoder.endMessage()));
        return corpus;
    }

    private static byte[] frame(final ByteBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        return bytes;
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder();
        for (final byte b : bytes)
        {
            sb.append(String.format("%02X", b));
        }
        return sb.toString();
    }

    private static final class CheckingHandler implements LlrpMessageHandler
    {
        long reports;

        @Override
        public void onTagReport(final TagReport report)
        {
            reports++;
            if (report.epcByteCount() > TagReport.MAX_EPC_BITS / 8 || report.seenCount() < 1 ||
                report.lastSeenMs() < 0 && report.has(TagReportContent.LAST_SEEN) && !report.lastSeenIsUptime())
            {
                throw new AssertionError("insane report");
            }
            for (int i = 0; i < report.epcByteCount(); i++)
            {
                report.epcByte(i);
            }
        }
    }
}
