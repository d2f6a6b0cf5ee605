package dev.inventory.examples.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.inventory.rfid.llrp.LlrpInventoryCommand;

/**
 * {@code inventory llrp --host H [--port 5084] --seconds S}: connect to an LLRP reader, inventory on all antennas for
 * S seconds, stop cleanly and print CSV {@code epc,antenna,reads,peak_rssi_dbm}, one line per (tag, antenna). See
 * {@link LlrpInventoryCommand}. Instances are NOT threadsafe.
 */
@Command(
    name = "llrp",
    mixinStandardHelpOptions = true,
    description = "Inventory an LLRP 1.0.1 reader for some seconds and print epc,antenna,reads,peak_rssi_dbm.")
final class LlrpCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "Reader host name or address.")
    String host;

    @Option(names = "--port", defaultValue = "5084", paramLabel = "PORT", description = "LLRP port (default 5084).")
    int port;

    @Option(names = "--seconds", required = true, paramLabel = "S", description = "How long to inventory.")
    int seconds;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final PrintStream outStream = new PrintStream(new WriterOutputStream(out), true, StandardCharsets.UTF_8);
        final PrintStream errStream = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        final int status = LlrpInventoryCommand.run(host, port, seconds, outStream, errStream);
        outStream.flush();
        errStream.flush();
        return status;
    }
}
