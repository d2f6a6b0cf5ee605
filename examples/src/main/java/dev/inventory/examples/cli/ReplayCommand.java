package dev.inventory.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.query.LedgerQueries;

/**
 * {@code inventory replay --journal DIR [--config FILE]}: rebuild the pipeline a {@code run} had from its journal,
 * without starting an engine, and print the same ledger and {@code records: N} as that run (see
 * {@link LedgerPrinter}). Give the same {@code --config} as the run. Instances are NOT threadsafe.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Recover the ledger from a journal written by 'run --journal' and print it like 'run' does.")
final class ReplayCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = {"-j", "--journal"}, required = true, paramLabel = "DIR", description = "Journal directory.")
    Path journal;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "Engine configuration the journal was written with.")
    Path config;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(journal))
        {
            throw new CliException("journal directory not found: " + journal);
        }
        final EngineConfig engineConfig = CliConfig.build(CliConfig.load(config).journalDir(journal), config);
        final Counters counters = new Counters();
        final Pipeline pipeline = new Pipeline(engineConfig, counters, event -> {});
        final long replayed = JournalReplay.replay(journal, pipeline);
        LedgerPrinter.print(out, LedgerQueries.allSeen(pipeline, engineConfig.epcFormatter()), pipeline.recordCount());
        err.println("replayed after snapshot: " + replayed + " recovered: " + pipeline.recordCount());
        err.println("counters: " + counters.describe());
        err.flush();
        return InventoryCli.EXIT_OK;
    }
}
