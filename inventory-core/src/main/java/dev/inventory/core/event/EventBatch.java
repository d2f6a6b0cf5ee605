package dev.inventory.core.event;

/**
 * A batch of events handed to a sink. Valid only during the call to
 * {@link dev.inventory.core.spi.EventSink#onEvents(EventBatch)}; copy what you keep. Instances are NOT threadsafe.
 */
public interface EventBatch
{
    /** @return events in the batch, at least 1. */
    int size();

    /**
     * Wrap the event at an index into the batch's reusable flyweight.
     *
     * @param index 0..size()-1.
     * @return the flyweight, valid until the next call.
     */
    EventFlyweight event(int index);
}
