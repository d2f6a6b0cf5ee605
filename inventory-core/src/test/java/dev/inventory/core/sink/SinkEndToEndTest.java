package dev.inventory.core.sink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ingest.Publisher;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class SinkEndToEndTest
{
    private static final long EPC_HIGH = 0x3034257BF7194E40L;
    private static final int EPC_LOW = 0x00001A85;
    private static final String EPC_HEX = "3034257BF7194E4000001A85";
    private static final long T0_MS = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldCopyAppearedAndMovedEventsWhenTagChangesZone() throws Exception
    {
        final InMemorySink sink = new InMemorySink();
        try (InventoryEngine engine = new InventoryEngine(config().sink(sink).build()).start())
        {
            publishDockThenShelf(engine.publisher());
            assertThat(sink.awaitCount(2, 10, TimeUnit.SECONDS)).isTrue();
        }

        final List<InMemorySink.Event> events = sink.events();
        assertThat(events).hasSize(2);
        final InMemorySink.Event appeared = events.get(0);
        assertThat(appeared.type()).isEqualTo(EventType.APPEARED);
        assertThat(appeared.typeName()).isEqualTo("appeared");
        assertThat(appeared.sequence()).isZero();
        assertThat(appeared.epc()).isEqualTo(EPC_HEX);
        assertThat(appeared.epcHigh()).isEqualTo(EPC_HIGH);
        assertThat(appeared.epcLow()).isEqualTo(EPC_LOW);
        assertThat(appeared.fromZone()).isNull();
        assertThat(appeared.toZone()).isEqualTo("dock");
        assertThat(appeared.timestampMs()).isEqualTo(T0_MS);
        assertThat(appeared.reader()).isEqualTo(1);
        assertThat(appeared.antenna()).isEqualTo(1);

        final InMemorySink.Event moved = events.get(1);
        assertThat(moved.type()).isEqualTo(EventType.MOVED);
        assertThat(moved.sequence()).isEqualTo(1);
        assertThat(moved.fromZone()).isEqualTo("dock");
        assertThat(moved.toZone()).isEqualTo("shelf");
        assertThat(moved.antenna()).isEqualTo(2);
        assertThat(moved.dwellMs()).isPositive();
        assertThat(sink.received()).isEqualTo(2);
    }

    @Test
    void shouldKeepNewestEventsWhenCapacityIsReached() throws Exception
    {
        final InMemorySink sink = new InMemorySink(1);
        try (InventoryEngine engine = new InventoryEngine(config().sink(sink).build()).start())
        {
            publishDockThenShelf(engine.publisher());
            assertThat(sink.awaitCount(2, 10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(sink.size()).isEqualTo(1);
        assertThat(sink.events().get(0).typeName()).isEqualTo("moved");
        sink.clear();
        assertThat(sink.events()).isEmpty();
        assertThat(sink.received()).isEqualTo(2);
    }

    @Test
    void shouldCopyDetailWhenEventCarriesOne() throws Exception
    {
        final InMemorySink sink = new InMemorySink();
        try (InventoryEngine engine = new InventoryEngine(config().sink(sink).build()).start())
        {
            final Publisher publisher = engine.publisher();
            assertThat(publisher.publishLinkState(1, false, 7, T0_MS, 5, TimeUnit.SECONDS)).isNotNegative();
            assertThat(publisher.publishLinkState(1, true, 3, T0_MS + 1_000, 5, TimeUnit.SECONDS)).isNotNegative();
            assertThat(sink.awaitCount(2, 10, TimeUnit.SECONDS)).isTrue();
        }

        final List<InMemorySink.Event> events = sink.events();
        assertThat(events).extracting(InMemorySink.Event::type).containsExactly(
            (int)EventType.LINK_DOWN, (int)EventType.LINK_UP);
        assertThat(events).extracting(InMemorySink.Event::detail).as("the link change reason").containsExactly(7, 3);
        assertThat(events).extracting(InMemorySink.Event::reader).containsExactly(1, 1);
    }

    @Test
    void shouldTimeOutWhenCountIsNotReached() throws Exception
    {
        assertThat(new InMemorySink().awaitCount(1, 10, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void shouldWriteCsvWithHeaderWhenEventsArrive() throws Exception
    {
        final Path file = dir.resolve("out/events.csv");
        final EventFileSink sink = new EventFileSink(file, EventFileSink.Format.CSV);
        runThroughEngine(sink);

        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("seq,type,ts_ms,epc,from_zone,to_zone,dwell_ms,reader,antenna");
        assertThat(lines.get(1)).isEqualTo("0,appeared," + T0_MS + "," + EPC_HEX + ",,dock,0,1,1");
        assertThat(lines.get(2)).startsWith("1,moved,").contains("," + EPC_HEX + ",dock,shelf,").endsWith(",1,2");
        assertThat(sink.linesWritten()).isEqualTo(2);
    }

    @Test
    void shouldWriteJsonLinesWhenFormatIsJson() throws Exception
    {
        final Path file = dir.resolve("events.jsonl");
        runThroughEngine(new EventFileSink(file, EventFileSink.Format.JSON_LINES));

        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"seq\":0,\"type\":\"appeared\",\"ts_ms\":" + T0_MS + ",\"epc\":\"" +
            EPC_HEX + "\",\"from_zone\":null,\"to_zone\":\"dock\",\"dwell_ms\":0,\"reader\":1,\"antenna\":1}");
        assertThat(lines.get(1)).startsWith("{\"seq\":1,\"type\":\"moved\"")
            .contains("\"from_zone\":\"dock\",\"to_zone\":\"shelf\"");
    }

    @Test
    void shouldAppendWithoutSecondHeaderWhenAppendIsOn() throws Exception
    {
        final Path file = dir.resolve("events.csv");
        runThroughEngine(new EventFileSink(file, EventFileSink.Format.CSV, true));
        runThroughEngine(new EventFileSink(file, EventFileSink.Format.CSV, true));

        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        assertThat(lines.stream().filter(l -> l.startsWith("seq,"))).hasSize(1);
    }

    @Test
    void shouldLogOneInfoLinePerEventWhenLoggingSinkIsUsed() throws Exception
    {
        final CapturingLogger logger = new CapturingLogger();
        runThroughEngine(new LoggingSink(logger));

        assertThat(logger.lines).hasSize(2);
        assertThat(logger.lines.get(0))
            .isEqualTo("INFO appeared seq=0 epc=" + EPC_HEX + " to=dock reader=1 antenna=1 ts_ms=" + T0_MS);
        assertThat(logger.lines.get(1)).startsWith("INFO moved seq=1 epc=" + EPC_HEX + " from=dock to=shelf dwell_ms=");
    }

    @Test
    void shouldEscapeFieldsWhenZoneNameNeedsIt()
    {
        final StringBuilder sb = new StringBuilder();
        EventText.appendCsvField(sb, "a,\"b\"");
        sb.append(' ');
        EventText.appendJsonString(sb, "q\"\\\n\u0001");

        assertThat(sb.toString()).isEqualTo("\"a,\"\"b\"\"\" \"q\\\"\\\\\\n\\u0001\"");
    }

    private void runThroughEngine(final dev.inventory.core.spi.EventSink sink) throws Exception
    {
        final InMemorySink counter = new InMemorySink();
        try (InventoryEngine engine = new InventoryEngine(config().sink(sink).sink(counter).build()).start())
        {
            publishDockThenShelf(engine.publisher());
            assertThat(counter.awaitCount(2, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        }
        // close drained every sink: the file is complete and flushed here
    }

    private static EngineConfig.Builder config()
    {
        return EngineConfig.builder()
            .zone("dock", 1, 1)
            .zone("shelf", 1, 2)
            .clockTickIntervalMs(0)
            .dedupWindowMs(0);
    }

    private static void publishDockThenShelf(final Publisher publisher)
    {
        long t = T0_MS;
        for (int i = 0; i < 5; i++, t += 100)
        {
            assertThat(publisher.tryPublishRfidRead(1, 1, EPC_HIGH, EPC_LOW, -4000, t, 1)).isNotNegative();
        }
        for (int i = 0; i < 40; i++, t += 100)
        {
            assertThat(publisher.tryPublishRfidRead(1, 2, EPC_HIGH, EPC_LOW, -3000, t, 1)).isNotNegative();
            assertThat(publisher.tryPublishRfidRead(1, 1, EPC_HIGH, EPC_LOW, -7500, t, 1)).isNotNegative();
        }
    }
}
