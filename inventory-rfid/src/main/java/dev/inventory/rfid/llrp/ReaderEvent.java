package dev.inventory.rfid.llrp;

/**
 * A decoded READER_EVENT_NOTIFICATION (its ReaderEventNotificationData): the timestamp and whichever events it
 * carries. Reused by the decoder; valid during {@link LlrpMessageHandler#onReaderEvent}. Instances are NOT threadsafe.
 */
public final class ReaderEvent
{
    /** Value of int fields of events that are absent. */
    public static final int ABSENT = -1;

    private long timestampUs;
    private boolean timestampUptime;
    private int connectionAttemptStatus;
    private boolean connectionClose;
    private int roSpecEventType;
    private long roSpecEventId;
    private int antennaEventType;
    private int antennaEventAntennaId;
    private boolean readerException;
    private boolean reportBufferOverflow;
    private int reportBufferFillPercent;
    private int aiSpecEventType;
    private int otherEvents;

    void clear()
    {
        timestampUs = 0;
        timestampUptime = false;
        connectionAttemptStatus = ABSENT;
        connectionClose = false;
        roSpecEventType = ABSENT;
        roSpecEventId = 0;
        antennaEventType = ABSENT;
        antennaEventAntennaId = 0;
        readerException = false;
        reportBufferOverflow = false;
        reportBufferFillPercent = ABSENT;
        aiSpecEventType = ABSENT;
        otherEvents = 0;
    }

    void timestamp(final long micros, final boolean uptime)
    {
        timestampUs = micros;
        timestampUptime = uptime;
    }

    void connectionAttemptStatus(final int status)
    {
        connectionAttemptStatus = status;
    }

    void connectionClose()
    {
        connectionClose = true;
    }

    void roSpecEvent(final int type, final long roSpecId)
    {
        roSpecEventType = type;
        roSpecEventId = roSpecId;
    }

    void antennaEvent(final int type, final int antennaId)
    {
        antennaEventType = type;
        antennaEventAntennaId = antennaId;
    }

    void readerException()
    {
        readerException = true;
    }

    void reportBufferOverflow()
    {
        reportBufferOverflow = true;
    }

    void reportBufferFillPercent(final int percent)
    {
        reportBufferFillPercent = percent;
    }

    void aiSpecEvent(final int type)
    {
        aiSpecEventType = type;
    }

    void otherEvent()
    {
        otherEvents++;
    }

    /** @return event time in microseconds (UTC, or uptime if {@link #timestampIsUptime()}). */
    public long timestampUs()
    {
        return timestampUs;
    }

    /** @return true if {@link #timestampUs()} is reader uptime. */
    public boolean timestampIsUptime()
    {
        return timestampUptime;
    }

    /** @return ConnectionAttemptEvent status (0 success) or {@link #ABSENT}. */
    public int connectionAttemptStatus()
    {
        return connectionAttemptStatus;
    }

    /** @return true if a ConnectionCloseEvent is present (the reader is closing the connection). */
    public boolean isConnectionClose()
    {
        return connectionClose;
    }

    /** @return ROSpecEvent type (0 start, 1 end, 2 preempted) or {@link #ABSENT}. */
    public int roSpecEventType()
    {
        return roSpecEventType;
    }

    /** @return ROSpecEvent ROSpecID. */
    public long roSpecEventId()
    {
        return roSpecEventId;
    }

    /** @return AntennaEvent type (0 disconnected, 1 connected) or {@link #ABSENT}. */
    public int antennaEventType()
    {
        return antennaEventType;
    }

    /** @return AntennaEvent AntennaID. */
    public int antennaEventAntennaId()
    {
        return antennaEventAntennaId;
    }

    /** @return true if a ReaderExceptionEvent is present. */
    public boolean isReaderException()
    {
        return readerException;
    }

    /** @return true if a ReportBufferOverflowErrorEvent is present (the reader lost reports). */
    public boolean isReportBufferOverflow()
    {
        return reportBufferOverflow;
    }

    /** @return ReportBufferLevelWarningEvent fill percentage or {@link #ABSENT}. */
    public int reportBufferFillPercent()
    {
        return reportBufferFillPercent;
    }

    /** @return AISpecEvent type or {@link #ABSENT}. */
    public int aiSpecEventType()
    {
        return aiSpecEventType;
    }

    /** @return count of other events present (hopping, GPI, RF survey, custom). */
    public int otherEvents()
    {
        return otherEvents;
    }
}
