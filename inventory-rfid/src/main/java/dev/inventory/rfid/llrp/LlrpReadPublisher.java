package dev.inventory.rfid.llrp;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.RfidReadFlyweight;

/**
 * Publishes each tag report as one RFID read record, zero-copy (claim, write, commit), then passes everything on to
 * an optional next listener. Waits up to the publish timeout for a slot; a read not taken is dropped and counted.
 * Garbage-free. Called on the client thread only; NOT threadsafe.
 */
final class LlrpReadPublisher implements LlrpClientListener
{
    private final Publisher publisher;
    private final int readerId;
    private final long publishTimeoutMs;
    private final LlrpClientListener next;
    private LlrpCounters counters = new LlrpCounters();
    private boolean linkUp = true;

    /**
     * @param publisher        the engine's publisher.
     * @param readerId         reader id of the records.
     * @param publishTimeoutMs most wait for a ring slot.
     * @param next             also told of everything (after publishing), or null.
     */
    LlrpReadPublisher(
        final Publisher publisher, final int readerId, final long publishTimeoutMs, final LlrpClientListener next)
    {
        this.publisher = publisher;
        this.readerId = readerId;
        this.publishTimeoutMs = publishTimeoutMs;
        this.next = next;
    }

    void counters(final LlrpCounters counters)
    {
        this.counters = counters;
    }

    @Override
    public void onTagReport(final TagReport report)
    {
        final Publisher publisher = this.publisher;
        final long sequence = publisher.claimBlocking(publishTimeoutMs, TimeUnit.MILLISECONDS);
        if (sequence < 0)
        {
            counters.increment(LlrpCounters.READS_DROPPED);
        }
        else
        {
            final ByteBuffer buffer = publisher.buffer();
            final int offset = publisher.offset(sequence);
            Publisher.writeRfidRead(buffer, offset, readerId, report.antennaId(), report.epcHigh(), report.epcLow(),
                report.rssiCentiDbm(), report.firstSeenMs(), report.lastSeenMs(), report.seenCount());
            buffer.putShort(offset + RfidReadFlyweight.EPC_BIT_LENGTH_OFFSET,
                (short)Math.min(report.epcBitLength(), 0xFFFF));
            buffer.putShort(offset + RfidReadFlyweight.CHANNEL_OFFSET, (short)report.channelIndex());
            publisher.commit(sequence);
            counters.increment(LlrpCounters.READS_PUBLISHED);
        }
        if (null != next)
        {
            next.onTagReport(report);
        }
    }

    @Override
    public void onReportEnd(final int tagReports)
    {
        if (null != next)
        {
            next.onReportEnd(tagReports);
        }
    }

    @Override
    public void onLinkState(final LlrpLinkState state, final int reason)
    {
        // the engine holds the tags of a reader whose link is down instead of timing them out
        final boolean up = state == LlrpLinkState.CONNECTED;
        if (up != linkUp)
        {
            linkUp = up;
            publisher.publishLinkState(readerId, up, reason, System.currentTimeMillis(), publishTimeoutMs,
                TimeUnit.MILLISECONDS);
        }
        if (null != next)
        {
            next.onLinkState(state, reason);
        }
    }

    @Override
    public void onReaderEvent(final ReaderEvent event)
    {
        if (null != next)
        {
            next.onReaderEvent(event);
        }
    }
}
