package dev.inventory.rtls.ble;

/**
 * Log-distance path-loss model: {@code rssi(d) = P0 - 10 n log10(d / 1 m)}, with P0 the RSSI at 1 m (the beacon's
 * calibrated "measured power") and n the path-loss exponent (2 in free space, ~1.6-1.8 in corridors, 2.5-4 with
 * obstructions). Shadowing makes single readings scatter by several dB, so distances from it are coarse (a 5 dB
 * error at n = 2 is a factor of 1.8 in distance).
 * <p>
 * Immutable, threadsafe.
 */
public final class PathLossModel
{
    private final double rssiAt1mDbm;
    private final double exponent;

    /**
     * @param rssiAt1mDbm P0, the RSSI at 1 m in dBm (finite, typically -50..-70).
     * @param exponent    path-loss exponent n (&gt; 0, typically 1.6..4).
     */
    public PathLossModel(final double rssiAt1mDbm, final double exponent)
    {
        if (!Double.isFinite(rssiAt1mDbm))
        {
            throw new IllegalArgumentException("invalid rssiAt1mDbm: " + rssiAt1mDbm);
        }
        if (!(exponent > 0) || !Double.isFinite(exponent))
        {
            throw new IllegalArgumentException("invalid exponent: " + exponent);
        }
        this.rssiAt1mDbm = rssiAt1mDbm;
        this.exponent = exponent;
    }

    /** @return P0, the RSSI at 1 m in dBm. */
    public double rssiAt1mDbm()
    {
        return rssiAt1mDbm;
    }

    /** @return the path-loss exponent n. */
    public double exponent()
    {
        return exponent;
    }

    /**
     * @param distanceM distance in metres (&gt; 0).
     * @return expected RSSI in dBm.
     */
    public double rssiDbm(final double distanceM)
    {
        return rssiAt1mDbm - 10.0 * exponent * Math.log10(distanceM);
    }

    /**
     * @param rssiDbm an (ideally smoothed) RSSI in dBm.
     * @return the distance in metres the model gives for it.
     */
    public double distanceM(final double rssiDbm)
    {
        return Math.pow(10.0, (rssiAt1mDbm - rssiDbm) / (10.0 * exponent));
    }
}
