package dev.inventory.core.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.spi.EventSink;
import dev.inventory.core.spi.SinkContext;

/**
 * Keeps a copy of every event as an immutable {@link Event} record, for tests and embedders that want events as
 * plain objects. Memory grows with the events kept: call {@link #clear()} or use a bounded capacity.
 * <p>
 * Threadsafe: the engine's sink thread adds; any thread may take {@link #events() snapshots} or
 * {@link #awaitCount(long, long, TimeUnit) wait} for a count.
 */
public final class InMemorySink implements EventSink
{
    /**
     * One event, copied with names resolved.
     *
     * @param sequence     engine-wide event sequence (stable across replays).
     * @param type         {@link EventType} code.
     * @param timestampMs  event time, epoch ms.
     * @param epcHigh      EPC bits 95..32.
     * @param epcLow       EPC bits 31..0.
     * @param epc          EPC text from the engine's formatter.
     * @param fromZone     zone left, or null.
     * @param toZone       zone entered or current, or null.
     * @param dwellMs      time spent in the zone left, ms.
     * @param reader       reader id, or 0.
     * @param antenna      antenna port, or 0.
     * @param rssiCentiDbm RSSI of the deciding read, centi-dBm, or 0.
     * @param skuKey       SKU key, or 0.
     * @param detail       type-specific detail ({@link EventFlyweight#detail()}: e.g. a portal pass confidence, the
     *                     sub-code of an operations event), 0 when unused.
     */
    public record Event(
        long sequence,
        int type,
        long timestampMs,
        long epcHigh,
        int epcLow,
        String epc,
        String fromZone,
        String toZone,
        long dwellMs,
        int reader,
        int antenna,
        int rssiCentiDbm,
        long skuKey,
        int detail)
    {
        /** @return the lower-case type name, e.g. "moved". */
        public String typeName()
        {
            return EventType.name(type);
        }
    }

    private final int capacity;
    private final List<Event> events = new ArrayList<>();
    private long received;
    private SinkContext context;

    /** Keep every event. */
    public InMemorySink()
    {
        this(Integer.MAX_VALUE);
    }

    /**
     * @param capacity most events kept; beyond it the oldest are discarded (counted in {@link #received()}).
     */
    public InMemorySink(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
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
        final SinkContext context = this.context;
        final int size = batch.size();
        final Event[] copies = new Event[size];
        for (int i = 0; i < size; i++)
        {
            final EventFlyweight e = batch.event(i);
            copies[i] = new Event(
                e.sequence(),
                e.type(),
                e.timestampMs(),
                e.epcHigh(),
                e.epcLow(),
                context.epcFormatter().format(e.epcHigh(), e.epcLow()),
                context.zoneName(e.fromZone()),
                context.zoneName(e.toZone()),
                e.dwellMs(),
                e.source(),
                e.antenna(),
                e.rssiCentiDbm(),
                e.sku() < 0 ? 0 : context.skuKey(e.sku()),
                e.detail());
        }
        synchronized (events)
        {
            for (final Event copy : copies)
            {
                events.add(copy);
            }
            received += size;
            final int excess = events.size() - capacity;
            if (excess > 0)
            {
                events.subList(0, excess).clear();
            }
            events.notifyAll();
        }
    }

    /** @return a snapshot of the events kept, oldest first; immutable. */
    public List<Event> events()
    {
        synchronized (events)
        {
            return List.copyOf(events);
        }
    }

    /** @return events kept now. */
    public int size()
    {
        synchronized (events)
        {
            return events.size();
        }
    }

    /** @return events received since start, including any discarded or cleared. */
    public long received()
    {
        synchronized (events)
        {
            return received;
        }
    }

    /** Discard the events kept; {@link #received()} is unchanged. */
    public void clear()
    {
        synchronized (events)
        {
            events.clear();
        }
    }

    /**
     * Wait until at least {@code count} events have been received since start.
     *
     * @param count   events to wait for.
     * @param timeout most time to wait.
     * @param unit    of the timeout.
     * @return true if reached in time.
     * @throws InterruptedException if interrupted.
     */
    public boolean awaitCount(final long count, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        synchronized (events)
        {
            while (received < count)
            {
                final long waitNs = deadlineNs - System.nanoTime();
                if (waitNs <= 0)
                {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(events, waitNs);
            }
            return true;
        }
    }
}
