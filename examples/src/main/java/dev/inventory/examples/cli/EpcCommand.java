package dev.inventory.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import dev.inventory.rfid.epc.EpcDecoder;
import dev.inventory.rfid.epc.EpcEncoder;
import dev.inventory.rfid.epc.EpcEncodingException;

/**
 * {@code inventory epc decode HEX...} and {@code inventory epc encode URI...}: one output line per input (from the
 * arguments, else one per stdin line): the result, or {@code invalid: <reason>}. Exit 0 only if every input
 * converted. Instances are NOT threadsafe.
 */
@Command(
    name = "epc",
    mixinStandardHelpOptions = true,
    description = "Convert GS1 EPCs between binary (hex) and pure-identity / tag URIs.",
    subcommands = {EpcCommand.Decode.class, EpcCommand.Encode.class})
final class EpcCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @ParentCommand
    InventoryCli parent;

    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getErr());
        return InventoryCli.EXIT_USAGE;
    }

    List<String> inputs(final List<String> args)
    {
        if (null != args && !args.isEmpty())
        {
            return args;
        }
        final List<String> lines = new ArrayList<>();
        try
        {
            final BufferedReader reader = new BufferedReader(new InputStreamReader(parent.in(), StandardCharsets.UTF_8));
            String line;
            while (null != (line = reader.readLine()))
            {
                if (!line.isBlank())
                {
                    lines.add(line.trim());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return lines;
    }

    /** {@code epc decode}. */
    @Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = "Decode hex EPCs (24 hex digits for 96-bit schemes) to pure-identity URIs; "
            + "one per line from stdin when no argument is given.")
    static final class Decode implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @ParentCommand
        EpcCommand epc;

        @Parameters(paramLabel = "HEX", arity = "0..*", description = "EPCs in hex.")
        List<String> hex;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            final EpcDecoder decoder = new EpcDecoder();
            final StringBuilder sb = new StringBuilder(64);
            boolean allDecoded = true;
            for (final String input : epc.inputs(hex))
            {
                String text = input.trim();
                if (text.startsWith("0x") || text.startsWith("0X"))
                {
                    text = text.substring(2);
                }
                sb.setLength(0);
                final int result = decoder.decodeHex(text);
                if (result == 0)
                {
                    decoder.appendPureIdentityUri(sb);
                }
                else
                {
                    sb.append("invalid: ").append(EpcDecoder.reasonText(result));
                    allDecoded = false;
                }
                out.println(sb);
            }
            out.flush();
            return allDecoded ? InventoryCli.EXIT_OK : InventoryCli.EXIT_FAILURE;
        }
    }

    /** {@code epc encode}. */
    @Command(
        name = "encode",
        mixinStandardHelpOptions = true,
        description = "Encode EPC URIs (urn:epc:id:... with filter 0 in the 96-bit scheme, or urn:epc:tag:...) to hex; "
            + "one per line from stdin when no argument is given.")
    static final class Encode implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @ParentCommand
        EpcCommand epc;

        @Parameters(paramLabel = "URI", arity = "0..*", description = "EPC URIs.")
        List<String> uris;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            final EpcEncoder encoder = new EpcEncoder();
            boolean allEncoded = true;
            for (final String uri : epc.inputs(uris))
            {
                try
                {
                    out.println(encoder.encodeUri(uri.trim()).toHex());
                }
                catch (final EpcEncodingException ex)
                {
                    out.println("invalid: " + ex.getMessage());
                    allEncoded = false;
                }
            }
            out.flush();
            return allEncoded ? InventoryCli.EXIT_OK : InventoryCli.EXIT_FAILURE;
        }
    }
}
