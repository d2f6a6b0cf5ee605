package dev.inventory.examples.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.ops.Operations;
import dev.inventory.core.ops.OpsCommands;
import dev.inventory.core.ops.ShippingCommands;
import dev.inventory.core.ops.ZoneRole;
import dev.inventory.core.query.LedgerQueries;
import dev.inventory.examples.demo.PlantLayout;
import dev.inventory.examples.demo.PlantSimulator;
import dev.inventory.examples.demo.RecentMovesSink;
import dev.inventory.examples.demo.RecentOpsSink;
import dev.inventory.rfid.epc.GS1EpcFormatter;
import dev.inventory.rfid.epc.GS1SkuResolver;

/**
 * {@code inventory demo [--seconds N]}: a simulated plant through the real engine, with a live summary every
 * second. No configuration file and no journal. Instances are NOT threadsafe.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Simulate a plant (receiving portal, storage, work stations, shipping portal) with thousands of "
        + "SGTIN-96 tags and show the engine's view of it live.")
final class DemoCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--seconds"}, defaultValue = "30", paramLabel = "N",
        description = "How long to run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--tags", defaultValue = "4000", paramLabel = "N",
        description = "Tagged items in the plant at once (default: ${DEFAULT-VALUE}).")
    int tags;

    @Option(names = "--threads", defaultValue = "4", paramLabel = "N",
        description = "Simulator threads publishing reads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (seconds < 1 || tags < 1 || threads < 1)
        {
            throw new CliException("--seconds, --tags and --threads must be >= 1");
        }
        final RecentMovesSink moves = new RecentMovesSink(5);
        final RecentOpsSink opsEvents = new RecentOpsSink(4);
        final Operations operations = new Operations(1 << 18);
        final EngineConfig config = PlantLayout.define(EngineConfig.builder())
            .presenceTimeoutMs(4_000)
            .missingRetentionMs(60_000) // shipped items leave the ledger a minute after they were last seen
            .epcFormatter(GS1EpcFormatter.INSTANCE)
            .skuResolver(GS1SkuResolver.INSTANCE)
            .sink(moves)
            .sink(opsEvents)
            .recordExtension(operations.extension())
            .build();
        final List<String> zones = PlantLayout.zoneNames();
        out.printf("inventory demo: %,d tagged items, %d simulator threads, %d zones, %d s%n",
            tags, threads, zones.size(), seconds);
        out.flush();
        try (InventoryEngine engine = new InventoryEngine(config).start();
            PlantSimulator simulator = new PlantSimulator(engine.publisher(), tags, threads, 200))
        {
            defineZoneRoles(engine, zones, tags);
            authorizeShipping(engine, simulator.productSkuKeys(GS1SkuResolver.INSTANCE));
            simulator.start();
            final Counters counters = engine.counters();
            long lastReads = 0;
            final long startNs = System.nanoTime();
            for (int second = 1; second <= seconds; second++)
            {
                final long dueNs = startNs + TimeUnit.SECONDS.toNanos(second);
                long waitNs;
                while ((waitNs = dueNs - System.nanoTime()) > 0)
                {
                    LockSupport.parkNanos(waitNs);
                }
                final int[] perZone = engine.query(p ->
                {
                    final int[] counts = new int[zones.size()];
                    for (int z = 0; z < counts.length; z++)
                    {
                        counts[z] = LedgerQueries.zoneCount(p, zones.get(z));
                    }
                    return counts;
                }).get(5, TimeUnit.SECONDS);
                final long reads = counters.get(Counters.READS);
                printSummary(out, second, reads - lastReads, counters, zones, perZone, moves.recent());
                printOperations(out, opsEvents);
                lastReads = reads;
            }
        }
        out.println("demo finished");
        out.flush();
        return InventoryCli.EXIT_OK;
    }

    /**
     * Give the zones their operations roles (storage with a capacity, WIP station, shipping) through the ring, as a
     * host would. The dock stays without the receiving role: the demo has no expected receipts to match against.
     */
    private static void defineZoneRoles(final InventoryEngine engine, final List<String> zones, final int tags)
    {
        final long nowMs = System.currentTimeMillis();
        for (int z = 0; z < zones.size(); z++)
        {
            final String name = zones.get(z);
            final int role = name.startsWith("storage") ? ZoneRole.STORAGE :
                name.startsWith("station") ? ZoneRole.WIP_STATION :
                name.startsWith("shipping") ? ZoneRole.SHIPPING : ZoneRole.NONE;
            final long capacity = role == ZoneRole.STORAGE ? Math.max(1, tags / 8) : 0;
            while (engine.publisher().tryPublishCommand(0, OpsCommands.ZONE, 0, 0, z, role, capacity, nowMs) < 0)
            {
                Thread.onSpinWait(); // the ring is empty at start: this does not spin for long
            }
        }
    }

    /**
     * The demo's shipping dock works on standing transfer orders: every product may leave (otherwise each item
     * reaching the dock would be an unauthorized exit, which is what the rule reports for unknown goods).
     */
    private static void authorizeShipping(final InventoryEngine engine, final long[] skuKeys)
    {
        final long nowMs = System.currentTimeMillis();
        for (final long skuKey : skuKeys)
        {
            while (engine.publisher().tryPublishCommand(
                0, ShippingCommands.EXIT_AUTHORIZE, 0, 0, skuKey, -1, 1, nowMs) < 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    private static void printOperations(final PrintWriter out, final RecentOpsSink opsEvents)
    {
        final StringBuilder sb = new StringBuilder(256);
        sb.append(String.format(Locale.ROOT, "  operations events %,d; recent:", opsEvents.count()));
        for (final String line : opsEvents.recent())
        {
            sb.append(System.lineSeparator()).append("    ").append(line);
        }
        out.println(sb);
        out.flush();
    }

    private static void printSummary(
        final PrintWriter out,
        final int second,
        final long readsPerSecond,
        final Counters counters,
        final List<String> zones,
        final int[] perZone,
        final List<String> recentMoves)
    {
        final StringBuilder sb = new StringBuilder(1024);
        sb.append(String.format(Locale.ROOT, "%n[%3ds] reads/s %,9d | tags present %,6d | appeared %,d moved %,d " +
            "disappeared %,d%n", second, readsPerSecond, counters.get(Counters.TAGS_PRESENT),
            counters.get(Counters.APPEARED), counters.get(Counters.MOVED), counters.get(Counters.DISAPPEARED)));
        sb.append("  zones  ");
        for (int z = 0; z < zones.size(); z++)
        {
            sb.append(String.format(Locale.ROOT, " %s %,d", zones.get(z), perZone[z]));
        }
        sb.append(System.lineSeparator()).append("  recent moves:").append(System.lineSeparator());
        if (recentMoves.isEmpty())
        {
            sb.append("    (none yet)").append(System.lineSeparator());
        }
        for (final String move : recentMoves)
        {
            sb.append("    ").append(move).append(System.lineSeparator());
        }
        sb.append(String.format(Locale.ROOT,
            "  counters: rejected %,d  deduped %,d  back-pressured %,d  dropped %,d  sink-dropped %,d",
            counters.get(Counters.REJECTED), counters.get(Counters.DEDUPED), counters.get(Counters.BACK_PRESSURED),
            counters.get(Counters.DROPPED), counters.get(Counters.SINK_DROPPED)));
        out.println(sb);
        out.flush();
    }
}
