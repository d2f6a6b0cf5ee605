package dev.inventory.rtls.solve;

/**
 * The result of one position solve, written by a solver into a caller-owned instance (reuse it: no object per
 * fix). When {@link #status()} is not {@link SolveStatus#OK} the coordinates are NaN.
 * <p>
 * Instances are NOT threadsafe.
 */
public final class Fix
{
    int status = SolveStatus.UNDER_DETERMINED;
    double xM = Double.NaN;
    double yM = Double.NaN;
    double zM = Double.NaN;
    double residualRmsM = Double.NaN;
    double gdop = Double.NaN;
    int rangesUsed;
    long excludedMask;
    int iterations;
    double clockBiasM = Double.NaN;
    double hullDistanceM = Double.NaN;
    boolean outsideHull;
    boolean clipped;

    /** @return {@link SolveStatus} code. */
    public int status()
    {
        return status;
    }

    /** @return true if the fix is valid. */
    public boolean isValid()
    {
        return status == SolveStatus.OK;
    }

    /** @return x in metres (site coordinates). */
    public double xM()
    {
        return xM;
    }

    /** @return y in metres. */
    public double yM()
    {
        return yM;
    }

    /** @return z in metres (the given height for a 2.5D solve). */
    public double zM()
    {
        return zM;
    }

    /** @return RMS of the residuals of the ranges kept, in metres. */
    public double residualRmsM()
    {
        return residualRmsM;
    }

    /**
     * @return geometric dilution of precision of the ranges kept in the solved dimensions (horizontal for 2.5D;
     * the TDoA clock term is left out, so this is the PDOP/HDOP for both solvers): position sigma = GDOP x range
     * (pseudo-range) sigma.
     */
    public double gdop()
    {
        return gdop;
    }

    /** @return number of ranges used in the final solution. */
    public int rangesUsed()
    {
        return rangesUsed;
    }

    /**
     * @return bit i set if the i-th added range was excluded as an outlier (TDoA: also as a physically impossible
     * late arrival) or merged as a duplicate (i &lt; 64).
     */
    public long excludedMask()
    {
        return excludedMask;
    }

    /** @return Gauss-Newton / LM iterations spent, over all refits. */
    public int iterations()
    {
        return iterations;
    }

    /** @return TDoA only: the solved common offset of the pseudo-ranges (transmit time x c) in metres; else NaN. */
    public double clockBiasM()
    {
        return clockBiasM;
    }

    /**
     * @return horizontal distance in metres from the solved point (before any clip) to the convex hull of the
     * fix's anchors: negative inside, positive outside; NaN if not checked (check off, fix invalid, or the anchors
     * span no area).
     */
    public double hullDistanceM()
    {
        return hullDistanceM;
    }

    /**
     * @return true if the solved point lay farther outside the anchor hull than the solver's hull tolerance (the
     * fix is still {@link SolveStatus#OK}; treat it as extrapolated).
     */
    public boolean isOutsideHull()
    {
        return outsideHull;
    }

    /** @return true if x/y were moved onto the hull grown by the tolerance (solver clip option on). */
    public boolean isClipped()
    {
        return clipped;
    }

    void clearHull()
    {
        hullDistanceM = Double.NaN;
        outsideHull = false;
        clipped = false;
    }

    void reject(final int status)
    {
        clearHull();
        this.status = status;
        xM = Double.NaN;
        yM = Double.NaN;
        zM = Double.NaN;
        residualRmsM = Double.NaN;
        gdop = Double.NaN;
        rangesUsed = 0;
        clockBiasM = Double.NaN;
    }

    /**
     * Copy another fix into this one.
     *
     * @param other to copy.
     * @return this.
     */
    public Fix copyFrom(final Fix other)
    {
        status = other.status;
        xM = other.xM;
        yM = other.yM;
        zM = other.zM;
        residualRmsM = other.residualRmsM;
        gdop = other.gdop;
        rangesUsed = other.rangesUsed;
        excludedMask = other.excludedMask;
        iterations = other.iterations;
        clockBiasM = other.clockBiasM;
        hullDistanceM = other.hullDistanceM;
        outsideHull = other.outsideHull;
        clipped = other.clipped;
        return this;
    }

    @Override
    public String toString()
    {
        return "Fix{" + SolveStatus.name(status) + ", x=" + xM + ", y=" + yM + ", z=" + zM + ", rms=" + residualRmsM +
            ", gdop=" + gdop + ", used=" + rangesUsed + ", excluded=0x" + Long.toHexString(excludedMask) +
            (outsideHull ? ", outsideHull=" + hullDistanceM : "") + (clipped ? ", clipped" : "") + '}';
    }
}
