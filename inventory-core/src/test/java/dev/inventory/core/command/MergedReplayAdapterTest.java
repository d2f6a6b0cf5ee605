package dev.inventory.core.command;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.inventory.core.adapter.FileReplayAdapter;
import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.ingest.IngestRing;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.query.TagView;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.spi.AdapterContext;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class MergedReplayAdapterTest
{
    private static final String EPC = "3034257BF7194E4000001A85";
    private static final long EPC_HIGH = 0x3034257BF7194E40L;
    private static final int EPC_LOW = 0x00001A85;

    @TempDir
    Path dir;

    @Test
    void shouldPutCommandsBeforeReadsWhenTimesAreEqual() throws Exception
    {
        final Path reads = write("reads.csv",
            "ts_ms,reader,antenna,epc_hex,rssi_dbm\n" +
            "1000,1,1," + EPC + ",-50\n" +
            "2000,1,1," + EPC + ",-50\n" +
            "not,a,read\n" +
            "3000,1,1," + EPC + ",-50\n");
        final Path commands = write("commands.csv",
            "ts_ms,command,epc,args\n" +
            "500,ASSIGN_TAG," + EPC + ",1,2,3\n" +
            "2000,SET_TAG_STATUS," + EPC + ",HOLD\n" +
            "2000,BOGUS," + EPC + "\n" +
            "2500,RETIRE_TAG," + EPC + "\n" +
            "9000,SET_TAG_STATUS," + EPC + ",AVAILABLE\n");
        final IngestRing ring = new IngestRing(64);
        final MergedReplayAdapter adapter = new MergedReplayAdapter(
            new FileReplayAdapter(reads), commands, EpcTextDecoder.HEX, 9);

        adapter.onStart(context(new Publisher(ring, new Counters())));
        assertThat(adapter.awaitDone(10, TimeUnit.SECONDS)).isTrue();
        adapter.onClose();

        final List<String> stream = new ArrayList<>();
        final int count = ring.available(64);
        final ByteBuffer buffer = ring.buffer();
        final CommandFlyweight command = new CommandFlyweight();
        for (int i = 0; i < count; i++)
        {
            final int offset = ring.offset(i);
            final long t = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
            if (buffer.getShort(offset + RecordDescriptor.TYPE_OFFSET) == RecordType.COMMAND)
            {
                command.wrap(buffer, offset);
                assertThat(command.arg1()).isEqualTo(EPC_HIGH);
                assertThat(command.intArg()).isEqualTo(EPC_LOW);
                assertThat(command.source()).isEqualTo(9);
                stream.add("c" + command.command() + "@" + t);
            }
            else
            {
                stream.add("r@" + t);
            }
        }
        assertThat(stream).containsExactly("c1@500", "r@1000", "c2@2000", "r@2000", "r@2000", "c3@2500", "r@3000",
            "c2@9000");
        assertThat(adapter.commandsPublished()).isEqualTo(4);
        assertThat(adapter.readRecordsForwarded()).isEqualTo(4);
        assertThat(adapter.malformedCommandLines()).isEqualTo(1);
        assertThat(adapter.commandErrors()).singleElement().asString().startsWith("line 4: unknown command 'BOGUS'");
        assertThat(adapter.reads().malformedLines()).isEqualTo(1);
        assertThat(adapter.lostRecords()).isZero();
        assertThat(adapter.failure()).isNull();
    }

    @Test
    void shouldApplyCommandsThroughEngineWhenMerged() throws Exception
    {
        final StringBuilder readLines = new StringBuilder();
        for (int i = 0; i < 2_000; i++)
        {
            readLines.append(1_700_000_000_000L + i).append(",1,1,").append(EPC).append(",-50\n");
        }
        final Path reads = write("reads.csv", readLines.toString());
        final Path commands = write("commands.csv",
            "1700000000000,ASSIGN_TAG," + EPC + ",614141812345,42,7\n" +
            "1700000001000,SET_TAG_STATUS," + EPC + ",HOLD\n");
        final MergedReplayAdapter adapter = new MergedReplayAdapter(
            new FileReplayAdapter(reads), commands, EpcTextDecoder.HEX, MergedReplayAdapter.DEFAULT_HOST_ID);
        final EngineConfig config = EngineConfig.builder().zone("dock", 1, 1).clockTickIntervalMs(0)
            .ringCapacity(256).pollLimit(64).adapter(adapter).build();

        try (InventoryEngine engine = new InventoryEngine(config).start())
        {
            assertThat(adapter.awaitDone(30, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
            final TagView tag = engine.whereIs(EPC_HIGH, EPC_LOW).get(10, TimeUnit.SECONDS);
            assertThat(tag.skuKey()).isEqualTo(614141812345L);
            assertThat(tag.lot()).isEqualTo(42);
            assertThat(tag.container()).isEqualTo(7);
            assertThat(tag.status()).isEqualTo(Ledger.STATUS_HOLD);
            assertThat(engine.query(Pipeline::recordCount).get(10, TimeUnit.SECONDS)).isEqualTo(2_002);
            assertThat(engine.counters().get(Counters.COMMANDS)).isEqualTo(2);
        }
    }

    private Path write(final String name, final String text) throws Exception
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static AdapterContext context(final Publisher publisher)
    {
        return new AdapterContext()
        {
            @Override
            public Publisher publisher()
            {
                return publisher;
            }

            @Override
            public int readerId(final String readerName)
            {
                return 1;
            }

            @Override
            public String setting(final String key)
            {
                return null;
            }
        };
    }
}
