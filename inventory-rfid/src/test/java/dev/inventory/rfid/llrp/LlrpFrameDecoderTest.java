package dev.inventory.rfid.llrp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LlrpFrameDecoderTest
{
    private static final long NOW_MS = 1_700_000_000_000L;
    private static final long EPC_HIGH = 0x3074257BF7194E40L;
    private static final int EPC_LOW = 0x00001A85;

    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final LlrpEncoder encoder = new LlrpEncoder();
    private final LlrpFrameDecoder decoder = new LlrpFrameDecoder(64 * 1024);
    private final LlrpRecordingHandler handler = new LlrpRecordingHandler();
    private final TagReport tag = new TagReport();

    @BeforeEach
    void setUp()
    {
        encoder.wrap(buffer, 0);
    }

    private int decode(final int length)
    {
        return decoder.decode(buffer, 0, length, NOW_MS, handler);
    }

    private TagReport fullTag()
    {
        return tag.clear().epc96(EPC_HIGH, EPC_LOW).roSpecId(0x01020304L).specIndex(2).inventoryParameterSpecId(3)
            .antennaId(4).peakRssiDbm(-61).channelIndex(17).firstSeen(1_700_000_000_123_456L, false)
            .lastSeen(1_700_000_000_223_456L, false).tagSeenCount(9).pc(0x3000).crc(0xBEEF).accessSpecId(77);
    }

    @Test
    void shouldDecodeEveryFieldWhenTagReportHasEpc96AndAllOptionalFields()
    {
        encoder.beginRoAccessReport(11).tagReportData(fullTag());
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(length);

        assertThat(handler.reports).hasSize(1);
        final TagReport r = handler.reports.get(0);
        assertThat(r.epcBitLength()).isEqualTo(96);
        assertThat(r.epcAsTv()).isTrue();
        assertThat(r.epcHigh()).isEqualTo(EPC_HIGH);
        assertThat(r.epcLow()).isEqualTo(EPC_LOW);
        assertThat(r.roSpecId()).isEqualTo(0x01020304L);
        assertThat(r.specIndex()).isEqualTo(2);
        assertThat(r.inventoryParameterSpecId()).isEqualTo(3);
        assertThat(r.antennaId()).isEqualTo(4);
        assertThat(r.peakRssiDbm()).isEqualTo(-61);
        assertThat(r.rssiCentiDbm()).isEqualTo(-6100);
        assertThat(r.channelIndex()).isEqualTo(17);
        assertThat(r.firstSeenMs()).isEqualTo(1_700_000_000_123L);
        assertThat(r.lastSeenMs()).isEqualTo(1_700_000_000_223L);
        assertThat(r.tagSeenCount()).isEqualTo(9);
        assertThat(r.seenCount()).isEqualTo(9);
        assertThat(r.pc()).isEqualTo(0x3000);
        assertThat(r.crc()).isEqualTo(0xBEEF);
        assertThat(r.accessSpecId()).isEqualTo(77);
        assertThat(r.reportedFields()).isEqualTo(TagReportContent.ALL);
        assertThat(handler.reportEnds).containsExactly(1);
    }

    @Test
    void shouldDecodeEpcDataWhenEpcIsNot96Bits()
    {
        final byte[] epc128 = new byte[16];
        for (int i = 0; i < epc128.length; i++)
        {
            epc128[i] = (byte)(0xE2 + i);
        }
        final byte[] epc198 = new byte[25];
        epc198[0] = 0x36; // SGTIN-198 header
        epc198[24] = (byte)0xFF; // bits beyond 198 must be masked
        encoder.beginRoAccessReport(1)
            .tagReportData(tag.clear().epc(epc128, 0, 128).antennaId(1))
            .tagReportData(tag.clear().epc(epc198, 0, 198).antennaId(2))
            .tagReportData(tag.clear().epc(new byte[] { (byte)0xAB, (byte)0xCD }, 0, 16).antennaId(3));
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(length);

        assertThat(handler.reports).hasSize(3);
        final TagReport long128 = handler.reports.get(0);
        assertThat(long128.epcAsTv()).isFalse();
        assertThat(long128.epcBitLength()).isEqualTo(128);
        assertThat(long128.epcHigh()).isEqualTo(0xE2E3E4E5E6E7E8E9L);
        assertThat(long128.epcLow()).isEqualTo(0xEAEBECED);
        assertThat(long128.epcByte(15)).isEqualTo(0xF1);
        final TagReport sgtin198 = handler.reports.get(1);
        assertThat(sgtin198.epcBitLength()).isEqualTo(198);
        assertThat(sgtin198.epcByteCount()).isEqualTo(25);
        assertThat(sgtin198.epcByte(24)).isEqualTo(0xFC);
        final TagReport short16 = handler.reports.get(2);
        assertThat(short16.epcBitLength()).isEqualTo(16);
        assertThat(short16.epcHigh()).isEqualTo(0xABCD_0000_0000_0000L);
        assertThat(short16.epcLow()).isZero();
    }

    @Test
    void shouldTakeLastValueWhenEnabledFieldIsOmitted()
    {
        decoder.enabledContent(TagReportContent.DEFAULT);
        encoder.beginRoAccessReport(1)
            .tagReportData(tag.clear().epc96(1, 1).antennaId(2).peakRssiDbm(-50).channelIndex(7).tagSeenCount(3)
                .lastSeen(5_000_000L, false));
        int length = encoder.endMessage();
        assertThat(decode(length)).isEqualTo(length);

        // next frame on the same connection: only the EPC and a new RSSI
        encoder.wrap(buffer, 0).beginRoAccessReport(2).tagReportData(tag.clear().epc96(2, 2).peakRssiDbm(-40));
        length = encoder.endMessage();
        assertThat(decode(length)).isEqualTo(length);

        final TagReport second = handler.reports.get(1);
        assertThat(second.reportedFields()).isEqualTo(TagReportContent.PEAK_RSSI);
        assertThat(second.antennaId()).isEqualTo(2);
        assertThat(second.channelIndex()).isEqualTo(7);
        assertThat(second.tagSeenCount()).isEqualTo(3);
        assertThat(second.seenCount()).isEqualTo(3);
        assertThat(second.rssiCentiDbm()).isEqualTo(-4000);
        assertThat(second.lastSeenMs()).isEqualTo(5_000L);
    }

    @Test
    void shouldNotCarryFieldWhenItIsNotEnabled()
    {
        decoder.enabledContent(TagReportContent.ANTENNA_ID);
        encoder.beginRoAccessReport(1)
            .tagReportData(tag.clear().epc96(1, 1).antennaId(2).peakRssiDbm(-50))
            .tagReportData(tag.clear().epc96(2, 2));
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(length);

        final TagReport second = handler.reports.get(1);
        assertThat(second.antennaId()).isEqualTo(2);
        assertThat(second.has(TagReportContent.PEAK_RSSI)).isFalse();
        assertThat(second.rssiCentiDbm()).isEqualTo(TagReport.RSSI_UNKNOWN);
        assertThat(second.seenCount()).isEqualTo(1);
        assertThat(second.lastSeenMs()).isEqualTo(NOW_MS);
        assertThat(second.firstSeenMs()).isEqualTo(NOW_MS);
    }

    @Test
    void shouldForgetLastValuesWhenConnectionStateIsReset()
    {
        encoder.beginRoAccessReport(1).tagReportData(tag.clear().epc96(1, 1).antennaId(2));
        int length = encoder.endMessage();
        decode(length);
        decoder.resetConnectionState();
        encoder.wrap(buffer, 0).beginRoAccessReport(2).tagReportData(tag.clear().epc96(2, 2));
        length = encoder.endMessage();
        decode(length);

        assertThat(handler.reports.get(1).has(TagReportContent.ANTENNA_ID)).isFalse();
        assertThat(handler.reports.get(1).antennaId()).isZero();
    }

    @Test
    void shouldUseImpinjPeakRssiWhenCustomParameterIsPresent()
    {
        encoder.beginRoAccessReport(1)
            .tagReportData(tag.clear().epc96(1, 1).antennaId(1).peakRssiDbm(-55).impinjPeakRssiCentiDbm(-5525));
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(length);

        assertThat(handler.reports.get(0).rssiCentiDbm()).isEqualTo(-5525);
        assertThat(handler.reports.get(0).peakRssiDbm()).isEqualTo(-55);
    }

    @Test
    void shouldSkipUnknownAndForeignCustomParametersByLength()
    {
        // TagReportData with EPC-96, an unknown TLV (type 900), a Custom of another vendor, an OpSpec result, AntennaID
        encoder.beginRoAccessReport(5);
        final byte[] data = {
            0x00, (byte)0xF0, 0x00, 0x00, // TagReportData header, length patched below
            (byte)0x8D, 0x30, 0x74, 0x25, 0x7B, (byte)0xF7, 0x19, 0x4E, 0x40, 0x00, 0x00, 0x1A, (byte)0x85,
            0x03, (byte)0x84, 0x00, 0x07, 1, 2, 3,                      // unknown TLV 900, length 7
            0x03, (byte)0xFF, 0x00, 0x0E, 0, 0, 0, 1, 0, 0, 0, 57, 0x12, 0x34, // Custom vendor 1 subtype 57
            0x01, 0x5D, 0x00, 0x07, 0, 0, 1,                             // C1G2ReadOpSpecResult-like TLV 349
            (byte)0x81, 0x00, 0x03,                                      // AntennaID 3
        };
        data[3] = (byte)data.length;
        encoder.raw(data, 0, data.length);
        encoder.raw(new byte[] { 0x03, (byte)0xA0, 0x00, 0x04 }, 0, 4); // empty unknown top-level TLV 928
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(length);

        assertThat(handler.reports).hasSize(1);
        assertThat(handler.reports.get(0).antennaId()).isEqualTo(3);
        assertThat(handler.reports.get(0).epcHigh()).isEqualTo(EPC_HIGH);
        assertThat(handler.reports.get(0).has(TagReportContent.IMPINJ_PEAK_RSSI)).isFalse();
    }

    @Test
    void shouldReportEmptyRoAccessReport()
    {
        encoder.beginRoAccessReport(9);
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(10);

        assertThat(handler.reports).isEmpty();
        assertThat(handler.reportEnds).containsExactly(0);
    }

    @Test
    void shouldMapUptimeTimestampsToEpochMsWhenReaderHasNoUtcClock()
    {
        encoder.beginRoAccessReport(1)
            .tagReportData(tag.clear().epc96(1, 1).firstSeen(10_000_000L, true).lastSeen(10_500_000L, true))
            .tagReportData(tag.clear().epc96(1, 1).lastSeen(12_000_000L, true));
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(length);

        final long offsetMs = NOW_MS - 10_000L;
        assertThat(handler.reports.get(0).firstSeenMs()).isEqualTo(NOW_MS);
        assertThat(handler.reports.get(0).lastSeenMs()).isEqualTo(10_500L + offsetMs);
        assertThat(handler.reports.get(1).lastSeenMs()).isEqualTo(12_000L + offsetMs);
    }

    @Test
    void shouldDecodeKeepaliveEventsErrorsAndResponses()
    {
        int at = 0;
        at += encoder.wrap(buffer, at).keepalive(21);
        at += encoder.wrap(buffer, at).connectionAttemptEvent(22, 1_700_000_000_000_000L, 0);
        at += encoder.wrap(buffer, at).errorMessage(23, 109, "unsupported");
        at += encoder.wrap(buffer, at).response(LlrpDescriptor.ADD_ROSPEC_RESPONSE, 24, 0, "");
        at += encoder.wrap(buffer, at).readerCapabilitiesResponse(25, 4, true, LlrpDescriptor.IMPINJ_PEN, 2, "fw");
        at += encoder.wrap(buffer, at).connectionCloseEvent(26, 5L);
        at += encoder.wrap(buffer, at).closeConnection(27); // a client message: skipped as other

        int offset = 0;
        while (offset < at)
        {
            final int frame = decoder.frameLength(buffer, offset, at - offset);
            assertThat(frame).isPositive();
            assertThat(decoder.decode(buffer, offset, frame, NOW_MS, handler)).isEqualTo(frame);
            offset += frame;
        }

        assertThat(handler.keepalives).containsExactly(21);
        assertThat(handler.events).hasSize(2);
        assertThat(handler.events.get(0)).startsWith("attempt=0 close=false");
        assertThat(handler.events.get(1)).startsWith("attempt=-1 close=true");
        assertThat(handler.errors).containsExactly("23:109");
        assertThat(handler.responses).containsExactly("ADD_ROSPEC_RESPONSE#24:0", "GET_READER_CAPABILITIES_RESPONSE#25:0");
        assertThat(handler.maxAntennas).isEqualTo(4);
        assertThat(handler.manufacturer).isEqualTo(LlrpDescriptor.IMPINJ_PEN);
        assertThat(handler.hasUtcClock).isTrue();
        assertThat(handler.others).containsExactly(LlrpDescriptor.CLOSE_CONNECTION);
    }

    @Test
    void shouldDecodeStatusDescriptionAndFieldErrorWhenResponseFails()
    {
        encoder.beginMessage(LlrpDescriptor.SET_READER_CONFIG_RESPONSE, 3);
        final byte[] status = {
            0x01, 0x1F, 0x00, 0x14, 0x00, 0x65, 0x00, 0x04, 'b', 'a', 'd', '!', // LLRPStatus 101 "bad!"
            0x01, 0x20, 0x00, 0x08, 0x00, 0x02, 0x00, 0x65,                     // FieldError field 2, 101
        };
        encoder.raw(status, 0, status.length);
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(length);

        assertThat(handler.lastStatusCode).isEqualTo(101);
        assertThat(handler.lastDescription).isEqualTo("bad!");
        assertThat(handler.lastFieldErrorNum).isEqualTo(2);
    }

    @Test
    void shouldAskForMoreDataWhenFrameIsIncomplete()
    {
        encoder.beginRoAccessReport(1).tagReportData(fullTag());
        final int length = encoder.endMessage();

        assertThat(decoder.frameLength(buffer, 0, 0)).isEqualTo(LlrpFrameDecoder.NEED_MORE_DATA);
        assertThat(decoder.frameLength(buffer, 0, 1)).isEqualTo(LlrpFrameDecoder.NEED_MORE_DATA);
        assertThat(decoder.frameLength(buffer, 0, 5)).isEqualTo(LlrpFrameDecoder.NEED_MORE_DATA);
        assertThat(decoder.frameLength(buffer, 0, length - 1)).isEqualTo(LlrpFrameDecoder.NEED_MORE_DATA);
        assertThat(decoder.frameLength(buffer, 0, length)).isEqualTo(length);
        assertThat(decoder.decode(buffer, 0, length - 1, NOW_MS, handler)).isEqualTo(LlrpFrameError.TRUNCATED);
        assertThat(handler.callbacks()).isZero();
    }

    @Test
    void shouldRejectLengthTooSmallWhenBelowHeader()
    {
        encoder.keepalive(1);
        buffer.putInt(2, 9);

        assertThat(decoder.frameLength(buffer, 0, 10)).isEqualTo(LlrpFrameError.LENGTH_TOO_SMALL);
        assertThat(decode(10)).isEqualTo(LlrpFrameError.LENGTH_TOO_SMALL);
    }

    @Test
    void shouldRejectLengthTooLargeWhenOverCap()
    {
        encoder.keepalive(1);
        buffer.putInt(2, 64 * 1024 + 1);

        assertThat(decoder.frameLength(buffer, 0, 10)).isEqualTo(LlrpFrameError.LENGTH_TOO_LARGE);
        buffer.putInt(2, -1); // 4 GiB - 1 as unsigned
        assertThat(decoder.frameLength(buffer, 0, 10)).isEqualTo(LlrpFrameError.LENGTH_TOO_LARGE);
        assertThat(decode(10)).isEqualTo(LlrpFrameError.LENGTH_TOO_LARGE);
    }

    @Test
    void shouldRejectUnknownVersionAndType()
    {
        encoder.keepalive(1);
        buffer.put(0, (byte)(buffer.get(0) | 0x08)); // version 3

        assertThat(decoder.frameLength(buffer, 0, 1)).isEqualTo(LlrpFrameError.UNKNOWN_VERSION);
        assertThat(decode(10)).isEqualTo(LlrpFrameError.UNKNOWN_VERSION);

        encoder.wrap(buffer, 0).beginMessage(999, 1);
        encoder.endMessage();
        assertThat(decoder.frameLength(buffer, 0, 10)).isEqualTo(LlrpFrameError.UNKNOWN_MESSAGE_TYPE);
        assertThat(decode(10)).isEqualTo(LlrpFrameError.UNKNOWN_MESSAGE_TYPE);
    }

    @Test
    void shouldRejectWholeFrameWhenLaterParameterOverrunsItsParent()
    {
        encoder.beginRoAccessReport(1).tagReportData(fullTag()).tagReportData(fullTag());
        final int length = encoder.endMessage();
        // second TagReportData claims 2 bytes more than the message holds
        final int second = 10 + (buffer.getShort(12) & 0xFFFF);
        buffer.putShort(second + 2, (short)((buffer.getShort(second + 2) & 0xFFFF) + 2));

        assertThat(decode(length)).isEqualTo(LlrpFrameError.PARAMETER_OVERRUN);
        assertThat(handler.callbacks()).isZero();
    }

    @Test
    void shouldRejectSubParameterOverrunningTagReportData()
    {
        encoder.beginRoAccessReport(1).tagReportData(tag.clear().epc96(1, 1).antennaId(1));
        final int length = encoder.endMessage();
        // shrink TagReportData so its AntennaID TV runs past it (but not past the message)
        buffer.putShort(12, (short)((buffer.getShort(12) & 0xFFFF) - 1));

        assertThat(decode(length)).isEqualTo(LlrpFrameError.PARAMETER_OVERRUN);
    }

    @Test
    void shouldRejectTlvShorterThanItsHeader()
    {
        encoder.beginRoAccessReport(1).raw(new byte[] { 0x00, (byte)0xF0, 0x00, 0x02 }, 0, 4);
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(LlrpFrameError.PARAMETER_TOO_SMALL);
    }

    @Test
    void shouldRejectUnknownTvParameterWhenItCannotBeSkipped()
    {
        encoder.beginRoAccessReport(1).raw(new byte[] { 0x00, (byte)0xF0, 0x00, 0x13 }, 0, 4)
            .raw(new byte[] { (byte)0x8D, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, (byte)0xC5, 0, 0, 0, 0, 0 }, 0, 19);
        buffer.putShort(12, (short)23);
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(LlrpFrameError.UNKNOWN_TV_PARAMETER);
    }

    @Test
    void shouldRejectTagReportDataWithoutEpc()
    {
        encoder.beginRoAccessReport(1).raw(new byte[] { 0x00, (byte)0xF0, 0x00, 0x07, (byte)0x81, 0x00, 0x01 }, 0, 7);
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(LlrpFrameError.MISSING_EPC);
    }

    @Test
    void shouldRejectEpcDataWhoseBitsExceedItsLength()
    {
        // EPCData claims 96 bits but holds 4 bytes
        encoder.beginRoAccessReport(1).raw(new byte[] {
            0x00, (byte)0xF0, 0x00, 0x0E, 0x00, (byte)0xF1, 0x00, 0x0A, 0x00, 0x60, 1, 2, 3, 4 }, 0, 14);
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(LlrpFrameError.BAD_FIELD);
    }

    @Test
    void shouldRejectResponseWithoutStatus()
    {
        encoder.beginMessage(LlrpDescriptor.ENABLE_ROSPEC_RESPONSE, 4);
        final int length = encoder.endMessage();

        assertThat(decode(length)).isEqualTo(LlrpFrameError.MISSING_PARAMETER);
    }

    @Test
    void shouldRejectLittleEndianBuffer()
    {
        encoder.keepalive(1);
        final ByteBuffer little = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);

        assertThat(decoder.decode(little, 0, 10, NOW_MS, handler)).isEqualTo(LlrpFrameError.BAD_BYTE_ORDER);
    }
}
