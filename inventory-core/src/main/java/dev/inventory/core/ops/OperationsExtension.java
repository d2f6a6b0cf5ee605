package dev.inventory.core.ops;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * Inventory operations as a {@link RecordExtension}: a {@link MovementLedger} fed by the engine's own zone
 * decisions, derived balances per SKU x lot x zone and SKU x zone, and the receiving, put-away and stock-level
 * rules. Install with {@code EngineConfig.Builder#recordExtension} or {@link Pipeline#extension(RecordExtension)}
 * (compose with others via {@link RecordExtension#compose}); host commands are {@link OpsCommands}.
 * <p>
 * <b>Movements.</b> On every RFID read the tag's zone in the core ledger is compared with the zone this extension
 * counted it in: first seen is an in movement (reason {@link MovementLedger#RECEIPT} at a receiving zone, else
 * {@link MovementLedger#FOUND}); a change is one movement of an out and an in row ({@link MovementLedger#PUT_AWAY}
 * into storage, else {@link MovementLedger#TRANSFER}). A tag that disappears (not read) stays on hand where it was
 * last counted; it leaves stock by {@link OpsCommands#ISSUE}, by a ledger status CONSUMED / SHIPPED (at the
 * SET_TAG_STATUS command), or by RETIRE_TAG (reason RETIRED).
 * <p>
 * <b>Balances</b> per SKU x zone: on hand; held (tag status HOLD or in a {@link ZoneRole#QUALITY_HOLD} zone);
 * reserved ({@link OpsCommands#RESERVE}); available = on hand - held - reserved; expected = open receipt quantity
 * for the receipt's put-away zone, still to arrive there; projected = available + expected. Per SKU x lot x zone:
 * on hand and held. Items without a SKU count only for zone occupancy. Held is re-evaluated on each read of an
 * item and at each core command about it (SET_TAG_STATUS, ASSIGN_TAG), so a zone role change shows on the item's
 * next read.
 * <p>
 * <b>Events</b> (codes {@code EventType.OPS_*}, field use): item events carry the EPC, the SKU handle and the zone
 * in {@code toZone}; SKU-level events ({@code RECEIPT_SHORT/OVER/LINE_COMPLETE}, {@code REPLENISH},
 * {@code STOCKOUT}) carry the SKU key in {@code epcHigh} (epcLow 0) and the ledger's SKU handle or -1;
 * receipt events carry the receipt id in {@code source}. {@code dwellMs} and {@code rssiCentiDbm} carry the
 * quantities named in {@link EventType}: RECEIVED dwell = received on the line so far, rssi = line quantity;
 * WRONG_LOT dwell = the item's lot id; SHORT/OVER/COMPLETE dwell = missing / excess / received, rssi = line
 * quantity; RECEIPT_CLOSED dwell = lines; PUT_AWAY dwell = movement id; OVER_CAPACITY / CAPACITY_OK dwell =
 * occupancy, rssi = capacity; REPLENISH dwell = suggested quantity (order-up-to level - projected), rssi = projected;
 * STOCKOUT rssi = projected; ISSUED detail = reason, fromZone = zone left.
 * <p>
 * <b>Rules.</b> Receiving: an item entering a receiving zone for the first time, from outside or from a zone
 * without a role (not from storage, WIP, hold or shipping), is matched to the first open
 * receipt (in open order) with a line for its SKU and quantity left, else the first with a line for it (an over
 * receipt, reported at close), else it is an unexpected SKU. Put-away: entering a storage zone from another zone;
 * an item received for a receipt's put-away zone stops counting as expected there when it enters any storage zone;
 * re-opening a receipt with another put-away zone moves its quantity still to come there.
 * Capacity: an event when a zone's occupancy goes above its capacity and when it comes back. Stock levels: a SKU x
 * zone with a reorder point raises REPLENISH when projected falls below it (again only after it rose back to or above
 * it; setting a reorder point above projected raises it at once); STOCKOUT when available falls to zero in a zone
 * with a reorder point or a storage zone. A safety stock ({@link OpsCommands#SAFETY_STOCK}) raises an urgent
 * REPLENISH (detail 1) when available falls below it. Reorder points, order-up-to levels and safety stocks can also
 * be set for the site (zone -1): the SKU's available and projected summed over every zone, with site events
 * carrying toZone -1 (REPLENISH, STOCKOUT when site available falls to zero).
 * <p>
 * Deterministic (record time only) and garbage-free per read once SKUs and lots are interned. Capacities are
 * preallocated ({@link Context}); rows beyond them are counted in {@link #droppedRows()} and not kept. State is
 * snapshot with {@link #writeTo(DataOutput, int)} / {@link #readFrom(DataInput, int)}, written right after
 * {@link Pipeline#writeSnapshot(DataOutput)} with the same handle limit ({@code pipeline.tags().handleLimit()}).
 * Instances are NOT threadsafe: engine thread only; the query methods too.
 */
public final class OperationsExtension implements RecordExtension
{
    private static final int NO_ZONE = Ledger.NO_ZONE;
    private static final int LINE_NONE = -1;
    private static final int LINE_UNEXPECTED = -2;
    private static final byte UNTRACKED = 0;
    private static final byte TRACKED = 1;
    private static final byte ISSUED = 2;
    private static final byte BELOW_ROP = 1;
    private static final byte OUT_OF_STOCK = 2;
    private static final byte BELOW_SAFETY = 4;
    private static final int SITE = -1;
    private static final int UNRESOLVED_SKU = Integer.MIN_VALUE;
    private static final int SNAPSHOT_MAGIC = 0x494E564F; // "INVO"
    private static final int SNAPSHOT_VERSION = 5;
    private static final OpsListener[] NO_LISTENERS = new OpsListener[0];

    /**
     * Capacities of an {@link OperationsExtension}, fluent; {@link #conclude()} validates. NOT threadsafe.
     */
    public static final class Context
    {
        private int tagCapacity = 1 << 16;
        private int maxSkus = 4096;
        private int maxLots = 4096;
        private int skuZoneRows = 16_384;
        private int lotZoneRows = 32_768;
        private int movementCapacity = 1 << 16;
        private int maxReceipts = 1024;
        private int maxReceiptLines = 8192;

        /**
         * @param tags at least the engine's {@code EngineConfig#tagCapacity()}: reads of higher handles are dropped
         *             (counted in {@link OperationsExtension#droppedRows()}).
         * @return this.
         */
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

        /** @param lots most distinct lots (&lt; 2^24). @return this. */
        public Context maxLots(final int lots)
        {
            this.maxLots = lots;
            return this;
        }

        /** @param rows most SKU x zone balance rows. @return this. */
        public Context skuZoneRows(final int rows)
        {
            this.skuZoneRows = rows;
            return this;
        }

        /** @param rows most SKU x lot x zone balance rows. @return this. */
        public Context lotZoneRows(final int rows)
        {
            this.lotZoneRows = rows;
            return this;
        }

        /** @param rows movement rows kept, a power of two. @return this. */
        public Context movementCapacity(final int rows)
        {
            this.movementCapacity = rows;
            return this;
        }

        /** @param receipts most receipts (open or closed) kept. @return this. */
        public Context maxReceipts(final int receipts)
        {
            this.maxReceipts = receipts;
            return this;
        }

        /** @param lines most receipt lines kept. @return this. */
        public Context maxReceiptLines(final int lines)
        {
            this.maxReceiptLines = lines;
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
            require("maxLots", maxLots >= 1 && maxLots < (1 << 24), maxLots);
            require("skuZoneRows", skuZoneRows >= 1, skuZoneRows);
            require("lotZoneRows", lotZoneRows >= 1, lotZoneRows);
            require("movementCapacity", movementCapacity >= 2 && Integer.bitCount(movementCapacity) == 1,
                movementCapacity);
            require("maxReceipts", maxReceipts >= 1, maxReceipts);
            require("maxReceiptLines", maxReceiptLines >= 1, maxReceiptLines);
            return this;
        }
    }

    private final MovementLedger movements;

    // per tag (core ledger handle)
    private final byte[] tState;
    private final long[] tEpcHigh;
    private final int[] tEpcLow;
    private final int[] tZone;
    private final int[] tLedgerSku;
    private final long[] tLotId;
    private final int[] tSku;
    private final int[] tLot;
    private final boolean[] tHeld;
    private final int[] tLine;
    private final int[] tPending;
    private final boolean[] tDirty;
    private final int[] tCarriedFrom; // see carry(): the core's zone of an item counted elsewhere without a read

    // per zone
    private final byte[] zRole = new byte[ZoneDirectory.MAX_ZONES];
    private final int[] zCapacity = new int[ZoneDirectory.MAX_ZONES];
    private final int[] zOccupancy = new int[ZoneDirectory.MAX_ZONES];
    private final boolean[] zOver = new boolean[ZoneDirectory.MAX_ZONES];

    // SKUs and lots
    private final KeyIndex skuIndex;
    private final KeyIndex lotIndex;
    private final long[] lotExpiryMs;
    private final long[] lotInDateMs;

    // SKU x lot x zone
    private final LongIntHashMap lbIndex;
    private final long[] lbKey;
    private final int[] lbOnHand;
    private final int[] lbHeld;
    private int lbCount;

    // SKU x zone
    private final LongIntHashMap szIndex;
    private final long[] szKey;
    private final int[] szOnHand;
    private final int[] szHeld;
    private final int[] szReserved;
    private final int[] szExpected;
    private final int[] szRop;
    private final int[] szUpTo;
    private final int[] szSafety;
    private final int[] szNextOfSku;
    // per SKU: its first SKU x zone row (a list through szNextOfSku), and the site-wide levels
    private final int[] skuFirstRow;
    private final int[] siteRop;
    private final int[] siteUpTo;
    private final int[] siteSafety;
    private final byte[] siteFlags;
    private final byte[] szFlags;
    private int szCount;

    // receipts and lines
    private final LongIntHashMap rIndex;
    private final long[] rId;
    private final int[] rTarget;
    private final boolean[] rOpen;
    private int rCount;
    private final LongIntHashMap lIndex;
    private final int[] lReceipt;
    private final int[] lSku;
    private final int[] lExpected;
    private final int[] lReceived;
    private final long[] lLot;
    private int lCount;

    private long droppedRows;
    private OpsListener[] listeners = NO_LISTENERS;
    private boolean readChanged = true;

    /**
     * @param context capacities; concluded here.
     */
    public OperationsExtension(final Context context)
    {
        context.conclude();
        movements = new MovementLedger(context.movementCapacity);
        final int n = context.tagCapacity;
        tState = new byte[n];
        tEpcHigh = new long[n];
        tEpcLow = new int[n];
        tZone = new int[n];
        tLedgerSku = new int[n];
        tLotId = new long[n];
        tSku = new int[n];
        tLot = new int[n];
        tHeld = new boolean[n];
        tLine = new int[n];
        tPending = new int[n];
        tDirty = new boolean[n];
        tCarriedFrom = new int[n];
        Arrays.fill(tCarriedFrom, NO_ZONE);
        skuIndex = new KeyIndex(context.maxSkus);
        lotIndex = new KeyIndex(context.maxLots);
        lotExpiryMs = new long[context.maxLots];
        lotInDateMs = new long[context.maxLots];
        lotIndex.indexOf(0, true);
        lbIndex = new LongIntHashMap(context.lotZoneRows);
        lbKey = new long[context.lotZoneRows];
        lbOnHand = new int[context.lotZoneRows];
        lbHeld = new int[context.lotZoneRows];
        final int sz = context.skuZoneRows;
        szIndex = new LongIntHashMap(sz);
        szKey = new long[sz];
        szOnHand = new int[sz];
        szHeld = new int[sz];
        szReserved = new int[sz];
        szExpected = new int[sz];
        szRop = new int[sz];
        szUpTo = new int[sz];
        szSafety = new int[sz];
        szNextOfSku = new int[sz];
        skuFirstRow = new int[context.maxSkus];
        siteRop = new int[context.maxSkus];
        siteUpTo = new int[context.maxSkus];
        siteSafety = new int[context.maxSkus];
        siteFlags = new byte[context.maxSkus];
        Arrays.fill(skuFirstRow, -1);
        Arrays.fill(siteRop, -1);
        Arrays.fill(siteSafety, -1);
        szFlags = new byte[sz];
        rIndex = new LongIntHashMap(context.maxReceipts);
        rId = new long[context.maxReceipts];
        rTarget = new int[context.maxReceipts];
        rOpen = new boolean[context.maxReceipts];
        lIndex = new LongIntHashMap(context.maxReceiptLines);
        lReceipt = new int[context.maxReceiptLines];
        lSku = new int[context.maxReceiptLines];
        lExpected = new int[context.maxReceiptLines];
        lReceived = new int[context.maxReceiptLines];
        lLot = new long[context.maxReceiptLines];
    }

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

    // ---------------------------------------------------------------- reads

    private void onRead(final ByteBuffer buffer, final int offset, final Pipeline pipeline)
    {
        final long epcHigh = buffer.getLong(offset + RfidReadFlyweight.EPC_HIGH_OFFSET);
        final int epcLow = buffer.getInt(offset + RfidReadFlyweight.EPC_LOW_OFFSET);
        final int tag = pipeline.tags().get(epcHigh, epcLow);
        if (tag == TagTable.MISSING || tag >= tState.length)
        {
            droppedRows += tag == TagTable.MISSING ? 0 : 1; // Context.tagCapacity below the engine's
            readChanged = true; // rules decide for themselves
            return;
        }
        readChanged = refresh(tag, epcHigh, epcLow, buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET),
            pipeline);
    }

    /**
     * Bring the item's counting in line with the core ledger (zone, status, SKU, lot): on a read or a core command.
     *
     * @return true if anything about the item changed here, or a rule {@link #touch touched} it since.
     */
    private boolean refresh(
        final int tag, final long epcHigh, final int epcLow, final long nowMs, final Pipeline pipeline)
    {
        final Ledger ledger = pipeline.ledger();
        boolean changed = tDirty[tag];
        tDirty[tag] = false;
        if (tState[tag] == UNTRACKED || tEpcHigh[tag] != epcHigh || tEpcLow[tag] != epcLow)
        {
            if (tState[tag] == TRACKED && tZone[tag] != NO_ZONE)
            {
                issueCounted(tag, MovementLedger.RETIRED, nowMs, pipeline); // handle reused after RETIRE_TAG
            }
            track(tag, epcHigh, epcLow);
            changed = true;
        }
        if (tState[tag] != TRACKED)
        {
            return changed;
        }
        final int status = ledger.status(tag);
        if (status == Ledger.STATUS_CONSUMED || status == Ledger.STATUS_SHIPPED)
        {
            if (tZone[tag] != NO_ZONE)
            {
                issueCounted(tag, status == Ledger.STATUS_SHIPPED ? MovementLedger.SHIP : MovementLedger.ISSUE, nowMs,
                    pipeline);
            }
            tState[tag] = ISSUED;
            return true;
        }
        final int counted = tZone[tag];
        final int ledgerSku = ledger.sku(tag);
        final long lotId = ledger.lot(tag);
        if (ledgerSku != tLedgerSku[tag] || lotId != tLotId[tag])
        {
            changed = true;
            if (counted != NO_ZONE && tSku[tag] >= 0)
            {
                stock(tSku[tag], tLot[tag], counted, -1, tHeld[tag] ? -1 : 0, nowMs, pipeline);
            }
            resolve(tag, ledgerSku, lotId, ledger);
            if (counted != NO_ZONE && tSku[tag] >= 0)
            {
                stock(tSku[tag], tLot[tag], counted, 1, tHeld[tag] ? 1 : 0, nowMs, pipeline);
            }
        }
        final int zone = detectedZone(tag, ledger.zone(tag), counted);
        if (zone == NO_ZONE)
        {
            return changed;
        }
        final boolean held = status == Ledger.STATUS_HOLD || zRole[zone] == ZoneRole.QUALITY_HOLD;
        if (zone == counted)
        {
            if (held != tHeld[tag])
            {
                tHeld[tag] = held;
                if (tSku[tag] >= 0)
                {
                    stock(tSku[tag], tLot[tag], zone, 0, held ? 1 : -1, nowMs, pipeline);
                }
                changed = true;
            }
            return changed;
        }
        onZoneChange(tag, counted, zone, held, 0, 0, nowMs, pipeline);
        return true;
    }

    /**
     * For rules on the same record, after this extension's {@code onRecord} of an RFID read: false when the read
     * changed nothing about the item here (same EPC, zone, SKU, lot, hold, still in stock) and no rule
     * {@link #touch touched} the item since its last read. A rule whose per-read work only follows such changes may
     * skip the read then (its state is as after the item's last change). True for reads this extension did not
     * take (unknown tags, handles beyond its capacity).
     *
     * @return whether the last read changed the item.
     */
    public boolean lastReadChanged()
    {
        return readChanged;
    }

    /**
     * Mark an item changed outside this extension's view (e.g. the core ledger's container id set by a pack), so
     * that its next read reports {@link #lastReadChanged()} true and rules re-check it.
     *
     * @param tag tag handle.
     */
    public void touch(final int tag)
    {
        if (tag >= 0 && tag < tDirty.length)
        {
            tDirty[tag] = true;
        }
    }

    private void track(final int tag, final long epcHigh, final int epcLow)
    {
        tState[tag] = TRACKED;
        tEpcHigh[tag] = epcHigh;
        tEpcLow[tag] = epcLow;
        tZone[tag] = NO_ZONE;
        tLedgerSku[tag] = UNRESOLVED_SKU;
        tLotId[tag] = 0;
        tSku[tag] = -1;
        tLot[tag] = 0;
        tHeld[tag] = false;
        tLine[tag] = LINE_NONE;
        tPending[tag] = NO_ZONE;
        tCarriedFrom[tag] = NO_ZONE;
    }

    private void resolve(final int tag, final int ledgerSku, final long lotId, final Ledger ledger)
    {
        tLedgerSku[tag] = ledgerSku;
        tLotId[tag] = lotId;
        tSku[tag] = ledgerSku == Ledger.NO_SKU ? -1 : skuIndexOf(ledger.skuKey(ledgerSku), true);
        final int lot = lotIndexOf(lotId);
        tLot[tag] = lot < 0 ? 0 : lot;
    }

    private void onZoneChange(
        final int tag,
        final int from,
        final int to,
        final boolean held,
        final long movementId,
        final int movementReason,
        final long nowMs,
        final Pipeline pipeline)
    {
        final int role = zRole[to];
        int line = LINE_NONE;
        final boolean receiving = role == ZoneRole.RECEIVING && tLine[tag] == LINE_NONE &&
            (from == NO_ZONE || zRole[from] == ZoneRole.NONE || zRole[from] == ZoneRole.RECEIVING);
        if (receiving)
        {
            line = matchLine(tSku[tag]);
        }
        final int reason;
        if (movementReason > 0)
        {
            reason = movementReason;
        }
        else if (from == NO_ZONE)
        {
            reason = line >= 0 ? MovementLedger.RECEIPT : MovementLedger.FOUND;
        }
        else
        {
            reason = role == ZoneRole.STORAGE ? MovementLedger.PUT_AWAY : MovementLedger.TRANSFER;
        }
        final long id = movementId > 0 ? movementId : movements.nextMovementId();
        final int sku = tSku[tag];
        final long skuKey = sku >= 0 ? skuIndex.key(sku) : 0;
        if (from != NO_ZONE)
        {
            movements.append(id, nowMs, tag, tEpcHigh[tag], tEpcLow[tag], skuKey, tLotId[tag], from, to, -1, reason);
            countOut(tag, from, nowMs, pipeline);
        }
        movements.append(id, nowMs, tag, tEpcHigh[tag], tEpcLow[tag], skuKey, tLotId[tag], to, from, 1, reason);

        if (receiving)
        {
            onReceive(tag, line, to, nowMs, pipeline);
        }
        if (role == ZoneRole.STORAGE && from != NO_ZONE)
        {
            pipeline.emit(EventType.OPS_PUT_AWAY, 0, nowMs, tEpcHigh[tag], tEpcLow[tag], from, to, 0, id, 0,
                tLedgerSku[tag]);
        }
        if (role == ZoneRole.STORAGE && tPending[tag] != NO_ZONE)
        {
            final int target = tPending[tag];
            tPending[tag] = NO_ZONE;
            final int row = sku >= 0 ? skuZoneRow(sku, target) : -1;
            if (row >= 0)
            {
                szExpected[row]--;
                if (target != to)
                {
                    evaluate(row, nowMs, pipeline);
                }
            }
        }
        countIn(tag, to, held, nowMs, pipeline);
        for (final OpsListener listener : listeners)
        {
            listener.onItemMoved(this, tag, from, to, id, reason, nowMs, pipeline);
        }
    }

    private void countOut(final int tag, final int zone, final long nowMs, final Pipeline pipeline)
    {
        tZone[tag] = NO_ZONE;
        if (tSku[tag] >= 0)
        {
            stock(tSku[tag], tLot[tag], zone, -1, tHeld[tag] ? -1 : 0, nowMs, pipeline);
        }
        tHeld[tag] = false;
        occupy(zone, -1, nowMs, pipeline);
    }

    private void countIn(final int tag, final int zone, final boolean held, final long nowMs, final Pipeline pipeline)
    {
        tZone[tag] = zone;
        tHeld[tag] = held;
        if (tSku[tag] >= 0)
        {
            stock(tSku[tag], tLot[tag], zone, 1, held ? 1 : 0, nowMs, pipeline);
        }
        occupy(zone, 1, nowMs, pipeline);
    }

    /**
     * Take an item out of stock, as {@link OpsCommands#ISSUE} does: one movement row out of its zone, an
     * {@code OPS_ISSUED} event, the listeners' {@link OpsListener#onItemIssued}. For rules (consumption, shipping).
     *
     * @param tag      tag handle.
     * @param reason   {@link MovementLedger} reason, 1..{@link MovementLedger#MAX_REASON}.
     * @param nowMs    record time.
     * @param pipeline the pipeline.
     * @return false (nothing done) if the item is not counted in a zone or the reason is out of range.
     */
    public boolean issue(final int tag, final int reason, final long nowMs, final Pipeline pipeline)
    {
        if (!isCounted(tag) || reason < 1 || reason > MovementLedger.MAX_REASON)
        {
            return false;
        }
        issueCounted(tag, reason, nowMs, pipeline);
        return true;
    }

    private void issueCounted(final int tag, final int reason, final long nowMs, final Pipeline pipeline)
    {
        final int from = tZone[tag];
        final int sku = tSku[tag];
        movements.append(movements.nextMovementId(), nowMs, tag, tEpcHigh[tag], tEpcLow[tag],
            sku >= 0 ? skuIndex.key(sku) : 0, tLotId[tag], from, NO_ZONE, -1, reason);
        pipeline.emit(EventType.OPS_ISSUED, (short)reason, 0, nowMs, tEpcHigh[tag], tEpcLow[tag], from, NO_ZONE, 0, 0,
            0, tLedgerSku[tag] == UNRESOLVED_SKU ? Ledger.NO_SKU : tLedgerSku[tag]);
        for (final OpsListener listener : listeners)
        {
            listener.onItemIssued(this, tag, from, reason, nowMs, pipeline);
        }
        countOut(tag, from, nowMs, pipeline);
        tState[tag] = ISSUED;
    }

    // ---------------------------------------------------------------- hook for ContainerRules: count without a read

    /**
     * Count an item into a zone without a read of it: for {@code ContainerRules}, when the container the item is
     * packed in is counted there, or the item is packed into a container counted there. Does what a read of the
     * item in that zone would do: a movement (an out and an in row, or only an in row when the item was not counted
     * yet; reason as a read would give unless {@code reason} is set), receiving, put-away, balances, occupancy,
     * events and the listeners' {@link OpsListener#onItemMoved}. An item not tracked yet is tracked first, with the
     * SKU and lot of the core ledger.
     * <p>
     * The core ledger keeps the item's zone as last detected. This extension remembers that zone, and a read of
     * the item after which the core still has it there does not move the count back; once the core decides another
     * zone for the item, its reads count it as usual (the remembered zone is forgotten).
     *
     * @param tag        tag handle, live in the core's tag table.
     * @param toZone     zone to count the item in.
     * @param movementId movement id of the rows (e.g. the container's, so both are one movement), or 0 for a new one.
     * @param reason     {@link MovementLedger} reason of the rows, or 0 for the one a read would give.
     * @param nowMs      record time.
     * @param pipeline   the pipeline.
     * @return false, with nothing done, if the zone or reason is out of range, the item is already counted there,
     * was issued, has ledger status consumed / shipped, or its handle is not live or beyond the tag capacity.
     */
    public boolean carry(
        final int tag,
        final int toZone,
        final long movementId,
        final int reason,
        final long nowMs,
        final Pipeline pipeline)
    {
        final TagTable tags = pipeline.tags();
        if (tag < 0 || tag >= tState.length || !isZone(toZone) || reason < 0 || reason > MovementLedger.MAX_REASON ||
            !tags.isLive(tag))
        {
            return false;
        }
        final Ledger ledger = pipeline.ledger();
        final int status = ledger.status(tag);
        if (status == Ledger.STATUS_CONSUMED || status == Ledger.STATUS_SHIPPED)
        {
            return false;
        }
        final long epcHigh = tags.epcHigh(tag);
        final int epcLow = tags.epcLow(tag);
        if (tState[tag] == UNTRACKED || tEpcHigh[tag] != epcHigh || tEpcLow[tag] != epcLow)
        {
            if (tState[tag] == TRACKED && tZone[tag] != NO_ZONE)
            {
                issueCounted(tag, MovementLedger.RETIRED, nowMs, pipeline); // handle reused after RETIRE_TAG
            }
            track(tag, epcHigh, epcLow);
        }
        if (tState[tag] != TRACKED || tZone[tag] == toZone)
        {
            return false;
        }
        if (tLedgerSku[tag] == UNRESOLVED_SKU)
        {
            resolve(tag, ledger.sku(tag), ledger.lot(tag), ledger);
        }
        final int detected = ledger.zone(tag);
        tCarriedFrom[tag] = detected == toZone ? NO_ZONE : detected;
        final boolean held = status == Ledger.STATUS_HOLD || zRole[toZone] == ZoneRole.QUALITY_HOLD;
        onZoneChange(tag, tZone[tag], toZone, held, movementId, reason, nowMs, pipeline);
        return true;
    }

    /** The zone a read counts an item in: its core zone, unless that is still the one it had when carried. */
    private int detectedZone(final int tag, final int coreZone, final int counted)
    {
        final int carriedFrom = tCarriedFrom[tag];
        if (carriedFrom == NO_ZONE)
        {
            return coreZone;
        }
        if (coreZone == carriedFrom)
        {
            return counted;
        }
        tCarriedFrom[tag] = NO_ZONE;
        return coreZone;
    }

    // ---------------------------------------------------------------- receiving

    private int matchLine(final int sku)
    {
        if (sku < 0)
        {
            return LINE_NONE;
        }
        int first = LINE_NONE;
        final int receipts = rCount;
        for (int r = 0; r < receipts; r++)
        {
            if (rOpen[r])
            {
                final int line = lIndex.getOrDefault(lineKey(r, sku), LINE_NONE);
                if (line >= 0)
                {
                    if (lReceived[line] < lExpected[line])
                    {
                        return line;
                    }
                    if (first == LINE_NONE)
                    {
                        first = line;
                    }
                }
            }
        }
        return first;
    }

    private void onReceive(final int tag, final int line, final int zone, final long nowMs, final Pipeline pipeline)
    {
        final int sku = tLedgerSku[tag] == UNRESOLVED_SKU ? Ledger.NO_SKU : tLedgerSku[tag];
        if (line < 0)
        {
            tLine[tag] = LINE_UNEXPECTED;
            pipeline.emit(EventType.OPS_UNEXPECTED_SKU, 0, nowMs, tEpcHigh[tag], tEpcLow[tag], NO_ZONE, zone, 0, 0, 0,
                sku);
            return;
        }
        tLine[tag] = line;
        final int receipt = lReceipt[line];
        if (lReceived[line] < lExpected[line] && rTarget[receipt] != NO_ZONE)
        {
            tPending[tag] = rTarget[receipt];
        }
        lReceived[line]++;
        pipeline.emit(EventType.OPS_RECEIVED, (int)rId[receipt], nowMs, tEpcHigh[tag], tEpcLow[tag], NO_ZONE, zone, 0,
            lReceived[line], lExpected[line], sku);
        if (lLot[line] != 0 && lLot[line] != tLotId[tag])
        {
            pipeline.emit(EventType.OPS_WRONG_LOT, (int)rId[receipt], nowMs, tEpcHigh[tag], tEpcLow[tag], NO_ZONE,
                zone, 0, tLotId[tag], 0, sku);
        }
    }

    // ---------------------------------------------------------------- balances and rules

    private void stock(
        final int sku,
        final int lot,
        final int zone,
        final int onHand,
        final int held,
        final long nowMs,
        final Pipeline pipeline)
    {
        final int lb = lotZoneRow(sku, lot, zone);
        if (lb >= 0)
        {
            lbOnHand[lb] += onHand;
            lbHeld[lb] += held;
        }
        final int row = skuZoneRow(sku, zone);
        if (row >= 0)
        {
            szOnHand[row] += onHand;
            szHeld[row] += held;
            evaluate(row, nowMs, pipeline);
        }
    }

    private void occupy(final int zone, final int delta, final long nowMs, final Pipeline pipeline)
    {
        final int occupancy = zOccupancy[zone] += delta;
        final int capacity = zCapacity[zone];
        final boolean over = capacity > 0 && occupancy > capacity;
        if (over != zOver[zone])
        {
            zOver[zone] = over;
            pipeline.emit(over ? EventType.OPS_OVER_CAPACITY : EventType.OPS_CAPACITY_OK, 0, nowMs, 0, 0, NO_ZONE,
                zone, 0, occupancy, capacity, Ledger.NO_SKU);
        }
    }

    private void evaluate(final int row, final long nowMs, final Pipeline pipeline)
    {
        final int available = szOnHand[row] - szHeld[row] - szReserved[row];
        final int projected = available + szExpected[row];
        final int rop = szRop[row];
        final int zone = (int)(szKey[row] & 0xFFFF);
        byte flags = szFlags[row];
        if (rop >= 0 && projected < rop)
        {
            if ((flags & BELOW_ROP) == 0)
            {
                flags |= BELOW_ROP;
                final int upTo = szUpTo[row] > 0 ? szUpTo[row] : 2 * rop;
                final long suggested = Math.max(1L, (long)upTo - projected);
                emitSku(EventType.OPS_REPLENISH, row, zone, nowMs, suggested, projected, pipeline);
            }
        }
        else
        {
            flags &= ~BELOW_ROP;
        }
        if (available <= 0)
        {
            if ((flags & OUT_OF_STOCK) == 0)
            {
                flags |= OUT_OF_STOCK;
                if (rop >= 0 || zRole[zone] == ZoneRole.STORAGE)
                {
                    emitSku(EventType.OPS_STOCKOUT, row, zone, nowMs, 0, projected, pipeline);
                }
            }
        }
        else
        {
            flags &= ~OUT_OF_STOCK;
        }
        final int sku = (int)(szKey[row] >>> 16);
        szFlags[row] = safety(flags, szSafety[row], available, projected, szUpTo[row], rop, skuIndex.key(sku), zone,
            nowMs, pipeline);
        if (siteRop[sku] >= 0 || siteSafety[sku] >= 0)
        {
            evaluateSite(sku, nowMs, pipeline);
        }
    }

    /** Below safety stock on available: an urgent replenishment (detail 1), once until it is back up. */
    private byte safety(
        final byte flags,
        final int safety,
        final int available,
        final int projected,
        final int upTo,
        final int rop,
        final long skuKey,
        final int zone,
        final long nowMs,
        final Pipeline pipeline)
    {
        if (safety < 0 || available >= safety)
        {
            return (byte)(flags & ~BELOW_SAFETY);
        }
        if ((flags & BELOW_SAFETY) != 0)
        {
            return flags;
        }
        final int level = upTo > 0 ? upTo : 2 * Math.max(rop, safety);
        pipeline.emit(EventType.OPS_REPLENISH, (short)1, 0, nowMs, skuKey, 0, NO_ZONE, zone, 0,
            Math.max(1L, (long)level - projected), projected, pipeline.ledger().skuHandle(skuKey));
        return (byte)(flags | BELOW_SAFETY);
    }

    /** Site-wide levels of a SKU: every zone's available and projected, summed over the SKU's rows. */
    private void evaluateSite(final int sku, final long nowMs, final Pipeline pipeline)
    {
        int available = 0;
        int projected = 0;
        for (int row = skuFirstRow[sku]; row >= 0; row = szNextOfSku[row])
        {
            final int a = szOnHand[row] - szHeld[row] - szReserved[row];
            available += a;
            projected += a + szExpected[row];
        }
        final long skuKey = skuIndex.key(sku);
        final int rop = siteRop[sku];
        byte flags = siteFlags[sku];
        if (rop >= 0 && projected < rop)
        {
            if ((flags & BELOW_ROP) == 0)
            {
                flags |= BELOW_ROP;
                final int upTo = siteUpTo[sku] > 0 ? siteUpTo[sku] : 2 * rop;
                pipeline.emit(EventType.OPS_REPLENISH, 0, nowMs, skuKey, 0, NO_ZONE, SITE, 0,
                    Math.max(1L, (long)upTo - projected), projected, pipeline.ledger().skuHandle(skuKey));
            }
        }
        else
        {
            flags &= ~BELOW_ROP;
        }
        if (available <= 0 && rop >= 0)
        {
            if ((flags & OUT_OF_STOCK) == 0)
            {
                flags |= OUT_OF_STOCK;
                pipeline.emit(EventType.OPS_STOCKOUT, 0, nowMs, skuKey, 0, NO_ZONE, SITE, 0, 0, projected,
                    pipeline.ledger().skuHandle(skuKey));
            }
        }
        else if (available > 0)
        {
            flags &= ~OUT_OF_STOCK;
        }
        siteFlags[sku] = safety(flags, siteSafety[sku], available, projected, siteUpTo[sku], rop, skuKey, SITE,
            nowMs, pipeline);
    }

    private void emitSku(
        final short type,
        final int row,
        final int zone,
        final long nowMs,
        final long quantity,
        final int other,
        final Pipeline pipeline)
    {
        final long skuKey = skuIndex.key((int)(szKey[row] >>> 16));
        pipeline.emit(type, 0, nowMs, skuKey, 0, NO_ZONE, zone, 0, quantity, other,
            pipeline.ledger().skuHandle(skuKey));
    }

    // ---------------------------------------------------------------- commands

    private boolean onCommand(final ByteBuffer buffer, final int offset, final Pipeline pipeline)
    {
        final int code = buffer.getInt(offset + CommandFlyweight.COMMAND_OFFSET);
        if (code < CommandFlyweight.FIRST_EXTENSION_COMMAND)
        {
            onCoreCommand(buffer, offset, code, pipeline);
            return false;
        }
        if (code < OpsCommands.FIRST || code > OpsCommands.LAST)
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
            case OpsCommands.ZONE:
                return onZone(arg2, arg3, arg4, nowMs, pipeline);
            case OpsCommands.RECEIPT_OPEN:
                return onReceiptOpen(arg2, arg3, nowMs, pipeline);
            case OpsCommands.RECEIPT_LINE:
                return onReceiptLine(arg2, arg3, arg4, nowMs, pipeline);
            case OpsCommands.RECEIPT_LOT:
                return onReceiptLot(arg2, arg3, arg4);
            case OpsCommands.RECEIPT_CLOSE:
                return onReceiptClose(arg2, nowMs, pipeline);
            case OpsCommands.REORDER_POINT:
            case OpsCommands.ORDER_UP_TO:
            case OpsCommands.RESERVE:
            case OpsCommands.SAFETY_STOCK:
                return onSkuZone(code, arg2, arg3, arg4, nowMs, pipeline);
            case OpsCommands.ADJUST:
                return onAdjust(arg2, arg3, arg4, buffer.getLong(offset + CommandFlyweight.ARG5_OFFSET), nowMs,
                    pipeline);
            case OpsCommands.ISSUE:
            {
                final int tag = pipeline.tags().get(epcHigh, epcLow);
                if (tag == TagTable.MISSING || tEpcHigh[tag] != epcHigh || tEpcLow[tag] != epcLow || arg2 < 0 ||
                    arg2 > MovementLedger.MAX_REASON)
                {
                    return false;
                }
                return issue(tag, arg2 == 0 ? MovementLedger.ISSUE : (int)arg2, nowMs, pipeline);
            }
            case OpsCommands.LOT:
                return onLot(arg2, arg3, arg4);
            default:
                return false;
        }
    }

    private void onCoreCommand(final ByteBuffer buffer, final int offset, final int code, final Pipeline pipeline)
    {
        final long epcHigh = buffer.getLong(offset + CommandFlyweight.ARG1_OFFSET);
        final int epcLow = buffer.getInt(offset + CommandFlyweight.INT_ARG_OFFSET);
        final int tag = pipeline.tags().get(epcHigh, epcLow);
        if (tag == TagTable.MISSING || tag >= tState.length)
        {
            return;
        }
        final long nowMs = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
        if (code == CommandFlyweight.RETIRE_TAG)
        {
            if (tState[tag] == TRACKED && tEpcHigh[tag] == epcHigh && tEpcLow[tag] == epcLow && tZone[tag] != NO_ZONE)
            {
                issueCounted(tag, MovementLedger.RETIRED, nowMs, pipeline);
            }
        }
        else if (tState[tag] != UNTRACKED || pipeline.ledger().zone(tag) != NO_ZONE)
        {
            refresh(tag, epcHigh, epcLow, nowMs, pipeline); // a status or master data change shows at once
        }
    }

    private boolean onLot(final long lotId, final long expiryMs, final long inDateMs)
    {
        if (lotId <= 0 || expiryMs < 0 || inDateMs < 0)
        {
            return false;
        }
        final int lot = lotIndexOf(lotId);
        if (lot < 0)
        {
            return false;
        }
        lotExpiryMs[lot] = expiryMs;
        lotInDateMs[lot] = inDateMs;
        return true;
    }

    private static boolean isZone(final long zone)
    {
        return zone >= 0 && zone < ZoneDirectory.MAX_ZONES;
    }

    private static boolean isQuantity(final long quantity)
    {
        return quantity >= Integer.MIN_VALUE / 2 && quantity <= Integer.MAX_VALUE / 2;
    }

    private boolean onZone(final long zone, final long role, final long capacity, final long nowMs,
        final Pipeline pipeline)
    {
        if (!isZone(zone) || role < 0 || role >= ZoneRole.ROLE_COUNT || capacity < 0 || capacity > Integer.MAX_VALUE)
        {
            return false;
        }
        final int z = (int)zone;
        zRole[z] = (byte)role;
        zCapacity[z] = (int)capacity;
        occupy(z, 0, nowMs, pipeline);
        return true;
    }

    private boolean onReceiptOpen(final long receiptId, final long target, final long nowMs, final Pipeline pipeline)
    {
        if (target != NO_ZONE && !isZone(target))
        {
            return false;
        }
        final int r = receiptIndexOf(receiptId);
        if (r < 0 || !rOpen[r])
        {
            return false;
        }
        final int from = rTarget[r];
        final int to = (int)target;
        if (from != to)
        {
            // the quantity still to come is now expected in the new zone
            rTarget[r] = to;
            for (int line = 0; line < lCount; line++)
            {
                final int remaining = lReceipt[line] == r ? lExpected[line] - lReceived[line] : 0;
                if (remaining > 0)
                {
                    expect(lSku[line], from, -remaining, nowMs, pipeline);
                    expect(lSku[line], to, remaining, nowMs, pipeline);
                }
            }
        }
        return true;
    }

    private void expect(final int sku, final int zone, final int delta, final long nowMs, final Pipeline pipeline)
    {
        if (zone != NO_ZONE && delta != 0)
        {
            final int row = skuZoneRow(sku, zone);
            if (row >= 0)
            {
                szExpected[row] += delta;
                evaluate(row, nowMs, pipeline);
            }
        }
    }

    private boolean onReceiptLine(
        final long receiptId, final long skuKey, final long quantity, final long nowMs, final Pipeline pipeline)
    {
        if (skuKey == 0 || quantity <= 0 || !isQuantity(quantity))
        {
            return false;
        }
        final int r = receiptIndexOf(receiptId);
        final int sku = skuIndexOf(skuKey, true);
        if (r < 0 || sku < 0 || !rOpen[r])
        {
            return false;
        }
        final int line = lineIndexOf(r, sku);
        if (line < 0)
        {
            return false;
        }
        final int before = Math.max(0, lExpected[line] - lReceived[line]);
        lExpected[line] += (int)quantity;
        expect(sku, rTarget[r], Math.max(0, lExpected[line] - lReceived[line]) - before, nowMs, pipeline);
        return true;
    }

    private boolean onReceiptLot(final long receiptId, final long skuKey, final long lotId)
    {
        final int r = rIndex.getOrDefault(receiptId, -1);
        final int sku = skuIndexOf(skuKey, true);
        if (r < 0 || sku < 0 || !rOpen[r])
        {
            return false;
        }
        final int line = lineIndexOf(r, sku);
        if (line < 0)
        {
            return false;
        }
        lLot[line] = lotId;
        return true;
    }

    private boolean onReceiptClose(final long receiptId, final long nowMs, final Pipeline pipeline)
    {
        final int r = rIndex.getOrDefault(receiptId, -1);
        if (r < 0 || !rOpen[r])
        {
            return false;
        }
        rOpen[r] = false;
        final int source = (int)receiptId;
        final int target = rTarget[r];
        int lines = 0;
        for (int line = 0; line < lCount; line++)
        {
            if (lReceipt[line] != r)
            {
                continue;
            }
            lines++;
            final int sku = lSku[line];
            final long skuKey = skuIndex.key(sku);
            final int skuHandle = pipeline.ledger().skuHandle(skuKey);
            final int expected = lExpected[line];
            final int received = lReceived[line];
            if (received < expected)
            {
                pipeline.emit(EventType.OPS_RECEIPT_SHORT, source, nowMs, skuKey, 0, NO_ZONE, target, 0,
                    expected - received, expected, skuHandle);
                expect(sku, target, received - expected, nowMs, pipeline);
            }
            else if (received > expected)
            {
                pipeline.emit(EventType.OPS_RECEIPT_OVER, source, nowMs, skuKey, 0, NO_ZONE, target, 0,
                    received - expected, expected, skuHandle);
            }
            else
            {
                pipeline.emit(EventType.OPS_RECEIPT_LINE_COMPLETE, source, nowMs, skuKey, 0, NO_ZONE, target, 0,
                    received, expected, skuHandle);
            }
        }
        pipeline.emit(EventType.OPS_RECEIPT_CLOSED, source, nowMs, 0, 0, NO_ZONE, target, 0, lines, 0,
            Ledger.NO_SKU);
        return true;
    }

    private boolean onSkuZone(
        final int code, final long skuKey, final long zone, final long value, final long nowMs, final Pipeline pipeline)
    {
        if (skuKey == 0 || !(isZone(zone) || (zone == SITE && code != OpsCommands.RESERVE)) || !isQuantity(value))
        {
            return false;
        }
        final int sku = skuIndexOf(skuKey, true);
        if (sku >= 0 && zone == SITE)
        {
            return onSiteLevel(code, sku, value, nowMs, pipeline);
        }
        final int row = sku < 0 ? -1 : skuZoneRow(sku, (int)zone);
        if (row < 0)
        {
            return false;
        }
        switch (code)
        {
            case OpsCommands.SAFETY_STOCK:
                if (value < -1)
                {
                    return false;
                }
                szSafety[row] = (int)value;
                szFlags[row] &= ~BELOW_SAFETY;
                break;
            case OpsCommands.REORDER_POINT:
                if (value < -1)
                {
                    return false;
                }
                szRop[row] = (int)value;
                szFlags[row] &= ~BELOW_ROP;
                break;
            case OpsCommands.ORDER_UP_TO:
                if (value < 0)
                {
                    return false;
                }
                szUpTo[row] = (int)value;
                break;
            default:
                szReserved[row] = Math.max(0, szReserved[row] + (int)value);
                break;
        }
        evaluate(row, nowMs, pipeline);
        return true;
    }

    private boolean onSiteLevel(
        final int code, final int sku, final long value, final long nowMs, final Pipeline pipeline)
    {
        if (value < (code == OpsCommands.ORDER_UP_TO ? 0 : -1))
        {
            return false;
        }
        switch (code)
        {
            case OpsCommands.REORDER_POINT:
                siteRop[sku] = (int)value;
                siteFlags[sku] &= ~(BELOW_ROP | OUT_OF_STOCK);
                break;
            case OpsCommands.SAFETY_STOCK:
                siteSafety[sku] = (int)value;
                siteFlags[sku] &= ~BELOW_SAFETY;
                break;
            default:
                siteUpTo[sku] = (int)value;
                break;
        }
        if (siteRop[sku] >= 0 || siteSafety[sku] >= 0)
        {
            evaluateSite(sku, nowMs, pipeline);
        }
        return true;
    }

    private boolean onAdjust(
        final long skuKey, final long zone, final long quantity, final long lotId, final long nowMs,
        final Pipeline pipeline)
    {
        if (skuKey == 0 || !isZone(zone) || quantity == 0 || !isQuantity(quantity))
        {
            return false;
        }
        final int sku = skuIndexOf(skuKey, true);
        final int lot = lotIndexOf(lotId);
        final int z = (int)zone;
        final int lb = sku < 0 || lot < 0 ? -1 : lotZoneRow(sku, lot, z);
        if (lb < 0 || skuZoneRow(sku, z) < 0 || lbOnHand[lb] + quantity < 0)
        {
            return false;
        }
        final int qty = (int)quantity;
        movements.append(movements.nextMovementId(), nowMs, -1, 0, 0, skuKey, lotId, z, NO_ZONE, qty,
            MovementLedger.ADJUST);
        final int heldDelta = zRole[z] == ZoneRole.QUALITY_HOLD ? qty : 0;
        stock(sku, lot, z, qty, heldDelta, nowMs, pipeline);
        occupy(z, qty, nowMs, pipeline);
        return true;
    }

    // ---------------------------------------------------------------- tables

    private int skuIndexOf(final long skuKey, final boolean add)
    {
        final int sku = skuIndex.indexOf(skuKey, add);
        droppedRows += sku < 0 && add ? 1 : 0;
        return sku;
    }

    private int lotIndexOf(final long lotId)
    {
        final int lot = lotIndex.indexOf(lotId, true);
        droppedRows += lot < 0 ? 1 : 0;
        return lot;
    }

    private int skuZoneRow(final int sku, final int zone)
    {
        final long key = ((long)sku << 16) | zone;
        final int index = szIndex.indexOf(key);
        if (szIndex.indexExists(index))
        {
            return szIndex.indexGet(index);
        }
        if (szCount == szKey.length)
        {
            droppedRows++;
            return -1;
        }
        final int row = szCount++;
        szKey[row] = key;
        szRop[row] = -1;
        szSafety[row] = -1;
        szFlags[row] = OUT_OF_STOCK;
        szNextOfSku[row] = skuFirstRow[sku];
        skuFirstRow[sku] = row;
        szIndex.indexInsert(index, key, row);
        return row;
    }

    private int lotZoneRow(final int sku, final int lot, final int zone)
    {
        final long key = ((long)sku << 40) | ((long)lot << 16) | zone;
        final int index = lbIndex.indexOf(key);
        if (lbIndex.indexExists(index))
        {
            return lbIndex.indexGet(index);
        }
        if (lbCount == lbKey.length)
        {
            droppedRows++;
            return -1;
        }
        final int row = lbCount++;
        lbKey[row] = key;
        lbIndex.indexInsert(index, key, row);
        return row;
    }

    private int receiptIndexOf(final long receiptId)
    {
        if (receiptId < 0 || receiptId > Integer.MAX_VALUE)
        {
            return -1;
        }
        final int index = rIndex.indexOf(receiptId);
        if (rIndex.indexExists(index))
        {
            return rIndex.indexGet(index);
        }
        if (rCount == rId.length)
        {
            droppedRows++;
            return -1;
        }
        final int r = rCount++;
        rId[r] = receiptId;
        rTarget[r] = NO_ZONE;
        rOpen[r] = true;
        rIndex.indexInsert(index, receiptId, r);
        return r;
    }

    private static long lineKey(final int receipt, final int sku)
    {
        return ((long)receipt << 32) | sku;
    }

    private int lineIndexOf(final int receipt, final int sku)
    {
        final long key = lineKey(receipt, sku);
        final int index = lIndex.indexOf(key);
        if (lIndex.indexExists(index))
        {
            return lIndex.indexGet(index);
        }
        if (lCount == lReceipt.length)
        {
            droppedRows++;
            return -1;
        }
        final int line = lCount++;
        lReceipt[line] = receipt;
        lSku[line] = sku;
        lIndex.indexInsert(index, key, line);
        return line;
    }

    // ---------------------------------------------------------------- queries (engine thread)

    /** @return the movement ledger. */
    public MovementLedger movements()
    {
        return movements;
    }

    /** @return rows not kept because a preallocated table was full. */
    public long droppedRows()
    {
        return droppedRows;
    }

    private int szRowOrMissing(final long skuKey, final int zone)
    {
        final int sku = skuIndexOf(skuKey, false);
        return sku < 0 || !isZone(zone) ? -1 : szIndex.getOrDefault(((long)sku << 16) | zone, -1);
    }

    /** @param skuKey SKU key. @param zone zone id. @return items on hand. */
    public int onHand(final long skuKey, final int zone)
    {
        final int row = szRowOrMissing(skuKey, zone);
        return row < 0 ? 0 : szOnHand[row];
    }

    /** @param skuKey SKU key. @param zone zone id. @return items held (quality). */
    public int held(final long skuKey, final int zone)
    {
        final int row = szRowOrMissing(skuKey, zone);
        return row < 0 ? 0 : szHeld[row];
    }

    /** @param skuKey SKU key. @param zone zone id. @return items reserved. */
    public int reserved(final long skuKey, final int zone)
    {
        final int row = szRowOrMissing(skuKey, zone);
        return row < 0 ? 0 : szReserved[row];
    }

    /** @param skuKey SKU key. @param zone zone id. @return items expected from open receipts, not yet put away. */
    public int expected(final long skuKey, final int zone)
    {
        final int row = szRowOrMissing(skuKey, zone);
        return row < 0 ? 0 : szExpected[row];
    }

    /** @param skuKey SKU key. @param zone zone id. @return on hand - held - reserved. */
    public int available(final long skuKey, final int zone)
    {
        final int row = szRowOrMissing(skuKey, zone);
        return row < 0 ? 0 : szOnHand[row] - szHeld[row] - szReserved[row];
    }

    /** @param skuKey SKU key. @param zone zone id. @return available + expected. */
    public int projected(final long skuKey, final int zone)
    {
        final int row = szRowOrMissing(skuKey, zone);
        return row < 0 ? 0 : szOnHand[row] - szHeld[row] - szReserved[row] + szExpected[row];
    }

    /** @param skuKey SKU key. @param lotId lot id (0 = none). @param zone zone id. @return items on hand. */
    public int onHand(final long skuKey, final long lotId, final int zone)
    {
        final int sku = skuIndexOf(skuKey, false);
        final int lot = lotIndex.indexOf(lotId, false);
        if (sku < 0 || lot < 0 || !isZone(zone))
        {
            return 0;
        }
        final int row = lbIndex.getOrDefault(((long)sku << 40) | ((long)lot << 16) | zone, -1);
        return row < 0 ? 0 : lbOnHand[row];
    }

    /**
     * Register a rule to be told of item movements and issues; at set-up, before the engine starts.
     *
     * @param listener the rule.
     * @return this.
     */
    public OperationsExtension addListener(final OpsListener listener)
    {
        if (null == listener)
        {
            throw new IllegalArgumentException("listener must not be null");
        }
        final OpsListener[] grown = Arrays.copyOf(listeners, listeners.length + 1);
        grown[listeners.length] = listener;
        listeners = grown;
        return this;
    }

    /** @param tag tag handle. @return true if the item is in stock, counted in a zone. */
    public boolean isCounted(final int tag)
    {
        return tag >= 0 && tag < tState.length && tState[tag] == TRACKED && tZone[tag] != NO_ZONE;
    }

    /** @param tag tag handle. @return the zone the item is counted in, or {@code Ledger.NO_ZONE}. */
    public int zoneOf(final int tag)
    {
        return tag >= 0 && tag < tState.length && tState[tag] == TRACKED ? tZone[tag] : NO_ZONE;
    }

    /** @param tag tag handle. @return the item's SKU key, 0 if it has none. */
    public long skuKeyOf(final int tag)
    {
        final int sku = tag >= 0 && tag < tState.length && tState[tag] != UNTRACKED ? tSku[tag] : -1;
        return sku >= 0 ? skuIndex.key(sku) : 0;
    }

    /** @param tag tag handle. @return the item's lot id, 0 if none. */
    public long lotIdOf(final int tag)
    {
        return tag >= 0 && tag < tState.length && tState[tag] != UNTRACKED ? tLotId[tag] : 0;
    }

    /** @param tag tag handle. @return true if the item is on quality hold (status or hold zone) where counted. */
    public boolean isHeld(final int tag)
    {
        return isCounted(tag) && tHeld[tag];
    }

    /** @param tag tag handle. @return high 64 bits of the item's EPC as last tracked. */
    public long epcHighOf(final int tag)
    {
        return tEpcHigh[tag];
    }

    /** @param tag tag handle. @return low 32 bits of the item's EPC as last tracked. */
    public int epcLowOf(final int tag)
    {
        return tEpcLow[tag];
    }

    /** @param tag tag handle. @return the core ledger's SKU handle of the item, or {@code Ledger.NO_SKU}. */
    public int ledgerSkuOf(final int tag)
    {
        return tag >= 0 && tag < tState.length && tLedgerSku[tag] != UNRESOLVED_SKU ? tLedgerSku[tag] : Ledger.NO_SKU;
    }

    /** @param lotId lot id. @return expiry time in epoch ms set by {@link OpsCommands#LOT}, 0 if none/unknown. */
    public long lotExpiryMs(final long lotId)
    {
        final int lot = lotIndex.indexOf(lotId, false);
        return lot < 0 ? 0 : lotExpiryMs[lot];
    }

    /**
     * @param lotId lot id.
     * @return in-date (production / receipt) in epoch ms set by {@link OpsCommands#LOT}, 0 if none.
     */
    public long lotInDateMs(final long lotId)
    {
        final int lot = lotIndex.indexOf(lotId, false);
        return lot < 0 ? 0 : lotInDateMs[lot];
    }

    /** @param zone zone id. @return items counted in the zone. */
    public int occupancy(final int zone)
    {
        return zOccupancy[zone];
    }

    /** @param zone zone id. @return its {@link ZoneRole}. */
    public int role(final int zone)
    {
        return zRole[zone];
    }

    /** @param zone zone id. @return its capacity in items, 0 = unlimited. */
    public int capacity(final int zone)
    {
        return zCapacity[zone];
    }

    /** @param receiptId receipt id. @param skuKey SKU key. @return items received on the line, or -1 if none. */
    public int received(final long receiptId, final long skuKey)
    {
        final int r = rIndex.getOrDefault(receiptId, -1);
        final int sku = skuIndexOf(skuKey, false);
        final int line = r < 0 || sku < 0 ? -1 : lIndex.getOrDefault(lineKey(r, sku), -1);
        return line < 0 ? -1 : lReceived[line];
    }

    /** @param receiptId receipt id. @return true if known and not closed. */
    public boolean isOpen(final long receiptId)
    {
        final int r = rIndex.getOrDefault(receiptId, -1);
        return r >= 0 && rOpen[r];
    }

    /**
     * Copy every SKU x zone balance row (engine thread; allocates: for queries, not the read path).
     *
     * @param pipeline the pipeline, for zone names.
     * @param skuKey   only this SKU, or 0 for all.
     * @return the rows in creation order.
     */
    public List<OpsQueries.Balance> balances(final Pipeline pipeline, final long skuKey)
    {
        final List<OpsQueries.Balance> rows = new ArrayList<>();
        for (int row = 0; row < szCount; row++)
        {
            final long key = skuIndex.key((int)(szKey[row] >>> 16));
            if (skuKey == 0 || key == skuKey)
            {
                final int zone = (int)(szKey[row] & 0xFFFF);
                final int available = szOnHand[row] - szHeld[row] - szReserved[row];
                rows.add(new OpsQueries.Balance(key, zone, pipeline.zones().zoneName(zone), szOnHand[row],
                    szHeld[row], szReserved[row], available, szExpected[row], available + szExpected[row],
                    szRop[row]));
            }
        }
        return rows;
    }

    /**
     * Copy a receipt's status (engine thread; allocates).
     *
     * @param receiptId receipt id.
     * @return its status, or null if unknown.
     */
    public OpsQueries.ReceiptStatus receipt(final long receiptId)
    {
        final int r = rIndex.getOrDefault(receiptId, -1);
        if (r < 0)
        {
            return null;
        }
        final List<OpsQueries.ReceiptLine> lines = new ArrayList<>();
        for (int line = 0; line < lCount; line++)
        {
            if (lReceipt[line] == r)
            {
                lines.add(new OpsQueries.ReceiptLine(skuIndex.key(lSku[line]), lLot[line], lExpected[line],
                    lReceived[line]));
            }
        }
        return new OpsQueries.ReceiptStatus(receiptId, rOpen[r], rTarget[r], lines);
    }

    /** @return ids of the receipts still open, in open order (engine thread; allocates). */
    public long[] openReceipts()
    {
        int open = 0;
        for (int r = 0; r < rCount; r++)
        {
            open += rOpen[r] ? 1 : 0;
        }
        final long[] ids = new long[open];
        for (int r = 0, i = 0; r < rCount; r++)
        {
            if (rOpen[r])
            {
                ids[i++] = rId[r];
            }
        }
        return ids;
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
     * Write the whole state; restore with {@link #readFrom(DataInput, int)} into an extension with the same
     * {@link Context}.
     *
     * @param out         to write to.
     * @param handleLimit one past the highest tag handle in use ({@code pipeline.tags().handleLimit()}).
     * @throws IOException on failure.
     */
    public void writeTo(final DataOutput out, final int handleLimit) throws IOException
    {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeInt(handleLimit);
        for (int t = 0; t < handleLimit; t++)
        {
            out.writeByte(tState[t]);
            out.writeLong(tEpcHigh[t]);
            out.writeInt(tEpcLow[t]);
            out.writeInt(tZone[t]);
            out.writeInt(tLedgerSku[t]);
            out.writeLong(tLotId[t]);
            out.writeInt(tSku[t]);
            out.writeInt(tLot[t]);
            out.writeBoolean(tHeld[t]);
            out.writeInt(tLine[t]);
            out.writeInt(tPending[t]);
            out.writeBoolean(tDirty[t]);
            out.writeInt(tCarriedFrom[t]);
        }
        int zones = 0;
        for (int z = 0; z < ZoneDirectory.MAX_ZONES; z++)
        {
            zones += zRole[z] != 0 || zCapacity[z] != 0 || zOccupancy[z] != 0 ? 1 : 0;
        }
        out.writeInt(zones);
        for (int z = 0; z < ZoneDirectory.MAX_ZONES; z++)
        {
            if (zRole[z] != 0 || zCapacity[z] != 0 || zOccupancy[z] != 0)
            {
                out.writeInt(z);
                out.writeByte(zRole[z]);
                out.writeInt(zCapacity[z]);
                out.writeInt(zOccupancy[z]);
                out.writeBoolean(zOver[z]);
            }
        }
        skuIndex.writeSize(out);
        for (int i = 0; i < skuIndex.size(); i++)
        {
            skuIndex.writeKey(out, i);
            out.writeInt(siteRop[i]);
            out.writeInt(siteUpTo[i]);
            out.writeInt(siteSafety[i]);
            out.writeByte(siteFlags[i]);
        }
        lotIndex.writeSize(out);
        for (int i = 0; i < lotIndex.size(); i++)
        {
            lotIndex.writeKey(out, i);
            out.writeLong(lotExpiryMs[i]);
            out.writeLong(lotInDateMs[i]);
        }
        out.writeInt(lbCount);
        for (int i = 0; i < lbCount; i++)
        {
            out.writeLong(lbKey[i]);
            out.writeInt(lbOnHand[i]);
            out.writeInt(lbHeld[i]);
        }
        out.writeInt(szCount);
        for (int i = 0; i < szCount; i++)
        {
            out.writeLong(szKey[i]);
            out.writeInt(szOnHand[i]);
            out.writeInt(szHeld[i]);
            out.writeInt(szReserved[i]);
            out.writeInt(szExpected[i]);
            out.writeInt(szRop[i]);
            out.writeInt(szUpTo[i]);
            out.writeInt(szSafety[i]);
            out.writeByte(szFlags[i]);
        }
        out.writeInt(rCount);
        for (int i = 0; i < rCount; i++)
        {
            out.writeLong(rId[i]);
            out.writeInt(rTarget[i]);
            out.writeBoolean(rOpen[i]);
        }
        out.writeInt(lCount);
        for (int i = 0; i < lCount; i++)
        {
            out.writeInt(lReceipt[i]);
            out.writeInt(lSku[i]);
            out.writeInt(lExpected[i]);
            out.writeInt(lReceived[i]);
            out.writeLong(lLot[i]);
        }
        out.writeLong(droppedRows);
        movements.writeTo(out);
    }

    /**
     * Restore state written by {@link #writeTo(DataOutput, int)} into a fresh extension with the same capacities.
     *
     * @param in          to read from.
     * @param handleLimit the handle limit of the restored pipeline's tag table.
     * @throws IOException on failure or a capacity mismatch.
     */
    public void readFrom(final DataInput in, final int handleLimit) throws IOException
    {
        readHeader(in, SNAPSHOT_MAGIC, SNAPSHOT_VERSION, "an operations snapshot");
        final int limit = in.readInt();
        if (limit != handleLimit || limit > tState.length)
        {
            throw new IOException("snapshot handle limit " + limit + " does not match " + handleLimit);
        }
        for (int t = 0; t < limit; t++)
        {
            tState[t] = in.readByte();
            tEpcHigh[t] = in.readLong();
            tEpcLow[t] = in.readInt();
            tZone[t] = in.readInt();
            tLedgerSku[t] = in.readInt();
            tLotId[t] = in.readLong();
            tSku[t] = in.readInt();
            tLot[t] = in.readInt();
            tHeld[t] = in.readBoolean();
            tLine[t] = in.readInt();
            tPending[t] = in.readInt();
            tDirty[t] = in.readBoolean();
            tCarriedFrom[t] = in.readInt();
        }
        final int zones = in.readInt();
        for (int i = 0; i < zones; i++)
        {
            final int z = in.readInt();
            zRole[z] = in.readByte();
            zCapacity[z] = in.readInt();
            zOccupancy[z] = in.readInt();
            zOver[z] = in.readBoolean();
        }
        final int skuCount = skuIndex.readSize(in, "skus");
        for (int i = 0; i < skuCount; i++)
        {
            skuIndex.readKey(in, i);
            siteRop[i] = in.readInt();
            siteUpTo[i] = in.readInt();
            siteSafety[i] = in.readInt();
            siteFlags[i] = in.readByte();
            skuFirstRow[i] = -1;
        }
        final int lotCount = lotIndex.readSize(in, "lots");
        for (int i = 0; i < lotCount; i++)
        {
            lotIndex.readKey(in, i);
            lotExpiryMs[i] = in.readLong();
            lotInDateMs[i] = in.readLong();
        }
        lbCount = readCount(in, lbKey.length, "lot rows");
        lbIndex.clear();
        for (int i = 0; i < lbCount; i++)
        {
            lbKey[i] = in.readLong();
            lbOnHand[i] = in.readInt();
            lbHeld[i] = in.readInt();
            lbIndex.put(lbKey[i], i);
        }
        szCount = readCount(in, szKey.length, "sku rows");
        szIndex.clear();
        for (int i = 0; i < szCount; i++)
        {
            szKey[i] = in.readLong();
            szOnHand[i] = in.readInt();
            szHeld[i] = in.readInt();
            szReserved[i] = in.readInt();
            szExpected[i] = in.readInt();
            szRop[i] = in.readInt();
            szUpTo[i] = in.readInt();
            szSafety[i] = in.readInt();
            szFlags[i] = in.readByte();
            szIndex.put(szKey[i], i);
            final int sku = (int)(szKey[i] >>> 16);
            szNextOfSku[i] = skuFirstRow[sku]; // rows linked newest first, as when they were made
            skuFirstRow[sku] = i;
        }
        rCount = readCount(in, rId.length, "receipts");
        rIndex.clear();
        for (int i = 0; i < rCount; i++)
        {
            rId[i] = in.readLong();
            rTarget[i] = in.readInt();
            rOpen[i] = in.readBoolean();
            rIndex.put(rId[i], i);
        }
        lCount = readCount(in, lReceipt.length, "receipt lines");
        lIndex.clear();
        for (int i = 0; i < lCount; i++)
        {
            lReceipt[i] = in.readInt();
            lSku[i] = in.readInt();
            lExpected[i] = in.readInt();
            lReceived[i] = in.readInt();
            lLot[i] = in.readLong();
            lIndex.put(lineKey(lReceipt[i], lSku[i]), i);
        }
        droppedRows = in.readLong();
        movements.readFrom(in);
    }

    @Override
    public String toString()
    {
        return "OperationsExtension{skus=" + skuIndex.size() + ", skuZoneRows=" + szCount + ", receipts=" + rCount +
            ", movements=" + movements.movementCount() + ", dropped=" + droppedRows + "}";
    }
}
