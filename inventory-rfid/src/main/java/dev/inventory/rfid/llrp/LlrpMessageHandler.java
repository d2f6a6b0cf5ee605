package dev.inventory.rfid.llrp;

/**
 * Callbacks of {@link LlrpFrameDecoder#decode}, on the decoding thread. The objects handed over are reused: copy
 * what you keep. A frame is validated whole before any callback, so a rejected frame produces none.
 * Implementations are called from one thread at a time.
 */
public interface LlrpMessageHandler
{
    /**
     * One TagReportData of an RO_ACCESS_REPORT, after the last-value rule and with resolved times.
     *
     * @param report the tag report.
     */
    default void onTagReport(final TagReport report)
    {
    }

    /**
     * The end of an RO_ACCESS_REPORT (also called for empty ones).
     *
     * @param messageId  the message ID.
     * @param tagReports TagReportData parameters it carried.
     */
    default void onRoAccessReportEnd(final int messageId, final int tagReports)
    {
    }

    /**
     * A KEEPALIVE: answer with KEEPALIVE_ACK.
     *
     * @param messageId the message ID.
     */
    default void onKeepalive(final int messageId)
    {
    }

    /**
     * A READER_EVENT_NOTIFICATION.
     *
     * @param messageId the message ID.
     * @param event     the events it carried.
     */
    default void onReaderEvent(final int messageId, final ReaderEvent event)
    {
    }

    /**
     * The GeneralDeviceCapabilities of a GET_READER_CAPABILITIES_RESPONSE, before its {@link #onResponse}.
     *
     * @param messageId    the message ID.
     * @param capabilities the capabilities.
     */
    default void onCapabilities(final int messageId, final ReaderCapabilities capabilities)
    {
    }

    /**
     * A response to a client request.
     *
     * @param messageType the response type, e.g. {@link LlrpDescriptor#ADD_ROSPEC_RESPONSE}.
     * @param messageId   the message ID (that of the request).
     * @param status      its LLRPStatus.
     */
    default void onResponse(final int messageType, final int messageId, final LlrpStatus status)
    {
    }

    /**
     * An ERROR_MESSAGE (the reader could not handle a message; the ID is the offending message's when known).
     *
     * @param messageId the message ID.
     * @param status    its LLRPStatus.
     */
    default void onErrorMessage(final int messageId, final LlrpStatus status)
    {
    }

    /**
     * Any other well-framed message (CUSTOM_MESSAGE, client-side types), skipped.
     *
     * @param messageType the type.
     * @param messageId   the message ID.
     * @param length      its length in bytes.
     */
    default void onOtherMessage(final int messageType, final int messageId, final int length)
    {
    }
}
