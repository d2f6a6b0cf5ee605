package dev.inventory.rtls.adapter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.agrona.collections.Int2IntHashMap;

import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.spi.AdapterContext;
import dev.inventory.core.spi.DeviceAdapter;
import dev.inventory.rtls.solve.Fix;
import dev.inventory.rtls.solve.SolveStatus;
import dev.inventory.rtls.solve.TwrSolver;
import dev.inventory.rtls.track.TrackFilter;

/**
 * A UWB TWR adapter: on its own thread it polls a {@link RangeSource}, groups consecutive ranges with the same
 * (time, tag) into a fix, solves it (2.5D at a fixed tag height, or 3D), optionally smooths it with a
 * {@link TrackFilter}, and publishes a POSITION record (quality = residual RMS) without blocking the engine: on
 * back-pressure it retries for up to {@code publishTimeoutMs}, then drops and counts. Rejected fixes are counted
 * per {@link SolveStatus}. Garbage-free per range and per fix.
 * <p>
 * onStart/onClose are threadsafe; counters are readable from any thread; everything else runs on the adapter thread.
 */
public final class TwrDeviceAdapter implements DeviceAdapter, RangeSource.RangeHandler
{
    private final String roleName;
    private final RangeSource source;
    private final int solverId;
    private final int dim;
    private final double heightM;
    private final long publishTimeoutMs;
    private final double[] anchorX;
    private final double[] anchorY;
    private final double[] anchorZ;
    private final Int2IntHashMap anchorIndex;
    private final TwrSolver solver = new TwrSolver();
    private final TrackFilter filter;
    private final Fix fix = new Fix();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong[] rejected = new AtomicLong[SolveStatus.COUNT];

    private volatile boolean running;
    private volatile boolean finished;
    private Thread thread;
    private Publisher publisher;

    private long fixTimeMs = Long.MIN_VALUE;
    private long fixTagId;
    private boolean fixOpen;
    private boolean fixUnknownAnchor;

    /**
     * @param roleName         name for logs.
     * @param source           range source, polled on the adapter thread.
     * @param anchorIds        anchor ids.
     * @param anchorXyzM       anchor positions x0, y0, z0, x1, ... in metres.
     * @param dim              2 (2.5D at heightM) or 3.
     * @param heightM          tag height for dim 2.
     * @param smooth           apply the track filter.
     * @param solverId         source id of the POSITION records.
     * @param publishTimeoutMs most time to wait on back-pressure before dropping a position.
     */
    public TwrDeviceAdapter(
        final String roleName,
        final RangeSource source,
        final int[] anchorIds,
        final double[] anchorXyzM,
        final int dim,
        final double heightM,
        final boolean smooth,
        final int solverId,
        final long publishTimeoutMs)
    {
        if (dim != 2 && dim != 3)
        {
            throw new IllegalArgumentException("dim must be 2 or 3");
        }
        if (dim == 2 && !Double.isFinite(heightM))
        {
            throw new IllegalArgumentException("heightM must be finite for dim 2");
        }
        if (anchorXyzM.length != anchorIds.length * 3)
        {
            throw new IllegalArgumentException("anchorXyzM must hold 3 values per anchor id");
        }
        this.roleName = roleName;
        this.source = source;
        this.solverId = solverId;
        this.dim = dim;
        this.heightM = heightM;
        this.publishTimeoutMs = publishTimeoutMs;
        this.anchorX = new double[anchorIds.length];
        this.anchorY = new double[anchorIds.length];
        this.anchorZ = new double[anchorIds.length];
        this.anchorIndex = new Int2IntHashMap(Math.max(8, anchorIds.length * 2), 0.65f, -1);
        for (int i = 0; i < anchorIds.length; i++)
        {
            if (anchorIndex.put(anchorIds[i], i) != -1)
            {
                throw new IllegalArgumentException("duplicate anchor id " + anchorIds[i]);
            }
            anchorX[i] = anchorXyzM[3 * i];
            anchorY[i] = anchorXyzM[3 * i + 1];
            anchorZ[i] = anchorXyzM[3 * i + 2];
        }
        this.filter = smooth ? new TrackFilter() : null;
        for (int i = 0; i < rejected.length; i++)
        {
            rejected[i] = new AtomicLong();
        }
    }

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

    private void run()
    {
        try
        {
            while (running)
            {
                final int count = source.poll(this, 256);
                if (count == RangeSource.END)
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
            source.close();
            finished = true;
            running = false;
        }
    }

    @Override
    public void onRange(final long timeMs, final long tagId, final int anchorId, final double distanceM)
    {
        if (fixOpen && (timeMs != fixTimeMs || tagId != fixTagId))
        {
            flush();
        }
        if (!fixOpen)
        {
            fixOpen = true;
            fixTimeMs = timeMs;
            fixTagId = tagId;
            fixUnknownAnchor = false;
            solver.begin();
        }
        final int index = anchorIndex.get(anchorId);
        if (index < 0)
        {
            fixUnknownAnchor = true;
            return;
        }
        solver.add(anchorId, anchorX[index], anchorY[index], anchorZ[index], distanceM);
    }

    private void flush()
    {
        if (!fixOpen)
        {
            return;
        }
        fixOpen = false;
        final int status = fixUnknownAnchor ? SolveStatus.UNKNOWN_ANCHOR :
            dim == 2 ? solver.solve2d(heightM, fix) : solver.solve3d(fix);
        if (status != SolveStatus.OK)
        {
            rejected[status].incrementAndGet();
            return;
        }
        double x = fix.xM();
        double y = fix.yM();
        if (filter != null)
        {
            filter.update(fixTagId, fixTimeMs, x, y);
            x = filter.xM();
            y = filter.yM();
        }
        final Publisher publisher = this.publisher;
        long result = publisher.tryPublishPosition(solverId, fixTagId, x, y, fix.zM(), fix.residualRmsM(), fixTimeMs);
        if (result == Publisher.BACK_PRESSURED)
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(publishTimeoutMs);
            while (result == Publisher.BACK_PRESSURED && running && System.nanoTime() - deadlineNs < 0)
            {
                LockSupport.parkNanos(50_000);
                result = publisher.tryPublishPosition(solverId, fixTagId, x, y, fix.zM(), fix.residualRmsM(),
                    fixTimeMs);
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
}
