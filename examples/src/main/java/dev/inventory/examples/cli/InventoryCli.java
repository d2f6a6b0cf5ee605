package dev.inventory.examples.cli;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code inventory} command line: {@code demo}, {@code run}, {@code replay} and {@code epc}. Data goes to stdout,
 * diagnostics and counters to stderr; log output is WARN and above, to stderr (see {@code simplelogger.properties}).
 * <p>
 * Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} failure (bad input, bad configuration, I/O),
 * {@value #EXIT_USAGE} usage error.
 * <p>
 * Instances are NOT threadsafe: one invocation at a time.
 */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    version = "inventory 0.1.0",
    description = "Real-time inventory engine: simulate a plant, replay RFID reads, recover from a journal, "
        + "decode EPCs.",
    subcommands = {
        DemoCommand.class,
        RunCommand.class,
        ReplayCommand.class,
        EpcCommand.class,
        LocateCommand.class,
        LlrpCommand.class,
        CommandLine.HelpCommand.class
    })
public final class InventoryCli implements Callable<Integer>
{
    /** Success. */
    public static final int EXIT_OK = 0;
    /** Failure: bad input, bad configuration, I/O error, or an EPC that did not decode. */
    public static final int EXIT_FAILURE = 1;
    /** Usage error: unknown command or option. */
    public static final int EXIT_USAGE = 2;

    private final InputStream in;

    @Spec
    CommandSpec spec;

    /** Read stdin from {@link System#in}. */
    public InventoryCli()
    {
        this(System.in);
    }

    /**
     * @param in what commands read as stdin.
     */
    public InventoryCli(final InputStream in)
    {
        this.in = in;
    }

    /** @return what commands read as stdin. */
    InputStream in()
    {
        return in;
    }

    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    /**
     * Build the command line with its streams and error handling.
     *
     * @param in  stdin.
     * @param out stdout.
     * @param err stderr.
     * @return the command line; call {@code execute(args)} for an exit code.
     */
    public static CommandLine commandLine(final InputStream in, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new InventoryCli(in));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            final PrintWriter e = cmd.getErr();
            if (ex instanceof CliException)
            {
                e.println(cmd.getCommandName() + ": " + ex.getMessage());
                e.flush();
                return ((CliException)ex).exitCode();
            }
            e.println(cmd.getCommandName() + ": error: " + ex);
            ex.printStackTrace(e);
            e.flush();
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    /**
     * Run a command line in-process and return its exit code (for tests and embedding).
     *
     * @param in   stdin.
     * @param out  stdout.
     * @param err  stderr.
     * @param args arguments.
     * @return exit code.
     */
    public static int execute(final InputStream in, final PrintWriter out, final PrintWriter err, final String... args)
    {
        final int exitCode = commandLine(in, out, err).execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        if (null == System.getProperty("chronicle.analytics.disable"))
        {
            System.setProperty("chronicle.analytics.disable", "true");
        }
        final PrintWriter out = new PrintWriter(
            new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16), false);
        final PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(System.in, out, err, args));
    }
}
