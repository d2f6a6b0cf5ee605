package dev.inventory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.inventory.core.engine.InventoryEngine;

/**
 * {@link PipelineBenchmark#inventory} with the write-ahead journal on (Chronicle Queue in a temp directory, sync
 * level 0). Kept apart because the journal needs Chronicle's JVM flags (the root pom's {@code journal.jvm.flags},
 * repeated in {@code jvmArgsAppend} below) and because its class may not be on the classpath yet: setup then fails
 * with a clear message and the other benchmarks are unaffected.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class JournalPipelineBenchmark
{
    static final String JOURNAL_CLASS = "dev.inventory.core.journal.ChronicleJournal";

    /** Our engine with the journal on. */
    @State(Scope.Benchmark)
    public static class JournalState extends PipelineBenchmark.EngineState
    {
        @Param("100000")
        public int tagCount;

        Path journalDir;

        @Setup(Level.Trial)
        public void setUp()
        {
            try
            {
                Class.forName(JOURNAL_CLASS);
            }
            catch (final ClassNotFoundException ex)
            {
                throw new IllegalStateException("journal benchmark skipped: " + JOURNAL_CLASS +
                    " is not on the classpath yet (inventory-core has no Chronicle journal); rebuild once it lands", ex);
            }
            try
            {
                journalDir = Files.createTempDirectory("inventory-bench-journal");
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
            stream = ReadStream.of(tagCount);
            engine = new InventoryEngine(BenchConfigs.zonedBuilder(tagCount)
                .ringCapacity(PipelineBenchmark.RING_CAPACITY)
                .journalDir(journalDir)
                .journalSyncLevel(0)
                .sink(sink)
                .build()).start();
            publisher = engine.publisher();
            counters = engine.counters();
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            try
            {
                engine.close();
            }
            finally
            {
                delete(journalDir);
            }
        }

        private static void delete(final Path dir)
        {
            if (null == dir)
            {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir))
            {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            catch (final IOException ex)
            {
                System.err.println("could not delete " + dir + ": " + ex);
            }
        }
    }

    /**
     * @param s state.
     * @return reads published so far.
     */
    @Benchmark
    @OperationsPerInvocation(PipelineBenchmark.BATCH)
    public long inventoryJournal(final JournalState s)
    {
        return PipelineBenchmark.publishAndAwait(s.stream, s.publisher, s.counters, s);
    }
}
