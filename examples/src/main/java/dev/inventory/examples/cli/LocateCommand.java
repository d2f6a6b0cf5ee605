package dev.inventory.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.inventory.rtls.cli.LocateCommand.Options;

/**
 * {@code inventory locate --anchors anchors.csv (--ranges ranges.csv | --tdoa arrivals.csv) [--dim 2|3] [--height H]
 * [--smooth] [--site zones.csv [--zone-positions N] [--zone-window-ms MS]]}: solve UWB two-way ranging or TDoA
 * fixes and print {@code time_ms,tag_id,x,y,z,quality}, or {@code time_ms,tag_id,invalid:<reason>} for a fix that
 * cannot be solved; with a site map, also zone events (see {@link dev.inventory.rtls.cli.LocateCommand}).
 * Instances are NOT threadsafe.
 */
@Command(
    name = "locate",
    mixinStandardHelpOptions = true,
    description = {
        "Solve UWB fixes into positions: TWR ranges (--ranges) or TDoA arrival times",
        "(--tdoa); with --site, also track them through the zones of a site map.",
        "",
        "Input CSV (a header line, blank lines and # comments are skipped; ids are",
        "integers, time_ms is epoch ms; observations with the same time_ms and tag_id",
        "form one fix):",
        "  anchors   anchor_id,x,y,z  (metres)",
        "  ranges    time_ms,tag_id,anchor_id,distance_m",
        "  arrivals  time_ms,tag_id,anchor_id,toa_ns",
        "            toa_ns: arrival of the blink at the anchor in ns on the anchors'",
        "            common clock, any epoch, any decimals (only differences count)",
        "  zones     zone_id,name,floor,z_min_m,z_max_m,restricted,dwell_limit_ms,",
        "            enter_polygon[,exit_polygon[,authorized_tags]]",
        "            polygon: x y;x y;x y...   tags: id;id   (format in the README)",
        "",
        "Output CSV: time_ms,tag_id,x,y,z,quality (header first; quality = residual",
        "RMS in m), one line per fix in time order, or time_ms,tag_id,invalid:<reason>.",
        "With --site, each zone event follows the fix that caused it:",
        "  time_ms,tag_id,event:<type>,zone_id,zone_name,dwell_ms",
        "  type: zone_enter, zone_exit, dwell_exceeded, restricted_entry",
        "  zone_id: the zones file's zone_id (in an engine, events carry the",
        "           engine's zone id of the same zone name instead)",
        ""
    })
final class LocateCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--anchors", required = true, paramLabel = "FILE", description = "anchors.csv: anchor_id,x,y,z")
    Path anchors;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Observations observations;

    /** Exactly one kind of observations. */
    static final class Observations
    {
        @Option(names = "--ranges", required = true, paramLabel = "FILE",
            description = "TWR ranges: time_ms,tag_id,anchor_id,distance_m")
        Path ranges;

        @Option(names = "--tdoa", required = true, paramLabel = "FILE",
            description = "TDoA arrivals: time_ms,tag_id,anchor_id,toa_ns")
        Path arrivals;
    }

    @Option(names = "--dim", defaultValue = "2", paramLabel = "2|3",
        description = "2: 2.5D at the tag height (default); 3: free 3D.")
    int dim;

    @Option(names = "--height", paramLabel = "H", description = "Tag height in metres for --dim 2 (default 1.0).")
    Double heightM;

    @Option(names = "--smooth", description = "Apply the per-tag track filter.")
    boolean smooth;

    @Option(names = "--site", paramLabel = "FILE",
        description = "Site map (zones file): track the fixes through its zones and print zone events.")
    Path site;

    @Option(names = "--zone-positions", paramLabel = "N",
        defaultValue = "" + dev.inventory.rtls.cli.LocateCommand.DEFAULT_ZONE_POSITIONS,
        description = "Positions inside (outside) a zone that enter (exit) it (default ${DEFAULT-VALUE}).")
    int zonePositions;

    @Option(names = "--zone-window-ms", paramLabel = "MS",
        defaultValue = "" + dev.inventory.rtls.cli.LocateCommand.DEFAULT_ZONE_WINDOW_MS,
        description = "Window those positions must fall in, ms (default ${DEFAULT-VALUE}).")
    long zoneWindowMs;

    @Override
    public Integer call() throws IOException
    {
        if (dim != 2 && dim != 3)
        {
            throw new CliException("--dim must be 2 or 3, got " + dim);
        }
        final boolean tdoa = observations.arrivals != null;
        final Path observationFile = tdoa ? observations.arrivals : observations.ranges;
        for (final Path file : new Path[] {anchors, observationFile, site})
        {
            if (file != null && !Files.isRegularFile(file))
            {
                throw new CliException("file not found: " + file);
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try (Reader anchorReader = Files.newBufferedReader(anchors, StandardCharsets.UTF_8);
            Reader observationReader = Files.newBufferedReader(observationFile, StandardCharsets.UTF_8);
            Reader siteReader = site == null ? null : Files.newBufferedReader(site, StandardCharsets.UTF_8))
        {
            final PrintStream outStream = new PrintStream(new WriterOutputStream(out), false, StandardCharsets.UTF_8);
            final PrintStream errStream = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
            final Options options = new Options()
                .tdoa(tdoa)
                .site(siteReader, null == site ? null : site.toString())
                .dim(dim)
                .heightM(null == heightM ? Double.NaN : heightM)
                .smooth(smooth)
                .zonePositions(zonePositions)
                .zoneWindowMs(zoneWindowMs);
            final int status = dev.inventory.rtls.cli.LocateCommand.run(
                anchorReader, observationReader, options, outStream, errStream);
            outStream.flush();
            errStream.flush();
            out.flush();
            err.flush();
            return status;
        }
    }
}
