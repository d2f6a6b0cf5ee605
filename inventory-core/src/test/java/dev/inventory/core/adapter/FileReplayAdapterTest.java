package dev.inventory.core.adapter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.ingest.IngestRing;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.record.RfidReadFlyweight;
import dev.inventory.core.spi.AdapterContext;
import dev.inventory.core.spi.DeviceAdapter;
import dev.inventory.core.spi.DeviceAdapterFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class FileReplayAdapterTest
{
    private static final String EPC_A = "3034257BF7194E4000001A85";
    private static final String EPC_B = "3034257BF7194E4000001A86";

    @TempDir
    Path dir;

    private final IngestRing ring = new IngestRing(1024);
    private final Counters counters = new Counters();
    private final TestContext context = new TestContext(new Publisher(ring, counters));
    private FileReplayAdapter adapter;

    @AfterEach
    void after() throws Exception
    {
        if (null != adapter)
        {
            adapter.onClose();
        }
    }

    @Test
    void shouldPublishOneReadPerDataLineWhenFileHasHeaderAndBlankLines() throws Exception
    {
        final List<RfidReadFlyweight> reads = replay(
            "ts_ms,reader,antenna,epc_hex,rssi_dbm\r\n" +
            "1700000000000,1,2," + EPC_A + ",-55.5\r\n" +
            "\r\n" +
            "1700000000100, 3 , 4 ," + EPC_B.toLowerCase() + ", -60\n");

        assertThat(adapter.linesRead()).isEqualTo(2);
        assertThat(adapter.malformedLines()).isZero();
        assertThat(adapter.publishedRecords()).isEqualTo(2);
        assertThat(reads).hasSize(2);
        final RfidReadFlyweight first = reads.get(0);
        assertThat(first.type()).isEqualTo(RecordType.RFID_READ);
        assertThat(first.timestampMs()).isEqualTo(1700000000000L);
        assertThat(first.reader()).isEqualTo(1);
        assertThat(first.antenna()).isEqualTo(2);
        assertThat(first.epcHigh()).isEqualTo(0x3034257BF7194E40L);
        assertThat(first.epcLow()).isEqualTo(0x00001A85);
        assertThat(first.epcBitLength()).isEqualTo(96);
        assertThat(first.rssiCentiDbm()).isEqualTo(-5550);
        assertThat(first.seenCount()).isEqualTo(1);
        final RfidReadFlyweight second = reads.get(1);
        assertThat(second.reader()).isEqualTo(3);
        assertThat(second.antenna()).isEqualTo(4);
        assertThat(second.epcLow()).isEqualTo(0x00001A86);
        assertThat(second.rssiCentiDbm()).isEqualTo(-6000);
    }

    @Test
    void shouldPublishZeroLengthEpcWithPreviousTimestampWhenLineIsMalformed() throws Exception
    {
        final List<RfidReadFlyweight> reads = replay(
            "1700000000000,1,1," + EPC_A + ",-50\n" +
            "1700000000001,1,1," + EPC_A + "\n" +                 // 4 fields
            "1700000000002,1,1," + EPC_A + ",-50,extra\n" +       // 6 fields
            "1700000000003,1,1,3034257BF7194E4000001AXZ,-50\n" +  // not hex
            "17000000000x4,1,1," + EPC_A + ",-50\n" +             // bad ts
            "1700000000005,1,99999," + EPC_A + ",-50\n" +         // antenna out of range
            "1700000000006,1,1," + EPC_A + ",-5o\n" +             // bad rssi
            "1700000000007,1,1,3034257BF7194E4000001A8,-50\n" +   // not whole words
            "1700000000008,,1," + EPC_A + ",-50\n" +              // empty reader
            "1700000000009,1,1," + EPC_B + ",-51\n");

        assertThat(adapter.linesRead()).isEqualTo(10);
        assertThat(adapter.malformedLines()).isEqualTo(8);
        assertThat(reads).hasSize(10);
        for (int i = 1; i <= 8; i++)
        {
            final RfidReadFlyweight malformed = reads.get(i);
            assertThat(malformed.epcBitLength()).as("line %d", i + 1).isZero();
            assertThat(malformed.antenna()).isEqualTo(1);
            assertThat(malformed.timestampMs()).isEqualTo(1700000000000L);
            assertThat(malformed.rssiCentiDbm()).isEqualTo(RfidReadFlyweight.RSSI_UNKNOWN);
        }
        assertThat(reads.get(9).epcBitLength()).isEqualTo(96);
        assertThat(reads.get(9).timestampMs()).isEqualTo(1700000000009L);
    }

    @Test
    void shouldLeftAlignShortEpcAndKeepTrueLengthWhenEpcIsNot96Bits() throws Exception
    {
        final List<RfidReadFlyweight> reads = replay(
            "1700000000000,1,1,ABCD,-50\n" +
            "1700000000000,1,1,0x1122334455667788,-50\n" +
            "1700000000000,1,1,3034257BF7194E4000001A85FFFF0000,-50\n");

        assertThat(adapter.malformedLines()).isZero();
        assertThat(reads.get(0).epcHigh()).isEqualTo(0xABCD000000000000L);
        assertThat(reads.get(0).epcLow()).isZero();
        assertThat(reads.get(0).epcBitLength()).isEqualTo(16);
        assertThat(reads.get(1).epcHigh()).isEqualTo(0x1122334455667788L);
        assertThat(reads.get(1).epcBitLength()).isEqualTo(64);
        assertThat(reads.get(2).epcHigh()).isEqualTo(0x3034257BF7194E40L);
        assertThat(reads.get(2).epcLow()).isEqualTo(0x00001A85);
        assertThat(reads.get(2).epcBitLength()).isEqualTo(128);
    }

    @Test
    void shouldRoundRssiToCentiDbmWhenDecimalHasMoreDigits() throws Exception
    {
        final List<RfidReadFlyweight> reads = replay(
            "1700000000000,1,1," + EPC_A + ",-55.55\n" +
            "1700000000000,1,1," + EPC_A + ",-70.125\n" +
            "1700000000000,1,1," + EPC_A + ",+3.1\n" +
            "1700000000000,1,1," + EPC_A + ",\n");

        assertThat(reads).extracting(RfidReadFlyweight::rssiCentiDbm)
            .containsExactly(-5555, -7013, 310, RfidReadFlyweight.RSSI_UNKNOWN);
    }

    @Test
    void shouldResolveReaderNamesThroughContextWhenReaderIsNotNumeric() throws Exception
    {
        final List<RfidReadFlyweight> reads = replay(
            "1700000000000,dock,1," + EPC_A + ",-50\n" +
            "1700000000001,shelf,1," + EPC_A + ",-50\n" +
            "1700000000002,dock,1," + EPC_A + ",-50\n" +
            "1700000000003,7,1," + EPC_A + ",-50\n");

        assertThat(reads).extracting(RfidReadFlyweight::reader).containsExactly(1, 2, 1, 7);
        assertThat(context.resolved).containsExactly("dock", "shelf");
    }

    @Test
    void shouldReadLastLineWhenFileHasNoFinalNewline() throws Exception
    {
        final List<RfidReadFlyweight> reads = replay("1700000000000,1,1," + EPC_A + ",-50");

        assertThat(reads).hasSize(1);
        assertThat(adapter.linesRead()).isEqualTo(1);
    }

    @Test
    void shouldPaceByFileTimeWhenSpeedIsSet() throws Exception
    {
        final Path file = write("1700000000000,1,1," + EPC_A + ",-50\n1700000000400,1,1," + EPC_A + ",-50\n");
        adapter = new FileReplayAdapter(new FileReplayAdapter.Context().file(file).speed(2.0));
        final long startNs = System.nanoTime();
        adapter.onStart(context);
        assertThat(adapter.awaitDone(10, TimeUnit.SECONDS)).isTrue();

        assertThat(System.nanoTime() - startNs).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
        assertThat(adapter.publishedRecords()).isEqualTo(2);
    }

    @Test
    void shouldThrowFromStartAndBeDoneWhenFileIsMissing()
    {
        adapter = new FileReplayAdapter(dir.resolve("missing.csv"));

        assertThatThrownBy(() -> adapter.onStart(context)).isInstanceOf(NoSuchFileException.class);
        assertThat(adapter.isDone()).isTrue();
        assertThat(adapter.isHealthy()).isFalse();
    }

    @Test
    void shouldNameBadSettingWhenContextIsInvalid()
    {
        assertThatThrownBy(() -> new FileReplayAdapter(new FileReplayAdapter.Context()))
            .hasMessageContaining("file");
        assertThatThrownBy(() -> new FileReplayAdapter(new FileReplayAdapter.Context().file(dir).speed(-1)))
            .hasMessageContaining("speed");
    }

    @Test
    void shouldBeDiscoveredByServiceLoaderWhenTypeIsFileReplay() throws IOException
    {
        final Path file = write("1700000000000,1,1," + EPC_A + ",-50\n");
        DeviceAdapterFactory found = null;
        for (final DeviceAdapterFactory factory : ServiceLoader.load(DeviceAdapterFactory.class))
        {
            if (FileReplayAdapterFactory.TYPE.equals(factory.type()))
            {
                found = factory;
            }
        }
        assertThat(found).isNotNull();

        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("file", file.toString());
        settings.put("pacing", "realtime");
        settings.put("speed", "4");
        final DeviceAdapter created = found.create(settings);
        assertThat(created).isInstanceOf(FileReplayAdapter.class);
        assertThat(((FileReplayAdapter)created).context().speed()).isEqualTo(4.0);

        settings.put("pacing", "slow");
        final DeviceAdapterFactory factory = found;
        assertThatThrownBy(() -> factory.create(settings)).hasMessageContaining("file-replay.pacing");
        assertThatThrownBy(() -> factory.create(Map.of())).hasMessageContaining("file-replay.file");
    }

    @Test
    void shouldCountMalformedLinesAsBadEpcLengthWhenRunThroughEngine() throws Exception
    {
        final Path file = write(
            "ts_ms,reader,antenna,epc_hex,rssi_dbm\n" +
            "1700000000000,dock,1," + EPC_A + ",-50\n" +
            "garbage\n" +
            "1700000000100,dock,1,XYZ,-50\n" +
            "1700000000200,dock,1," + EPC_B + ",-50\n");
        final EngineConfig config = EngineConfig.builder()
            .autoZones(true)
            .clockTickIntervalMs(0)
            .discoverAdapters(true)
            .adapterSetting("file-replay.file", file.toString())
            .build();
        try (InventoryEngine engine = new InventoryEngine(config).start())
        {
            final Counters counters = engine.counters();
            while (counters.get(Counters.RECORDS) < 4)
            {
                Thread.onSpinWait();
            }
            assertThat(engine.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
            assertThat(counters.get(Counters.RECORDS)).isEqualTo(4);
            assertThat(counters.get(Counters.READS)).isEqualTo(2);
            assertThat(counters.rejected(RejectReason.BAD_EPC_LENGTH)).isEqualTo(2);
            assertThat(engine.ledger().get(5, TimeUnit.SECONDS)).hasSize(2);
        }
    }

    private List<RfidReadFlyweight> replay(final String content) throws Exception
    {
        adapter = new FileReplayAdapter(write(content));
        adapter.onStart(context);
        assertThat(adapter.awaitDone(10, TimeUnit.SECONDS)).isTrue();
        assertThat(adapter.isDone()).isTrue();
        assertThat(adapter.failure()).isNull();
        final int count = ring.available(ring.capacity());
        final List<RfidReadFlyweight> reads = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            reads.add(new RfidReadFlyweight().wrap(ring.buffer(), ring.offset(i)));
        }
        return reads;
    }

    private Path write(final String content) throws IOException
    {
        final Path file = dir.resolve("reads.csv");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static final class TestContext implements AdapterContext
    {
        private final Publisher publisher;
        private final List<String> resolved = new ArrayList<>();

        TestContext(final Publisher publisher)
        {
            this.publisher = publisher;
        }

        @Override
        public Publisher publisher()
        {
            return publisher;
        }

        @Override
        public synchronized int readerId(final String readerName)
        {
            final int index = resolved.indexOf(readerName);
            if (index >= 0)
            {
                return index + 1;
            }
            resolved.add(readerName);
            return resolved.size();
        }

        @Override
        public String setting(final String key)
        {
            return null;
        }
    }
}
