package dev.inventory.rtls.site;

import dev.inventory.core.event.EventType;

/**
 * RTLS event type codes, in the extension range of {@link EventType}. In these events the EPC high field carries
 * the tag id, and from/to zone are <b>engine</b> zone ids ({@code Pipeline#zones()}): the {@link SiteMap} zones and
 * the BLE rooms are registered there by name ({@link ZoneTracker}, {@code BleZoneExtension}), so a zone of the same
 * name as an RFID zone is that zone. For the UWB zone events the source is the solver id of the deciding position;
 * for the BLE events it is the deciding receiver. Stateless, threadsafe.
 */
public final class RtlsEventType
{
    /** A tag entered a zone (toZone). */
    public static final short ZONE_ENTER = EventType.FIRST_EXTENSION + 10;
    /** A tag left a zone (fromZone), with the dwell. */
    public static final short ZONE_EXIT = EventType.FIRST_EXTENSION + 11;
    /** A tag stayed in a zone (toZone) longer than the zone's dwell limit; once per visit. */
    public static final short DWELL_EXCEEDED = EventType.FIRST_EXTENSION + 12;
    /** An unauthorized tag entered a restricted zone (toZone). */
    public static final short RESTRICTED_ENTRY = EventType.FIRST_EXTENSION + 13;
    /** A BLE tag's room was set (toZone; fromZone = previous room or -1), see {@link EventType#RTLS_BLE_ZONE_ENTER}. */
    public static final short BLE_ZONE_ENTER = EventType.RTLS_BLE_ZONE_ENTER;
    /** A BLE tag left its room (fromZone; toZone = new room, or -1 if absent), {@link EventType#RTLS_BLE_ZONE_EXIT}. */
    public static final short BLE_ZONE_EXIT = EventType.RTLS_BLE_ZONE_EXIT;

    private RtlsEventType()
    {
    }

    /**
     * @param type code.
     * @return lower-case name, or the core name for other codes.
     */
    public static String name(final int type)
    {
        switch (type)
        {
            case ZONE_ENTER: return "zone_enter";
            case ZONE_EXIT: return "zone_exit";
            case DWELL_EXCEEDED: return "dwell_exceeded";
            case RESTRICTED_ENTRY: return "restricted_entry";
            case BLE_ZONE_ENTER: return "ble_zone_enter";
            case BLE_ZONE_EXIT: return "ble_zone_exit";
            default: return EventType.name(type);
        }
    }
}
