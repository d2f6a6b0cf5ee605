package dev.inventory.core.event;

/**
 * Receives events as the pipeline emits them, on the engine thread. The engine's implementation fans out to
 * sink buffers; benchmarks and tests may plug their own. Implementations must not block and must not allocate.
 */
@FunctionalInterface
public interface EventListener
{
    /**
     * @param event the event, valid only during the call.
     */
    void onEvent(EventFlyweight event);
}
