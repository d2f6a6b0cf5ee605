package dev.inventory.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.engine.Pipeline;

/**
 * Kill -9 crash consistency: a child JVM ({@link JournalCrashChild}) journals the generated input and is killed
 * with {@link Process#destroyForcibly()} part-way; the journal directory must then recover to exactly the state of
 * a pipeline that processed the first N records without a journal, N being the records recovered.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JournalCrashTest
{
    private static final long TOTAL_RECORDS = 4_000_000;
    private static final long KILL_AFTER_RECORDS = 500_000;
    private static final long WAIT_MS = 30_000;

    @TempDir
    Path dir;

    @Test
    void shouldRecoverExactlyTheJournaledRecordsWhenEngineIsKilled() throws Exception
    {
        long journaledBeforeKill = 0;
        final Child child = new Child("engine", TOTAL_RECORDS);
        try
        {
            while (true)
            {
                final String line = child.nextLine();
                if (line.startsWith("PROGRESS "))
                {
                    final String[] parts = line.split(" ");
                    journaledBeforeKill = Long.parseLong(parts[2]);
                    if (Long.parseLong(parts[1]) >= KILL_AFTER_RECORDS)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            child.kill();
        }

        final EngineConfig config = JournalCrashChild.config(dir);
        final Pipeline recovered = GeneratedInput.newPipeline(config);
        final long replayed = ChronicleJournal.replay(dir, recovered);
        final long recoveredRecords = recovered.recordCount();
        System.out.printf("crash test: killed after %d journaled (reported), recovered %d records (%d replayed " +
            "after the snapshot), snapshots %s%n", journaledBeforeKill, recoveredRecords, replayed,
            new SnapshotStore(dir).list());

        assertThat(recoveredRecords).isBetween(Math.max(1, journaledBeforeKill), TOTAL_RECORDS);
        GeneratedInput.assertSameState(recovered, GeneratedInput.reference(config, recoveredRecords));

        assertRestartContinuesJournal(config, recoveredRecords);
    }

    @Test
    void shouldNotReplayExcerptWhenWriterIsKilledInsideIt() throws Exception
    {
        final long records = 100_000;
        final Child child = new Child("half", records);
        try
        {
            assertThat(child.nextLine()).isEqualTo("HALF");
        }
        finally
        {
            child.kill();
        }

        final EngineConfig config = JournalCrashChild.config(dir);
        final Pipeline recovered = GeneratedInput.newPipeline(config);
        ChronicleJournal.replay(dir, recovered);

        assertThat(recovered.recordCount()).isEqualTo(records);
        GeneratedInput.assertSameState(recovered, GeneratedInput.reference(config, records));

        assertRestartContinuesJournal(config, records);
    }

    /** A new engine's journal on the crashed directory recovers the same state and journals on after it. */
    private void assertRestartContinuesJournal(final EngineConfig config, final long recoveredRecords)
        throws IOException
    {
        final long startNs = System.nanoTime();
        final Pipeline pipeline = GeneratedInput.newPipeline(config);
        final ChronicleJournal journal = new ChronicleJournal(config);
        try
        {
            journal.recover(pipeline);
            assertThat(pipeline.recordCount()).isEqualTo(recoveredRecords);
            new JournalDriver(journal, pipeline).run(recoveredRecords + 50_000, 1_000);
        }
        finally
        {
            journal.close(pipeline);
        }
        System.out.printf("restart after crash: recovered and journaled 50000 more records in %.0f ms%n",
            (System.nanoTime() - startNs) / 1e6);

        final Pipeline replayed = GeneratedInput.newPipeline(config);
        ChronicleJournal.replay(dir, replayed);
        GeneratedInput.assertSameState(replayed, GeneratedInput.reference(config, recoveredRecords + 50_000));
        final Pipeline fromStart = GeneratedInput.newPipeline(config);
        assertThat(ChronicleJournal.replay(dir, 0, (index, buffer, offset) -> fromStart.onRecord(buffer, offset)))
            .isEqualTo(recoveredRecords + 50_000);
        GeneratedInput.assertSameState(fromStart, replayed);
    }

    /** The child JVM with its output pumped into a queue; {@link #kill()} leaves nothing behind. */
    private final class Child
    {
        private final Process process;
        private final Thread pump;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Child(final String mode, final long records) throws IOException
        {
            final List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
            {
                if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                    argument.startsWith("-Dchronicle") || argument.startsWith("-Xmx"))
                {
                    command.add(argument);
                }
            }
            command.add("-ea");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(JournalCrashChild.class.getName());
            command.add(mode);
            command.add(dir.toString());
            command.add(Long.toString(records));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            pump = new Thread(this::pump, "crash-child-output");
            pump.setDaemon(true);
            pump.start();
        }

        private void pump()
        {
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    lines.add(line);
                }
            }
            catch (final IOException ex)
            {
                // the child died
            }
        }

        String nextLine() throws InterruptedException
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (true)
            {
                final String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (null != line)
                {
                    if (line.startsWith("PROGRESS") || line.equals("HALF") || line.equals("DONE"))
                    {
                        return line;
                    }
                    System.out.println("child: " + line);
                    continue;
                }
                if (!process.isAlive() && lines.isEmpty())
                {
                    throw new AssertionError("child exited with " + process.exitValue());
                }
                if (System.nanoTime() > deadlineNs)
                {
                    throw new AssertionError("child gave no progress in " + WAIT_MS + " ms");
                }
            }
        }

        void kill() throws InterruptedException
        {
            process.destroyForcibly();
            assertThat(process.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
            pump.join(WAIT_MS);
            assertThat(pump.isAlive()).isFalse();
        }
    }
}
