package dev.inventory.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.inventory.core.adapter.FileReplayAdapter;
import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.ingest.IngestRing;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.query.LedgerQueries;
import dev.inventory.core.spi.AdapterContext;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class RunReplayCommandTest
{
    private static final String EPC_A = "3074257BF7194E4000001A85"; // urn:epc:id:sgtin:0614141.812345.6789
    private static final String EPC_B = "3074257BF7194E4000001A86"; // urn:epc:id:sgtin:0614141.812345.6790
    private static final String RAW = "E2801160600002054CC2096F";  // not a GS1 EPC: printed as hex
    private static final long T0_MS = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldPrintLedgerSortedByEpcAndRecordCountWhenRunningSmallCsv() throws IOException
    {
        final Path input = writeReads();
        final Path config = write("plant.properties",
            "reader.dock = 1\nzones.dock = dock:1\nzones.shelf = dock:2\ndedup.windowMs = 0\n");

        final CliTestSupport result = CliTestSupport.run("run", "--input", input.toString(), "--config",
            config.toString());

        assertThat(result.err()).contains("lines: 50 malformed: 2");
        assertThat(result.exitCode).isEqualTo(InventoryCli.EXIT_OK);
        final String[] lines = result.out().split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("epc,zone,since_ms,last_seen_ms");
        assertThat(lines[1]).isEqualTo(RAW + ",dock," + (T0_MS + 10) + "," + (T0_MS + 10));
        assertThat(lines[2]).startsWith("urn:epc:id:sgtin:0614141.812345.6789,shelf,")
            .endsWith("," + (T0_MS + 4_400));
        assertThat(lines[3]).isEqualTo("urn:epc:id:sgtin:0614141.812345.6790,dock," + T0_MS + "," + (T0_MS + 200));
        assertThat(lines[4]).isEqualTo("records: 50");
        assertThat(result.err()).contains("rejected.bad_epc_length=2");
    }

    @Test
    void shouldUseAutoZonesWhenNoConfigIsGiven() throws IOException
    {
        final Path input = write("reads.csv", "ts_ms,reader,antenna,epc_hex,rssi_dbm\n" +
            T0_MS + ",7,3," + EPC_A + ",-50\n");

        final CliTestSupport result = CliTestSupport.run("run", "-i", input.toString());

        assertThat(result.exitCode).isEqualTo(InventoryCli.EXIT_OK);
        assertThat(result.out()).isEqualTo("epc,zone,since_ms,last_seen_ms\n" +
            "urn:epc:id:sgtin:0614141.812345.6789,7.3," + T0_MS + "," + T0_MS + "\n" +
            "records: 1\n");
    }

    @Test
    void shouldNameTheFieldWhenConfigIsBad() throws IOException
    {
        final Path input = writeReads();
        final Path badNumber = write("bad1.properties", "tags.capacity = lots\n");
        final Path badValue = write("bad2.properties", "ring.capacity = 1000\n");
        final Path badKey = write("bad3.properties", "zone.margin = 3\n");

        final CliTestSupport number = CliTestSupport.run("run", "-i", input.toString(), "-c", badNumber.toString());
        final CliTestSupport value = CliTestSupport.run("run", "-i", input.toString(), "-c", badValue.toString());
        final CliTestSupport key = CliTestSupport.run("replay", "-j", dir.toString(), "-c", badKey.toString());

        assertThat(number.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        assertThat(number.err()).contains("bad config").contains("tags.capacity").contains("lots")
            .doesNotContain("at dev.inventory");
        assertThat(number.out()).isEmpty();
        assertThat(value.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        assertThat(value.err()).contains("ringCapacity").contains("1000");
        assertThat(key.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        assertThat(key.err()).contains("unknown configuration key: zone.margin");
    }

    @Test
    void shouldExitOneWithMessageWhenInputOrConfigIsMissing()
    {
        final CliTestSupport input = CliTestSupport.run("run", "-i", dir.resolve("nope.csv").toString());
        final CliTestSupport config = CliTestSupport.run("replay", "-j", dir.toString(), "-c",
            dir.resolve("nope.properties").toString());

        assertThat(input.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        assertThat(input.err()).contains("input file not found").contains("nope.csv");
        assertThat(config.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        assertThat(config.err()).contains("config file not found").contains("nope.properties");
    }

    @Test
    void shouldPrintSameOutputWhenReplayingTheJournalOfARun() throws IOException
    {
        final Path input = writeReads();
        final Path config = write("plant.properties", "reader.dock = 1\nzones.dock = dock:1\nzones.shelf = dock:2\n");
        final Path journal = dir.resolve("journal");

        final CliTestSupport run = CliTestSupport.run("run", "-i", input.toString(), "-c", config.toString(),
            "-j", journal.toString());
        assertThat(run.exitCode).as(run.err()).isEqualTo(InventoryCli.EXIT_OK);
        final CliTestSupport replay = CliTestSupport.run("replay", "-j", journal.toString(), "-c", config.toString());

        assertThat(replay.exitCode).as(replay.err()).isEqualTo(InventoryCli.EXIT_OK);
        assertThat(replay.out()).isEqualTo(run.out());
        assertThat(run.out()).contains("records: 50");
    }

    @Test
    void shouldPrintSameOutputWhenTheSameRecordsAreFedToAFreshPipeline() throws Exception
    {
        // what a journal replay does, without the journal: the run's records into a pipeline built the same way
        final Path input = writeReads();
        final Path config = write("plant.properties", "reader.dock = 1\nzones.dock = dock:1\nzones.shelf = dock:2\n");
        final CliTestSupport run = CliTestSupport.run("run", "-i", input.toString(), "-c", config.toString());

        final EngineConfig engineConfig = CliConfig.build(CliConfig.load(config), config);
        final IngestRing ring = new IngestRing(1024);
        final FileReplayAdapter adapter = new FileReplayAdapter(input);
        adapter.onStart(new AdapterContext()
        {
            @Override
            public Publisher publisher()
            {
                return new Publisher(ring, new Counters());
            }

            @Override
            public int readerId(final String readerName)
            {
                return engineConfig.readers().get(readerName);
            }

            @Override
            public String setting(final String key)
            {
                return null;
            }
        });
        assertThat(adapter.awaitDone(10, TimeUnit.SECONDS)).isTrue();
        final Pipeline pipeline = new Pipeline(engineConfig, new Counters(), event -> {});
        final int count = ring.available(ring.capacity());
        for (int i = 0; i < count; i++)
        {
            pipeline.onRecord(ring.buffer(), ring.offset(i));
        }
        final StringWriter replayed = new StringWriter();
        LedgerPrinter.print(new PrintWriter(replayed),
            LedgerQueries.allSeen(pipeline, engineConfig.epcFormatter()), pipeline.recordCount());

        assertThat(replayed.toString().replace("\r\n", "\n")).isEqualTo(run.out());
    }

    /**
     * 50 data lines: tag A at the dock then moving to the shelf, tag B at the dock, a raw EPC, 2 malformed lines.
     */
    private Path writeReads() throws IOException
    {
        final StringBuilder sb = new StringBuilder("ts_ms,reader,antenna,epc_hex,rssi_dbm\n");
        long t = T0_MS;
        for (int i = 0; i < 3; i++, t += 100)
        {
            sb.append(t).append(",dock,1,").append(EPC_A).append(",-40.0\n");
            sb.append(t).append(",dock,1,").append(EPC_B).append(",-45.5\n");
        }
        sb.append(T0_MS + 10).append(",dock,1,").append(RAW).append(",-60\n");
        sb.append("this line is malformed\n");
        sb.append(t).append(",dock,1,NOTHEX,-40\n");
        for (int i = 0; i < 20; i++, t += 100)
        {
            sb.append(t).append(",dock,2,").append(EPC_A).append(",-30\n");
            sb.append(t).append(",dock,1,").append(EPC_A).append(",-75\n");
        }
        sb.append(T0_MS + 4_400).append(",dock,2,").append(EPC_A).append(",-31\n");
        return write("reads.csv", sb.toString());
    }

    private Path write(final String name, final String content) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
