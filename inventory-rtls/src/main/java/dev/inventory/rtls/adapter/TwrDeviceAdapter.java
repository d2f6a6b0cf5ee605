package dev.inventory.rtls.adapter;

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
public final class TwrDeviceAdapter extends SolvingAdapter implements RangeSource.RangeHandler
{
    private final RangeSource source;
    private final int dim;
    private final double heightM;
    private final AnchorTable anchors;
    private final TwrSolver solver = new TwrSolver();
    private final TrackFilter filter;
    private final Fix fix = new Fix();

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
        this.filter = smooth ? new TrackFilter() : null;
    }

    @Override
    int poll(final int limit)
    {
        final int count = source.poll(this, limit);
        return count == RangeSource.END ? END : count;
    }

    @Override
    void closeSource()
    {
        source.close();
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
        final int index = anchors.indexOf(anchorId);
        if (index < 0)
        {
            fixUnknownAnchor = true;
            return;
        }
        solver.add(anchorId, anchors.x(index), anchors.y(index), anchors.z(index), distanceM);
    }

    @Override
    void flush()
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
            reject(status);
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
        publish(fixTagId, x, y, fix.zM(), fix.residualRmsM(), fixTimeMs);
    }
}
