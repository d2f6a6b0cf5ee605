package dev.inventory.core.record;

import java.nio.ByteBuffer;

/**
 * A clock tick: advances record time so that timers (presence timeout, dwell) fire when no device speaks. Ticks are
 * journaled like any record, so a replay fires timers identically. Instances are NOT threadsafe.
 */
public final class ClockTickFlyweight extends RecordFlyweight
{
    @Override
    public ClockTickFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * @param source      who ticked (0 for the engine's own clock).
     * @param timestampMs time now in epoch ms.
     * @return this.
     */
    public ClockTickFlyweight set(final int source, final long timestampMs)
    {
        header(RecordType.CLOCK_TICK, source, timestampMs);
        return this;
    }
}
