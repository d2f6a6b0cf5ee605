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
import dev.inventory.core.record.SensorFlyweight;
import dev.inventory.core.zone.ZoneDirectory;

import static dev.inventory.core.ops.OpsChecks.readCount;
import static dev.inventory.core.ops.OpsChecks.readHeader;
import static dev.inventory.core.ops.OpsChecks.require;

/**
 * Lots, expiry and condition monitoring on an {@link OperationsExtension}: FIFO / FEFO rotation checks when stock is
 * consumed or shipped, expiry-approaching and expired alerts driven by record time, the use of an expired lot, and
 * temperature / humidity excursions against the limits of the lots present in a zone or container. Install after
 * the base: {@code RecordExtension.compose(ops, new LotRules(ops, context))} (the constructor registers the rule as
 * an {@link OpsListener}). Lot master data (expiry, in-date) comes from {@link OpsCommands#LOT}.
 * <p>
 * <b>Stock it tracks.</b> Per item (tag handle) it mirrors what the base counts: zone, SKU key, lot id, held flag,
 * and the core ledger's container id; from it, per SKU x lot ("lot row") the on-hand (every counted item, held or
 * not) and the rotation-available quantity, and per lot row x subject (zone or container) the items present and
 * those not held. The mirror is updated from {@link OpsListener#onItemMoved} / {@link OpsListener#onItemIssued}
 * and compared with the base on every read in which the base saw the item change ({@code lastReadChanged}, which
 * also covers a container change marked by {@code touch}) and at every ASSIGN_TAG / SET_TAG_STATUS command about it
 * (a hold, SKU, lot or container change shows at once, as in the base), O(1) per read and garbage-free once rows
 * exist. Items with neither SKU nor lot are
 * not tracked. Lot rows and presence rows are kept for the run (bounded by {@link Context}); rows that do not fit
 * are counted in {@link #droppedRows()} and their items not tracked.
 * <p>
 * <b>Rotation</b> ({@link #ROTATION}; per SKU, with a site default for SKU key 0). FIFO ranks lots by in-date;
 * FEFO by expiry, then in-date. A lot ranks earlier than another only if both carry the date(s) compared (lots
 * without a date, and items without a lot, are unranked and never part of a violation). When an item leaves stock
 * with reason {@link MovementLedger#CONSUME}, {@link MovementLedger#SHIP} or {@link MovementLedger#ISSUE} (the
 * ledger's "consumed by production"; {@code ops.issue}, {@link OpsCommands#ISSUE}, a ledger status CONSUMED or
 * SHIPPED), and an earlier-ranked lot of the same SKU that is not expired has available stock in scope, a
 * violation is raised naming the earliest such lot. Available in scope: items not held; scope
 * {@link #SCOPE_SITE}: in zones with role {@link ZoneRole#NONE} or {@link ZoneRole#STORAGE} (stock that can be
 * allocated; not receiving, WIP, hold, shipping or restricted) plus the zone the item left; scope
 * {@link #SCOPE_ZONE}: in the zone the item left. Per check O(lots of the SKU in stock).
 * <p>
 * <b>Expiry.</b> A lot row with stock whose lot has an expiry raises {@link EventType#OPS_EXPIRY_APPROACHING} once
 * when record time reaches expiry - warning lead time ({@link #EXPIRY_WARNING}, per SKU or site default; 0 = no
 * warning) and {@link EventType#OPS_EXPIRED} once when it reaches the expiry (time &gt;= expiry is expired).
 * Deadlines of stocked rows sit in a binary heap ordered by (deadline, row): {@code onTime} costs O(1) when nothing
 * is due; a due deadline is reported at its own time (in deadline order, so a long gap gives approaching then
 * expired). A row stocked when it is already past a deadline reports at that record's time (only EXPIRED if past
 * expiry). Changing a lot's dates ({@link OpsCommands#LOT}) or a warning lead time re-evaluates the rows: a status
 * no longer reached is re-armed. An expired lot consumed or shipped (reasons as above) raises
 * {@link EventType#OPS_EXPIRED_USED}, after {@code OPS_EXPIRED} if that was not reported yet.
 * <p>
 * <b>Condition monitoring.</b> A SENSOR record's subject is a zone id when {@code 0 <= subject <}
 * {@link ZoneDirectory#MAX_ZONES}, else a container id as in the core ledger's {@code container(tag)} (set by
 * ASSIGN_TAG); containers with ids below {@code MAX_ZONES} can therefore not be monitored as containers, and
 * negative subjects are ignored. Quantity {@link SensorFlyweight#QUANTITY_TEMPERATURE} (unit 0 or Celsius) and
 * {@link SensorFlyweight#QUANTITY_HUMIDITY} (unit 0 or percent RH); other readings are counted in
 * {@link #ignoredReadings()}. Values are compared in hundredths (rounded). The limits of a subject are the
 * tightest (highest minimum, lowest maximum) of the lot rows present there: a lot row's limits for a quantity are
 * its lot's ({@link #LOT_TEMPERATURE}, {@link #LOT_HUMIDITY}) if set, else its SKU's ({@link #SKU_TEMPERATURE},
 * {@link #SKU_HUMIDITY}); they are recomputed lazily at the next reading after the lots present or the limits
 * change. Per (subject, quantity): a reading outside the limits starts a pending excursion; it is reported
 * ({@code OPS_EXCURSION_START}) once readings stayed outside for the minimum duration ({@link #EXCURSION_FILTER};
 * 0 = at once), and a pending one that comes back inside first is dropped (counted in
 * {@link #suppressedExcursions()}). An active excursion ends ({@code OPS_EXCURSION_END}) at the first reading back
 * inside the limits by at least the hysteresis margin (or with no limit left, e.g. the goods left), or crossing to
 * the other side (which may start a new one).
 * <p>
 * <b>Events</b> (field use; {@code antenna} is 0 and {@code source} 0 unless stated):
 * <ul>
 *     <li>{@code OPS_FIFO_VIOLATION}, {@code OPS_FEFO_VIOLATION} (item event): EPC and SKU handle of the item,
 *     {@code fromZone} -1, {@code toZone} = zone it left, {@code detail} = issue reason ({@link MovementLedger}),
 *     {@code dwellMs} = id of the earlier-ranked lot that was available, {@code rssiCentiDbm} = the used lot's id
 *     (the item's lot) if it is in 0..2^31-1, else -1.</li>
 *     <li>{@code OPS_EXPIRED_USED} (item event): as above, {@code dwellMs} = the used lot id, {@code rssiCentiDbm}
 *     = whole hours since its expiry (capped at 2^31-1).</li>
 *     <li>{@code OPS_EXPIRY_APPROACHING}, {@code OPS_EXPIRED} (lot event, SKU-level form): {@code epcHigh} = SKU key
 *     (0 for items without SKU), {@code epcLow} 0, SKU handle of the key or -1, zones -1, {@code dwellMs} = lot id,
 *     {@code rssiCentiDbm} = on hand of the lot row (all counted items, held or not).</li>
 *     <li>{@code OPS_EXCURSION_START}: zone subject: EPC 0, {@code toZone} = zone; container subject:
 *     {@code epcHigh} = container id, {@code epcLow} 0, {@code toZone} -1; {@code fromZone} -1, SKU -1,
 *     {@code source} = sensor id, {@code detail} = quantity code, plus {@link #EXCURSION_BELOW} when under the
 *     minimum; {@code dwellMs} = the limit passed and {@code rssiCentiDbm} = the reading, both in hundredths of the
 *     unit; time = the reading that confirmed it (after the minimum duration).</li>
 *     <li>{@code OPS_EXCURSION_END}: subject, source and detail as for the start; {@code dwellMs} = duration in ms
 *     from the first reading outside to the reading that ended it, {@code rssiCentiDbm} = peak (the reading
 *     furthest beyond the limit) in hundredths.</li>
 * </ul>
 * <p>
 * Deterministic (record time only; every choice is ordered by value, not by table order), garbage-free per read,
 * movement, issue and sensor reading in steady state. State is snapshot by {@link #writeSnapshot} after the base's.
 * Instances are NOT threadsafe: engine thread only; the query methods too.
 */
public final class LotRules implements RecordExtension, OpsListener
{
    /**
     * Rotation policy of a SKU: arg2 = SKU key (0 = site default for SKUs without their own), arg3 = policy
     * ({@link #POLICY_NONE}, {@link #POLICY_FIFO}, {@link #POLICY_FEFO}; -1 = back to the default, SKUs only), arg4
     * = scope ({@link #SCOPE_SITE}, {@link #SCOPE_ZONE}; -1 = back to the default, SKUs only).
     */
    public static final int ROTATION = 1345;
    /**
     * Expiry warning lead time: arg2 = SKU key (0 = site default), arg3 = lead time in ms before expiry at which
     * {@code OPS_EXPIRY_APPROACHING} is raised (0 = none; -1 = back to the default, SKUs only).
     */
    public static final int EXPIRY_WARNING = 1346;
    /**
     * Temperature limits of a SKU: arg2 = SKU key (&gt; 0), arg3 = minimum, arg4 = maximum, in hundredths of a degree
     * Celsius (int; {@link #NO_MIN} / {@link #NO_MAX} for a one-sided limit; minimum &lt;= maximum).
     */
    public static final int SKU_TEMPERATURE = 1347;
    /** Humidity limits of a SKU: arg2 = SKU key (&gt; 0), arg3 = minimum, arg4 = maximum, hundredths of % RH. */
    public static final int SKU_HUMIDITY = 1348;
    /** Temperature limits of a lot (override its SKU's): arg2 = lot id (&gt; 0), arg3 = min, arg4 = max (as SKU). */
    public static final int LOT_TEMPERATURE = 1349;
    /** Humidity limits of a lot (override its SKU's): arg2 = lot id (&gt; 0), arg3 = min, arg4 = max (as SKU). */
    public static final int LOT_HUMIDITY = 1350;
    /**
     * Clear condition limits: arg2 = {@link #LIMITS_OF_SKU} or {@link #LIMITS_OF_LOT}, arg3 = SKU key or lot id,
     * arg4 = quantity code (0 = both).
     */
    public static final int CLEAR_CONDITION_LIMITS = 1351;
    /**
     * Excursion filter: arg2 = quantity code (0 = both), arg3 = minimum duration in ms outside the limits before an
     * excursion is reported (0..{@value #MAX_FILTER_MS}), arg4 = hysteresis in hundredths of the unit (&gt;= 0): how
     * far back inside the limits a reading must be to end it.
     */
    public static final int EXCURSION_FILTER = 1352;
    /** First command code of this rule's block. */
    public static final int FIRST_COMMAND = 1345;
    /** Last command code of this rule's block. */
    public static final int LAST_COMMAND = 1359;

    /** Rotation policy: none. */
    public static final int POLICY_NONE = 0;
    /** Rotation policy: first in, first out (by in-date). */
    public static final int POLICY_FIFO = 1;
    /** Rotation policy: first expired, first out (by expiry, then in-date). */
    public static final int POLICY_FEFO = 2;
    /** Rotation scope: allocatable stock site-wide, plus the zone the item left. */
    public static final int SCOPE_SITE = 0;
    /** Rotation scope: the zone the item left. */
    public static final int SCOPE_ZONE = 1;
    /** Lot status: not within its warning time (or no expiry). */
    public static final int STATUS_OK = 0;
    /** Lot status: within its warning time of expiry. */
    public static final int STATUS_APPROACHING = 1;
    /** Lot status: expired. */
    public static final int STATUS_EXPIRED = 2;
    /** {@link #CLEAR_CONDITION_LIMITS} arg2: a SKU's limits. */
    public static final int LIMITS_OF_SKU = 1;
    /** {@link #CLEAR_CONDITION_LIMITS} arg2: a lot's limits. */
    public static final int LIMITS_OF_LOT = 2;
    /** No lower limit (a limit command's minimum). */
    public static final int NO_MIN = Integer.MIN_VALUE;
    /** No upper limit (a limit command's maximum). */
    public static final int NO_MAX = Integer.MAX_VALUE;
    /** Excursion event detail flag: the value went under the minimum (else over the maximum). */
    public static final int EXCURSION_BELOW = 0x10;
    /** Longest warning lead time accepted, ms (100 years). */
    public static final long MAX_LEAD_MS = 3_153_600_000_000L;
    /** Longest excursion minimum duration accepted, ms (7 days). */
    public static final long MAX_FILTER_MS = 604_800_000L;

    private static final int NO_ZONE = Ledger.NO_ZONE;
    private static final int MAX_ZONES = ZoneDirectory.MAX_ZONES;
    private static final int QUANTITIES = 2;
    private static final long NONE_DEADLINE = Long.MAX_VALUE;
    private static final byte FLAG_APPROACHING = 1;
    private static final byte FLAG_EXPIRED = 2;
    private static final byte NORMAL = 0;
    private static final byte PENDING = 1;
    private static final byte ACTIVE = 2;
    private static final int ORDER_EXPIRY = -1;
    private static final int SNAPSHOT_MAGIC = 0x4C4F5452; // "LOTR"
    private static final int SNAPSHOT_VERSION = 1;
    private static final long HOUR_MS = 3_600_000L;

    /**
     * Visits lot rows (queries). Called on the engine thread during the query.
     */
    @FunctionalInterface
    public interface LotVisitor
    {
        /**
         * @param skuKey   SKU key (0 = none).
         * @param lotId    lot id (0 = none).
         * @param expiryMs expiry in epoch ms, 0 = none.
         * @param onHand   items on hand (all counted, held or not).
         * @param status   {@link #STATUS_OK}, {@link #STATUS_APPROACHING} or {@link #STATUS_EXPIRED}.
         */
        void onLot(long skuKey, long lotId, long expiryMs, int onHand, int status);
    }

    /**
     * Visits active excursions (queries). Called on the engine thread during the query.
     */
    @FunctionalInterface
    public interface ExcursionVisitor
    {
        /**
         * @param subject    zone id, or container id (&gt;= {@code MAX_ZONES}).
         * @param quantity   sensor quantity code.
         * @param below      true if under the minimum, else over the maximum.
         * @param sinceMs    time of the first reading outside.
         * @param limitCenti the limit passed, hundredths.
         * @param peakCenti  the reading furthest beyond it so far, hundredths.
         */
        void onExcursion(long subject, int quantity, boolean below, long sinceMs, long limitCenti, long peakCenti);
    }

    /**
     * Capacities of a {@link LotRules}, fluent; {@link #conclude()} validates. NOT threadsafe.
     */
    public static final class Context
    {
        private int tagCapacity = 1 << 16;
        private int maxSkus = 4096;
        private int maxLots = 4096;
        private int maxLotRows = 8192;
        private int maxSubjects = 4096;
        private int presenceRows = 32_768;

        /** @param tags at least the engine's tag capacity; higher handles are counted dropped. @return this. */
        public Context tagCapacity(final int tags)
        {
            this.tagCapacity = tags;
            return this;
        }

        /** @param skus most distinct SKUs (with or without settings), plus one for "no SKU". @return this. */
        public Context maxSkus(final int skus)
        {
            this.maxSkus = skus;
            return this;
        }

        /** @param lots most distinct lot ids, plus one for "no lot". @return this. */
        public Context maxLots(final int lots)
        {
            this.maxLots = lots;
            return this;
        }

        /** @param rows most SKU x lot rows. @return this. */
        public Context maxLotRows(final int rows)
        {
            this.maxLotRows = rows;
            return this;
        }

        /** @param subjects most zones and containers holding tracked stock. @return this. */
        public Context maxSubjects(final int subjects)
        {
            this.maxSubjects = subjects;
            return this;
        }

        /** @param rows most lot row x subject rows. @return this. */
        public Context presenceRows(final int rows)
        {
            this.presenceRows = rows;
            return this;
        }

        /**
         * @return this, validated.
         * @throws IllegalStateException naming the bad field.
         */
        public Context conclude()
        {
            require("tagCapacity", tagCapacity >= 1, tagCapacity);
            require("maxSkus", maxSkus >= 2, maxSkus);
            require("maxLots", maxLots >= 2, maxLots);
            require("maxLotRows", maxLotRows >= 1, maxLotRows);
            require("maxSubjects", maxSubjects >= 1, maxSubjects);
            require("presenceRows", presenceRows >= 1, presenceRows);
            return this;
        }
    }

    private final OperationsExtension ops;

    // per tag: what this rule counts the item in (mirror of the base)
    private final int[] tZone;
    private final long[] tSkuKey;
    private final long[] tLotId;
    private final long[] tContainer;
    private final boolean[] tHeld;
    private final int[] tRow;
    private final int[] tZonePs;
    private final int[] tContainerPs;

    // per zone
    private final boolean[] zAllocatable = new boolean[MAX_ZONES];
    private final int[] zSubject = new int[MAX_ZONES];

    // SKUs (slot 0 = no SKU)
    private final KeyIndex skuIndex;
    private final byte[] skuPolicy;
    private final byte[] skuScope;
    private final long[] skuLeadMs;
    private final boolean[] skuLimitSet;
    private final int[] skuMin;
    private final int[] skuMax;
    private final int[] skuStocked;
    private int defaultPolicy = POLICY_NONE;
    private int defaultScope = SCOPE_SITE;
    private long defaultLeadMs;

    // lots (slot 0 = no lot)
    private final KeyIndex lotIndex;
    private final long[] lotExpiryMs;
    private final long[] lotInDateMs;
    private final boolean[] lotLimitSet;
    private final int[] lotMin;
    private final int[] lotMax;

    // lot rows: SKU x lot
    private final LongIntHashMap rowIndex;
    private final int[] rowSku;
    private final int[] rowLot;
    private final int[] rowOnHand;
    private final int[] rowAllocatable;
    private final byte[] rowFlags;
    private final int[] rowPrev;
    private final int[] rowNext;
    private int rowCount;

    // expiry deadlines of stocked rows: binary heap ordered by (deadline, row)
    private final int[] heap;
    private final int[] heapPos;
    private final long[] rowDeadline;
    private int heapSize;

    // subjects: zones and containers
    private final LongIntHashMap containerIndex;
    private final long[] subjectKey;
    private final int[] subjectHead;
    private final boolean[] subjectDirty;
    private final long[] limitLo;
    private final long[] limitHi;
    private final byte[] exState;
    private final boolean[] exBelow;
    private final long[] exSinceMs;
    private final long[] exLimit;
    private final long[] exPeak;
    private int subjectCount;

    // presence: lot row x subject
    private final LongIntHashMap psIndex;
    private final int[] psRow;
    private final int[] psSubject;
    private final int[] psCount;
    private final int[] psAvailable;
    private final int[] psPrev;
    private final int[] psNext;
    private int presenceCount;

    // excursion filter per quantity
    private final long[] minDurationMs = new long[QUANTITIES];
    private final long[] hysteresis = new long[QUANTITIES];

    private final int[] scratch;
    private long nowMs;
    private long droppedRows;
    private long ignoredReadings;
    private long suppressedExcursions;

    /**
     * @param ops     the operations extension this rule builds on; registers itself as its listener.
     * @param context capacities; concluded here.
     */
    public LotRules(final OperationsExtension ops, final Context context)
    {
        if (null == ops)
        {
            throw new IllegalArgumentException("ops must not be null");
        }
        context.conclude();
        this.ops = ops;
        final int n = context.tagCapacity;
        tZone = new int[n];
        Arrays.fill(tZone, NO_ZONE);
        tSkuKey = new long[n];
        tLotId = new long[n];
        tContainer = new long[n];
        tHeld = new boolean[n];
        tRow = new int[n];
        Arrays.fill(tRow, -1);
        tZonePs = new int[n];
        Arrays.fill(tZonePs, -1);
        tContainerPs = new int[n];
        Arrays.fill(tContainerPs, -1);
        Arrays.fill(zSubject, -1);
        for (int z = 0; z < MAX_ZONES; z++)
        {
            zAllocatable[z] = isAllocatableRole(ops.role(z));
        }

        final int skus = context.maxSkus;
        skuIndex = new KeyIndex(skus);
        skuPolicy = new byte[skus];
        skuScope = new byte[skus];
        skuLeadMs = new long[skus];
        skuLimitSet = new boolean[skus * QUANTITIES];
        skuMin = new int[skus * QUANTITIES];
        skuMax = new int[skus * QUANTITIES];
        skuStocked = new int[skus];
        skuIndex.indexOf(0, true);
        clearSku(0);

        final int lots = context.maxLots;
        lotIndex = new KeyIndex(lots);
        lotExpiryMs = new long[lots];
        lotInDateMs = new long[lots];
        lotLimitSet = new boolean[lots * QUANTITIES];
        lotMin = new int[lots * QUANTITIES];
        lotMax = new int[lots * QUANTITIES];
        lotIndex.indexOf(0, true);

        final int rows = context.maxLotRows;
        rowIndex = new LongIntHashMap(rows);
        rowSku = new int[rows];
        rowLot = new int[rows];
        rowOnHand = new int[rows];
        rowAllocatable = new int[rows];
        rowFlags = new byte[rows];
        rowPrev = new int[rows];
        rowNext = new int[rows];
        heap = new int[rows];
        heapPos = new int[rows];
        rowDeadline = new long[rows];
        scratch = new int[rows];

        final int subjects = context.maxSubjects;
        containerIndex = new LongIntHashMap(subjects);
        subjectKey = new long[subjects];
        subjectHead = new int[subjects];
        subjectDirty = new boolean[subjects];
        limitLo = new long[subjects * QUANTITIES];
        limitHi = new long[subjects * QUANTITIES];
        exState = new byte[subjects * QUANTITIES];
        exBelow = new boolean[subjects * QUANTITIES];
        exSinceMs = new long[subjects * QUANTITIES];
        exLimit = new long[subjects * QUANTITIES];
        exPeak = new long[subjects * QUANTITIES];

        final int ps = context.presenceRows;
        psIndex = new LongIntHashMap(ps);
        psRow = new int[ps];
        psSubject = new int[ps];
        psCount = new int[ps];
        psAvailable = new int[ps];
        psPrev = new int[ps];
        psNext = new int[ps];

        ops.addListener(this);
    }

    private static boolean isAllocatableRole(final int role)
    {
        return role == ZoneRole.NONE || role == ZoneRole.STORAGE;
    }

    private static boolean isUse(final int reason)
    {
        return reason == MovementLedger.CONSUME || reason == MovementLedger.SHIP || reason == MovementLedger.ISSUE;
    }

    // ---------------------------------------------------------------- records

    @Override
    public boolean onRecord(final ByteBuffer buffer, final int offset, final int type, final Pipeline pipeline)
    {
        final long timeMs = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
        if (timeMs > nowMs)
        {
            nowMs = timeMs;
        }
        if (type == RecordType.RFID_READ)
        {
            if (!ops.lastReadChanged())
            {
                return false; // nothing about the item changed since it was last synced
            }
            syncItem(buffer.getLong(offset + RfidReadFlyweight.EPC_HIGH_OFFSET),
                buffer.getInt(offset + RfidReadFlyweight.EPC_LOW_OFFSET), timeMs, pipeline);
            return false;
        }
        if (type == RecordType.SENSOR)
        {
            onSensor(buffer, offset, timeMs, pipeline);
            return false;
        }
        if (type == RecordType.COMMAND)
        {
            final int code = buffer.getInt(offset + CommandFlyweight.COMMAND_OFFSET);
            if (code == CommandFlyweight.ASSIGN_TAG || code == CommandFlyweight.SET_TAG_STATUS)
            {
                // the base applied the item's new master data or status at once: follow it
                syncItem(buffer.getLong(offset + CommandFlyweight.ARG1_OFFSET),
                    buffer.getInt(offset + CommandFlyweight.INT_ARG_OFFSET), timeMs, pipeline);
                return false;
            }
            return onCommand(buffer, offset, timeMs, pipeline);
        }
        return false;
    }

    private void syncItem(final long epcHigh, final int epcLow, final long timeMs, final Pipeline pipeline)
    {
        final int tag = pipeline.tags().get(epcHigh, epcLow);
        if (tag != TagTable.MISSING)
        {
            if (tag < tZone.length)
            {
                sync(tag, timeMs, pipeline);
            }
            else
            {
                droppedRows++;
            }
        }
    }

    @Override
    public void onTime(final long nowMs, final Pipeline pipeline)
    {
        if (nowMs > this.nowMs)
        {
            this.nowMs = nowMs;
        }
        while (heapSize > 0)
        {
            final int row = heap[0];
            final long deadlineMs = rowDeadline[row];
            if (deadlineMs > nowMs)
            {
                return;
            }
            heapRemove(row);
            fire(row, deadlineMs, pipeline);
            schedule(row);
        }
    }

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
        if (tag >= 0 && tag < tZone.length)
        {
            sync(tag, nowMs, pipeline);
        }
        else
        {
            droppedRows++;
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
        if (tag < 0 || tag >= tZone.length)
        {
            droppedRows++;
            return;
        }
        if (nowMs > this.nowMs)
        {
            this.nowMs = nowMs;
        }
        sync(tag, nowMs, pipeline);
        final int row = tRow[tag];
        if (row >= 0 && isUse(reason))
        {
            checkExpiredUse(tag, row, fromZone, reason, nowMs, pipeline);
            checkRotation(tag, row, fromZone, reason, nowMs, pipeline);
        }
        uncount(tag, nowMs);
    }

    // ---------------------------------------------------------------- per-item mirror

    private void sync(final int tag, final long nowMs, final Pipeline pipeline)
    {
        final OperationsExtension ops = this.ops;
        final boolean counted = ops.isCounted(tag);
        final int zone = counted ? ops.zoneOf(tag) : NO_ZONE;
        final long skuKey = counted ? ops.skuKeyOf(tag) : 0;
        final long lotId = counted ? ops.lotIdOf(tag) : 0;
        final boolean held = counted && ops.isHeld(tag);
        final long container = counted ? containerOf(pipeline.ledger().container(tag)) : 0;
        if (zone == tZone[tag] && skuKey == tSkuKey[tag] && lotId == tLotId[tag] && held == tHeld[tag] &&
            container == tContainer[tag])
        {
            return;
        }
        uncount(tag, nowMs);
        if (counted)
        {
            count(tag, zone, skuKey, lotId, held, container, nowMs, pipeline);
        }
    }

    private static long containerOf(final long container)
    {
        return container >= MAX_ZONES ? container : 0;
    }

    private void count(
        final int tag,
        final int zone,
        final long skuKey,
        final long lotId,
        final boolean held,
        final long container,
        final long nowMs,
        final Pipeline pipeline)
    {
        tZone[tag] = zone;
        tSkuKey[tag] = skuKey;
        tLotId[tag] = lotId;
        tHeld[tag] = held;
        tContainer[tag] = container;
        if (skuKey == 0 && lotId == 0)
        {
            return;
        }
        final int row = rowOf(skuKey, lotId, true);
        if (row < 0)
        {
            return;
        }
        tRow[tag] = row;
        final int zonePs = presence(row, zoneSubject(zone, true), true);
        tZonePs[tag] = zonePs;
        if (zonePs >= 0)
        {
            enter(zonePs, held);
            if (!held && zAllocatable[zone])
            {
                rowAllocatable[row]++;
            }
        }
        if (container != 0)
        {
            final int containerPs = presence(row, containerSubject(container, true), true);
            tContainerPs[tag] = containerPs;
            if (containerPs >= 0)
            {
                enter(containerPs, held);
            }
        }
        if (rowOnHand[row]++ == 0)
        {
            linkStocked(row);
            refresh(row, nowMs, pipeline);
        }
    }

    private void uncount(final int tag, final long nowMs)
    {
        final int row = tRow[tag];
        if (row >= 0)
        {
            final boolean held = tHeld[tag];
            final int zonePs = tZonePs[tag];
            if (zonePs >= 0)
            {
                if (!held && zAllocatable[tZone[tag]])
                {
                    rowAllocatable[row]--;
                }
                leave(zonePs, held);
            }
            final int containerPs = tContainerPs[tag];
            if (containerPs >= 0)
            {
                leave(containerPs, held);
            }
            if (--rowOnHand[row] == 0)
            {
                unlinkStocked(row);
                heapRemove(row);
            }
        }
        tZone[tag] = NO_ZONE;
        tSkuKey[tag] = 0;
        tLotId[tag] = 0;
        tHeld[tag] = false;
        tContainer[tag] = 0;
        tRow[tag] = -1;
        tZonePs[tag] = -1;
        tContainerPs[tag] = -1;
    }

    private void enter(final int ps, final boolean held)
    {
        if (psCount[ps]++ == 0)
        {
            final int subject = psSubject[ps];
            final int head = subjectHead[subject];
            psPrev[ps] = -1;
            psNext[ps] = head;
            if (head >= 0)
            {
                psPrev[head] = ps;
            }
            subjectHead[subject] = ps;
            subjectDirty[subject] = true;
        }
        if (!held)
        {
            psAvailable[ps]++;
        }
    }

    private void leave(final int ps, final boolean held)
    {
        if (!held)
        {
            psAvailable[ps]--;
        }
        if (--psCount[ps] == 0)
        {
            final int subject = psSubject[ps];
            final int prev = psPrev[ps];
            final int next = psNext[ps];
            if (prev >= 0)
            {
                psNext[prev] = next;
            }
            else
            {
                subjectHead[subject] = next;
            }
            if (next >= 0)
            {
                psPrev[next] = prev;
            }
            psPrev[ps] = -1;
            psNext[ps] = -1;
            subjectDirty[subject] = true;
        }
    }

    private void linkStocked(final int row)
    {
        final int sku = rowSku[row];
        final int head = skuStocked[sku];
        rowPrev[row] = -1;
        rowNext[row] = head;
        if (head >= 0)
        {
            rowPrev[head] = row;
        }
        skuStocked[sku] = row;
    }

    private void unlinkStocked(final int row)
    {
        final int prev = rowPrev[row];
        final int next = rowNext[row];
        if (prev >= 0)
        {
            rowNext[prev] = next;
        }
        else
        {
            skuStocked[rowSku[row]] = next;
        }
        if (next >= 0)
        {
            rowPrev[next] = prev;
        }
        rowPrev[row] = -1;
        rowNext[row] = -1;
    }

    // ---------------------------------------------------------------- rotation and expired use

    private int policyOf(final int sku)
    {
        return skuPolicy[sku] >= 0 ? skuPolicy[sku] : defaultPolicy;
    }

    private int scopeOf(final int sku)
    {
        return skuScope[sku] >= 0 ? skuScope[sku] : defaultScope;
    }

    private long leadOf(final int sku)
    {
        return skuLeadMs[sku] >= 0 ? skuLeadMs[sku] : defaultLeadMs;
    }

    /** True if lot a ranks strictly before lot b under the policy, both carrying the dates compared. */
    private boolean earlier(final int policy, final int a, final int b)
    {
        final long inA = lotInDateMs[a];
        final long inB = lotInDateMs[b];
        final boolean inDates = inA > 0 && inB > 0;
        if (policy == POLICY_FIFO)
        {
            return inDates && inA < inB;
        }
        final long expA = lotExpiryMs[a];
        final long expB = lotExpiryMs[b];
        return expA > 0 && expB > 0 && (expA < expB || (expA == expB && inDates && inA < inB));
    }

    private void checkRotation(
        final int tag, final int row, final int zone, final int reason, final long nowMs, final Pipeline pipeline)
    {
        final int sku = rowSku[row];
        final int policy = sku == 0 ? POLICY_NONE : policyOf(sku);
        if (policy == POLICY_NONE)
        {
            return;
        }
        final boolean zoneScope = scopeOf(sku) == SCOPE_ZONE;
        final int lot = rowLot[row];
        final int zoneSubject = zone >= 0 && zone < MAX_ZONES ? zSubject[zone] : -1;
        final boolean zoneCounted = zone >= 0 && zone < MAX_ZONES && zAllocatable[zone];
        int best = -1;
        for (int r = skuStocked[sku]; r >= 0; r = rowNext[r])
        {
            final int l = rowLot[r];
            if (r == row || !earlier(policy, l, lot))
            {
                continue;
            }
            final long expiryMs = lotExpiryMs[l];
            if (expiryMs > 0 && nowMs >= expiryMs)
            {
                continue;
            }
            final int available = zoneScope ? availableIn(r, zoneSubject) :
                rowAllocatable[r] + (zoneCounted ? 0 : availableIn(r, zoneSubject));
            if (available <= 0)
            {
                continue;
            }
            if (best < 0 || earlier(policy, l, rowLot[best]) ||
                (!earlier(policy, rowLot[best], l) && lotIndex.key(l) < lotIndex.key(rowLot[best])))
            {
                best = r;
            }
        }
        if (best >= 0)
        {
            final long usedLot = lotIndex.key(lot);
            pipeline.emit(policy == POLICY_FIFO ? EventType.OPS_FIFO_VIOLATION : EventType.OPS_FEFO_VIOLATION,
                (short)reason, 0, nowMs, ops.epcHighOf(tag), ops.epcLowOf(tag), NO_ZONE, zone, 0,
                lotIndex.key(rowLot[best]), usedLot >= 0 && usedLot <= Integer.MAX_VALUE ? (int)usedLot : -1,
                ops.ledgerSkuOf(tag));
        }
    }

    private int availableIn(final int row, final int subject)
    {
        if (subject < 0)
        {
            return 0;
        }
        final int ps = psIndex.getOrDefault(presenceKey(row, subject), -1);
        return ps < 0 ? 0 : psAvailable[ps];
    }

    private void checkExpiredUse(
        final int tag, final int row, final int zone, final int reason, final long nowMs, final Pipeline pipeline)
    {
        final int lot = rowLot[row];
        final long expiryMs = lotExpiryMs[lot];
        if (expiryMs <= 0 || nowMs < expiryMs)
        {
            return;
        }
        if ((rowFlags[row] & FLAG_EXPIRED) == 0)
        {
            refresh(row, nowMs, pipeline);
        }
        final long hours = (nowMs - expiryMs) / HOUR_MS;
        pipeline.emit(EventType.OPS_EXPIRED_USED, (short)reason, 0, nowMs, ops.epcHighOf(tag), ops.epcLowOf(tag),
            NO_ZONE, zone, 0, lotIndex.key(lot), (int)Math.min(hours, Integer.MAX_VALUE), ops.ledgerSkuOf(tag));
    }

    // ---------------------------------------------------------------- expiry

    private int statusAt(final int row, final long nowMs)
    {
        final long expiryMs = lotExpiryMs[rowLot[row]];
        if (expiryMs <= 0)
        {
            return STATUS_OK;
        }
        if (nowMs >= expiryMs)
        {
            return STATUS_EXPIRED;
        }
        final long leadMs = leadOf(rowSku[row]);
        return leadMs > 0 && nowMs >= expiryMs - leadMs ? STATUS_APPROACHING : STATUS_OK;
    }

    /** Report what is due now for a stocked row (stock-in or master data change) and schedule the next deadline. */
    private void refresh(final int row, final long nowMs, final Pipeline pipeline)
    {
        heapRemove(row);
        if (rowOnHand[row] == 0)
        {
            return;
        }
        final int status = statusAt(row, nowMs);
        if (status == STATUS_EXPIRED && (rowFlags[row] & FLAG_EXPIRED) == 0)
        {
            rowFlags[row] |= FLAG_EXPIRED | FLAG_APPROACHING;
            emitLot(EventType.OPS_EXPIRED, row, nowMs, pipeline);
        }
        else if (status == STATUS_APPROACHING && (rowFlags[row] & FLAG_APPROACHING) == 0)
        {
            rowFlags[row] |= FLAG_APPROACHING;
            emitLot(EventType.OPS_EXPIRY_APPROACHING, row, nowMs, pipeline);
        }
        schedule(row);
    }

    /** Re-arm the flags of a row whose dates or lead time changed: a status no longer reached may be reported. */
    private void rearm(final int row, final long nowMs, final Pipeline pipeline)
    {
        final int status = statusAt(row, nowMs);
        if (status == STATUS_OK)
        {
            rowFlags[row] = 0;
        }
        else if (status == STATUS_APPROACHING)
        {
            rowFlags[row] &= ~FLAG_EXPIRED;
        }
        refresh(row, nowMs, pipeline);
    }

    private long nextDeadline(final int row)
    {
        final long expiryMs = lotExpiryMs[rowLot[row]];
        if (expiryMs <= 0)
        {
            return NONE_DEADLINE;
        }
        final byte flags = rowFlags[row];
        final long leadMs = leadOf(rowSku[row]);
        if ((flags & FLAG_APPROACHING) == 0 && leadMs > 0)
        {
            return expiryMs - leadMs;
        }
        return (flags & FLAG_EXPIRED) == 0 ? expiryMs : NONE_DEADLINE;
    }

    private void schedule(final int row)
    {
        if (rowOnHand[row] > 0)
        {
            final long deadlineMs = nextDeadline(row);
            if (deadlineMs != NONE_DEADLINE)
            {
                heapInsert(row, deadlineMs);
            }
        }
    }

    private void fire(final int row, final long deadlineMs, final Pipeline pipeline)
    {
        if ((rowFlags[row] & FLAG_APPROACHING) == 0 && leadOf(rowSku[row]) > 0)
        {
            rowFlags[row] |= FLAG_APPROACHING;
            emitLot(EventType.OPS_EXPIRY_APPROACHING, row, deadlineMs, pipeline);
        }
        else if ((rowFlags[row] & FLAG_EXPIRED) == 0)
        {
            rowFlags[row] |= FLAG_EXPIRED | FLAG_APPROACHING;
            emitLot(EventType.OPS_EXPIRED, row, deadlineMs, pipeline);
        }
    }

    private void emitLot(final short type, final int row, final long timeMs, final Pipeline pipeline)
    {
        final long skuKey = skuIndex.key(rowSku[row]);
        pipeline.emit(type, (short)0, 0, timeMs, skuKey, 0, NO_ZONE, NO_ZONE, 0, lotIndex.key(rowLot[row]),
            rowOnHand[row], skuKey == 0 ? Ledger.NO_SKU : pipeline.ledger().skuHandle(skuKey));
    }

    private boolean before(final int a, final int b)
    {
        final long da = rowDeadline[a];
        final long db = rowDeadline[b];
        return da < db || (da == db && a < b);
    }

    private void heapInsert(final int row, final long deadlineMs)
    {
        rowDeadline[row] = deadlineMs;
        int i = heapSize++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            final int p = heap[parent];
            if (!before(row, p))
            {
                break;
            }
            heap[i] = p;
            heapPos[p] = i + 1;
            i = parent;
        }
        heap[i] = row;
        heapPos[row] = i + 1;
    }

    private void heapRemove(final int row)
    {
        final int pos = heapPos[row] - 1;
        if (pos < 0)
        {
            return;
        }
        heapPos[row] = 0;
        final int last = heap[--heapSize];
        if (pos == heapSize)
        {
            return;
        }
        // place the last element at pos, then sift it up or down
        int i = pos;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            final int p = heap[parent];
            if (!before(last, p))
            {
                break;
            }
            heap[i] = p;
            heapPos[p] = i + 1;
            i = parent;
        }
        if (i == pos)
        {
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= heapSize)
                {
                    break;
                }
                if (child + 1 < heapSize && before(heap[child + 1], heap[child]))
                {
                    child++;
                }
                final int c = heap[child];
                if (!before(c, last))
                {
                    break;
                }
                heap[i] = c;
                heapPos[c] = i + 1;
                i = child;
            }
        }
        heap[i] = last;
        heapPos[last] = i + 1;
    }

    // ---------------------------------------------------------------- condition monitoring

    private void onSensor(final ByteBuffer buffer, final int offset, final long timeMs, final Pipeline pipeline)
    {
        final long subject = buffer.getLong(offset + SensorFlyweight.SUBJECT_OFFSET);
        final int quantity = buffer.getInt(offset + SensorFlyweight.QUANTITY_OFFSET);
        final int unit = buffer.getInt(offset + SensorFlyweight.UNIT_OFFSET);
        final boolean known = (quantity == SensorFlyweight.QUANTITY_TEMPERATURE &&
            (unit == 0 || unit == SensorFlyweight.UNIT_CELSIUS)) ||
            (quantity == SensorFlyweight.QUANTITY_HUMIDITY && (unit == 0 || unit == SensorFlyweight.UNIT_PERCENT_RH));
        if (!known || subject < 0)
        {
            ignoredReadings++;
            return;
        }
        final int s = subject < MAX_ZONES ? zSubject[(int)subject] : containerIndex.getOrDefault(subject, -1);
        if (s < 0)
        {
            return; // never held tracked stock: no limits, no excursion
        }
        if (subjectDirty[s])
        {
            recomputeLimits(s);
        }
        final double value = buffer.getDouble(offset + SensorFlyweight.VALUE_OFFSET);
        final long centi = Math.round(Math.max(-1e15, Math.min(1e15, value * 100.0)));
        final int sensor = buffer.getInt(offset + RecordDescriptor.SOURCE_OFFSET);
        onCondition(s, quantity - 1, centi, sensor, timeMs, pipeline);
    }

    private void onCondition(
        final int s, final int q, final long centi, final int sensor, final long timeMs, final Pipeline pipeline)
    {
        final int i = s * QUANTITIES + q;
        final long lo = limitLo[i];
        final long hi = limitHi[i];
        final boolean below = centi < lo;
        final boolean outside = below || centi > hi;
        switch (exState[i])
        {
            case PENDING:
                if (!outside)
                {
                    exState[i] = NORMAL;
                    suppressedExcursions++;
                    return;
                }
                if (below != exBelow[i])
                {
                    suppressedExcursions++;
                    begin(i, below, lo, hi, centi, s, q, sensor, timeMs, pipeline);
                    return;
                }
                exLimit[i] = below ? lo : hi;
                exPeak[i] = below ? Math.min(exPeak[i], centi) : Math.max(exPeak[i], centi);
                if (timeMs - exSinceMs[i] >= minDurationMs[q])
                {
                    start(i, s, q, centi, sensor, timeMs, pipeline);
                }
                return;
            case ACTIVE:
            {
                final long margin = hysteresis[q];
                final boolean back = (lo == Long.MIN_VALUE || centi >= lo + margin) &&
                    (hi == Long.MAX_VALUE || centi <= hi - margin);
                final boolean crossed = outside && below != exBelow[i];
                if (back || crossed)
                {
                    exState[i] = NORMAL;
                    emitSubject(EventType.OPS_EXCURSION_END, s, q, exBelow[i], sensor, timeMs,
                        Math.max(0, timeMs - exSinceMs[i]), exPeak[i], pipeline);
                    if (crossed)
                    {
                        begin(i, below, lo, hi, centi, s, q, sensor, timeMs, pipeline);
                    }
                    return;
                }
                exPeak[i] = exBelow[i] ? Math.min(exPeak[i], centi) : Math.max(exPeak[i], centi);
                return;
            }
            default:
                if (outside)
                {
                    begin(i, below, lo, hi, centi, s, q, sensor, timeMs, pipeline);
                }
        }
    }

    private void begin(
        final int i,
        final boolean below,
        final long lo,
        final long hi,
        final long centi,
        final int s,
        final int q,
        final int sensor,
        final long timeMs,
        final Pipeline pipeline)
    {
        exState[i] = PENDING;
        exBelow[i] = below;
        exSinceMs[i] = timeMs;
        exLimit[i] = below ? lo : hi;
        exPeak[i] = centi;
        if (minDurationMs[q] == 0)
        {
            start(i, s, q, centi, sensor, timeMs, pipeline);
        }
    }

    private void start(
        final int i, final int s, final int q, final long centi, final int sensor, final long timeMs,
        final Pipeline pipeline)
    {
        exState[i] = ACTIVE;
        emitSubject(EventType.OPS_EXCURSION_START, s, q, exBelow[i], sensor, timeMs, exLimit[i], centi, pipeline);
    }

    private void emitSubject(
        final short type,
        final int s,
        final int q,
        final boolean below,
        final int sensor,
        final long timeMs,
        final long quantity,
        final long value,
        final Pipeline pipeline)
    {
        final long key = subjectKey[s];
        final boolean zone = key < MAX_ZONES;
        pipeline.emit(type, (short)((q + 1) | (below ? EXCURSION_BELOW : 0)), sensor, timeMs, zone ? 0 : key, 0,
            NO_ZONE, zone ? (int)key : NO_ZONE, 0, quantity, clampInt(value), Ledger.NO_SKU);
    }

    private static int clampInt(final long value)
    {
        return (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private void recomputeLimits(final int s)
    {
        subjectDirty[s] = false;
        final int base = s * QUANTITIES;
        for (int q = 0; q < QUANTITIES; q++)
        {
            limitLo[base + q] = Long.MIN_VALUE;
            limitHi[base + q] = Long.MAX_VALUE;
        }
        for (int ps = subjectHead[s]; ps >= 0; ps = psNext[ps])
        {
            final int row = psRow[ps];
            final int lot = rowLot[row] * QUANTITIES;
            final int sku = rowSku[row] * QUANTITIES;
            for (int q = 0; q < QUANTITIES; q++)
            {
                final int min;
                final int max;
                if (lotLimitSet[lot + q])
                {
                    min = lotMin[lot + q];
                    max = lotMax[lot + q];
                }
                else if (skuLimitSet[sku + q])
                {
                    min = skuMin[sku + q];
                    max = skuMax[sku + q];
                }
                else
                {
                    continue;
                }
                if (min != NO_MIN)
                {
                    limitLo[base + q] = Math.max(limitLo[base + q], min);
                }
                if (max != NO_MAX)
                {
                    limitHi[base + q] = Math.min(limitHi[base + q], max);
                }
            }
        }
    }

    private void limitsChanged()
    {
        for (int s = 0; s < subjectCount; s++)
        {
            subjectDirty[s] = true;
        }
    }

    // ---------------------------------------------------------------- commands

    private boolean onCommand(final ByteBuffer buffer, final int offset, final long timeMs, final Pipeline pipeline)
    {
        final int code = buffer.getInt(offset + CommandFlyweight.COMMAND_OFFSET);
        final long arg2 = buffer.getLong(offset + CommandFlyweight.ARG2_OFFSET);
        final long arg3 = buffer.getLong(offset + CommandFlyweight.ARG3_OFFSET);
        final long arg4 = buffer.getLong(offset + CommandFlyweight.ARG4_OFFSET);
        switch (code)
        {
            case OpsCommands.LOT:
                onLotDates(arg2, timeMs, pipeline); // after the base stored them
                return false;
            case OpsCommands.ZONE:
                onZoneRole(arg2);
                return false;
            case ROTATION:
                return onRotation(arg2, arg3, arg4);
            case EXPIRY_WARNING:
                return onExpiryWarning(arg2, arg3, timeMs, pipeline);
            case SKU_TEMPERATURE:
            case SKU_HUMIDITY:
                return onSkuLimits(code == SKU_TEMPERATURE ? 0 : 1, arg2, arg3, arg4);
            case LOT_TEMPERATURE:
            case LOT_HUMIDITY:
                return onLotLimits(code == LOT_TEMPERATURE ? 0 : 1, arg2, arg3, arg4);
            case CLEAR_CONDITION_LIMITS:
                return onClearLimits(arg2, arg3, arg4);
            case EXCURSION_FILTER:
                return onExcursionFilter(arg2, arg3, arg4);
            default:
                return false;
        }
    }

    private void onLotDates(final long lotId, final long timeMs, final Pipeline pipeline)
    {
        final int lot = lotId > 0 ? lotIndex.indexOf(lotId, false) : -1;
        if (lot < 0)
        {
            return; // not known here yet: dates are read from the base when first seen
        }
        final long expiryMs = ops.lotExpiryMs(lotId);
        final long inDateMs = ops.lotInDateMs(lotId);
        if (expiryMs == lotExpiryMs[lot] && inDateMs == lotInDateMs[lot])
        {
            return;
        }
        lotExpiryMs[lot] = expiryMs;
        lotInDateMs[lot] = inDateMs;
        for (int row = 0; row < rowCount; row++)
        {
            if (rowLot[row] == lot)
            {
                rearm(row, timeMs, pipeline);
            }
        }
    }

    private void onZoneRole(final long zone)
    {
        if (zone < 0 || zone >= MAX_ZONES)
        {
            return;
        }
        final int z = (int)zone;
        final boolean allocatable = isAllocatableRole(ops.role(z));
        if (allocatable == zAllocatable[z])
        {
            return;
        }
        zAllocatable[z] = allocatable;
        final int s = zSubject[z];
        for (int ps = s < 0 ? -1 : subjectHead[s]; ps >= 0; ps = psNext[ps])
        {
            rowAllocatable[psRow[ps]] += allocatable ? psAvailable[ps] : -psAvailable[ps];
        }
    }

    private boolean onRotation(final long skuKey, final long policy, final long scope)
    {
        final boolean sku = skuKey != 0;
        if (policy < (sku ? -1 : 0) || policy > POLICY_FEFO || scope < (sku ? -1 : 0) || scope > SCOPE_ZONE)
        {
            return false;
        }
        if (!sku)
        {
            defaultPolicy = (int)policy;
            defaultScope = (int)scope;
            return true;
        }
        final int slot = skuOf(skuKey, true);
        if (slot < 0)
        {
            return false;
        }
        skuPolicy[slot] = (byte)policy;
        skuScope[slot] = (byte)scope;
        return true;
    }

    private boolean onExpiryWarning(final long skuKey, final long leadMs, final long timeMs, final Pipeline pipeline)
    {
        final boolean isSku = skuKey != 0;
        if (leadMs < (isSku ? -1 : 0) || leadMs > MAX_LEAD_MS)
        {
            return false;
        }
        final int sku;
        if (isSku)
        {
            sku = skuOf(skuKey, true);
            if (sku < 0)
            {
                return false;
            }
            skuLeadMs[sku] = leadMs;
        }
        else
        {
            sku = -1;
            defaultLeadMs = leadMs;
        }
        for (int row = 0; row < rowCount; row++)
        {
            if (sku < 0 ? skuLeadMs[rowSku[row]] < 0 : rowSku[row] == sku)
            {
                rearm(row, timeMs, pipeline);
            }
        }
        return true;
    }

    private static boolean isLimit(final long min, final long max)
    {
        return min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE && min <= max;
    }

    private boolean onSkuLimits(final int q, final long skuKey, final long min, final long max)
    {
        if (skuKey == 0 || !isLimit(min, max))
        {
            return false;
        }
        final int sku = skuOf(skuKey, true);
        if (sku < 0)
        {
            return false;
        }
        final int i = sku * QUANTITIES + q;
        skuLimitSet[i] = true;
        skuMin[i] = (int)min;
        skuMax[i] = (int)max;
        limitsChanged();
        return true;
    }

    private boolean onLotLimits(final int q, final long lotId, final long min, final long max)
    {
        if (lotId <= 0 || !isLimit(min, max))
        {
            return false;
        }
        final int lot = lotOf(lotId, true);
        if (lot < 0)
        {
            return false;
        }
        final int i = lot * QUANTITIES + q;
        lotLimitSet[i] = true;
        lotMin[i] = (int)min;
        lotMax[i] = (int)max;
        limitsChanged();
        return true;
    }

    private boolean onClearLimits(final long kind, final long key, final long quantity)
    {
        if ((kind != LIMITS_OF_SKU && kind != LIMITS_OF_LOT) || key <= 0 || quantity < 0 || quantity > QUANTITIES)
        {
            return false;
        }
        final int slot = kind == LIMITS_OF_SKU ? skuOf(key, false) : lotOf(key, false);
        if (slot >= 0)
        {
            final boolean[] set = kind == LIMITS_OF_SKU ? skuLimitSet : lotLimitSet;
            for (int q = 0; q < QUANTITIES; q++)
            {
                if (quantity == 0 || quantity == q + 1)
                {
                    set[slot * QUANTITIES + q] = false;
                }
            }
            limitsChanged();
        }
        return true;
    }

    private boolean onExcursionFilter(final long quantity, final long minMs, final long margin)
    {
        if (quantity < 0 || quantity > QUANTITIES || minMs < 0 || minMs > MAX_FILTER_MS || margin < 0 ||
            margin > Integer.MAX_VALUE)
        {
            return false;
        }
        for (int q = 0; q < QUANTITIES; q++)
        {
            if (quantity == 0 || quantity == q + 1)
            {
                minDurationMs[q] = minMs;
                hysteresis[q] = margin;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- tables

    private void clearSku(final int sku)
    {
        skuPolicy[sku] = -1;
        skuScope[sku] = -1;
        skuLeadMs[sku] = -1;
        skuStocked[sku] = -1;
    }

    private int skuOf(final long skuKey, final boolean add)
    {
        final int added = skuIndex.size(); // the index a key added now gets
        final int sku = skuIndex.indexOf(skuKey, add);
        if (sku < 0)
        {
            droppedRows += add ? 1 : 0;
        }
        else if (sku == added)
        {
            clearSku(sku);
        }
        return sku;
    }

    private int lotOf(final long lotId, final boolean add)
    {
        final int added = lotIndex.size(); // the index a key added now gets
        final int lot = lotIndex.indexOf(lotId, add);
        if (lot < 0)
        {
            droppedRows += add ? 1 : 0;
        }
        else if (lot == added)
        {
            lotExpiryMs[lot] = ops.lotExpiryMs(lotId);
            lotInDateMs[lot] = ops.lotInDateMs(lotId);
        }
        return lot;
    }

    private int rowOf(final long skuKey, final long lotId, final boolean add)
    {
        final int sku = skuOf(skuKey, add);
        final int lot = sku < 0 ? -1 : lotOf(lotId, add);
        if (lot < 0)
        {
            return -1;
        }
        final long key = ((long)sku << 32) | lot;
        final int index = rowIndex.indexOf(key);
        if (rowIndex.indexExists(index))
        {
            return rowIndex.indexGet(index);
        }
        if (!add || rowCount == rowSku.length)
        {
            droppedRows += add ? 1 : 0;
            return -1;
        }
        final int row = rowCount++;
        rowSku[row] = sku;
        rowLot[row] = lot;
        rowPrev[row] = -1;
        rowNext[row] = -1;
        rowIndex.indexInsert(index, key, row);
        return row;
    }

    private int zoneSubject(final int zone, final boolean add)
    {
        final int s = zSubject[zone];
        if (s >= 0 || !add)
        {
            return s;
        }
        final int created = newSubject(zone);
        zSubject[zone] = created;
        return created;
    }

    private int containerSubject(final long container, final boolean add)
    {
        final int index = containerIndex.indexOf(container);
        if (containerIndex.indexExists(index))
        {
            return containerIndex.indexGet(index);
        }
        if (!add)
        {
            return -1;
        }
        final int created = newSubject(container);
        if (created >= 0)
        {
            containerIndex.indexInsert(index, container, created);
        }
        return created;
    }

    private int newSubject(final long key)
    {
        if (subjectCount == subjectKey.length)
        {
            droppedRows++;
            return -1;
        }
        final int s = subjectCount++;
        subjectKey[s] = key;
        subjectHead[s] = -1;
        subjectDirty[s] = true;
        return s;
    }

    private static long presenceKey(final int row, final int subject)
    {
        return ((long)row << 32) | subject;
    }

    private int presence(final int row, final int subject, final boolean add)
    {
        if (subject < 0)
        {
            return -1;
        }
        final long key = presenceKey(row, subject);
        final int index = psIndex.indexOf(key);
        if (psIndex.indexExists(index))
        {
            return psIndex.indexGet(index);
        }
        if (!add || presenceCount == psRow.length)
        {
            droppedRows += add ? 1 : 0;
            return -1;
        }
        final int ps = presenceCount++;
        psRow[ps] = row;
        psSubject[ps] = subject;
        psPrev[ps] = -1;
        psNext[ps] = -1;
        psIndex.indexInsert(index, key, ps);
        return ps;
    }

    // ---------------------------------------------------------------- queries (engine thread)

    /** @return the latest record time this rule has seen, ms. */
    public long nowMs()
    {
        return nowMs;
    }

    /** @return rows (SKUs, lots, lot rows, subjects, presence rows, tag handles) not kept: a table was full. */
    public long droppedRows()
    {
        return droppedRows;
    }

    /** @return sensor readings ignored: unknown quantity or unit, or a negative subject. */
    public long ignoredReadings()
    {
        return ignoredReadings;
    }

    /** @return pending excursions dropped because the readings came back before the minimum duration. */
    public long suppressedExcursions()
    {
        return suppressedExcursions;
    }

    /** @param skuKey SKU key. @return its effective rotation policy ({@link #POLICY_NONE} for key 0). */
    public int policy(final long skuKey)
    {
        if (skuKey == 0)
        {
            return POLICY_NONE;
        }
        final int sku = skuOf(skuKey, false);
        return sku < 0 ? defaultPolicy : policyOf(sku);
    }

    /** @param skuKey SKU key. @return its effective rotation scope. */
    public int scope(final long skuKey)
    {
        final int sku = skuKey == 0 ? -1 : skuOf(skuKey, false);
        return sku < 0 ? defaultScope : scopeOf(sku);
    }

    /** @param skuKey SKU key (0 = none). @param lotId lot id (0 = none). @return items on hand, held or not. */
    public int onHand(final long skuKey, final long lotId)
    {
        final int row = rowOf(skuKey, lotId, false);
        return row < 0 ? 0 : rowOnHand[row];
    }

    /**
     * @param skuKey SKU key.
     * @param lotId  lot id.
     * @return items available for rotation site-wide: not held, in a zone with role NONE or STORAGE.
     */
    public int available(final long skuKey, final long lotId)
    {
        final int row = rowOf(skuKey, lotId, false);
        return row < 0 ? 0 : rowAllocatable[row];
    }

    /**
     * @param skuKey SKU key.
     * @param lotId  lot id.
     * @return {@link #STATUS_OK}, {@link #STATUS_APPROACHING} or {@link #STATUS_EXPIRED} at {@link #nowMs()}, from
     * the lot's expiry and the SKU's warning lead time (with or without stock); OK if unknown.
     */
    public int status(final long skuKey, final long lotId)
    {
        final int row = rowOf(skuKey, lotId, false);
        if (row >= 0)
        {
            return statusAt(row, nowMs);
        }
        final long expiryMs = ops.lotExpiryMs(lotId);
        if (expiryMs <= 0)
        {
            return STATUS_OK;
        }
        final int sku = skuKey == 0 ? -1 : skuOf(skuKey, false);
        final long leadMs = sku < 0 ? defaultLeadMs : leadOf(sku);
        return nowMs >= expiryMs ? STATUS_EXPIRED :
            leadMs > 0 && nowMs >= expiryMs - leadMs ? STATUS_APPROACHING : STATUS_OK;
    }

    /**
     * Lot rows with stock whose lot expires within a horizon of {@link #nowMs()} (expired ones included), in order
     * of expiry, then SKU key, then lot id. Garbage-free.
     *
     * @param horizonMs how far ahead, ms (&gt;= 0).
     * @param visitor   called per lot row.
     * @return rows visited.
     */
    public int lotsNearingExpiry(final long horizonMs, final LotVisitor visitor)
    {
        final long untilMs = nowMs + Math.max(0, Math.min(horizonMs, Long.MAX_VALUE - nowMs));
        int n = 0;
        for (int row = 0; row < rowCount; row++)
        {
            final long expiryMs = lotExpiryMs[rowLot[row]];
            if (rowOnHand[row] > 0 && expiryMs > 0 && expiryMs <= untilMs)
            {
                scratch[n++] = row;
            }
        }
        sort(n, ORDER_EXPIRY);
        for (int i = 0; i < n; i++)
        {
            final int row = scratch[i];
            visitor.onLot(skuIndex.key(rowSku[row]), lotIndex.key(rowLot[row]), lotExpiryMs[rowLot[row]],
                rowOnHand[row], statusAt(row, nowMs));
        }
        return n;
    }

    /**
     * The lots of a SKU with stock in rank order of its policy (FIFO: in-date; FEFO, and NONE: expiry, then
     * in-date); lots without the date(s) last, ties by lot id. Garbage-free.
     *
     * @param skuKey SKU key.
     * @param lotIds filled with lot ids, first = to be used first.
     * @return lots written (at most {@code lotIds.length}).
     */
    public int rankLots(final long skuKey, final long[] lotIds)
    {
        final int sku = skuKey == 0 ? -1 : skuOf(skuKey, false);
        if (sku < 0)
        {
            return 0;
        }
        int n = 0;
        for (int row = skuStocked[sku]; row >= 0; row = rowNext[row])
        {
            scratch[n++] = row;
        }
        sort(n, policyOf(sku));
        final int written = Math.min(n, lotIds.length);
        for (int i = 0; i < written; i++)
        {
            lotIds[i] = lotIndex.key(rowLot[scratch[i]]);
        }
        return written;
    }

    /**
     * @param visitor called per active (reported, not ended) excursion, in subject order.
     * @return excursions visited.
     */
    public int activeExcursions(final ExcursionVisitor visitor)
    {
        int n = 0;
        for (int s = 0; s < subjectCount; s++)
        {
            for (int q = 0; q < QUANTITIES; q++)
            {
                final int i = s * QUANTITIES + q;
                if (exState[i] == ACTIVE)
                {
                    n++;
                    visitor.onExcursion(subjectKey[s], q + 1, exBelow[i], exSinceMs[i], exLimit[i], exPeak[i]);
                }
            }
        }
        return n;
    }

    /**
     * @param subject  zone id or container id.
     * @param quantity sensor quantity code.
     * @return true if an excursion is active (reported and not ended) for it.
     */
    public boolean isExcursionActive(final long subject, final int quantity)
    {
        if (subject < 0 || quantity < 1 || quantity > QUANTITIES)
        {
            return false;
        }
        final int s = subject < MAX_ZONES ? zSubject[(int)subject] : containerIndex.getOrDefault(subject, -1);
        return s >= 0 && exState[s * QUANTITIES + quantity - 1] == ACTIVE;
    }

    private int compareRows(final int order, final int a, final int b)
    {
        final int la = rowLot[a];
        final int lb = rowLot[b];
        int c;
        if (order == ORDER_EXPIRY)
        {
            c = Long.compare(lotExpiryMs[la], lotExpiryMs[lb]);
            if (c == 0)
            {
                c = Long.compare(skuIndex.key(rowSku[a]), skuIndex.key(rowSku[b]));
            }
            return c != 0 ? c : Long.compare(lotIndex.key(la), lotIndex.key(lb));
        }
        c = 0;
        if (order != POLICY_FIFO)
        {
            c = Long.compare(dateKey(lotExpiryMs[la]), dateKey(lotExpiryMs[lb]));
        }
        if (c == 0)
        {
            c = Long.compare(dateKey(lotInDateMs[la]), dateKey(lotInDateMs[lb]));
        }
        return c != 0 ? c : Long.compare(lotIndex.key(la), lotIndex.key(lb));
    }

    private static long dateKey(final long dateMs)
    {
        return dateMs > 0 ? dateMs : Long.MAX_VALUE;
    }

    /** Heapsort of scratch[0, n) by compareRows, garbage-free. */
    private void sort(final int n, final int order)
    {
        for (int i = n / 2 - 1; i >= 0; i--)
        {
            siftDown(i, n, order);
        }
        for (int end = n - 1; end > 0; end--)
        {
            final int top = scratch[0];
            scratch[0] = scratch[end];
            scratch[end] = top;
            siftDown(0, end, order);
        }
    }

    private void siftDown(final int start, final int n, final int order)
    {
        int i = start;
        final int value = scratch[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n)
            {
                break;
            }
            if (child + 1 < n && compareRows(order, scratch[child + 1], scratch[child]) > 0)
            {
                child++;
            }
            if (compareRows(order, scratch[child], value) <= 0)
            {
                break;
            }
            scratch[i] = scratch[child];
            i = child;
        }
        scratch[i] = value;
    }

    // ---------------------------------------------------------------- snapshot

    @Override
    public void writeSnapshot(final DataOutput out, final Pipeline pipeline) throws IOException
    {
        final int handleLimit = Math.min(pipeline.tags().handleLimit(), tZone.length);
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeLong(nowMs);
        out.writeLong(droppedRows);
        out.writeLong(ignoredReadings);
        out.writeLong(suppressedExcursions);
        out.writeInt(defaultPolicy);
        out.writeInt(defaultScope);
        out.writeLong(defaultLeadMs);
        for (int q = 0; q < QUANTITIES; q++)
        {
            out.writeLong(minDurationMs[q]);
            out.writeLong(hysteresis[q]);
        }
        out.writeInt(handleLimit);
        for (int t = 0; t < handleLimit; t++)
        {
            out.writeInt(tZone[t]);
            if (tZone[t] != NO_ZONE)
            {
                out.writeLong(tSkuKey[t]);
                out.writeLong(tLotId[t]);
                out.writeLong(tContainer[t]);
                out.writeBoolean(tHeld[t]);
                out.writeInt(tRow[t]);
                out.writeInt(tZonePs[t]);
                out.writeInt(tContainerPs[t]);
            }
        }
        int flipped = 0;
        for (int z = 0; z < MAX_ZONES; z++)
        {
            flipped += zAllocatable[z] ? 0 : 1;
        }
        out.writeInt(flipped);
        for (int z = 0; z < MAX_ZONES; z++)
        {
            if (!zAllocatable[z])
            {
                out.writeInt(z);
            }
        }
        skuIndex.writeSize(out);
        for (int i = 0; i < skuIndex.size(); i++)
        {
            skuIndex.writeKey(out, i);
            out.writeByte(skuPolicy[i]);
            out.writeByte(skuScope[i]);
            out.writeLong(skuLeadMs[i]);
            out.writeInt(skuStocked[i]);
            writeLimits(out, i, skuLimitSet, skuMin, skuMax);
        }
        lotIndex.writeSize(out);
        for (int i = 0; i < lotIndex.size(); i++)
        {
            lotIndex.writeKey(out, i);
            out.writeLong(lotExpiryMs[i]);
            out.writeLong(lotInDateMs[i]);
            writeLimits(out, i, lotLimitSet, lotMin, lotMax);
        }
        out.writeInt(rowCount);
        for (int i = 0; i < rowCount; i++)
        {
            out.writeInt(rowSku[i]);
            out.writeInt(rowLot[i]);
            out.writeInt(rowOnHand[i]);
            out.writeInt(rowAllocatable[i]);
            out.writeByte(rowFlags[i]);
            out.writeInt(rowPrev[i]);
            out.writeInt(rowNext[i]);
            out.writeLong(rowDeadline[i]);
            out.writeInt(heapPos[i]);
        }
        out.writeInt(heapSize);
        for (int i = 0; i < heapSize; i++)
        {
            out.writeInt(heap[i]);
        }
        out.writeInt(subjectCount);
        for (int s = 0; s < subjectCount; s++)
        {
            out.writeLong(subjectKey[s]);
            out.writeInt(subjectHead[s]);
            out.writeBoolean(subjectDirty[s]);
            for (int q = 0; q < QUANTITIES; q++)
            {
                final int i = s * QUANTITIES + q;
                out.writeLong(limitLo[i]);
                out.writeLong(limitHi[i]);
                out.writeByte(exState[i]);
                out.writeBoolean(exBelow[i]);
                out.writeLong(exSinceMs[i]);
                out.writeLong(exLimit[i]);
                out.writeLong(exPeak[i]);
            }
        }
        out.writeInt(presenceCount);
        for (int i = 0; i < presenceCount; i++)
        {
            out.writeInt(psRow[i]);
            out.writeInt(psSubject[i]);
            out.writeInt(psCount[i]);
            out.writeInt(psAvailable[i]);
            out.writeInt(psPrev[i]);
            out.writeInt(psNext[i]);
        }
    }

    private static void writeLimits(
        final DataOutput out, final int slot, final boolean[] set, final int[] min, final int[] max)
        throws IOException
    {
        for (int q = 0; q < QUANTITIES; q++)
        {
            final int i = slot * QUANTITIES + q;
            out.writeBoolean(set[i]);
            out.writeInt(min[i]);
            out.writeInt(max[i]);
        }
    }

    private static void readLimits(
        final DataInput in, final int slot, final boolean[] set, final int[] min, final int[] max)
        throws IOException
    {
        for (int q = 0; q < QUANTITIES; q++)
        {
            final int i = slot * QUANTITIES + q;
            set[i] = in.readBoolean();
            min[i] = in.readInt();
            max[i] = in.readInt();
        }
    }

    @Override
    public void readSnapshot(final DataInput in, final Pipeline pipeline) throws IOException
    {
        readHeader(in, SNAPSHOT_MAGIC, SNAPSHOT_VERSION, "a lot rules snapshot");
        nowMs = in.readLong();
        droppedRows = in.readLong();
        ignoredReadings = in.readLong();
        suppressedExcursions = in.readLong();
        defaultPolicy = in.readInt();
        defaultScope = in.readInt();
        defaultLeadMs = in.readLong();
        for (int q = 0; q < QUANTITIES; q++)
        {
            minDurationMs[q] = in.readLong();
            hysteresis[q] = in.readLong();
        }
        final int handleLimit = readCount(in, tZone.length, "tag handles");
        for (int t = 0; t < handleLimit; t++)
        {
            tZone[t] = in.readInt();
            if (tZone[t] != NO_ZONE)
            {
                tSkuKey[t] = in.readLong();
                tLotId[t] = in.readLong();
                tContainer[t] = in.readLong();
                tHeld[t] = in.readBoolean();
                tRow[t] = in.readInt();
                tZonePs[t] = in.readInt();
                tContainerPs[t] = in.readInt();
            }
            else
            {
                tSkuKey[t] = 0;
                tLotId[t] = 0;
                tContainer[t] = 0;
                tHeld[t] = false;
                tRow[t] = -1;
                tZonePs[t] = -1;
                tContainerPs[t] = -1;
            }
        }
        Arrays.fill(zAllocatable, true);
        final int flipped = readCount(in, MAX_ZONES, "zones");
        for (int i = 0; i < flipped; i++)
        {
            zAllocatable[readCount(in, MAX_ZONES - 1, "zone id")] = false;
        }
        skuIndex.readSize(in, "skus");
        for (int i = 0; i < skuIndex.size(); i++)
        {
            skuIndex.readKey(in, i);
            skuPolicy[i] = in.readByte();
            skuScope[i] = in.readByte();
            skuLeadMs[i] = in.readLong();
            skuStocked[i] = in.readInt();
            readLimits(in, i, skuLimitSet, skuMin, skuMax);
        }
        lotIndex.readSize(in, "lots");
        for (int i = 0; i < lotIndex.size(); i++)
        {
            lotIndex.readKey(in, i);
            lotExpiryMs[i] = in.readLong();
            lotInDateMs[i] = in.readLong();
            readLimits(in, i, lotLimitSet, lotMin, lotMax);
        }
        rowCount = readCount(in, rowSku.length, "lot rows");
        rowIndex.clear();
        for (int i = 0; i < rowCount; i++)
        {
            rowSku[i] = in.readInt();
            rowLot[i] = in.readInt();
            rowOnHand[i] = in.readInt();
            rowAllocatable[i] = in.readInt();
            rowFlags[i] = in.readByte();
            rowPrev[i] = in.readInt();
            rowNext[i] = in.readInt();
            rowDeadline[i] = in.readLong();
            heapPos[i] = in.readInt();
            rowIndex.put(((long)rowSku[i] << 32) | rowLot[i], i);
        }
        heapSize = readCount(in, rowCount, "deadlines");
        for (int i = 0; i < heapSize; i++)
        {
            heap[i] = in.readInt();
        }
        subjectCount = readCount(in, subjectKey.length, "subjects");
        containerIndex.clear();
        Arrays.fill(zSubject, -1);
        for (int s = 0; s < subjectCount; s++)
        {
            subjectKey[s] = in.readLong();
            subjectHead[s] = in.readInt();
            subjectDirty[s] = in.readBoolean();
            for (int q = 0; q < QUANTITIES; q++)
            {
                final int i = s * QUANTITIES + q;
                limitLo[i] = in.readLong();
                limitHi[i] = in.readLong();
                exState[i] = in.readByte();
                exBelow[i] = in.readBoolean();
                exSinceMs[i] = in.readLong();
                exLimit[i] = in.readLong();
                exPeak[i] = in.readLong();
            }
            if (subjectKey[s] < MAX_ZONES)
            {
                zSubject[(int)subjectKey[s]] = s;
            }
            else
            {
                containerIndex.put(subjectKey[s], s);
            }
        }
        presenceCount = readCount(in, psRow.length, "presence rows");
        psIndex.clear();
        for (int i = 0; i < presenceCount; i++)
        {
            psRow[i] = in.readInt();
            psSubject[i] = in.readInt();
            psCount[i] = in.readInt();
            psAvailable[i] = in.readInt();
            psPrev[i] = in.readInt();
            psNext[i] = in.readInt();
            psIndex.put(presenceKey(psRow[i], psSubject[i]), i);
        }
    }

    @Override
    public String toString()
    {
        return "LotRules{skus=" + (skuIndex.size() - 1) + ", lots=" + (lotIndex.size() - 1) + ", lotRows=" + rowCount +
            ", subjects=" + subjectCount + ", deadlines=" + heapSize + ", dropped=" + droppedRows + "}";
    }
}
