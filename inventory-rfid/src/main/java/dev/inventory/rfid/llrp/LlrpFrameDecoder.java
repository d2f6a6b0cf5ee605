package dev.inventory.rfid.llrp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.inventory.rfid.llrp.LlrpDescriptor.HEADER_LENGTH;
import static dev.inventory.rfid.llrp.LlrpDescriptor.TLV_HEADER_LENGTH;

/**
 * Garbage-free decoder of LLRP 1.0.1 frames a reader sends: RO_ACCESS_REPORT straight into {@link TagReport}
 * callbacks, READER_EVENT_NOTIFICATION, KEEPALIVE, ERROR_MESSAGE and responses with their LLRPStatus.
 * <p>
 * Framing: {@link #frameLength} tells from a partial stream whether a whole frame is there (&gt; 0), more bytes are
 * needed ({@link #NEED_MORE_DATA}) or the stream is broken (a negative {@link LlrpFrameError} code: version,
 * type, length too small or over the cap). {@link #decode} then checks every parameter against its parent before
 * any callback, so a malformed frame is rejected whole with a code and produces no callback. Unknown TLV and
 * Custom parameters are skipped by length (Impinj peak RSSI is used where present); a TV parameter of unknown type
 * cannot be skipped and rejects the frame. No length read from the wire sizes an allocation: the decoder
 * allocates nothing after construction.
 * <p>
 * Connection state: LLRP lets a reader omit an enabled optional field from a TagReportData when its value equals
 * the last one sent, the client then assumes the last value received. The decoder keeps those last values per
 * connection; call {@link #resetConnectionState()} on every new connection and set {@link #enabledContent(int)} to
 * what the client enabled. Reader uptime timestamps are mapped to epoch ms with an offset taken at the first uptime
 * seen on the connection.
 * <p>
 * Buffers must be big-endian (the default of {@link ByteBuffer}). Instances are NOT threadsafe: one per connection.
 */
public final class LlrpFrameDecoder
{
    /** {@link #frameLength} result: no complete frame yet. */
    public static final int NEED_MORE_DATA = 0;
    /** Default cap on a frame's length: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;

    private final int maxFrameBytes;
    private final TagReport report = new TagReport();
    private final TagReport scratch = new TagReport();
    private final TagReport last = new TagReport();
    private final ReaderEvent event = new ReaderEvent();
    private final LlrpStatus status = new LlrpStatus();
    private final ReaderCapabilities capabilities = new ReaderCapabilities();
    private int enabledContent = TagReportContent.ALL;
    private long uptimeOffsetMs;
    private boolean uptimeOffsetKnown;

    /** A decoder with the {@link #DEFAULT_MAX_FRAME_BYTES} cap. */
    public LlrpFrameDecoder()
    {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * @param maxFrameBytes largest frame accepted, at least 1 KiB.
     */
    public LlrpFrameDecoder(final int maxFrameBytes)
    {
        if (maxFrameBytes < 1024)
        {
            throw new IllegalArgumentException("maxFrameBytes must be >= 1024, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        last.clear();
    }

    /** @return the cap on a frame's length in bytes. */
    public int maxFrameBytes()
    {
        return maxFrameBytes;
    }

    /** Forget the last values of the previous connection and its uptime offset. */
    public void resetConnectionState()
    {
        last.clear();
        uptimeOffsetKnown = false;
        uptimeOffsetMs = 0;
    }

    /**
     * @param content {@link TagReportContent} bits the client enabled; omitted fields among them take the last value
     *                received on the connection. Default: {@link TagReportContent#ALL}.
     */
    public void enabledContent(final int content)
    {
        enabledContent = content;
    }

    /**
     * Check the frame starting at {@code offset} of a stream.
     *
     * @param buffer    big-endian buffer.
     * @param offset    where the frame starts.
     * @param available bytes available from {@code offset}.
     * @return the frame length if the whole frame is available, {@link #NEED_MORE_DATA}, or a negative
     * {@link LlrpFrameError} code (the stream cannot be resynchronised; reset the connection).
     */
    public int frameLength(final ByteBuffer buffer, final int offset, final int available)
    {
        if (available < 2)
        {
            return available == 1 && ((buffer.get(offset) >>> 2) & 0x7) != LlrpDescriptor.VERSION_1_0_1 ?
                LlrpFrameError.UNKNOWN_VERSION : NEED_MORE_DATA;
        }
        final int header = headerCheck(buffer, offset);
        if (header < 0)
        {
            return header;
        }
        if (available < LlrpDescriptor.LENGTH_OFFSET + 4)
        {
            return NEED_MORE_DATA;
        }
        final long length = buffer.getInt(offset + LlrpDescriptor.LENGTH_OFFSET) & 0xFFFF_FFFFL;
        if (length < HEADER_LENGTH)
        {
            return LlrpFrameError.LENGTH_TOO_SMALL;
        }
        if (length > maxFrameBytes)
        {
            return LlrpFrameError.LENGTH_TOO_LARGE;
        }
        return length > available ? NEED_MORE_DATA : (int)length;
    }

    private static int headerCheck(final ByteBuffer buffer, final int offset)
    {
        if (buffer.order() != ByteOrder.BIG_ENDIAN)
        {
            return LlrpFrameError.BAD_BYTE_ORDER;
        }
        final int versionType = buffer.getShort(offset) & 0xFFFF;
        if (((versionType >>> 10) & 0x7) != LlrpDescriptor.VERSION_1_0_1)
        {
            return LlrpFrameError.UNKNOWN_VERSION;
        }
        if (!LlrpDescriptor.isKnownMessageType(versionType & 0x3FF))
        {
            return LlrpFrameError.UNKNOWN_MESSAGE_TYPE;
        }
        return 0;
    }

    /**
     * @param buffer big-endian buffer.
     * @param offset start of a frame (at least 2 bytes).
     * @return its message type.
     */
    public static int messageType(final ByteBuffer buffer, final int offset)
    {
        return buffer.getShort(offset) & 0x3FF;
    }

    /**
     * @param buffer big-endian buffer.
     * @param offset start of a frame (at least 10 bytes).
     * @return its message ID.
     */
    public static int messageId(final ByteBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + LlrpDescriptor.MESSAGE_ID_OFFSET);
    }

    /**
     * Decode one frame and call the handler. Validates the whole frame before the first callback.
     *
     * @param buffer  big-endian buffer.
     * @param offset  where the frame starts.
     * @param length  bytes available from {@code offset} (at least the frame).
     * @param nowMs   the time now in epoch ms, for reads without timestamps and for uptime mapping.
     * @param handler callbacks.
     * @return the frame length consumed (&gt; 0), or a negative {@link LlrpFrameError} code.
     */
    public int decode(
        final ByteBuffer buffer, final int offset, final int length, final long nowMs, final LlrpMessageHandler handler)
    {
        final int available = Math.min(length, buffer.limit() - offset);
        if (available < 2)
        {
            return LlrpFrameError.TRUNCATED;
        }
        final int header = headerCheck(buffer, offset);
        if (header < 0)
        {
            return header;
        }
        if (available < HEADER_LENGTH)
        {
            return LlrpFrameError.TRUNCATED;
        }
        final long frameLength = buffer.getInt(offset + LlrpDescriptor.LENGTH_OFFSET) & 0xFFFF_FFFFL;
        if (frameLength < HEADER_LENGTH)
        {
            return LlrpFrameError.LENGTH_TOO_SMALL;
        }
        if (frameLength > maxFrameBytes)
        {
            return LlrpFrameError.LENGTH_TOO_LARGE;
        }
        if (frameLength > available)
        {
            return LlrpFrameError.TRUNCATED;
        }
        final int end = offset + (int)frameLength;
        final int start = offset + HEADER_LENGTH;
        final int type = messageType(buffer, offset);
        final int messageId = messageId(buffer, offset);
        final int result;
        switch (type)
        {
            case LlrpDescriptor.RO_ACCESS_REPORT:
                result = decodeRoAccessReport(buffer, start, end, messageId, nowMs, handler);
                break;

            case LlrpDescriptor.KEEPALIVE:
                result = validateParameters(buffer, start, end);
                if (result == 0)
                {
                    handler.onKeepalive(messageId);
                }
                break;

            case LlrpDescriptor.READER_EVENT_NOTIFICATION:
                result = decodeReaderEvent(buffer, start, end, messageId, nowMs, handler);
                break;

            case LlrpDescriptor.ERROR_MESSAGE:
                result = decodeStatusMessage(buffer, start, end, type, messageId, handler);
                break;

            default:
                if (LlrpDescriptor.isResponse(type))
                {
                    result = decodeStatusMessage(buffer, start, end, type, messageId, handler);
                }
                else
                {
                    handler.onOtherMessage(type, messageId, (int)frameLength);
                    result = 0;
                }
                break;
        }
        return result < 0 ? result : (int)frameLength;
    }

    /**
     * Length of the parameter at {@code pos}, checked against its parent's end.
     *
     * @param buffer big-endian buffer.
     * @param pos    parameter start.
     * @param end    end of the parent.
     * @return total parameter length, or a negative {@link LlrpFrameError} code.
     */
    static int parameterLength(final ByteBuffer buffer, final int pos, final int end)
    {
        final int first = buffer.get(pos) & 0xFF;
        if ((first & 0x80) != 0)
        {
            final int valueLength = LlrpDescriptor.tvValueLength(first & 0x7F);
            if (valueLength < 0)
            {
                return LlrpFrameError.UNKNOWN_TV_PARAMETER;
            }
            return pos + 1 + valueLength > end ? LlrpFrameError.PARAMETER_OVERRUN : 1 + valueLength;
        }
        if (pos + TLV_HEADER_LENGTH > end)
        {
            return LlrpFrameError.PARAMETER_OVERRUN;
        }
        final int length = buffer.getShort(pos + 2) & 0xFFFF;
        if (length < TLV_HEADER_LENGTH)
        {
            return LlrpFrameError.PARAMETER_TOO_SMALL;
        }
        return pos + length > end ? LlrpFrameError.PARAMETER_OVERRUN : length;
    }

    private static boolean isTv(final ByteBuffer buffer, final int pos)
    {
        return (buffer.get(pos) & 0x80) != 0;
    }

    private static int tlvType(final ByteBuffer buffer, final int pos)
    {
        return buffer.getShort(pos) & 0x3FF;
    }

    private static int validateParameters(final ByteBuffer buffer, final int start, final int end)
    {
        int pos = start;
        while (pos < end)
        {
            final int length = parameterLength(buffer, pos, end);
            if (length < 0)
            {
                return length;
            }
            pos += length;
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------ RO_ACCESS_REPORT

    private int decodeRoAccessReport(
        final ByteBuffer buffer,
        final int start,
        final int end,
        final int messageId,
        final long nowMs,
        final LlrpMessageHandler handler)
    {
        // pass 1: validate the whole frame, touching no connection state
        int pos = start;
        while (pos < end)
        {
            final int length = parameterLength(buffer, pos, end);
            if (length < 0)
            {
                return length;
            }
            if (!isTv(buffer, pos) && tlvType(buffer, pos) == LlrpDescriptor.TAG_REPORT_DATA)
            {
                final int result = parseTagReportData(buffer, pos + TLV_HEADER_LENGTH, pos + length, scratch);
                if (result < 0)
                {
                    return result;
                }
            }
            pos += length;
        }

        // pass 2: dispatch
        final TagReport report = this.report;
        final TagReport last = this.last;
        final int enabledContent = this.enabledContent;
        int tagReports = 0;
        pos = start;
        while (pos < end)
        {
            final int length = parameterLength(buffer, pos, end);
            if (!isTv(buffer, pos) && tlvType(buffer, pos) == LlrpDescriptor.TAG_REPORT_DATA)
            {
                parseTagReportData(buffer, pos + TLV_HEADER_LENGTH, pos + length, report);
                report.rememberInto(last);
                report.carryForward(last, enabledContent);
                resolveTimes(report, nowMs);
                tagReports++;
                handler.onTagReport(report);
            }
            pos += length;
        }
        handler.onRoAccessReportEnd(messageId, tagReports);
        return 0;
    }

    private void resolveTimes(final TagReport report, final long nowMs)
    {
        // first seen before last seen: an uptime offset is taken from the earliest timestamp of the report
        final boolean hasFirst = report.has(TagReportContent.FIRST_SEEN);
        final long firstSeenMs = hasFirst ? toEpochMs(report.firstSeenUs(), report.firstSeenIsUptime(), nowMs) : 0;
        final long lastSeenMs;
        if (report.has(TagReportContent.LAST_SEEN))
        {
            lastSeenMs = toEpochMs(report.lastSeenUs(), report.lastSeenIsUptime(), nowMs);
        }
        else
        {
            lastSeenMs = hasFirst ? firstSeenMs : nowMs;
        }
        report.resolve(hasFirst ? firstSeenMs : lastSeenMs, lastSeenMs);
    }

    private long toEpochMs(final long micros, final boolean uptime, final long nowMs)
    {
        final long ms = Long.divideUnsigned(micros, 1000);
        if (!uptime)
        {
            return ms;
        }
        if (!uptimeOffsetKnown)
        {
            uptimeOffsetMs = nowMs - ms;
            uptimeOffsetKnown = true;
        }
        return ms + uptimeOffsetMs;
    }

    private static int parseTagReportData(final ByteBuffer buffer, final int start, final int end, final TagReport out)
    {
        out.clear();
        boolean epc = false;
        int pos = start;
        while (pos < end)
        {
            final int length = parameterLength(buffer, pos, end);
            if (length < 0)
            {
                return length;
            }
            final int first = buffer.get(pos) & 0xFF;
            if ((first & 0x80) != 0)
            {
                final int value = pos + 1;
                switch (first & 0x7F)
                {
                    case LlrpDescriptor.TV_EPC_96:
                        out.epcFromBuffer(buffer, value, 96, true);
                        epc = true;
                        break;
                    case LlrpDescriptor.TV_ANTENNA_ID:
                        out.antennaId(buffer.getShort(value));
                        break;
                    case LlrpDescriptor.TV_FIRST_SEEN_TIMESTAMP_UTC:
                        out.firstSeen(buffer.getLong(value), false);
                        break;
                    case LlrpDescriptor.TV_FIRST_SEEN_TIMESTAMP_UPTIME:
                        out.firstSeen(buffer.getLong(value), true);
                        break;
                    case LlrpDescriptor.TV_LAST_SEEN_TIMESTAMP_UTC:
                        out.lastSeen(buffer.getLong(value), false);
                        break;
                    case LlrpDescriptor.TV_LAST_SEEN_TIMESTAMP_UPTIME:
                        out.lastSeen(buffer.getLong(value), true);
                        break;
                    case LlrpDescriptor.TV_PEAK_RSSI:
                        out.peakRssiDbm(buffer.get(value));
                        break;
                    case LlrpDescriptor.TV_CHANNEL_INDEX:
                        out.channelIndex(buffer.getShort(value));
                        break;
                    case LlrpDescriptor.TV_TAG_SEEN_COUNT:
                        out.tagSeenCount(buffer.getShort(value));
                        break;
                    case LlrpDescriptor.TV_ROSPEC_ID:
                        out.roSpecId(buffer.getInt(value));
                        break;
                    case LlrpDescriptor.TV_INVENTORY_PARAMETER_SPEC_ID:
                        out.inventoryParameterSpecId(buffer.getShort(value));
                        break;
                    case LlrpDescriptor.TV_SPEC_INDEX:
                        out.specIndex(buffer.getShort(value));
                        break;
                    case LlrpDescriptor.TV_ACCESS_SPEC_ID:
                        out.accessSpecId(buffer.getInt(value));
                        break;
                    case LlrpDescriptor.TV_C1G2_PC:
                        out.pc(buffer.getShort(value));
                        break;
                    case LlrpDescriptor.TV_C1G2_CRC:
                        out.crc(buffer.getShort(value));
                        break;
                    default:
                        break; // OpSpecID, ClientRequestOpSpecResult, singulation details: known length, skipped
                }
            }
            else
            {
                switch (tlvType(buffer, pos))
                {
                    case LlrpDescriptor.EPC_DATA:
                    {
                        if (length < TLV_HEADER_LENGTH + 2)
                        {
                            return LlrpFrameError.BAD_FIELD;
                        }
                        final int bits = buffer.getShort(pos + TLV_HEADER_LENGTH) & 0xFFFF;
                        if (TLV_HEADER_LENGTH + 2 + ((bits + 7) >>> 3) > length)
                        {
                            return LlrpFrameError.BAD_FIELD;
                        }
                        out.epcFromBuffer(buffer, pos + TLV_HEADER_LENGTH + 2, bits, false);
                        epc = true;
                        break;
                    }
                    case LlrpDescriptor.CUSTOM:
                        if (length >= TLV_HEADER_LENGTH + 10 &&
                            buffer.getInt(pos + TLV_HEADER_LENGTH) == LlrpDescriptor.IMPINJ_PEN &&
                            buffer.getInt(pos + TLV_HEADER_LENGTH + 4) == LlrpDescriptor.IMPINJ_PEAK_RSSI_SUBTYPE)
                        {
                            out.impinjPeakRssiCentiDbm(buffer.getShort(pos + TLV_HEADER_LENGTH + 8));
                        }
                        break;
                    default:
                        break; // OpSpec results and unknown parameters: skipped by length
                }
            }
            pos += length;
        }
        return epc ? 0 : LlrpFrameError.MISSING_EPC;
    }

    // ---------------------------------------------------------------------------------- READER_EVENT_NOTIFICATION

    private int decodeReaderEvent(
        final ByteBuffer buffer,
        final int start,
        final int end,
        final int messageId,
        final long nowMs,
        final LlrpMessageHandler handler)
    {
        final ReaderEvent event = this.event;
        event.clear();
        boolean found = false;
        int pos = start;
        while (pos < end)
        {
            final int length = parameterLength(buffer, pos, end);
            if (length < 0)
            {
                return length;
            }
            if (!isTv(buffer, pos) && tlvType(buffer, pos) == LlrpDescriptor.READER_EVENT_NOTIFICATION_DATA)
            {
                final int result = parseEventData(buffer, pos + TLV_HEADER_LENGTH, pos + length, event);
                if (result < 0)
                {
                    return result;
                }
                found = true;
            }
            pos += length;
        }
        if (!found)
        {
            return LlrpFrameError.MISSING_PARAMETER;
        }
        if (event.timestampIsUptime() && !uptimeOffsetKnown)
        {
            uptimeOffsetMs = nowMs - event.timestampUs() / 1000;
            uptimeOffsetKnown = true;
        }
        handler.onReaderEvent(messageId, event);
        return 0;
    }

    private static int parseEventData(final ByteBuffer buffer, final int start, final int end, final ReaderEvent event)
    {
        int pos = start;
        while (pos < end)
        {
            final int length = parameterLength(buffer, pos, end);
            if (length < 0)
            {
                return length;
            }
            if (isTv(buffer, pos))
            {
                event.otherEvent();
                pos += length;
                continue;
            }
            final int body = pos + TLV_HEADER_LENGTH;
            final int bodyLength = length - TLV_HEADER_LENGTH;
            switch (tlvType(buffer, pos))
            {
                case LlrpDescriptor.UTC_TIMESTAMP:
                case LlrpDescriptor.UPTIME:
                    if (bodyLength < 8)
                    {
                        return LlrpFrameError.BAD_FIELD;
                    }
                    event.timestamp(buffer.getLong(body), tlvType(buffer, pos) == LlrpDescriptor.UPTIME);
                    break;
                case LlrpDescriptor.CONNECTION_ATTEMPT_EVENT:
                    if (bodyLength < 2)
                    {
                        return LlrpFrameError.BAD_FIELD;
                    }
                    event.connectionAttemptStatus(buffer.getShort(body) & 0xFFFF);
                    break;
                case LlrpDescriptor.CONNECTION_CLOSE_EVENT:
                    event.connectionClose();
                    break;
                case LlrpDescriptor.RO_SPEC_EVENT:
                    if (bodyLength < 9)
                    {
                        return LlrpFrameError.BAD_FIELD;
                    }
                    event.roSpecEvent(buffer.get(body) & 0xFF, buffer.getInt(body + 1) & 0xFFFF_FFFFL);
                    break;
                case LlrpDescriptor.ANTENNA_EVENT:
                    if (bodyLength < 3)
                    {
                        return LlrpFrameError.BAD_FIELD;
                    }
                    event.antennaEvent(buffer.get(body) & 0xFF, buffer.getShort(body + 1) & 0xFFFF);
                    break;
                case LlrpDescriptor.READER_EXCEPTION_EVENT:
                    event.readerException();
                    break;
                case LlrpDescriptor.REPORT_BUFFER_LEVEL_WARNING_EVENT:
                    if (bodyLength < 1)
                    {
                        return LlrpFrameError.BAD_FIELD;
                    }
                    event.reportBufferFillPercent(buffer.get(body) & 0xFF);
                    break;
                case LlrpDescriptor.REPORT_BUFFER_OVERFLOW_ERROR_EVENT:
                    event.reportBufferOverflow();
                    break;
                case LlrpDescriptor.AI_SPEC_EVENT:
                    if (bodyLength < 1)
                    {
                        return LlrpFrameError.BAD_FIELD;
                    }
                    event.aiSpecEvent(buffer.get(body) & 0xFF);
                    break;
                default:
                    event.otherEvent();
                    break;
            }
            pos += length;
        }
        return 0;
    }

    // ------------------------------------------------------------------------------ responses and ERROR_MESSAGE

    private int decodeStatusMessage(
        final ByteBuffer buffer,
        final int start,
        final int end,
        final int type,
        final int messageId,
        final LlrpMessageHandler handler)
    {
        final LlrpStatus status = this.status;
        final ReaderCapabilities capabilities = this.capabilities;
        status.clear();
        capabilities.clear();
        boolean found = false;
        int pos = start;
        while (pos < end)
        {
            final int length = parameterLength(buffer, pos, end);
            if (length < 0)
            {
                return length;
            }
            if (!isTv(buffer, pos))
            {
                final int tlvType = tlvType(buffer, pos);
                if (tlvType == LlrpDescriptor.LLRP_STATUS && !found)
                {
                    final int result = parseStatus(buffer, pos, length, status);
                    if (result < 0)
                    {
                        return result;
                    }
                    found = true;
                }
                else if (tlvType == LlrpDescriptor.GENERAL_DEVICE_CAPABILITIES &&
                    type == LlrpDescriptor.GET_READER_CAPABILITIES_RESPONSE)
                {
                    // MaxNumberOfAntennaSupported u16, flags u16, DeviceManufacturerName u32, ModelName u32, ...
                    if (length < TLV_HEADER_LENGTH + 12)
                    {
                        return LlrpFrameError.BAD_FIELD;
                    }
                    final int body = pos + TLV_HEADER_LENGTH;
                    capabilities.set(
                        buffer.getShort(body) & 0xFFFF,
                        buffer.getShort(body + 2) & 0xFFFF,
                        buffer.getInt(body + 4) & 0xFFFF_FFFFL,
                        buffer.getInt(body + 8) & 0xFFFF_FFFFL);
                }
            }
            pos += length;
        }
        if (!found)
        {
            return LlrpFrameError.MISSING_PARAMETER;
        }
        if (type == LlrpDescriptor.ERROR_MESSAGE)
        {
            handler.onErrorMessage(messageId, status);
        }
        else
        {
            if (type == LlrpDescriptor.GET_READER_CAPABILITIES_RESPONSE)
            {
                handler.onCapabilities(messageId, capabilities);
            }
            handler.onResponse(type, messageId, status);
        }
        return 0;
    }

    private static int parseStatus(final ByteBuffer buffer, final int pos, final int length, final LlrpStatus status)
    {
        // StatusCode u16, ErrorDescription utf8v (u16 byte count + bytes), FieldError?, ParameterError?
        if (length < TLV_HEADER_LENGTH + 4)
        {
            return LlrpFrameError.BAD_FIELD;
        }
        final int body = pos + TLV_HEADER_LENGTH;
        final int end = pos + length;
        final int descriptionLength = buffer.getShort(body + 2) & 0xFFFF;
        if (body + 4 + descriptionLength > end)
        {
            return LlrpFrameError.BAD_FIELD;
        }
        status.statusCode(buffer.getShort(body) & 0xFFFF);
        status.description(buffer, body + 4, descriptionLength);
        int sub = body + 4 + descriptionLength;
        while (sub < end)
        {
            final int subLength = parameterLength(buffer, sub, end);
            if (subLength < 0)
            {
                return subLength;
            }
            if (!isTv(buffer, sub) && subLength >= TLV_HEADER_LENGTH + 4)
            {
                final int type = tlvType(buffer, sub);
                if (type == LlrpDescriptor.FIELD_ERROR)
                {
                    status.fieldError(buffer.getShort(sub + 4) & 0xFFFF, buffer.getShort(sub + 6) & 0xFFFF);
                }
                else if (type == LlrpDescriptor.PARAMETER_ERROR)
                {
                    status.parameterError(buffer.getShort(sub + 4) & 0xFFFF, buffer.getShort(sub + 6) & 0xFFFF);
                }
            }
            sub += subLength;
        }
        return 0;
    }
}
