package dev.inventory.core.ops;

/**
 * Host command codes of {@link ShippingRules} (quality hold, shipments, unauthorized movement), block 1330..1344 of
 * {@link OpsCommands}. Arguments as for every operations command: {@code int} = EPC low bits and {@code arg1} = EPC
 * high bits (the {@code epc} field of a host command file line, any EPC such as {@code 0000} where unused),
 * {@code arg2..arg4} the file's further fields ({@code ts_ms,OPS_<NAME>,epc,arg2,arg3,arg4}), {@code arg5} only
 * through the API. Zone ids are the pipeline's, SKU keys those of the ledger, shipment and transfer ids
 * 0..2^31-1 (they travel in an event's {@code source}). A command with a bad argument, on an unknown item or
 * shipment, or beyond a preallocated capacity is rejected (the core counts it BAD_COMMAND).
 * Stateless constants: threadsafe.
 */
public final class ShippingCommands
{
    /** Put an item on quality hold: epc = the item (known to the engine). Idempotent. File name {@code OPS_HOLD}. */
    public static final int HOLD = 1330;
    /**
     * Release an item from quality hold, whatever held it: epc = the item. A no-op (accepted) if it is not held.
     * File name {@code OPS_RELEASE}.
     */
    public static final int RELEASE = 1331;
    /**
     * Hold a lot: arg2 = SKU key (not 0), arg3 = lot id (0 = the SKU's items without a lot). Holds every item of
     * that SKU x lot now and every item that joins it later (first seen or re-assigned), until a lot release.
     * File name {@code OPS_LOT_HOLD}.
     */
    public static final int LOT_HOLD = 1332;
    /**
     * Release a lot: arg2 = SKU key, arg3 = lot id. Clears the lot hold of its items; an item also held for another
     * cause (status, hold zone, item hold) stays held. File name {@code OPS_LOT_RELEASE}.
     */
    public static final int LOT_RELEASE = 1333;
    /**
     * Open a shipment (pick list): arg2 = shipment id, arg3 = its shipping zone (dock), arg4 = an exit zone after
     * the dock (the outbound side, as {@link #OUTBOUND_ZONE} with kind {@link #KIND_EXIT} for that dock), or -1 for
     * none. On an open shipment it changes the dock / exit (picked items stay picked); a shipped or cancelled id
     * is rejected. File name {@code OPS_SHIPMENT_OPEN}.
     */
    public static final int SHIPMENT_OPEN = 1334;
    /**
     * Shipment line by SKU: arg2 = shipment id (open), arg3 = SKU key (not 0), arg4 = quantity (&gt; 0, added to
     * the line's), arg5 = lot id (0 = any lot; API only, in a file use {@link #SHIPMENT_LOT}). One line per
     * shipment x SKU x lot. File name {@code OPS_SHIPMENT_LINE}.
     */
    public static final int SHIPMENT_LINE = 1335;
    /**
     * Restrict a shipment's any-lot line to a lot: arg2 = shipment id (open), arg3 = SKU key, arg4 = lot id
     * (&gt; 0). Rejected if the shipment has no any-lot line for the SKU, the line has picks already, or a line for
     * that lot exists. Further {@link #SHIPMENT_LINE}s of the SKU open a new any-lot line.
     * File name {@code OPS_SHIPMENT_LOT}.
     */
    public static final int SHIPMENT_LOT = 1336;
    /**
     * Shipment line for one specific item: epc = the item (it need not be known yet), arg2 = shipment id (open).
     * Rejected if the EPC is on another open shipment. File name {@code OPS_SHIPMENT_EPC}.
     */
    public static final int SHIPMENT_EPC = 1337;
    /**
     * Ship (close) a shipment: arg2 = shipment id (open). Line results, picked items leave stock (reason
     * {@link MovementLedger#SHIP}), then a shipped event. File name {@code OPS_SHIPMENT_CLOSE}.
     */
    public static final int SHIPMENT_CLOSE = 1338;
    /**
     * Cancel a shipment: arg2 = shipment id (open). Its picked items are un-picked and stay in stock.
     * File name {@code OPS_SHIPMENT_CANCEL}.
     */
    public static final int SHIPMENT_CANCEL = 1339;
    /**
     * Outbound path of a zone: arg2 = zone id, arg3 = kind ({@link #KIND_NONE}, {@link #KIND_STAGING} = on the
     * way to shipping, {@link #KIND_EXIT} = outbound side of a dock or a gate), arg4 = for an exit, the dock zone
     * it follows (-1 = a gate of its own). File name {@code OPS_OUTBOUND_ZONE}.
     */
    public static final int OUTBOUND_ZONE = 1340;
    /**
     * Allow-list of a zone: arg2 = zone id, arg3 = SKU key (not 0), arg4 = 1 allow, 0 remove. A zone with an
     * allow-list refuses every other SKU (and items without one); a restricted zone with one admits its SKUs.
     * File name {@code OPS_ZONE_ALLOW}.
     */
    public static final int ZONE_ALLOW = 1341;
    /**
     * Transfer authorisation for items to leave without a shipment: arg2 = SKU key, or 0 for the item given by
     * epc; arg3 = quantity (SKU: items that may leave, -1 = unlimited, 0 = revoke; item: 0 = revoke, else one exit);
     * arg4 = transfer id (0..2^31-1). A SKU has one authorisation at a time, a new one replaces it.
     * File name {@code OPS_EXIT_AUTHORIZE}.
     */
    public static final int EXIT_AUTHORIZE = 1342;

    /** {@link #OUTBOUND_ZONE} kind: none. */
    public static final int KIND_NONE = 0;
    /** {@link #OUTBOUND_ZONE} kind: staging, on the way to shipping. */
    public static final int KIND_STAGING = 1;
    /** {@link #OUTBOUND_ZONE} kind: exit, the outbound side after a dock (or a gate). */
    public static final int KIND_EXIT = 2;

    /** First code of the block. */
    public static final int FIRST = 1330;
    /** Last code of the block. */
    public static final int LAST = 1344;

    private ShippingCommands()
    {
    }
}
