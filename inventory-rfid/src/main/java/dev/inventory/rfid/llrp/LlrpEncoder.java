package dev.inventory.rfid.llrp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Garbage-free encoder of LLRP 1.0.1 messages into a big-endian {@link ByteBuffer}: the client messages
 * (GET_READER_CAPABILITIES, SET_READER_CONFIG, ADD/DELETE/ENABLE/START/STOP_ROSPEC, KEEPALIVE_ACK,
 * CLOSE_CONNECTION) and, for the reader simulator and tests, the reader messages (READER_EVENT_NOTIFICATION,
 * responses with LLRPStatus, KEEPALIVE, ERROR_MESSAGE, RO_ACCESS_REPORT).
 * <p>
 * Usage: {@link #wrap(ByteBuffer, int)}, then one or more message methods, each writing a whole message at the
 * current {@link #position()} and returning its length. Writing past the buffer's limit throws
 * {@link IndexOutOfBoundsException} (the caller sizes the buffer; nothing here depends on untrusted input).
 * Instances are NOT threadsafe.
 */
public final class LlrpEncoder
{
    private ByteBuffer buffer;
    private int offset;
    private int position;
    private int messageStart = -1;

    /**
     * @param buffer big-endian buffer to write into.
     * @param offset where the first message starts.
     * @return this.
     * @throws IllegalArgumentException if the buffer is little-endian.
     */
    public LlrpEncoder wrap(final ByteBuffer buffer, final int offset)
    {
        if (buffer.order() != ByteOrder.BIG_ENDIAN)
        {
            throw new IllegalArgumentException("LLRP buffers must be big-endian");
        }
        this.buffer = buffer;
        this.offset = offset;
        this.position = offset;
        this.messageStart = -1;
        return this;
    }

    /** @return the buffer written. */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /** @return the offset given to {@link #wrap}. */
    public int offset()
    {
        return offset;
    }

    /** @return where the next message starts. */
    public int position()
    {
        return position;
    }

    /** @return bytes written since {@link #wrap}. */
    public int length()
    {
        return position - offset;
    }

    // ---------------------------------------------------------------------------------------------- primitives

    private void u8(final int value)
    {
        buffer.put(position, (byte)value);
        position += 1;
    }

    private void u16(final int value)
    {
        buffer.putShort(position, (short)value);
        position += 2;
    }

    private void u32(final long value)
    {
        buffer.putInt(position, (int)value);
        position += 4;
    }

    private void u64(final long value)
    {
        buffer.putLong(position, value);
        position += 8;
    }

    private void tv(final int type)
    {
        u8(0x80 | type);
    }

    private int beginTlv(final int type)
    {
        final int start = position;
        u16(type & 0x3FF);
        u16(0);
        return start;
    }

    private void endTlv(final int start)
    {
        buffer.putShort(start + 2, (short)(position - start));
    }

    /** utf8v: u16 byte count and bytes; characters above 0x7F are written as '?'. */
    private void ascii(final CharSequence text)
    {
        final int length = null == text ? 0 : Math.min(text.length(), 0xFFFF);
        u16(length);
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            u8(c < 0x80 ? c : '?');
        }
    }

    /**
     * Start a message; add its body with the other methods of a message kind, then {@link #endMessage()}.
     *
     * @param type      message type.
     * @param messageId message ID (u32).
     * @return this.
     */
    public LlrpEncoder beginMessage(final int type, final int messageId)
    {
        messageStart = position;
        u16((LlrpDescriptor.VERSION_1_0_1 << 10) | (type & 0x3FF));
        u32(0);
        u32(messageId);
        return this;
    }

    /** @return the length of the message begun with {@link #beginMessage}, now patched into its header. */
    public int endMessage()
    {
        final int length = position - messageStart;
        buffer.putInt(messageStart + LlrpDescriptor.LENGTH_OFFSET, length);
        messageStart = -1;
        return length;
    }

    // --------------------------------------------------------------------------------------------- client side

    /**
     * @param messageId     message ID.
     * @param requestedData 0 all, 1 general device capabilities, 2 LLRP, 3 regulatory, 4 air protocol.
     * @return message length.
     */
    public int getReaderCapabilities(final int messageId, final int requestedData)
    {
        beginMessage(LlrpDescriptor.GET_READER_CAPABILITIES, messageId);
        u8(requestedData);
        return endMessage();
    }

    /**
     * SET_READER_CONFIG with ReaderEventNotificationSpec, ROReportSpec and KeepaliveSpec.
     *
     * @param messageId             message ID.
     * @param resetToFactoryDefault ResetToFactoryDefault.
     * @param eventMask             bit {@code 1 << t} enables reader event type t ({@link LlrpDescriptor#EVENT_ROSPEC}
     *                              ...); every type 0..8 is sent with its state.
     * @param roReportTrigger       ROReportTrigger ({@link LlrpDescriptor#REPORT_TRIGGER_N_OR_END_OF_AI_SPEC} ...).
     * @param reportEveryTags       N, TagReportData per report (0: unlimited).
     * @param content               {@link TagReportContent} bits to enable.
     * @param keepaliveIntervalMs   periodic keepalive interval; 0 disables keepalives.
     * @return message length.
     */
    public int setReaderConfig(
        final int messageId,
        final boolean resetToFactoryDefault,
        final int eventMask,
        final int roReportTrigger,
        final int reportEveryTags,
        final int content,
        final long keepaliveIntervalMs)
    {
        beginMessage(LlrpDescriptor.SET_READER_CONFIG, messageId);
        u8(resetToFactoryDefault ? 0x80 : 0);

        final int eventSpec = beginTlv(LlrpDescriptor.READER_EVENT_NOTIFICATION_SPEC);
        for (int type = 0; type < LlrpDescriptor.EVENT_TYPE_COUNT; type++)
        {
            final int state = beginTlv(LlrpDescriptor.EVENT_NOTIFICATION_STATE);
            u16(type);
            u8((eventMask & (1 << type)) != 0 ? 0x80 : 0);
            endTlv(state);
        }
        endTlv(eventSpec);

        roReportSpec(roReportTrigger, reportEveryTags, content);

        final int keepalive = beginTlv(LlrpDescriptor.KEEPALIVE_SPEC);
        u8(keepaliveIntervalMs > 0 ? LlrpDescriptor.KEEPALIVE_TRIGGER_PERIODIC : 0);
        u32(keepaliveIntervalMs);
        endTlv(keepalive);
        return endMessage();
    }

    private void roReportSpec(final int roReportTrigger, final int reportEveryTags, final int content)
    {
        final int reportSpec = beginTlv(LlrpDescriptor.RO_REPORT_SPEC);
        u8(roReportTrigger);
        u16(reportEveryTags);
        final int selector = beginTlv(LlrpDescriptor.TAG_REPORT_CONTENT_SELECTOR);
        u16(TagReportContent.toSelectorFlags(content));
        final int memoryFlags = TagReportContent.toMemorySelectorFlags(content);
        if (memoryFlags != 0)
        {
            final int memory = beginTlv(LlrpDescriptor.C1G2_EPC_MEMORY_SELECTOR);
            u8(memoryFlags);
            endTlv(memory);
        }
        endTlv(selector);
        endTlv(reportSpec);
    }

    /**
     * ADD_ROSPEC: one ROSpec (state Disabled) with one AISpec over the given antennas and one C1G2
     * InventoryParameterSpec, and an ROReportSpec.
     *
     * @param messageId                message ID.
     * @param roSpecId                 ROSpecID, not 0.
     * @param priority                 0..7.
     * @param startTrigger             {@link LlrpDescriptor#START_TRIGGER_NULL} or
     *                                 {@link LlrpDescriptor#START_TRIGGER_IMMEDIATE}.
     * @param stopDurationMs           ROSpec stop after this duration; 0 for a null stop trigger.
     * @param antennas                 antenna IDs; a single 0 means all antennas.
     * @param antennaCount             antennas used from the array.
     * @param aiSpecDurationMs         AISpec stop after this duration; 0 for a null stop trigger.
     * @param inventoryParameterSpecId InventoryParameterSpecID, not 0.
     * @param roReportTrigger          ROReportTrigger.
     * @param reportEveryTags          N.
     * @param content                  {@link TagReportContent} bits to enable.
     * @return message length.
     */
    public int addRoSpec(
        final int messageId,
        final int roSpecId,
        final int priority,
        final int startTrigger,
        final long stopDurationMs,
        final int[] antennas,
        final int antennaCount,
        final long aiSpecDurationMs,
        final int inventoryParameterSpecId,
        final int roReportTrigger,
        final int reportEveryTags,
        final int content)
    {
        beginMessage(LlrpDescriptor.ADD_ROSPEC, messageId);
        final int roSpec = beginTlv(LlrpDescriptor.RO_SPEC);
        u32(roSpecId);
        u8(priority);
        u8(0); // CurrentState: Disabled

        final int boundary = beginTlv(LlrpDescriptor.RO_BOUNDARY_SPEC);
        final int start = beginTlv(LlrpDescriptor.RO_SPEC_START_TRIGGER);
        u8(startTrigger);
        endTlv(start);
        final int stop = beginTlv(LlrpDescriptor.RO_SPEC_STOP_TRIGGER);
        u8(stopDurationMs > 0 ? LlrpDescriptor.STOP_TRIGGER_DURATION : LlrpDescriptor.STOP_TRIGGER_NULL);
        u32(stopDurationMs);
        endTlv(stop);
        endTlv(boundary);

        final int aiSpec = beginTlv(LlrpDescriptor.AI_SPEC);
        u16(antennaCount);
        for (int i = 0; i < antennaCount; i++)
        {
            u16(antennas[i]);
        }
        final int aiStop = beginTlv(LlrpDescriptor.AI_SPEC_STOP_TRIGGER);
        u8(aiSpecDurationMs > 0 ? LlrpDescriptor.STOP_TRIGGER_DURATION : LlrpDescriptor.STOP_TRIGGER_NULL);
        u32(aiSpecDurationMs);
        endTlv(aiStop);
        final int inventory = beginTlv(LlrpDescriptor.INVENTORY_PARAMETER_SPEC);
        u16(inventoryParameterSpecId);
        u8(LlrpDescriptor.PROTOCOL_EPC_C1G2);
        endTlv(inventory);
        endTlv(aiSpec);

        roReportSpec(roReportTrigger, reportEveryTags, content);
        endTlv(roSpec);
        return endMessage();
    }

    private int roSpecIdMessage(final int type, final int messageId, final int roSpecId)
    {
        beginMessage(type, messageId);
        u32(roSpecId);
        return endMessage();
    }

    /**
     * @param messageId message ID.
     * @param roSpecId  ROSpecID; 0 deletes all.
     * @return message length.
     */
    public int deleteRoSpec(final int messageId, final int roSpecId)
    {
        return roSpecIdMessage(LlrpDescriptor.DELETE_ROSPEC, messageId, roSpecId);
    }

    /**
     * @param messageId message ID.
     * @param roSpecId  ROSpecID; 0 enables all.
     * @return message length.
     */
    public int enableRoSpec(final int messageId, final int roSpecId)
    {
        return roSpecIdMessage(LlrpDescriptor.ENABLE_ROSPEC, messageId, roSpecId);
    }

    /**
     * @param messageId message ID.
     * @param roSpecId  ROSpecID.
     * @return message length.
     */
    public int startRoSpec(final int messageId, final int roSpecId)
    {
        return roSpecIdMessage(LlrpDescriptor.START_ROSPEC, messageId, roSpecId);
    }

    /**
     * @param messageId message ID.
     * @param roSpecId  ROSpecID.
     * @return message length.
     */
    public int stopRoSpec(final int messageId, final int roSpecId)
    {
        return roSpecIdMessage(LlrpDescriptor.STOP_ROSPEC, messageId, roSpecId);
    }

    /**
     * @param messageId message ID.
     * @param roSpecId  ROSpecID; 0 disables all.
     * @return message length.
     */
    public int disableRoSpec(final int messageId, final int roSpecId)
    {
        return roSpecIdMessage(LlrpDescriptor.DISABLE_ROSPEC, messageId, roSpecId);
    }

    /**
     * @param messageId message ID (conventionally that of the KEEPALIVE).
     * @return message length.
     */
    public int keepaliveAck(final int messageId)
    {
        beginMessage(LlrpDescriptor.KEEPALIVE_ACK, messageId);
        return endMessage();
    }

    /**
     * @param messageId message ID.
     * @return message length.
     */
    public int closeConnection(final int messageId)
    {
        beginMessage(LlrpDescriptor.CLOSE_CONNECTION, messageId);
        return endMessage();
    }

    // --------------------------------------------------------------------------------------------- reader side

    /**
     * @param messageId message ID.
     * @return a KEEPALIVE's length.
     */
    public int keepalive(final int messageId)
    {
        beginMessage(LlrpDescriptor.KEEPALIVE, messageId);
        return endMessage();
    }

    /**
     * READER_EVENT_NOTIFICATION with a ConnectionAttemptEvent.
     *
     * @param messageId   message ID.
     * @param timestampUs UTC time in microseconds.
     * @param status      0 success, 1..4 failures.
     * @return message length.
     */
    public int connectionAttemptEvent(final int messageId, final long timestampUs, final int status)
    {
        beginMessage(LlrpDescriptor.READER_EVENT_NOTIFICATION, messageId);
        final int data = beginTlv(LlrpDescriptor.READER_EVENT_NOTIFICATION_DATA);
        utcTimestamp(timestampUs);
        final int event = beginTlv(LlrpDescriptor.CONNECTION_ATTEMPT_EVENT);
        u16(status);
        endTlv(event);
        endTlv(data);
        return endMessage();
    }

    /**
     * READER_EVENT_NOTIFICATION with a ConnectionCloseEvent.
     *
     * @param messageId   message ID.
     * @param timestampUs UTC time in microseconds.
     * @return message length.
     */
    public int connectionCloseEvent(final int messageId, final long timestampUs)
    {
        beginMessage(LlrpDescriptor.READER_EVENT_NOTIFICATION, messageId);
        final int data = beginTlv(LlrpDescriptor.READER_EVENT_NOTIFICATION_DATA);
        utcTimestamp(timestampUs);
        final int event = beginTlv(LlrpDescriptor.CONNECTION_CLOSE_EVENT);
        endTlv(event);
        endTlv(data);
        return endMessage();
    }

    private void utcTimestamp(final long timestampUs)
    {
        final int timestamp = beginTlv(LlrpDescriptor.UTC_TIMESTAMP);
        u64(timestampUs);
        endTlv(timestamp);
    }

    /**
     * A response carrying only an LLRPStatus.
     *
     * @param type        response type.
     * @param messageId   message ID of the request.
     * @param statusCode  StatusCode.
     * @param description ErrorDescription (ASCII).
     * @return message length.
     */
    public int response(final int type, final int messageId, final int statusCode, final CharSequence description)
    {
        beginMessage(type, messageId);
        llrpStatus(statusCode, description);
        return endMessage();
    }

    /**
     * @param messageId   message ID.
     * @param statusCode  StatusCode.
     * @param description ErrorDescription (ASCII).
     * @return an ERROR_MESSAGE's length.
     */
    public int errorMessage(final int messageId, final int statusCode, final CharSequence description)
    {
        return response(LlrpDescriptor.ERROR_MESSAGE, messageId, statusCode, description);
    }

    private void llrpStatus(final int statusCode, final CharSequence description)
    {
        final int status = beginTlv(LlrpDescriptor.LLRP_STATUS);
        u16(statusCode);
        ascii(description);
        endTlv(status);
    }

    /**
     * GET_READER_CAPABILITIES_RESPONSE with success and a GeneralDeviceCapabilities (without its sub-parameters).
     *
     * @param messageId    message ID of the request.
     * @param maxAntennas  MaxNumberOfAntennaSupported.
     * @param hasUtcClock  HasUTCClockCapability.
     * @param manufacturer DeviceManufacturerName (PEN).
     * @param model        ModelName.
     * @param firmware     ReaderFirmwareVersion (ASCII).
     * @return message length.
     */
    public int readerCapabilitiesResponse(
        final int messageId,
        final int maxAntennas,
        final boolean hasUtcClock,
        final int manufacturer,
        final int model,
        final CharSequence firmware)
    {
        beginMessage(LlrpDescriptor.GET_READER_CAPABILITIES_RESPONSE, messageId);
        llrpStatus(LlrpStatus.SUCCESS, "");
        final int capabilities = beginTlv(LlrpDescriptor.GENERAL_DEVICE_CAPABILITIES);
        u16(maxAntennas);
        u16(hasUtcClock ? 0x4000 : 0);
        u32(manufacturer);
        u32(model);
        ascii(firmware);
        endTlv(capabilities);
        return endMessage();
    }

    /**
     * Start an RO_ACCESS_REPORT; add {@link #tagReportData(TagReport)}s, then {@link #endMessage()}.
     *
     * @param messageId message ID.
     * @return this.
     */
    public LlrpEncoder beginRoAccessReport(final int messageId)
    {
        return beginMessage(LlrpDescriptor.RO_ACCESS_REPORT, messageId);
    }

    /**
     * Append a TagReportData with the EPC (EPC-96 if {@link TagReport#epcAsTv()} and 96 bits, else EPCData) and
     * every field present in {@link TagReport#reportedFields()}, in the order LLRP 1.0.1 gives; Impinj peak RSSI as
     * a Custom parameter.
     *
     * @param report what to write.
     * @return this.
     */
    public LlrpEncoder tagReportData(final TagReport report)
    {
        final int data = beginTlv(LlrpDescriptor.TAG_REPORT_DATA);
        final int bits = report.epcBitLength();
        if (report.epcAsTv() && bits == 96)
        {
            tv(LlrpDescriptor.TV_EPC_96);
            for (int i = 0; i < 12; i++)
            {
                u8(report.epcByte(i));
            }
        }
        else
        {
            final int epcData = beginTlv(LlrpDescriptor.EPC_DATA);
            u16(bits);
            final int bytes = (bits + 7) >>> 3;
            final int held = report.epcByteCount();
            for (int i = 0; i < bytes; i++)
            {
                u8(i < held ? report.epcByte(i) : 0);
            }
            endTlv(epcData);
        }
        final int fields = report.reportedFields();
        if ((fields & TagReportContent.ROSPEC_ID) != 0)
        {
            tv(LlrpDescriptor.TV_ROSPEC_ID);
            u32(report.roSpecId());
        }
        if ((fields & TagReportContent.SPEC_INDEX) != 0)
        {
            tv(LlrpDescriptor.TV_SPEC_INDEX);
            u16(report.specIndex());
        }
        if ((fields & TagReportContent.INVENTORY_PARAMETER_SPEC_ID) != 0)
        {
            tv(LlrpDescriptor.TV_INVENTORY_PARAMETER_SPEC_ID);
            u16(report.inventoryParameterSpecId());
        }
        if ((fields & TagReportContent.ANTENNA_ID) != 0)
        {
            tv(LlrpDescriptor.TV_ANTENNA_ID);
            u16(report.antennaId());
        }
        if ((fields & TagReportContent.PEAK_RSSI) != 0)
        {
            tv(LlrpDescriptor.TV_PEAK_RSSI);
            u8(report.peakRssiDbm());
        }
        if ((fields & TagReportContent.CHANNEL_INDEX) != 0)
        {
            tv(LlrpDescriptor.TV_CHANNEL_INDEX);
            u16(report.channelIndex());
        }
        if ((fields & TagReportContent.FIRST_SEEN) != 0)
        {
            tv(report.firstSeenIsUptime() ?
                LlrpDescriptor.TV_FIRST_SEEN_TIMESTAMP_UPTIME : LlrpDescriptor.TV_FIRST_SEEN_TIMESTAMP_UTC);
            u64(report.firstSeenUs());
        }
        if ((fields & TagReportContent.LAST_SEEN) != 0)
        {
            tv(report.lastSeenIsUptime() ?
                LlrpDescriptor.TV_LAST_SEEN_TIMESTAMP_UPTIME : LlrpDescriptor.TV_LAST_SEEN_TIMESTAMP_UTC);
            u64(report.lastSeenUs());
        }
        if ((fields & TagReportContent.TAG_SEEN_COUNT) != 0)
        {
            tv(LlrpDescriptor.TV_TAG_SEEN_COUNT);
            u16(report.tagSeenCount());
        }
        if ((fields & TagReportContent.C1G2_PC) != 0)
        {
            tv(LlrpDescriptor.TV_C1G2_PC);
            u16(report.pc());
        }
        if ((fields & TagReportContent.C1G2_CRC) != 0)
        {
            tv(LlrpDescriptor.TV_C1G2_CRC);
            u16(report.crc());
        }
        if ((fields & TagReportContent.ACCESS_SPEC_ID) != 0)
        {
            tv(LlrpDescriptor.TV_ACCESS_SPEC_ID);
            u32(report.accessSpecId());
        }
        if ((fields & TagReportContent.IMPINJ_PEAK_RSSI) != 0)
        {
            final int custom = beginTlv(LlrpDescriptor.CUSTOM);
            u32(LlrpDescriptor.IMPINJ_PEN);
            u32(LlrpDescriptor.IMPINJ_PEAK_RSSI_SUBTYPE);
            u16(report.impinjPeakRssiCentiDbm());
            endTlv(custom);
        }
        endTlv(data);
        return this;
    }

    /**
     * Append raw bytes inside the current message (tests: unknown or vendor parameters).
     *
     * @param bytes  to copy.
     * @param from   first byte.
     * @param length bytes to copy.
     * @return this.
     */
    public LlrpEncoder raw(final byte[] bytes, final int from, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            u8(bytes[from + i]);
        }
        return this;
    }
}
