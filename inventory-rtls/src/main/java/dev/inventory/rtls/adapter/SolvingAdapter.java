package dev.inventory.rtls.adapter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.spi.AdapterContext;
import dev.inventory.core.spi.DeviceAdapter;
import dev.inventory.rtls.solve.SolveStatus;

/**
 * What the solving adapters share: their own thread polling a source, a fix flushed when the source is idle or
 * ends, POSITION records published without blocking the engine (retry on back-pressure for up to
 * {@code publishTimeoutMs}, then drop and count), and counters per {@link SolveStatus}.
 * <p>
 * onStart/onClose are threadsafe; counters are readable from any thread; the rest runs on the adapter thread.
 */
abstract class SolvingAdapter implements DeviceAdapter
{
    /** What {@link #poll(int)} returns when the source has ended. */
    static final int END = -1;

    private final String roleName;
    private final int solverId;
    private final long publishTimeoutMs;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong[] rejected = new AtomicLong[SolveStatus.COUNT];

    private volatile boolean running;
    private volatile boolean finished;
    private Thread thread;
    private Publisher publisher;

    SolvingAdapter(final String roleName, final int solverId, final long publishTimeoutMs)
    {
        if (publishTimeoutMs < 0)
        {
            throw new IllegalArgumentException("publishTimeoutMs must be >= 0");
        }
        this.roleName = roleName;
        this.solverId = solverId;
        this.publishTimeoutMs = publishTimeoutMs;
        for (int i = 0; i < rejected.length; i++)
        {
            rejected[i] = new AtomicLong();
        }
    }

    /**
     * Deliver observations from the source to the fix being gathered.
     *
     * @param limit most to deliver.
     * @return delivered (0 when idle), or {@link #END}.
     */
    abstract int poll(int limit);

    /** Solve and publish the fix being gathered, if any. */
    abstract void flush();

    /** Release the source; called once on the adapter thread when it stops. */
    abstract void closeSource();

    @Override
    public String roleName()
    {
        return roleName;
    }

    @Override
    public void onStart(final AdapterContext context)
    {
        publisher = context.publisher();
        running = true;
        thread = new Thread(this::run, "inventory-" + roleName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onClose() throws InterruptedException
    {
        running = false;
        final Thread t = thread;
        if (t != null)
        {
            t.join(TimeUnit.SECONDS.toMillis(3));
        }
    }

    @Override
    public boolean isHealthy()
    {
        return running;
    }

    /** @return true once the source ended and the last fix was published. */
    public boolean isFinished()
    {
        return finished;
    }

    /** @return positions published. */
    public long published()
    {
        return published.get();
    }

    /** @return positions dropped after back-pressure or close. */
    public long dropped()
    {
        return dropped.get();
    }

    /**
     * @param status a {@link SolveStatus} code.
     * @return fixes rejected with it.
     */
    public long rejected(final int status)
    {
        return rejected[status].get();
    }

    private void run()
    {
        try
        {
            while (running)
            {
                final int count = poll(256);
                if (count == END)
                {
                    flush();
                    break;
                }
                if (count == 0)
                {
                    flush(); // an idle source means the fix in hand is complete
                    LockSupport.parkNanos(100_000);
                }
            }
        }
        finally
        {
            closeSource();
            finished = true;
            running = false;
        }
    }

    final void reject(final int status)
    {
        rejected[status].incrementAndGet();
    }

    final void publish(
        final long tagId, final double xM, final double yM, final double zM, final double qualityM, final long timeMs)
    {
        final Publisher publisher = this.publisher;
        long result = publisher.tryPublishPosition(solverId, tagId, xM, yM, zM, qualityM, timeMs);
        if (result == Publisher.BACK_PRESSURED)
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(publishTimeoutMs);
            while (result == Publisher.BACK_PRESSURED && running && System.nanoTime() - deadlineNs < 0)
            {
                LockSupport.parkNanos(50_000);
                result = publisher.tryPublishPosition(solverId, tagId, xM, yM, zM, qualityM, timeMs);
            }
        }
        if (result >= 0)
        {
            published.incrementAndGet();
        }
        else
        {
            dropped.incrementAndGet();
            publisher.countDropped();
        }
    }
}
