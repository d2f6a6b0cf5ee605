package dev.inventory.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inventory locate --anchors anchors.csv --ranges ranges.csv [--dim 2|3] [--height H] [--smooth]}: solve
 * UWB two-way ranging fixes and print {@code time_ms,tag_id,x,y,z,quality}, or {@code time_ms,tag_id,invalid:<reason>}
 * for a fix that cannot be solved (see {@link dev.inventory.rtls.cli.LocateCommand}). Instances are NOT threadsafe.
 */
@Command(
    name = "locate",
    mixinStandardHelpOptions = true,
    description = "Solve UWB ranges (anchor_id,x,y,z and time_ms,tag_id,anchor_id,distance_m) into positions.")
final class LocateCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--anchors", required = true, paramLabel = "FILE", description = "anchors.csv: anchor_id,x,y,z")
    Path anchors;

    @Option(names = "--ranges", required = true, paramLabel = "FILE",
        description = "ranges.csv: time_ms,tag_id,anchor_id,distance_m")
    Path ranges;

    @Option(names = "--dim", defaultValue = "2", paramLabel = "2|3",
        description = "2: 2.5D at the tag height (default); 3: free 3D.")
    int dim;

    @Option(names = "--height", paramLabel = "H", description = "Tag height in metres for --dim 2 (default 1.0).")
    Double heightM;

    @Option(names = "--smooth", description = "Apply the per-tag track filter.")
    boolean smooth;

    @Override
    public Integer call() throws IOException
    {
        if (dim != 2 && dim != 3)
        {
            throw new CliException("--dim must be 2 or 3, got " + dim);
        }
        for (final Path file : new Path[] {anchors, ranges})
        {
            if (!Files.isRegularFile(file))
            {
                throw new CliException("file not found: " + file);
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        try (Reader anchorReader = Files.newBufferedReader(anchors, StandardCharsets.UTF_8);
            Reader rangeReader = Files.newBufferedReader(ranges, StandardCharsets.UTF_8))
        {
            final PrintStream stream = new PrintStream(new WriterOutputStream(out), false, StandardCharsets.US_ASCII);
            final int status = dev.inventory.rtls.cli.LocateCommand.run(
                anchorReader, rangeReader, dim, null == heightM ? Double.NaN : heightM, smooth, stream);
            stream.flush();
            out.flush();
            return status;
        }
    }
}
