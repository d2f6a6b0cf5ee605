package dev.inventory.core.ops;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import com.carrotsearch.hppc.LongIntHashMap;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.ledger.TagTable;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.record.RfidReadFlyweight;
import dev.inventory.core.zone.ZoneDirectory;

import static dev.inventory.core.ops.OpsChecks.readCount;
import static dev.inventory.core.ops.OpsChecks.readHeader;
import static dev.inventory.core.ops.OpsChecks.require;

/**
 * Inventory accuracy against the books, cycle counts, ABC classification and analytics, built on an
 * {@link OperationsExtension}: install after it, {@code RecordExtension.compose(ops, rules)} (it watches the
 * extension's ADJUST rows right after they are written).
 * <p>
 * <b>Commands</b> ({@link AccuracyCommands}, arguments there; host command file names
 * {@code ts_ms,<name>,0000,arg2,arg3,arg4}): 1360 {@code OPS_BOOK} (SKU key, zone, book quantity), 1361
 * {@code OPS_BOOK_RESET} (zone or -1, mode), 1362 {@code OPS_ACCURACY_REPORT} (zone or -1, tolerance items, tolerance
 * permille), 1363 {@code OPS_COUNT_START} (count id, zone), 1364 {@code OPS_COUNT_END} (count id, flags: 1 = post to
 * book, tolerance items), 1365 {@code OPS_COUNT_CANCEL} (count id), 1366 {@code OPS_UNIT_VALUE} (SKU key, cents), 1367
 * {@code OPS_ABC_SHARES} (A %, B %), 1368 {@code OPS_COUNT_INTERVAL} (class 1..3, ms), 1369 {@code OPS_ABC_CLASSIFY},
 * 1370 {@code OPS_SUGGEST_COUNT} (how many), 1371 {@code OPS_ANALYTICS_RESET}.
 * <p>
 * <b>Lines and books.</b> A line is a SKU x zone. The book of a line is the host's quantity
 * ({@link AccuracyCommands#BOOK}; 0 until set); detected is the operations extension's on hand,
 * {@code ops.onHand(skuKey, zone)} (tagged items counted there plus untagged ADJUST stock). A zone is under book
 * control once a book was set for it (or it was reset with mode 0); the site is the union of those zones. A line
 * takes part in accuracy when its book or its detected quantity is not 0.
 * <ul>
 *     <li><b>Record accuracy</b> (the standard inventory record accuracy, IRA) = lines within tolerance / lines,
 *     in basis points (10000 = 100 %; 10000 when there are no lines). A line is within tolerance when
 *     |detected - book| &lt;= max(tolerance items, book x tolerance permille / 1000); the default tolerance is 0
 *     (exact match).</li>
 *     <li><b>Quantity accuracy</b> = max(0, 1 - sum |detected - book| / sum book) over the same lines, in basis
 *     points (10000 when sum book = 0 and there is no difference, 0 when sum book = 0 and there is one). It weighs
 *     lines by quantity where record accuracy counts lines.</li>
 * </ul>
 * Basis points are rounded down.
 * <p>
 * <b>Cycle counts.</b> {@link AccuracyCommands#COUNT_START} starts the sweep of a zone; until
 * {@link AccuracyCommands#COUNT_END}, every RFID read of a tag whose core ledger zone after the read is the zone
 * counts the tag once for its SKU (a per-tag mark "counted in count N" in a preallocated array, a counter per line).
 * The core ledger zone, not the antenna read at, decides: a cross-read of a neighbouring zone's item by this zone's
 * antennas does not count it here, and an item this zone's antennas keep reading weakly is counted where the engine
 * places it. A counted item that is later placed in another zone, or leaves stock (issued), is uncounted; items
 * without a SKU are not counted. At the end the counted quantity of each line of the zone is compared with its book
 * (tolerance in items from the command), and each item the operations ledger counts in the zone that was not read
 * during the sweep is reported missing; items read there that the operations ledger does not count there (issued,
 * or untracked) are reported unrecorded. Untagged (ADJUST) stock cannot be read and is never counted. With the
 * flag {@link AccuracyCommands#POST_TO_BOOK} the book of every line of the zone is set to its counted quantity.
 * A count resets the counting due date of every line of its zone.
 * <p>
 * <b>ABC and counting frequency.</b> The score of a SKU is its movement value over the analytics window: unit value
 * ({@link AccuracyCommands#UNIT_VALUE}, cents) x movements of its items in the window (the window's velocity x
 * value). Sorted by score (descending, ties by SKU key ascending), a SKU is class A while the cumulative score
 * before it is below the A share of the total, B below the A + B share, else C (default 80 / 15 / 5 %,
 * {@link AccuracyCommands#ABC_SHARES}); a SKU with score 0 is C, and a SKU not yet classified counts as C. Classes
 * are computed on {@link AccuracyCommands#ABC_CLASSIFY} and every {@link Context#classifyIntervalMs(long)} of record
 * time, with a heap sort of preallocated primitive arrays. A line is due for counting its class interval
 * ({@link AccuracyCommands#COUNT_INTERVAL}, {@link Context#countIntervalMs(int, long)}) after its zone was last
 * counted (or after the line appeared); overdue = now - due. Lines are candidates when their zone is under book
 * control or has the role STORAGE, has no running count, and the line's book or detected quantity is not 0.
 * Every {@link Context#suggestIntervalMs(long)} the most overdue line not yet suggested since its last count is
 * suggested; {@link AccuracyCommands#SUGGEST_COUNT} names the most overdue lines on demand.
 * <p>
 * <b>Analytics</b> over a rolling window of {@link Context#windowBuckets(int)} buckets of
 * {@link Context#bucketMs(long)} (record time; the window starts at the oldest bucket's start, or at the first record
 * or {@link AccuracyCommands#ANALYTICS_RESET} if later; so it spans between buckets - 1 and buckets x bucketMs):
 * <ul>
 *     <li>movements per SKU: each item counted in for the first time, moved between zones, or leaving stock (from
 *     the {@link OpsListener} callbacks; untagged ADJUST changes are not movements);</li>
 *     <li>site on hand per SKU and its time integral (item-ms): items counted in any zone plus ADJUST stock;</li>
 *     <li><b>velocity</b> = movements / item-days on hand (moves per item per day);</li>
 *     <li><b>turnover</b> = issued quantity / average on hand = issued x window ms / item-ms on hand, over the
 *     window (issued = items leaving stock with reason ISSUE, SHIP or CONSUME; not annualised);</li>
 *     <li><b>mean dwell</b> per zone = mean time between an item's counting into the zone and its leaving it, over
 *     the stays that ended in the window (items still there are not included);</li>
 *     <li><b>lead time</b> per SKU = mean time from an item's first counting with reason RECEIPT to its leaving stock
 *     with reason CONSUME, over the consumptions in the window.</li>
 * </ul>
 * <b>Events</b> (field use; quantities in {@code dwellMs} and {@code rssiCentiDbm}):
 * <ul>
 *     <li>{@code OPS_COUNT_DISCREPANCY} (181), SKU-level ({@code epcHigh} = SKU key, {@code epcLow} 0, {@code sku} =
 *     ledger SKU handle or -1, {@code toZone} = zone) with {@code detail} {@link #DETAIL_REPORT}: a report line
 *     outside tolerance, {@code source} 0, dwell = book, rssi = detected; {@code detail} {@link #DETAIL_COUNT}: a
 *     count line outside tolerance, {@code source} = count id, dwell = book, rssi = counted. Item-level (EPC, ledger
 *     SKU handle, {@code toZone} = zone, {@code source} = count id) with {@code detail} {@link #DETAIL_MISSING}: an
 *     item the operations ledger counts in the zone, not read during the sweep, dwell = ms since it was last read
 *     (0 if never); {@code detail} {@link #DETAIL_UNRECORDED}: an item read there during the sweep that the
 *     operations ledger does not count there, {@code fromZone} = where it counts it (-1 if nowhere).</li>
 *     <li>{@code OPS_ACCURACY} (182), zone-level (EPC 0, {@code toZone} = zone, or -1 for the site): {@code detail} =
 *     record accuracy bp, dwell = quantity accuracy bp, rssi = lines; {@code source} = 0 for a report (book vs
 *     detected) or the count id after a cycle count (book vs counted).</li>
 *     <li>{@code OPS_CYCLE_COUNT_COMPLETE} (180), zone-level, {@code source} = count id: {@code detail} = record
 *     accuracy bp, dwell = items counted, rssi = lines.</li>
 *     <li>{@code OPS_COUNT_SUGGESTED} (183), SKU-level, {@code toZone} = zone, {@code source} 0: {@code detail} = ABC
 *     class (1 A, 2 B, 3 C), dwell = ms overdue, rssi = detected on hand.</li>
 * </ul>
 * Order: a report emits its discrepancy lines (line creation order), then the zones' accuracy (zone id order), then
 * the site's; a count end emits its discrepancy lines, its missing / unrecorded items (tag handle order), its
 * accuracy, then the completion.
 * <p>
 * Deterministic (record time only). Garbage-free per read and per movement in steady state, sweeps included; rare
 * commands and the throttled classification / suggestion scan preallocated tables without allocating. Capacities are
 * preallocated ({@link Context}); rows beyond them are counted in {@link #droppedRows()} and not kept. State is
 * written by {@link #writeSnapshot} after the operations extension's. Instances are NOT threadsafe: engine thread
 * only; the query methods too.
 */
public final class AccuracyRules implements RecordExtension, OpsListener
{
    /** ABC class: not classified yet (counted as C). */
    public static final int CLASS_NONE = 0;
    /** ABC class A. */
    public static final int CLASS_A = 1;
    /** ABC class B. */
    public static final int CLASS_B = 2;
    /** ABC class C. */
    public static final int CLASS_C = 3;
    /** 100 % in basis points. */
    public static final int FULL_BP = 10_000;
    /** {@code OPS_COUNT_DISCREPANCY} detail: accuracy report line, book vs detected. */
    public static final short DETAIL_REPORT = 1;
    /** {@code OPS_COUNT_DISCREPANCY} detail: cycle count line, book vs counted. */
    public static final short DETAIL_COUNT = 2;
    /** {@code OPS_COUNT_DISCREPANCY} detail: an item in the zone by the operations ledger, not read by the sweep. */
    public static final short DETAIL_MISSING = 3;
    /** {@code OPS_COUNT_DISCREPANCY} detail: an item read by the sweep that the operations ledger has elsewhere. */
    public static final short DETAIL_UNRECORDED = 4;

    private static final int NO_ZONE = Ledger.NO_ZONE;
    private static final int SNAPSHOT_MAGIC = 0x41434352; // "ACCR"
    private static final int SNAPSHOT_VERSION = 1;
    private static final long DAY_MS = 86_400_000L;
    private static final int MAX_SUGGESTIONS = 64;
    private static final int MAX_QUANTITY = 1 << 30;

    /**
     * Capacities and defaults of {@link AccuracyRules}, fluent; {@link #conclude()} validates. NOT threadsafe.
     */
    public static final class Context
    {
        private int tagCapacity = 1 << 16;
        private int maxSkus = 4096;
        private int maxLines = 16_384;
        private int maxZones = 1024;
        private int maxActiveCounts = 16;
        private long bucketMs = DAY_MS;
        private int windowBuckets = 8;
        private long classifyIntervalMs = DAY_MS;
        private long suggestIntervalMs = 3_600_000L;
        private int shareAPercent = 80;
        private int shareBPercent = 15;
        private final long[] countIntervalMs = {0, 30 * DAY_MS, 90 * DAY_MS, 180 * DAY_MS};

        /** @param tags at least the engine's tag capacity; higher handles are dropped (counted). @return this. */
        public Context tagCapacity(final int tags)
        {
            this.tagCapacity = tags;
            return this;
        }

        /** @param skus most distinct SKUs (&lt; 2^23). @return this. */
        public Context maxSkus(final int skus)
        {
            this.maxSkus = skus;
            return this;
        }

        /** @param lines most SKU x zone lines. @return this. */
        public Context maxLines(final int lines)
        {
            this.maxLines = lines;
            return this;
        }

        /** @param zones zone ids 0..zones-1 are tracked (at most {@code ZoneDirectory.MAX_ZONES}). @return this. */
        public Context maxZones(final int zones)
        {
            this.maxZones = zones;
            return this;
        }

        /** @param counts most cycle counts running at once (1..1024). @return this. */
        public Context maxActiveCounts(final int counts)
        {
            this.maxActiveCounts = counts;
            return this;
        }

        /** @param ms length of an analytics bucket in ms of record time (&gt;= 1). @return this. */
        public Context bucketMs(final long ms)
        {
            this.bucketMs = ms;
            return this;
        }

        /** @param buckets buckets in the rolling analytics window (1..1024). @return this. */
        public Context windowBuckets(final int buckets)
        {
            this.windowBuckets = buckets;
            return this;
        }

        /** @param ms automatic ABC classification interval in record time (0 = only by command). @return this. */
        public Context classifyIntervalMs(final long ms)
        {
            this.classifyIntervalMs = ms;
            return this;
        }

        /** @param ms automatic count suggestion interval in record time (0 = only by command). @return this. */
        public Context suggestIntervalMs(final long ms)
        {
            this.suggestIntervalMs = ms;
            return this;
        }

        /**
         * @param aPercent initial class A share (default 80).
         * @param bPercent initial class B share (default 15); the sum is at most 100.
         * @return this.
         */
        public Context abcShares(final int aPercent, final int bPercent)
        {
            this.shareAPercent = aPercent;
            this.shareBPercent = bPercent;
            return this;
        }

        /**
         * @param abcClass   {@link #CLASS_A}, {@link #CLASS_B} or {@link #CLASS_C}.
         * @param intervalMs initial counting interval of the class (0 = never; defaults 30, 90, 180 days).
         * @return this.
         */
        public Context countIntervalMs(final int abcClass, final long intervalMs)
        {
            if (abcClass < CLASS_A || abcClass > CLASS_C)
            {
                throw new IllegalArgumentException("invalid abcClass: " + abcClass);
            }
            this.countIntervalMs[abcClass] = intervalMs;
            return this;
        }

        /**
         * @return this, validated.
         * @throws IllegalStateException naming the bad field.
         */
        public Context conclude()
        {
            require("tagCapacity", tagCapacity >= 1, tagCapacity);
            require("maxSkus", maxSkus >= 1 && maxSkus < (1 << 23), maxSkus);
            require("maxLines", maxLines >= 1, maxLines);
            require("maxZones", maxZones >= 1 && maxZones <= ZoneDirectory.MAX_ZONES, maxZones);
            require("maxActiveCounts", maxActiveCounts >= 1 && maxActiveCounts <= 1024, maxActiveCounts);
            require("bucketMs", bucketMs >= 1, bucketMs);
            require("windowBuckets", windowBuckets >= 1 && windowBuckets <= 1024 &&
                (long)windowBuckets * Math.max(maxSkus, maxZones) <= Integer.MAX_VALUE, windowBuckets);
            require("classifyIntervalMs", classifyIntervalMs >= 0, classifyIntervalMs);
            require("suggestIntervalMs", suggestIntervalMs >= 0, suggestIntervalMs);
            require("abcShares", shareAPercent >= 0 && shareBPercent >= 0 && shareAPercent + shareBPercent <= 100,
                shareAPercent);
            for (int c = CLASS_A; c <= CLASS_C; c++)
            {
                require("countIntervalMs", countIntervalMs[c] >= 0, countIntervalMs[c]);
            }
            return this;
        }
    }

    private final OperationsExtension ops;
    private final int tagCapacity;
    private final int maxZones;
    private final int buckets;
    private final long bucketMs;
    private final long classifyIntervalMs;
    private final long suggestIntervalMs;

    // per tag (core ledger handle)
    private final boolean[] tIn;      // counted in stock, as told by the listener callbacks
    private final long[] tSkuKey;     // SKU key it counts under (0 = none)
    private final int[] tSku;         // our SKU index, or -1
    private final long[] tEnterMs;    // time it was counted into its zone
    private final long[] tReceiptMs;  // time it was first counted with reason RECEIPT, 0 if not
    private final long[] tMark;       // serial of the cycle count it was counted in, 0 = none
    private final int[] tMarkRow;     // line it was counted on

    // SKUs
    private final KeyIndex skuIndex;
    private final long[] unitValueCents;
    private final byte[] abcClass;
    private final int[] siteOnHand;
    private final long[] onHandSinceMs;
    private final long[] bMoves;
    private final long[] bIssued;
    private final long[] bOnHandMs;
    private final long[] bLeadSumMs;
    private final long[] bLeadCount;
    private final int[] order;
    private final long[] score;

    // SKU x zone lines
    private final LongIntHashMap lineIndex;
    private final long[] lKey;
    private final int[] lBook;
    private final int[] lCounted;
    private final long[] lDueBaseMs;
    private final boolean[] lSuggested;
    private int lineCount;

    // zones
    private final boolean[] zBooked;
    private final int[] zCountSlot;
    private final long[] zLastCountMs;
    private final int[] zLastCountBp;
    private final long[] zDwellSumMs;
    private final long[] zDwellCount;
    private int zoneHigh;             // one past the highest zone with dwell data
    private final int[] zLines;       // report scratch
    private final int[] zAccurate;
    private final long[] zAbsDiff;
    private final long[] zBookSum;

    // running cycle counts
    private final boolean[] cActive;
    private final long[] cId;
    private final int[] cZone;
    private final long[] cSerial;
    private int activeCounts;
    private long countSerial;

    // settings changed by command
    private int shareAPercent;
    private int shareBPercent;
    private final long[] classIntervalMs = new long[CLASS_C + 1];

    // time
    private long nowMs;
    private long curEpoch = -1;
    private int curBucket;
    private long analyticsStartMs;
    private long nextClassifyMs;
    private long nextSuggestMs;
    private long adjustCursor;

    // measure results
    private int mLines;
    private int mAccurate;
    private long mAbsDiff;
    private long mBookSum;

    private long droppedRows;

    /**
     * @param ops     the operations extension this builds on; this registers itself as its listener.
     * @param context capacities; concluded here.
     */
    public AccuracyRules(final OperationsExtension ops, final Context context)
    {
        if (null == ops)
        {
            throw new IllegalArgumentException("ops must not be null");
        }
        context.conclude();
        this.ops = ops;
        tagCapacity = context.tagCapacity;
        maxZones = context.maxZones;
        buckets = context.windowBuckets;
        bucketMs = context.bucketMs;
        classifyIntervalMs = context.classifyIntervalMs;
        suggestIntervalMs = context.suggestIntervalMs;
        shareAPercent = context.shareAPercent;
        shareBPercent = context.shareBPercent;
        System.arraycopy(context.countIntervalMs, 0, classIntervalMs, 0, classIntervalMs.length);

        final int n = tagCapacity;
        tIn = new boolean[n];
        tSkuKey = new long[n];
        tSku = new int[n];
        Arrays.fill(tSku, -1);
        tEnterMs = new long[n];
        tReceiptMs = new long[n];
        tMark = new long[n];
        tMarkRow = new int[n];

        final int skus = context.maxSkus;
        skuIndex = new KeyIndex(skus);
        unitValueCents = new long[skus];
        abcClass = new byte[skus];
        siteOnHand = new int[skus];
        onHandSinceMs = new long[skus];
        bMoves = new long[skus * buckets];
        bIssued = new long[skus * buckets];
        bOnHandMs = new long[skus * buckets];
        bLeadSumMs = new long[skus * buckets];
        bLeadCount = new long[skus * buckets];
        order = new int[skus];
        score = new long[skus];

        final int lines = context.maxLines;
        lineIndex = new LongIntHashMap(lines);
        lKey = new long[lines];
        lBook = new int[lines];
        lCounted = new int[lines];
        lDueBaseMs = new long[lines];
        lSuggested = new boolean[lines];

        zBooked = new boolean[maxZones];
        zCountSlot = new int[maxZones];
        Arrays.fill(zCountSlot, -1);
        zLastCountMs = new long[maxZones];
        zLastCountBp = new int[maxZones];
        zDwellSumMs = new long[maxZones * buckets];
        zDwellCount = new long[maxZones * buckets];
        zLines = new int[maxZones];
        zAccurate = new int[maxZones];
        zAbsDiff = new long[maxZones];
        zBookSum = new long[maxZones];

        final int counts = context.maxActiveCounts;
        cActive = new boolean[counts];
        cId = new long[counts];
        cZone = new int[counts];
        cSerial = new long[counts];

        ops.addListener(this);
    }

    // ---------------------------------------------------------------- records

    @Override
    public boolean onRecord(final ByteBuffer buffer, final int offset, final int type, final Pipeline pipeline)
    {
        if (type == RecordType.RFID_READ)
        {
            onRead(buffer, offset, pipeline);
            return false;
        }
        if (type == RecordType.COMMAND)
        {
            return onCommand(buffer, offset, pipeline);
        }
        return false;
    }

    private void onRead(final ByteBuffer buffer, final int offset, final Pipeline pipeline)
    {
        final long epcHigh = buffer.getLong(offset + RfidReadFlyweight.EPC_HIGH_OFFSET);
        final int epcLow = buffer.getInt(offset + RfidReadFlyweight.EPC_LOW_OFFSET);
        final int tag = pipeline.tags().get(epcHigh, epcLow);
        if (tag == TagTable.MISSING)
        {
            return;
        }
        if (tag >= tagCapacity)
        {
            droppedRows++; // Context.tagCapacity below the engine's
            return;
        }
        final long timeMs = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
        if (ops.lastReadChanged() && tIn[tag])
        {
            syncSku(tag, timeMs); // the base saw the item change (e.g. its SKU) since it was last read
        }
        if (activeCounts > 0)
        {
            sweep(tag, pipeline.ledger().zone(tag), timeMs);
        }
    }

    /** A read during running counts: count the tag in the count of its zone, uncount it from another. */
    private void sweep(final int tag, final int zone, final long timeMs)
    {
        final long skuKey = ops.skuKeyOf(tag);
        final long mark = tMark[tag];
        if (mark != 0)
        {
            final int row = tMarkRow[tag];
            final int markZone = lineZone(row);
            final int slot = zCountSlot[markZone];
            if (slot >= 0 && cSerial[slot] == mark)
            {
                if (markZone == zone && skuIndex.key(lineSku(row)) == skuKey)
                {
                    return; // counted already
                }
                lCounted[row]--;
            }
            tMark[tag] = 0;
        }
        if (zone < 0 || zone >= maxZones || skuKey == 0)
        {
            return;
        }
        final int slot = zCountSlot[zone];
        if (slot < 0)
        {
            return;
        }
        final int sku = skuIndexOf(skuKey, true);
        final int row = sku < 0 ? -1 : lineOf(sku, zone, timeMs);
        if (row >= 0)
        {
            lCounted[row]++;
            tMark[tag] = cSerial[slot];
            tMarkRow[tag] = row;
        }
    }

    private void unmark(final int tag)
    {
        final long mark = tMark[tag];
        if (mark != 0)
        {
            final int row = tMarkRow[tag];
            final int slot = zCountSlot[lineZone(row)];
            if (slot >= 0 && cSerial[slot] == mark)
            {
                lCounted[row]--;
            }
            tMark[tag] = 0;
        }
    }

    // ---------------------------------------------------------------- movements (OpsListener)

    @Override
    public void onItemMoved(
        final OperationsExtension ops,
        final int tag,
        final int fromZone,
        final int toZone,
        final long movementId,
        final int reason,
        final long nowMs,
        final Pipeline pipeline)
    {
        if (tag < 0 || tag >= tagCapacity)
        {
            droppedRows++;
            return;
        }
        ensureClock(nowMs);
        if (fromZone == NO_ZONE || !tIn[tag])
        {
            if (tIn[tag])
            {
                leave(tag, nowMs); // not expected: counted in again without leaving
            }
            tIn[tag] = true;
            tSkuKey[tag] = 0;
            tSku[tag] = -1;
            tReceiptMs[tag] = fromZone == NO_ZONE && reason == MovementLedger.RECEIPT ? nowMs : 0;
        }
        else
        {
            dwell(fromZone, nowMs - tEnterMs[tag]);
        }
        tEnterMs[tag] = nowMs;
        syncSku(tag, nowMs);
        final int sku = tSku[tag];
        if (sku >= 0)
        {
            bMoves[sku * buckets + curBucket]++;
            lineOf(sku, toZone, nowMs);
        }
    }

    @Override
    public void onItemIssued(
        final OperationsExtension ops,
        final int tag,
        final int fromZone,
        final int reason,
        final long nowMs,
        final Pipeline pipeline)
    {
        if (tag < 0 || tag >= tagCapacity)
        {
            droppedRows++;
            return;
        }
        if (!tIn[tag])
        {
            return;
        }
        ensureClock(nowMs);
        syncSku(tag, nowMs);
        dwell(fromZone, nowMs - tEnterMs[tag]);
        final int sku = tSku[tag];
        if (sku >= 0)
        {
            final int b = sku * buckets + curBucket;
            bMoves[b]++;
            if (reason == MovementLedger.ISSUE || reason == MovementLedger.SHIP || reason == MovementLedger.CONSUME)
            {
                bIssued[b]++;
            }
            if (reason == MovementLedger.CONSUME && tReceiptMs[tag] != 0)
            {
                bLeadSumMs[b] += Math.max(0, nowMs - tReceiptMs[tag]);
                bLeadCount[b]++;
            }
        }
        leave(tag, nowMs);
        if (activeCounts > 0)
        {
            unmark(tag);
        }
    }

    private void leave(final int tag, final long timeMs)
    {
        if (tSku[tag] >= 0)
        {
            changeOnHand(tSku[tag], -1, timeMs);
        }
        tIn[tag] = false;
        tSkuKey[tag] = 0;
        tSku[tag] = -1;
        tReceiptMs[tag] = 0;
    }

    /** Keep the SKU a counted item counts under in step with the operations extension's. */
    private void syncSku(final int tag, final long timeMs)
    {
        final long skuKey = ops.skuKeyOf(tag);
        if (skuKey == tSkuKey[tag])
        {
            return;
        }
        if (tSku[tag] >= 0)
        {
            changeOnHand(tSku[tag], -1, timeMs);
        }
        tSkuKey[tag] = skuKey;
        final int sku = skuKey == 0 ? -1 : skuIndexOf(skuKey, true);
        tSku[tag] = sku;
        if (sku >= 0)
        {
            changeOnHand(sku, 1, timeMs);
            final int zone = ops.zoneOf(tag);
            if (zone != NO_ZONE)
            {
                lineOf(sku, zone, timeMs);
            }
        }
    }

    private void changeOnHand(final int sku, final int delta, final long timeMs)
    {
        flushOnHand(sku, timeMs);
        siteOnHand[sku] += delta;
    }

    private void flushOnHand(final int sku, final long timeMs)
    {
        final long since = onHandSinceMs[sku];
        if (timeMs > since)
        {
            bOnHandMs[sku * buckets + curBucket] += (long)siteOnHand[sku] * (timeMs - since);
            onHandSinceMs[sku] = timeMs;
        }
    }

    private void dwell(final int zone, final long dwellMs)
    {
        if (zone < 0)
        {
            return;
        }
        if (zone >= maxZones)
        {
            droppedRows++;
            return;
        }
        if (zone >= zoneHigh)
        {
            zoneHigh = zone + 1;
        }
        final int b = zone * buckets + curBucket;
        zDwellSumMs[b] += Math.max(0, dwellMs);
        zDwellCount[b]++;
    }

    /** An untagged ADJUST of the operations extension: its movement row is the last one if it was accepted. */
    private void onAdjust(final long timeMs)
    {
        final MovementLedger movements = ops.movements();
        final long rows = movements.rowCount();
        if (rows > adjustCursor && rows > 0)
        {
            final long row = rows - 1;
            if (movements.tag(row) == -1 && movements.reason(row) == MovementLedger.ADJUST)
            {
                final int sku = skuIndexOf(movements.skuKey(row), true);
                if (sku >= 0)
                {
                    changeOnHand(sku, movements.quantity(row), timeMs);
                    lineOf(sku, movements.zone(row), timeMs);
                }
            }
            adjustCursor = rows;
        }
    }

    // ---------------------------------------------------------------- time

    @Override
    public void onTime(final long nowMs, final Pipeline pipeline)
    {
        if (curEpoch < 0)
        {
            startClock(nowMs);
            return;
        }
        this.nowMs = Math.max(this.nowMs, nowMs);
        final long epoch = nowMs / bucketMs;
        if (epoch > curEpoch)
        {
            advanceBuckets(epoch);
        }
        if (classifyIntervalMs > 0 && nowMs >= nextClassifyMs)
        {
            nextClassifyMs = nowMs + classifyIntervalMs;
            classify();
        }
        if (suggestIntervalMs > 0 && nowMs >= nextSuggestMs)
        {
            nextSuggestMs = nowMs + suggestIntervalMs;
            suggest(nowMs, 1, true, pipeline);
        }
    }

    private void ensureClock(final long timeMs)
    {
        if (curEpoch < 0)
        {
            startClock(timeMs);
        }
    }

    private void startClock(final long timeMs)
    {
        nowMs = timeMs;
        curEpoch = timeMs / bucketMs;
        curBucket = (int)(curEpoch % buckets);
        analyticsStartMs = timeMs;
        nextClassifyMs = timeMs + classifyIntervalMs;
        nextSuggestMs = timeMs + suggestIntervalMs;
        for (int s = 0; s < skuIndex.size(); s++)
        {
            onHandSinceMs[s] = timeMs;
        }
    }

    private void advanceBuckets(final long epoch)
    {
        final int skus = skuIndex.size();
        if (epoch - curEpoch >= buckets)
        {
            // all kept buckets fall out of the window: start afresh at the oldest bucket of the new window
            curEpoch = epoch - buckets + 1;
            curBucket = (int)(curEpoch % buckets);
            final long startMs = curEpoch * bucketMs;
            Arrays.fill(bMoves, 0, skus * buckets, 0);
            Arrays.fill(bIssued, 0, skus * buckets, 0);
            Arrays.fill(bOnHandMs, 0, skus * buckets, 0);
            Arrays.fill(bLeadSumMs, 0, skus * buckets, 0);
            Arrays.fill(bLeadCount, 0, skus * buckets, 0);
            Arrays.fill(zDwellSumMs, 0, zoneHigh * buckets, 0);
            Arrays.fill(zDwellCount, 0, zoneHigh * buckets, 0);
            for (int s = 0; s < skus; s++)
            {
                onHandSinceMs[s] = Math.max(onHandSinceMs[s], startMs);
            }
        }
        while (curEpoch < epoch)
        {
            final long boundaryMs = (curEpoch + 1) * bucketMs;
            for (int s = 0; s < skus; s++)
            {
                flushOnHand(s, boundaryMs);
            }
            curEpoch++;
            final int b = (int)(curEpoch % buckets);
            curBucket = b;
            for (int s = 0; s < skus; s++)
            {
                final int i = s * buckets + b;
                bMoves[i] = 0;
                bIssued[i] = 0;
                bOnHandMs[i] = 0;
                bLeadSumMs[i] = 0;
                bLeadCount[i] = 0;
            }
            final int zones = zoneHigh;
            for (int z = 0; z < zones; z++)
            {
                zDwellSumMs[z * buckets + b] = 0;
                zDwellCount[z * buckets + b] = 0;
            }
        }
    }

    private void resetAnalytics(final long timeMs)
    {
        final int skus = skuIndex.size();
        Arrays.fill(bMoves, 0, skus * buckets, 0);
        Arrays.fill(bIssued, 0, skus * buckets, 0);
        Arrays.fill(bOnHandMs, 0, skus * buckets, 0);
        Arrays.fill(bLeadSumMs, 0, skus * buckets, 0);
        Arrays.fill(bLeadCount, 0, skus * buckets, 0);
        Arrays.fill(zDwellSumMs, 0, zoneHigh * buckets, 0);
        Arrays.fill(zDwellCount, 0, zoneHigh * buckets, 0);
        for (int s = 0; s < skus; s++)
        {
            onHandSinceMs[s] = timeMs;
        }
        analyticsStartMs = timeMs;
    }

    // ---------------------------------------------------------------- commands

    private boolean onCommand(final ByteBuffer buffer, final int offset, final Pipeline pipeline)
    {
        final int code = buffer.getInt(offset + CommandFlyweight.COMMAND_OFFSET);
        final long timeMs = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
        if (code == CommandFlyweight.ASSIGN_TAG)
        {
            // the base applied the item's new SKU at the command: follow it now, not at its next read
            final int tag = pipeline.tags().get(buffer.getLong(offset + CommandFlyweight.ARG1_OFFSET),
                buffer.getInt(offset + CommandFlyweight.INT_ARG_OFFSET));
            if (tag != TagTable.MISSING && tag < tagCapacity && tIn[tag])
            {
                syncSku(tag, timeMs);
            }
            return false;
        }
        if (code == OpsCommands.ADJUST)
        {
            ensureClock(timeMs);
            onAdjust(timeMs);
            return false; // handled by the operations extension
        }
        if (code < AccuracyCommands.FIRST || code > AccuracyCommands.LAST)
        {
            return false;
        }
        ensureClock(timeMs);
        final long arg2 = buffer.getLong(offset + CommandFlyweight.ARG2_OFFSET);
        final long arg3 = buffer.getLong(offset + CommandFlyweight.ARG3_OFFSET);
        final long arg4 = buffer.getLong(offset + CommandFlyweight.ARG4_OFFSET);
        switch (code)
        {
            case AccuracyCommands.BOOK:
                return onBook(arg2, arg3, arg4, timeMs);
            case AccuracyCommands.BOOK_RESET:
                return onBookReset(arg2, arg3);
            case AccuracyCommands.ACCURACY_REPORT:
                return onReport(arg2, arg3, arg4, timeMs, pipeline);
            case AccuracyCommands.COUNT_START:
                return onCountStart(arg2, arg3, timeMs);
            case AccuracyCommands.COUNT_END:
                return onCountEnd(arg2, arg3, arg4, timeMs, pipeline);
            case AccuracyCommands.COUNT_CANCEL:
            {
                final int slot = countSlot(arg2);
                if (slot < 0)
                {
                    return false;
                }
                endCount(slot);
                return true;
            }
            case AccuracyCommands.UNIT_VALUE:
            {
                final int sku = arg2 == 0 || arg3 < 0 ? -1 : skuIndexOf(arg2, true);
                if (sku < 0)
                {
                    return false;
                }
                unitValueCents[sku] = arg3;
                return true;
            }
            case AccuracyCommands.ABC_SHARES:
                if (arg2 < 0 || arg3 < 0 || arg2 + arg3 > 100)
                {
                    return false;
                }
                shareAPercent = (int)arg2;
                shareBPercent = (int)arg3;
                return true;
            case AccuracyCommands.COUNT_INTERVAL:
                if (arg2 < CLASS_A || arg2 > CLASS_C || arg3 < 0)
                {
                    return false;
                }
                classIntervalMs[(int)arg2] = arg3;
                return true;
            case AccuracyCommands.ABC_CLASSIFY:
                classify();
                return true;
            case AccuracyCommands.SUGGEST_COUNT:
                if (arg2 < 0 || arg2 > MAX_SUGGESTIONS)
                {
                    return false;
                }
                suggest(timeMs, arg2 == 0 ? 1 : (int)arg2, false, pipeline);
                return true;
            case AccuracyCommands.ANALYTICS_RESET:
                resetAnalytics(timeMs);
                return true;
            default:
                return false;
        }
    }

    private boolean isZone(final long zone)
    {
        return zone >= 0 && zone < maxZones;
    }

    private boolean onBook(final long skuKey, final long zone, final long quantity, final long timeMs)
    {
        if (skuKey == 0 || !isZone(zone) || quantity < 0 || quantity > MAX_QUANTITY)
        {
            return false;
        }
        final int sku = skuIndexOf(skuKey, true);
        final int row = sku < 0 ? -1 : lineOf(sku, (int)zone, timeMs);
        if (row < 0)
        {
            return false;
        }
        lBook[row] = (int)quantity;
        zBooked[(int)zone] = true;
        return true;
    }

    private boolean onBookReset(final long zone, final long mode)
    {
        if ((zone != -1 && !isZone(zone)) || mode < 0 || mode > 1)
        {
            return false;
        }
        for (int row = 0; row < lineCount; row++)
        {
            if (zone == -1 || lineZone(row) == zone)
            {
                lBook[row] = 0;
            }
        }
        if (zone == -1)
        {
            if (mode == 1)
            {
                Arrays.fill(zBooked, false);
            }
        }
        else
        {
            zBooked[(int)zone] = mode == 0;
        }
        return true;
    }

    // ---------------------------------------------------------------- accuracy

    private boolean onReport(
        final long zone, final long toleranceItems, final long tolerancePermille, final long timeMs,
        final Pipeline pipeline)
    {
        if ((zone != -1 && !isZone(zone)) || toleranceItems < 0 || toleranceItems > MAX_QUANTITY ||
            tolerancePermille < 0 || tolerancePermille > 1_000_000)
        {
            return false;
        }
        measure((int)zone, toleranceItems, tolerancePermille, true, timeMs, pipeline);
        if (zone == -1)
        {
            for (int z = 0; z < maxZones; z++)
            {
                if (zBooked[z])
                {
                    pipeline.emit(EventType.OPS_ACCURACY, (short)recordBp(zAccurate[z], zLines[z]), 0, timeMs, 0, 0,
                        NO_ZONE, z, 0, quantityBp(zAbsDiff[z], zBookSum[z]), zLines[z], Ledger.NO_SKU);
                }
            }
        }
        pipeline.emit(EventType.OPS_ACCURACY, (short)recordBp(mAccurate, mLines), 0, timeMs, 0, 0, NO_ZONE,
            (int)zone, 0, quantityBp(mAbsDiff, mBookSum), mLines, Ledger.NO_SKU);
        return true;
    }

    /**
     * Compare book and detected over the lines of a zone (or of every zone under book control for -1): totals in
     * the m* fields, per zone in the z* scratch arrays; optionally emit the lines outside tolerance.
     */
    private void measure(
        final int zone, final long toleranceItems, final long tolerancePermille, final boolean emit, final long timeMs,
        final Pipeline pipeline)
    {
        final boolean site = zone == -1;
        if (site)
        {
            Arrays.fill(zLines, 0);
            Arrays.fill(zAccurate, 0);
            Arrays.fill(zAbsDiff, 0);
            Arrays.fill(zBookSum, 0);
        }
        int lines = 0;
        int accurate = 0;
        long absDiff = 0;
        long bookSum = 0;
        for (int row = 0; row < lineCount; row++)
        {
            final int z = lineZone(row);
            if (site ? !zBooked[z] : z != zone)
            {
                continue;
            }
            final long skuKey = skuIndex.key(lineSku(row));
            final int book = lBook[row];
            final int detected = ops.onHand(skuKey, z);
            if (book == 0 && detected == 0)
            {
                continue;
            }
            final long diff = Math.abs((long)detected - book);
            final boolean within = diff <= Math.max(toleranceItems, book * tolerancePermille / 1000);
            lines++;
            accurate += within ? 1 : 0;
            absDiff += diff;
            bookSum += book;
            if (site)
            {
                zLines[z]++;
                zAccurate[z] += within ? 1 : 0;
                zAbsDiff[z] += diff;
                zBookSum[z] += book;
            }
            if (emit && !within)
            {
                pipeline.emit(EventType.OPS_COUNT_DISCREPANCY, DETAIL_REPORT, 0, timeMs, skuKey, 0, NO_ZONE, z, 0,
                    book, detected, pipeline.ledger().skuHandle(skuKey));
            }
        }
        mLines = lines;
        mAccurate = accurate;
        mAbsDiff = absDiff;
        mBookSum = bookSum;
    }

    private static int recordBp(final int accurate, final int lines)
    {
        return lines == 0 ? FULL_BP : (int)(accurate * (long)FULL_BP / lines);
    }

    private static int quantityBp(final long absDiff, final long bookSum)
    {
        if (bookSum == 0)
        {
            return absDiff == 0 ? FULL_BP : 0;
        }
        return absDiff >= bookSum ? 0 : (int)((bookSum - absDiff) * FULL_BP / bookSum);
    }

    // ---------------------------------------------------------------- cycle counts

    private int countSlot(final long countId)
    {
        for (int slot = 0; slot < cActive.length; slot++)
        {
            if (cActive[slot] && cId[slot] == countId)
            {
                return slot;
            }
        }
        return -1;
    }

    private boolean onCountStart(final long countId, final long zone, final long timeMs)
    {
        if (countId <= 0 || countId > Integer.MAX_VALUE || !isZone(zone) || zCountSlot[(int)zone] >= 0 ||
            countSlot(countId) >= 0)
        {
            return false;
        }
        int slot = -1;
        for (int s = 0; s < cActive.length && slot < 0; s++)
        {
            slot = cActive[s] ? -1 : s;
        }
        if (slot < 0)
        {
            droppedRows++;
            return false;
        }
        final int z = (int)zone;
        for (int row = 0; row < lineCount; row++)
        {
            if (lineZone(row) == z)
            {
                lCounted[row] = 0;
            }
        }
        cActive[slot] = true;
        cId[slot] = countId;
        cZone[slot] = z;
        cSerial[slot] = ++countSerial;
        zCountSlot[z] = slot;
        activeCounts++;
        nowMs = Math.max(nowMs, timeMs);
        return true;
    }

    private void endCount(final int slot)
    {
        zCountSlot[cZone[slot]] = -1;
        cActive[slot] = false;
        activeCounts--;
    }

    private boolean onCountEnd(
        final long countId, final long flags, final long toleranceItems, final long timeMs, final Pipeline pipeline)
    {
        final int slot = countSlot(countId);
        if (slot < 0 || (flags & ~AccuracyCommands.POST_TO_BOOK) != 0 || toleranceItems < 0 ||
            toleranceItems > MAX_QUANTITY)
        {
            return false;
        }
        final int zone = cZone[slot];
        final long serial = cSerial[slot];
        final int source = (int)countId;
        int lines = 0;
        int accurate = 0;
        long absDiff = 0;
        long bookSum = 0;
        long counted = 0;
        for (int row = 0; row < lineCount; row++)
        {
            if (lineZone(row) != zone)
            {
                continue;
            }
            final int book = lBook[row];
            final int quantity = lCounted[row];
            if (book == 0 && quantity == 0)
            {
                continue;
            }
            final long diff = Math.abs((long)quantity - book);
            lines++;
            absDiff += diff;
            bookSum += book;
            counted += quantity;
            if (diff <= toleranceItems)
            {
                accurate++;
            }
            else
            {
                final long skuKey = skuIndex.key(lineSku(row));
                pipeline.emit(EventType.OPS_COUNT_DISCREPANCY, DETAIL_COUNT, source, timeMs, skuKey, 0, NO_ZONE,
                    zone, 0, book, quantity, pipeline.ledger().skuHandle(skuKey));
            }
        }
        reportItems(zone, serial, source, timeMs, pipeline);
        final int recordBp = recordBp(accurate, lines);
        pipeline.emit(EventType.OPS_ACCURACY, (short)recordBp, source, timeMs, 0, 0, NO_ZONE, zone, 0,
            quantityBp(absDiff, bookSum), lines, Ledger.NO_SKU);
        pipeline.emit(EventType.OPS_CYCLE_COUNT_COMPLETE, (short)recordBp, source, timeMs, 0, 0, NO_ZONE, zone, 0,
            counted, lines, Ledger.NO_SKU);

        final boolean post = (flags & AccuracyCommands.POST_TO_BOOK) != 0;
        for (int row = 0; row < lineCount; row++)
        {
            if (lineZone(row) == zone)
            {
                if (post)
                {
                    lBook[row] = lCounted[row];
                }
                lCounted[row] = 0;
                lDueBaseMs[row] = timeMs;
                lSuggested[row] = false;
            }
        }
        if (post)
        {
            zBooked[zone] = true;
        }
        zLastCountMs[zone] = timeMs;
        zLastCountBp[zone] = recordBp;
        endCount(slot);
        return true;
    }

    /** Items missing from the sweep (in the operations ledger there, not read) and unrecorded (read, not there). */
    private void reportItems(
        final int zone, final long serial, final int source, final long timeMs, final Pipeline pipeline)
    {
        final TagTable tags = pipeline.tags();
        final Ledger ledger = pipeline.ledger();
        final int limit = Math.min(tags.handleLimit(), tagCapacity);
        for (int t = 0; t < limit; t++)
        {
            final boolean marked = tMark[t] == serial;
            final boolean counted = ops.isCounted(t);
            final int where = counted ? ops.zoneOf(t) : NO_ZONE;
            if (where == zone && !marked)
            {
                final long lastSeenMs = ledger.lastSeenMs(t);
                pipeline.emit(EventType.OPS_COUNT_DISCREPANCY, DETAIL_MISSING, source, timeMs, ops.epcHighOf(t),
                    ops.epcLowOf(t), NO_ZONE, zone, 0, lastSeenMs == 0 ? 0 : Math.max(0, timeMs - lastSeenMs), 0,
                    ops.ledgerSkuOf(t));
            }
            else if (marked && where != zone && tags.isLive(t))
            {
                pipeline.emit(EventType.OPS_COUNT_DISCREPANCY, DETAIL_UNRECORDED, source, timeMs, tags.epcHigh(t),
                    tags.epcLow(t), where, zone, 0, 0, 0, ledger.sku(t));
            }
        }
    }

    // ---------------------------------------------------------------- ABC and suggestions

    private void classify()
    {
        final int n = skuIndex.size();
        double total = 0;
        for (int s = 0; s < n; s++)
        {
            final long moves = windowSum(bMoves, s);
            final long value = unitValueCents[s];
            final long product = moves == 0 || value == 0 ? 0 :
                (value > Long.MAX_VALUE / moves ? Long.MAX_VALUE : value * moves);
            score[s] = product;
            order[s] = s;
            total += product;
        }
        heapSort(n);
        final double aLimit = total * shareAPercent / 100.0;
        final double bLimit = total * (shareAPercent + shareBPercent) / 100.0;
        double cumulative = 0;
        for (int i = 0; i < n; i++)
        {
            final int s = order[i];
            final long value = score[s];
            final int c;
            if (value == 0)
            {
                c = CLASS_C;
            }
            else if (cumulative < aLimit)
            {
                c = CLASS_A;
            }
            else if (cumulative < bLimit)
            {
                c = CLASS_B;
            }
            else
            {
                c = CLASS_C;
            }
            abcClass[s] = (byte)c;
            cumulative += value;
        }
    }

    /** @return true if SKU a sorts after SKU b: lower score, or equal score and higher key. */
    private boolean after(final int a, final int b)
    {
        final long sa = score[a];
        final long sb = score[b];
        return sa < sb || (sa == sb && skuIndex.key(a) > skuIndex.key(b));
    }

    private void heapSort(final int n)
    {
        for (int i = n / 2 - 1; i >= 0; i--)
        {
            siftDown(i, n);
        }
        for (int end = n - 1; end > 0; end--)
        {
            final int top = order[0];
            order[0] = order[end];
            order[end] = top;
            siftDown(0, end);
        }
    }

    private void siftDown(final int start, final int n)
    {
        final int[] a = order;
        int i = start;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n)
            {
                return;
            }
            if (child + 1 < n && after(a[child + 1], a[child]))
            {
                child++;
            }
            if (!after(a[child], a[i]))
            {
                return;
            }
            final int swap = a[i];
            a[i] = a[child];
            a[child] = swap;
            i = child;
        }
    }

    private int effectiveClass(final int sku)
    {
        final int c = abcClass[sku];
        return c == CLASS_NONE ? CLASS_C : c;
    }

    /**
     * Emit up to {@code count} suggestions, most overdue first (ties by line order).
     *
     * @param onlyNew skip lines suggested since their last count, and mark the ones suggested.
     */
    private void suggest(final long timeMs, final int count, final boolean onlyNew, final Pipeline pipeline)
    {
        long previousOverdue = Long.MAX_VALUE;
        int previousRow = -1;
        for (int k = 0; k < count; k++)
        {
            int best = -1;
            long bestOverdue = -1;
            int bestDetected = 0;
            for (int row = 0; row < lineCount; row++)
            {
                if (onlyNew && lSuggested[row])
                {
                    continue;
                }
                final int zone = lineZone(row);
                if ((!zBooked[zone] && ops.role(zone) != ZoneRole.STORAGE) || zCountSlot[zone] >= 0)
                {
                    continue;
                }
                final int sku = lineSku(row);
                final long intervalMs = classIntervalMs[effectiveClass(sku)];
                if (intervalMs <= 0)
                {
                    continue;
                }
                final long overdue = timeMs - lDueBaseMs[row] - intervalMs;
                if (overdue < 0 || overdue <= bestOverdue || overdue > previousOverdue ||
                    (overdue == previousOverdue && row <= previousRow))
                {
                    continue;
                }
                final int detected = ops.onHand(skuIndex.key(sku), zone);
                if (lBook[row] == 0 && detected == 0)
                {
                    continue;
                }
                best = row;
                bestOverdue = overdue;
                bestDetected = detected;
            }
            if (best < 0)
            {
                return;
            }
            final int sku = lineSku(best);
            final long skuKey = skuIndex.key(sku);
            pipeline.emit(EventType.OPS_COUNT_SUGGESTED, (short)effectiveClass(sku), 0, timeMs, skuKey, 0, NO_ZONE,
                lineZone(best), 0, bestOverdue, bestDetected, pipeline.ledger().skuHandle(skuKey));
            lSuggested[best] = true;
            previousOverdue = bestOverdue;
            previousRow = best;
        }
    }

    // ---------------------------------------------------------------- tables

    private int skuIndexOf(final long skuKey, final boolean add)
    {
        final int added = skuIndex.size(); // the index a key added now gets
        final int sku = skuIndex.indexOf(skuKey, add);
        if (sku < 0)
        {
            droppedRows += add ? 1 : 0;
        }
        else if (sku == added)
        {
            onHandSinceMs[sku] = nowMs;
        }
        return sku;
    }

    private int lineOf(final int sku, final int zone, final long timeMs)
    {
        if (zone < 0 || zone >= maxZones)
        {
            droppedRows += zone < 0 ? 0 : 1;
            return -1;
        }
        final long key = ((long)sku << 16) | zone;
        final int index = lineIndex.indexOf(key);
        if (lineIndex.indexExists(index))
        {
            return lineIndex.indexGet(index);
        }
        if (lineCount == lKey.length)
        {
            droppedRows++;
            return -1;
        }
        final int row = lineCount++;
        lKey[row] = key;
        lDueBaseMs[row] = timeMs;
        lineIndex.indexInsert(index, key, row);
        return row;
    }

    private int lineZone(final int row)
    {
        return (int)(lKey[row] & 0xFFFF);
    }

    private int lineSku(final int row)
    {
        return (int)(lKey[row] >>> 16);
    }

    private int lineOrMissing(final long skuKey, final int zone)
    {
        final int sku = skuIndexOf(skuKey, false);
        return sku < 0 || !isZone(zone) ? -1 : lineIndex.getOrDefault(((long)sku << 16) | zone, -1);
    }

    private long windowSum(final long[] values, final int index)
    {
        long sum = 0;
        final int base = index * buckets;
        for (int b = 0; b < buckets; b++)
        {
            sum += values[base + b];
        }
        return sum;
    }

    // ---------------------------------------------------------------- queries (engine thread)

    /** @return rows (SKUs, lines, per-tag or per-zone data, counts) not kept because a table was full. */
    public long droppedRows()
    {
        return droppedRows;
    }

    /** @param skuKey SKU key. @param zone zone id. @return the line's book quantity (0 if none). */
    public int book(final long skuKey, final int zone)
    {
        final int row = lineOrMissing(skuKey, zone);
        return row < 0 ? 0 : lBook[row];
    }

    /** @param zone zone id. @return true if the zone is under book control (part of the site accuracy). */
    public boolean isBooked(final int zone)
    {
        return isZone(zone) && zBooked[zone];
    }

    /** @param skuKey SKU key. @param zone zone id. @return detected on hand - book (the operations ledger's view). */
    public int discrepancy(final long skuKey, final int zone)
    {
        return ops.onHand(skuKey, zone) - book(skuKey, zone);
    }

    /**
     * @param zone              zone id, or -1 for the site (zones under book control).
     * @param toleranceItems    tolerance in items (&gt;= 0).
     * @param tolerancePermille tolerance in permille of the book (&gt;= 0).
     * @return record accuracy in basis points (book vs detected), or -1 for a bad argument.
     */
    public int recordAccuracyBp(final int zone, final long toleranceItems, final long tolerancePermille)
    {
        if ((zone != -1 && !isZone(zone)) || toleranceItems < 0 || tolerancePermille < 0)
        {
            return -1;
        }
        measure(zone, toleranceItems, tolerancePermille, false, nowMs, null);
        return recordBp(mAccurate, mLines);
    }

    /** @param zone zone id, or -1 for the site. @return quantity accuracy in basis points, or -1 for a bad zone. */
    public int quantityAccuracyBp(final int zone)
    {
        if (zone != -1 && !isZone(zone))
        {
            return -1;
        }
        measure(zone, 0, 0, false, nowMs, null);
        return quantityBp(mAbsDiff, mBookSum);
    }

    /** @param zone zone id, or -1 for the site. @return lines taking part in its accuracy, or -1 for a bad zone. */
    public int accuracyLines(final int zone)
    {
        if (zone != -1 && !isZone(zone))
        {
            return -1;
        }
        measure(zone, 0, 0, false, nowMs, null);
        return mLines;
    }

    /** @param zone zone id. @return true if a cycle count runs in the zone. */
    public boolean isCounting(final int zone)
    {
        return isZone(zone) && zCountSlot[zone] >= 0;
    }

    /** @return cycle counts running. */
    public int activeCounts()
    {
        return activeCounts;
    }

    /**
     * @param skuKey SKU key.
     * @param zone   zone id.
     * @return items of the SKU counted so far by the count running in the zone, 0 if none runs.
     */
    public int countedSoFar(final long skuKey, final int zone)
    {
        final int row = lineOrMissing(skuKey, zone);
        return row < 0 || zCountSlot[zone] < 0 ? 0 : lCounted[row];
    }

    /** @param zone zone id. @return time of its last completed cycle count, 0 if never. */
    public long lastCountMs(final int zone)
    {
        return isZone(zone) ? zLastCountMs[zone] : 0;
    }

    /** @param zone zone id. @return record accuracy in bp of its last completed cycle count, 0 if never. */
    public int lastCountAccuracyBp(final int zone)
    {
        return isZone(zone) ? zLastCountBp[zone] : 0;
    }

    /** @param skuKey SKU key. @return unit value in cents, 0 if none. */
    public long unitValueCents(final long skuKey)
    {
        final int sku = skuIndexOf(skuKey, false);
        return sku < 0 ? 0 : unitValueCents[sku];
    }

    /** @param skuKey SKU key. @return its ABC class ({@link #CLASS_NONE} if never classified or unknown). */
    public int abcClass(final long skuKey)
    {
        final int sku = skuIndexOf(skuKey, false);
        return sku < 0 ? CLASS_NONE : abcClass[sku];
    }

    /** @param abcClass 1..3. @return its counting interval in ms (0 = never), or -1 for a bad class. */
    public long countIntervalMs(final int abcClass)
    {
        return abcClass < CLASS_A || abcClass > CLASS_C ? -1 : classIntervalMs[abcClass];
    }

    /**
     * @param skuKey SKU key.
     * @param zone   zone id.
     * @return ms the line is overdue for counting (negative = due in that many ms), or Long.MIN_VALUE if the line is
     * unknown or its class is never counted.
     */
    public long overdueMs(final long skuKey, final int zone)
    {
        final int row = lineOrMissing(skuKey, zone);
        if (row < 0)
        {
            return Long.MIN_VALUE;
        }
        final long intervalMs = classIntervalMs[effectiveClass(lineSku(row))];
        return intervalMs <= 0 ? Long.MIN_VALUE : nowMs - lDueBaseMs[row] - intervalMs;
    }

    /** @param skuKey SKU key. @return item movements in the analytics window. */
    public long movements(final long skuKey)
    {
        final int sku = skuIndexOf(skuKey, false);
        return sku < 0 ? 0 : windowSum(bMoves, sku);
    }

    /** @param skuKey SKU key. @return ABC score: unit value in cents x movements in the window (saturating). */
    public long movementValueCents(final long skuKey)
    {
        final int sku = skuIndexOf(skuKey, false);
        if (sku < 0)
        {
            return 0;
        }
        final long moves = windowSum(bMoves, sku);
        final long value = unitValueCents[sku];
        return moves == 0 || value == 0 ? 0 : (value > Long.MAX_VALUE / moves ? Long.MAX_VALUE : value * moves);
    }

    /** @param skuKey SKU key. @return items issued (ISSUE, SHIP, CONSUME) in the analytics window. */
    public long issued(final long skuKey)
    {
        final int sku = skuIndexOf(skuKey, false);
        return sku < 0 ? 0 : windowSum(bIssued, sku);
    }

    /** @param skuKey SKU key. @return items of the SKU on hand at the site now (any zone, ADJUST stock included). */
    public int siteOnHand(final long skuKey)
    {
        final int sku = skuIndexOf(skuKey, false);
        return sku < 0 ? 0 : siteOnHand[sku];
    }

    /** @param skuKey SKU key. @return time integral of its site on hand over the window, in item-ms. */
    public long onHandItemMs(final long skuKey)
    {
        final int sku = skuIndexOf(skuKey, false);
        if (sku < 0)
        {
            return 0;
        }
        final long since = onHandSinceMs[sku];
        return windowSum(bOnHandMs, sku) + (nowMs > since ? (long)siteOnHand[sku] * (nowMs - since) : 0);
    }

    /** @return start of the analytics window in epoch ms (record time). */
    public long windowStartMs()
    {
        return Math.max(analyticsStartMs, (curEpoch - buckets + 1) * bucketMs);
    }

    /** @return length of the analytics window now, in ms. */
    public long windowMs()
    {
        return curEpoch < 0 ? 0 : Math.max(0, nowMs - windowStartMs());
    }

    /** @param skuKey SKU key. @return velocity: movements per item per day over the window (0 if nothing on hand). */
    public double velocityPerItemDay(final long skuKey)
    {
        final long itemMs = onHandItemMs(skuKey);
        return itemMs <= 0 ? 0 : movements(skuKey) * (double)DAY_MS / itemMs;
    }

    /** @param skuKey SKU key. @return turnover over the window: issued / average site on hand (0 if none on hand). */
    public double turnover(final long skuKey)
    {
        final long itemMs = onHandItemMs(skuKey);
        return itemMs <= 0 ? 0 : issued(skuKey) * (double)windowMs() / itemMs;
    }

    /** @param skuKey SKU key. @return mean lead time receipt -&gt; consumption in the window in ms, -1 if none. */
    public long meanLeadTimeMs(final long skuKey)
    {
        final int sku = skuIndexOf(skuKey, false);
        final long n = sku < 0 ? 0 : windowSum(bLeadCount, sku);
        return n == 0 ? -1 : windowSum(bLeadSumMs, sku) / n;
    }

    /** @param skuKey SKU key. @return consumptions with a known receipt time in the window. */
    public long leadTimeSamples(final long skuKey)
    {
        final int sku = skuIndexOf(skuKey, false);
        return sku < 0 ? 0 : windowSum(bLeadCount, sku);
    }

    /** @param zone zone id. @return mean dwell of the stays in the zone that ended in the window in ms, -1 if none. */
    public long meanDwellMs(final int zone)
    {
        final long n = isZone(zone) ? windowSum(zDwellCount, zone) : 0;
        return n == 0 ? -1 : windowSum(zDwellSumMs, zone) / n;
    }

    /** @param zone zone id. @return stays in the zone that ended in the window. */
    public long dwellStays(final int zone)
    {
        return isZone(zone) ? windowSum(zDwellCount, zone) : 0;
    }

    // ---------------------------------------------------------------- snapshot

    @Override
    public void writeSnapshot(final DataOutput out, final Pipeline pipeline) throws IOException
    {
        writeTo(out, pipeline.tags().handleLimit());
    }

    @Override
    public void readSnapshot(final DataInput in, final Pipeline pipeline) throws IOException
    {
        readFrom(in, pipeline.tags().handleLimit());
    }

    /**
     * Write the whole state; restore with {@link #readFrom(DataInput, int)} into rules with the same {@link Context}.
     *
     * @param out         to write to.
     * @param handleLimit one past the highest tag handle in use ({@code pipeline.tags().handleLimit()}).
     * @throws IOException on failure.
     */
    public void writeTo(final DataOutput out, final int handleLimit) throws IOException
    {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeInt(maxZones);
        out.writeInt(buckets);
        final int limit = Math.min(handleLimit, tagCapacity);
        out.writeInt(limit);
        for (int t = 0; t < limit; t++)
        {
            out.writeBoolean(tIn[t]);
            out.writeLong(tSkuKey[t]);
            out.writeInt(tSku[t]);
            out.writeLong(tEnterMs[t]);
            out.writeLong(tReceiptMs[t]);
            out.writeLong(tMark[t]);
            out.writeInt(tMarkRow[t]);
        }
        skuIndex.writeSize(out);
        for (int s = 0; s < skuIndex.size(); s++)
        {
            skuIndex.writeKey(out, s);
            out.writeLong(unitValueCents[s]);
            out.writeByte(abcClass[s]);
            out.writeInt(siteOnHand[s]);
            out.writeLong(onHandSinceMs[s]);
        }
        final int skuCells = skuIndex.size() * buckets;
        for (int i = 0; i < skuCells; i++)
        {
            out.writeLong(bMoves[i]);
            out.writeLong(bIssued[i]);
            out.writeLong(bOnHandMs[i]);
            out.writeLong(bLeadSumMs[i]);
            out.writeLong(bLeadCount[i]);
        }
        out.writeInt(lineCount);
        for (int row = 0; row < lineCount; row++)
        {
            out.writeLong(lKey[row]);
            out.writeInt(lBook[row]);
            out.writeInt(lCounted[row]);
            out.writeLong(lDueBaseMs[row]);
            out.writeBoolean(lSuggested[row]);
        }
        for (int z = 0; z < maxZones; z++)
        {
            out.writeBoolean(zBooked[z]);
            out.writeInt(zCountSlot[z]);
            out.writeLong(zLastCountMs[z]);
            out.writeInt(zLastCountBp[z]);
        }
        out.writeInt(zoneHigh);
        final int zoneCells = zoneHigh * buckets;
        for (int i = 0; i < zoneCells; i++)
        {
            out.writeLong(zDwellSumMs[i]);
            out.writeLong(zDwellCount[i]);
        }
        out.writeInt(cActive.length);
        for (int slot = 0; slot < cActive.length; slot++)
        {
            out.writeBoolean(cActive[slot]);
            out.writeLong(cId[slot]);
            out.writeInt(cZone[slot]);
            out.writeLong(cSerial[slot]);
        }
        out.writeInt(activeCounts);
        out.writeLong(countSerial);
        out.writeInt(shareAPercent);
        out.writeInt(shareBPercent);
        for (int c = CLASS_A; c <= CLASS_C; c++)
        {
            out.writeLong(classIntervalMs[c]);
        }
        out.writeLong(nowMs);
        out.writeLong(curEpoch);
        out.writeLong(analyticsStartMs);
        out.writeLong(nextClassifyMs);
        out.writeLong(nextSuggestMs);
        out.writeLong(adjustCursor);
        out.writeLong(droppedRows);
    }

    /**
     * Restore state written by {@link #writeTo(DataOutput, int)} into fresh rules with the same capacities.
     *
     * @param in          to read from.
     * @param handleLimit the handle limit of the restored pipeline's tag table.
     * @throws IOException on failure or a capacity mismatch.
     */
    public void readFrom(final DataInput in, final int handleLimit) throws IOException
    {
        readHeader(in, SNAPSHOT_MAGIC, SNAPSHOT_VERSION, "an accuracy rules snapshot");
        if (in.readInt() != maxZones || in.readInt() != buckets)
        {
            throw new IOException("accuracy snapshot zones or window buckets differ from the configured ones");
        }
        final int limit = in.readInt();
        if (limit != Math.min(handleLimit, tagCapacity))
        {
            throw new IOException("snapshot handle limit " + limit + " does not match " + handleLimit);
        }
        for (int t = 0; t < limit; t++)
        {
            tIn[t] = in.readBoolean();
            tSkuKey[t] = in.readLong();
            tSku[t] = in.readInt();
            tEnterMs[t] = in.readLong();
            tReceiptMs[t] = in.readLong();
            tMark[t] = in.readLong();
            tMarkRow[t] = in.readInt();
        }
        skuIndex.readSize(in, "skus");
        for (int s = 0; s < skuIndex.size(); s++)
        {
            skuIndex.readKey(in, s);
            unitValueCents[s] = in.readLong();
            abcClass[s] = in.readByte();
            siteOnHand[s] = in.readInt();
            onHandSinceMs[s] = in.readLong();
        }
        final int skuCells = skuIndex.size() * buckets;
        for (int i = 0; i < skuCells; i++)
        {
            bMoves[i] = in.readLong();
            bIssued[i] = in.readLong();
            bOnHandMs[i] = in.readLong();
            bLeadSumMs[i] = in.readLong();
            bLeadCount[i] = in.readLong();
        }
        lineCount = readCount(in, lKey.length, "lines");
        lineIndex.clear();
        for (int row = 0; row < lineCount; row++)
        {
            lKey[row] = in.readLong();
            lBook[row] = in.readInt();
            lCounted[row] = in.readInt();
            lDueBaseMs[row] = in.readLong();
            lSuggested[row] = in.readBoolean();
            lineIndex.put(lKey[row], row);
        }
        for (int z = 0; z < maxZones; z++)
        {
            zBooked[z] = in.readBoolean();
            zCountSlot[z] = in.readInt();
            zLastCountMs[z] = in.readLong();
            zLastCountBp[z] = in.readInt();
        }
        zoneHigh = readCount(in, maxZones, "dwell zones");
        final int zoneCells = zoneHigh * buckets;
        for (int i = 0; i < zoneCells; i++)
        {
            zDwellSumMs[i] = in.readLong();
            zDwellCount[i] = in.readLong();
        }
        if (in.readInt() != cActive.length)
        {
            throw new IOException("accuracy snapshot running-count capacity differs from the configured one");
        }
        for (int slot = 0; slot < cActive.length; slot++)
        {
            cActive[slot] = in.readBoolean();
            cId[slot] = in.readLong();
            cZone[slot] = in.readInt();
            cSerial[slot] = in.readLong();
        }
        activeCounts = in.readInt();
        countSerial = in.readLong();
        shareAPercent = in.readInt();
        shareBPercent = in.readInt();
        for (int c = CLASS_A; c <= CLASS_C; c++)
        {
            classIntervalMs[c] = in.readLong();
        }
        nowMs = in.readLong();
        curEpoch = in.readLong();
        curBucket = curEpoch < 0 ? 0 : (int)(curEpoch % buckets);
        analyticsStartMs = in.readLong();
        nextClassifyMs = in.readLong();
        nextSuggestMs = in.readLong();
        adjustCursor = in.readLong();
        droppedRows = in.readLong();
    }

    @Override
    public String toString()
    {
        return "AccuracyRules{skus=" + skuIndex.size() + ", lines=" + lineCount + ", activeCounts=" + activeCounts +
            ", dropped=" + droppedRows + "}";
    }
}
