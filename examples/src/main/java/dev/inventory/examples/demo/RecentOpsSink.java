package dev.inventory.examples.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.spi.EventSink;
import dev.inventory.core.spi.SinkContext;

/**
 * Keeps the last few operations events (put-away, capacity, replenishment, stockout, receiving; codes 130-169) as
 * display lines for the demo, and counts them. Threadsafe: the sink thread adds, the display thread takes.
 */
public final class RecentOpsSink implements EventSink
{
    private static final int FIRST_OPS = 130;
    private static final int LAST_OPS = 169;

    private final int capacity;
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private final AtomicLong count = new AtomicLong();
    private SinkContext context;

    /**
     * @param capacity lines kept.
     */
    public RecentOpsSink(final int capacity)
    {
        this.capacity = capacity;
    }

    @Override
    public void onStart(final SinkContext context)
    {
        this.context = context;
    }

    @Override
    public void onEvents(final EventBatch batch)
    {
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            final EventFlyweight event = batch.event(i);
            final int type = event.type();
            if (type < FIRST_OPS || type > LAST_OPS)
            {
                continue;
            }
            count.incrementAndGet();
            final StringBuilder sb = new StringBuilder(96);
            sb.append(EventType.name(type));
            final String zone = context.zoneName(event.toZone());
            if (null != zone)
            {
                sb.append(" in ").append(zone);
            }
            if (type == EventType.OPS_OVER_CAPACITY || type == EventType.OPS_CAPACITY_OK)
            {
                sb.append(" (occupancy ").append(event.dwellMs()).append(" of ").append(event.rssiCentiDbm()).append(')');
            }
            final String line = sb.toString();
            synchronized (recent)
            {
                recent.addLast(line);
                if (recent.size() > capacity)
                {
                    recent.removeFirst();
                }
            }
        }
    }

    /** @return operations events seen so far. */
    public long count()
    {
        return count.get();
    }

    /** @return the last lines, oldest first. */
    public List<String> recent()
    {
        synchronized (recent)
        {
            return new ArrayList<>(recent);
        }
    }
}
