package dev.inventory.core.spi;

/**
 * How the engine treats a sink that fails: retries of the same batch with backoff, then either skips the batch
 * (counting its events as dropped) or parks the sink (no further delivery; events counted as dropped) until
 * resumed. Immutable; threadsafe.
 *
 * @param bufferCapacity events buffered for the sink, a power of two; when full, new events are dropped and counted.
 * @param maxRetries     retries of a failing batch before giving up on it.
 * @param retryBackoffMs pause between retries in ms.
 * @param parkOnFailure  true to park the sink after the retries, false to skip the batch and go on.
 * @param maxBatch       most events per call to the sink.
 */
public record SinkPolicy(int bufferCapacity, int maxRetries, long retryBackoffMs, boolean parkOnFailure, int maxBatch)
{
    /** 64k events buffered, 3 retries 100 ms apart, then skip the batch; batches of up to 1024. */
    public static final SinkPolicy DEFAULT = new SinkPolicy(1 << 16, 3, 100, false, 1024);

    /**
     * Validate.
     */
    public SinkPolicy
    {
        if (bufferCapacity < 2 || Integer.bitCount(bufferCapacity) != 1)
        {
            throw new IllegalArgumentException("sink bufferCapacity must be a power of two >= 2: " + bufferCapacity);
        }
        if (maxRetries < 0)
        {
            throw new IllegalArgumentException("sink maxRetries must be >= 0: " + maxRetries);
        }
        if (retryBackoffMs < 0)
        {
            throw new IllegalArgumentException("sink retryBackoffMs must be >= 0: " + retryBackoffMs);
        }
        if (maxBatch < 1)
        {
            throw new IllegalArgumentException("sink maxBatch must be >= 1: " + maxBatch);
        }
    }

    /**
     * @param parkOnFailure see the record component.
     * @return a copy with that setting.
     */
    public SinkPolicy withParkOnFailure(final boolean parkOnFailure)
    {
        return new SinkPolicy(bufferCapacity, maxRetries, retryBackoffMs, parkOnFailure, maxBatch);
    }

    /**
     * @param bufferCapacity see the record component.
     * @return a copy with that setting.
     */
    public SinkPolicy withBufferCapacity(final int bufferCapacity)
    {
        return new SinkPolicy(bufferCapacity, maxRetries, retryBackoffMs, parkOnFailure, maxBatch);
    }

    /**
     * @param maxRetries     see the record component.
     * @param retryBackoffMs see the record component.
     * @return a copy with those settings.
     */
    public SinkPolicy withRetries(final int maxRetries, final long retryBackoffMs)
    {
        return new SinkPolicy(bufferCapacity, maxRetries, retryBackoffMs, parkOnFailure, maxBatch);
    }
}
