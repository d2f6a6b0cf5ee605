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
    // Zone fields of every event, RTLS ones included, are ids of the engine's zone directory (Pipeline#zones(), what
    // SinkContext#zoneName resolves): inventory-rtls registers its UWB site map zones and BLE rooms there by name, so
    // a zone of the same name as an RFID zone of the configuration is that zone, whichever technology saw the tag.
    /**
     * inventory-rtls: a UWB tag entered a geofenced zone: to = the engine zone id (the site map zone registered by
     * name), epc high = tag id, source = solver id of the deciding position.
     */
    public static final short RTLS_ZONE_ENTER = 110;
    /** inventory-rtls: a UWB tag left a geofenced zone: from = the engine zone id, dwell = time in it. */
    public static final short RTLS_ZONE_EXIT = 111;
    /** inventory-rtls: a UWB tag stayed in a zone (to = engine zone id) longer than its dwell limit; once a visit. */
    public static final short RTLS_DWELL_EXCEEDED = 112;
    /** inventory-rtls: an unauthorized UWB tag entered a restricted zone (to = engine zone id). */
    public static final short RTLS_RESTRICTED_ENTRY = 113;
    /**
     * inventory-rtls: a BLE tag's room (zone by strongest receiver, with hysteresis) was set; from = the room it
     * left or -1, to = the room, source = the deciding receiver, RSSI = the room's smoothed RSSI in centi-dBm.
     * Zone ids are engine zone ids (the BLE tracker's rooms registered by name), not the tracker's own ids.
     */
    public static final short RTLS_BLE_ZONE_ENTER = 114;
    /**
     * inventory-rtls: a BLE tag left its room: from = the room, to = the new room (followed by
     * {@link #RTLS_BLE_ZONE_ENTER}), or -1 when no receiver heard it for the absence timeout (source 0); dwell = time
     * in the room. Engine zone ids, as for {@link #RTLS_BLE_ZONE_ENTER}.
     */
    public static final short RTLS_BLE_ZONE_EXIT = 115;
    /** inventory-rfid: a tag passed a portal inwards (detail = confidence in permille). */
    public static final short PORTAL_IN = 120;
    /** inventory-rfid: a tag passed a portal outwards (detail = confidence in permille). */
    public static final short PORTAL_OUT = 121;
    /** inventory-rfid: a tag came near a portal without passing (detail = confidence in permille). */
    public static final short PORTAL_NEAR = 122;

    // inventory operations (dev.inventory.core.ops), block 130..199; field use is documented in OperationsExtension.
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

    // Codes of the rules built on the operations extension; field use is documented in each rule class.
    // work in progress (WipRules) 143..154
    /**
     * ops/wip: an operation of a work order started (the unit entered its station); source = work order id, detail =
     * operation number, dwellMs = queue time (0 if the unit had left no operation before).
     */
    public static final short OPS_OPERATION_START = 143;
    /**
     * ops/wip: an operation of a work order completed (the unit left its station, or the host confirmed it);
     * source = work order id, detail = operation number, dwellMs = process time.
     */
    public static final short OPS_OPERATION_COMPLETE = 144;
    /** ops/wip: a station's queue (count x time) passed its threshold; dwellMs = item-ms, rssi = queue count. */
    public static final short OPS_BOTTLENECK = 145;
    /** ops/wip: a station's queue came back to its clear level; dwellMs = item-ms, rssi = queue count. */
    public static final short OPS_BOTTLENECK_CLEARED = 146;
    /** ops/wip: material was consumed against a work order's bill-of-material line; source = work order id. */
    public static final short OPS_CONSUMED = 147;
    /** ops/wip: material consumed beyond a bill-of-material line's quantity; dwellMs = excess. */
    public static final short OPS_OVER_CONSUMPTION = 148;
    /** ops/wip: a work order completed (all its units finished); dwellMs = lead time start to completion. */
    public static final short OPS_WORK_ORDER_COMPLETE = 149;
    /** ops/wip: a unit of a work order entered a station that is not its next operation's. */
    public static final short OPS_OFF_ROUTE = 150;
    /** ops/wip: a work order was closed (detail 0) or cancelled (detail 1) by the host. */
    public static final short OPS_WORK_ORDER_CLOSED = 151;
    /** ops/wip: a unit of a work order finished its routing (finished item); dwellMs = its cycle time. */
    public static final short OPS_ITEM_COMPLETE = 152;
    /** ops/wip: material on quality hold entered a station where it would be consumed; it was not consumed. */
    public static final short OPS_CONSUMPTION_BLOCKED = 153;
    // quality hold, picking, shipping, unauthorized movement (ShippingRules) 155..169
    /** ops/shipping: an item was put on quality hold (detail = cause; see {@code ShippingRules}). */
    public static final short OPS_HOLD = 155;
    /** ops/shipping: an item was released from quality hold (detail = cause, dwell = time held in ms). */
    public static final short OPS_RELEASE = 156;
    /** ops/shipping: a held item moved toward shipping, or was held on the outbound side (staging, dock, exit). */
    public static final short OPS_HELD_TO_SHIPPING = 157;
    /** ops/shipping: an item entering a shipment's dock was verified against an open shipment line. */
    public static final short OPS_PICKED = 158;
    /** ops/shipping: a shipment line was complete when the shipment was shipped. */
    public static final short OPS_SHIPMENT_COMPLETE = 159;
    /** ops/shipping: a shipment line was short when the shipment was shipped (dwell = missing quantity). */
    public static final short OPS_SHIPMENT_SHORT = 160;
    /** ops/shipping: an item not on the open shipment (or over its line) entered the shipment's dock. */
    public static final short OPS_WRONG_ITEM = 161;
    /** ops/shipping: an item entered a restricted zone or one whose allow-list excludes its SKU. */
    public static final short OPS_UNAUTHORIZED_ZONE = 162;
    /** ops/shipping: an item left through a dock or exit zone with no shipment or transfer authorising it. */
    public static final short OPS_UNAUTHORIZED_EXIT = 163;
    /** ops/shipping: a shipment was shipped (closed); its picked items left stock. */
    public static final short OPS_SHIPPED = 164;
    /** ops/shipping: a picked item was taken off its shipment (moved back, held, issued, cancelled). */
    public static final short OPS_UNPICKED = 165;
    /** ops/shipping: an item left through a dock or exit zone under a transfer authorisation. */
    public static final short OPS_TRANSFER_EXIT = 166;
    /** ops/shipping: a shipment was cancelled; its picked items stay in stock. */
    public static final short OPS_SHIPMENT_CANCELLED = 167;
    // lots, expiry, condition monitoring (LotRules) 170..179
    /**
     * ops/lots: a later-ranked lot was consumed or shipped while an earlier one was available (FIFO, by in-date;
     * detail = issue reason, dwell = earlier lot id, rssi = used lot id).
     */
    public static final short OPS_FIFO_VIOLATION = 170;
    /**
     * ops/lots: a later-expiring lot was consumed or shipped while an earlier-expiring one was available (FEFO;
     * detail = issue reason, dwell = earlier lot id, rssi = used lot id).
     */
    public static final short OPS_FEFO_VIOLATION = 171;
    /** ops/lots: a lot in stock comes within its warning time of expiry (epcHigh = SKU key, dwell = lot id). */
    public static final short OPS_EXPIRY_APPROACHING = 172;
    /** ops/lots: a lot in stock expired (epcHigh = SKU key, dwell = lot id, rssi = on hand). */
    public static final short OPS_EXPIRED = 173;
    /** ops/lots: an expired lot was consumed or shipped (dwell = lot id, rssi = hours since expiry). */
    public static final short OPS_EXPIRED_USED = 174;
    /**
     * ops/lots: a condition (temperature, humidity) went outside the limits of lots in a zone or container
     * (detail = quantity code, source = sensor, dwell = limit, rssi = value, both in hundredths).
     */
    public static final short OPS_EXCURSION_START = 175;
    /** ops/lots: a condition excursion ended (dwell = duration in ms, rssi = peak in hundredths). */
    public static final short OPS_EXCURSION_END = 176;
    // accuracy, cycle counts, ABC, analytics (AccuracyRules) 180..189
    /**
     * ops/accuracy: a cycle count (zone sweep) completed: source = count id, detail = record accuracy bp, dwell = items
     * counted, rssi = lines (see {@code AccuracyRules}).
     */
    public static final short OPS_CYCLE_COUNT_COMPLETE = 180;
    /**
     * ops/accuracy: a discrepancy: detail 1 = report line (dwell = book, rssi = detected), 2 = count line (dwell =
     * book, rssi = counted), 3 = item missing from a count, 4 = item unrecorded where counted
     * (see {@code AccuracyRules}).
     */
    public static final short OPS_COUNT_DISCREPANCY = 181;
    /**
     * ops/accuracy: the accuracy of a zone (toZone) or the site (toZone -1) against the books: detail = record accuracy
     * bp, dwell = quantity accuracy bp, rssi = lines; source = count id after a cycle count, else 0.
     */
    public static final short OPS_ACCURACY = 182;
    /**
     * ops/accuracy: a suggestion of what to count next (SKU x zone): detail = ABC class (1 A, 2 B, 3 C), dwell = ms
     * overdue, rssi = detected on hand.
     */
    public static final short OPS_COUNT_SUGGESTED = 183;
    // containers (ContainerRules) 190..199
    /** ops/containers: an item was packed into a container (dwell / rssi = container EPC high / low bits). */
    public static final short OPS_PACKED = 190;
    /** ops/containers: an item was unpacked from a container (detail = cause; dwell / rssi = container EPC). */
    public static final short OPS_UNPACKED = 191;
    /** ops/containers: a container moved and carried its contents (dwell = carried, rssi = found apart). */
    public static final short OPS_CONTAINER_MOVED = 192;

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
            case OPS_OPERATION_START: return "operation_start";
            case OPS_OPERATION_COMPLETE: return "operation_complete";
            case OPS_BOTTLENECK: return "bottleneck";
            case OPS_BOTTLENECK_CLEARED: return "bottleneck_cleared";
            case OPS_CONSUMED: return "consumed";
            case OPS_OVER_CONSUMPTION: return "over_consumption";
            case OPS_WORK_ORDER_COMPLETE: return "work_order_complete";
            case OPS_OFF_ROUTE: return "off_route";
            case OPS_WORK_ORDER_CLOSED: return "work_order_closed";
            case OPS_ITEM_COMPLETE: return "item_complete";
            case OPS_CONSUMPTION_BLOCKED: return "consumption_blocked";
            case OPS_HOLD: return "hold";
            case OPS_RELEASE: return "release";
            case OPS_HELD_TO_SHIPPING: return "held_to_shipping";
            case OPS_PICKED: return "picked";
            case OPS_SHIPMENT_COMPLETE: return "shipment_complete";
            case OPS_SHIPMENT_SHORT: return "shipment_short";
            case OPS_WRONG_ITEM: return "wrong_item";
            case OPS_UNAUTHORIZED_ZONE: return "unauthorized_zone";
            case OPS_UNAUTHORIZED_EXIT: return "unauthorized_exit";
            case OPS_SHIPPED: return "shipped";
            case OPS_UNPICKED: return "unpicked";
            case OPS_TRANSFER_EXIT: return "transfer_exit";
            case OPS_SHIPMENT_CANCELLED: return "shipment_cancelled";
            case OPS_FIFO_VIOLATION: return "fifo_violation";
            case OPS_FEFO_VIOLATION: return "fefo_violation";
            case OPS_EXPIRY_APPROACHING: return "expiry_approaching";
            case OPS_EXPIRED: return "expired";
            case OPS_EXPIRED_USED: return "expired_used";
            case OPS_EXCURSION_START: return "excursion_start";
            case OPS_EXCURSION_END: return "excursion_end";
            case OPS_CYCLE_COUNT_COMPLETE: return "cycle_count_complete";
            case OPS_COUNT_DISCREPANCY: return "count_discrepancy";
            case OPS_ACCURACY: return "accuracy";
            case OPS_COUNT_SUGGESTED: return "count_suggested";
            case OPS_PACKED: return "packed";
            case OPS_UNPACKED: return "unpacked";
            case OPS_CONTAINER_MOVED: return "container_moved";
            default: return "event_" + type;
        }
    }
}
