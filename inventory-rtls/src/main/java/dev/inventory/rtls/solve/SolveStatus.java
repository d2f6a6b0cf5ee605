package dev.inventory.rtls.solve;

/**
 * Outcome codes of a position solve: {@link #OK} or the reason a fix was rejected instead of returning a wild
 * point. Codes are stable (files and counters depend on them). Stateless, threadsafe.
 */
public final class SolveStatus
{
    /** A valid fix. */
    public static final int OK = 0;
    /** Fewer usable ranges than unknowns + 1 (TWR 2.5D: 3, 3D: 4; TDoA 2.5D: 4, 3D: 5). */
    public static final int UNDER_DETERMINED = 1;
    /** Anchors collinear (2.5D) or coplanar (3D), or the geometry is too weak (GDOP above the limit). */
    public static final int DEGENERATE_GEOMETRY = 2;
    /**
     * A distance is NaN, infinite, negative or beyond the maximum range; or TDoA differences exceed their anchor
     * baselines beyond what dropping late arrivals can repair.
     */
    public static final int BAD_DISTANCE = 3;
    /** The same anchor (id or position) appears twice with distances that disagree beyond the tolerance. */
    public static final int CONFLICTING_DUPLICATE = 4;
    /** More ranges than the solver's capacity. */
    public static final int TOO_MANY_RANGES = 5;
    /** An anchor position is not finite. */
    public static final int BAD_ANCHOR = 6;
    /** The iteration did not converge. */
    public static final int NO_CONVERGENCE = 7;
    /** Converged, but the residual RMS of the ranges kept is above the limit: the ranges contradict each other. */
    public static final int INCONSISTENT_RANGES = 8;
    /** A range names an anchor the caller does not know (reported by callers that resolve anchor ids). */
    public static final int UNKNOWN_ANCHOR = 9;
    /** Number of codes. */
    public static final int COUNT = 10;

    private SolveStatus()
    {
    }

    /**
     * @param status a code.
     * @return lower snake case name, e.g. "under_determined"; constant strings, no allocation.
     */
    public static String name(final int status)
    {
        switch (status)
        {
            case OK: return "ok";
            case UNDER_DETERMINED: return "under_determined";
            case DEGENERATE_GEOMETRY: return "degenerate_geometry";
            case BAD_DISTANCE: return "bad_distance";
            case CONFLICTING_DUPLICATE: return "conflicting_duplicate";
            case TOO_MANY_RANGES: return "too_many_ranges";
            case BAD_ANCHOR: return "bad_anchor";
            case NO_CONVERGENCE: return "no_convergence";
            case INCONSISTENT_RANGES: return "inconsistent_ranges";
            case UNKNOWN_ANCHOR: return "unknown_anchor";
            default: return "unknown";
        }
    }
}
