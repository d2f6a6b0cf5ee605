package dev.inventory.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.inventory.core.adapter.FileReplayAdapter;
import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.query.TagView;

/**
 * {@code inventory run --input reads.csv [--config FILE] [--journal DIR]}: feed a CSV of reads through the engine as
 * fast as it takes them, then print the final ledger and the record count (see {@link LedgerPrinter}); counters go
 * to stderr. With a journal, a later {@code replay} of the same journal prints the same output, also after the run
 * was killed part-way (then for the lines it had journaled). Instances are NOT threadsafe.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Run a CSV of RFID reads (ts_ms,reader,antenna,epc_hex,rssi_dbm) through the engine and print the final "
            + "ledger as CSV (epc,zone,since_ms,last_seen_ms) and 'records: N'.",
        "Malformed lines are reported on stderr and still count as one (rejected) record each."
    })
final class RunCommand implements Callable<Integer>
{
    private static final long STEP_MS = 1_000;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "CSV file of reads.")
    Path input;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Engine configuration (properties).")
    Path config;

    @Option(names = {"-j", "--journal"}, paramLabel = "DIR",
        description = "Journal directory (write-ahead journal on; overrides journal.dir).")
    Path journal;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(input))
        {
            throw new CliException("input file not found: " + input);
        }
        final EngineConfig.Builder builder = CliConfig.load(config);
        if (null != journal)
        {
            builder.journalDir(journal);
        }
        final FileReplayAdapter adapter = new FileReplayAdapter(input);
        builder.adapter(adapter);
        final EngineConfig engineConfig = CliConfig.build(builder, config);

        final InventoryEngine engine = new InventoryEngine(engineConfig);
        try
        {
            try
            {
                engine.start();
            }
            catch (final IllegalStateException ex)
            {
                throw new CliException(ex.getMessage(), ex);
            }
            while (!adapter.awaitDone(STEP_MS, TimeUnit.MILLISECONDS))
            {
                // a long file: keep waiting
            }
            if (null != adapter.failure())
            {
                throw new CliException("cannot read " + input + ": " + adapter.failure(), adapter.failure());
            }
            while (!engine.awaitIdle(STEP_MS, TimeUnit.MILLISECONDS))
            {
                // the engine is still working through the ring
            }
            final List<TagView> ledger = get(engine.ledger());
            final long records = get(engine.query(Pipeline::recordCount));
            LedgerPrinter.print(out, ledger, records);
            err.println("lines: " + adapter.linesRead() + " malformed: " + adapter.malformedLines() +
                (adapter.lostRecords() > 0 ? " lost: " + adapter.lostRecords() : "") +
                (engine.recoveredRecords() > 0 ? " recovered: " + engine.recoveredRecords() : ""));
            err.println("counters: " + engine.counters().describe());
            err.flush();
            return adapter.lostRecords() == 0 ? InventoryCli.EXIT_OK : InventoryCli.EXIT_FAILURE;
        }
        finally
        {
            engine.close();
        }
    }

    private static <T> T get(final java.util.concurrent.CompletableFuture<T> future)
        throws InterruptedException, ExecutionException
    {
        try
        {
            return future.get(60, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new CliException("engine did not answer a query within 60 s", ex);
        }
    }
}
