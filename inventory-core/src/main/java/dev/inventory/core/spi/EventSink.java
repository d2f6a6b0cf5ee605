package dev.inventory.core.spi;

import dev.inventory.core.event.EventBatch;

/**
 * Receives the engine's events in batches, on a thread of its own (never the engine thread). A sink that throws
 * is retried and then parked or skipped according to its {@link SinkPolicy}; a sink that stalls fills its own
 * bounded buffer and further events for it are counted as dropped. Neither ever blocks or kills the engine.
 * <p>
 * Implementations are called from one sink thread at a time.
 */
public interface EventSink
{
    /** @return a name for logs and counters. */
    default String roleName()
    {
        return getClass().getSimpleName();
    }

    /**
     * Called once on the sink thread before the first batch.
     *
     * @param context names for zones and EPC formatting.
     * @throws Exception if the sink cannot start; it is then parked.
     */
    default void onStart(final SinkContext context) throws Exception
    {
    }

    /**
     * Handle a batch. Throwing makes the engine retry the same batch per policy.
     *
     * @param batch events, valid only during the call.
     * @throws Exception on failure.
     */
    void onEvents(EventBatch batch) throws Exception;

    /**
     * Called once on the sink thread after the last batch, when the engine closes.
     *
     * @throws Exception on failure; logged.
     */
    default void onClose() throws Exception
    {
    }
}
