package dev.inventory.core.ops;

/**
 * Zone role codes, set by {@link OpsCommands#ZONE}. Stateless constants: threadsafe.
 */
public final class ZoneRole
{
    /** No role: items are counted on hand, no rule applies. */
    public static final int NONE = 0;
    /** Receiving dock or portal: items read here are matched to open expected receipts. */
    public static final int RECEIVING = 1;
    /** Storage: entering it is a put-away; stock levels and stockouts are watched here. */
    public static final int STORAGE = 2;
    /** Work-in-progress station. */
    public static final int WIP_STATION = 3;
    /** Quality hold: items here are on hand but not available. */
    public static final int QUALITY_HOLD = 4;
    /** Shipping. */
    public static final int SHIPPING = 5;
    /** Restricted. */
    public static final int RESTRICTED = 6;
    /** One past the highest role code. */
    public static final int ROLE_COUNT = 7;

    private ZoneRole()
    {
    }

    /**
     * @param role code.
     * @return lower-case name, e.g. "storage".
     */
    public static String name(final int role)
    {
        switch (role)
        {
            case NONE: return "none";
            case RECEIVING: return "receiving";
            case STORAGE: return "storage";
            case WIP_STATION: return "wip_station";
            case QUALITY_HOLD: return "quality_hold";
            case SHIPPING: return "shipping";
            case RESTRICTED: return "restricted";
            default: return "role_" + role;
        }
    }
}
