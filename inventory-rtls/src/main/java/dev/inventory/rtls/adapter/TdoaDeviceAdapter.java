package dev.inventory.rtls.adapter;

import dev.inventory.rtls.solve.Fix;
import dev.inventory.rtls.solve.SolveStatus;
import dev.inventory.rtls.solve.TdoaSolver;
import dev.inventory.rtls.track.TrackFilter;

/**
 * A UWB TDoA adapter: on its own thread it polls an {@link ArrivalSource}, groups consecutive arrivals with the
 * same (time, tag) into one blink, turns their arrival times into pseudo-ranges against the blink's earliest
 * arrival ({@code (toa - min toa) x c}, exact in integer picoseconds before the conversion), solves with
 * {@link TdoaSolver} (2.5D at a fixed tag height, or 3D), optionally smooths with a {@link TrackFilter}, and
 * publishes a POSITION record (quality = residual RMS) without blocking the engine: on back-pressure it retries for
 * up to {@code publishTimeoutMs}, then drops and counts. Rejected blinks are counted per {@link SolveStatus}: an
 * unknown anchor is {@link SolveStatus#UNKNOWN_ANCHOR}, more arrivals than the solver holds
 * {@link SolveStatus#TOO_MANY_RANGES}, arrival differences beyond the anchor baselines
 * {@link SolveStatus#BAD_DISTANCE}. Anchors are assumed synchronized (no clock offset or drift model). Garbage-free
 * per arrival and per blink.
 * <p>
 * onStart/onClose are threadsafe; counters are readable from any thread; everything else runs on the adapter thread.
 */
public final class TdoaDeviceAdapter extends SolvingAdapter implements ArrivalSource.ArrivalHandler
{
    /** Metres per picosecond of arrival time. */
    public static final double METRES_PER_PS = TdoaSolver.SPEED_OF_LIGHT_M_PER_NS / 1_000.0;

    private final ArrivalSource source;
    private final int dim;
    private final double heightM;
    private final AnchorTable anchors;
    private final TdoaSolver solver;
    private final TrackFilter filter;
    private final Fix fix = new Fix();
    private final int[] blinkAnchor;
    private final long[] blinkToaPs;

    private long blinkTimeMs = Long.MIN_VALUE;
    private long blinkTagId;
    private boolean blinkOpen;
    private boolean blinkUnknownAnchor;
    private int blinkCount;

    /**
     * @param roleName         name for logs.
     * @param source           arrival source, polled on the adapter thread.
     * @param anchorIds        anchor ids.
     * @param anchorXyzM       anchor positions x0, y0, z0, x1, ... in metres.
     * @param dim              2 (2.5D at heightM, needs 4 anchors) or 3 (needs 5).
     * @param heightM          tag height for dim 2.
     * @param smooth           apply the track filter.
     * @param solverId         source id of the POSITION records.
     * @param publishTimeoutMs most time to wait on back-pressure before dropping a position.
     */
    public TdoaDeviceAdapter(
        final String roleName,
        final ArrivalSource source,
        final int[] anchorIds,
        final double[] anchorXyzM,
        final int dim,
        final double heightM,
        final boolean smooth,
        final int solverId,
        final long publishTimeoutMs)
    {
        super(roleName, solverId, publishTimeoutMs);
        if (dim != 2 && dim != 3)
        {
            throw new IllegalArgumentException("dim must be 2 or 3");
        }
        if (dim == 2 && !Double.isFinite(heightM))
        {
            throw new IllegalArgumentException("heightM must be finite for dim 2");
        }
        this.source = source;
        this.dim = dim;
        this.heightM = heightM;
        this.anchors = new AnchorTable(anchorIds, anchorXyzM);
        final int capacity = Math.max(16, Math.min(64, anchors.size()));
        this.solver = new TdoaSolver(new TdoaSolver.Config().capacity(capacity));
        this.blinkAnchor = new int[capacity];
        this.blinkToaPs = new long[capacity];
        this.filter = smooth ? new TrackFilter() : null;
    }

    @Override
    int poll(final int limit)
    {
        final int count = source.poll(this, limit);
        return count == ArrivalSource.END ? END : count;
    }

    @Override
    void closeSource()
    {
        source.close();
    }

    @Override
    public void onArrival(final long timeMs, final long tagId, final int anchorId, final long toaPs)
    {
        if (blinkOpen && (timeMs != blinkTimeMs || tagId != blinkTagId))
        {
            flush();
        }
        if (!blinkOpen)
        {
            blinkOpen = true;
            blinkTimeMs = timeMs;
            blinkTagId = tagId;
            blinkUnknownAnchor = false;
            blinkCount = 0;
        }
        final int index = anchors.indexOf(anchorId);
        if (index < 0)
        {
            blinkUnknownAnchor = true;
            return;
        }
        final int n = blinkCount;
        if (n < blinkAnchor.length)
        {
            blinkAnchor[n] = index;
            blinkToaPs[n] = toaPs;
        }
        blinkCount = n + 1;
    }

    @Override
    void flush()
    {
        if (!blinkOpen)
        {
            return;
        }
        blinkOpen = false;
        final int status = blinkUnknownAnchor ? SolveStatus.UNKNOWN_ANCHOR :
            (blinkCount > blinkAnchor.length ? SolveStatus.TOO_MANY_RANGES : solve());
        if (status != SolveStatus.OK)
        {
            reject(status);
            return;
        }
        double x = fix.xM();
        double y = fix.yM();
        if (filter != null)
        {
            filter.update(blinkTagId, blinkTimeMs, x, y);
            x = filter.xM();
            y = filter.yM();
        }
        publish(blinkTagId, x, y, fix.zM(), fix.residualRmsM(), blinkTimeMs);
    }

    private int solve()
    {
        final int n = blinkCount;
        final long[] toaPs = this.blinkToaPs;
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < n; i++)
        {
            earliest = Math.min(earliest, toaPs[i]);
        }
        final TdoaSolver solver = this.solver;
        final AnchorTable anchors = this.anchors;
        solver.begin();
        for (int i = 0; i < n; i++)
        {
            final long deltaPs = toaPs[i] - earliest;
            if (deltaPs < 0)
            {
                return SolveStatus.BAD_DISTANCE; // arrivals more than 2^63 ps apart
            }
            final int a = blinkAnchor[i];
            solver.add(anchors.idOf(a), anchors.x(a), anchors.y(a), anchors.z(a), deltaPs * METRES_PER_PS);
        }
        return dim == 2 ? solver.solve2d(heightM, fix) : solver.solve3d(fix);
    }
}
