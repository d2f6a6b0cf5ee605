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
import dev.inventory.core.command.HostCommandFileReader;
import dev.inventory.core.command.MergedReplayAdapter;
import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.epcis.EpcisJsonLdSink;
import dev.inventory.core.query.TagView;
import dev.inventory.core.spi.SinkPolicy;

/**
 * {@code inventory run --input reads.csv [--commands commands.csv] [--epcis OUT [--epcis-lines]] [--config FILE]
 * [--journal DIR]}: feed a CSV of reads through the engine as fast as it takes them, then print the final ledger and
 * the record count (see {@link LedgerPrinter}); counters go to stderr.
 * <p>
 * With {@code --commands}, a file of host commands (format: {@link HostCommandFileReader}; EPCs as hex, tag URIs or
 * pure-identity URIs, see {@link CliConfig#EPC_DECODER}) is merged with the reads by time, commands first at equal
 * times ({@link MergedReplayAdapter}), so the one stream the engine sees depends on the files only; {@code records: N}
 * then counts read lines + well-formed commands, and malformed command lines are listed on stderr with their line
 * numbers. With {@code --epcis OUT}, the events are written to OUT as one EPCIS 2.0 JSON-LD document (or one
 * document per line with {@code --epcis-lines}), with the {@code epcis.*} settings of the config file
 * ({@link CliConfig#epcis(Path)}); event IDs depend on the partition and the event sequence only, so two runs of the
 * same input give the same IDs.
 * <p>
 * With a journal, a later {@code replay} of the same journal prints the same output (commands included, as they
 * are journaled records), also after the run was killed part-way (then for the records it had journaled).
 * Instances are NOT threadsafe.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Run a CSV of RFID reads (ts_ms,reader,antenna,epc_hex,rssi_dbm) through the engine and print the final "
            + "ledger as CSV (epc,zone,since_ms,last_seen_ms) and 'records: N'.",
        "Malformed lines are reported on stderr and still count as one (rejected) record each.",
        "--commands merges a CSV of host commands (ts_ms,command,epc[,args]) by time, commands first at equal times; "
            + "'records: N' then counts reads + commands.",
        "--epcis writes the events as an EPCIS 2.0 JSON-LD document (--epcis-lines: one document per line)."
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

    @Option(names = {"--commands"}, paramLabel = "FILE",
        description = "CSV file of host commands (ts_ms,command,epc[,args]) merged with the reads by time.")
    Path commands;

    @Option(names = {"--epcis"}, paramLabel = "OUT", description = "Write the events as EPCIS 2.0 JSON-LD to OUT.")
    Path epcis;

    @Option(names = {"--epcis-lines"},
        description = "With --epcis: one EPCIS document per line (JSON lines) instead of one document.")
    boolean epcisLines;

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
        if (null != commands && !Files.isRegularFile(commands))
        {
            throw new CliException("commands file not found: " + commands);
        }
        if (epcisLines && null == epcis)
        {
            throw new CliException("--epcis-lines needs --epcis OUT");
        }
        final FileReplayAdapter adapter = new FileReplayAdapter(input);
        final MergedReplayAdapter merged = null == commands ? null :
            new MergedReplayAdapter(adapter, commands, CliConfig.EPC_DECODER, MergedReplayAdapter.DEFAULT_HOST_ID);
        builder.adapter(null == merged ? adapter : merged);
        EpcisJsonLdSink epcisSink = null;
        if (null != epcis)
        {
            try
            {
                epcisSink = new EpcisJsonLdSink(CliConfig.epcis(config).file(epcis)
                    .mode(epcisLines ? EpcisJsonLdSink.Mode.JSON_LINES : EpcisJsonLdSink.Mode.DOCUMENT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CliException("bad EPCIS config" + (null == config ? "" : " " + config) + ": " +
                    ex.getMessage(), ex);
            }
            // a file run goes as fast as the engine: buffer generously and never skip a batch of a slow disk
            builder.sink(epcisSink, SinkPolicy.DEFAULT.withBufferCapacity(1 << 20).withRetries(100, 100));
        }
        final EngineConfig engineConfig = CliConfig.build(builder, config);

        final InventoryEngine engine = new InventoryEngine(engineConfig);
        final long eventsAtStart;
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
            eventsAtStart = engine.recoveredEvents(); // events of a recovered journal came before this run
            while (!(null == merged ? adapter.awaitDone(STEP_MS, TimeUnit.MILLISECONDS) :
                merged.awaitDone(STEP_MS, TimeUnit.MILLISECONDS)))
            {
                // a long file: keep waiting
            }
            if (null != adapter.failure())
            {
                throw new CliException("cannot read " + input + ": " + adapter.failure(), adapter.failure());
            }
            if (null != merged && null != merged.failure())
            {
                throw new CliException("cannot read " + commands + ": " + merged.failure(), merged.failure());
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
            if (null != merged)
            {
                err.println("commands: " + merged.commandsPublished() + " malformed: " + merged.malformedCommandLines());
                merged.commandErrors().forEach(e -> err.println("commands " + commands.getFileName() + ": " + e));
            }
            err.println("counters: " + engine.counters().describe());
            err.flush();
        }
        finally
        {
            engine.close(); // drains the sinks: the EPCIS document is complete after this
        }
        boolean ok = adapter.lostRecords() == 0 && (null == merged || merged.lostRecords() == 0);
        if (null != epcisSink)
        {
            final long events = engine.counters().get(Counters.EVENTS) - eventsAtStart;
            final long handled = epcisSink.eventsWritten() + epcisSink.eventsSkipped();
            err.println("epcis: " + epcisSink.eventsWritten() + " events written to " + epcis +
                (handled < events ? " (" + (events - handled) + " events LOST)" : ""));
            ok &= handled == events;
        }
        err.flush();
        return ok ? InventoryCli.EXIT_OK : InventoryCli.EXIT_FAILURE;
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
