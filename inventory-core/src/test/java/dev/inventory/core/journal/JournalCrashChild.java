package dev.inventory.core.journal;

import java.nio.file.Path;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.ingest.Publisher;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Child process of {@link JournalCrashTest}, killed with SIGKILL by the test. Modes:
 * <ul>
 * <li>{@code engine DIR TOTAL}: run an engine with the journal on and publish the generated input as fast as
 *     possible, printing {@code PROGRESS <published> <journaled>} every 100,000 records; then wait to be killed.</li>
 * <li>{@code half DIR RECORDS}: journal RECORDS records without an engine, then open an excerpt, write half of it,
 *     print {@code HALF} and wait to be killed inside the excerpt.</li>
 * </ul>
 */
public final class JournalCrashChild
{
    static final int SNAPSHOT_INTERVAL_RECORDS = 300_000;

    private JournalCrashChild()
    {
    }

    static EngineConfig config(final Path dir)
    {
        return GeneratedInput.config(dir).snapshotIntervalRecords(SNAPSHOT_INTERVAL_RECORDS).build();
    }

    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[1]);
        final long records = Long.parseLong(args[2]);
        if ("engine".equals(args[0]))
        {
            runEngine(dir, records);
        }
        else
        {
            dieInsideExcerpt(dir, records);
        }
        System.in.read(); // wait for the kill; a closed stdin (parent gone) ends the process
        System.exit(3);
    }

    private static void runEngine(final Path dir, final long total)
    {
        final InventoryEngine engine = new InventoryEngine(config(dir)).start();
        final Publisher publisher = engine.publisher();
        for (long i = 0; i < total; i++)
        {
            long sequence;
            while ((sequence = publisher.tryClaim()) < 0)
            {
                if (sequence == Publisher.CLOSED)
                {
                    throw new IllegalStateException("engine closed");
                }
                Thread.onSpinWait();
            }
            GeneratedInput.write(publisher.buffer(), publisher.offset(sequence), i);
            publisher.commit(sequence);
            if ((i + 1) % 100_000 == 0)
            {
                System.out.println("PROGRESS " + (i + 1) + " " + engine.counters().get(Counters.JOURNALED));
                System.out.flush();
            }
        }
        System.out.println("DONE");
        System.out.flush();
    }

    private static void dieInsideExcerpt(final Path dir, final long records) throws Exception
    {
        final EngineConfig config = config(dir);
        final Pipeline pipeline = GeneratedInput.newPipeline(config);
        final ChronicleJournal journal = new ChronicleJournal(config);
        journal.recover(pipeline);
        new JournalDriver(journal, pipeline).run(records, 1_000);
        final DocumentContext context = journal.appender().writingDocument();
        final Bytes<?> bytes = context.wire().bytes();
        bytes.writeLong(records);
        bytes.writeInt(100);
        bytes.writeInt(0);
        bytes.write(new byte[50 * 64]); // half of the 100 records announced; the document is never closed
        System.out.println("HALF");
        System.out.flush();
    }
}
