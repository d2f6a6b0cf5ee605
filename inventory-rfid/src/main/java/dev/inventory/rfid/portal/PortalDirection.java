package dev.inventory.rfid.portal;

import dev.inventory.core.event.EventType;

/**
 * Portal decisions and the event type codes they are emitted with (the ALE/portal range 120..129 of
 * {@link EventType#FIRST_EXTENSION}-based codes). Constants only; threadsafe.
 */
public final class PortalDirection
{
    /** The tag passed from the outer side to the inner side (outer peak before inner peak). */
    public static final int IN = 1;
    /** The tag passed from the inner side to the outer side (inner peak before outer peak). */
    public static final int OUT = 2;
    /** The tag only came near: one side only, too weak, too flat, or the peaks too close in time. */
    public static final int NEAR = 3;

    /** Event type of an {@link #IN} decision. */
    public static final short PORTAL_IN = 120;
    /** Event type of an {@link #OUT} decision. */
    public static final short PORTAL_OUT = 121;
    /** Event type of a {@link #NEAR} decision. */
    public static final short PORTAL_NEAR = 122;

    private PortalDirection()
    {
    }

    /**
     * @param direction {@link #IN}, {@link #OUT} or {@link #NEAR}.
     * @return its event type code.
     */
    public static short eventType(final int direction)
    {
        switch (direction)
        {
            case IN: return PORTAL_IN;
            case OUT: return PORTAL_OUT;
            default: return PORTAL_NEAR;
        }
    }

    /**
     * @param direction a direction code.
     * @return "IN", "OUT", "NEAR" or "UNKNOWN".
     */
    public static String name(final int direction)
    {
        switch (direction)
        {
            case IN: return "IN";
            case OUT: return "OUT";
            case NEAR: return "NEAR";
            default: return "UNKNOWN";
        }
    }
}
