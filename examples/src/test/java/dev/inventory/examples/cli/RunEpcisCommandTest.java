package dev.inventory.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --commands FILE --epcis OUT [--epcis-lines]}; the documents' schema validity is tested in core. */
@Timeout(60)
class RunEpcisCommandTest
{
    private static final String EPC_A = "3074257BF7194E4000001A85"; // urn:epc:id:sgtin:0614141.812345.6789
    private static final String EPC_B = "3074257BF7194E4000001A86"; // urn:epc:id:sgtin:0614141.812345.6790
    private static final long T0_MS = 1_700_000_000_000L;
    private static final Pattern EVENT_ID = Pattern.compile("\"eventID\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void shouldMergeCommandsAndWriteSameEventIdsWhenRunTwice() throws IOException
    {
        final Path reads = writeReads();
        final Path commands = write("commands.csv", "ts_ms,command,epc,args\n" +
            T0_MS + ",ASSIGN_TAG," + EPC_A + ",614141812345,42,7\n" +
            (T0_MS + 100) + ",SET_TAG_STATUS,urn:epc:tag:sgtin-96:3.0614141.812345.6789,HOLD\n" +
            (T0_MS + 250) + ",RETIRE_TAG,urn:epc:tag:sgtin-96:3.0614141.812345.6790\n" +
            (T0_MS + 300) + ",RETIRE_TAG,NOT-AN-EPC\n");
        final Path config = write("plant.properties", "zones.dock = 1:1\nzones.shelf = 1:2\ndedup.windowMs = 0\n" +
            "epcis.partition = plant-7\n" +
            "epcis.zone.dock.bizStep = receiving\n" +
            "epcis.zone.shelf.bizLocation = urn:epc:id:sgln:0614141.00777.shelf\n");
        final Path first = dir.resolve("first.jsonld");
        final Path second = dir.resolve("second.jsonld");

        final CliTestSupport one = CliTestSupport.run("run", "-i", reads.toString(), "--commands",
            commands.toString(), "-c", config.toString(), "--epcis", first.toString());
        final CliTestSupport two = CliTestSupport.run("run", "-i", reads.toString(), "--commands",
            commands.toString(), "-c", config.toString(), "--epcis", second.toString());

        assertThat(one.exitCode).as(one.err()).isEqualTo(InventoryCli.EXIT_OK);
        assertThat(one.out()).isEqualTo(two.out());
        // EPC_B was retired after its last read (a tag URI gives the exact bits, filter 3 included)
        assertThat(one.out()).doesNotContain("6790").endsWith("records: 48\n"); // 45 read lines + 3 commands
        assertThat(one.err()).contains("commands: 3 malformed: 1")
            .contains("commands commands.csv: line 5: ");
        final String document = Files.readString(first);
        assertThat(document).startsWith("{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"")
            .contains("\"bizStep\":\"receiving\"")
            .contains("\"bizLocation\":{\"id\":\"urn:epc:id:sgln:0614141.00777.shelf\"}")
            .contains("\"epcList\":[\"urn:epc:id:sgtin:0614141.812345.6789\"]")
            .endsWith("]}}\n");
        final List<String> ids = eventIds(document);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        assertThat(eventIds(Files.readString(second))).isEqualTo(ids);
        assertThat(one.err()).contains("epcis: " + ids.size() + " events written");
    }

    @Test
    void shouldWriteOperationsEventsWithBusinessTransactionsWhenCommandsDriveTheRules() throws IOException
    {
        final Path reads = writeReads(); // EPC_A: dock, then shelf; EPC_B: dock only
        final Path commands = write("ops.csv", "ts_ms,command,epc,args\n" +
            T0_MS + ",OPS_ZONE,0000,0,1,0\n" +                         // dock receives
            T0_MS + ",OPS_ZONE,0000,1,2,0\n" +                         // shelf stores
            T0_MS + ",OPS_RECEIPT_OPEN,0000,4500017,1\n" +
            T0_MS + ",OPS_RECEIPT_LINE,0000,4500017,614141812345,3\n" +
            T0_MS + ",ASSIGN_TAG," + EPC_A + ",614141812345\n" +
            T0_MS + ",ASSIGN_TAG," + EPC_B + ",614141812345\n" +
            (T0_MS + 3_900) + ",OPS_RECEIPT_CLOSE,0000,4500017\n");
        final Path config = write("plant.properties", "zones.dock = 1:1\nzones.shelf = 1:2\ndedup.windowMs = 0\n" +
            "epcis.partition = plant-7\nepcis.bizTransactionGln = 0614141000005\n");
        final Path first = dir.resolve("ops.jsonld");

        final CliTestSupport one = CliTestSupport.run("run", "-i", reads.toString(), "--commands",
            commands.toString(), "-c", config.toString(), "--epcis", first.toString());

        assertThat(one.exitCode).as(one.err()).isEqualTo(InventoryCli.EXIT_OK);
        assertThat(one.err()).contains("commands: 7 malformed: 0").doesNotContain("bad_command");
        final String document = Files.readString(first);
        // both items received against the PO at the dock, one put away to the shelf, the line closed short by 1
        assertThat(document)
            .contains("\"bizStep\":\"receiving\"")
            .contains("{\"type\":\"po\",\"bizTransaction\":\"urn:epcglobal:cbv:bt:0614141000005:4500017\"}")
            .contains("\"bizStep\":\"storing\"")
            .contains("\"disposition\":\"mismatch_quantity\"");
        assertThat(countOf(document, "\"inv:event\":\"received\"")).isEqualTo(2);
        assertThat(countOf(document, "\"inv:event\":\"put_away\"")).isEqualTo(1);
        assertThat(countOf(document, "\"inv:event\":\"receipt_short\"")).isEqualTo(1);
        final CliTestSupport two = CliTestSupport.run("run", "-i", reads.toString(), "--commands",
            commands.toString(), "-c", config.toString(), "--epcis", dir.resolve("again.jsonld").toString());
        assertThat(eventIds(Files.readString(dir.resolve("again.jsonld")))).isEqualTo(eventIds(document));
        assertThat(two.out()).isEqualTo(one.out());
    }

    private static int countOf(final String text, final String part)
    {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1))
        {
            count++;
        }
        return count;
    }

    @Test
    void shouldWriteOneDocumentPerLineWhenEpcisLines() throws IOException
    {
        final Path reads = writeReads();
        final Path out = dir.resolve("events.jsonl");

        final CliTestSupport result = CliTestSupport.run("run", "-i", reads.toString(), "--epcis", out.toString(),
            "--epcis-lines");

        assertThat(result.exitCode).as(result.err()).isEqualTo(InventoryCli.EXIT_OK);
        assertThat(result.out()).endsWith("records: 45\n");
        final List<String> lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line)
            .startsWith("{\"@context\":").contains("\"type\":\"EPCISDocument\"").endsWith("]}}")
            .satisfies(l -> assertThat(eventIds(l)).hasSize(1)));
    }

    @Test
    void shouldFailWithMessageWhenEpcisConfigOrCommandsFileIsBad() throws IOException
    {
        final Path reads = writeReads();
        final Path config = write("bad.properties", "epcis.zone.dock.bizStep = recieving\n");
        final Path unknown = write("bad2.properties", "epcis.colour = blue\n");

        final CliTestSupport badStep = CliTestSupport.run("run", "-i", reads.toString(), "-c", config.toString(),
            "--epcis", dir.resolve("x.jsonld").toString());
        final CliTestSupport badKey = CliTestSupport.run("run", "-i", reads.toString(), "-c", unknown.toString(),
            "--epcis", dir.resolve("x.jsonld").toString());
        final CliTestSupport noCommands = CliTestSupport.run("run", "-i", reads.toString(), "--commands",
            dir.resolve("nope.csv").toString());
        final CliTestSupport linesAlone = CliTestSupport.run("run", "-i", reads.toString(), "--epcis-lines");

        assertThat(badStep.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        assertThat(badStep.err()).contains("zones.dock.bizStep").contains("recieving");
        assertThat(badKey.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        assertThat(badKey.err()).contains("unknown configuration key: epcis.colour");
        assertThat(noCommands.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        assertThat(noCommands.err()).contains("commands file not found");
        assertThat(linesAlone.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        assertThat(linesAlone.err()).contains("--epcis-lines needs --epcis");
    }

    private static List<String> eventIds(final String json)
    {
        final List<String> ids = new ArrayList<>();
        final Matcher matcher = EVENT_ID.matcher(json);
        while (matcher.find())
        {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private Path writeReads() throws IOException
    {
        final StringBuilder sb = new StringBuilder("ts_ms,reader,antenna,epc_hex,rssi_dbm\n");
        for (int i = 0; i < 5; i++)
        {
            sb.append(T0_MS + i * 50).append(",1,1,").append(EPC_B).append(",-50\n");
        }
        for (int i = 0; i < 40; i++)
        {
            sb.append(T0_MS + i * 100).append(",1,").append(i < 5 ? 1 : 2).append(',').append(EPC_A)
                .append(i < 5 ? ",-40\n" : ",-30\n");
        }
        return write("reads.csv", sb.toString());
    }

    private Path write(final String name, final String text) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
