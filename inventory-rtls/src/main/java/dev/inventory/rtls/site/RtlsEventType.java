package dev.inventory.rtls.site;

import dev.inventory.core.event.EventType;

/**
 * RTLS event type codes, in the extension range of {@link EventType}. In these events the EPC high field carries
 * the tag id, from/to zone are {@link SiteMap} zone ids, and the source is the solver id of the deciding position.
 * Stateless, threadsafe.
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
            default: return EventType.name(type);
        }
    }
}
