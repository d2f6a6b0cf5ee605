package dev.inventory.examples.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.spi.EventSink;
import dev.inventory.core.spi.SinkContext;

/**
 * Keeps the last few MOVED events as display lines for the demo. Threadsafe: the sink thread adds, the display
 * thread takes.
 */
public final class RecentMovesSink implements EventSink
{
    private final int capacity;
    private final ArrayDeque<String> moves = new ArrayDeque<>();
    private final StringBuilder sb = new StringBuilder(128);
    private SinkContext context;

    /**
     * @param capacity moves kept.
     */
    public RecentMovesSink(final int capacity)
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
            if (event.type() != EventType.MOVED)
            {
                continue;
            }
            final StringBuilder sb = this.sb;
            sb.setLength(0);
            context.epcFormatter().append(event.epcHigh(), event.epcLow(), sb);
            pad(sb, 44);
            sb.append(context.zoneName(event.fromZone())).append(" -> ").append(context.zoneName(event.toZone()));
            pad(sb, 70);
            sb.append("dwell ").append(String.format("%5.1f s", event.dwellMs() / 1000.0));
            final String line = sb.toString();
            synchronized (moves)
            {
                moves.addLast(line);
                if (moves.size() > capacity)
                {
                    moves.removeFirst();
                }
            }
        }
    }

    /** @return the kept moves, oldest first. */
    public List<String> recent()
    {
        synchronized (moves)
        {
            return new ArrayList<>(moves);
        }
    }

    private static void pad(final StringBuilder sb, final int column)
    {
        sb.append(' ');
        while (sb.length() < column)
        {
            sb.append(' ');
        }
    }
}
