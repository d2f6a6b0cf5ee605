package dev.inventory.core.event;

/**
 * Event type codes in {@link EventFlyweight#type()}. Codes are stable: sinks and files depend on them.
 */
public final class EventType
{
    /** A tag was seen for the first time, or again after it had disappeared. */
    public static final short APPEARED = 1;
    /** A tag changed zone: from, to and the dwell in the old zone. */
    public static final short MOVED = 2;
    /** A tag was not seen for the presence timeout. */
    public static final short DISAPPEARED = 3;
    /** A reader's link went down (source = reader, detail = reason code). */
    public static final short LINK_DOWN = 4;
    /** A reader's link came back (source = reader). */
    public static final short LINK_UP = 5;
    /** First code free for rules modules. */
    public static final short FIRST_EXTENSION = 100;

    // Codes assigned to the library's own modules, listed here so that they never collide.
    /** inventory-rtls: a tag entered a geofenced zone. */
    public static final short RTLS_ZONE_ENTER = 110;
    /** inventory-rtls: a tag left a geofenced zone. */
    public static final short RTLS_ZONE_EXIT = 111;
    /** inventory-rtls: a tag stayed in a zone longer than its dwell limit. */
    public static final short RTLS_DWELL_EXCEEDED = 112;
    /** inventory-rtls: a tag entered a restricted zone. */
    public static final short RTLS_RESTRICTED_ENTRY = 113;
    /**
     * inventory-rtls: a BLE tag's room (zone by strongest receiver, with hysteresis) was set; from = the room it
     * left or -1, to = the room, source = the deciding receiver, RSSI = the room's smoothed RSSI in centi-dBm.
     * Zone ids are the BLE tracker's, not site map or core zone ids.
     */
    public static final short RTLS_BLE_ZONE_ENTER = 114;
    /**
     * inventory-rtls: a BLE tag left its room: to = the new room (followed by {@link #RTLS_BLE_ZONE_ENTER}), or -1
     * when no receiver heard it for the absence timeout (source 0); dwell = time in the room.
     */
    public static final short RTLS_BLE_ZONE_EXIT = 115;
    /** inventory-rfid: a tag passed a portal inwards (detail = confidence in permille). */
    public static final short PORTAL_IN = 120;
    /** inventory-rfid: a tag passed a portal outwards (detail = confidence in permille). */
    public static final short PORTAL_OUT = 121;
    /** inventory-rfid: a tag came near a portal without passing (detail = confidence in permille). */
    public static final short PORTAL_NEAR = 122;

    // inventory operations (dev.inventory.core.ops), block 130..169; field use is documented in OpsEvents.
    /** ops: an item was received against an open receipt line (source = receipt id). */
    public static final short OPS_RECEIVED = 130;
    /** ops: an item was read at a receiving zone with no open receipt line for its SKU. */
    public static final short OPS_UNEXPECTED_SKU = 131;
    /** ops: an item was received against a line expecting another lot (source = receipt id). */
    public static final short OPS_WRONG_LOT = 132;
    /** ops: a receipt line closed short (source = receipt id, dwell = quantity missing). */
    public static final short OPS_RECEIPT_SHORT = 133;
    /** ops: a receipt line closed over (source = receipt id, dwell = quantity in excess). */
    public static final short OPS_RECEIPT_OVER = 134;
    /** ops: a receipt line closed complete (source = receipt id, dwell = quantity received). */
    public static final short OPS_RECEIPT_LINE_COMPLETE = 135;
    /** ops: a receipt was closed (source = receipt id, dwell = lines). */
    public static final short OPS_RECEIPT_CLOSED = 136;
    /** ops: an item was put away into a storage zone (dwell = movement id). */
    public static final short OPS_PUT_AWAY = 137;
    /** ops: a zone's occupancy went above its capacity (dwell = occupancy, rssi = capacity). */
    public static final short OPS_OVER_CAPACITY = 138;
    /** ops: a zone's occupancy came back within its capacity (dwell = occupancy, rssi = capacity). */
    public static final short OPS_CAPACITY_OK = 139;
    /** ops: projected quantity of a SKU in a zone fell below its reorder point (dwell = suggested quantity). */
    public static final short OPS_REPLENISH = 140;
    /** ops: available quantity of a SKU in a zone fell to zero. */
    public static final short OPS_STOCKOUT = 141;
    /** ops: an item left stock (consumed, shipped, retired; detail = reason). */
    public static final short OPS_ISSUED = 142;

    private EventType()
    {
    }

    /**
     * @param type code.
     * @return lower-case name, e.g. "moved".
     */
    public static String name(final int type)
    {
        switch (type)
        {
            case APPEARED: return "appeared";
            case MOVED: return "moved";
            case DISAPPEARED: return "disappeared";
            case LINK_DOWN: return "link_down";
            case LINK_UP: return "link_up";
            case RTLS_ZONE_ENTER: return "zone_enter";
            case RTLS_ZONE_EXIT: return "zone_exit";
            case RTLS_DWELL_EXCEEDED: return "dwell_exceeded";
            case RTLS_RESTRICTED_ENTRY: return "restricted_entry";
            case RTLS_BLE_ZONE_ENTER: return "ble_zone_enter";
            case RTLS_BLE_ZONE_EXIT: return "ble_zone_exit";
            case PORTAL_IN: return "portal_in";
            case PORTAL_OUT: return "portal_out";
            case PORTAL_NEAR: return "portal_near";
            case OPS_RECEIVED: return "received";
            case OPS_UNEXPECTED_SKU: return "unexpected_sku";
            case OPS_WRONG_LOT: return "wrong_lot";
            case OPS_RECEIPT_SHORT: return "receipt_short";
            case OPS_RECEIPT_OVER: return "receipt_over";
            case OPS_RECEIPT_LINE_COMPLETE: return "receipt_line_complete";
            case OPS_RECEIPT_CLOSED: return "receipt_closed";
            case OPS_PUT_AWAY: return "put_away";
            case OPS_OVER_CAPACITY: return "over_capacity";
            case OPS_CAPACITY_OK: return "capacity_ok";
            case OPS_REPLENISH: return "replenish";
            case OPS_STOCKOUT: return "stockout";
            case OPS_ISSUED: return "issued";
            default: return "event_" + type;
        }
    }
}
