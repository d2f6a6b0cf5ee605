package dev.inventory.core.epcis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.ingest.Publisher;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class EpcisEngineTest
{
    private static final long EPC_HIGH = 0x3034257BF7194E40L;
    private static final int EPC_LOW = 0x00001A85;
    private static final long OTHER_HIGH = 0x3034257BF7194E40L;
    private static final int OTHER_LOW = 0x00001A86;
    private static final long T0_MS = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldWriteValidDocumentWithSameEventIdsWhenSameInputRunsTwice() throws Exception
    {
        final JsonNode first = run(dir.resolve("first.jsonld"), EpcisJsonLdSink.Mode.DOCUMENT);
        final JsonNode second = run(dir.resolve("second.jsonld"), EpcisJsonLdSink.Mode.DOCUMENT);

        assertThat(EpcisSchema.validate(first)).isEmpty();
        final List<String> types = field(first, "inv:event");
        assertThat(types).startsWith("appeared", "appeared", "moved").contains("disappeared");
        final JsonNode moved = first.get("epcisBody").get("eventList").get(2);
        assertThat(moved.get("bizStep").asText()).isEqualTo("storing");
        assertThat(moved.get("bizLocation").get("id").asText()).isEqualTo("urn:epc:id:sgln:0614141.00777.shelf");
        assertThat(moved.get("readPoint").get("id").asText()).isEqualTo("urn:epc:id:sgln:0614141.00777.shelf");
        final List<String> ids = field(first, "eventID");
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.startsWith("urn:uuid:"));
        assertThat(field(second, "eventID")).isEqualTo(ids);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldWriteValidLinesWhenJsonLinesModeThroughEngine() throws Exception
    {
        final Path file = dir.resolve("events.jsonl");
        run(file, EpcisJsonLdSink.Mode.JSON_LINES);

        final List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        for (final String line : lines)
        {
            assertThat(EpcisSchema.validate(line)).isEmpty();
        }
    }

    private static List<String> field(final JsonNode document, final String name)
    {
        final List<String> values = new ArrayList<>();
        document.get("epcisBody").get("eventList").forEach(event -> values.add(event.get(name).asText()));
        return values;
    }

    private static JsonNode run(final Path file, final EpcisJsonLdSink.Mode mode) throws Exception
    {
        final EpcisJsonLdSink sink = new EpcisJsonLdSink(new EpcisJsonLdSink.Context()
            .file(file)
            .mode(mode)
            .partitionId("plant-7")
            .clock(() -> T0_MS)
            .zone("shelf", EpcisZone.DEFAULTS.withBizLocation("urn:epc:id:sgln:0614141.00777.shelf")));
        final EngineConfig config = EngineConfig.builder()
            .zone("dock", 1, 1)
            .zone("shelf", 1, 2)
            .clockTickIntervalMs(0)
            .dedupWindowMs(0)
            .presenceTimeoutMs(2_000)
            .sink(sink)
            .build();
        try (InventoryEngine engine = new InventoryEngine(config).start())
        {
            final Publisher publisher = engine.publisher();
            long t = T0_MS;
            publish(publisher, 1, OTHER_HIGH, OTHER_LOW, -4000, t);
            for (int i = 0; i < 5; i++, t += 100)
            {
                publish(publisher, 1, EPC_HIGH, EPC_LOW, -4000, t);
            }
            for (int i = 0; i < 40; i++, t += 100)
            {
                publish(publisher, 2, EPC_HIGH, EPC_LOW, -3000, t);
                publish(publisher, 1, EPC_HIGH, EPC_LOW, -7500, t);
            }
            // only the other tag is read from now on: the first one times out and disappears
            for (int i = 0; i < 50; i++, t += 100)
            {
                publish(publisher, 1, OTHER_HIGH, OTHER_LOW, -4000, t);
            }
            assertThat(engine.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        }
        if (mode == EpcisJsonLdSink.Mode.JSON_LINES)
        {
            return null;
        }
        return EpcisSchema.MAPPER.readTree(Files.readString(file));
    }

    private static void publish(
        final Publisher publisher, final int antenna, final long high, final int low, final int rssi, final long t)
    {
        assertThat(publisher.publishRfidRead(1, antenna, high, low, rssi, t, 1, 5, TimeUnit.SECONDS))
            .isNotNegative();
    }
}
