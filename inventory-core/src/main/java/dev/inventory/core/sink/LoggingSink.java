package dev.inventory.core.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.inventory.core.event.EventBatch;
import dev.inventory.core.spi.EventSink;
import dev.inventory.core.spi.SinkContext;

/**
 * Logs each event as one SLF4J INFO line, e.g.
 * {@code moved seq=42 epc=urn:epc:id:sgtin:0614141.812345.6789 from=dock to=aisle-3 dwell_ms=5200 reader=1
 * antenna=2 ts_ms=1700000000000}. Nothing is formatted when INFO is off for the logger.
 * <p>
 * Called from one sink thread at a time (NOT threadsafe otherwise).
 */
public final class LoggingSink implements EventSink
{
    private final Logger logger;
    private final StringBuilder sb = new StringBuilder(160);
    private SinkContext context;

    /** Log to the logger named after this class. */
    public LoggingSink()
    {
        this(LoggerFactory.getLogger(LoggingSink.class));
    }

    /**
     * @param logger where to log.
     */
    public LoggingSink(final Logger logger)
    {
        this.logger = logger;
    }

    @Override
    public void onStart(final SinkContext context)
    {
        this.context = context;
    }

    @Override
    public void onEvents(final EventBatch batch)
    {
        if (!logger.isInfoEnabled())
        {
            return;
        }
        final StringBuilder sb = this.sb;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            sb.setLength(0);
            EventText.appendLog(sb, batch.event(i), context);
            logger.info(sb.toString());
        }
    }
}
