package dev.inventory.core.ops;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.LongIntHashMap;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.ledger.TagTable;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.zone.ZoneDirectory;

import static dev.inventory.core.ops.OpsChecks.readCount;
import static dev.inventory.core.ops.OpsChecks.readHeader;
import static dev.inventory.core.ops.OpsChecks.require;

/**
 * Work in progress on an {@link OperationsExtension}: work orders routed through stations, operation start and
 * complete with queue and process times, station queues with bottleneck detection, material consumption against
 * bills of material, unit and work order completion. Install after the base:
 * {@code RecordExtension.compose(ops, new WipRules(ops, ctx))}; host commands are {@link WipCommands}.
 * <p>
 * <b>Master data.</b> A work order ({@link WipCommands#WO_OPEN}) has a planned quantity, a routing of operations
 * each at a station zone (role {@link ZoneRole#WIP_STATION}; the same station may recur), units assigned by EPC
 * ({@link WipCommands#WO_ITEM}: the WIP carriers or items being made) and bill-of-material lines (SKU, quantity,
 * optionally the operation consuming it). Status: open (released) -&gt; started (first operation started) -&gt;
 * complete (all units finished, at least the planned quantity) -&gt; closed; or closed / cancelled early by the host.
 * <p>
 * <b>Routing.</b> A unit has a next operation. Counted into the station of its next operation it starts it
 * (OPERATION_START, queue time = enter - exit of its previous operation, 0 for a unit that left none); leaving the
 * station (counted into any other zone) completes it (OPERATION_COMPLETE, process time = exit - enter), or
 * {@link WipCommands#WO_OPERATION_DONE} does while it is still there. Completing the last operation finishes the
 * unit (ITEM_COMPLETE); when every assigned unit is finished and at least the planned quantity, the work order
 * completes (WORK_ORDER_COMPLETE, lead time = first operation start to completion). Zones without the station role
 * between operations are plain moves (the unit keeps queueing for its next operation). A unit counted into another
 * station raises OFF_ROUTE and its routing does not advance: it still waits for (and queues at) its next operation,
 * which starts when it reaches that station; the host can accept the deviation with
 * {@link WipCommands#WO_ITEM_REROUTE} (a skipped or repeated operation, rework). A unit that leaves stock (issued,
 * shipped, retired) before finishing is scrapped: it leaves the work order, which then completes with the rest.
 * A finished unit is no longer routed: it can be consumed as material (a sub-assembly) by another work order.
 * <p>
 * <b>Station queue</b> = the units whose next operation is at the station and that have left an operation but not
 * yet entered it. Units inside a station are its WIP (in process): with reads alone waiting inside a station cannot
 * be told from processing, so they are not queue. The queue is measured as count x waiting time in item-ms, kept in
 * O(1) per move (count and sum of queue-entry times relative to a per-station base). Past the station's threshold
 * ({@link WipCommands#STATION_QUEUE_LIMIT}) it raises BOTTLENECK once; BOTTLENECK_CLEARED when it falls to the clear
 * level (hysteresis, no flapping). Checked on every queue change and, as the measure grows with time alone, in
 * {@link #onTime}: each station keeps the exact time its queue will cross the threshold and stations are scanned
 * only when the earliest such deadline has passed (no per-tick scan).
 * <p>
 * <b>Consumption.</b> Material (an item with a SKU that is not an unfinished unit) counted into a station is
 * consumed ({@code ops.issue(tag, MovementLedger.CONSUME)}, then CONSUMED) against a bill-of-material line of its SKU
 * of an open or started work order that is either (1) in progress there: one of the order's units is in an operation
 * at this station, being the line's operation if it names one, or (2) staged at the point of use: the line names an
 * operation at this station not in progress. When several lines qualify the choice is deterministic: a line with
 * quantity left before a full one, then (1) before (2), then the work order opened first. Beyond the line's quantity
 * it is still consumed and OVER_CONSUMPTION is raised too. Material on quality hold ({@code ops.isHeld}) is not
 * consumed: CONSUMPTION_BLOCKED names the line it would have gone to. Material whose SKU is on no qualifying line is
 * a plain move. Consumption is triggered by the material's entry, not by an operation starting next to material
 * already there.
 * <p>
 * <b>Events</b> (field use; all carry the work order id in {@code source}, except the zone-level bottleneck events
 * with 0): unit and material events carry the item's EPC, its ledger SKU handle and the station in {@code toZone}.
 * <ul>
 *     <li>OPERATION_START: detail = operation number, fromZone = zone it came from (-1 if started by a command),
 *     dwellMs = queue time, rssi = operations in the routing.</li>
 *     <li>OPERATION_COMPLETE: detail = operation number, fromZone -1, dwellMs = process time, rssi = operations in
 *     the routing.</li>
 *     <li>ITEM_COMPLETE (152): toZone = last operation's station, detail = operations in the routing, dwellMs = the
 *     unit's cycle time (first operation start to finish), rssi = units finished in the work order.</li>
 *     <li>WORK_ORDER_COMPLETE: EPC 0, toZone = last operation's station, dwellMs = lead time (first operation start
 *     to completion), rssi = units finished.</li>
 *     <li>WORK_ORDER_CLOSED (151): EPC 0, toZone -1, detail 0 closed / 1 cancelled, dwellMs = units finished, rssi =
 *     unfinished units released.</li>
 *     <li>OFF_ROUTE: detail = the unit's next operation number, fromZone = zone it came from, dwellMs = zone id of the
 *     next operation's station, rssi = the first operation number at the station entered (0 = not on the
 *     routing).</li>
 *     <li>CONSUMED: detail = operation number consumed at, fromZone = zone it came from, dwellMs = consumed on the
 *     line so far, rssi = the line's quantity. OVER_CONSUMPTION: the same with dwellMs = the excess.
 *     CONSUMPTION_BLOCKED (153): the same as CONSUMED with the line's counts unchanged.</li>
 *     <li>BOTTLENECK / BOTTLENECK_CLEARED: zone-level (EPC 0, source 0, SKU -1), toZone = the station, dwellMs =
 *     queue item-ms, rssi = units in queue.</li>
 * </ul>
 * Order on one move: the completion of the operation left (and ITEM_COMPLETE, WORK_ORDER_COMPLETE), then the start or
 * OFF_ROUTE at the station entered, then bottleneck changes; consumption: the base's ISSUED (reason CONSUME), then
 * CONSUMED (and OVER_CONSUMPTION).
 * <p>
 * <b>Queries</b> (engine thread): per station {@link #wip}, {@link #queueCount}, {@link #queueItemMs},
 * {@link #isBottleneck}, {@link #averageQueueMs}, {@link #averageProcessMs}; per work order {@link #status},
 * {@link #units}, {@link #unitsComplete}, {@link #operationsDone(long, int)}, {@link #leadTimeMs},
 * {@link #consumed}, {@link #bomQuantity}; per item (tag handle) {@link #workOrderOf}, {@link #itemState},
 * {@link #operationOf}.
 * <p>
 * A host command file (see {@link WipCommands}) for a work order of 2 units through st-1 (zone 5) and st-2 (zone 6),
 * 4 bolts consumed at operation 2 and a queue limit of 10 minutes x 3 units at st-2:
 * <pre>
 * 1700000000000,OPS_ZONE,0000,5,3,0
 * 1700000000000,OPS_ZONE,0000,6,3,0
 * 1700000000000,OPS_STATION_QUEUE_LIMIT,0000,6,1800000,0
 * 1700000000000,OPS_WO_OPEN,0000,500,2
 * 1700000000000,OPS_WO_OPERATION,0000,500,1,5
 * 1700000000000,OPS_WO_OPERATION,0000,500,2,6
 * 1700000000000,OPS_WO_BOM_LINE,0000,500,614141000017,4
 * 1700000000000,OPS_WO_BOM_OPERATION,0000,500,614141000017,2
 * 1700000000000,ASSIGN_TAG,3034257BF7194E4000001A85,614141000024
 * 1700000000000,OPS_WO_ITEM,3034257BF7194E4000001A85,500
 * </pre>
 * <p>
 * Capacities are preallocated ({@link Context}). A finished (complete, closed or cancelled) work order stays
 * queryable until its slot or its lines are needed: then the one finished first is evicted
 * ({@link #evictedWorkOrders()}); a command that still finds no room is rejected and counted in
 * {@link #droppedRows()}. Deterministic (record time only), garbage-free per read, per move and per command. State is
 * written by {@link #writeSnapshot} after the base's.
 * Instances are NOT threadsafe: engine thread only; the query methods too.
 */
public final class WipRules implements RecordExtension, OpsListener
{
    /** Item state: not a unit of a live work order. */
    public static final int ITEM_NONE = 0;
    /** Item state: waiting for (queueing at) its next operation. */
    public static final int ITEM_WAITING = 1;
    /** Item state: in an operation at its station. */
    public static final int ITEM_IN_OPERATION = 2;
    /** Item state: routing finished. */
    public static final int ITEM_DONE = 3;

    /** Work order status: unknown (never opened, or evicted). */
    public static final int STATUS_UNKNOWN = 0;
    /** Work order status: open (released), no operation started. */
    public static final int STATUS_OPEN = 1;
    /** Work order status: an operation started. */
    public static final int STATUS_STARTED = 2;
    /** Work order status: all units finished. */
    public static final int STATUS_COMPLETE = 3;
    /** Work order status: closed by the host (complete or short). */
    public static final int STATUS_CLOSED = 4;
    /** Work order status: cancelled by the host. */
    public static final int STATUS_CANCELLED = 5;

    private static final int NONE = -1;
    private static final int NO_ZONE = Ledger.NO_ZONE;
    private static final int SNAPSHOT_MAGIC = 0x57495052; // "WIPR"
    private static final int SNAPSHOT_VERSION = 1;
    private static final long MAX_THRESHOLD_ITEM_MS = 1L << 50;
    private static final int MAX_QUANTITY = Integer.MAX_VALUE / 2;

    /**
     * Capacities of {@link WipRules}, fluent; {@link #conclude()} validates. NOT threadsafe.
     */
    public static final class Context
    {
        private int tagCapacity = 1 << 16;
        private int maxWorkOrders = 1024;
        private int maxOperations = 32;
        private int maxBomLines = 8192;
        private int maxStations = 256;

        /** @param tags at least the engine's tag capacity (higher handles are counted dropped). @return this. */
        public Context tagCapacity(final int tags)
        {
            this.tagCapacity = tags;
            return this;
        }

        /** @param workOrders work orders kept (live and finished). @return this. */
        public Context maxWorkOrders(final int workOrders)
        {
            this.maxWorkOrders = workOrders;
            return this;
        }

        /** @param operations most operations in one routing (1..1024). @return this. */
        public Context maxOperations(final int operations)
        {
            this.maxOperations = operations;
            return this;
        }

        /** @param lines bill-of-material lines kept over all work orders. @return this. */
        public Context maxBomLines(final int lines)
        {
            this.maxBomLines = lines;
            return this;
        }

        /** @param stations most distinct station zones in routings and queue limits. @return this. */
        public Context maxStations(final int stations)
        {
            this.maxStations = stations;
            return this;
        }

        /**
         * @return this, validated.
         * @throws IllegalStateException naming the bad field.
         */
        public Context conclude()
        {
            require("tagCapacity", tagCapacity >= 1, tagCapacity);
            require("maxWorkOrders", maxWorkOrders >= 1, maxWorkOrders);
            require("maxOperations", maxOperations >= 1 && maxOperations <= 1024, maxOperations);
            require("maxBomLines", maxBomLines >= 1, maxBomLines);
            require("maxStations", maxStations >= 1 && maxStations <= ZoneDirectory.MAX_ZONES, maxStations);
            require("maxWorkOrders x maxOperations", (long)maxWorkOrders * maxOperations <= Integer.MAX_VALUE,
                maxWorkOrders);
            return this;
        }
    }

    private final OperationsExtension ops;
    private final int maxOps;

    // per tag (core handle): units of work orders
    private final int[] uWo;
    private final int[] uGen;
    private final byte[] uState;
    private final int[] uOp;
    private final long[] uEnterMs;
    private final long[] uExitMs;
    private final long[] uStartMs;
    private final int[] uQueue;
    private final long[] uQueueMs;
    private final long[] uEpcHigh;
    private final int[] uEpcLow;
    private final int[] uPrev;
    private final int[] uNext;

    // work order slots
    private final IntIntHashMap woIndex;
    private final int[] wId;
    private final int[] wGen;
    private final byte[] wStatus;
    private final int[] wQuantity;
    private final int[] wOps;
    private final long[] wSeq;
    private final int[] wUnits;
    private final int[] wDone;
    private final int[] wScrapped;
    private final long[] wOpenMs;
    private final long[] wStartMs;
    private final long[] wEndMs;
    private final long[] wCompleteMs;
    private final int[] wHead;
    private final int[] wLineHead;
    private final int[] wOpZone;
    private final int[] wOpActive;
    private final int[] wOpDone;
    private int woCount;
    private long woSeqNext;
    private final int[] freeSlots;
    private int freeSlotCount;
    private final int[] finished;
    private int finishedHead;
    private int finishedSize;

    // bill-of-material lines
    private final int[] lWo;
    private final long[] lSku;
    private final int[] lQty;
    private final int[] lConsumed;
    private final int[] lOp;
    private final int[] lNextInWo;
    private final int[] lNextForSku;
    private int lineCount;
    private int lineFree = NONE;
    private final LongIntHashMap skuHead;

    // stations
    private final int[] zoneStation = new int[ZoneDirectory.MAX_ZONES];
    private final int[] sZone;
    private int sCount;
    private final int[] sWip;
    private final int[] sQueue;
    private final long[] sQueueBase;
    private final long[] sQueueSum;
    private final long[] sThreshold;
    private final long[] sClear;
    private final boolean[] sRaised;
    private final long[] sDeadline;
    private final long[] sQueued;
    private final long[] sQueueMsTotal;
    private final long[] sProcessed;
    private final long[] sProcessMsTotal;
    private long nextDeadlineMs = Long.MAX_VALUE;

    private long nowMs;
    private long droppedRows;
    private long evictedWorkOrders;

    /**
     * @param ops     the operations extension this builds on; registers itself as its listener.
     * @param context capacities; concluded here.
     */
    public WipRules(final OperationsExtension ops, final Context context)
    {
        context.conclude();
        this.ops = ops;
        maxOps = context.maxOperations;
        final int n = context.tagCapacity;
        uWo = new int[n];
        Arrays.fill(uWo, NONE);
        uGen = new int[n];
        uState = new byte[n];
        uOp = new int[n];
        uEnterMs = new long[n];
        uExitMs = new long[n];
        uStartMs = new long[n];
        uQueue = new int[n];
        Arrays.fill(uQueue, NONE);
        uQueueMs = new long[n];
        uEpcHigh = new long[n];
        uEpcLow = new int[n];
        uPrev = new int[n];
        uNext = new int[n];
        final int w = context.maxWorkOrders;
        woIndex = new IntIntHashMap(w);
        wId = new int[w];
        wGen = new int[w];
        wStatus = new byte[w];
        wQuantity = new int[w];
        wOps = new int[w];
        wSeq = new long[w];
        wUnits = new int[w];
        wDone = new int[w];
        wScrapped = new int[w];
        wOpenMs = new long[w];
        wStartMs = new long[w];
        wEndMs = new long[w];
        wCompleteMs = new long[w];
        wHead = new int[w];
        wLineHead = new int[w];
        wOpZone = new int[w * maxOps];
        wOpActive = new int[w * maxOps];
        wOpDone = new int[w * maxOps];
        freeSlots = new int[w];
        finished = new int[w];
        final int l = context.maxBomLines;
        lWo = new int[l];
        lSku = new long[l];
        lQty = new int[l];
        lConsumed = new int[l];
        lOp = new int[l];
        lNextInWo = new int[l];
        lNextForSku = new int[l];
        skuHead = new LongIntHashMap(l);
        Arrays.fill(zoneStation, NONE);
        final int s = context.maxStations;
        sZone = new int[s];
        sWip = new int[s];
        sQueue = new int[s];
        sQueueBase = new long[s];
        sQueueSum = new long[s];
        sThreshold = new long[s];
        sClear = new long[s];
        sRaised = new boolean[s];
        sDeadline = new long[s];
        sQueued = new long[s];
        sQueueMsTotal = new long[s];
        sProcessed = new long[s];
        sProcessMsTotal = new long[s];
        ops.addListener(this);
    }

    // ---------------------------------------------------------------- records and time

    @Override
    public boolean onRecord(final ByteBuffer buffer, final int offset, final int type, final Pipeline pipeline)
    {
        if (type != RecordType.COMMAND)
        {
            return false;
        }
        final int code = buffer.getInt(offset + CommandFlyweight.COMMAND_OFFSET);
        if (code < WipCommands.FIRST || code > WipCommands.LAST)
        {
            return false;
        }
        final long now = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
        nowMs = Math.max(nowMs, now);
        final int epcLow = buffer.getInt(offset + CommandFlyweight.INT_ARG_OFFSET);
        final long epcHigh = buffer.getLong(offset + CommandFlyweight.ARG1_OFFSET);
        final long arg2 = buffer.getLong(offset + CommandFlyweight.ARG2_OFFSET);
        final long arg3 = buffer.getLong(offset + CommandFlyweight.ARG3_OFFSET);
        final long arg4 = buffer.getLong(offset + CommandFlyweight.ARG4_OFFSET);
        switch (code)
        {
            case WipCommands.WO_OPEN:
                return onOpen(arg2, arg3, now, pipeline);
            case WipCommands.WO_OPERATION:
                return onOperation(arg2, arg3, arg4);
            case WipCommands.WO_ITEM:
                return onItem(epcHigh, epcLow, arg2, now, pipeline);
            case WipCommands.WO_BOM_LINE:
                return onBomLine(arg2, arg3, arg4);
            case WipCommands.WO_BOM_OPERATION:
                return onBomOperation(arg2, arg3, arg4);
            case WipCommands.STATION_QUEUE_LIMIT:
                return onQueueLimit(arg2, arg3, arg4, now, pipeline);
            case WipCommands.WO_CLOSE:
                return onClose(arg2, false, now, pipeline);
            case WipCommands.WO_CANCEL:
                return onClose(arg2, true, now, pipeline);
            case WipCommands.WO_OPERATION_DONE:
                return onOperationDone(epcHigh, epcLow, now, pipeline);
            case WipCommands.WO_ITEM_REROUTE:
                return onReroute(epcHigh, epcLow, arg2, now, pipeline);
            default:
                return false;
        }
    }

    @Override
    public void onTime(final long nowMs, final Pipeline pipeline)
    {
        this.nowMs = Math.max(this.nowMs, nowMs);
        if (nowMs < nextDeadlineMs)
        {
            return;
        }
        nextDeadlineMs = Long.MAX_VALUE;
        final int stations = sCount;
        for (int s = 0; s < stations; s++)
        {
            if (sDeadline[s] <= nowMs)
            {
                evaluate(s, nowMs, pipeline);
            }
            else if (sDeadline[s] < nextDeadlineMs)
            {
                nextDeadlineMs = sDeadline[s];
            }
        }
    }

    // ---------------------------------------------------------------- moves

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
        if (tag >= uWo.length)
        {
            droppedRows++;
            return;
        }
        this.nowMs = Math.max(this.nowMs, nowMs);
        final int w = unit(tag, nowMs, pipeline);
        if (w >= 0 && uState[tag] != ITEM_DONE)
        {
            onUnitMoved(tag, w, fromZone, toZone, nowMs, pipeline);
        }
        else if (ops.role(toZone) == ZoneRole.WIP_STATION)
        {
            consume(tag, fromZone, toZone, nowMs, pipeline);
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
        if (tag >= uWo.length)
        {
            return;
        }
        this.nowMs = Math.max(this.nowMs, nowMs);
        final int w = unit(tag, nowMs, pipeline);
        if (w >= 0 && uState[tag] != ITEM_DONE)
        {
            detach(tag, w, true, nowMs, pipeline);
            checkComplete(w, nowMs, pipeline);
        }
    }

    private void onUnitMoved(
        final int tag, final int w, final int from, final int to, final long now, final Pipeline pipeline)
    {
        if (wOps[w] == 0)
        {
            return;
        }
        if (uState[tag] == ITEM_IN_OPERATION)
        {
            completeOperation(tag, w, now, pipeline); // any move leaves the station
            if (uState[tag] == ITEM_DONE)
            {
                return;
            }
        }
        if (ops.role(to) != ZoneRole.WIP_STATION)
        {
            return;
        }
        final int base = w * maxOps;
        final int op = uOp[tag];
        if (wOpZone[base + op] == to)
        {
            startOperation(tag, w, from, now, pipeline);
            return;
        }
        int atStation = 0;
        for (int k = 0, n = wOps[w]; k < n; k++)
        {
            if (wOpZone[base + k] == to)
            {
                atStation = k + 1;
                break;
            }
        }
        pipeline.emit(EventType.OPS_OFF_ROUTE, (short)(op + 1), wId[w], now, uEpcHigh[tag], uEpcLow[tag], from, to,
            0, wOpZone[base + op], atStation, ops.ledgerSkuOf(tag));
    }

    private void startOperation(final int tag, final int w, final int from, final long now, final Pipeline pipeline)
    {
        final int queued = dequeue(tag);
        final int slot = w * maxOps + uOp[tag];
        final int zone = wOpZone[slot];
        final int s = zoneStation[zone];
        final long exitMs = uExitMs[tag];
        final long queueMs = exitMs > 0 ? Math.max(0, now - exitMs) : 0;
        if (exitMs > 0)
        {
            sQueued[s]++;
            sQueueMsTotal[s] += queueMs;
        }
        uState[tag] = ITEM_IN_OPERATION;
        uEnterMs[tag] = now;
        if (uStartMs[tag] == 0)
        {
            uStartMs[tag] = now;
        }
        sWip[s]++;
        wOpActive[slot]++;
        if (wStatus[w] == STATUS_OPEN)
        {
            wStatus[w] = STATUS_STARTED;
            wStartMs[w] = now;
        }
        pipeline.emit(EventType.OPS_OPERATION_START, (short)(uOp[tag] + 1), wId[w], now, uEpcHigh[tag], uEpcLow[tag],
            from, zone, 0, queueMs, wOps[w], ops.ledgerSkuOf(tag));
        if (queued >= 0)
        {
            evaluate(queued, now, pipeline);
        }
    }

    private void completeOperation(final int tag, final int w, final long now, final Pipeline pipeline)
    {
        final int op = uOp[tag];
        final int slot = w * maxOps + op;
        final int zone = wOpZone[slot];
        final int s = zoneStation[zone];
        final long processMs = Math.max(0, now - uEnterMs[tag]);
        sWip[s]--;
        wOpActive[slot]--;
        wOpDone[slot]++;
        sProcessed[s]++;
        sProcessMsTotal[s] += processMs;
        uExitMs[tag] = now;
        final int routing = wOps[w];
        pipeline.emit(EventType.OPS_OPERATION_COMPLETE, (short)(op + 1), wId[w], now, uEpcHigh[tag], uEpcLow[tag],
            NO_ZONE, zone, 0, processMs, routing, ops.ledgerSkuOf(tag));
        if (op + 1 >= routing)
        {
            uState[tag] = ITEM_DONE;
            uOp[tag] = routing;
            wDone[w]++;
            pipeline.emit(EventType.OPS_ITEM_COMPLETE, (short)routing, wId[w], now, uEpcHigh[tag], uEpcLow[tag],
                NO_ZONE, zone, 0, now - uStartMs[tag], wDone[w], ops.ledgerSkuOf(tag));
            checkComplete(w, now, pipeline);
            return;
        }
        uOp[tag] = op + 1;
        uState[tag] = ITEM_WAITING;
        final int next = zoneStation[wOpZone[slot + 1]];
        enqueue(tag, next, now);
        evaluate(next, now, pipeline);
    }

    /** Start the next operation at once if the unit is counted in its station. */
    private void startIfThere(final int tag, final int w, final long now, final Pipeline pipeline)
    {
        if (uState[tag] == ITEM_WAITING && uOp[tag] < wOps[w] && ops.isCounted(tag) &&
            ops.zoneOf(tag) == wOpZone[w * maxOps + uOp[tag]])
        {
            startOperation(tag, w, NO_ZONE, now, pipeline);
        }
    }

    private void checkComplete(final int w, final long now, final Pipeline pipeline)
    {
        final int status = wStatus[w];
        if ((status != STATUS_OPEN && status != STATUS_STARTED) || wUnits[w] == 0 || wDone[w] != wUnits[w] ||
            wDone[w] < wQuantity[w])
        {
            return;
        }
        wStatus[w] = STATUS_COMPLETE;
        wEndMs[w] = now;
        wCompleteMs[w] = now;
        final int lastZone = wOps[w] > 0 ? wOpZone[w * maxOps + wOps[w] - 1] : NO_ZONE;
        pipeline.emit(EventType.OPS_WORK_ORDER_COMPLETE, (short)0, wId[w], now, 0, 0, NO_ZONE, lastZone, 0,
            wStartMs[w] > 0 ? now - wStartMs[w] : 0, wDone[w], Ledger.NO_SKU);
        finish(w);
    }

    // ---------------------------------------------------------------- consumption

    private void consume(final int tag, final int from, final int zone, final long now, final Pipeline pipeline)
    {
        final long skuKey = ops.skuKeyOf(tag);
        if (skuKey == 0)
        {
            return;
        }
        int best = NONE;
        int bestOp = 0;
        int bestRank = Integer.MAX_VALUE;
        long bestSeq = Long.MAX_VALUE;
        for (int line = skuHead.getOrDefault(skuKey, NONE); line >= 0; line = lNextForSku[line])
        {
            final int w = lWo[line];
            final int base = w * maxOps;
            final int named = lOp[line];
            int op = NONE;
            int tier = 0;
            if (named >= 0)
            {
                if (named >= wOps[w] || wOpZone[base + named] != zone)
                {
                    continue;
                }
                op = named;
                tier = wOpActive[base + named] > 0 ? 0 : 1;
            }
            else
            {
                for (int k = 0, n = wOps[w]; k < n; k++)
                {
                    if (wOpZone[base + k] == zone && wOpActive[base + k] > 0)
                    {
                        op = k;
                        break;
                    }
                }
                if (op < 0)
                {
                    continue;
                }
            }
            final int rank = (lConsumed[line] >= lQty[line] ? 2 : 0) + tier;
            if (rank < bestRank || (rank == bestRank && wSeq[w] < bestSeq))
            {
                best = line;
                bestOp = op;
                bestRank = rank;
                bestSeq = wSeq[w];
            }
        }
        if (best < 0)
        {
            return;
        }
        final long epcHigh = ops.epcHighOf(tag);
        final int epcLow = ops.epcLowOf(tag);
        final int sku = ops.ledgerSkuOf(tag);
        if (ops.isHeld(tag))
        {
            pipeline.emit(EventType.OPS_CONSUMPTION_BLOCKED, (short)(bestOp + 1), wId[lWo[best]], now, epcHigh, epcLow,
                from, zone, 0, lConsumed[best], lQty[best], sku);
            return;
        }
        if (!ops.issue(tag, MovementLedger.CONSUME, now, pipeline))
        {
            return;
        }
        final int consumed = ++lConsumed[best];
        final int quantity = lQty[best];
        final int source = wId[lWo[best]];
        pipeline.emit(EventType.OPS_CONSUMED, (short)(bestOp + 1), source, now, epcHigh, epcLow, from, zone, 0,
            consumed, quantity, sku);
        if (consumed > quantity)
        {
            pipeline.emit(EventType.OPS_OVER_CONSUMPTION, (short)(bestOp + 1), source, now, epcHigh, epcLow, from,
                zone, 0, consumed - quantity, quantity, sku);
        }
    }

    // ---------------------------------------------------------------- station queues

    private void enqueue(final int tag, final int s, final long sinceMs)
    {
        if (sQueue[s] == 0)
        {
            sQueueBase[s] = sinceMs;
            sQueueSum[s] = 0;
        }
        sQueue[s]++;
        sQueueSum[s] += sinceMs - sQueueBase[s];
        uQueue[tag] = s;
        uQueueMs[tag] = sinceMs;
    }

    /** @return the station whose queue the unit left, or NONE. */
    private int dequeue(final int tag)
    {
        final int s = uQueue[tag];
        if (s < 0)
        {
            return NONE;
        }
        uQueue[tag] = NONE;
        if (--sQueue[s] == 0)
        {
            sQueueSum[s] = 0;
        }
        else
        {
            sQueueSum[s] -= uQueueMs[tag] - sQueueBase[s];
        }
        return s;
    }

    private long queueItemMs(final int s, final long now)
    {
        final int count = sQueue[s];
        return count == 0 ? 0 : count * (now - sQueueBase[s]) - sQueueSum[s];
    }

    private void evaluate(final int s, final long recordMs, final Pipeline pipeline)
    {
        final long now = Math.max(recordMs, nowMs); // a late record does not move the measure back
        final long threshold = sThreshold[s];
        sDeadline[s] = Long.MAX_VALUE;
        if (threshold <= 0)
        {
            return;
        }
        final int count = sQueue[s];
        final long itemMs = queueItemMs(s, now);
        if (!sRaised[s] && itemMs > threshold)
        {
            sRaised[s] = true;
            pipeline.emit(EventType.OPS_BOTTLENECK, (short)0, 0, now, 0, 0, NO_ZONE, sZone[s], 0, itemMs, count,
                Ledger.NO_SKU);
        }
        else if (sRaised[s] && itemMs <= sClear[s])
        {
            sRaised[s] = false;
            pipeline.emit(EventType.OPS_BOTTLENECK_CLEARED, (short)0, 0, now, 0, 0, NO_ZONE, sZone[s], 0, itemMs,
                count, Ledger.NO_SKU);
        }
        if (!sRaised[s] && count > 0)
        {
            // count x (t - base) - sum > threshold from this time on
            final long deadline = sQueueBase[s] + (threshold + sQueueSum[s]) / count + 1;
            sDeadline[s] = deadline;
            if (deadline < nextDeadlineMs)
            {
                nextDeadlineMs = deadline;
            }
        }
    }

    private int stationOf(final int zone, final boolean add)
    {
        final int s = zoneStation[zone];
        if (s >= 0 || !add)
        {
            return s;
        }
        if (sCount == sZone.length)
        {
            droppedRows++;
            return NONE;
        }
        final int created = sCount++;
        sZone[created] = zone;
        sDeadline[created] = Long.MAX_VALUE;
        zoneStation[zone] = created;
        return created;
    }

    // ---------------------------------------------------------------- units

    /** @return the unit's live work order slot, or NONE; forgets an assignment whose order or EPC is gone. */
    private int unit(final int tag, final long now, final Pipeline pipeline)
    {
        final int w = uWo[tag];
        if (w < 0)
        {
            return NONE;
        }
        if (wGen[w] != uGen[tag])
        {
            uWo[tag] = NONE; // its work order was evicted, after it finished
            uState[tag] = ITEM_NONE;
            return NONE;
        }
        final TagTable tags = pipeline.tags();
        if (uEpcHigh[tag] != tags.epcHigh(tag) || uEpcLow[tag] != tags.epcLow(tag))
        {
            // handle reused for another EPC after RETIRE_TAG: the unit is gone
            if (uState[tag] != ITEM_DONE)
            {
                detach(tag, w, true, now, pipeline);
                checkComplete(w, now, pipeline);
            }
            else
            {
                unlink(tag, w);
                uWo[tag] = NONE;
                uState[tag] = ITEM_NONE;
            }
            return NONE;
        }
        return w;
    }

    private int liveUnit(final int tag)
    {
        if (tag < 0 || tag >= uWo.length)
        {
            return NONE;
        }
        final int w = uWo[tag];
        return w >= 0 && wGen[w] == uGen[tag] ? w : NONE;
    }

    private void attach(final int tag, final int w, final long epcHigh, final int epcLow)
    {
        uWo[tag] = w;
        uGen[tag] = wGen[w];
        uState[tag] = ITEM_WAITING;
        uOp[tag] = 0;
        uEnterMs[tag] = 0;
        uExitMs[tag] = 0;
        uStartMs[tag] = 0;
        uQueue[tag] = NONE;
        uQueueMs[tag] = 0;
        uEpcHigh[tag] = epcHigh;
        uEpcLow[tag] = epcLow;
        uPrev[tag] = NONE;
        uNext[tag] = wHead[w];
        if (wHead[w] >= 0)
        {
            uPrev[wHead[w]] = tag;
        }
        wHead[w] = tag;
        wUnits[w]++;
    }

    private void unlink(final int tag, final int w)
    {
        final int prev = uPrev[tag];
        final int next = uNext[tag];
        if (prev >= 0)
        {
            uNext[prev] = next;
        }
        else
        {
            wHead[w] = next;
        }
        if (next >= 0)
        {
            uPrev[next] = prev;
        }
        uPrev[tag] = NONE;
        uNext[tag] = NONE;
    }

    /** Take an unfinished unit out of its work order (scrapped, or unassigned / released). */
    private void detach(final int tag, final int w, final boolean scrapped, final long now, final Pipeline pipeline)
    {
        final int queued = dequeue(tag);
        if (uState[tag] == ITEM_IN_OPERATION)
        {
            final int slot = w * maxOps + uOp[tag];
            sWip[zoneStation[wOpZone[slot]]]--;
            wOpActive[slot]--;
        }
        wUnits[w]--;
        if (scrapped)
        {
            wScrapped[w]++;
        }
        unlink(tag, w);
        uWo[tag] = NONE;
        uState[tag] = ITEM_NONE;
        if (queued >= 0)
        {
            evaluate(queued, now, pipeline);
        }
    }

    // ---------------------------------------------------------------- work orders

    private static boolean isActive(final int status)
    {
        return status == STATUS_OPEN || status == STATUS_STARTED;
    }

    private int slotOf(final long woId)
    {
        return woId <= 0 || woId > Integer.MAX_VALUE ? NONE : woIndex.getOrDefault((int)woId, NONE);
    }

    private int activeSlotOf(final long woId)
    {
        final int w = slotOf(woId);
        return w >= 0 && isActive(wStatus[w]) ? w : NONE;
    }

    /** A work order no longer consumes: its lines leave the SKU chains; it becomes evictable. */
    private void finish(final int w)
    {
        for (int line = wLineHead[w]; line >= 0; line = lNextInWo[line])
        {
            final long sku = lSku[line];
            final int index = skuHead.indexOf(sku);
            final int head = skuHead.indexGet(index);
            if (head == line)
            {
                if (lNextForSku[line] >= 0)
                {
                    skuHead.indexReplace(index, lNextForSku[line]);
                }
                else
                {
                    skuHead.indexRemove(index);
                }
            }
            else
            {
                int prev = head;
                while (lNextForSku[prev] != line)
                {
                    prev = lNextForSku[prev];
                }
                lNextForSku[prev] = lNextForSku[line];
            }
            lNextForSku[line] = NONE;
        }
        finished[(finishedHead + finishedSize) % finished.length] = w;
        finishedSize++;
    }

    /** Free the slot and lines of the work order that finished first. @return false if none finished. */
    private boolean evictOldest()
    {
        if (finishedSize == 0)
        {
            return false;
        }
        final int w = finished[finishedHead];
        finishedHead = (finishedHead + 1) % finished.length;
        finishedSize--;
        woIndex.remove(wId[w]);
        int line = wLineHead[w];
        while (line >= 0)
        {
            final int next = lNextInWo[line];
            lWo[line] = NONE;
            lNextInWo[line] = lineFree;
            lineFree = line;
            line = next;
        }
        wLineHead[w] = NONE;
        wHead[w] = NONE;
        wStatus[w] = STATUS_UNKNOWN;
        wGen[w]++;
        freeSlots[freeSlotCount++] = w;
        evictedWorkOrders++;
        return true;
    }

    private int allocateSlot()
    {
        if (freeSlotCount == 0 && woCount == wId.length && !evictOldest())
        {
            droppedRows++;
            return NONE;
        }
        return freeSlotCount > 0 ? freeSlots[--freeSlotCount] : woCount++;
    }

    private int allocateLine()
    {
        if (lineFree < 0 && lineCount == lWo.length && !evictOldest())
        {
            droppedRows++;
            return NONE;
        }
        if (lineFree >= 0)
        {
            final int line = lineFree;
            lineFree = lNextInWo[line];
            return line;
        }
        return lineCount++;
    }

    private boolean onOpen(final long woId, final long quantity, final long now, final Pipeline pipeline)
    {
        if (woId <= 0 || woId > Integer.MAX_VALUE || quantity < 0 || quantity > MAX_QUANTITY)
        {
            return false;
        }
        final int existing = slotOf(woId);
        if (existing >= 0)
        {
            if (!isActive(wStatus[existing]))
            {
                return false;
            }
            wQuantity[existing] = (int)quantity;
            checkComplete(existing, now, pipeline);
            return true;
        }
        final int w = allocateSlot();
        if (w < 0)
        {
            return false;
        }
        wId[w] = (int)woId;
        wStatus[w] = STATUS_OPEN;
        wQuantity[w] = (int)quantity;
        wOps[w] = 0;
        wSeq[w] = woSeqNext++;
        wUnits[w] = 0;
        wDone[w] = 0;
        wScrapped[w] = 0;
        wOpenMs[w] = now;
        wStartMs[w] = 0;
        wEndMs[w] = 0;
        wCompleteMs[w] = 0;
        wHead[w] = NONE;
        wLineHead[w] = NONE;
        final int base = w * maxOps;
        Arrays.fill(wOpZone, base, base + maxOps, NO_ZONE);
        Arrays.fill(wOpActive, base, base + maxOps, 0);
        Arrays.fill(wOpDone, base, base + maxOps, 0);
        woIndex.put((int)woId, w);
        return true;
    }

    private boolean onOperation(final long woId, final long number, final long zone)
    {
        final int w = slotOf(woId);
        if (w < 0 || wStatus[w] != STATUS_OPEN || number < 1 || number > Math.min(wOps[w] + 1, maxOps) ||
            zone < 0 || zone >= ZoneDirectory.MAX_ZONES || ops.role((int)zone) != ZoneRole.WIP_STATION ||
            stationOf((int)zone, true) < 0)
        {
            return false;
        }
        final int op = (int)number - 1;
        wOpZone[w * maxOps + op] = (int)zone;
        if (op == wOps[w])
        {
            wOps[w]++;
        }
        return true;
    }

    private boolean onItem(final long epcHigh, final int epcLow, final long woId, final long now,
        final Pipeline pipeline)
    {
        final int tag = pipeline.tags().get(epcHigh, epcLow);
        if (tag == TagTable.MISSING || tag >= uWo.length)
        {
            droppedRows += tag == TagTable.MISSING ? 0 : 1;
            return false;
        }
        final int current = unit(tag, now, pipeline);
        if (woId == 0)
        {
            if (current < 0 || uState[tag] == ITEM_DONE)
            {
                return false;
            }
            detach(tag, current, false, now, pipeline);
            checkComplete(current, now, pipeline);
            return true;
        }
        final int w = activeSlotOf(woId);
        if (w < 0)
        {
            return false;
        }
        if (current == w)
        {
            return true;
        }
        if (current >= 0)
        {
            if (uState[tag] == ITEM_DONE)
            {
                unlink(tag, current); // a finished unit stays counted in its order
            }
            else
            {
                detach(tag, current, false, now, pipeline);
                checkComplete(current, now, pipeline);
            }
        }
        attach(tag, w, epcHigh, epcLow);
        startIfThere(tag, w, now, pipeline);
        return true;
    }

    private boolean onBomLine(final long woId, final long skuKey, final long quantity)
    {
        final int w = activeSlotOf(woId);
        if (w < 0 || skuKey == 0 || quantity <= 0 || quantity > MAX_QUANTITY)
        {
            return false;
        }
        int line = lineOf(w, skuKey);
        if (line < 0)
        {
            line = allocateLine();
            if (line < 0)
            {
                return false;
            }
            lWo[line] = w;
            lSku[line] = skuKey;
            lQty[line] = 0;
            lConsumed[line] = 0;
            lOp[line] = NONE;
            lNextInWo[line] = wLineHead[w];
            wLineHead[w] = line;
            final int index = skuHead.indexOf(skuKey);
            if (skuHead.indexExists(index))
            {
                lNextForSku[line] = skuHead.indexGet(index);
                skuHead.indexReplace(index, line);
            }
            else
            {
                lNextForSku[line] = NONE;
                skuHead.indexInsert(index, skuKey, line);
            }
        }
        lQty[line] = (int)Math.min(MAX_QUANTITY, lQty[line] + quantity);
        return true;
    }

    private int lineOf(final int w, final long skuKey)
    {
        for (int line = wLineHead[w]; line >= 0; line = lNextInWo[line])
        {
            if (lSku[line] == skuKey)
            {
                return line;
            }
        }
        return NONE;
    }

    private boolean onBomOperation(final long woId, final long skuKey, final long number)
    {
        final int w = activeSlotOf(woId);
        final int line = w < 0 ? NONE : lineOf(w, skuKey);
        if (line < 0 || number < 0 || number > maxOps)
        {
            return false;
        }
        lOp[line] = (int)number - 1;
        return true;
    }

    private boolean onQueueLimit(
        final long zone, final long threshold, final long clear, final long now, final Pipeline pipeline)
    {
        if (zone < 0 || zone >= ZoneDirectory.MAX_ZONES || ops.role((int)zone) != ZoneRole.WIP_STATION ||
            threshold < 0 || threshold > MAX_THRESHOLD_ITEM_MS || clear < 0 || (threshold > 0 && clear >= threshold))
        {
            return false;
        }
        final int s = stationOf((int)zone, true);
        if (s < 0)
        {
            return false;
        }
        sThreshold[s] = threshold;
        sClear[s] = clear > 0 ? clear : threshold * 4 / 5;
        if (threshold == 0 && sRaised[s])
        {
            sRaised[s] = false;
            pipeline.emit(EventType.OPS_BOTTLENECK_CLEARED, (short)0, 0, now, 0, 0, NO_ZONE, sZone[s], 0,
                queueItemMs(s, now), sQueue[s], Ledger.NO_SKU);
        }
        evaluate(s, now, pipeline);
        return true;
    }

    private boolean onClose(final long woId, final boolean cancel, final long now, final Pipeline pipeline)
    {
        final int w = slotOf(woId);
        if (w < 0)
        {
            return false;
        }
        final int status = wStatus[w];
        if (status == STATUS_CLOSED || status == STATUS_CANCELLED || (cancel && status == STATUS_COMPLETE))
        {
            return false;
        }
        int released = 0;
        int tag = wHead[w];
        while (tag >= 0)
        {
            final int next = uNext[tag];
            if (uState[tag] != ITEM_DONE)
            {
                detach(tag, w, false, now, pipeline);
                released++;
            }
            tag = next;
        }
        wStatus[w] = (byte)(cancel ? STATUS_CANCELLED : STATUS_CLOSED);
        if (status != STATUS_COMPLETE)
        {
            wEndMs[w] = now;
            finish(w);
        }
        pipeline.emit(EventType.OPS_WORK_ORDER_CLOSED, (short)(cancel ? 1 : 0), wId[w], now, 0, 0, NO_ZONE, NO_ZONE,
            0, wDone[w], released, Ledger.NO_SKU);
        return true;
    }

    private int commandUnit(final long epcHigh, final int epcLow, final long now, final Pipeline pipeline)
    {
        final int tag = pipeline.tags().get(epcHigh, epcLow);
        if (tag == TagTable.MISSING || tag >= uWo.length)
        {
            return NONE;
        }
        final int w = unit(tag, now, pipeline);
        return w >= 0 && isActive(wStatus[w]) ? tag : NONE;
    }

    private boolean onOperationDone(final long epcHigh, final int epcLow, final long now, final Pipeline pipeline)
    {
        final int tag = commandUnit(epcHigh, epcLow, now, pipeline);
        if (tag < 0 || uState[tag] != ITEM_IN_OPERATION)
        {
            return false;
        }
        final int w = uWo[tag];
        completeOperation(tag, w, now, pipeline);
        if (uState[tag] == ITEM_WAITING)
        {
            startIfThere(tag, w, now, pipeline);
        }
        return true;
    }

    private boolean onReroute(final long epcHigh, final int epcLow, final long number, final long now,
        final Pipeline pipeline)
    {
        final int tag = commandUnit(epcHigh, epcLow, now, pipeline);
        final int w = tag < 0 ? NONE : uWo[tag];
        if (w < 0 || number < 1 || number > wOps[w])
        {
            return false;
        }
        final int left = dequeue(tag);
        if (uState[tag] == ITEM_IN_OPERATION)
        {
            final int slot = w * maxOps + uOp[tag];
            sWip[zoneStation[wOpZone[slot]]]--;
            wOpActive[slot]--;
            uExitMs[tag] = now; // abandoned: it waits from now on
        }
        else if (uState[tag] == ITEM_DONE)
        {
            wDone[w]--; // rework of a finished unit of a live order
        }
        uState[tag] = ITEM_WAITING;
        uOp[tag] = (int)number - 1;
        final int s = zoneStation[wOpZone[w * maxOps + uOp[tag]]];
        if (uExitMs[tag] > 0)
        {
            enqueue(tag, s, uExitMs[tag]);
        }
        if (left >= 0 && left != s)
        {
            evaluate(left, now, pipeline);
        }
        evaluate(s, now, pipeline);
        startIfThere(tag, w, now, pipeline);
        return true;
    }

    // ---------------------------------------------------------------- queries (engine thread)

    /** @return rows not kept or commands rejected because a preallocated table was full. */
    public long droppedRows()
    {
        return droppedRows;
    }

    /** @return finished work orders evicted to make room for new ones. */
    public long evictedWorkOrders()
    {
        return evictedWorkOrders;
    }

    /** @param zone zone id. @return units in an operation at the station (its WIP). */
    public int wip(final int zone)
    {
        final int s = station(zone);
        return s < 0 ? 0 : sWip[s];
    }

    /** @param zone zone id. @return units queueing for an operation at the station. */
    public int queueCount(final int zone)
    {
        final int s = station(zone);
        return s < 0 ? 0 : sQueue[s];
    }

    /** @param zone zone id. @return the station's queue as count x waiting time in item-ms, at engine time. */
    public long queueItemMs(final int zone)
    {
        final int s = station(zone);
        return s < 0 ? 0 : queueItemMs(s, nowMs);
    }

    /** @param zone zone id. @return true while a bottleneck is raised at the station. */
    public boolean isBottleneck(final int zone)
    {
        final int s = station(zone);
        return s >= 0 && sRaised[s];
    }

    /** @param zone zone id. @return average queue time in ms of the operations started there after queueing, 0. */
    public long averageQueueMs(final int zone)
    {
        final int s = station(zone);
        return s < 0 || sQueued[s] == 0 ? 0 : sQueueMsTotal[s] / sQueued[s];
    }

    /** @param zone zone id. @return average process time in ms of the operations completed there, 0 if none. */
    public long averageProcessMs(final int zone)
    {
        final int s = station(zone);
        return s < 0 || sProcessed[s] == 0 ? 0 : sProcessMsTotal[s] / sProcessed[s];
    }

    /** @param zone zone id. @return operations completed at the station. */
    public long operationsCompleted(final int zone)
    {
        final int s = station(zone);
        return s < 0 ? 0 : sProcessed[s];
    }

    private int station(final int zone)
    {
        return zone < 0 || zone >= ZoneDirectory.MAX_ZONES ? NONE : zoneStation[zone];
    }

    /** @param woId work order id. @return its status ({@code STATUS_*}), {@link #STATUS_UNKNOWN} if not kept. */
    public int status(final long woId)
    {
        final int w = slotOf(woId);
        return w < 0 ? STATUS_UNKNOWN : wStatus[w];
    }

    /** @param woId work order id. @return operations in its routing, -1 if unknown. */
    public int operations(final long woId)
    {
        final int w = slotOf(woId);
        return w < 0 ? -1 : wOps[w];
    }

    /** @param woId work order id. @return units assigned (finished or not; scrapped and unassigned ones left). */
    public int units(final long woId)
    {
        final int w = slotOf(woId);
        return w < 0 ? 0 : wUnits[w];
    }

    /** @param woId work order id. @return units that finished the routing. */
    public int unitsComplete(final long woId)
    {
        final int w = slotOf(woId);
        return w < 0 ? 0 : wDone[w];
    }

    /** @param woId work order id. @return units scrapped (left stock before finishing). */
    public int unitsScrapped(final long woId)
    {
        final int w = slotOf(woId);
        return w < 0 ? 0 : wScrapped[w];
    }

    /**
     * @param woId   work order id.
     * @param number operation number (1-based).
     * @return units that completed the operation, -1 if no such work order or operation.
     */
    public int operationsDone(final long woId, final int number)
    {
        final int w = slotOf(woId);
        return w < 0 || number < 1 || number > wOps[w] ? -1 : wOpDone[w * maxOps + number - 1];
    }

    /** @param woId work order id. @return unit x operation completions over the whole routing, -1 if unknown. */
    public int operationsDone(final long woId)
    {
        final int w = slotOf(woId);
        if (w < 0)
        {
            return -1;
        }
        int done = 0;
        for (int k = 0, base = w * maxOps; k < wOps[w]; k++)
        {
            done += wOpDone[base + k];
        }
        return done;
    }

    /** @param woId work order id. @return time its first operation started, 0 if not started or unknown. */
    public long startedMs(final long woId)
    {
        final int w = slotOf(woId);
        return w < 0 ? 0 : wStartMs[w];
    }

    /** @param woId work order id. @return time it completed, closed or was cancelled, 0 if not or unknown. */
    public long endedMs(final long woId)
    {
        final int w = slotOf(woId);
        return w < 0 ? 0 : wEndMs[w];
    }

    /** @param woId work order id. @return lead time in ms, first operation start to completion; -1 if not complete. */
    public long leadTimeMs(final long woId)
    {
        final int w = slotOf(woId);
        return w < 0 || wCompleteMs[w] == 0 ? -1 : wCompleteMs[w] - wStartMs[w];
    }

    /** @param woId work order id. @param skuKey SKU key. @return quantity of the BOM line, -1 if no such line. */
    public int bomQuantity(final long woId, final long skuKey)
    {
        final int w = slotOf(woId);
        final int line = w < 0 ? NONE : lineOf(w, skuKey);
        return line < 0 ? -1 : lQty[line];
    }

    /** @param woId work order id. @param skuKey SKU key. @return consumed on the BOM line, -1 if no such line. */
    public int consumed(final long woId, final long skuKey)
    {
        final int w = slotOf(woId);
        final int line = w < 0 ? NONE : lineOf(w, skuKey);
        return line < 0 ? -1 : lConsumed[line];
    }

    /** @param tag tag handle. @return id of the live work order the item is a unit of, 0 if none. */
    public long workOrderOf(final int tag)
    {
        final int w = liveUnit(tag);
        return w < 0 ? 0 : wId[w];
    }

    /** @param tag tag handle. @return {@code ITEM_*} state of the item. */
    public int itemState(final int tag)
    {
        return liveUnit(tag) < 0 ? ITEM_NONE : uState[tag];
    }

    /**
     * @param tag tag handle.
     * @return number of the unit's operation in progress, or of its next one while waiting; 0 if done or none.
     */
    public int operationOf(final int tag)
    {
        final int w = liveUnit(tag);
        return w < 0 || uState[tag] == ITEM_DONE ? 0 : uOp[tag] + 1;
    }

    // ---------------------------------------------------------------- snapshot

    @Override
    public void writeSnapshot(final DataOutput out, final Pipeline pipeline) throws IOException
    {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeLong(nowMs);
        out.writeLong(nextDeadlineMs);
        out.writeLong(droppedRows);
        out.writeLong(evictedWorkOrders);
        out.writeLong(woSeqNext);
        out.writeInt(sCount);
        for (int s = 0; s < sCount; s++)
        {
            out.writeInt(sZone[s]);
            out.writeInt(sWip[s]);
            out.writeInt(sQueue[s]);
            out.writeLong(sQueueBase[s]);
            out.writeLong(sQueueSum[s]);
            out.writeLong(sThreshold[s]);
            out.writeLong(sClear[s]);
            out.writeBoolean(sRaised[s]);
            out.writeLong(sDeadline[s]);
            out.writeLong(sQueued[s]);
            out.writeLong(sQueueMsTotal[s]);
            out.writeLong(sProcessed[s]);
            out.writeLong(sProcessMsTotal[s]);
        }
        out.writeInt(woCount);
        for (int w = 0; w < woCount; w++)
        {
            out.writeInt(wId[w]);
            out.writeInt(wGen[w]);
            out.writeByte(wStatus[w]);
            out.writeInt(wQuantity[w]);
            out.writeInt(wOps[w]);
            out.writeLong(wSeq[w]);
            out.writeInt(wUnits[w]);
            out.writeInt(wDone[w]);
            out.writeInt(wScrapped[w]);
            out.writeLong(wOpenMs[w]);
            out.writeLong(wStartMs[w]);
            out.writeLong(wEndMs[w]);
            out.writeLong(wCompleteMs[w]);
            out.writeInt(wHead[w]);
            out.writeInt(wLineHead[w]);
            for (int k = 0, base = w * maxOps; k < wOps[w]; k++)
            {
                out.writeInt(wOpZone[base + k]);
                out.writeInt(wOpActive[base + k]);
                out.writeInt(wOpDone[base + k]);
            }
        }
        out.writeInt(freeSlotCount);
        for (int i = 0; i < freeSlotCount; i++)
        {
            out.writeInt(freeSlots[i]);
        }
        out.writeInt(finishedSize);
        for (int i = 0; i < finishedSize; i++)
        {
            out.writeInt(finished[(finishedHead + i) % finished.length]);
        }
        out.writeInt(lineCount);
        out.writeInt(lineFree);
        for (int line = 0; line < lineCount; line++)
        {
            out.writeInt(lWo[line]);
            out.writeLong(lSku[line]);
            out.writeInt(lQty[line]);
            out.writeInt(lConsumed[line]);
            out.writeInt(lOp[line]);
            out.writeInt(lNextInWo[line]);
            out.writeInt(lNextForSku[line]);
        }
        int heads = 0;
        for (int line = 0; line < lineCount; line++)
        {
            heads += isSkuHead(line) ? 1 : 0;
        }
        out.writeInt(heads);
        for (int line = 0; line < lineCount; line++)
        {
            if (isSkuHead(line))
            {
                out.writeLong(lSku[line]);
                out.writeInt(line);
            }
        }
        final int limit = Math.min(pipeline.tags().handleLimit(), uWo.length);
        int units = 0;
        for (int t = 0; t < limit; t++)
        {
            units += uWo[t] >= 0 ? 1 : 0;
        }
        out.writeInt(units);
        for (int t = 0; t < limit; t++)
        {
            if (uWo[t] >= 0)
            {
                out.writeInt(t);
                out.writeInt(uWo[t]);
                out.writeInt(uGen[t]);
                out.writeByte(uState[t]);
                out.writeInt(uOp[t]);
                out.writeLong(uEnterMs[t]);
                out.writeLong(uExitMs[t]);
                out.writeLong(uStartMs[t]);
                out.writeInt(uQueue[t]);
                out.writeLong(uQueueMs[t]);
                out.writeLong(uEpcHigh[t]);
                out.writeInt(uEpcLow[t]);
                out.writeInt(uPrev[t]);
                out.writeInt(uNext[t]);
            }
        }
    }

    private boolean isSkuHead(final int line)
    {
        return lWo[line] >= 0 && skuHead.getOrDefault(lSku[line], NONE) == line;
    }

    @Override
    public void readSnapshot(final DataInput in, final Pipeline pipeline) throws IOException
    {
        readHeader(in, SNAPSHOT_MAGIC, SNAPSHOT_VERSION, "a WIP rules snapshot");
        nowMs = in.readLong();
        nextDeadlineMs = in.readLong();
        droppedRows = in.readLong();
        evictedWorkOrders = in.readLong();
        woSeqNext = in.readLong();
        Arrays.fill(zoneStation, NONE);
        sCount = readCount(in, sZone.length, "stations");
        for (int s = 0; s < sCount; s++)
        {
            sZone[s] = in.readInt();
            if (sZone[s] < 0 || sZone[s] >= ZoneDirectory.MAX_ZONES)
            {
                throw new IOException("bad station zone " + sZone[s]);
            }
            zoneStation[sZone[s]] = s;
            sWip[s] = in.readInt();
            sQueue[s] = in.readInt();
            sQueueBase[s] = in.readLong();
            sQueueSum[s] = in.readLong();
            sThreshold[s] = in.readLong();
            sClear[s] = in.readLong();
            sRaised[s] = in.readBoolean();
            sDeadline[s] = in.readLong();
            sQueued[s] = in.readLong();
            sQueueMsTotal[s] = in.readLong();
            sProcessed[s] = in.readLong();
            sProcessMsTotal[s] = in.readLong();
        }
        woIndex.clear();
        woCount = readCount(in, wId.length, "work orders");
        for (int w = 0; w < woCount; w++)
        {
            wId[w] = in.readInt();
            wGen[w] = in.readInt();
            wStatus[w] = in.readByte();
            wQuantity[w] = in.readInt();
            wOps[w] = readCount(in, maxOps, "operations");
            wSeq[w] = in.readLong();
            wUnits[w] = in.readInt();
            wDone[w] = in.readInt();
            wScrapped[w] = in.readInt();
            wOpenMs[w] = in.readLong();
            wStartMs[w] = in.readLong();
            wEndMs[w] = in.readLong();
            wCompleteMs[w] = in.readLong();
            wHead[w] = in.readInt();
            wLineHead[w] = in.readInt();
            final int base = w * maxOps;
            Arrays.fill(wOpZone, base, base + maxOps, NO_ZONE);
            Arrays.fill(wOpActive, base, base + maxOps, 0);
            Arrays.fill(wOpDone, base, base + maxOps, 0);
            for (int k = 0; k < wOps[w]; k++)
            {
                wOpZone[base + k] = in.readInt();
                wOpActive[base + k] = in.readInt();
                wOpDone[base + k] = in.readInt();
            }
            if (wStatus[w] != STATUS_UNKNOWN)
            {
                woIndex.put(wId[w], w);
            }
        }
        freeSlotCount = readCount(in, freeSlots.length, "free work order slots");
        for (int i = 0; i < freeSlotCount; i++)
        {
            freeSlots[i] = in.readInt();
        }
        finishedHead = 0;
        finishedSize = readCount(in, finished.length, "finished work orders");
        for (int i = 0; i < finishedSize; i++)
        {
            finished[i] = in.readInt();
        }
        skuHead.clear();
        lineCount = readCount(in, lWo.length, "bill-of-material lines");
        lineFree = in.readInt();
        for (int line = 0; line < lineCount; line++)
        {
            lWo[line] = in.readInt();
            lSku[line] = in.readLong();
            lQty[line] = in.readInt();
            lConsumed[line] = in.readInt();
            lOp[line] = in.readInt();
            lNextInWo[line] = in.readInt();
            lNextForSku[line] = in.readInt();
        }
        final int heads = readCount(in, lWo.length, "SKU chains");
        for (int i = 0; i < heads; i++)
        {
            final long sku = in.readLong();
            skuHead.put(sku, in.readInt());
        }
        Arrays.fill(uWo, NONE);
        Arrays.fill(uQueue, NONE);
        final int units = readCount(in, uWo.length, "units");
        for (int i = 0; i < units; i++)
        {
            final int t = in.readInt();
            if (t < 0 || t >= uWo.length)
            {
                throw new IOException("unit handle " + t + " beyond capacity " + uWo.length);
            }
            uWo[t] = in.readInt();
            uGen[t] = in.readInt();
            uState[t] = in.readByte();
            uOp[t] = in.readInt();
            uEnterMs[t] = in.readLong();
            uExitMs[t] = in.readLong();
            uStartMs[t] = in.readLong();
            uQueue[t] = in.readInt();
            uQueueMs[t] = in.readLong();
            uEpcHigh[t] = in.readLong();
            uEpcLow[t] = in.readInt();
            uPrev[t] = in.readInt();
            uNext[t] = in.readInt();
        }
    }

    @Override
    public String toString()
    {
        return "WipRules{workOrders=" + woIndex.size() + ", stations=" + sCount + ", bomLines=" + lineCount +
            ", evicted=" + evictedWorkOrders + ", dropped=" + droppedRows + "}";
    }
}
