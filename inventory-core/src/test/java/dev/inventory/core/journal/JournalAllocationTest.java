package dev.inventory.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.record.RecordDescriptor;

/**
 * Allocation and throughput of {@link ChronicleJournal#append} on the calling thread, measured with
 * {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()} around every batch.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalAllocationTest
{
    private static final long CHUNK_BYTES = 64L << 20; // Chronicle's default block size: one mapping per chunk

    @TempDir
    Path dir;

    @Test
    void shouldAllocateNothingPerBatchExceptWhenMappingNextChunk() throws IOException
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final EngineConfig config = GeneratedInput.config(dir).snapshotIntervalRecords(0).build();
        final Pipeline pipeline = GeneratedInput.newPipeline(config);
        final int batchRecords = 64;
        final int warmUpBatches = 30_000;
        final int measuredBatches = 50_000;
        final ByteBuffer ring = GeneratedInput.newBuffer(JournalDriver.RING_CAPACITY);
        for (int i = 0; i < JournalDriver.RING_CAPACITY; i++)
        {
            GeneratedInput.write(ring, i << RecordDescriptor.RECORD_LENGTH_SHIFT, i);
        }
        try (ChronicleJournal journal = new ChronicleJournal(config))
        {
            journal.recover(pipeline);
            for (int b = 0; b < warmUpBatches; b++)
            {
                appendBatch(journal, pipeline, ring, b, batchRecords);
            }
            long allocatedBytes = 0;
            int allocatingBatches = 0;
            final StringBuilder detail = new StringBuilder();
            for (int b = 0; b < measuredBatches; b++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                appendBatch(journal, pipeline, ring, b, batchRecords);
                final long delta = threads.getCurrentThreadAllocatedBytes() - before;
                if (delta != 0)
                {
                    if (allocatingBatches < 20)
                    {
                        detail.append(' ').append(b).append(':').append(delta);
                    }
                    allocatedBytes += delta;
                    allocatingBatches++;
                }
            }
            final long journaledBytes =
                (long)measuredBatches * (JournalExcerptDescriptor.HEADER_LENGTH + batchRecords * 64L + 4);
            final long chunks = journaledBytes / CHUNK_BYTES + 1;
            System.out.printf("journal append: %d bytes allocated in %d of %d batches of %d records " +
                "(%.4f bytes/batch; %d MiB journaled, about %d chunk mappings); batch:bytes%s%n", allocatedBytes,
                allocatingBatches, measuredBatches, batchRecords, (double)allocatedBytes / measuredBatches,
                journaledBytes >> 20, chunks, detail);
            assertThat(journal.journaledRecords()).isEqualTo((long)(warmUpBatches + measuredBatches) * batchRecords);
            // Chronicle allocates ~672 bytes when it maps the next 64 MiB chunk, plus a few small one-offs
            assertThat(allocatingBatches).isLessThanOrEqualTo(measuredBatches / 1_000);
            assertThat((double)allocatedBytes / measuredBatches).isLessThan(1.0);
        }
    }

    private static void appendBatch(
        final ChronicleJournal journal, final Pipeline pipeline, final ByteBuffer ring, final int batch, final int records)
    {
        final int start = (batch * records) & (JournalDriver.RING_CAPACITY - 1);
        journal.append(ring, start << RecordDescriptor.RECORD_LENGTH_SHIFT, records);
        journal.afterBatch(pipeline);
    }

    @Test
    void shouldReportAppendThroughput() throws IOException
    {
        final EngineConfig config = GeneratedInput.config(dir).snapshotIntervalRecords(0).build();
        final Pipeline pipeline = GeneratedInput.newPipeline(config);
        final ByteBuffer ring = GeneratedInput.newBuffer(JournalDriver.RING_CAPACITY);
        for (int i = 0; i < JournalDriver.RING_CAPACITY; i++)
        {
            GeneratedInput.write(ring, i << RecordDescriptor.RECORD_LENGTH_SHIFT, i);
        }
        final int batches = 1_000; // 4096-record batches (the default poll limit): 4.1M records, 262 MB
        try (ChronicleJournal journal = new ChronicleJournal(config))
        {
            journal.recover(pipeline);
            for (int round = 0; round < 2; round++)
            {
                final long startNs = System.nanoTime();
                for (int b = 0; b < batches / 2; b++)
                {
                    journal.append(ring, 0, JournalDriver.RING_CAPACITY);
                    journal.afterBatch(pipeline);
                }
                final long elapsedNs = System.nanoTime() - startNs;
                System.out.printf("journal append, round %d: %.1f M records/s (%d records in %.1f ms, sync level 0)%n",
                    round, batches / 2 * (double)JournalDriver.RING_CAPACITY * 1e3 / elapsedNs,
                    batches / 2 * JournalDriver.RING_CAPACITY, elapsedNs / 1e6);
            }
            assertThat(journal.journaledRecords()).isEqualTo((long)batches * JournalDriver.RING_CAPACITY);
        }
    }
}
