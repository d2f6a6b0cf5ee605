package dev.inventory.core.journal;

import java.nio.ByteBuffer;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.record.RecordDescriptor;

/**
 * Drives a journal and a pipeline the way the engine thread does: generated records land in a ring-like buffer,
 * each batch is appended (in two runs when it wraps), processed, then {@link Journal#afterBatch(Pipeline)}.
 * NOT threadsafe.
 */
final class JournalDriver
{
    static final int RING_CAPACITY = 4096;

    private final ByteBuffer ring = GeneratedInput.newBuffer(RING_CAPACITY);
    private final Journal journal;
    private final Pipeline pipeline;

    JournalDriver(final Journal journal, final Pipeline pipeline)
    {
        this.journal = journal;
        this.pipeline = pipeline;
    }

    /**
     * Journal and process records [pipeline.recordCount(), to) in batches.
     */
    void run(final long to, final int batchSize)
    {
        long next = pipeline.recordCount();
        while (next < to)
        {
            final int count = (int)Math.min(batchSize, to - next);
            batch(next, count);
            next += count;
        }
    }

    void batch(final long first, final int count)
    {
        final ByteBuffer ring = this.ring;
        final int start = (int)(first % RING_CAPACITY);
        for (int k = 0; k < count; k++)
        {
            GeneratedInput.write(ring, slot(start + k), first + k);
        }
        appendAndProcess(start, count);
    }

    /** Append, process and finish a batch already in the ring (for the allocation test). */
    void appendAndProcess(final int start, final int count)
    {
        final int firstRun = Math.min(count, RING_CAPACITY - start);
        journal.append(ring, slot(start), firstRun);
        if (firstRun < count)
        {
            journal.append(ring, 0, count - firstRun);
        }
        for (int k = 0; k < count; k++)
        {
            pipeline.onRecord(ring, slot(start + k));
        }
        journal.afterBatch(pipeline);
    }

    ByteBuffer ring()
    {
        return ring;
    }

    private static int slot(final int index)
    {
        return (index & (RING_CAPACITY - 1)) << RecordDescriptor.RECORD_LENGTH_SHIFT;
    }
}
