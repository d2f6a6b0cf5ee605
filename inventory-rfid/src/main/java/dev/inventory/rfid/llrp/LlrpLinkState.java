package dev.inventory.rfid.llrp;

/**
 * State of an LLRP client's link to its reader.
 */
public enum LlrpLinkState
{
    /** Not started. */
    DISCONNECTED,
    /** First connection attempt and setup (capabilities, config, ROSpec). */
    CONNECTING,
    /** Set up and inventorying. */
    CONNECTED,
    /** The link was lost or refused; waiting out the backoff or setting up again. */
    RECONNECTING,
    /** Stopped for good. */
    CLOSED
}
