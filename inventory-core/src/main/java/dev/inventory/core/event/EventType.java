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
    /** First code free for rules modules. */
    public static final short FIRST_EXTENSION = 100;

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
            default: return "event_" + type;
        }
    }
}
