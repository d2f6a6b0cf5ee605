package dev.inventory.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * The journal's pretoucher faults in queue pages ahead of the appender and never changes a journaled byte.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalPretoucherTest
{
    private static final int BATCHES = 200;

    @TempDir
    Path dir;

    @Test
    void shouldTouchPagesAheadOfTheAppenderAndLeaveEveryRecordIntact() throws Exception
    {
        final EngineConfig config = GeneratedInput.config(dir).snapshotIntervalRecords(0).build();
        assertThat(config.journalPretouch()).isTrue();
        final ByteBuffer ring = ring();
        final long records = (long)BATCHES * JournalDriver.RING_CAPACITY;
        final Pipeline pipeline = GeneratedInput.newPipeline(config);
        try (ChronicleJournal journal = new ChronicleJournal(config))
        {
            journal.recover(pipeline);
            for (int b = 0; b < BATCHES; b++)
            {
                journal.append(ring, 0, JournalDriver.RING_CAPACITY);
                journal.afterBatch(pipeline);
            }
            // once the appender stops, the pretoucher catches up to the file's end or 32 MiB ahead of the appender
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long pages = journal.pretouchedPages();
            while (pages < (JournalPretoucher.AHEAD_BYTES >> 12) / 2 && System.nanoTime() < deadlineNs)
            {
                Thread.sleep(10);
                pages = journal.pretouchedPages();
            }
            assertThat(pages).isGreaterThanOrEqualTo((JournalPretoucher.AHEAD_BYTES >> 12) / 2);
            assertThat(journal.journaledRecords()).isEqualTo(records);
        }

        final long[] seen = {0};
        final ByteBuffer expected = GeneratedInput.newBuffer(1);
        final long replayed = ChronicleJournal.replay(dir, 0, (recordIndex, buffer, offset) ->
        {
            GeneratedInput.write(expected, 0, (int)(recordIndex & (JournalDriver.RING_CAPACITY - 1)));
            for (int i = 0; i < RecordDescriptor.RECORD_LENGTH; i += 8)
            {
                if (buffer.getLong(offset + i) != expected.getLong(i))
                {
                    throw new AssertionError("record " + recordIndex + " differs at byte " + i);
                }
            }
            seen[0]++;
        });
        assertThat(replayed).isEqualTo(records);
        assertThat(seen[0]).isEqualTo(records);
    }

    @Test
    void shouldReportAppendThroughputWithAndWithoutPretouch() throws IOException
    {
        final ByteBuffer ring = ring();
        for (final boolean pretouch : new boolean[] {false, true})
        {
            final Path journalDir = dir.resolve("pretouch-" + pretouch);
            final EngineConfig config = GeneratedInput.config(journalDir).snapshotIntervalRecords(0)
                .journalPretouch(pretouch).build();
            final Pipeline pipeline = GeneratedInput.newPipeline(config);
            try (ChronicleJournal journal = new ChronicleJournal(config))
            {
                journal.recover(pipeline);
                final long startNs = System.nanoTime();
                for (int b = 0; b < BATCHES; b++)
                {
                    journal.append(ring, 0, JournalDriver.RING_CAPACITY);
                    journal.afterBatch(pipeline);
                }
                final long elapsedNs = System.nanoTime() - startNs;
                System.out.printf("journal append, pretouch %s: %.1f M records/s (%d records in %.1f ms, %d pages " +
                    "pretouched)%n", pretouch, BATCHES * (double)JournalDriver.RING_CAPACITY * 1e3 / elapsedNs,
                    BATCHES * JournalDriver.RING_CAPACITY, elapsedNs / 1e6, journal.pretouchedPages());
                assertThat(journal.journaledRecords()).isEqualTo((long)BATCHES * JournalDriver.RING_CAPACITY);
                if (!pretouch)
                {
                    assertThat(journal.pretouchedPages()).isZero();
                }
            }
        }
    }

    private static ByteBuffer ring()
    {
        final ByteBuffer ring = GeneratedInput.newBuffer(JournalDriver.RING_CAPACITY);
        for (int i = 0; i < JournalDriver.RING_CAPACITY; i++)
        {
            GeneratedInput.write(ring, i << RecordDescriptor.RECORD_LENGTH_SHIFT, i);
        }
        return ring;
    }
}
