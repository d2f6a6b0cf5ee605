package dev.inventory.core.ops;

/**
 * Host command codes of {@link WipRules} (work in progress: work orders, routings, bills of material, station queue
 * limits), block 1315..1329 of {@link OpsCommands}. Arguments as in a host command file line
 * {@code ts_ms,OPS_<NAME>,epc,arg2,arg3,arg4}: {@code epc} is the unit for the item commands and any EPC (e.g.
 * {@code 0000}) for the others. Work order ids are 1..2^31-1, operation numbers 1-based in routing order, zone ids
 * the pipeline's. A command with a bad argument, on an unknown or finished work order, or beyond a preallocated
 * capacity is rejected (counted BAD_COMMAND). Stateless constants: threadsafe.
 */
public final class WipCommands
{
    /**
     * Open (release) a work order: arg2 = work order id, arg3 = planned quantity of units (0 = as many as are
     * assigned). On an open work order it updates the quantity. The id of a finished order still kept for queries
     * cannot be opened again until it is evicted.
     */
    public static final int WO_OPEN = 1315;
    /**
     * Routing operation: arg2 = work order id, arg3 = operation number (1..count + 1: replace or append), arg4 = zone
     * id of its station (role {@link ZoneRole#WIP_STATION}). Only before the work order's first operation started.
     */
    public static final int WO_OPERATION = 1316;
    /**
     * Assign a unit (WIP carrier or item being made) to a work order: epc = the unit (known to the engine: read or
     * ASSIGN_TAG'd), arg2 = work order id (0 = unassign). A unit already in its first operation's station starts it.
     */
    public static final int WO_ITEM = 1317;
    /** Bill-of-material line: arg2 = work order id, arg3 = SKU key, arg4 = quantity (&gt; 0, added to the line's). */
    public static final int WO_BOM_LINE = 1318;
    /**
     * Where a bill-of-material line is consumed: arg2 = work order id, arg3 = SKU key of an existing line, arg4 =
     * operation number (0 = at any operation in progress).
     */
    public static final int WO_BOM_OPERATION = 1319;
    /**
     * Station queue limit: arg2 = zone id (role {@link ZoneRole#WIP_STATION}), arg3 = threshold in item-ms (count x
     * waiting time; 0 = none), arg4 = clear level in item-ms below the threshold (0 = 80 % of it).
     */
    public static final int STATION_QUEUE_LIMIT = 1320;
    /** Close a work order (short close if not complete: unfinished units are released). arg2 = work order id. */
    public static final int WO_CLOSE = 1321;
    /** Cancel an open work order (unfinished units are released). arg2 = work order id. */
    public static final int WO_CANCEL = 1322;
    /**
     * The host confirms the operation in progress of a unit complete (e.g. from a station terminal) while it is still
     * in the station: epc = the unit. If the next operation is at the same station it starts at once.
     */
    public static final int WO_OPERATION_DONE = 1323;
    /**
     * Re-route a unit (rework, or accept an off-route station): epc = the unit, arg2 = operation number it does next.
     * An operation in progress is abandoned without a completion; a unit in that operation's station starts it.
     */
    public static final int WO_ITEM_REROUTE = 1324;

    /** First code of the block. */
    public static final int FIRST = 1315;
    /** Last code of the block. */
    public static final int LAST = 1329;

    private WipCommands()
    {
    }
}
