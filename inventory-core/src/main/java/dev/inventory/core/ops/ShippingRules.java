package dev.inventory.core.ops;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.cursors.LongIntCursor;

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
 * Quality hold, picking / shipping verification and unauthorized movement, a rule on the {@link OperationsExtension}
 * (install after it: {@code RecordExtension.compose(ops, new ShippingRules(ops, context))}); host commands are
 * {@link ShippingCommands}.
 * <p>
 * <b>Quality hold.</b> This rule keeps the <i>business</i> hold of each item, a set of causes: core status
 * ({@code SET_TAG_STATUS HOLD}), hold zone (entering a {@link ZoneRole#QUALITY_HOLD} zone), item hold
 * ({@link ShippingCommands#HOLD}) and lot hold ({@link ShippingCommands#LOT_HOLD}: every item of the SKU x lot, now
 * and joining later). An item is held while any cause remains. A status change to AVAILABLE and
 * {@link ShippingCommands#RELEASE} release the item whatever held it (the host's disposition);
 * {@link ShippingCommands#LOT_RELEASE} clears only the lot cause. <b>Moving out of the hold zone does not release
 * an item</b>: a held item stays held wherever it goes until released; and releasing it inside the hold zone does
 * not hold it again (causes are edges: entering the zone, a status <i>change</i>, a command). A status hold or
 * release counts at the SET_TAG_STATUS command (and is re-checked on each move, and on each read in which the base
 * saw the item change). An item leaving stock
 * (issued, consumed, shipped, its handle reused after RETIRE_TAG) drops out of the hold counts without a release
 * event. This differs from the base's {@code held} balance, which is status- or hold-zone based and ends when the
 * item leaves the hold zone; queries here answer the business hold.
 * <p>
 * <b>Outbound path and direction.</b> Each zone has a rank: 0 inside the plant, 1 staging
 * ({@link ShippingCommands#KIND_STAGING}), 2 dock (role {@link ZoneRole#SHIPPING}, or the dock of an open shipment),
 * 3 exit ({@link ShippingCommands#KIND_EXIT}, the outbound side after a dock, or a gate). A move is <i>outbound</i>
 * when it goes to a higher rank; first sight counts as rank 0 (storage may have no read coverage), except first
 * sight in an exit zone, taken as arriving from outside. An item leaves the plant when it moves outbound into an
 * exit zone, or into a dock that has no exit zone after it (declared by {@link ShippingCommands#OUTBOUND_ZONE} or a
 * shipment's exit). A held item moving outbound into a staging, dock or exit zone raises OPS_HELD_TO_SHIPPING (at
 * each step), as does an item put on hold while on the outbound side.
 * <p>
 * <b>Shipments.</b> {@link ShippingCommands#SHIPMENT_OPEN} (dock, optional exit), lines by SKU (optionally lot) and
 * quantity or by EPC. An item moving outbound into a dock with open shipments is verified against them in open
 * order: its EPC line if listed (on a shipment of another dock it is a wrong item), else the first line of its SKU x
 * lot, then of its SKU with any lot, with quantity left: OPS_PICKED. Otherwise, unless it carries a transfer
 * authorisation, OPS_WRONG_ITEM (not on the shipment, over a full line, wrong lot, or listed on another shipment);
 * held items are not verified. A picked item moving back to rank 0 or 1 (storage, staging) is un-picked
 * (OPS_UNPICKED) and is verified again when it comes back; put on hold, issued otherwise or cancelled, it is
 * un-picked too; shipped on its own (status SHIPPED, issue with reason SHIP) it stays on its line as shipped.
 * {@link ShippingCommands#SHIPMENT_CLOSE}: one OPS_SHIPMENT_COMPLETE or OPS_SHIPMENT_SHORT per SKU line, per
 * missing EPC (SHORT) and for complete EPC lines (COMPLETE), then the picked items leave stock in pick order
 * ({@code ops.issue(tag, MovementLedger.SHIP)}: OPS_ISSUED), then OPS_SHIPPED. A closed shipment and its lines stay
 * queryable until its slot is needed: when the shipment or line table is full, the oldest closed shipment is
 * forgotten.
 * <p>
 * <b>Unauthorized movement.</b> An item entering a zone with an allow-list ({@link ShippingCommands#ZONE_ALLOW})
 * that excludes its SKU, or a {@link ZoneRole#RESTRICTED} zone without an allow-list, raises OPS_UNAUTHORIZED_ZONE.
 * An item leaving the plant (see above) that is not picked on an open shipment uses a transfer authorisation
 * ({@link ShippingCommands#EXIT_AUTHORIZE}: its EPC's first, else its SKU's) and raises OPS_TRANSFER_EXIT, or raises
 * OPS_UNAUTHORIZED_EXIT. An item not on the open shipment of a dock is reported as a wrong item there, not also as
 * an unauthorized exit of that dock; it is an unauthorized exit when it then passes the exit zone.
 * <p>
 * <b>Events</b> (field use; item events carry the item's EPC, {@code fromZone} / {@code toZone} of the move or -1 /
 * the item's zone, and the core ledger SKU handle; SKU-level events carry the SKU key in {@code epcHigh}, 0 in
 * {@code epcLow}, the ledger's handle of the key; {@code source} is the shipment id, else 0):
 * <ul>
 *     <li>OPS_HOLD: detail = cause ({@link #CAUSE_STATUS}, {@link #CAUSE_ZONE}, {@link #CAUSE_COMMAND},
 *     {@link #CAUSE_LOT}), dwell = the item's lot id; only when the item becomes held.</li>
 *     <li>OPS_RELEASE: detail = cause of the release (STATUS, COMMAND, LOT), dwell = time held in ms, rssi = the
 *     causes released as a bit mask (bit {@code cause - 1}).</li>
 *     <li>OPS_HELD_TO_SHIPPING: detail {@link #HELD_ENTERED} (moved outbound) or {@link #HELD_IN_PLACE} (held on
 *     the outbound side), source = the item's or the dock's open shipment, dwell = hold causes mask, rssi = rank of
 *     the zone.</li>
 *     <li>OPS_PICKED: detail {@link #LINE_SKU} (dwell = picked on the line, rssi = line quantity) or
 *     {@link #LINE_EPC} (dwell = EPC lines picked, rssi = EPC lines of the shipment).</li>
 *     <li>OPS_UNPICKED: detail = reason ({@link #UNPICK_MOVED_BACK}, {@link #UNPICK_HELD}, {@link #UNPICK_ISSUED},
 *     {@link #UNPICK_CANCELLED}), dwell / rssi as for PICKED after the change.</li>
 *     <li>OPS_WRONG_ITEM: detail {@link #WRONG_NOT_ON_SHIPMENT}, {@link #WRONG_OVER} (dwell = picked, rssi =
 *     quantity of the full line), {@link #WRONG_LOT}, {@link #WRONG_OTHER_SHIPMENT} (dwell = the id of the shipment
 *     listing the EPC); source = the dock's shipment concerned.</li>
 *     <li>OPS_SHIPMENT_COMPLETE: SKU-level per complete SKU line (detail LINE_SKU, dwell = picked, rssi = line
 *     quantity), or EPC 0 for the EPC lines when all are picked (detail LINE_EPC, dwell = picked, rssi = lines);
 *     toZone = dock.</li>
 *     <li>OPS_SHIPMENT_SHORT: SKU-level per short SKU line (detail LINE_SKU, dwell = missing, rssi = line
 *     quantity), item-level per missing EPC (detail LINE_EPC, dwell 1, rssi 1); toZone = dock.</li>
 *     <li>OPS_SHIPPED: EPC 0, toZone = dock, detail {@link #SHIPPED_COMPLETE} / {@link #SHIPPED_SHORT}, dwell =
 *     items shipped on the shipment, rssi = items missing.</li>
 *     <li>OPS_SHIPMENT_CANCELLED: EPC 0, toZone = dock, dwell = items un-picked.</li>
 *     <li>OPS_UNAUTHORIZED_ZONE: detail {@link #ZONE_RESTRICTED} or {@link #ZONE_NOT_ALLOWED}.</li>
 *     <li>OPS_UNAUTHORIZED_EXIT: detail {@link #EXIT_DOCK} (left through a dock without exit zone) or
 *     {@link #EXIT_ZONE}; source 0.</li>
 *     <li>OPS_TRANSFER_EXIT: detail EXIT_DOCK / EXIT_ZONE, source = transfer id, dwell = items the SKU
 *     authorisation still allows (-1 unlimited, 0 for an item authorisation), rssi = {@link #TRANSFER_ITEM} or
 *     {@link #TRANSFER_SKU}.</li>
 * </ul>
 * Deterministic (record time only, tables in insertion order) and garbage-free per read and per movement once SKUs
 * and lots are interned; set-up, snapshots and host commands may scan tables (lot holds scan the tag table).
 * Capacities are preallocated ({@link Context}); rows beyond them are counted in {@link #droppedRows()} and the
 * command is rejected. State is in the engine snapshot ({@link #writeSnapshot} / {@link #readSnapshot}).
 * Instances are NOT threadsafe: engine thread only; the query methods too.
 */
public final class ShippingRules implements RecordExtension, OpsListener
{
    /** Hold cause: core status HOLD. */
    public static final int CAUSE_STATUS = 1;
    /** Hold cause: entered a quality-hold zone. */
    public static final int CAUSE_ZONE = 2;
    /** Hold cause: {@link ShippingCommands#HOLD} / {@link ShippingCommands#RELEASE}. */
    public static final int CAUSE_COMMAND = 3;
    /** Hold cause: lot hold / lot release. */
    public static final int CAUSE_LOT = 4;
    /** OPS_HELD_TO_SHIPPING detail: a held item moved outbound into a staging, dock or exit zone. */
    public static final int HELD_ENTERED = 1;
    /** OPS_HELD_TO_SHIPPING detail: an item was put on hold while on the outbound side. */
    public static final int HELD_IN_PLACE = 2;
    /** Line kind (detail): a SKU line. */
    public static final int LINE_SKU = 0;
    /** Line kind (detail): EPC lines. */
    public static final int LINE_EPC = 1;
    /** OPS_WRONG_ITEM detail: no line of the dock's open shipments matches the item. */
    public static final int WRONG_NOT_ON_SHIPMENT = 1;
    /** OPS_WRONG_ITEM detail: the matching line is already complete. */
    public static final int WRONG_OVER = 2;
    /** OPS_WRONG_ITEM detail: the SKU is on the shipment for another lot only. */
    public static final int WRONG_LOT = 3;
    /** OPS_WRONG_ITEM detail: the EPC is listed on an open shipment of another dock. */
    public static final int WRONG_OTHER_SHIPMENT = 4;
    /** OPS_UNPICKED detail: moved back inside (rank below dock). */
    public static final int UNPICK_MOVED_BACK = 1;
    /** OPS_UNPICKED detail: put on hold. */
    public static final int UNPICK_HELD = 2;
    /** OPS_UNPICKED detail: left stock other than by shipping (consumed, issued, retired). */
    public static final int UNPICK_ISSUED = 3;
    /** OPS_UNPICKED detail: the shipment was cancelled. */
    public static final int UNPICK_CANCELLED = 4;
    /** OPS_UNAUTHORIZED_ZONE detail: a restricted zone. */
    public static final int ZONE_RESTRICTED = 1;
    /** OPS_UNAUTHORIZED_ZONE detail: the zone's allow-list excludes the SKU. */
    public static final int ZONE_NOT_ALLOWED = 2;
    /** Exit detail: left through a dock without exit zone. */
    public static final int EXIT_DOCK = 1;
    /** Exit detail: left through an exit zone. */
    public static final int EXIT_ZONE = 2;
    /** OPS_TRANSFER_EXIT rssi: an item (EPC) authorisation. */
    public static final int TRANSFER_ITEM = 1;
    /** OPS_TRANSFER_EXIT rssi: a SKU authorisation. */
    public static final int TRANSFER_SKU = 2;
    /** OPS_SHIPPED detail: every line complete. */
    public static final int SHIPPED_COMPLETE = 0;
    /** OPS_SHIPPED detail: some line short. */
    public static final int SHIPPED_SHORT = 1;
    /** Shipment state: unknown (never opened, or forgotten). */
    public static final int SHIPMENT_UNKNOWN = 0;
    /** Shipment state: open. */
    public static final int SHIPMENT_OPEN = 1;
    /** Shipment state: shipped (closed). */
    public static final int SHIPMENT_SHIPPED = 2;
    /** Shipment state: cancelled. */
    public static final int SHIPMENT_CANCELLED = 3;

    private static final int NO_ZONE = Ledger.NO_ZONE;
    private static final int RANK_STAGING = 1;
    private static final int RANK_DOCK = 2;
    private static final int RANK_EXIT = 3;
    private static final byte T_NONE = 0;
    private static final byte T_KNOWN = 1;
    private static final byte T_GONE = 2;
    private static final int ROW_UNRESOLVED = -2;
    private static final int LOT_BIT = 1 << (CAUSE_LOT - 1);
    private static final int ALL_CAUSES = 0xF;
    private static final int SNAPSHOT_MAGIC = 0x53484950; // "SHIP"
    private static final int SNAPSHOT_VERSION = 1;

    /**
     * Capacities of {@link ShippingRules}, fluent; {@link #conclude()} validates. NOT threadsafe.
     */
    public static final class Context
    {
        private int tagCapacity = 1 << 16;
        private int maxSkus = 4096;
        private int maxLots = 4096;
        private int skuLotRows = 16_384;
        private int maxShipments = 1024;
        private int maxShipmentLines = 8192;
        private int maxEpcEntries = 16_384;
        private int maxAllowRules = 4096;

        /** @param tags at least the engine's tag capacity; higher handles are dropped (counted). @return this. */
        public Context tagCapacity(final int tags)
        {
            this.tagCapacity = tags;
            return this;
        }

        /** @param skus most distinct SKUs (&lt; 2^24). @return this. */
        public Context maxSkus(final int skus)
        {
            this.maxSkus = skus;
            return this;
        }

        /** @param lots most distinct lot ids incl. "no lot" (&lt; 2^24). @return this. */
        public Context maxLots(final int lots)
        {
            this.maxLots = lots;
            return this;
        }

        /** @param rows most SKU x lot rows (hold counts, lot holds). @return this. */
        public Context skuLotRows(final int rows)
        {
            this.skuLotRows = rows;
            return this;
        }

        /** @param shipments most shipments kept, open or closed (&lt;= 2^15). @return this. */
        public Context maxShipments(final int shipments)
        {
            this.maxShipments = shipments;
            return this;
        }

        /** @param lines most SKU lines of the shipments kept. @return this. */
        public Context maxShipmentLines(final int lines)
        {
            this.maxShipmentLines = lines;
            return this;
        }

        /** @param entries most EPCs on open shipments or with a transfer authorisation. @return this. */
        public Context maxEpcEntries(final int entries)
        {
            this.maxEpcEntries = entries;
            return this;
        }

        /** @param rules most zone x SKU allow-list entries. @return this. */
        public Context maxAllowRules(final int rules)
        {
            this.maxAllowRules = rules;
            return this;
        }

        /**
         * @return this, validated.
         * @throws IllegalStateException naming the bad field.
         */
        public Context conclude()
        {
            require("tagCapacity", tagCapacity >= 1, tagCapacity);
            require("maxSkus", maxSkus >= 1 && maxSkus < (1 << 24), maxSkus);
            require("maxLots", maxLots >= 1 && maxLots < (1 << 24), maxLots);
            require("skuLotRows", skuLotRows >= 1, skuLotRows);
            require("maxShipments", maxShipments >= 1 && maxShipments <= (1 << 15), maxShipments);
            require("maxShipmentLines", maxShipmentLines >= 1, maxShipmentLines);
            require("maxEpcEntries", maxEpcEntries >= 1, maxEpcEntries);
            require("maxAllowRules", maxAllowRules >= 1, maxAllowRules);
            return this;
        }
    }

    private final OperationsExtension ops;

    // per tag (core ledger handle)
    private final byte[] tState;
    private final long[] tEpcHigh;
    private final int[] tEpcLow;
    private final int[] tStatus;
    private final int[] tSkuHandle;
    private final long[] tSkuKey;
    private final long[] tLotId;
    private final int[] tSku;
    private final int[] tLot;
    private final int[] tRow;
    private final byte[] tHold;
    private final long[] tHoldSinceMs;
    private final int[] tPickShip;
    private final int[] tPickLine;
    private final int[] tPrev;
    private final int[] tNext;
    private int tagLimit;

    // per zone
    private final byte[] zKind = new byte[ZoneDirectory.MAX_ZONES];
    private final int[] zExitDock = new int[ZoneDirectory.MAX_ZONES];
    private final int[] zDockExits = new int[ZoneDirectory.MAX_ZONES];
    private final int[] zOpenShipments = new int[ZoneDirectory.MAX_ZONES];
    private final int[] zAllowCount = new int[ZoneDirectory.MAX_ZONES];
    private final int[] zUnauthorized = new int[ZoneDirectory.MAX_ZONES];

    // SKUs, lots, SKU x lot rows
    private final KeyIndex skuIndex;
    private final int[] skuHeld;
    private final int[] skuTransferLeft;
    private final int[] skuTransferId;
    private final KeyIndex lotIndex;
    private final LongIntHashMap rowIndex;
    private final int[] rowSku;
    private final int[] rowLot;
    private final int[] rowHeld;
    private final boolean[] rowLotHold;
    private int rowCount;
    private final LongIntHashMap allowIndex;
    private final int allowCapacity;

    // shipments
    private final LongIntHashMap shipIndex;
    private final long[] sId;
    private final byte[] sState;
    private final int[] sDock;
    private final int[] sExit;
    private final int[] sLineHead;
    private final int[] sLineTail;
    private final int[] sEpcHead;
    private final int[] sEpcTail;
    private final int[] sPickHead;
    private final int[] sPickTail;
    private final int[] sPickedNow;
    private final int[] sShipped;
    private final int[] sEpcLines;
    private final int[] sEpcPicked;
    private final long[] sClosedSeq;
    private int sUsed;
    private final int[] openList;
    private int openCount;
    private long closeSeq;

    // SKU lines
    private final LongIntHashMap lineIndex;
    private final int[] lShip;
    private final int[] lSku;
    private final int[] lLot;
    private final int[] lQty;
    private final int[] lPicked;
    private final int[] lNext;
    private int lUsed;
    private int lFree = -1;

    // EPC entries: EPC lines of open shipments and item transfer authorisations
    private final LongIntHashMap epcIndex;
    private final boolean[] eInUse;
    private final long[] eHigh;
    private final int[] eLow;
    private final int[] eHashNext;
    private final int[] eShip;
    private final boolean[] ePicked;
    private final int[] eShipNext;
    private final int[] eTransfer;
    private int eUsed;
    private int eFree = -1;

    private long heldCount;
    private long unauthorizedZoneCount;
    private long unauthorizedExitCount;
    private long wrongItemCount;
    private long heldToShippingCount;
    private long transferExitCount;
    private long droppedRows;
    private boolean newHold;

    /**
     * @param ops     the operations extension this rule builds on; registers itself as its listener.
     * @param context capacities; concluded here.
     */
    public ShippingRules(final OperationsExtension ops, final Context context)
    {
        context.conclude();
        this.ops = ops;
        final int n = context.tagCapacity;
        tState = new byte[n];
        tEpcHigh = new long[n];
        tEpcLow = new int[n];
        tStatus = new int[n];
        tSkuHandle = new int[n];
        tSkuKey = new long[n];
        tLotId = new long[n];
        tSku = new int[n];
        tLot = new int[n];
        tRow = new int[n];
        tHold = new byte[n];
        tHoldSinceMs = new long[n];
        tPickShip = new int[n];
        tPickLine = new int[n];
        tPrev = new int[n];
        tNext = new int[n];
        Arrays.fill(zExitDock, NO_ZONE);

        skuIndex = new KeyIndex(context.maxSkus);
        skuHeld = new int[context.maxSkus];
        skuTransferLeft = new int[context.maxSkus];
        skuTransferId = new int[context.maxSkus];
        lotIndex = new KeyIndex(context.maxLots);
        lotIndex.indexOf(0, true);
        rowIndex = new LongIntHashMap(context.skuLotRows);
        rowSku = new int[context.skuLotRows];
        rowLot = new int[context.skuLotRows];
        rowHeld = new int[context.skuLotRows];
        rowLotHold = new boolean[context.skuLotRows];
        allowIndex = new LongIntHashMap(context.maxAllowRules);
        allowCapacity = context.maxAllowRules;

        final int s = context.maxShipments;
        shipIndex = new LongIntHashMap(s);
        sId = new long[s];
        sState = new byte[s];
        sDock = new int[s];
        sExit = new int[s];
        sLineHead = new int[s];
        sLineTail = new int[s];
        sEpcHead = new int[s];
        sEpcTail = new int[s];
        sPickHead = new int[s];
        sPickTail = new int[s];
        sPickedNow = new int[s];
        sShipped = new int[s];
        sEpcLines = new int[s];
        sEpcPicked = new int[s];
        sClosedSeq = new long[s];
        openList = new int[s];

        final int l = context.maxShipmentLines;
        lineIndex = new LongIntHashMap(l);
        lShip = new int[l];
        lSku = new int[l];
        lLot = new int[l];
        lQty = new int[l];
        lPicked = new int[l];
        lNext = new int[l];

        final int e = context.maxEpcEntries;
        epcIndex = new LongIntHashMap(e);
        eInUse = new boolean[e];
        eHigh = new long[e];
        eLow = new int[e];
        eHashNext = new int[e];
        eShip = new int[e];
        ePicked = new boolean[e];
        eShipNext = new int[e];
        eTransfer = new int[e];

        ops.addListener(this);
    }

    // ---------------------------------------------------------------- records

    @Override
    public boolean onRecord(final ByteBuffer buffer, final int offset, final int type, final Pipeline pipeline)
    {
        if (type == RecordType.RFID_READ)
        {
            if (!ops.lastReadChanged())
            {
                return false; // nothing about the item changed since it was last synced
            }
            final long epcHigh = buffer.getLong(offset + RfidReadFlyweight.EPC_HIGH_OFFSET);
            final int epcLow = buffer.getInt(offset + RfidReadFlyweight.EPC_LOW_OFFSET);
            final int tag = pipeline.tags().get(epcHigh, epcLow);
            if (tag != TagTable.MISSING)
            {
                final long nowMs = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
                sync(tag, epcHigh, epcLow, NO_ZONE, ops.zoneOf(tag), true, nowMs, pipeline);
            }
            return false;
        }
        if (type == RecordType.COMMAND)
        {
            return onCommand(buffer, offset, pipeline);
        }
        return false;
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
        newHold = false;
        if (sync(tag, ops.epcHighOf(tag), ops.epcLowOf(tag), fromZone, toZone, false, nowMs, pipeline))
        {
            onEnter(tag, fromZone, toZone, nowMs, pipeline);
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
        if (sync(tag, ops.epcHighOf(tag), ops.epcLowOf(tag), NO_ZONE, fromZone, false, nowMs, pipeline))
        {
            leaveStock(tag, reason == MovementLedger.SHIP, fromZone, nowMs, pipeline);
        }
    }

    /**
     * Bring this rule's view of an item up to date with the core ledger: a new EPC on the handle, leaving stock by
     * status, SKU x lot (re)assignment, status hold / release.
     *
     * @return true if the item is known and in stock (or not yet counted).
     */
    private boolean sync(
        final int tag,
        final long epcHigh,
        final int epcLow,
        final int from,
        final int to,
        final boolean alert,
        final long nowMs,
        final Pipeline pipeline)
    {
        if (tag < 0 || tag >= tState.length)
        {
            droppedRows++; // Context.tagCapacity below the engine's
            return false;
        }
        if (tState[tag] == T_NONE || tEpcHigh[tag] != epcHigh || tEpcLow[tag] != epcLow)
        {
            if (tState[tag] == T_KNOWN)
            {
                leaveStock(tag, false, to, nowMs, pipeline); // handle reused after RETIRE_TAG
            }
            init(tag, epcHigh, epcLow);
        }
        if (tState[tag] != T_KNOWN)
        {
            return false;
        }
        final TagTable tags = pipeline.tags();
        if (tags.epcHigh(tag) != epcHigh || tags.epcLow(tag) != epcLow)
        {
            return true; // the handle passed to another EPC (told by the base as RETIRED): the ledger is not ours
        }
        final Ledger ledger = pipeline.ledger();
        final int status = ledger.status(tag);
        if (status == Ledger.STATUS_CONSUMED || status == Ledger.STATUS_SHIPPED)
        {
            leaveStock(tag, status == Ledger.STATUS_SHIPPED, to, nowMs, pipeline);
            return false;
        }
        final int skuHandle = ledger.sku(tag);
        tSkuHandle[tag] = skuHandle;
        final long skuKey = skuHandle == Ledger.NO_SKU ? 0 : ledger.skuKey(skuHandle);
        final long lotId = ledger.lot(tag);
        if (tRow[tag] == ROW_UNRESOLVED || skuKey != tSkuKey[tag] || lotId != tLotId[tag])
        {
            regroup(tag, skuKey, lotId, from, to, alert, nowMs, pipeline);
        }
        if (status != tStatus[tag])
        {
            tStatus[tag] = status;
            if (status == Ledger.STATUS_HOLD)
            {
                hold(tag, CAUSE_STATUS, from, to, alert, nowMs, pipeline);
            }
            else if (status == Ledger.STATUS_AVAILABLE)
            {
                release(tag, CAUSE_STATUS, ALL_CAUSES, to, nowMs, pipeline);
            }
        }
        return true;
    }

    private void init(final int tag, final long epcHigh, final int epcLow)
    {
        tState[tag] = T_KNOWN;
        tEpcHigh[tag] = epcHigh;
        tEpcLow[tag] = epcLow;
        tStatus[tag] = Ledger.STATUS_NONE;
        tSkuHandle[tag] = Ledger.NO_SKU;
        tSkuKey[tag] = 0;
        tLotId[tag] = 0;
        tSku[tag] = -1;
        tLot[tag] = -1;
        tRow[tag] = ROW_UNRESOLVED;
        tHold[tag] = 0;
        tHoldSinceMs[tag] = 0;
        tPickShip[tag] = -1;
        tPickLine[tag] = -1;
        tPrev[tag] = -1;
        tNext[tag] = -1;
        tagLimit = Math.max(tagLimit, tag + 1);
    }

    private void regroup(
        final int tag,
        final long skuKey,
        final long lotId,
        final int from,
        final int to,
        final boolean alert,
        final long nowMs,
        final Pipeline pipeline)
    {
        final boolean held = tHold[tag] != 0;
        if (held)
        {
            countHeld(tag, -1);
        }
        tSkuKey[tag] = skuKey;
        tLotId[tag] = lotId;
        final int sku = skuIndexOf(skuKey, true);
        final int lot = lotIndexOf(lotId, true);
        tSku[tag] = sku;
        tLot[tag] = lot;
        final int row = sku < 0 || lot < 0 ? -1 : rowOf(sku, lot, true);
        tRow[tag] = row;
        if (held)
        {
            countHeld(tag, 1);
        }
        if (row >= 0 && rowLotHold[row])
        {
            hold(tag, CAUSE_LOT, from, to, alert, nowMs, pipeline);
        }
        else if ((tHold[tag] & LOT_BIT) != 0)
        {
            release(tag, CAUSE_LOT, LOT_BIT, to, nowMs, pipeline);
        }
    }

    /** The item leaves stock (or the handle passes to another EPC): off its shipment, out of the hold counts. */
    private void leaveStock(
        final int tag, final boolean shipped, final int zone, final long nowMs, final Pipeline pipeline)
    {
        final int s = tPickShip[tag];
        if (s >= 0)
        {
            if (shipped)
            {
                unlinkPick(tag, s);
                sShipped[s]++;
            }
            else
            {
                unpick(tag, UNPICK_ISSUED, zone, NO_ZONE, nowMs, pipeline);
            }
        }
        if (tHold[tag] != 0)
        {
            countHeld(tag, -1);
            tHold[tag] = 0;
        }
        tState[tag] = T_GONE;
    }

    // ---------------------------------------------------------------- hold

    private void countHeld(final int tag, final int delta)
    {
        heldCount += delta;
        final int row = tRow[tag];
        if (row >= 0)
        {
            rowHeld[row] += delta;
        }
        final int sku = tSku[tag];
        if (sku >= 0)
        {
            skuHeld[sku] += delta;
        }
    }

    private void hold(
        final int tag,
        final int cause,
        final int from,
        final int to,
        final boolean alert,
        final long nowMs,
        final Pipeline pipeline)
    {
        final int bit = 1 << (cause - 1);
        final int mask = tHold[tag];
        if ((mask & bit) != 0)
        {
            return;
        }
        tHold[tag] = (byte)(mask | bit);
        if (mask != 0)
        {
            return;
        }
        countHeld(tag, 1);
        tHoldSinceMs[tag] = nowMs;
        newHold = true;
        emitItem(EventType.OPS_HOLD, cause, 0, nowMs, tag, from, to, tLotId[tag], 0, pipeline);
        final int picked = tPickShip[tag];
        if (picked >= 0)
        {
            unpick(tag, UNPICK_HELD, from, to, nowMs, pipeline);
        }
        final int rank = rank(to);
        if (alert && rank >= RANK_STAGING)
        {
            final int source = picked >= 0 ? (int)sId[picked] : (rank == RANK_DOCK ? firstShipmentIdAt(to) : 0);
            heldToShipping(tag, HELD_IN_PLACE, source, from, to, rank, nowMs, pipeline);
        }
    }

    private void release(
        final int tag, final int cause, final int causes, final int zone, final long nowMs, final Pipeline pipeline)
    {
        final int mask = tHold[tag];
        if ((mask & causes) == 0)
        {
            return;
        }
        final int left = mask & ~causes;
        tHold[tag] = (byte)left;
        if (left == 0)
        {
            countHeld(tag, -1);
            emitItem(EventType.OPS_RELEASE, cause, 0, nowMs, tag, NO_ZONE, zone, nowMs - tHoldSinceMs[tag],
                mask, pipeline);
        }
    }

    private void heldToShipping(
        final int tag,
        final int detail,
        final int source,
        final int from,
        final int to,
        final int rank,
        final long nowMs,
        final Pipeline pipeline)
    {
        heldToShippingCount++;
        emitItem(EventType.OPS_HELD_TO_SHIPPING, detail, source, nowMs, tag, from, to, tHold[tag], rank, pipeline);
    }

    // ---------------------------------------------------------------- movement

    private int rank(final int zone)
    {
        if (zone == NO_ZONE)
        {
            return 0;
        }
        if (zKind[zone] == ShippingCommands.KIND_EXIT)
        {
            return RANK_EXIT;
        }
        if (zOpenShipments[zone] > 0 || ops.role(zone) == ZoneRole.SHIPPING)
        {
            return RANK_DOCK;
        }
        return zKind[zone] == ShippingCommands.KIND_STAGING ? RANK_STAGING : 0;
    }

    private void onEnter(final int tag, final int from, final int to, final long nowMs, final Pipeline pipeline)
    {
        checkZone(tag, from, to, nowMs, pipeline);
        final int rankFrom = rank(from);
        final int rankTo = rank(to);
        if (tPickShip[tag] >= 0 && rankTo < RANK_DOCK)
        {
            unpick(tag, UNPICK_MOVED_BACK, from, to, nowMs, pipeline);
        }
        if (ops.role(to) == ZoneRole.QUALITY_HOLD)
        {
            hold(tag, CAUSE_ZONE, from, to, false, nowMs, pipeline);
        }
        final boolean outbound = rankTo > rankFrom && !(from == NO_ZONE && rankTo == RANK_EXIT);
        if (tHold[tag] != 0 && rankTo >= RANK_STAGING && (outbound || newHold))
        {
            heldToShipping(tag, outbound ? HELD_ENTERED : HELD_IN_PLACE,
                rankTo == RANK_DOCK ? firstShipmentIdAt(to) : 0, from, to, rankTo, nowMs, pipeline);
        }
        if (!outbound)
        {
            return;
        }
        if (rankTo == RANK_DOCK)
        {
            if (zOpenShipments[to] > 0)
            {
                if (tHold[tag] == 0 && tPickShip[tag] < 0)
                {
                    verify(tag, from, to, nowMs, pipeline);
                }
            }
            else if (zDockExits[to] == 0)
            {
                leave(tag, from, to, EXIT_DOCK, nowMs, pipeline);
            }
        }
        else if (rankTo == RANK_EXIT && tPickShip[tag] < 0)
        {
            leave(tag, from, to, EXIT_ZONE, nowMs, pipeline);
        }
    }

    private void checkZone(final int tag, final int from, final int to, final long nowMs, final Pipeline pipeline)
    {
        final int detail;
        if (zAllowCount[to] > 0)
        {
            final int sku = tSku[tag];
            if (sku >= 0 && allowIndex.containsKey(allowKey(sku, to)))
            {
                return;
            }
            detail = ZONE_NOT_ALLOWED;
        }
        else if (ops.role(to) == ZoneRole.RESTRICTED)
        {
            detail = ZONE_RESTRICTED;
        }
        else
        {
            return;
        }
        unauthorizedZoneCount++;
        zUnauthorized[to]++;
        emitItem(EventType.OPS_UNAUTHORIZED_ZONE, detail, 0, nowMs, tag, from, to, 0, 0, pipeline);
    }

    private void verify(final int tag, final int from, final int dock, final long nowMs, final Pipeline pipeline)
    {
        final int entry = findEpc(tEpcHigh[tag], tEpcLow[tag]);
        if (entry >= 0 && eShip[entry] >= 0)
        {
            final int s = eShip[entry];
            if (sDock[s] != dock)
            {
                wrong(tag, from, dock, firstShipmentAt(dock), WRONG_OTHER_SHIPMENT, sId[s], 0, nowMs, pipeline);
                return;
            }
            if (!ePicked[entry])
            {
                ePicked[entry] = true;
                sEpcPicked[s]++;
                linkPick(tag, s, -1);
                emitItem(EventType.OPS_PICKED, LINE_EPC, (int)sId[s], nowMs, tag, from, dock, sEpcPicked[s],
                    sEpcLines[s], pipeline);
                return;
            }
        }
        final int sku = tSku[tag];
        final int lot = tLot[tag];
        final int[] open = openList;
        if (sku >= 0)
        {
            for (int i = 0; i < openCount; i++)
            {
                final int s = open[i];
                if (sDock[s] != dock)
                {
                    continue;
                }
                int line = lot > 0 ? lineOf(s, sku, lot) : -1;
                if (line < 0 || lPicked[line] >= lQty[line])
                {
                    line = lineOf(s, sku, 0);
                }
                if (line >= 0 && lPicked[line] < lQty[line])
                {
                    lPicked[line]++;
                    linkPick(tag, s, line);
                    emitItem(EventType.OPS_PICKED, LINE_SKU, (int)sId[s], nowMs, tag, from, dock, lPicked[line],
                        lQty[line], pipeline);
                    return;
                }
            }
        }
        if (isTransferAuthorised(tag))
        {
            if (zDockExits[dock] == 0)
            {
                leave(tag, from, dock, EXIT_DOCK, nowMs, pipeline);
            }
            return;
        }
        int wrongShip = -1;
        int detail = WRONG_NOT_ON_SHIPMENT;
        int full = -1;
        for (int i = 0; sku >= 0 && i < openCount && full < 0; i++)
        {
            final int s = open[i];
            if (sDock[s] == dock)
            {
                full = lot > 0 ? lineOf(s, sku, lot) : -1;
                full = full >= 0 ? full : lineOf(s, sku, 0);
                wrongShip = full >= 0 ? s : -1;
                detail = full >= 0 ? WRONG_OVER : detail;
            }
        }
        for (int i = 0; sku >= 0 && i < openCount && wrongShip < 0; i++)
        {
            final int s = open[i];
            if (sDock[s] == dock && hasSkuLine(s, sku))
            {
                wrongShip = s;
                detail = WRONG_LOT;
            }
        }
        wrong(tag, from, dock, wrongShip >= 0 ? wrongShip : firstShipmentAt(dock), detail,
            full >= 0 ? lPicked[full] : 0, full >= 0 ? lQty[full] : 0, nowMs, pipeline);
    }

    private void wrong(
        final int tag,
        final int from,
        final int dock,
        final int s,
        final int detail,
        final long dwell,
        final int rssi,
        final long nowMs,
        final Pipeline pipeline)
    {
        wrongItemCount++;
        emitItem(EventType.OPS_WRONG_ITEM, detail, s >= 0 ? (int)sId[s] : 0, nowMs, tag, from, dock, dwell, rssi,
            pipeline);
    }

    private boolean hasSkuLine(final int s, final int sku)
    {
        for (int line = sLineHead[s]; line >= 0; line = lNext[line])
        {
            if (lSku[line] == sku)
            {
                return true;
            }
        }
        return false;
    }

    private boolean isTransferAuthorised(final int tag)
    {
        final int entry = findEpc(tEpcHigh[tag], tEpcLow[tag]);
        final int sku = tSku[tag];
        return (entry >= 0 && eTransfer[entry] >= 0) || (sku >= 0 && skuTransferLeft[sku] != 0);
    }

    /** The item leaves the plant unpicked: through a transfer authorisation, or unauthorized. */
    private void leave(
        final int tag, final int from, final int zone, final int where, final long nowMs, final Pipeline pipeline)
    {
        final int entry = findEpc(tEpcHigh[tag], tEpcLow[tag]);
        if (entry >= 0 && eTransfer[entry] >= 0)
        {
            final int transfer = eTransfer[entry];
            eTransfer[entry] = -1;
            freeEpcIfUnused(entry);
            transferExitCount++;
            emitItem(EventType.OPS_TRANSFER_EXIT, where, transfer, nowMs, tag, from, zone, 0, TRANSFER_ITEM, pipeline);
            return;
        }
        final int sku = tSku[tag];
        if (sku >= 0 && skuTransferLeft[sku] != 0)
        {
            if (skuTransferLeft[sku] > 0)
            {
                skuTransferLeft[sku]--;
            }
            transferExitCount++;
            emitItem(EventType.OPS_TRANSFER_EXIT, where, skuTransferId[sku], nowMs, tag, from, zone,
                skuTransferLeft[sku], TRANSFER_SKU, pipeline);
            return;
        }
        unauthorizedExitCount++;
        emitItem(EventType.OPS_UNAUTHORIZED_EXIT, where, 0, nowMs, tag, from, zone, 0, 0, pipeline);
    }

    private void linkPick(final int tag, final int s, final int line)
    {
        tPickShip[tag] = s;
        tPickLine[tag] = line;
        final int tail = sPickTail[s];
        tPrev[tag] = tail;
        tNext[tag] = -1;
        if (tail >= 0)
        {
            tNext[tail] = tag;
        }
        else
        {
            sPickHead[s] = tag;
        }
        sPickTail[s] = tag;
        sPickedNow[s]++;
    }

    private void unlinkPick(final int tag, final int s)
    {
        final int prev = tPrev[tag];
        final int next = tNext[tag];
        if (prev >= 0)
        {
            tNext[prev] = next;
        }
        else
        {
            sPickHead[s] = next;
        }
        if (next >= 0)
        {
            tPrev[next] = prev;
        }
        else
        {
            sPickTail[s] = prev;
        }
        tPrev[tag] = -1;
        tNext[tag] = -1;
        tPickShip[tag] = -1;
        tPickLine[tag] = -1;
        sPickedNow[s]--;
    }

    private void unpick(
        final int tag, final int reason, final int from, final int to, final long nowMs, final Pipeline pipeline)
    {
        final int s = tPickShip[tag];
        final int line = tPickLine[tag];
        unlinkPick(tag, s);
        final long dwell;
        final int rssi;
        if (line >= 0)
        {
            dwell = --lPicked[line];
            rssi = lQty[line];
        }
        else
        {
            final int entry = findEpc(tEpcHigh[tag], tEpcLow[tag]);
            if (entry >= 0 && ePicked[entry])
            {
                ePicked[entry] = false;
                sEpcPicked[s]--;
            }
            dwell = sEpcPicked[s];
            rssi = sEpcLines[s];
        }
        emitItem(EventType.OPS_UNPICKED, reason, (int)sId[s], nowMs, tag, from, to, dwell, rssi, pipeline);
    }

    private void emitItem(
        final short type,
        final int detail,
        final int source,
        final long nowMs,
        final int tag,
        final int from,
        final int to,
        final long dwell,
        final int rssi,
        final Pipeline pipeline)
    {
        pipeline.emit(type, (short)detail, source, nowMs, tEpcHigh[tag], tEpcLow[tag], from, to, 0, dwell, rssi,
            tSkuHandle[tag]);
    }

    private int firstShipmentAt(final int dock)
    {
        for (int i = 0; i < openCount; i++)
        {
            if (sDock[openList[i]] == dock)
            {
                return openList[i];
            }
        }
        return -1;
    }

    private int firstShipmentIdAt(final int dock)
    {
        final int s = firstShipmentAt(dock);
        return s >= 0 ? (int)sId[s] : 0;
    }

    // ---------------------------------------------------------------- commands

    private boolean onCommand(final ByteBuffer buffer, final int offset, final Pipeline pipeline)
    {
        final int code = buffer.getInt(offset + CommandFlyweight.COMMAND_OFFSET);
        if (code == CommandFlyweight.SET_TAG_STATUS || code == CommandFlyweight.ASSIGN_TAG)
        {
            // the core applied a status or master data change: follow it at once, as the base does
            final long epcHigh = buffer.getLong(offset + CommandFlyweight.ARG1_OFFSET);
            final int epcLow = buffer.getInt(offset + CommandFlyweight.INT_ARG_OFFSET);
            final int tag = pipeline.tags().get(epcHigh, epcLow);
            if (tag != TagTable.MISSING && ops.isCounted(tag)) // an item not yet in stock is synced on arrival
            {
                sync(tag, epcHigh, epcLow, NO_ZONE, ops.zoneOf(tag), true,
                    buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET), pipeline);
            }
            return false;
        }
        if (code < ShippingCommands.FIRST || code > ShippingCommands.LAST)
        {
            return false;
        }
        final long nowMs = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
        final int epcLow = buffer.getInt(offset + CommandFlyweight.INT_ARG_OFFSET);
        final long epcHigh = buffer.getLong(offset + CommandFlyweight.ARG1_OFFSET);
        final long arg2 = buffer.getLong(offset + CommandFlyweight.ARG2_OFFSET);
        final long arg3 = buffer.getLong(offset + CommandFlyweight.ARG3_OFFSET);
        final long arg4 = buffer.getLong(offset + CommandFlyweight.ARG4_OFFSET);
        switch (code)
        {
            case ShippingCommands.HOLD:
            case ShippingCommands.RELEASE:
                return onItemHold(code == ShippingCommands.HOLD, epcHigh, epcLow, nowMs, pipeline);
            case ShippingCommands.LOT_HOLD:
                return onLotHold(arg2, arg3, nowMs, pipeline);
            case ShippingCommands.LOT_RELEASE:
                return onLotRelease(arg2, arg3, nowMs, pipeline);
            case ShippingCommands.SHIPMENT_OPEN:
                return onShipmentOpen(arg2, arg3, arg4);
            case ShippingCommands.SHIPMENT_LINE:
                return onShipmentLine(arg2, arg3, arg4, buffer.getLong(offset + CommandFlyweight.ARG5_OFFSET));
            case ShippingCommands.SHIPMENT_LOT:
                return onShipmentLot(arg2, arg3, arg4);
            case ShippingCommands.SHIPMENT_EPC:
                return onShipmentEpc(arg2, epcHigh, epcLow);
            case ShippingCommands.SHIPMENT_CLOSE:
                return onShipmentClose(arg2, nowMs, pipeline);
            case ShippingCommands.SHIPMENT_CANCEL:
                return onShipmentCancel(arg2, nowMs, pipeline);
            case ShippingCommands.OUTBOUND_ZONE:
                return onOutboundZone(arg2, arg3, arg4);
            case ShippingCommands.ZONE_ALLOW:
                return onZoneAllow(arg2, arg3, arg4);
            case ShippingCommands.EXIT_AUTHORIZE:
                return onExitAuthorize(epcHigh, epcLow, arg2, arg3, arg4);
            default:
                return false;
        }
    }

    private static boolean isZone(final long zone)
    {
        return zone >= 0 && zone < ZoneDirectory.MAX_ZONES;
    }

    private static boolean isShipmentId(final long id)
    {
        return id >= 1 && id <= Integer.MAX_VALUE;
    }

    private boolean onItemHold(
        final boolean hold, final long epcHigh, final int epcLow, final long nowMs, final Pipeline pipeline)
    {
        final int tag = pipeline.tags().get(epcHigh, epcLow);
        if (tag == TagTable.MISSING)
        {
            return false;
        }
        final int zone = ops.zoneOf(tag);
        if (!sync(tag, epcHigh, epcLow, NO_ZONE, zone, true, nowMs, pipeline))
        {
            return false;
        }
        if (hold)
        {
            hold(tag, CAUSE_COMMAND, NO_ZONE, zone, true, nowMs, pipeline);
        }
        else
        {
            release(tag, CAUSE_COMMAND, ALL_CAUSES, zone, nowMs, pipeline);
        }
        return true;
    }

    private boolean onLotHold(final long skuKey, final long lotId, final long nowMs, final Pipeline pipeline)
    {
        if (skuKey == 0 || lotId < 0)
        {
            return false;
        }
        final int sku = skuIndexOf(skuKey, true);
        final int lot = sku < 0 ? -1 : lotIndexOf(lotId, true);
        final int row = lot < 0 ? -1 : rowOf(sku, lot, true);
        if (row < 0)
        {
            return false;
        }
        rowLotHold[row] = true;
        final TagTable tags = pipeline.tags();
        final Ledger ledger = pipeline.ledger();
        final int limit = Math.min(tags.handleLimit(), tState.length);
        for (int t = 0; t < limit; t++)
        {
            if (!tags.isLive(t))
            {
                continue;
            }
            final int handle = ledger.sku(t);
            final boolean inLot = (handle == Ledger.NO_SKU ? 0 : ledger.skuKey(handle)) == skuKey &&
                ledger.lot(t) == lotId;
            if (!inLot && !(tState[t] == T_KNOWN && tRow[t] == row))
            {
                continue;
            }
            final int zone = ops.zoneOf(t);
            if (sync(t, tags.epcHigh(t), tags.epcLow(t), NO_ZONE, zone, true, nowMs, pipeline) && tRow[t] == row)
            {
                hold(t, CAUSE_LOT, NO_ZONE, zone, true, nowMs, pipeline);
            }
        }
        return true;
    }

    private boolean onLotRelease(final long skuKey, final long lotId, final long nowMs, final Pipeline pipeline)
    {
        final int sku = skuKey == 0 ? -1 : skuIndexOf(skuKey, false);
        final int lot = sku < 0 || lotId < 0 ? -1 : lotIndex.indexOf(lotId, false);
        final int row = lot < 0 ? -1 : rowOf(sku, lot, false);
        if (row < 0)
        {
            return false;
        }
        rowLotHold[row] = false;
        for (int t = 0; t < tagLimit; t++)
        {
            if (tState[t] == T_KNOWN && tRow[t] == row && (tHold[t] & LOT_BIT) != 0)
            {
                release(t, CAUSE_LOT, LOT_BIT, ops.zoneOf(t), nowMs, pipeline);
            }
        }
        return true;
    }

    private boolean onShipmentOpen(final long id, final long dock, final long exit)
    {
        if (!isShipmentId(id) || !isZone(dock) || (exit != NO_ZONE && (!isZone(exit) || exit == dock)))
        {
            return false;
        }
        int s = shipIndex.getOrDefault(id, -1);
        if (s >= 0)
        {
            if (sState[s] != SHIPMENT_OPEN)
            {
                return false;
            }
            zOpenShipments[sDock[s]]--;
        }
        else
        {
            s = allocShipment();
            if (s < 0)
            {
                return false;
            }
            shipIndex.put(id, s);
            sId[s] = id;
            sState[s] = SHIPMENT_OPEN;
            sLineHead[s] = -1;
            sLineTail[s] = -1;
            sEpcHead[s] = -1;
            sEpcTail[s] = -1;
            sPickHead[s] = -1;
            sPickTail[s] = -1;
            sPickedNow[s] = 0;
            sShipped[s] = 0;
            sEpcLines[s] = 0;
            sEpcPicked[s] = 0;
            sClosedSeq[s] = 0;
            openList[openCount++] = s;
        }
        sDock[s] = (int)dock;
        sExit[s] = (int)exit;
        zOpenShipments[(int)dock]++;
        if (exit != NO_ZONE)
        {
            setKind((int)exit, ShippingCommands.KIND_EXIT, (int)dock);
        }
        return true;
    }

    private int openSlot(final long id)
    {
        final int s = isShipmentId(id) ? shipIndex.getOrDefault(id, -1) : -1;
        return s >= 0 && sState[s] == SHIPMENT_OPEN ? s : -1;
    }

    private boolean onShipmentLine(final long id, final long skuKey, final long quantity, final long lotId)
    {
        final int s = openSlot(id);
        if (s < 0 || skuKey == 0 || quantity <= 0 || quantity > Integer.MAX_VALUE / 2 || lotId < 0)
        {
            return false;
        }
        final int sku = skuIndexOf(skuKey, true);
        final int lot = sku < 0 ? -1 : lotIndexOf(lotId, true);
        final int line = lot < 0 ? -1 : lineOf(s, sku, lot);
        if (line >= 0)
        {
            if ((long)lQty[line] + quantity > Integer.MAX_VALUE / 2)
            {
                return false;
            }
            lQty[line] += (int)quantity;
            return true;
        }
        final int added = lot < 0 ? -1 : addLine(s, sku, lot);
        if (added < 0)
        {
            return false;
        }
        lQty[added] = (int)quantity;
        return true;
    }

    private boolean onShipmentLot(final long id, final long skuKey, final long lotId)
    {
        final int s = openSlot(id);
        final int sku = s < 0 || skuKey == 0 ? -1 : skuIndexOf(skuKey, false);
        final int line = sku < 0 ? -1 : lineOf(s, sku, 0);
        if (line < 0 || lotId <= 0 || lPicked[line] != 0)
        {
            return false;
        }
        final int lot = lotIndexOf(lotId, true);
        if (lot < 0 || lineOf(s, sku, lot) >= 0)
        {
            return false;
        }
        lineIndex.remove(lineKey(s, sku, 0));
        lineIndex.put(lineKey(s, sku, lot), line);
        lLot[line] = lot;
        return true;
    }

    private boolean onShipmentEpc(final long id, final long epcHigh, final int epcLow)
    {
        final int s = openSlot(id);
        if (s < 0)
        {
            return false;
        }
        final int entry = addEpc(epcHigh, epcLow);
        if (entry < 0)
        {
            return false;
        }
        if (eShip[entry] >= 0)
        {
            return eShip[entry] == s;
        }
        eShip[entry] = s;
        ePicked[entry] = false;
        eShipNext[entry] = -1;
        if (sEpcTail[s] >= 0)
        {
            eShipNext[sEpcTail[s]] = entry;
        }
        else
        {
            sEpcHead[s] = entry;
        }
        sEpcTail[s] = entry;
        sEpcLines[s]++;
        return true;
    }

    private boolean onShipmentClose(final long id, final long nowMs, final Pipeline pipeline)
    {
        final int s = openSlot(id);
        if (s < 0)
        {
            return false;
        }
        final int source = (int)id;
        final int dock = sDock[s];
        final Ledger ledger = pipeline.ledger();
        int missing = 0;
        for (int line = sLineHead[s]; line >= 0; line = lNext[line])
        {
            final long skuKey = skuIndex.key(lSku[line]);
            final int picked = lPicked[line];
            final int quantity = lQty[line];
            final boolean complete = picked >= quantity;
            missing += complete ? 0 : quantity - picked;
            pipeline.emit(complete ? EventType.OPS_SHIPMENT_COMPLETE : EventType.OPS_SHIPMENT_SHORT,
                (short)LINE_SKU, source, nowMs, skuKey, 0, NO_ZONE, dock, 0, complete ? picked : quantity - picked,
                quantity, ledger.skuHandle(skuKey));
        }
        for (int entry = sEpcHead[s]; entry >= 0; entry = eShipNext[entry])
        {
            if (!ePicked[entry])
            {
                missing++;
                final int tag = pipeline.tags().get(eHigh[entry], eLow[entry]);
                pipeline.emit(EventType.OPS_SHIPMENT_SHORT, (short)LINE_EPC, source, nowMs, eHigh[entry], eLow[entry],
                    NO_ZONE, dock, 0, 1, 1, tag == TagTable.MISSING ? Ledger.NO_SKU : ledger.sku(tag));
            }
        }
        if (sEpcLines[s] > 0 && sEpcPicked[s] == sEpcLines[s])
        {
            pipeline.emit(EventType.OPS_SHIPMENT_COMPLETE, (short)LINE_EPC, source, nowMs, 0, 0, NO_ZONE, dock, 0,
                sEpcPicked[s], sEpcLines[s], Ledger.NO_SKU);
        }
        int tag = sPickHead[s];
        sPickHead[s] = -1;
        sPickTail[s] = -1;
        sPickedNow[s] = 0;
        while (tag >= 0)
        {
            final int next = tNext[tag];
            tPickShip[tag] = -1;
            tPickLine[tag] = -1;
            tPrev[tag] = -1;
            tNext[tag] = -1;
            if (ops.issue(tag, MovementLedger.SHIP, nowMs, pipeline))
            {
                sShipped[s]++;
            }
            tag = next;
        }
        closeShipment(s, SHIPMENT_SHIPPED);
        pipeline.emit(EventType.OPS_SHIPPED, (short)(missing > 0 ? SHIPPED_SHORT : SHIPPED_COMPLETE), source, nowMs,
            0, 0, NO_ZONE, dock, 0, sShipped[s], missing, Ledger.NO_SKU);
        return true;
    }

    private boolean onShipmentCancel(final long id, final long nowMs, final Pipeline pipeline)
    {
        final int s = openSlot(id);
        if (s < 0)
        {
            return false;
        }
        int unpicked = 0;
        while (sPickHead[s] >= 0)
        {
            final int tag = sPickHead[s];
            unpick(tag, UNPICK_CANCELLED, NO_ZONE, ops.zoneOf(tag), nowMs, pipeline);
            unpicked++;
        }
        closeShipment(s, SHIPMENT_CANCELLED);
        pipeline.emit(EventType.OPS_SHIPMENT_CANCELLED, (short)0, (int)id, nowMs, 0, 0, NO_ZONE, sDock[s], 0,
            unpicked, 0, Ledger.NO_SKU);
        return true;
    }

    private void closeShipment(final int s, final int state)
    {
        sState[s] = (byte)state;
        sClosedSeq[s] = ++closeSeq;
        zOpenShipments[sDock[s]]--;
        int i = 0;
        while (openList[i] != s)
        {
            i++;
        }
        System.arraycopy(openList, i + 1, openList, i, openCount - i - 1);
        openCount--;
        int entry = sEpcHead[s];
        while (entry >= 0)
        {
            final int next = eShipNext[entry];
            eShip[entry] = -1;
            ePicked[entry] = false;
            eShipNext[entry] = -1;
            freeEpcIfUnused(entry);
            entry = next;
        }
        sEpcHead[s] = -1;
        sEpcTail[s] = -1;
    }

    private boolean onOutboundZone(final long zone, final long kind, final long dock)
    {
        if (!isZone(zone) || kind < ShippingCommands.KIND_NONE || kind > ShippingCommands.KIND_EXIT ||
            (dock != NO_ZONE && (!isZone(dock) || dock == zone || kind != ShippingCommands.KIND_EXIT)))
        {
            return false;
        }
        setKind((int)zone, (int)kind, (int)dock);
        return true;
    }

    private void setKind(final int zone, final int kind, final int dock)
    {
        if (zKind[zone] == ShippingCommands.KIND_EXIT && zExitDock[zone] != NO_ZONE)
        {
            zDockExits[zExitDock[zone]]--;
        }
        zKind[zone] = (byte)kind;
        zExitDock[zone] = kind == ShippingCommands.KIND_EXIT ? dock : NO_ZONE;
        if (kind == ShippingCommands.KIND_EXIT && dock != NO_ZONE)
        {
            zDockExits[dock]++;
        }
    }

    private boolean onZoneAllow(final long zone, final long skuKey, final long allow)
    {
        if (!isZone(zone) || skuKey == 0 || (allow != 0 && allow != 1))
        {
            return false;
        }
        final int z = (int)zone;
        final int sku = skuIndexOf(skuKey, allow == 1);
        if (sku < 0)
        {
            return allow == 0;
        }
        final long key = allowKey(sku, z);
        final boolean present = allowIndex.containsKey(key);
        if (allow == 1 && !present)
        {
            if (allowIndex.size() == allowCapacity)
            {
                droppedRows++;
                return false;
            }
            allowIndex.put(key, 1);
            zAllowCount[z]++;
        }
        else if (allow == 0 && present)
        {
            allowIndex.remove(key);
            zAllowCount[z]--;
        }
        return true;
    }

    private boolean onExitAuthorize(
        final long epcHigh, final int epcLow, final long skuKey, final long quantity, final long transferId)
    {
        if (transferId < 0 || transferId > Integer.MAX_VALUE || quantity < -1 || quantity > Integer.MAX_VALUE)
        {
            return false;
        }
        if (skuKey != 0)
        {
            final int sku = skuIndexOf(skuKey, true);
            if (sku < 0)
            {
                return false;
            }
            skuTransferLeft[sku] = (int)quantity;
            skuTransferId[sku] = (int)transferId;
            return true;
        }
        if (quantity == 0)
        {
            final int entry = findEpc(epcHigh, epcLow);
            if (entry >= 0)
            {
                eTransfer[entry] = -1;
                freeEpcIfUnused(entry);
            }
            return true;
        }
        final int entry = addEpc(epcHigh, epcLow);
        if (entry < 0)
        {
            return false;
        }
        eTransfer[entry] = (int)transferId;
        return true;
    }

    // ---------------------------------------------------------------- tables

    private int skuIndexOf(final long skuKey, final boolean add)
    {
        final int sku = skuIndex.indexOf(skuKey, add);
        droppedRows += sku < 0 && add ? 1 : 0;
        return sku;
    }

    private int lotIndexOf(final long lotId, final boolean add)
    {
        final int lot = lotIndex.indexOf(lotId, add);
        droppedRows += lot < 0 && add ? 1 : 0;
        return lot;
    }

    private static long rowKey(final int sku, final int lot)
    {
        return ((long)sku << 24) | lot;
    }

    private int rowOf(final int sku, final int lot, final boolean add)
    {
        final long key = rowKey(sku, lot);
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
        rowIndex.indexInsert(index, key, row);
        return row;
    }

    private static long allowKey(final int sku, final int zone)
    {
        return ((long)sku << 16) | zone;
    }

    private static long lineKey(final int s, final int sku, final int lot)
    {
        return ((long)s << 48) | ((long)sku << 24) | lot;
    }

    private int lineOf(final int s, final int sku, final int lot)
    {
        return lineIndex.getOrDefault(lineKey(s, sku, lot), -1);
    }

    private int addLine(final int s, final int sku, final int lot)
    {
        while (lFree < 0 && lUsed == lShip.length && evictOldestClosed())
        {
            // freed lines of the oldest closed shipment, if it had any
        }
        final int line;
        if (lFree >= 0)
        {
            line = lFree;
            lFree = lNext[line];
        }
        else if (lUsed < lShip.length)
        {
            line = lUsed++;
        }
        else
        {
            droppedRows++;
            return -1;
        }
        lShip[line] = s;
        lSku[line] = sku;
        lLot[line] = lot;
        lQty[line] = 0;
        lPicked[line] = 0;
        lNext[line] = -1;
        if (sLineTail[s] >= 0)
        {
            lNext[sLineTail[s]] = line;
        }
        else
        {
            sLineHead[s] = line;
        }
        sLineTail[s] = line;
        lineIndex.put(lineKey(s, sku, lot), line);
        return line;
    }

    private int allocShipment()
    {
        if (sUsed < sId.length)
        {
            return sUsed++;
        }
        for (int pass = 0; pass < 2; pass++)
        {
            for (int s = 0; s < sUsed; s++)
            {
                if (sState[s] == SHIPMENT_UNKNOWN)
                {
                    return s; // forgotten to free lines, or just now
                }
            }
            if (pass == 0 && !evictOldestClosed())
            {
                break;
            }
        }
        droppedRows++;
        return -1;
    }

    /** Forget the closed shipment closed first, freeing its slot and lines. @return false if none is closed. */
    private boolean evictOldestClosed()
    {
        int victim = -1;
        for (int s = 0; s < sUsed; s++)
        {
            if ((sState[s] == SHIPMENT_SHIPPED || sState[s] == SHIPMENT_CANCELLED) &&
                (victim < 0 || sClosedSeq[s] < sClosedSeq[victim]))
            {
                victim = s;
            }
        }
        if (victim < 0)
        {
            return false;
        }
        int line = sLineHead[victim];
        while (line >= 0)
        {
            final int next = lNext[line];
            lineIndex.remove(lineKey(victim, lSku[line], lLot[line]));
            lShip[line] = -1;
            lNext[line] = lFree;
            lFree = line;
            line = next;
        }
        sLineHead[victim] = -1;
        sLineTail[victim] = -1;
        shipIndex.remove(sId[victim]);
        sState[victim] = SHIPMENT_UNKNOWN;
        return true;
    }

    private static long epcKey(final long epcHigh, final int epcLow)
    {
        return (epcHigh * 0x9E3779B97F4A7C15L) ^ (epcLow & 0xFFFF_FFFFL);
    }

    private int findEpc(final long epcHigh, final int epcLow)
    {
        int entry = epcIndex.getOrDefault(epcKey(epcHigh, epcLow), -1);
        while (entry >= 0 && (eHigh[entry] != epcHigh || eLow[entry] != epcLow))
        {
            entry = eHashNext[entry];
        }
        return entry;
    }

    private int addEpc(final long epcHigh, final int epcLow)
    {
        final int found = findEpc(epcHigh, epcLow);
        if (found >= 0)
        {
            return found;
        }
        final int entry;
        if (eFree >= 0)
        {
            entry = eFree;
            eFree = eHashNext[entry];
        }
        else if (eUsed < eHigh.length)
        {
            entry = eUsed++;
        }
        else
        {
            droppedRows++;
            return -1;
        }
        final long key = epcKey(epcHigh, epcLow);
        eInUse[entry] = true;
        eHigh[entry] = epcHigh;
        eLow[entry] = epcLow;
        eShip[entry] = -1;
        ePicked[entry] = false;
        eShipNext[entry] = -1;
        eTransfer[entry] = -1;
        eHashNext[entry] = epcIndex.getOrDefault(key, -1);
        epcIndex.put(key, entry);
        return entry;
    }

    private void freeEpcIfUnused(final int entry)
    {
        if (eShip[entry] >= 0 || eTransfer[entry] >= 0)
        {
            return;
        }
        final long key = epcKey(eHigh[entry], eLow[entry]);
        final int head = epcIndex.getOrDefault(key, -1);
        if (head == entry)
        {
            if (eHashNext[entry] >= 0)
            {
                epcIndex.put(key, eHashNext[entry]);
            }
            else
            {
                epcIndex.remove(key);
            }
        }
        else
        {
            int prev = head;
            while (eHashNext[prev] != entry)
            {
                prev = eHashNext[prev];
            }
            eHashNext[prev] = eHashNext[entry];
        }
        eInUse[entry] = false;
        eHashNext[entry] = eFree;
        eFree = entry;
    }

    // ---------------------------------------------------------------- queries (engine thread)

    /** @return items on quality hold (business hold, see the class description). */
    public long heldCount()
    {
        return heldCount;
    }

    /** @param skuKey SKU key. @return items of the SKU on hold. */
    public int heldCount(final long skuKey)
    {
        final int sku = skuIndex.indexOf(skuKey, false);
        return sku < 0 ? 0 : skuHeld[sku];
    }

    /** @param skuKey SKU key. @param lotId lot id (0 = none). @return items of the SKU x lot on hold. */
    public int heldCount(final long skuKey, final long lotId)
    {
        final int row = rowOrMissing(skuKey, lotId);
        return row < 0 ? 0 : rowHeld[row];
    }

    /** @param skuKey SKU key. @param lotId lot id. @return true if the lot is on lot hold. */
    public boolean isLotHeld(final long skuKey, final long lotId)
    {
        final int row = rowOrMissing(skuKey, lotId);
        return row >= 0 && rowLotHold[row];
    }

    private int rowOrMissing(final long skuKey, final long lotId)
    {
        final int sku = skuIndex.indexOf(skuKey, false);
        final int lot = lotIndex.indexOf(lotId, false);
        return sku < 0 || lot < 0 ? -1 : rowIndex.getOrDefault(rowKey(sku, lot), -1);
    }

    /** @param tag tag handle. @return true if the item is on hold. */
    public boolean isHeld(final int tag)
    {
        return tag >= 0 && tag < tState.length && tState[tag] == T_KNOWN && tHold[tag] != 0;
    }

    /**
     * @param tag tag handle.
     * @return the item's hold causes as a bit mask (bit {@code cause - 1}, e.g. 1 &lt;&lt; ({@link #CAUSE_LOT} - 1)),
     * 0 if not held.
     */
    public int holdCauses(final int tag)
    {
        return isHeld(tag) ? tHold[tag] : 0;
    }

    /**
     * Items on hold, in handle order.
     *
     * @param tags to fill with tag handles.
     * @return handles written (at most {@code tags.length}).
     */
    public int heldItems(final int[] tags)
    {
        int n = 0;
        for (int t = 0; t < tagLimit && n < tags.length; t++)
        {
            if (tState[t] == T_KNOWN && tHold[t] != 0)
            {
                tags[n++] = t;
            }
        }
        return n;
    }

    /** @param id shipment id. @return {@link #SHIPMENT_UNKNOWN}, {@link #SHIPMENT_OPEN}, ... */
    public int shipmentState(final long id)
    {
        final int s = shipIndex.getOrDefault(id, -1);
        return s < 0 ? SHIPMENT_UNKNOWN : sState[s];
    }

    private int lineOrMissing(final long id, final long skuKey, final long lotId)
    {
        final int s = shipIndex.getOrDefault(id, -1);
        final int sku = skuIndex.indexOf(skuKey, false);
        final int lot = lotIndex.indexOf(lotId, false);
        return s < 0 || sku < 0 || lot < 0 ? -1 : lineOf(s, sku, lot);
    }

    /**
     * @param id     shipment id.
     * @param skuKey SKU key.
     * @param lotId  lot id of the line, 0 = the any-lot line.
     * @return items picked (and shipped) on the line, or -1 if there is no such line.
     */
    public int linePicked(final long id, final long skuKey, final long lotId)
    {
        final int line = lineOrMissing(id, skuKey, lotId);
        return line < 0 ? -1 : lPicked[line];
    }

    /** @param id shipment id. @param skuKey SKU key. @param lotId lot id, 0 = any. @return quantity, or -1. */
    public int lineQuantity(final long id, final long skuKey, final long lotId)
    {
        final int line = lineOrMissing(id, skuKey, lotId);
        return line < 0 ? -1 : lQty[line];
    }

    /** @param id shipment id. @return items currently picked on it (in stock, waiting to ship), or 0. */
    public int pickedCount(final long id)
    {
        final int s = shipIndex.getOrDefault(id, -1);
        return s < 0 ? 0 : sPickedNow[s];
    }

    /** @param id shipment id. @return items that left stock on it, or 0. */
    public int shippedCount(final long id)
    {
        final int s = shipIndex.getOrDefault(id, -1);
        return s < 0 ? 0 : sShipped[s];
    }

    /** @param id shipment id. @return EPC lines of the shipment, or 0. */
    public int epcLines(final long id)
    {
        final int s = shipIndex.getOrDefault(id, -1);
        return s < 0 ? 0 : sEpcLines[s];
    }

    /** @param id shipment id. @return EPC lines picked, or 0. */
    public int epcLinesPicked(final long id)
    {
        final int s = shipIndex.getOrDefault(id, -1);
        return s < 0 ? 0 : sEpcPicked[s];
    }

    /** @param tag tag handle. @return the id of the open shipment the item is picked on, or 0. */
    public long pickedShipmentOf(final int tag)
    {
        final boolean known = tag >= 0 && tag < tState.length && tState[tag] == T_KNOWN && tPickShip[tag] >= 0;
        return known ? sId[tPickShip[tag]] : 0;
    }

    /** @return open shipments. */
    public int openShipments()
    {
        return openCount;
    }

    /** @return unauthorized zone entries. */
    public long unauthorizedZoneCount()
    {
        return unauthorizedZoneCount;
    }

    /** @param zone zone id. @return unauthorized entries into the zone. */
    public int unauthorizedZoneCount(final int zone)
    {
        return isZone(zone) ? zUnauthorized[zone] : 0;
    }

    /** @return unauthorized exits. */
    public long unauthorizedExitCount()
    {
        return unauthorizedExitCount;
    }

    /** @return wrong items at docks. */
    public long wrongItemCount()
    {
        return wrongItemCount;
    }

    /** @return held-to-shipping alerts. */
    public long heldToShippingCount()
    {
        return heldToShippingCount;
    }

    /** @return exits under a transfer authorisation. */
    public long transferExitCount()
    {
        return transferExitCount;
    }

    /** @param zone zone id. @return its outbound kind ({@link ShippingCommands#KIND_NONE}, ...). */
    public int outboundKind(final int zone)
    {
        return isZone(zone) ? zKind[zone] : ShippingCommands.KIND_NONE;
    }

    /** @param zone zone id. @param skuKey SKU key. @return true if the SKU may enter the zone. */
    public boolean isAllowed(final int zone, final long skuKey)
    {
        if (!isZone(zone))
        {
            return false;
        }
        if (zAllowCount[zone] > 0)
        {
            final int sku = skuIndex.indexOf(skuKey, false);
            return sku >= 0 && allowIndex.containsKey(allowKey(sku, zone));
        }
        return ops.role(zone) != ZoneRole.RESTRICTED;
    }

    /** @return rows not kept because a preallocated table was full (the command concerned was rejected). */
    public long droppedRows()
    {
        return droppedRows;
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
        final int limit = Math.min(Math.max(handleLimit, tagLimit), tState.length);
        out.writeInt(limit);
        for (int t = 0; t < limit; t++)
        {
            out.writeByte(tState[t]);
            if (tState[t] == T_NONE)
            {
                continue;
            }
            out.writeLong(tEpcHigh[t]);
            out.writeInt(tEpcLow[t]);
            out.writeInt(tStatus[t]);
            out.writeInt(tSkuHandle[t]);
            out.writeLong(tSkuKey[t]);
            out.writeLong(tLotId[t]);
            out.writeInt(tSku[t]);
            out.writeInt(tLot[t]);
            out.writeInt(tRow[t]);
            out.writeByte(tHold[t]);
            out.writeLong(tHoldSinceMs[t]);
            out.writeInt(tPickShip[t]);
            out.writeInt(tPickLine[t]);
            out.writeInt(tPrev[t]);
            out.writeInt(tNext[t]);
        }
        out.writeInt(tagLimit);

        int zones = 0;
        for (int z = 0; z < ZoneDirectory.MAX_ZONES; z++)
        {
            zones += isDefaultZone(z) ? 0 : 1;
        }
        out.writeInt(zones);
        for (int z = 0; z < ZoneDirectory.MAX_ZONES; z++)
        {
            if (!isDefaultZone(z))
            {
                out.writeInt(z);
                out.writeByte(zKind[z]);
                out.writeInt(zExitDock[z]);
                out.writeInt(zDockExits[z]);
                out.writeInt(zOpenShipments[z]);
                out.writeInt(zAllowCount[z]);
                out.writeInt(zUnauthorized[z]);
            }
        }

        skuIndex.writeSize(out);
        for (int i = 0; i < skuIndex.size(); i++)
        {
            skuIndex.writeKey(out, i);
            out.writeInt(skuHeld[i]);
            out.writeInt(skuTransferLeft[i]);
            out.writeInt(skuTransferId[i]);
        }
        lotIndex.writeSize(out);
        for (int i = 0; i < lotIndex.size(); i++)
        {
            lotIndex.writeKey(out, i);
        }
        out.writeInt(rowCount);
        for (int i = 0; i < rowCount; i++)
        {
            out.writeInt(rowSku[i]);
            out.writeInt(rowLot[i]);
            out.writeInt(rowHeld[i]);
            out.writeBoolean(rowLotHold[i]);
        }
        out.writeInt(allowIndex.size());
        for (final LongIntCursor c : allowIndex)
        {
            out.writeLong(c.key);
        }

        out.writeInt(sUsed);
        for (int s = 0; s < sUsed; s++)
        {
            out.writeLong(sId[s]);
            out.writeByte(sState[s]);
            out.writeInt(sDock[s]);
            out.writeInt(sExit[s]);
            out.writeInt(sLineHead[s]);
            out.writeInt(sLineTail[s]);
            out.writeInt(sEpcHead[s]);
            out.writeInt(sEpcTail[s]);
            out.writeInt(sPickHead[s]);
            out.writeInt(sPickTail[s]);
            out.writeInt(sPickedNow[s]);
            out.writeInt(sShipped[s]);
            out.writeInt(sEpcLines[s]);
            out.writeInt(sEpcPicked[s]);
            out.writeLong(sClosedSeq[s]);
        }
        out.writeInt(openCount);
        for (int i = 0; i < openCount; i++)
        {
            out.writeInt(openList[i]);
        }
        out.writeLong(closeSeq);

        out.writeInt(lUsed);
        out.writeInt(lFree);
        for (int i = 0; i < lUsed; i++)
        {
            out.writeInt(lShip[i]);
            out.writeInt(lSku[i]);
            out.writeInt(lLot[i]);
            out.writeInt(lQty[i]);
            out.writeInt(lPicked[i]);
            out.writeInt(lNext[i]);
        }

        out.writeInt(eUsed);
        out.writeInt(eFree);
        for (int i = 0; i < eUsed; i++)
        {
            out.writeBoolean(eInUse[i]);
            out.writeLong(eHigh[i]);
            out.writeInt(eLow[i]);
            out.writeInt(eHashNext[i]);
            out.writeInt(eShip[i]);
            out.writeBoolean(ePicked[i]);
            out.writeInt(eShipNext[i]);
            out.writeInt(eTransfer[i]);
        }

        out.writeLong(heldCount);
        out.writeLong(unauthorizedZoneCount);
        out.writeLong(unauthorizedExitCount);
        out.writeLong(wrongItemCount);
        out.writeLong(heldToShippingCount);
        out.writeLong(transferExitCount);
        out.writeLong(droppedRows);
    }

    private boolean isDefaultZone(final int z)
    {
        return zKind[z] == 0 && zExitDock[z] == NO_ZONE && zDockExits[z] == 0 && zOpenShipments[z] == 0 &&
            zAllowCount[z] == 0 && zUnauthorized[z] == 0;
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
        readHeader(in, SNAPSHOT_MAGIC, SNAPSHOT_VERSION, "a shipping rules snapshot");
        final int limit = readCount(in, tState.length, "tag handles");
        for (int t = 0; t < limit; t++)
        {
            tState[t] = in.readByte();
            if (tState[t] == T_NONE)
            {
                continue;
            }
            tEpcHigh[t] = in.readLong();
            tEpcLow[t] = in.readInt();
            tStatus[t] = in.readInt();
            tSkuHandle[t] = in.readInt();
            tSkuKey[t] = in.readLong();
            tLotId[t] = in.readLong();
            tSku[t] = in.readInt();
            tLot[t] = in.readInt();
            tRow[t] = in.readInt();
            tHold[t] = in.readByte();
            tHoldSinceMs[t] = in.readLong();
            tPickShip[t] = in.readInt();
            tPickLine[t] = in.readInt();
            tPrev[t] = in.readInt();
            tNext[t] = in.readInt();
        }
        tagLimit = in.readInt();
        if (tagLimit < 0 || tagLimit > limit)
        {
            throw new IOException("snapshot tag limit " + tagLimit + " exceeds " + limit);
        }

        final int zones = readCount(in, ZoneDirectory.MAX_ZONES, "zones");
        for (int i = 0; i < zones; i++)
        {
            final int z = in.readInt();
            if (!isZone(z))
            {
                throw new IOException("bad zone " + z);
            }
            zKind[z] = in.readByte();
            zExitDock[z] = in.readInt();
            zDockExits[z] = in.readInt();
            zOpenShipments[z] = in.readInt();
            zAllowCount[z] = in.readInt();
            zUnauthorized[z] = in.readInt();
        }

        final int skuCount = skuIndex.readSize(in, "skus");
        for (int i = 0; i < skuCount; i++)
        {
            skuIndex.readKey(in, i);
            skuHeld[i] = in.readInt();
            skuTransferLeft[i] = in.readInt();
            skuTransferId[i] = in.readInt();
        }
        final int lotCount = lotIndex.readSize(in, "lots");
        for (int i = 0; i < lotCount; i++)
        {
            lotIndex.readKey(in, i);
        }
        rowCount = readCount(in, rowSku.length, "sku x lot rows");
        rowIndex.clear();
        for (int i = 0; i < rowCount; i++)
        {
            rowSku[i] = in.readInt();
            rowLot[i] = in.readInt();
            rowHeld[i] = in.readInt();
            rowLotHold[i] = in.readBoolean();
            rowIndex.put(rowKey(rowSku[i], rowLot[i]), i);
        }
        final int allows = readCount(in, allowCapacity, "allow rules");
        allowIndex.clear();
        for (int i = 0; i < allows; i++)
        {
            allowIndex.put(in.readLong(), 1);
        }

        sUsed = readCount(in, sId.length, "shipments");
        shipIndex.clear();
        for (int s = 0; s < sUsed; s++)
        {
            sId[s] = in.readLong();
            sState[s] = in.readByte();
            sDock[s] = in.readInt();
            sExit[s] = in.readInt();
            sLineHead[s] = in.readInt();
            sLineTail[s] = in.readInt();
            sEpcHead[s] = in.readInt();
            sEpcTail[s] = in.readInt();
            sPickHead[s] = in.readInt();
            sPickTail[s] = in.readInt();
            sPickedNow[s] = in.readInt();
            sShipped[s] = in.readInt();
            sEpcLines[s] = in.readInt();
            sEpcPicked[s] = in.readInt();
            sClosedSeq[s] = in.readLong();
            if (sState[s] != SHIPMENT_UNKNOWN)
            {
                shipIndex.put(sId[s], s);
            }
        }
        openCount = readCount(in, openList.length, "open shipments");
        for (int i = 0; i < openCount; i++)
        {
            openList[i] = in.readInt();
        }
        closeSeq = in.readLong();

        lUsed = readCount(in, lShip.length, "shipment lines");
        lFree = in.readInt();
        lineIndex.clear();
        for (int i = 0; i < lUsed; i++)
        {
            lShip[i] = in.readInt();
            lSku[i] = in.readInt();
            lLot[i] = in.readInt();
            lQty[i] = in.readInt();
            lPicked[i] = in.readInt();
            lNext[i] = in.readInt();
            if (lShip[i] >= 0)
            {
                lineIndex.put(lineKey(lShip[i], lSku[i], lLot[i]), i);
            }
        }

        eUsed = readCount(in, eHigh.length, "epc entries");
        eFree = in.readInt();
        epcIndex.clear();
        for (int i = 0; i < eUsed; i++)
        {
            eInUse[i] = in.readBoolean();
            eHigh[i] = in.readLong();
            eLow[i] = in.readInt();
            eHashNext[i] = in.readInt();
            eShip[i] = in.readInt();
            ePicked[i] = in.readBoolean();
            eShipNext[i] = in.readInt();
            eTransfer[i] = in.readInt();
        }
        for (int i = 0; i < eUsed; i++)
        {
            if (eInUse[i])
            {
                final long key = epcKey(eHigh[i], eLow[i]);
                eHashNext[i] = epcIndex.getOrDefault(key, -1);
                epcIndex.put(key, i);
            }
        }

        heldCount = in.readLong();
        unauthorizedZoneCount = in.readLong();
        unauthorizedExitCount = in.readLong();
        wrongItemCount = in.readLong();
        heldToShippingCount = in.readLong();
        transferExitCount = in.readLong();
        droppedRows = in.readLong();
    }

    @Override
    public String toString()
    {
        return "ShippingRules{held=" + heldCount + ", openShipments=" + openCount + ", wrongItems=" + wrongItemCount +
            ", unauthorizedZone=" + unauthorizedZoneCount + ", unauthorizedExit=" + unauthorizedExitCount +
            ", dropped=" + droppedRows + "}";
    }
}
