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
     * TWR has no clock term, so this is the PDOP/HDOP): position sigma = GDOP x range sigma.
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

    /** @return bit i set if the i-th added range was excluded as an outlier or merged as a duplicate (i &lt; 64). */
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

    void reject(final int status)
    {
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
        return this;
    }

    @Override
    public String toString()
    {
        return "Fix{" + SolveStatus.name(status) + ", x=" + xM + ", y=" + yM + ", z=" + zM + ", rms=" + residualRmsM +
            ", gdop=" + gdop + ", used=" + rangesUsed + ", excluded=0x" + Long.toHexString(excludedMask) + '}';
    }
}
