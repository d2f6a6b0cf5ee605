package dev.inventory.rfid.llrp;

/**
 * What an {@link LlrpClient} reports, on its own thread. Objects handed over are reused: copy what you keep. A
 * listener that throws resets the connection (the client logs and reconnects); it should not block for long.
 */
public interface LlrpClientListener
{
    /**
     * One tag report: raw fields and values resolved for a read record.
     *
     * @param report the tag report, valid during the call.
     */
    void onTagReport(TagReport report);

    /**
     * The end of an RO_ACCESS_REPORT (empty ones included).
     *
     * @param tagReports TagReportData it carried.
     */
    default void onReportEnd(final int tagReports)
    {
    }

    /**
     * The link changed state.
     *
     * @param state  the new state.
     * @param reason why, for RECONNECTING and CLOSED: an {@link LlrpClient#reasonText(int)} code; else 0.
     */
    default void onLinkState(final LlrpLinkState state, final int reason)
    {
    }

    /**
     * A reader event notification.
     *
     * @param event the events, valid during the call.
     */
    default void onReaderEvent(final ReaderEvent event)
    {
    }
}
