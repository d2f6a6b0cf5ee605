package dev.inventory.rfid.llrp;

import java.util.ArrayList;
import java.util.List;

/** Test handler: keeps copies of everything the decoder hands over. */
final class LlrpRecordingHandler implements LlrpMessageHandler
{
    final List<TagReport> reports = new ArrayList<>();
    final List<Integer> reportEnds = new ArrayList<>();
    final List<Integer> keepalives = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<String> responses = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<Integer> others = new ArrayList<>();
    int connectionAttemptStatus = ReaderEvent.ABSENT;
    long eventTimestampUs;
    int maxAntennas = -1;
    long manufacturer;
    boolean hasUtcClock;
    int lastStatusCode = -1;
    String lastDescription;
    int lastFieldErrorNum = -1;
    int lastParameterErrorType = -1;

    int callbacks()
    {
        return reports.size() + reportEnds.size() + keepalives.size() + events.size() + responses.size() +
            errors.size() + others.size();
    }

    @Override
    public void onTagReport(final TagReport report)
    {
        reports.add(new TagReport().copyFrom(report));
    }

    @Override
    public void onRoAccessReportEnd(final int messageId, final int tagReports)
    {
        reportEnds.add(tagReports);
    }

    @Override
    public void onKeepalive(final int messageId)
    {
        keepalives.add(messageId);
    }

    @Override
    public void onReaderEvent(final int messageId, final ReaderEvent event)
    {
        connectionAttemptStatus = event.connectionAttemptStatus();
        eventTimestampUs = event.timestampUs();
        events.add("attempt=" + event.connectionAttemptStatus() + " close=" + event.isConnectionClose() +
            " roSpec=" + event.roSpecEventType() + " antenna=" + event.antennaEventType() + "/" +
            event.antennaEventAntennaId() + " exception=" + event.isReaderException() + " overflow=" +
            event.isReportBufferOverflow());
    }

    @Override
    public void onCapabilities(final int messageId, final ReaderCapabilities capabilities)
    {
        maxAntennas = capabilities.maxAntennas();
        manufacturer = capabilities.manufacturer();
        hasUtcClock = capabilities.hasUtcClock();
    }

    @Override
    public void onResponse(final int messageType, final int messageId, final LlrpStatus status)
    {
        responses.add(LlrpDescriptor.messageTypeName(messageType) + "#" + messageId + ":" + status.statusCode());
        remember(status);
    }

    @Override
    public void onErrorMessage(final int messageId, final LlrpStatus status)
    {
        errors.add(messageId + ":" + status.statusCode());
        remember(status);
    }

    @Override
    public void onOtherMessage(final int messageType, final int messageId, final int length)
    {
        others.add(messageType);
    }

    private void remember(final LlrpStatus status)
    {
        lastStatusCode = status.statusCode();
        lastDescription = status.description();
        lastFieldErrorNum = status.fieldErrorNum();
        lastParameterErrorType = status.parameterErrorType();
    }
}
