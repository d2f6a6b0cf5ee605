package dev.inventory.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.record.RecordDescriptor;
import net.openhft.chronicle.core.time.SetTimeProvider;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChronicleJournalTest
{
    @TempDir
    Path dir;

    private EngineConfig config(final long snapshotIntervalRecords)
    {
        return GeneratedInput.config(dir).snapshotIntervalRecords(snapshotIntervalRecords).build();
    }

    private static void assertSameState(final Pipeline actual, final Pipeline expected) throws IOException
    {
        GeneratedInput.assertSameState(actual, expected);
    }

    /** Journal and process records [0, records) with a fresh journal; returns the live pipeline. */
    private Pipeline journal(final EngineConfig config, final long records, final boolean snapshotOnClose)
        throws IOException
    {
        final Pipeline pipeline = GeneratedInput.newPipeline(config);
        final ChronicleJournal journal = new ChronicleJournal(config);
        try
        {
            assertThat(journal.recover(pipeline)).isZero();
            new JournalDriver(journal, pipeline).run(records, 1_000);
            assertThat(journal.journaledRecords()).isEqualTo(records);
        }
        finally
        {
            if (snapshotOnClose)
            {
                journal.close(pipeline);
            }
            else
            {
                journal.close();
            }
        }
        return pipeline;
    }

    private static Pipeline recover(final EngineConfig config, final long expectedReplayed) throws IOException
    {
        final Pipeline pipeline = GeneratedInput.newPipeline(config);
        try (ChronicleJournal journal = new ChronicleJournal(config))
        {
            assertThat(journal.recover(pipeline)).isEqualTo(expectedReplayed);
            assertThat(journal.journaledRecords()).isEqualTo(pipeline.recordCount());
        }
        return pipeline;
    }

    private List<Long> snapshotIndexes() throws IOException
    {
        return new SnapshotStore(dir).list();
    }

    @Test
    void shouldRecoverIdenticalStateWhenClosedWithoutSnapshot() throws IOException
    {
        final EngineConfig config = config(0);
        final Pipeline live = journal(config, 300_000, false);
        assertThat(snapshotIndexes()).isEmpty();

        final Pipeline recovered = recover(config, 300_000);

        assertSameState(recovered, live);
        assertSameState(recovered, GeneratedInput.reference(config, 300_000));
    }

    @Test
    void shouldRecoverFromFinalSnapshotWhenClosedWithPipeline() throws IOException
    {
        final EngineConfig config = config(0);
        final Pipeline live = journal(config, 200_000, true);
        assertThat(snapshotIndexes()).containsExactly(200_000L);

        final Pipeline recovered = recover(config, 0);

        assertSameState(recovered, live);
        assertSameState(recovered, GeneratedInput.reference(config, 200_000));
    }

    @Test
    void shouldEqualFullReplayWhenRecoveringFromSnapshotAndTail() throws IOException
    {
        final EngineConfig config = config(100_000);
        final Pipeline live = journal(config, 350_000, false);
        assertThat(snapshotIndexes()).containsExactly(200_000L, 300_000L);

        final Pipeline recovered = recover(config, 50_000);
        final Pipeline fullReplay = GeneratedInput.newPipeline(config);
        assertThat(ChronicleJournal.replay(dir, 0, (index, buffer, offset) -> fullReplay.onRecord(buffer, offset)))
            .isEqualTo(350_000);
        final Pipeline readOnly = GeneratedInput.newPipeline(config);
        assertThat(ChronicleJournal.replay(dir, readOnly)).isEqualTo(50_000);

        assertSameState(recovered, fullReplay);
        assertSameState(readOnly, fullReplay);
        assertSameState(recovered, live);
        assertSameState(recovered, GeneratedInput.reference(config, 350_000));
    }

    @Test
    void shouldFallBackToPreviousSnapshotWhenNewestIsCorrupt() throws IOException
    {
        final EngineConfig config = config(100_000);
        journal(config, 350_000, false);
        final Path newest = dir.resolve(SnapshotStore.fileName(300_000));
        try (RandomAccessFile file = new RandomAccessFile(newest.toFile(), "rw"))
        {
            final long middle = file.length() / 2;
            file.seek(middle);
            final int b = file.read();
            file.seek(middle);
            file.write(b ^ 0x40);
        }

        final Pipeline recovered = recover(config, 150_000);

        assertSameState(recovered, GeneratedInput.reference(config, 350_000));
    }

    @Test
    void shouldFallBackToPreviousSnapshotWhenNewestIsIncomplete() throws IOException
    {
        final EngineConfig config = config(100_000);
        journal(config, 350_000, false);
        final Path newest = dir.resolve(SnapshotStore.fileName(300_000));
        try (RandomAccessFile file = new RandomAccessFile(newest.toFile(), "rw"))
        {
            file.setLength(file.length() - 1_000);
        }
        Files.write(dir.resolve(SnapshotStore.fileName(340_000) + SnapshotStore.TEMP_SUFFIX), new byte[100]);

        final Pipeline recovered = recover(config, 150_000);

        assertSameState(recovered, GeneratedInput.reference(config, 350_000));
        assertThat(dir.resolve(SnapshotStore.fileName(340_000) + SnapshotStore.TEMP_SUFFIX)).doesNotExist();
    }

    @Test
    void shouldContinueJournalIndexWhenReopened() throws IOException
    {
        final EngineConfig config = config(0);
        journal(config, 100_000, true);

        final Pipeline pipeline = GeneratedInput.newPipeline(config);
        final ChronicleJournal journal = new ChronicleJournal(config);
        try
        {
            assertThat(journal.recover(pipeline)).isZero();
            assertThat(journal.journaledRecords()).isEqualTo(100_000);
            new JournalDriver(journal, pipeline).run(160_000, 777);
        }
        finally
        {
            journal.close();
        }

        final Pipeline recovered = recover(config, 60_000);
        assertSameState(recovered, GeneratedInput.reference(config, 160_000));
        assertReplayMatchesInput(0, 160_000);
    }

    @Test
    void shouldReplayFromRecordIndex() throws IOException
    {
        final EngineConfig config = config(0);
        journal(config, 50_000, false);

        assertReplayMatchesInput(12_345, 50_000);
        assertReplayMatchesInput(49_999, 50_000);
        assertReplayMatchesInput(50_000, 50_000);
    }

    private void assertReplayMatchesInput(final long from, final long to) throws IOException
    {
        final ByteBuffer expected = GeneratedInput.newBuffer(1);
        final AtomicLong next = new AtomicLong(from);
        final long replayed = ChronicleJournal.replay(dir, from, (index, buffer, offset) ->
        {
            assertThat(index).isEqualTo(next.getAndIncrement());
            GeneratedInput.write(expected, 0, index);
            for (int i = 0; i < RecordDescriptor.RECORD_LENGTH; i += 8)
            {
                if (buffer.getLong(offset + i) != expected.getLong(i))
                {
                    throw new AssertionError("record " + index + " differs at byte " + i);
                }
            }
        });
        assertThat(replayed).isEqualTo(to - from);
        assertThat(next.get()).isEqualTo(to);
    }

    @Test
    void shouldReplayAcrossRollCyclesWhenClockAdvances() throws IOException
    {
        final EngineConfig config = config(70_000);
        final SetTimeProvider clock = new SetTimeProvider(GeneratedInput.BASE_TIME_MS);
        final Pipeline live = GeneratedInput.newPipeline(config);
        final ChronicleJournal journal = new ChronicleJournal(config, clock);
        try
        {
            journal.recover(live);
            final JournalDriver driver = new JournalDriver(journal, live);
            for (int hour = 1; hour <= 5; hour++)
            {
                driver.run(hour * 40_000L, 999);
                clock.advanceMillis(TimeUnit.HOURS.toMillis(1) + 1_234);
            }
        }
        finally
        {
            journal.close();
        }
        try (Stream<Path> files = Files.list(dir))
        {
            assertThat(files.filter(f -> f.toString().endsWith(".cq4")).count()).isEqualTo(5);
        }

        final List<Long> snapshots = snapshotIndexes();
        assertThat(snapshots).hasSize(2);
        final Pipeline recovered = recover(config, 200_000 - snapshots.get(1));

        assertSameState(recovered, live);
        assertSameState(recovered, GeneratedInput.reference(config, 200_000));
        assertReplayMatchesInput(0, 200_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRecoverWhenSyncingEachBatch(final int syncLevel) throws IOException
    {
        final EngineConfig config = GeneratedInput.config(dir).journalSyncLevel(syncLevel)
            .snapshotIntervalRecords(0).build();
        final long startNs = System.nanoTime();
        final Pipeline live = journal(config, 200_000, false);
        final long elapsedNs = System.nanoTime() - startNs;
        System.out.printf("sync level %d: 200 batches of 1000 records, %.3f ms per batch including fsync%n",
            syncLevel, elapsedNs / 200 / 1e6);

        final Pipeline recovered = recover(config, 200_000);

        assertSameState(recovered, live);
    }

    @Test
    void shouldRejectAppendBeforeRecover()
    {
        try (ChronicleJournal journal = new ChronicleJournal(config(0)))
        {
            assertThatThrownBy(() -> journal.append(GeneratedInput.newBuffer(1), 0, 1))
                .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldFailReplayWhenDirectoryMissing()
    {
        final Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> ChronicleJournal.replay(missing, GeneratedInput.newPipeline(config(0))))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("no journal directory");
    }

    @Test
    void shouldReplayNothingWhenJournalIsEmpty() throws IOException
    {
        final EngineConfig config = config(0);
        journal(config, 0, true);
        final Pipeline pipeline = GeneratedInput.newPipeline(config);

        assertThat(ChronicleJournal.replay(dir, pipeline)).isZero();
        assertThat(pipeline.recordCount()).isZero();
    }
}
