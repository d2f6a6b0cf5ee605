package dev.inventory.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;

import dev.inventory.core.engine.Pipeline;

/**
 * A write-ahead journal of input records with periodic pipeline snapshots. The engine calls, on its thread:
 * {@link #recover(Pipeline)} once before processing, {@link #append} for each batch before processing it,
 * {@link #afterBatch(Pipeline)} after processing it, and {@link #close(Pipeline)} at the end. Instances are NOT
 * threadsafe except {@link #journaledRecords()}.
 */
public interface Journal extends AutoCloseable
{
    /**
     * Restore the pipeline to the state at the end of the journal: load the latest complete snapshot and replay the
     * records journaled after it.
     *
     * @param pipeline a freshly built pipeline.
     * @return records replayed from the journal tail (not counting those covered by the snapshot).
     * @throws IOException if the journal or snapshot cannot be read.
     */
    long recover(Pipeline pipeline) throws IOException;

    /**
     * Append whole records, before they change the ledger.
     *
     * @param buffer holding the records (little-endian).
     * @param offset of the first record.
     * @param count  records, each {@link dev.inventory.core.record.RecordDescriptor#RECORD_LENGTH} bytes.
     */
    void append(ByteBuffer buffer, int offset, int count);

    /**
     * Called after a batch was processed: write a snapshot when one is due.
     *
     * @param pipeline the pipeline.
     */
    void afterBatch(Pipeline pipeline);

    /** @return records journaled so far (any thread). */
    long journaledRecords();

    /**
     * Write a final snapshot and close.
     *
     * @param pipeline the pipeline.
     */
    void close(Pipeline pipeline);

    /** Close without a snapshot. */
    @Override
    void close();
}
