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
    /** inventory-rfid: a tag passed a portal inwards (detail = confidence in permille). */
    public static final short PORTAL_IN = 120;
    /** inventory-rfid: a tag passed a portal outwards (detail = confidence in permille). */
    public static final short PORTAL_OUT = 121;
    /** inventory-rfid: a tag came near a portal without passing (detail = confidence in permille). */
    public static final short PORTAL_NEAR = 122;

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
            case PORTAL_IN: return "portal_in";
            case PORTAL_OUT: return "portal_out";
            case PORTAL_NEAR: return "portal_near";
            default: return "event_" + type;
        }
    }
}
