package dev.inventory.core.spi;

/**
 * A source of observations: an RFID reader client, an RTLS solver, a file replay. The engine calls
 * {@link #onStart(AdapterContext)} once when it starts; the adapter then publishes records from its own thread(s)
 * through {@link AdapterContext#publisher()} until {@link #onClose()}. An adapter must never block the engine and
 * should count what it drops. Implementations must be threadsafe for onStart/onClose being called from the
 * engine's control thread.
 */
public interface DeviceAdapter
{
    /** @return a name for logs and the health report. */
    default String roleName()
    {
        return getClass().getSimpleName();
    }

    /**
     * Start publishing. Start your own thread here; do not block for long.
     *
     * @param context the publisher and engine facts.
     * @throws Exception if the adapter cannot start; reported, the engine keeps running.
     */
    void onStart(AdapterContext context) throws Exception;

    /**
     * Stop publishing and release resources; wait at most a few seconds for threads to end.
     *
     * @throws Exception on failure; logged.
     */
    void onClose() throws Exception;

    /** @return true while the adapter is running and (if it has a link) connected. */
    default boolean isHealthy()
    {
        return true;
    }
}
