package dev.inventory.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Runs the CLI in-process and captures its output. NOT threadsafe.
 */
final class CliTestSupport
{
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    int exitCode = -1;

    static CliTestSupport run(final String... args)
    {
        return runWithStdin("", args);
    }

    static CliTestSupport runWithStdin(final String stdin, final String... args)
    {
        final CliTestSupport result = new CliTestSupport();
        final InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        result.exitCode = InventoryCli.execute(in, new PrintWriter(result.out), new PrintWriter(result.err), args);
        return result;
    }

    String out()
    {
        return out.toString().replace("\r\n", "\n");
    }

    String err()
    {
        return err.toString();
    }
}
