package dev.inventory.rtls.adapter;

/**
 * Where a {@link TwrDeviceAdapter} gets ranges: a device client, a file, a simulator. Polled on the adapter's
 * thread only.
 */
public interface RangeSource
{
    /** Returned by {@link #poll(RangeHandler, int)} when the source has no more ranges, ever. */
    int END = -1;

    /**
     * Receives ranges. Called on the adapter's thread.
     */
    interface RangeHandler
    {
        /**
         * @param timeMs    measurement time, epoch ms (ranges of one fix share it).
         * @param tagId     tag id.
         * @param anchorId  anchor id.
         * @param distanceM distance in metres.
         */
        void onRange(long timeMs, long tagId, int anchorId, double distanceM);
    }

    /**
     * Deliver up to {@code limit} ranges.
     *
     * @param handler receives them.
     * @param limit   most to deliver.
     * @return ranges delivered (0 when idle), or {@link #END}.
     */
    int poll(RangeHandler handler, int limit);

    /** Release resources; called once on the adapter's thread when it stops. */
    default void close()
    {
    }
}
