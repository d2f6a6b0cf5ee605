package dev.inventory.rtls.adapter;

/**
 * Where a {@link TdoaDeviceAdapter} gets TDoA arrivals (one anchor's reception of one tag blink): a device client,
 * a file, a simulator. Polled on the adapter's thread only.
 */
public interface ArrivalSource
{
    /** Returned by {@link #poll(ArrivalHandler, int)} when the source has no more arrivals, ever. */
    int END = -1;

    /**
     * Receives arrivals. Called on the adapter's thread.
     */
    interface ArrivalHandler
    {
        /**
         * @param timeMs   blink time, epoch ms: the arrivals of one blink share it (and the tag id).
         * @param tagId    tag id.
         * @param anchorId anchor id.
         * @param toaPs    time of arrival in picoseconds on the anchors' common (synchronized) clock, any epoch;
         *                 only differences within a blink matter. Unwrap device counters before (a blink that spans
         *                 a counter wrap is rejected as physically impossible).
         */
        void onArrival(long timeMs, long tagId, int anchorId, long toaPs);
    }

    /**
     * Deliver up to {@code limit} arrivals.
     *
     * @param handler receives them.
     * @param limit   most to deliver.
     * @return arrivals delivered (0 when idle), or {@link #END}.
     */
    int poll(ArrivalHandler handler, int limit);

    /** Release resources; called once on the adapter's thread when it stops. */
    default void close()
    {
    }
}
