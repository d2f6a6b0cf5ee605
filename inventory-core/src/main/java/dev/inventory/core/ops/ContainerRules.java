package dev.inventory.core.ops;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

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

import static dev.inventory.core.ops.OpsChecks.readHeader;
import static dev.inventory.core.ops.OpsChecks.require;

/**
 * Containers on the {@link OperationsExtension}: items packed into containers (pallets, cases, totes: each a tag of
 * its own, e.g. an SSCC), nested if wanted; a container counted into another zone carries its contents there, and a
 * container leaving stock takes its contents along. Install after the base:
 * {@code RecordExtension.compose(ops, new ContainerRules(ops, ctx))}.
 * <p>
 * <b>Commands</b> (block 1375..1389; in a host command file {@code ts_ms,OPS_<NAME>,epc,arg2,arg3,arg4}). Every EPC
 * must be known to the core's tag table (read, or announced with {@code ASSIGN_TAG}), else the command is rejected.
 * <ul>
 *     <li>{@link #CONTAINER} ({@code OPS_CONTAINER}): container master data: epc = the container's tag,
 *     arg2 = container id (&gt; 0, the host's, e.g. the SSCC's 18 digits; also what the core ledger's
 *     {@code container(tag)} of its contents and sensor readings about the container carry); 0 deregisters the
 *     container (its contents are unpacked). An id already given to another live container is rejected.</li>
 *     <li>{@link #PACK} ({@code OPS_PACK}): epc = item (any tag, a container too), arg2 = container id. An item packed
 *     elsewhere is repacked. Rejected: unknown container, the item is the container or holds it, the nesting would
 *     pass {@link Context#maxDepth(int)}, the item's ledger status is consumed / shipped.</li>
 *     <li>{@link #UNPACK} ({@code OPS_UNPACK}): epc = item, arg2 = its container's id or 0 for any. Rejected when the
 *     item is not packed (in that container).</li>
 *     <li>{@link #UNPACK_ALL} ({@code OPS_UNPACK_ALL}): epc unused (e.g. {@code 0000}), arg2 = container id.</li>
 * </ul>
 * <b>Counting.</b> A packed item is counted where its container is. Packing an item into a container counted in a
 * zone counts the item there: a movement of reason {@link MovementLedger#PACK} from the zone it was counted in, or
 * its first count (reason as a read there would give: receiving matches receipts) when it was not counted.
 * Packing in place writes no movement row (the zone balances do not change). When a container is counted into
 * another zone (its own read, or its own container's move), each content is counted there too through
 * {@link OperationsExtension#carry}: its rows share the container's movement id and reason (put-away into storage,
 * else transfer; first count when the container is first counted), balances, occupancy, put-away and receiving
 * events as for a read, and the other rules hear of it ({@link OpsListener#onItemMoved}). Nested contents follow
 * their own container. The core ledger keeps a carried item's zone as last detected (it was not read); the base
 * does not move the count back on the item's next read while the core still has it there.
 * <p>
 * <b>Separation</b> (when a content has left its container physically). Decided from the item's own reads:
 * <ul>
 *     <li>a content counted into a zone by its own reads (the core moved it) other than its container's is
 *     <i>apart</i>; it rejoins when its container comes to that zone (contents are often read before their pallet
 *     at a portal). If the container moves elsewhere meanwhile, or it is still apart after
 *     {@link Context#separationMs(long)}, it is unpacked ({@code OPS_UNPACKED}, cause {@link #CAUSE_LEFT}) and not
 *     carried;</li>
 *     <li>a carried content that is read again in the zone it was last detected in (the core still has it there),
 *     {@link Context#separationMs(long)} or more after it was carried, was left behind: it is counted back there and
 *     unpacked ({@link #CAUSE_LEFT}). Reads there sooner are taken as stray reads of a passing container.</li>
 * </ul>
 * <b>Leaving stock.</b> A container issued (shipped, consumed: {@link OperationsExtension#issue}, its ledger status)
 * issues each content with it, with the same reason ({@code OPS_ISSUED} per content; no {@code OPS_UNPACKED}: they
 * leave packed), apart contents excepted (unpacked, {@link #CAUSE_LEFT}); the container is deregistered. A container
 * whose tag was retired is dissolved instead ({@link #CAUSE_CONTAINER_GONE}), its contents stay in stock. A content
 * issued on its own is unpacked ({@link #CAUSE_ISSUED}).
 * <p>
 * <b>Events</b> (item events: EPC = item, {@code sku} = its core ledger SKU handle, {@code source} 0):
 * <ul>
 *     <li>{@code OPS_PACKED} 190: {@code toZone} = zone of the container (of the item when the container is not
 *     counted; -1 if neither is), {@code fromZone} = zone the item was counted in when packing moved it, else -1,
 *     {@code dwellMs} = container EPC bits 95..32, {@code rssiCentiDbm} = container EPC bits 31..0, detail 0.</li>
 *     <li>{@code OPS_UNPACKED} 191: {@code toZone} = zone the item is counted in (-1 if none), {@code fromZone} -1,
 *     {@code dwellMs} / {@code rssiCentiDbm} = container EPC as for packed, {@code detail} = cause:
 *     {@link #CAUSE_COMMAND}, {@link #CAUSE_LEFT}, {@link #CAUSE_ISSUED}, {@link #CAUSE_REPACKED},
 *     {@link #CAUSE_CONTAINER_GONE}.</li>
 *     <li>{@code OPS_CONTAINER_MOVED} 192: EPC = container, {@code fromZone} / {@code toZone} = its move,
 *     {@code dwellMs} = contents counted into {@code toZone} with it, {@code rssiCentiDbm} = contents unpacked as
 *     apart at this move; after the contents' own events. Only for a container holding contents.</li>
 * </ul>
 * <b>Queries</b> (engine thread, by tag handle: {@code pipeline.tags().get(epcHigh, epcLow)}):
 * {@link #containerOf(int)}, {@link #contentCount(int)}, {@link #firstContent(int)} / {@link #nextContent(int)},
 * {@link #contents(int, int[])}, {@link #containerId(int)}, {@link #containerTag(long)}, {@link #isApart(int)}.
 * <p>
 * Contents are kept in preallocated primitive doubly linked lists per container, indexed by tag handle; garbage-free
 * per read and per movement. Deterministic (record time only); state is snapshot with the pipeline. Capacities:
 * {@link Context}; overflow is counted in {@link #droppedRows()}. Instances are NOT threadsafe: engine thread only.
 */
public final class ContainerRules implements RecordExtension, OpsListener
{
    /** Container master data: epc = container tag, arg2 = container id (&gt; 0; 0 = deregister). */
    public static final int CONTAINER = 1375;
    /** Pack an item: epc = item, arg2 = container id. */
    public static final int PACK = 1376;
    /** Unpack an item: epc = item, arg2 = its container id, or 0 for any. */
    public static final int UNPACK = 1377;
    /** Unpack all direct contents of a container: epc unused, arg2 = container id. */
    public static final int UNPACK_ALL = 1378;
    /** First code of the block. */
    public static final int FIRST = 1375;
    /** Last code of the block. */
    public static final int LAST = 1389;

    /** {@code OPS_UNPACKED} detail: unpacked by command. */
    public static final short CAUSE_COMMAND = 0;
    /** {@code OPS_UNPACKED} detail: the item was found apart from its container (see class doc). */
    public static final short CAUSE_LEFT = 1;
    /** {@code OPS_UNPACKED} detail: the item left stock on its own, or its tag was retired. */
    public static final short CAUSE_ISSUED = 2;
    /** {@code OPS_UNPACKED} detail: the item was packed into another container. */
    public static final short CAUSE_REPACKED = 3;
    /** {@code OPS_UNPACKED} detail: the container was deregistered or its tag retired. */
    public static final short CAUSE_CONTAINER_GONE = 4;

    private static final int NONE = -1;
    private static final byte ISSUING = 1;
    private static final int SNAPSHOT_MAGIC = 0x494E5643; // "INVC"
    private static final int SNAPSHOT_VERSION = 1;

    /**
     * Capacities and settings of {@link ContainerRules}, fluent; {@link #conclude()} validates. NOT threadsafe.
     */
    public static final class Context
    {
        private int tagCapacity = 1 << 16;
        private int maxContainers = 4096;
        private int maxDepth = 4;
        private long separationMs = 30_000;
        private int separationQueue = 4096;

        /**
         * @param tags at least the engine's tag capacity; items with higher handles are rejected (counted in
         *             {@link ContainerRules#droppedRows()}).
         * @return this.
         */
        public Context tagCapacity(final int tags)
        {
            this.tagCapacity = tags;
            return this;
        }

        /** @param containers most registered containers. @return this. */
        public Context maxContainers(final int containers)
        {
            this.maxContainers = containers;
            return this;
        }

        /** @param depth most containers an item may be nested in (1 = no nesting), 1..64. @return this. */
        public Context maxDepth(final int depth)
        {
            this.maxDepth = depth;
            return this;
        }

        /**
         * @param ms how long a content may be counted apart from its container before it is unpacked, and how soon
         *           after it was carried a read in its old zone counts as it being left there (&gt;= 0).
         * @return this.
         */
        public Context separationMs(final long ms)
        {
            this.separationMs = ms;
            return this;
        }

        /**
         * @param entries pending separation checks kept, a power of two; more at once are counted in
         *                {@link ContainerRules#droppedRows()} and those contents are then unpacked only when their
         *                container moves.
         * @return this.
         */
        public Context separationQueue(final int entries)
        {
            this.separationQueue = entries;
            return this;
        }

        /**
         * @return this, validated.
         * @throws IllegalStateException naming the bad field.
         */
        public Context conclude()
        {
            require("tagCapacity", tagCapacity >= 1, tagCapacity);
            require("maxContainers", maxContainers >= 1, maxContainers);
            require("maxDepth", maxDepth >= 1 && maxDepth <= 64, maxDepth);
            require("separationMs", separationMs >= 0, separationMs);
            require("separationQueue", separationQueue >= 2 && Integer.bitCount(separationQueue) == 1,
                separationQueue);
            return this;
        }
    }

    private final OperationsExtension ops;
    private final int maxDepth;
    private final long separationMs;
    private final int maxContainers;

    // per tag handle: links of the contents lists, container data, the EPC the handle had when linked
    private final int[] parent;
    private final int[] firstChild;
    private final int[] nextSibling;
    private final int[] prevSibling;
    private final int[] childCount;
    private final long[] containerId;
    private final long[] epcHigh;
    private final int[] epcLow;
    private final long[] carriedAtMs;
    private final long[] apartSinceMs;
    private final byte[] flags;
    private final LongIntHashMap tagById;

    // pending separation checks, in deadline order (deadlines = apart time + separationMs, record time only grows)
    private final int queueMask;
    private final int[] queueTag;
    private final long[] queueDeadlineMs;
    private long queueHead;
    private long queueTail;

    private long droppedRows;

    /**
     * @param ops the operations extension this builds on; registers as its listener.
     * @param ctx capacities; concluded here.
     */
    public ContainerRules(final OperationsExtension ops, final Context ctx)
    {
        ctx.conclude();
        this.ops = ops;
        this.maxDepth = ctx.maxDepth;
        this.separationMs = ctx.separationMs;
        this.maxContainers = ctx.maxContainers;
        final int n = ctx.tagCapacity;
        parent = new int[n];
        firstChild = new int[n];
        nextSibling = new int[n];
        prevSibling = new int[n];
        childCount = new int[n];
        containerId = new long[n];
        epcHigh = new long[n];
        epcLow = new int[n];
        carriedAtMs = new long[n];
        apartSinceMs = new long[n];
        flags = new byte[n];
        java.util.Arrays.fill(parent, NONE);
        java.util.Arrays.fill(firstChild, NONE);
        java.util.Arrays.fill(nextSibling, NONE);
        java.util.Arrays.fill(prevSibling, NONE);
        tagById = new LongIntHashMap(ctx.maxContainers);
        queueMask = ctx.separationQueue - 1;
        queueTag = new int[ctx.separationQueue];
        queueDeadlineMs = new long[ctx.separationQueue];
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
        final int tag = pipeline.tags().get(
            buffer.getLong(offset + RfidReadFlyweight.EPC_HIGH_OFFSET),
            buffer.getInt(offset + RfidReadFlyweight.EPC_LOW_OFFSET));
        if (tag == TagTable.MISSING || tag >= parent.length || carriedAtMs[tag] == 0)
        {
            return;
        }
        // an item counted where its container took it, while the core still has it where it was last detected
        final Ledger ledger = pipeline.ledger();
        final int detected = ledger.zone(tag);
        final int counted = ops.zoneOf(tag);
        if (!ops.isCounted(tag) || detected == counted || detected == Ledger.NO_ZONE)
        {
            carriedAtMs[tag] = 0;
            return;
        }
        final long nowMs = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
        final int antenna = ledger.lastAntenna(tag);
        if (antenna < 0 || pipeline.zones().zoneOfAntenna(antenna) != detected ||
            nowMs - carriedAtMs[tag] < separationMs)
        {
            return;
        }
        // read again where it was left, well after its container moved on: it stayed there
        carriedAtMs[tag] = 0;
        ops.carry(tag, detected, 0, 0, nowMs, pipeline);
        if (parent[tag] != NONE && isApartNow(tag))
        {
            unpack(tag, CAUSE_LEFT, nowMs, pipeline);
        }
    }

    @Override
    public void onTime(final long nowMs, final Pipeline pipeline)
    {
        while (queueHead < queueTail)
        {
            final int slot = (int)queueHead & queueMask;
            final long deadlineMs = queueDeadlineMs[slot];
            if (deadlineMs > nowMs)
            {
                return;
            }
            queueHead++;
            final int tag = queueTag[slot];
            if (parent[tag] != NONE && apartSinceMs[tag] != 0 && apartSinceMs[tag] + separationMs == deadlineMs &&
                isApartNow(tag))
            {
                unpack(tag, CAUSE_LEFT, nowMs, pipeline);
            }
        }
    }

    private boolean isApartNow(final int tag)
    {
        final int container = parent[tag];
        return ops.isCounted(container) && ops.isCounted(tag) && ops.zoneOf(tag) != ops.zoneOf(container);
    }

    // ---------------------------------------------------------------- listener

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
        if (tag >= parent.length || !ops.isCounted(tag) || ops.zoneOf(tag) != toZone)
        {
            return;
        }
        if ((parent[tag] != NONE || childCount[tag] > 0 || containerId[tag] != 0) && !isLinkLive(tag, pipeline))
        {
            dissolve(tag, nowMs, pipeline); // the handle now names another EPC: its old links go
            return;
        }
        final int container = parent[tag];
        if (container != NONE && ops.isCounted(container))
        {
            if (ops.zoneOf(container) == toZone)
            {
                apartSinceMs[tag] = 0;
            }
            else if (apartSinceMs[tag] == 0)
            {
                apartSinceMs[tag] = nowMs;
                enqueueSeparation(tag, nowMs + separationMs);
            }
        }
        if (childCount[tag] > 0)
        {
            carryContents(tag, fromZone, toZone, movementId, nowMs, pipeline);
        }
    }

    private void carryContents(
        final int container,
        final int fromZone,
        final int toZone,
        final long movementId,
        final long nowMs,
        final Pipeline pipeline)
    {
        final Ledger ledger = pipeline.ledger();
        int carried = 0;
        int left = 0;
        int item = firstChild[container];
        while (item != NONE)
        {
            final int next = nextSibling[item];
            if (!isLinkLive(item, pipeline))
            {
                unpack(item, CAUSE_ISSUED, nowMs, pipeline);
            }
            else if (ops.isCounted(item) && ops.zoneOf(item) == toZone)
            {
                apartSinceMs[item] = 0; // arrived ahead of its container
            }
            else if (apartSinceMs[item] != 0)
            {
                unpack(item, CAUSE_LEFT, nowMs, pipeline);
                left++;
            }
            else if (ops.carry(item, toZone, movementId, 0, nowMs, pipeline))
            {
                final int detected = ledger.zone(item);
                carriedAtMs[item] = detected != toZone && detected != Ledger.NO_ZONE ? nowMs : 0;
                carried++;
            }
            else if (parent[item] == container)
            {
                unpack(item, CAUSE_ISSUED, nowMs, pipeline); // consumed / shipped / issued: cannot be counted
            }
            // a listener may have changed the list meanwhile: then start over (revisits are no-ops)
            item = next != NONE && parent[next] != container ? firstChild[container] : next;
        }
        pipeline.emit(EventType.OPS_CONTAINER_MOVED, 0, nowMs, epcHigh[container], epcLow[container], fromZone,
            toZone, 0, carried, left, ledgerSku(container, pipeline));
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
        if (tag >= parent.length)
        {
            return;
        }
        final int container = parent[tag];
        if (container != NONE)
        {
            if ((flags[container] & ISSUING) != 0)
            {
                unlink(tag); // leaves packed, with its container
            }
            else
            {
                unpack(tag, CAUSE_ISSUED, nowMs, pipeline);
            }
        }
        if (containerId[tag] != 0 || childCount[tag] > 0)
        {
            if (reason == MovementLedger.RETIRED)
            {
                unpackAll(tag, CAUSE_CONTAINER_GONE, nowMs, pipeline);
            }
            else
            {
                issueContents(tag, fromZone, reason, nowMs, pipeline);
            }
            deregister(tag);
        }
    }

    private void issueContents(
        final int container, final int fromZone, final int reason, final long nowMs, final Pipeline pipeline)
    {
        flags[container] |= ISSUING;
        int item = firstChild[container];
        while (item != NONE)
        {
            final int next = nextSibling[item];
            if (isLinkLive(item, pipeline) && apartSinceMs[item] != 0 && ops.isCounted(item) &&
                ops.zoneOf(item) != fromZone)
            {
                unpack(item, CAUSE_LEFT, nowMs, pipeline);
            }
            else if (!isLinkLive(item, pipeline) || !ops.issue(item, reason, nowMs, pipeline))
            {
                unlink(item); // not counted: it leaves with the container all the same
            }
            item = next != NONE && parent[next] != container ? firstChild[container] : next;
        }
        flags[container] &= ~ISSUING;
    }

    // ---------------------------------------------------------------- commands

    private boolean onCommand(final ByteBuffer buffer, final int offset, final Pipeline pipeline)
    {
        final int code = buffer.getInt(offset + CommandFlyweight.COMMAND_OFFSET);
        if (code < FIRST || code > LAST)
        {
            return false;
        }
        final long nowMs = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
        final int low = buffer.getInt(offset + CommandFlyweight.INT_ARG_OFFSET);
        final long high = buffer.getLong(offset + CommandFlyweight.ARG1_OFFSET);
        final long arg2 = buffer.getLong(offset + CommandFlyweight.ARG2_OFFSET);
        switch (code)
        {
            case CONTAINER:
                return onContainer(tagOf(high, low, pipeline), arg2, nowMs, pipeline);
            case PACK:
                return onPack(tagOf(high, low, pipeline), arg2, nowMs, pipeline);
            case UNPACK:
            {
                final int item = tagOf(high, low, pipeline);
                if (item == NONE || parent[item] == NONE || (arg2 != 0 && containerId[parent[item]] != arg2))
                {
                    return false;
                }
                unpack(item, CAUSE_COMMAND, nowMs, pipeline);
                return true;
            }
            case UNPACK_ALL:
            {
                final int container = liveContainer(arg2, nowMs, pipeline);
                if (container == NONE)
                {
                    return false;
                }
                unpackAll(container, CAUSE_COMMAND, nowMs, pipeline);
                return true;
            }
            default:
                return false;
        }
    }

    private int tagOf(final long high, final int low, final Pipeline pipeline)
    {
        final int tag = pipeline.tags().get(high, low);
        if (tag == TagTable.MISSING)
        {
            return NONE;
        }
        if (tag >= parent.length)
        {
            droppedRows++;
            return NONE;
        }
        if (parent[tag] == NONE && childCount[tag] == 0 && containerId[tag] == 0)
        {
            epcHigh[tag] = high; // not linked: take the EPC the handle has now
            epcLow[tag] = low;
        }
        else if (epcHigh[tag] != high || epcLow[tag] != low)
        {
            dissolve(tag, pipeline.nowMs(), pipeline); // the handle was reused for another EPC
            epcHigh[tag] = high;
            epcLow[tag] = low;
        }
        return tag;
    }

    private boolean onContainer(final int tag, final long id, final long nowMs, final Pipeline pipeline)
    {
        if (tag == NONE || id < 0)
        {
            return false;
        }
        if (id == 0)
        {
            if (containerId[tag] == 0)
            {
                return false;
            }
            unpackAll(tag, CAUSE_CONTAINER_GONE, nowMs, pipeline);
            deregister(tag);
            return true;
        }
        if (containerId[tag] == id)
        {
            return true;
        }
        final int holder = tagById.getOrDefault(id, NONE);
        if (holder != NONE)
        {
            if (isLinkLive(holder, pipeline))
            {
                return false; // the id names another live container
            }
            dissolve(holder, nowMs, pipeline);
        }
        if (containerId[tag] != 0)
        {
            tagById.remove(containerId[tag]);
        }
        else if (tagById.size() >= maxContainers)
        {
            droppedRows++;
            return false;
        }
        containerId[tag] = id;
        tagById.put(id, tag);
        for (int item = firstChild[tag]; item != NONE; item = nextSibling[item])
        {
            setLedgerContainer(item, id, pipeline);
        }
        return true;
    }

    private boolean onPack(final int item, final long id, final long nowMs, final Pipeline pipeline)
    {
        final int container = id > 0 ? liveContainer(id, nowMs, pipeline) : NONE;
        if (item == NONE || container == NONE || item == container)
        {
            return false;
        }
        final int status = pipeline.ledger().status(item);
        if (status == Ledger.STATUS_CONSUMED || status == Ledger.STATUS_SHIPPED)
        {
            return false;
        }
        int depth = 1;
        for (int up = container; parent[up] != NONE; up = parent[up])
        {
            if (parent[up] == item)
            {
                return false; // the item holds the container
            }
            depth++;
        }
        if (depth + height(item) > maxDepth)
        {
            return false;
        }
        if (parent[item] == container)
        {
            return true;
        }
        if (parent[item] != NONE)
        {
            unpack(item, CAUSE_REPACKED, nowMs, pipeline);
        }
        link(item, container);
        setLedgerContainer(item, id, pipeline);
        final boolean containerCounted = ops.isCounted(container);
        final int zone = containerCounted ? ops.zoneOf(container) : ops.zoneOf(item);
        final boolean moves = containerCounted && (!ops.isCounted(item) || ops.zoneOf(item) != zone);
        final int from = moves ? ops.zoneOf(item) : Ledger.NO_ZONE;
        pipeline.emit(EventType.OPS_PACKED, 0, nowMs, epcHigh[item], epcLow[item], from, zone, 0,
            epcHigh[container], epcLow[container], ledgerSku(item, pipeline));
        if (moves)
        {
            final int reason = ops.isCounted(item) ? MovementLedger.PACK : 0;
            if (ops.carry(item, zone, 0, reason, nowMs, pipeline))
            {
                final int detected = pipeline.ledger().zone(item);
                carriedAtMs[item] = detected != zone && detected != Ledger.NO_ZONE ? nowMs : 0;
            }
        }
        return true;
    }

    /** Levels of containers below an item (0 when it holds nothing), walking its subtree without a stack. */
    private int height(final int root)
    {
        int max = 0;
        int depth = 0;
        int node = root;
        while (true)
        {
            if (firstChild[node] != NONE)
            {
                node = firstChild[node];
                depth++;
                max = Math.max(max, depth);
                continue;
            }
            while (node != root && nextSibling[node] == NONE)
            {
                node = parent[node];
                depth--;
            }
            if (node == root)
            {
                return max;
            }
            node = nextSibling[node];
        }
    }

    private int liveContainer(final long id, final long nowMs, final Pipeline pipeline)
    {
        final int tag = tagById.getOrDefault(id, NONE);
        if (tag == NONE)
        {
            return NONE;
        }
        if (!isLinkLive(tag, pipeline))
        {
            dissolve(tag, nowMs, pipeline);
            return NONE;
        }
        return tag;
    }

    // ---------------------------------------------------------------- links

    /** True if the handle still names the EPC it had when linked (the core may reuse handles after retiring). */
    private boolean isLinkLive(final int tag, final Pipeline pipeline)
    {
        final TagTable tags = pipeline.tags();
        return tags.isLive(tag) && tags.epcHigh(tag) == epcHigh[tag] && tags.epcLow(tag) == epcLow[tag];
    }

    /** A handle found reused: its old links and registration go, with events about the old EPC. */
    private void dissolve(final int tag, final long nowMs, final Pipeline pipeline)
    {
        if (parent[tag] != NONE)
        {
            unpack(tag, CAUSE_ISSUED, nowMs, pipeline);
        }
        unpackAll(tag, CAUSE_CONTAINER_GONE, nowMs, pipeline);
        deregister(tag);
    }

    private void deregister(final int tag)
    {
        if (containerId[tag] != 0)
        {
            tagById.remove(containerId[tag]);
            containerId[tag] = 0;
        }
    }

    private void link(final int item, final int container)
    {
        parent[item] = container;
        prevSibling[item] = NONE;
        nextSibling[item] = firstChild[container];
        if (firstChild[container] != NONE)
        {
            prevSibling[firstChild[container]] = item;
        }
        firstChild[container] = item;
        childCount[container]++;
        apartSinceMs[item] = 0;
    }

    private void unlink(final int item)
    {
        final int container = parent[item];
        if (container == NONE)
        {
            return;
        }
        final int prev = prevSibling[item];
        final int next = nextSibling[item];
        if (prev != NONE)
        {
            nextSibling[prev] = next;
        }
        else
        {
            firstChild[container] = next;
        }
        if (next != NONE)
        {
            prevSibling[next] = prev;
        }
        parent[item] = NONE;
        prevSibling[item] = NONE;
        nextSibling[item] = NONE;
        childCount[container]--;
        apartSinceMs[item] = 0;
    }

    private void unpack(final int item, final short cause, final long nowMs, final Pipeline pipeline)
    {
        final int container = parent[item];
        unlink(item);
        final boolean live = isLinkLive(item, pipeline);
        if (live)
        {
            pipeline.ledger().container(item, 0);
            ops.touch(item); // rules following the ledger's container (condition monitoring) re-check it
        }
        pipeline.emit(EventType.OPS_UNPACKED, cause, 0, nowMs, epcHigh[item], epcLow[item], Ledger.NO_ZONE,
            live && ops.isCounted(item) ? ops.zoneOf(item) : Ledger.NO_ZONE, 0, epcHigh[container],
            epcLow[container], live ? pipeline.ledger().sku(item) : Ledger.NO_SKU);
    }

    private void unpackAll(final int container, final short cause, final long nowMs, final Pipeline pipeline)
    {
        while (firstChild[container] != NONE)
        {
            unpack(firstChild[container], cause, nowMs, pipeline);
        }
    }

    private void setLedgerContainer(final int item, final long id, final Pipeline pipeline)
    {
        if (isLinkLive(item, pipeline))
        {
            pipeline.ledger().container(item, id);
            ops.touch(item);
        }
    }

    private int ledgerSku(final int tag, final Pipeline pipeline)
    {
        return isLinkLive(tag, pipeline) ? pipeline.ledger().sku(tag) : Ledger.NO_SKU;
    }

    private void enqueueSeparation(final int tag, final long deadlineMs)
    {
        if (queueTail - queueHead > queueMask)
        {
            droppedRows++;
            return;
        }
        final int slot = (int)queueTail & queueMask;
        queueTag[slot] = tag;
        queueDeadlineMs[slot] = deadlineMs;
        queueTail++;
    }

    // ---------------------------------------------------------------- queries (engine thread)

    /** @param tag item tag handle. @return the tag handle of the container it is packed in, or -1. */
    public int containerOf(final int tag)
    {
        return tag >= 0 && tag < parent.length ? parent[tag] : NONE;
    }

    /** @param containerTag container tag handle. @return its direct contents. */
    public int contentCount(final int containerTag)
    {
        return containerTag >= 0 && containerTag < parent.length ? childCount[containerTag] : 0;
    }

    /** @param containerTag container tag handle. @return the tag handle of one content, or -1 if empty. */
    public int firstContent(final int containerTag)
    {
        return containerTag >= 0 && containerTag < parent.length ? firstChild[containerTag] : NONE;
    }

    /** @param tag a content's tag handle. @return the next content of the same container, or -1. */
    public int nextContent(final int tag)
    {
        return tag >= 0 && tag < parent.length && parent[tag] != NONE ? nextSibling[tag] : NONE;
    }

    /**
     * @param containerTag container tag handle.
     * @param out          receives the tag handles of its direct contents (most recently packed first).
     * @return contents written (at most {@code out.length}).
     */
    public int contents(final int containerTag, final int[] out)
    {
        int count = 0;
        for (int item = firstContent(containerTag); item != NONE && count < out.length; item = nextSibling[item])
        {
            out[count++] = item;
        }
        return count;
    }

    /** @param containerTag tag handle. @return its container id, 0 if it is not a registered container. */
    public long containerId(final int containerTag)
    {
        return containerTag >= 0 && containerTag < parent.length ? containerId[containerTag] : 0;
    }

    /** @param id container id. @return the tag handle of the container, or -1 if none is registered with it. */
    public int containerTag(final long id)
    {
        return tagById.getOrDefault(id, NONE);
    }

    /** @param tag item tag handle. @return true if packed and counted in a zone other than its container's. */
    public boolean isApart(final int tag)
    {
        return tag >= 0 && tag < parent.length && parent[tag] != NONE && isApartNow(tag);
    }

    /** @param tag tag handle, linked. @return EPC bits 95..32 it had when packed or registered. */
    public long epcHighOf(final int tag)
    {
        return epcHigh[tag];
    }

    /** @param tag tag handle, linked. @return EPC bits 31..0 it had when packed or registered. */
    public int epcLowOf(final int tag)
    {
        return epcLow[tag];
    }

    /** @return commands and checks refused for capacity (tag handle, containers, separation queue). */
    public long droppedRows()
    {
        return droppedRows;
    }

    // ---------------------------------------------------------------- snapshot

    @Override
    public void writeSnapshot(final DataOutput out, final Pipeline pipeline) throws IOException
    {
        final int limit = Math.min(pipeline.tags().handleLimit(), parent.length);
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeInt(limit);
        for (int t = 0; t < limit; t++)
        {
            out.writeInt(parent[t]);
            out.writeInt(firstChild[t]);
            out.writeInt(nextSibling[t]);
            out.writeInt(prevSibling[t]);
            out.writeInt(childCount[t]);
            out.writeLong(containerId[t]);
            out.writeLong(epcHigh[t]);
            out.writeInt(epcLow[t]);
            out.writeLong(carriedAtMs[t]);
            out.writeLong(apartSinceMs[t]);
        }
        out.writeLong(queueTail - queueHead);
        for (long i = queueHead; i < queueTail; i++)
        {
            out.writeInt(queueTag[(int)i & queueMask]);
            out.writeLong(queueDeadlineMs[(int)i & queueMask]);
        }
        out.writeLong(droppedRows);
    }

    @Override
    public void readSnapshot(final DataInput in, final Pipeline pipeline) throws IOException
    {
        readHeader(in, SNAPSHOT_MAGIC, SNAPSHOT_VERSION, "a container rules snapshot");
        final int limit = in.readInt();
        if (limit < 0 || limit > parent.length)
        {
            throw new IOException("snapshot handle limit " + limit + " exceeds tag capacity " + parent.length);
        }
        tagById.clear();
        for (int t = 0; t < limit; t++)
        {
            parent[t] = in.readInt();
            firstChild[t] = in.readInt();
            nextSibling[t] = in.readInt();
            prevSibling[t] = in.readInt();
            childCount[t] = in.readInt();
            containerId[t] = in.readLong();
            epcHigh[t] = in.readLong();
            epcLow[t] = in.readInt();
            carriedAtMs[t] = in.readLong();
            apartSinceMs[t] = in.readLong();
            flags[t] = 0;
            if (containerId[t] != 0)
            {
                if (tagById.size() >= maxContainers)
                {
                    throw new IOException("containers exceed capacity " + maxContainers);
                }
                tagById.put(containerId[t], t);
            }
        }
        final long pending = in.readLong();
        if (pending < 0 || pending > queueMask + 1)
        {
            throw new IOException("separation checks " + pending + " exceed capacity " + (queueMask + 1));
        }
        queueHead = 0;
        queueTail = pending;
        for (int i = 0; i < pending; i++)
        {
            queueTag[i] = in.readInt();
            queueDeadlineMs[i] = in.readLong();
        }
        droppedRows = in.readLong();
    }

    @Override
    public String toString()
    {
        return "ContainerRules{containers=" + tagById.size() + ", pendingSeparations=" + (queueTail - queueHead) +
            ", dropped=" + droppedRows + "}";
    }
}
