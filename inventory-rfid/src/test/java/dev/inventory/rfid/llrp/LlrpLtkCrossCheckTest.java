package dev.inventory.rfid.llrp;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llrp.ltk.generated.LLRPMessageFactory;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;
import org.llrp.ltk.generated.enumerations.StatusCode;
import org.llrp.ltk.generated.interfaces.AirProtocolEPCMemorySelector;
import org.llrp.ltk.generated.interfaces.AirProtocolTagData;
import org.llrp.ltk.generated.interfaces.SpecParameter;
import org.llrp.ltk.generated.messages.ADD_ROSPEC;
import org.llrp.ltk.generated.messages.CLOSE_CONNECTION;
import org.llrp.ltk.generated.messages.DELETE_ROSPEC;
import org.llrp.ltk.generated.messages.ENABLE_ROSPEC;
import org.llrp.ltk.generated.messages.ERROR_MESSAGE;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES_RESPONSE;
import org.llrp.ltk.generated.messages.KEEPALIVE;
import org.llrp.ltk.generated.messages.KEEPALIVE_ACK;
import org.llrp.ltk.generated.messages.READER_EVENT_NOTIFICATION;
import org.llrp.ltk.generated.messages.RO_ACCESS_REPORT;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG_RESPONSE;
import org.llrp.ltk.generated.messages.START_ROSPEC;
import org.llrp.ltk.generated.messages.STOP_ROSPEC;
import org.llrp.ltk.generated.parameters.AISpec;
import org.llrp.ltk.generated.parameters.AccessSpecID;
import org.llrp.ltk.generated.parameters.AntennaID;
import org.llrp.ltk.generated.parameters.C1G2EPCMemorySelector;
import org.llrp.ltk.generated.parameters.C1G2_CRC;
import org.llrp.ltk.generated.parameters.C1G2_PC;
import org.llrp.ltk.generated.parameters.ChannelIndex;
import org.llrp.ltk.generated.parameters.ConnectionAttemptEvent;
import org.llrp.ltk.generated.parameters.Custom;
import org.llrp.ltk.generated.parameters.EPCData;
import org.llrp.ltk.generated.parameters.EPC_96;
import org.llrp.ltk.generated.parameters.EventNotificationState;
import org.llrp.ltk.generated.parameters.FieldError;
import org.llrp.ltk.generated.parameters.FirstSeenTimestampUTC;
import org.llrp.ltk.generated.parameters.GeneralDeviceCapabilities;
import org.llrp.ltk.generated.parameters.InventoryParameterSpec;
import org.llrp.ltk.generated.parameters.InventoryParameterSpecID;
import org.llrp.ltk.generated.parameters.LLRPStatus;
import org.llrp.ltk.generated.parameters.LastSeenTimestampUTC;
import org.llrp.ltk.generated.parameters.PeakRSSI;
import org.llrp.ltk.generated.parameters.ROReportSpec;
import org.llrp.ltk.generated.parameters.ROSpec;
import org.llrp.ltk.generated.parameters.ROSpecID;
import org.llrp.ltk.generated.parameters.ReaderEventNotificationData;
import org.llrp.ltk.generated.parameters.SpecIndex;
import org.llrp.ltk.generated.parameters.TagReportContentSelector;
import org.llrp.ltk.generated.parameters.TagReportData;
import org.llrp.ltk.generated.parameters.TagSeenCount;
import org.llrp.ltk.generated.parameters.UTCTimestamp;
import org.llrp.ltk.types.BitArray_HEX;
import org.llrp.ltk.types.BytesToEnd_HEX;
import org.llrp.ltk.types.Integer96_HEX;
import org.llrp.ltk.types.LLRPMessage;
import org.llrp.ltk.types.SignedByte;
import org.llrp.ltk.types.UTF8String_UTF_8;
import org.llrp.ltk.types.UnsignedInteger;
import org.llrp.ltk.types.UnsignedLong_DATETIME;
import org.llrp.ltk.types.UnsignedShort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-check with an independent implementation, the LLRP Toolkit for Java (ltkjava 1.0.0.7): what the LTK encodes
 * our decoder reads to the same fields, and what our encoder writes the LTK decodes to what we meant.
 */
class LlrpLtkCrossCheckTest
{
    private static final long NOW_MS = 1_700_000_000_000L;

    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final LlrpEncoder encoder = new LlrpEncoder().wrap(buffer, 0);
    private final LlrpFrameDecoder decoder = new LlrpFrameDecoder();
    private final LlrpRecordingHandler handler = new LlrpRecordingHandler();

    @BeforeAll
    static void quietLtkLogging()
    {
        org.apache.log4j.Logger.getRootLogger().removeAllAppenders();
        org.apache.log4j.Logger.getRootLogger().addAppender(new org.apache.log4j.varia.NullAppender());
    }

    private void decodeOurs(final byte[] bytes)
    {
        final ByteBuffer frame = ByteBuffer.wrap(bytes);
        assertThat(decoder.frameLength(frame, 0, bytes.length)).isEqualTo(bytes.length);
        assertThat(decoder.decode(frame, 0, bytes.length, NOW_MS, handler)).isEqualTo(bytes.length);
    }

    private byte[] ours(final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        return bytes;
    }

    private static LLRPMessage ltk(final byte[] bytes) throws Exception
    {
        return LLRPMessageFactory.createLLRPMessage(bytes);
    }

    // ------------------------------------------------------------------------------------ LTK encodes, we decode

    @Test
    void shouldDecodeLtkRoAccessReportToSameFields() throws Exception
    {
        final RO_ACCESS_REPORT report = new RO_ACCESS_REPORT();
        report.setMessageID(new UnsignedInteger(4242));

        final TagReportData first = new TagReportData();
        final EPC_96 epc96 = new EPC_96();
        epc96.setEPC(new Integer96_HEX("3074257BF7194E4000001A85"));
        first.setEPCParameter(epc96);
        final ROSpecID roSpecId = new ROSpecID();
        roSpecId.setROSpecID(new UnsignedInteger(123456L));
        first.setROSpecID(roSpecId);
        final SpecIndex specIndex = new SpecIndex();
        specIndex.setSpecIndex(new UnsignedShort(2));
        first.setSpecIndex(specIndex);
        final InventoryParameterSpecID ipsId = new InventoryParameterSpecID();
        ipsId.setInventoryParameterSpecID(new UnsignedShort(7));
        first.setInventoryParameterSpecID(ipsId);
        final AntennaID antenna = new AntennaID();
        antenna.setAntennaID(new UnsignedShort(3));
        first.setAntennaID(antenna);
        final PeakRSSI rssi = new PeakRSSI();
        rssi.setPeakRSSI(new SignedByte(-58));
        first.setPeakRSSI(rssi);
        final ChannelIndex channel = new ChannelIndex();
        channel.setChannelIndex(new UnsignedShort(23));
        first.setChannelIndex(channel);
        final FirstSeenTimestampUTC firstSeen = new FirstSeenTimestampUTC();
        firstSeen.setMicroseconds(new UnsignedLong_DATETIME(1_700_000_000_111_222L));
        first.setFirstSeenTimestampUTC(firstSeen);
        final LastSeenTimestampUTC lastSeen = new LastSeenTimestampUTC();
        lastSeen.setMicroseconds(new UnsignedLong_DATETIME(1_700_000_000_999_888L));
        first.setLastSeenTimestampUTC(lastSeen);
        final TagSeenCount seen = new TagSeenCount();
        seen.setTagCount(new UnsignedShort(12));
        first.setTagSeenCount(seen);
        final C1G2_PC pc = new C1G2_PC();
        pc.setPC_Bits(new UnsignedShort(0x3000));
        first.addToAirProtocolTagDataList(pc);
        final C1G2_CRC crc = new C1G2_CRC();
        crc.setCRC(new UnsignedShort(0xABCD));
        first.addToAirProtocolTagDataList(crc);
        final AccessSpecID accessSpecId = new AccessSpecID();
        accessSpecId.setAccessSpecID(new UnsignedInteger(99));
        first.setAccessSpecID(accessSpecId);
        final Custom impinj = new Custom();
        impinj.setVendorIdentifier(new UnsignedInteger(LlrpDescriptor.IMPINJ_PEN));
        impinj.setParameterSubtype(new UnsignedInteger(LlrpDescriptor.IMPINJ_PEAK_RSSI_SUBTYPE));
        impinj.setData(new BytesToEnd_HEX("E95C")); // -5796 centi-dBm
        first.addToCustomList(impinj);
        report.addToTagReportDataList(first);

        final TagReportData second = new TagReportData();
        final EPCData epcData = new EPCData();
        epcData.setEPC(new BitArray_HEX("E2801160600002054E7A1B2C"));
        second.setEPCParameter(epcData);
        report.addToTagReportDataList(second);

        decodeOurs(report.encodeBinary());

        assertThat(handler.reports).hasSize(2);
        final TagReport r = handler.reports.get(0);
        assertThat(r.epcBitLength()).isEqualTo(96);
        assertThat(r.epcHigh()).isEqualTo(0x3074257BF7194E40L);
        assertThat(r.epcLow()).isEqualTo(0x00001A85);
        assertThat(r.roSpecId()).isEqualTo(123456L);
        assertThat(r.specIndex()).isEqualTo(2);
        assertThat(r.inventoryParameterSpecId()).isEqualTo(7);
        assertThat(r.antennaId()).isEqualTo(3);
        assertThat(r.peakRssiDbm()).isEqualTo(-58);
        assertThat(r.channelIndex()).isEqualTo(23);
        assertThat(r.firstSeenUs()).isEqualTo(1_700_000_000_111_222L);
        assertThat(r.lastSeenUs()).isEqualTo(1_700_000_000_999_888L);
        assertThat(r.firstSeenMs()).isEqualTo(1_700_000_000_111L);
        assertThat(r.lastSeenMs()).isEqualTo(1_700_000_000_999L);
        assertThat(r.tagSeenCount()).isEqualTo(12);
        assertThat(r.pc()).isEqualTo(0x3000);
        assertThat(r.crc()).isEqualTo(0xABCD);
        assertThat(r.accessSpecId()).isEqualTo(99);
        assertThat(r.impinjPeakRssiCentiDbm()).isEqualTo(-5796);
        assertThat(r.rssiCentiDbm()).isEqualTo(-5796);

        final TagReport r2 = handler.reports.get(1);
        assertThat(r2.epcAsTv()).isFalse();
        assertThat(r2.epcBitLength()).isEqualTo(96);
        assertThat(r2.epcHigh()).isEqualTo(0xE280116060000205L);
        assertThat(r2.epcLow()).isEqualTo(0x4E7A1B2C);
        assertThat(handler.reportEnds).containsExactly(2);
    }

    @Test
    void shouldDecodeLtkReaderMessagesToSameFields() throws Exception
    {
        final KEEPALIVE keepalive = new KEEPALIVE();
        keepalive.setMessageID(new UnsignedInteger(77));
        decodeOurs(keepalive.encodeBinary());
        assertThat(handler.keepalives).containsExactly(77);

        final READER_EVENT_NOTIFICATION notification = new READER_EVENT_NOTIFICATION();
        final ReaderEventNotificationData data = new ReaderEventNotificationData();
        final UTCTimestamp timestamp = new UTCTimestamp();
        timestamp.setMicroseconds(new UnsignedLong_DATETIME(1_700_000_000_000_001L));
        data.setTimestamp(timestamp);
        final ConnectionAttemptEvent attempt = new ConnectionAttemptEvent();
        attempt.setStatus(new ConnectionAttemptStatusType(ConnectionAttemptStatusType.Failed_A_Client_Initiated_Connection_Already_Exists));
        data.setConnectionAttemptEvent(attempt);
        notification.setReaderEventNotificationData(data);
        decodeOurs(notification.encodeBinary());
        assertThat(handler.connectionAttemptStatus).isEqualTo(2);
        assertThat(handler.eventTimestampUs).isEqualTo(1_700_000_000_000_001L);

        final ERROR_MESSAGE error = new ERROR_MESSAGE();
        error.setMessageID(new UnsignedInteger(78));
        final LLRPStatus status = new LLRPStatus();
        status.setStatusCode(new StatusCode(StatusCode.M_UnsupportedMessage));
        status.setErrorDescription(new UTF8String_UTF_8("not supported"));
        error.setLLRPStatus(status);
        decodeOurs(error.encodeBinary());
        assertThat(handler.errors).containsExactly("78:109");
        assertThat(handler.lastDescription).isEqualTo("not supported");

        final SET_READER_CONFIG_RESPONSE response = new SET_READER_CONFIG_RESPONSE();
        response.setMessageID(new UnsignedInteger(79));
        final LLRPStatus failed = new LLRPStatus();
        failed.setStatusCode(new StatusCode(StatusCode.M_FieldError));
        failed.setErrorDescription(new UTF8String_UTF_8("bad field"));
        final FieldError fieldError = new FieldError();
        fieldError.setFieldNum(new UnsignedShort(3));
        fieldError.setErrorCode(new StatusCode(StatusCode.A_OutOfRange));
        failed.setFieldError(fieldError);
        response.setLLRPStatus(failed);
        decodeOurs(response.encodeBinary());
        assertThat(handler.responses).containsExactly("SET_READER_CONFIG_RESPONSE#79:101");
        assertThat(handler.lastFieldErrorNum).isEqualTo(3);
    }

    @Test
    void shouldDecodeLtkCapabilitiesResponse() throws Exception
    {
        final GET_READER_CAPABILITIES_RESPONSE response = new GET_READER_CAPABILITIES_RESPONSE();
        response.setMessageID(new UnsignedInteger(5));
        final LLRPStatus status = new LLRPStatus();
        status.setStatusCode(new StatusCode(StatusCode.M_Success));
        status.setErrorDescription(new UTF8String_UTF_8(""));
        response.setLLRPStatus(status);
        final GeneralDeviceCapabilities capabilities = new GeneralDeviceCapabilities();
        capabilities.setMaxNumberOfAntennaSupported(new UnsignedShort(4));
        capabilities.setCanSetAntennaProperties(new org.llrp.ltk.types.Bit(false));
        capabilities.setHasUTCClockCapability(new org.llrp.ltk.types.Bit(true));
        capabilities.setDeviceManufacturerName(new UnsignedInteger(LlrpDescriptor.IMPINJ_PEN));
        capabilities.setModelName(new UnsignedInteger(2001002));
        capabilities.setReaderFirmwareVersion(new UTF8String_UTF_8("5.12"));
        final org.llrp.ltk.generated.parameters.GPIOCapabilities gpio =
            new org.llrp.ltk.generated.parameters.GPIOCapabilities();
        gpio.setNumGPIs(new UnsignedShort(0));
        gpio.setNumGPOs(new UnsignedShort(0));
        capabilities.setGPIOCapabilities(gpio);
        final org.llrp.ltk.generated.parameters.ReceiveSensitivityTableEntry entry =
            new org.llrp.ltk.generated.parameters.ReceiveSensitivityTableEntry();
        entry.setIndex(new UnsignedShort(1));
        entry.setReceiveSensitivityValue(new org.llrp.ltk.types.SignedShort(0));
        capabilities.setReceiveSensitivityTableEntryList(List.of(entry));
        final org.llrp.ltk.generated.parameters.PerAntennaAirProtocol air =
            new org.llrp.ltk.generated.parameters.PerAntennaAirProtocol();
        air.setAntennaID(new UnsignedShort(1));
        final org.llrp.ltk.generated.enumerations.AirProtocolsArray protocols =
            new org.llrp.ltk.generated.enumerations.AirProtocolsArray();
        protocols.add(new org.llrp.ltk.types.UnsignedByte(1));
        air.setProtocolID(protocols);
        capabilities.addToPerAntennaAirProtocolList(air);
        response.setGeneralDeviceCapabilities(capabilities);

        decodeOurs(response.encodeBinary());

        assertThat(handler.maxAntennas).isEqualTo(4);
        assertThat(handler.manufacturer).isEqualTo(LlrpDescriptor.IMPINJ_PEN);
        assertThat(handler.hasUtcClock).isTrue();
        assertThat(handler.responses).containsExactly("GET_READER_CAPABILITIES_RESPONSE#5:0");
    }

    // ------------------------------------------------------------------------------------ we encode, LTK decodes

    @Test
    void shouldBeDecodedByLtkWhenWeEncodeSetupMessages() throws Exception
    {
        final GET_READER_CAPABILITIES capabilities =
            (GET_READER_CAPABILITIES)ltk(ours(encoder.wrap(buffer, 0).getReaderCapabilities(1, 0)));
        assertThat(capabilities.getMessageID().intValue()).isEqualTo(1);
        assertThat(capabilities.getRequestedData().intValue()).isZero();

        final int content = TagReportContent.DEFAULT | TagReportContent.ROSPEC_ID | TagReportContent.C1G2_PC;
        final SET_READER_CONFIG config = (SET_READER_CONFIG)ltk(ours(encoder.wrap(buffer, 0).setReaderConfig(
            2, false, (1 << LlrpDescriptor.EVENT_ANTENNA) | (1 << LlrpDescriptor.EVENT_READER_EXCEPTION),
            LlrpDescriptor.REPORT_TRIGGER_N_OR_END_OF_AI_SPEC, 5, content, 7_000)));
        assertThat(config.getMessageID().intValue()).isEqualTo(2);
        assertThat(config.getResetToFactoryDefault().toBoolean()).isFalse();
        assertThat(config.getKeepaliveSpec().getKeepaliveTriggerType().intValue()).isEqualTo(1);
        assertThat(config.getKeepaliveSpec().getPeriodicTriggerValue().toLong()).isEqualTo(7_000L);
        final List<EventNotificationState> states = config.getReaderEventNotificationSpec().getEventNotificationStateList();
        assertThat(states).hasSize(9);
        for (final EventNotificationState state : states)
        {
            final int type = state.getEventType().intValue();
            assertThat(state.getNotificationState().toBoolean())
                .as("event type %d", type)
                .isEqualTo(type == LlrpDescriptor.EVENT_ANTENNA || type == LlrpDescriptor.EVENT_READER_EXCEPTION);
        }
        assertReportSpec(config.getROReportSpec(), 5, content);

        final int[] antennas = { 1, 2, 4 };
        final ADD_ROSPEC add = (ADD_ROSPEC)ltk(ours(encoder.wrap(buffer, 0).addRoSpec(
            3, 0x1234, 0, LlrpDescriptor.START_TRIGGER_NULL, 0, antennas, 3, 500, 9,
            LlrpDescriptor.REPORT_TRIGGER_N_OR_END_OF_AI_SPEC, 1, TagReportContent.ALL)));
        final ROSpec roSpec = add.getROSpec();
        assertThat(roSpec.getROSpecID().toLong()).isEqualTo(0x1234L);
        assertThat(roSpec.getPriority().toInteger()).isZero();
        assertThat(roSpec.getCurrentState().intValue()).isZero();
        assertThat(roSpec.getROBoundarySpec().getROSpecStartTrigger().getROSpecStartTriggerType().intValue()).isZero();
        assertThat(roSpec.getROBoundarySpec().getROSpecStopTrigger().getROSpecStopTriggerType().intValue()).isZero();
        final List<SpecParameter> specs = roSpec.getSpecParameterList();
        assertThat(specs).hasSize(1);
        final AISpec aiSpec = (AISpec)specs.get(0);
        assertThat(aiSpec.getAntennaIDs().toShortArray()).containsExactly((short)1, (short)2, (short)4);
        assertThat(aiSpec.getAISpecStopTrigger().getAISpecStopTriggerType().intValue()).isEqualTo(1);
        assertThat(aiSpec.getAISpecStopTrigger().getDurationTrigger().toLong()).isEqualTo(500L);
        final InventoryParameterSpec inventory = aiSpec.getInventoryParameterSpecList().get(0);
        assertThat(inventory.getInventoryParameterSpecID().intValue()).isEqualTo(9);
        assertThat(inventory.getProtocolID().intValue()).isEqualTo(1);
        assertReportSpec(roSpec.getROReportSpec(), 1, TagReportContent.ALL);

        final DELETE_ROSPEC delete = (DELETE_ROSPEC)ltk(ours(encoder.wrap(buffer, 0).deleteRoSpec(4, 0)));
        assertThat(delete.getROSpecID().toLong()).isZero();
        final ENABLE_ROSPEC enable = (ENABLE_ROSPEC)ltk(ours(encoder.wrap(buffer, 0).enableRoSpec(5, 0x1234)));
        assertThat(enable.getROSpecID().toLong()).isEqualTo(0x1234L);
        final START_ROSPEC start = (START_ROSPEC)ltk(ours(encoder.wrap(buffer, 0).startRoSpec(6, 0x1234)));
        assertThat(start.getROSpecID().toLong()).isEqualTo(0x1234L);
        final STOP_ROSPEC stop = (STOP_ROSPEC)ltk(ours(encoder.wrap(buffer, 0).stopRoSpec(7, 0x1234)));
        assertThat(stop.getROSpecID().toLong()).isEqualTo(0x1234L);
        final KEEPALIVE_ACK ack = (KEEPALIVE_ACK)ltk(ours(encoder.wrap(buffer, 0).keepaliveAck(8)));
        assertThat(ack.getMessageID().intValue()).isEqualTo(8);
        final CLOSE_CONNECTION close = (CLOSE_CONNECTION)ltk(ours(encoder.wrap(buffer, 0).closeConnection(9)));
        assertThat(close.getMessageID().intValue()).isEqualTo(9);
    }

    private static void assertReportSpec(final ROReportSpec spec, final int n, final int content)
    {
        assertThat(spec.getROReportTrigger().intValue()).isEqualTo(1);
        assertThat(spec.getN().intValue()).isEqualTo(n);
        final TagReportContentSelector selector = spec.getTagReportContentSelector();
        assertThat(selector.getEnableROSpecID().toBoolean()).isEqualTo((content & TagReportContent.ROSPEC_ID) != 0);
        assertThat(selector.getEnableSpecIndex().toBoolean()).isEqualTo((content & TagReportContent.SPEC_INDEX) != 0);
        assertThat(selector.getEnableInventoryParameterSpecID().toBoolean())
            .isEqualTo((content & TagReportContent.INVENTORY_PARAMETER_SPEC_ID) != 0);
        assertThat(selector.getEnableAntennaID().toBoolean()).isEqualTo((content & TagReportContent.ANTENNA_ID) != 0);
        assertThat(selector.getEnableChannelIndex().toBoolean())
            .isEqualTo((content & TagReportContent.CHANNEL_INDEX) != 0);
        assertThat(selector.getEnablePeakRSSI().toBoolean()).isEqualTo((content & TagReportContent.PEAK_RSSI) != 0);
        assertThat(selector.getEnableFirstSeenTimestamp().toBoolean())
            .isEqualTo((content & TagReportContent.FIRST_SEEN) != 0);
        assertThat(selector.getEnableLastSeenTimestamp().toBoolean())
            .isEqualTo((content & TagReportContent.LAST_SEEN) != 0);
        assertThat(selector.getEnableTagSeenCount().toBoolean())
            .isEqualTo((content & TagReportContent.TAG_SEEN_COUNT) != 0);
        assertThat(selector.getEnableAccessSpecID().toBoolean())
            .isEqualTo((content & TagReportContent.ACCESS_SPEC_ID) != 0);
        final List<AirProtocolEPCMemorySelector> memory = selector.getAirProtocolEPCMemorySelectorList();
        if ((content & (TagReportContent.C1G2_PC | TagReportContent.C1G2_CRC)) == 0)
        {
            assertThat(memory).isNullOrEmpty();
        }
        else
        {
            final C1G2EPCMemorySelector c1g2 = (C1G2EPCMemorySelector)memory.get(0);
            assertThat(c1g2.getEnablePCBits().toBoolean()).isEqualTo((content & TagReportContent.C1G2_PC) != 0);
            assertThat(c1g2.getEnableCRC().toBoolean()).isEqualTo((content & TagReportContent.C1G2_CRC) != 0);
        }
    }

    @Test
    void shouldBeDecodedByLtkWhenWeEncodeReaderMessages() throws Exception
    {
        final TagReport tag = new TagReport().epc96(0x3074257BF7194E40L, 0x00001A85).roSpecId(5).specIndex(1)
            .inventoryParameterSpecId(1).antennaId(2).peakRssiDbm(-49).channelIndex(8)
            .firstSeen(1_700_000_000_000_100L, false).lastSeen(1_700_000_000_000_900L, false).tagSeenCount(4)
            .pc(0x3000).crc(0x1234).accessSpecId(6);
        encoder.wrap(buffer, 0).beginRoAccessReport(31).tagReportData(tag)
            .tagReportData(new TagReport().epc(new byte[] { (byte)0xE2, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 }, 0, 64)
                .antennaId(1));
        final RO_ACCESS_REPORT report = (RO_ACCESS_REPORT)ltk(ours(encoder.endMessage()));

        assertThat(report.getMessageID().intValue()).isEqualTo(31);
        final List<TagReportData> data = report.getTagReportDataList();
        assertThat(data).hasSize(2);
        final TagReportData first = data.get(0);
        assertThat(((EPC_96)first.getEPCParameter()).getEPC().toString().toUpperCase())
            .isEqualTo("3074257BF7194E4000001A85");
        assertThat(first.getROSpecID().getROSpecID().toLong()).isEqualTo(5L);
        assertThat(first.getSpecIndex().getSpecIndex().intValue()).isEqualTo(1);
        assertThat(first.getInventoryParameterSpecID().getInventoryParameterSpecID().intValue()).isEqualTo(1);
        assertThat(first.getAntennaID().getAntennaID().intValue()).isEqualTo(2);
        assertThat(first.getPeakRSSI().getPeakRSSI().intValue()).isEqualTo(-49);
        assertThat(first.getChannelIndex().getChannelIndex().intValue()).isEqualTo(8);
        assertThat(first.getFirstSeenTimestampUTC().getMicroseconds().toLong()).isEqualTo(1_700_000_000_000_100L);
        assertThat(first.getLastSeenTimestampUTC().getMicroseconds().toLong()).isEqualTo(1_700_000_000_000_900L);
        assertThat(first.getTagSeenCount().getTagCount().intValue()).isEqualTo(4);
        assertThat(first.getAccessSpecID().getAccessSpecID().toLong()).isEqualTo(6L);
        final List<AirProtocolTagData> air = first.getAirProtocolTagDataList();
        assertThat(air).hasSize(2);
        assertThat(((C1G2_PC)air.get(0)).getPC_Bits().intValue()).isEqualTo(0x3000);
        assertThat(((C1G2_CRC)air.get(1)).getCRC().intValue()).isEqualTo(0x1234);
        final EPCData epcData = (EPCData)data.get(1).getEPCParameter();
        assertThat(epcData.getEPC().toString().toUpperCase()).isEqualTo("E200112233445566");

        final READER_EVENT_NOTIFICATION event = (READER_EVENT_NOTIFICATION)ltk(ours(
            encoder.wrap(buffer, 0).connectionAttemptEvent(32, 1_700_000_000_000_000L, 0)));
        assertThat(event.getReaderEventNotificationData().getConnectionAttemptEvent().getStatus().intValue()).isZero();

        final ERROR_MESSAGE error = (ERROR_MESSAGE)ltk(ours(encoder.wrap(buffer, 0).errorMessage(33, 109, "nope")));
        assertThat(error.getLLRPStatus().getStatusCode().intValue()).isEqualTo(109);
        assertThat(error.getLLRPStatus().getErrorDescription().toString()).isEqualTo("nope");
    }

    @Test
    void shouldAgreeWithLtkOnMessageAndParameterTypeNumbers()
    {
        assertThat(new GET_READER_CAPABILITIES().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.GET_READER_CAPABILITIES);
        assertThat(new SET_READER_CONFIG().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.SET_READER_CONFIG);
        assertThat(new ADD_ROSPEC().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.ADD_ROSPEC);
        assertThat(new DELETE_ROSPEC().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.DELETE_ROSPEC);
        assertThat(new START_ROSPEC().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.START_ROSPEC);
        assertThat(new STOP_ROSPEC().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.STOP_ROSPEC);
        assertThat(new ENABLE_ROSPEC().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.ENABLE_ROSPEC);
        assertThat(new KEEPALIVE_ACK().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.KEEPALIVE_ACK);
        assertThat(new CLOSE_CONNECTION().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.CLOSE_CONNECTION);
        assertThat(new RO_ACCESS_REPORT().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.RO_ACCESS_REPORT);
        assertThat(new KEEPALIVE().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.KEEPALIVE);
        assertThat(new READER_EVENT_NOTIFICATION().getTypeNum().intValue())
            .isEqualTo(LlrpDescriptor.READER_EVENT_NOTIFICATION);
        assertThat(new ERROR_MESSAGE().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.ERROR_MESSAGE);
        assertThat(new TagReportData().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TAG_REPORT_DATA);
        assertThat(new EPCData().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.EPC_DATA);
        assertThat(new EPC_96().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TV_EPC_96);
        assertThat(new AntennaID().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TV_ANTENNA_ID);
        assertThat(new PeakRSSI().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TV_PEAK_RSSI);
        assertThat(new ChannelIndex().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TV_CHANNEL_INDEX);
        assertThat(new TagSeenCount().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TV_TAG_SEEN_COUNT);
        assertThat(new C1G2_PC().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TV_C1G2_PC);
        assertThat(new C1G2_CRC().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TV_C1G2_CRC);
        assertThat(new AccessSpecID().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TV_ACCESS_SPEC_ID);
        assertThat(new SpecIndex().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TV_SPEC_INDEX);
        assertThat(new ROSpecID().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.TV_ROSPEC_ID);
        assertThat(new InventoryParameterSpecID().getTypeNum().intValue())
            .isEqualTo(LlrpDescriptor.TV_INVENTORY_PARAMETER_SPEC_ID);
        assertThat(new FirstSeenTimestampUTC().getTypeNum().intValue())
            .isEqualTo(LlrpDescriptor.TV_FIRST_SEEN_TIMESTAMP_UTC);
        assertThat(new LastSeenTimestampUTC().getTypeNum().intValue())
            .isEqualTo(LlrpDescriptor.TV_LAST_SEEN_TIMESTAMP_UTC);
        assertThat(new C1G2EPCMemorySelector().getTypeNum().intValue())
            .isEqualTo(LlrpDescriptor.C1G2_EPC_MEMORY_SELECTOR);
        assertThat(new LLRPStatus().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.LLRP_STATUS);
        assertThat(new ConnectionAttemptEvent().getTypeNum().intValue())
            .isEqualTo(LlrpDescriptor.CONNECTION_ATTEMPT_EVENT);
        assertThat(new Custom().getTypeNum().intValue()).isEqualTo(LlrpDescriptor.CUSTOM);
    }
}
