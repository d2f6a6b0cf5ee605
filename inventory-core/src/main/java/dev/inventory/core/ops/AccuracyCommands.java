package dev.inventory.core.ops;

/**
 * Host command codes of {@link AccuracyRules} (book quantities, accuracy reports, cycle counts, ABC classes and
 * analytics), block 1360..1374 of {@link OpsCommands}. Arguments are those of a {@code CommandFlyweight} as
 * {@link OpsCommands} describes: {@code arg2..arg4} are the further fields of a host command file line
 * ({@code ts_ms,OPS_<NAME>,epc,arg2,arg3,arg4}); the {@code epc} is unused by every code here (any EPC, e.g.
 * {@code 0000}). Zone ids are the pipeline's, SKU keys those of the ledger, quantities in items, times in epoch ms
 * of record time. A command with a bad argument or exceeding a preallocated capacity is rejected (the core counts
 * it BAD_COMMAND). Stateless constants: threadsafe.
 */
public final class AccuracyCommands
{
    /**
     * Book quantity of a SKU x zone line (the host's record, e.g. the ERP stock of a storage bin): arg2 = SKU key
     * (not 0), arg3 = zone id, arg4 = book quantity in items (0..2^30). Replaces the line's book; the zone comes
     * under book control (it is part of the site accuracy from now on).
     */
    public static final int BOOK = 1360;
    /**
     * Reset the book of a zone, e.g. before replacing it line by line with {@link #BOOK}: arg2 = zone id (-1 = every
     * zone), arg3 = mode: 0 = every line's book becomes 0 and the zone stays under book control (an empty book),
     * 1 = the same and the zone leaves book control (no longer part of the site accuracy).
     */
    public static final int BOOK_RESET = 1361;
    /**
     * Accuracy report, book vs detected on hand: arg2 = zone id (-1 = every zone under book control and the site),
     * arg3 = tolerance in items (&gt;= 0), arg4 = tolerance in permille of the line's book (&gt;= 0); a line is
     * accurate when |detected - book| &lt;= max(arg3, book x arg4 / 1000). Emits {@code OPS_COUNT_DISCREPANCY} for
     * each line outside the tolerance, then {@code OPS_ACCURACY} per zone, then for the site.
     */
    public static final int ACCURACY_REPORT = 1362;
    /**
     * Start a cycle count (a sweep of one zone): arg2 = count id (1..2^31-1, unique among running counts), arg3 =
     * zone id (at most one running count per zone).
     */
    public static final int COUNT_START = 1363;
    /**
     * End a cycle count and report it: arg2 = count id, arg3 = flags ({@link #POST_TO_BOOK} = set the book of every
     * line of the zone to the counted quantity), arg4 = tolerance in items (&gt;= 0) for the count's accuracy and its
     * discrepancy lines.
     */
    public static final int COUNT_END = 1364;
    /** Cancel a running cycle count without a report: arg2 = count id. */
    public static final int COUNT_CANCEL = 1365;
    /** Unit value of a SKU for ABC classification: arg2 = SKU key (not 0), arg3 = value in cents (&gt;= 0). */
    public static final int UNIT_VALUE = 1366;
    /**
     * ABC shares of the cumulative movement value: arg2 = class A share in percent, arg3 = class B share in
     * percent (both &gt;= 0, sum &lt;= 100; C is the rest; default 80 / 15 / 5). Used from the next classification.
     */
    public static final int ABC_SHARES = 1367;
    /**
     * Counting frequency of an ABC class: arg2 = class ({@link AccuracyRules#CLASS_A} 1, B 2, C 3), arg3 = interval
     * between counts in ms (0 = never suggest counting the class).
     */
    public static final int COUNT_INTERVAL = 1368;
    /** Classify every SKU into A / B / C now (no arguments). */
    public static final int ABC_CLASSIFY = 1369;
    /**
     * Suggest what to count next now: emits {@code OPS_COUNT_SUGGESTED} for the arg2 most overdue SKU x zone lines
     * (0 = 1, at most 64), most overdue first; lines already suggested are named again.
     */
    public static final int SUGGEST_COUNT = 1370;
    /**
     * Restart the analytics window (moves, issues, on-hand time, dwell and lead times) now: the next figures cover
     * the time since this command (no arguments).
     */
    public static final int ANALYTICS_RESET = 1371;

    /** {@link #COUNT_END} flag: post the count, setting the book of the zone's lines to the counted quantities. */
    public static final long POST_TO_BOOK = 1;

    /** First code of the block. */
    public static final int FIRST = 1360;
    /** Last code of the block (1372..1374 are free). */
    public static final int LAST = 1374;

    private AccuracyCommands()
    {
    }
}
