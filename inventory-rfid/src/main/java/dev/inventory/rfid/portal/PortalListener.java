package dev.inventory.rfid.portal;

/**
 * Receives portal decisions on the thread that drives the {@link PortalDetector} (the engine thread). The
 * {@link PortalPass} view is reused: read it during the call. Implementations need not be threadsafe.
 */
@FunctionalInterface
public interface PortalListener
{
    /**
     * @param pass the decided pass: direction, confidence and the RSSI profile summary of both antenna groups.
     */
    void onPass(PortalPass pass);
}
