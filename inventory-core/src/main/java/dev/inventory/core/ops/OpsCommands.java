package dev.inventory.core.ops;

import dev.inventory.core.record.CommandFlyweight;

/**
 * Extension command codes handled by {@link OperationsExtension} and the rules built on it, block 1300..1399.
 * Arguments are those of
 * {@link CommandFlyweight}: {@code int} = EPC low bits and {@code arg1} = EPC high bits (the {@code epc} field of a
 * host command file line; any EPC, e.g. {@code 0000}, where unused), {@code arg2..arg4} the file's further fields.
 * Zone ids are the pipeline's ({@code ZoneDirectory}), SKU keys those of the ledger, quantities in items.
 * A command with a bad argument or exceeding a preallocated capacity is rejected (counted BAD_COMMAND).
 * Stateless constants: threadsafe.
 */
public final class OpsCommands
{
    /** Zone master data: arg2 = zone id, arg3 = {@link ZoneRole} code, arg4 = capacity in items (0 = unlimited). */
    public static final int ZONE = 1300;
    /**
     * Open an expected receipt (PO / ASN): arg2 = receipt id (0..2^31-1), arg3 = zone id its goods are put away to,
     * whose projected quantity counts them until put away (-1 = none). Lines also open a receipt implicitly.
     */
    public static final int RECEIPT_OPEN = 1301;
    /** Expected receipt line: arg2 = receipt id, arg3 = SKU key, arg4 = quantity (added to the line's). */
    public static final int RECEIPT_LINE = 1302;
    /** Expected lot of a receipt line: arg2 = receipt id, arg3 = SKU key, arg4 = lot id (0 = any). */
    public static final int RECEIPT_LOT = 1303;
    /** Close a receipt: short / over / complete per line; the unreceived rest leaves the projection. arg2 = id. */
    public static final int RECEIPT_CLOSE = 1304;
    /**
     * Reorder point: arg2 = SKU key, arg3 = zone id or -1 for the site (all zones summed), arg4 = reorder point in
     * items (-1 = none).
     */
    public static final int REORDER_POINT = 1305;
    /**
     * Order-up-to level for replenishment suggestions: arg2 = SKU key, arg3 = zone id or -1 for the site, arg4 =
     * level (0 = 2 x ROP).
     */
    public static final int ORDER_UP_TO = 1306;
    /** Reserve stock: arg2 = SKU key, arg3 = zone id, arg4 = signed change of the reserved quantity. */
    public static final int RESERVE = 1307;
    /**
     * Untagged stock adjustment (one movement row): arg2 = SKU key, arg3 = zone id, arg4 = signed quantity,
     * arg5 = lot id (0 = none; not expressible in a command file).
     */
    public static final int ADJUST = 1308;
    /**
     * An item leaves stock: int/arg1 = EPC, arg2 = {@link MovementLedger} reason (0 = {@link MovementLedger#ISSUE}).
     */
    public static final int ISSUE = 1309;
    /**
     * Lot master data: arg2 = lot id (&gt; 0), arg3 = expiry time in epoch ms (0 = none), arg4 = in-date (production
     * or receipt time) in epoch ms (0 = unknown). FIFO ranks lots by in-date, FEFO by expiry then in-date.
     */
    public static final int LOT = 1310;
    /**
     * Safety stock: arg2 = SKU key, arg3 = zone id or -1 for the site, arg4 = safety stock in items (-1 = none).
     * Available falling below it raises an urgent {@code OPS_REPLENISH} (detail 1).
     */
    public static final int SAFETY_STOCK = 1311;

    // Blocks of the rules built on OperationsExtension (each rule class documents its own codes):
    // 1300..1314 OperationsExtension; 1315..1329 work in progress (WipRules); 1330..1344 quality hold, picking,
    // shipping, unauthorized movement (ShippingRules); 1345..1359 lots, expiry and condition monitoring (LotRules);
    // 1360..1374 accuracy, cycle counts, ABC and analytics (AccuracyRules); 1375..1389 containers (ContainerRules).

    /** First code of the block. */
    public static final int FIRST = ZONE;
    /** Last code of the block. */
    public static final int LAST = 1399;

    static
    {
        assert FIRST >= CommandFlyweight.FIRST_EXTENSION_COMMAND;
    }

    private OpsCommands()
    {
    }
}
