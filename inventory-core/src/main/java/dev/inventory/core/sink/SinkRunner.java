package dev.inventory.core.sink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.spi.EventSink;
import dev.inventory.core.spi.SinkContext;
import dev.inventory.core.spi.SinkPolicy;

/**
 * Runs one {@link EventSink} on a thread of its own, fed through a bounded single-producer single-consumer buffer
 * of events. The engine thread calls {@link #offer(EventFlyweight)}, which never blocks: a full buffer or a parked
 * sink counts the event as dropped. Failures are retried and then skipped or parked per {@link SinkPolicy}.
 * {@link #offer} is for the engine thread only; the rest is threadsafe.
 */
public final class SinkRunner implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(SinkRunner.class);
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(SinkRunner.class, "head", long.class);
            TAIL = lookup.findVarHandle(SinkRunner.class, "tail", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final EventSink sink;
    private final SinkPolicy policy;
    private final SinkContext context;
    private final Counters counters;
    private final ByteBuffer buffer;
    private final ByteBuffer consumerView;
    private final int mask;
    private final Batch batch = new Batch();
    private final Thread thread;

    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private volatile long tail; // written by the engine thread
    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;
    private volatile long head; // written by the sink thread
    @SuppressWarnings("unused")
    private long p21, p22, p23, p24, p25, p26, p27;
    private long cachedHead;
    private volatile boolean parked;
    private volatile boolean running = true;
    private volatile long delivered;
    private volatile long failures;

    /**
     * @param sink     the sink.
     * @param policy   its policy.
     * @param context  names for the sink.
     * @param counters engine counters.
     */
    public SinkRunner(final EventSink sink, final SinkPolicy policy, final SinkContext context, final Counters counters)
    {
        this.sink = sink;
        this.policy = policy;
        this.context = context;
        this.counters = counters;
        this.buffer = ByteBuffer.allocateDirect(policy.bufferCapacity() * EventFlyweight.LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        this.consumerView = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.mask = policy.bufferCapacity() - 1;
        this.thread = new Thread(this, "inventory-sink-" + sink.roleName());
        this.thread.setDaemon(true);
    }

    /** Start the sink thread. */
    public void start()
    {
        thread.start();
    }

    /** @return the sink. */
    public EventSink sink()
    {
        return sink;
    }

    /** @return true if the sink was parked after failing. */
    public boolean isParked()
    {
        return parked;
    }

    /** Resume a parked sink; events dropped while parked stay dropped. */
    public void resume()
    {
        parked = false;
    }

    /** @return events delivered to the sink. */
    public long delivered()
    {
        return delivered;
    }

    /** @return failed calls to the sink. */
    public long failures()
    {
        return failures;
    }

    /** @return events waiting in the buffer. */
    public long backlog()
    {
        return (long)TAIL.getAcquire(this) - (long)HEAD.getAcquire(this);
    }

    /**
     * Engine thread: hand an event to the sink without blocking.
     *
     * @param event the event.
     * @return true if buffered, false if dropped (counted).
     */
    public boolean offer(final EventFlyweight event)
    {
        final long tail = (long)TAIL.getOpaque(this);
        if (parked)
        {
            counters.increment(Counters.SINK_DROPPED);
            return false;
        }
        if (tail - cachedHead > mask)
        {
            cachedHead = (long)HEAD.getAcquire(this);
            if (tail - cachedHead > mask)
            {
                counters.increment(Counters.SINK_DROPPED);
                return false;
            }
        }
        event.copyTo(buffer, ((int)tail & mask) * EventFlyweight.LENGTH);
        TAIL.setRelease(this, tail + 1);
        return true;
    }

    /**
     * Stop after delivering what is buffered, waiting at most the timeout.
     *
     * @param timeoutMs most time to wait for the backlog to drain.
     * @throws InterruptedException if interrupted.
     */
    public void close(final long timeoutMs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (backlog() > 0 && !parked && System.nanoTime() < deadlineNs && thread.isAlive())
        {
            LockSupport.parkNanos(1_000_000);
        }
        running = false;
        LockSupport.unpark(thread);
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()) + 1000));
        if (thread.isAlive())
        {
            LOG.warn("sink {} did not stop in time; abandoned with {} events buffered", sink.roleName(), backlog());
            thread.interrupt();
        }
    }

    @Override
    public void run()
    {
        try
        {
            sink.onStart(context);
        }
        catch (final Exception ex)
        {
            LOG.error("sink {} failed to start; parked", sink.roleName(), ex);
            parked = true;
        }
        int idle = 0;
        while (running)
        {
            if (parked)
            {
                discardBacklog();
                LockSupport.parkNanos(10_000_000);
                continue;
            }
            final int delivered = deliverBatch();
            if (delivered == 0)
            {
                idle = Math.min(idle + 1, 20);
                if (idle < 10)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    LockSupport.parkNanos(idle < 15 ? 10_000 : 1_000_000);
                }
            }
            else
            {
                idle = 0;
            }
        }
        while (!parked && deliverBatch() > 0)
        {
            // drain what is left
        }
        try
        {
            sink.onClose();
        }
        catch (final Exception ex)
        {
            LOG.warn("sink {} failed to close", sink.roleName(), ex);
        }
    }

    private void discardBacklog()
    {
        final long head = (long)HEAD.getOpaque(this);
        final long tail = (long)TAIL.getAcquire(this);
        if (tail > head)
        {
            for (long i = head; i < tail; i++)
            {
                counters.incrementShared(Counters.SINK_DROPPED);
            }
            HEAD.setRelease(this, tail);
        }
    }

    private int deliverBatch()
    {
        final long head = (long)HEAD.getOpaque(this);
        final long tail = (long)TAIL.getAcquire(this);
        final int count = (int)Math.min(tail - head, policy.maxBatch());
        if (count <= 0)
        {
            return 0;
        }
        batch.reset(head, count);
        int attempt = 0;
        while (true)
        {
            try
            {
                sink.onEvents(batch);
                delivered += count;
                break;
            }
            catch (final Exception ex)
            {
                failures++;
                counters.incrementShared(Counters.SINK_ERRORS);
                if (attempt++ < policy.maxRetries() && running)
                {
                    LOG.warn("sink {} failed (attempt {} of {}), retrying: {}",
                        sink.roleName(), attempt, policy.maxRetries() + 1, ex.toString());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(policy.retryBackoffMs()));
                    continue;
                }
                for (int i = 0; i < count; i++)
                {
                    counters.incrementShared(Counters.SINK_DROPPED);
                }
                if (policy.parkOnFailure())
                {
                    LOG.error("sink {} failed {} times; parked, {} events dropped",
                        sink.roleName(), attempt, count, ex);
                    parked = true;
                }
                else
                {
                    LOG.error("sink {} failed {} times; batch of {} events skipped",
                        sink.roleName(), attempt, count, ex);
                }
                break;
            }
        }
        HEAD.setRelease(this, head + count);
        return count;
    }

    private final class Batch implements EventBatch
    {
        private final EventFlyweight event = new EventFlyweight();
        private long start;
        private int size;

        void reset(final long start, final int size)
        {
            this.start = start;
            this.size = size;
        }

        @Override
        public int size()
        {
            return size;
        }

        @Override
        public EventFlyweight event(final int index)
        {
            if (index < 0 || index >= size)
            {
                throw new IndexOutOfBoundsException("event " + index + " of " + size);
            }
            return event.wrap(consumerView, ((int)(start + index) & mask) * EventFlyweight.LENGTH);
        }
    }
}
