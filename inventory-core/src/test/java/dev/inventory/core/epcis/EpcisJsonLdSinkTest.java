package dev.inventory.core.epcis;

import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.spi.EpcFormatter;
import dev.inventory.core.spi.SinkContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpcisJsonLdSinkTest
{
    private static final long T0_MS = 1_700_000_000_000L;
    private static final long EPC_HIGH = 0x3034257BF7194E40L;
    private static final int EPC_LOW = 0x00001A85;
    private static final String SGTIN = "urn:epc:id:sgtin:0614141.812345.6789";
    private static final String[] ZONES = {"dock", "shelf", "yard", "odd \"zone\" é/1"};

    private final List<ByteBuffer> events = new ArrayList<>();
    private long sequence;

    @Test
    void shouldWriteValidDocumentWithEveryMappedEventType() throws Exception
    {
        addAllTypes();
        final StringWriter out = new StringWriter();

        final EpcisJsonLdSink sink = run(new EpcisJsonLdSink.Context().writer(out).partitionId("site-1"), uriFormatter());

        final JsonNode document = EpcisSchema.MAPPER.readTree(out.toString());
        assertThat(EpcisSchema.validate(document)).isEmpty();
        assertThat(document.get("@context").get(0).asText()).isEqualTo(EpcisJsonLdSink.EPCIS_CONTEXT);
        assertThat(document.get("schemaVersion").asText()).isEqualTo("2.0");
        assertThat(document.get("creationDate").asText()).isEqualTo("2023-11-14T22:13:20.000Z");
        final JsonNode list = document.get("epcisBody").get("eventList");
        assertThat(list).hasSize(7);
        assertThat(sink.eventsWritten()).isEqualTo(7);
        assertThat(sink.eventsSkipped()).isEqualTo(3);

        final JsonNode appeared = list.get(0);
        assertThat(appeared.get("type").asText()).isEqualTo("ObjectEvent");
        assertThat(appeared.get("action").asText()).isEqualTo("OBSERVE");
        assertThat(appeared.get("eventTime").asText()).isEqualTo("2023-11-14T22:13:20.000Z");
        assertThat(appeared.get("eventTimeZoneOffset").asText()).isEqualTo("+00:00");
        assertThat(appeared.get("eventID").asText()).isEqualTo(EpcisEventId.of("site-1", 0));
        assertThat(appeared.get("epcList").get(0).asText()).isEqualTo(SGTIN);
        assertThat(appeared.get("bizStep").asText()).isEqualTo("arriving");
        assertThat(appeared.has("disposition")).isFalse();
        assertThat(appeared.get("readPoint").get("id").asText()).isEqualTo("urn:dev:inventory:zone:dock");
        assertThat(appeared.get("bizLocation").get("id").asText()).isEqualTo("urn:dev:inventory:zone:dock");
        assertThat(appeared.get("inv:event").asText()).isEqualTo("appeared");
        assertThat(appeared.get("inv:reader").asInt()).isEqualTo(1);
        assertThat(appeared.get("inv:rssiCentiDbm").asInt()).isEqualTo(-5500);

        final JsonNode moved = list.get(1);
        assertThat(moved.get("bizStep").asText()).isEqualTo("storing");
        assertThat(moved.get("bizLocation").get("id").asText()).isEqualTo("urn:dev:inventory:zone:shelf");
        assertThat(moved.get("inv:fromZone").asText()).isEqualTo("dock");
        assertThat(moved.get("inv:dwellMs").asLong()).isEqualTo(5_000);

        final JsonNode disappeared = list.get(2);
        assertThat(disappeared.has("bizStep")).isFalse();
        assertThat(disappeared.get("disposition").asText()).isEqualTo("unknown");
        assertThat(disappeared.get("readPoint").get("id").asText()).isEqualTo("urn:dev:inventory:zone:shelf");
        assertThat(disappeared.has("bizLocation")).isFalse();

        final JsonNode portalIn = list.get(3);
        assertThat(portalIn.get("bizStep").asText()).isEqualTo("receiving");
        assertThat(portalIn.get("disposition").asText()).isEqualTo("in_progress");
        assertThat(portalIn.get("bizLocation").get("id").asText()).isEqualTo("urn:dev:inventory:zone:dock");

        final JsonNode portalOut = list.get(4);
        assertThat(portalOut.get("bizStep").asText()).isEqualTo("shipping");
        assertThat(portalOut.get("disposition").asText()).isEqualTo("in_transit");
        assertThat(portalOut.has("bizLocation")).isFalse();

        final JsonNode enter = list.get(5);
        assertThat(enter.get("epcList").get(0).asText()).isEqualTo("urn:dev:inventory:rtls-tag:4711");
        assertThat(enter.get("bizLocation").get("id").asText())
            .isEqualTo("urn:dev:inventory:zone:odd%20%22zone%22%20%C3%A9%2F1");
        assertThat(enter.get("inv:toZone").asText()).isEqualTo(ZONES[3]);
        assertThat(list.get(6).get("bizStep").asText()).isEqualTo("departing");
    }

    @Test
    void shouldWriteBleZoneEventsAsArrivalsAndDeparturesAtTheirZonesWhenMapped() throws Exception
    {
        // a BLE tag placed in the dock (receiver 201), moving to the shelf (receiver 202), then absent
        add(EventType.RTLS_BLE_ZONE_ENTER, 201, 0, -1, 0, 0);
        add(EventType.RTLS_BLE_ZONE_EXIT, 202, 0, 0, 1, 4_000);
        add(EventType.RTLS_BLE_ZONE_ENTER, 202, 0, 0, 1, 0);
        add(EventType.RTLS_BLE_ZONE_EXIT, 0, 0, 1, -1, 15_000);
        final StringWriter out = new StringWriter();
        final EpcisJsonLdSink.Context ctx = new EpcisJsonLdSink.Context().writer(out)
            .rtlsTagUriPrefix("urn:example:ble-tag:")
            .zone("shelf", EpcisZone.DEFAULTS.withBizStep("storing").withReadPoint("urn:epc:id:sgln:0614141.00777.s1"))
            // an RFID reader's read point: BLE receiver ids are not reader ids, so it must not apply
            .readPoint(202, 0, "urn:epc:id:sgln:0614141.00777.door2");

        final EpcisJsonLdSink sink = run(ctx, uriFormatter());

        final JsonNode document = EpcisSchema.MAPPER.readTree(out.toString());
        assertThat(EpcisSchema.validate(document)).isEmpty();
        assertThat(EpcisJsonLdSink.isMapped(EventType.RTLS_BLE_ZONE_ENTER)).isTrue();
        assertThat(EpcisJsonLdSink.isMapped(EventType.RTLS_BLE_ZONE_EXIT)).isTrue();
        assertThat(sink.eventsWritten()).isEqualTo(4);
        assertThat(sink.eventsSkipped()).isZero();
        final JsonNode list = document.get("epcisBody").get("eventList");

        final JsonNode placed = list.get(0);
        assertThat(placed.get("epcList").get(0).asText()).isEqualTo("urn:example:ble-tag:4711");
        assertThat(placed.get("action").asText()).isEqualTo("OBSERVE");
        assertThat(placed.get("bizStep").asText()).isEqualTo("arriving");
        assertThat(placed.get("readPoint").get("id").asText()).isEqualTo("urn:dev:inventory:zone:dock");
        assertThat(placed.get("bizLocation").get("id").asText()).isEqualTo("urn:dev:inventory:zone:dock");
        assertThat(placed.get("inv:event").asText()).isEqualTo("ble_zone_enter");
        assertThat(placed.get("inv:toZone").asText()).isEqualTo("dock");
        assertThat(placed.get("inv:reader").asInt()).isEqualTo(201);

        final JsonNode left = list.get(1);
        assertThat(left.get("bizStep").asText()).isEqualTo("departing");
        assertThat(left.get("readPoint").get("id").asText()).isEqualTo("urn:dev:inventory:zone:dock");
        assertThat(left.has("bizLocation")).isFalse();
        assertThat(left.get("inv:fromZone").asText()).isEqualTo("dock");
        assertThat(left.get("inv:toZone").asText()).isEqualTo("shelf");
        assertThat(left.get("inv:dwellMs").asLong()).isEqualTo(4_000);

        final JsonNode arrived = list.get(2);
        assertThat(arrived.get("bizStep").asText()).isEqualTo("storing"); // the zone's profile wins for arrivals
        assertThat(arrived.get("readPoint").get("id").asText()).isEqualTo("urn:epc:id:sgln:0614141.00777.s1");
        assertThat(arrived.get("bizLocation").get("id").asText()).isEqualTo("urn:dev:inventory:zone:shelf");

        final JsonNode absent = list.get(3);
        assertThat(absent.get("bizStep").asText()).isEqualTo("departing");
        assertThat(absent.get("readPoint").get("id").asText()).isEqualTo("urn:epc:id:sgln:0614141.00777.s1");
        assertThat(absent.has("bizLocation")).isFalse();
        assertThat(absent.has("inv:toZone")).isFalse();
        assertThat(absent.has("inv:reader")).isFalse();
        assertThat(absent.get("inv:dwellMs").asLong()).isEqualTo(15_000);
    }

    @Test
    void shouldWriteOneValidDocumentPerLineWhenJsonLinesMode() throws Exception
    {
        addAllTypes();
        final StringWriter out = new StringWriter();

        run(new EpcisJsonLdSink.Context().writer(out).mode(EpcisJsonLdSink.Mode.JSON_LINES), uriFormatter());

        final String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(7);
        for (final String line : lines)
        {
            final JsonNode document = EpcisSchema.MAPPER.readTree(line);
            assertThat(EpcisSchema.validate(document)).isEmpty();
            assertThat(document.get("epcisBody").get("eventList")).hasSize(1);
        }
    }

    @Test
    void shouldWriteValidEmptyDocumentWhenNoEvents() throws Exception
    {
        final StringWriter out = new StringWriter();

        run(new EpcisJsonLdSink.Context().writer(out).extensions(false), uriFormatter());

        final JsonNode document = EpcisSchema.MAPPER.readTree(out.toString());
        assertThat(EpcisSchema.validate(document)).isEmpty();
        assertThat(document.get("@context").asText()).isEqualTo(EpcisJsonLdSink.EPCIS_CONTEXT);
        assertThat(document.get("epcisBody").get("eventList")).isEmpty();
    }

    @Test
    void shouldUseRawEpcUriWhenFormatterGivesHex() throws Exception
    {
        add(EventType.APPEARED, 1, 1, -1, 0, 0);
        final StringWriter out = new StringWriter();

        run(new EpcisJsonLdSink.Context().writer(out).extensions(false), EpcFormatter.HEX);

        final JsonNode document = EpcisSchema.MAPPER.readTree(out.toString());
        assertThat(EpcisSchema.validate(document)).isEmpty();
        final JsonNode event = document.get("epcisBody").get("eventList").get(0);
        assertThat(event.get("epcList").get(0).asText()).isEqualTo("urn:epc:raw:96.x3034257BF7194E4000001A85");
        assertThat(event.has("inv:event")).isFalse();
    }

    @Test
    void shouldApplyZoneProfileAndAntennaReadPointWhenConfigured() throws Exception
    {
        add(EventType.APPEARED, 1, 1, -1, 0, 0);
        add(EventType.MOVED, 1, 2, 0, 1, 1_000);
        add(EventType.DISAPPEARED, 0, 0, 1, -1, 1_000);
        final StringWriter out = new StringWriter();
        final EpcisJsonLdSink.Context ctx = new EpcisJsonLdSink.Context().writer(out)
            .zone("dock", new EpcisZone("receiving", "in_progress", "urn:epc:id:sgln:0614141.00777.dock", null))
            .zone("shelf", EpcisZone.DEFAULTS.withBizStep("holding").withDisposition("non_conformant")
                .withBizLocation("urn:epc:id:sgln:0614141.00777.qa").withReadPoint("urn:epc:id:sgln:0614141.00777.qa1"))
            .readPoint(1, 1, "urn:epc:id:sgln:0614141.00777.door1");

        run(ctx, uriFormatter());

        final JsonNode document = EpcisSchema.MAPPER.readTree(out.toString());
        assertThat(EpcisSchema.validate(document)).isEmpty();
        final JsonNode list = document.get("epcisBody").get("eventList");
        assertThat(list.get(0).get("bizStep").asText()).isEqualTo("receiving");
        assertThat(list.get(0).get("disposition").asText()).isEqualTo("in_progress");
        assertThat(list.get(0).get("readPoint").get("id").asText()).isEqualTo("urn:epc:id:sgln:0614141.00777.door1");
        assertThat(list.get(0).get("bizLocation").get("id").asText()).isEqualTo("urn:epc:id:sgln:0614141.00777.dock");
        assertThat(list.get(1).get("bizStep").asText()).isEqualTo("holding");
        assertThat(list.get(1).get("disposition").asText()).isEqualTo("non_conformant");
        assertThat(list.get(1).get("readPoint").get("id").asText()).isEqualTo("urn:epc:id:sgln:0614141.00777.qa1");
        // a disappearance keeps its own disposition, the zone's applies to arrivals only
        assertThat(list.get(2).get("disposition").asText()).isEqualTo("unknown");
        assertThat(list.get(2).get("readPoint").get("id").asText()).isEqualTo("urn:epc:id:sgln:0614141.00777.qa1");
    }

    @Test
    void shouldRenderStandaloneEventWithContextWhenAsked() throws Exception
    {
        add(EventType.MOVED, 1, 2, 0, 1, 1_000);
        final EpcisJsonLdSink sink = new EpcisJsonLdSink(new EpcisJsonLdSink.Context().writer(new StringWriter()));
        sink.onStart(sinkContext(uriFormatter()));
        final EventFlyweight event = new EventFlyweight().wrap(events.get(0), 0);

        final String json = sink.renderEvent(event);

        assertThat(EpcisSchema.validate(json)).isEmpty();
        assertThat(EpcisSchema.MAPPER.readTree(json).get("@context")).isNotNull();
        event.set(EventType.PORTAL_NEAR, 1, T0_MS, EPC_HIGH, EPC_LOW, -1, 0, 0, 0, 9, 0, -1);
        assertThat(sink.renderEvent(event)).isNull();
    }

    @Test
    void shouldNameBadFieldWhenContextIsInvalid()
    {
        assertThatThrownBy(() -> new EpcisJsonLdSink(new EpcisJsonLdSink.Context()))
            .hasMessageContaining("file and writer");
        assertThatThrownBy(() -> new EpcisJsonLdSink(new EpcisJsonLdSink.Context().writer(new StringWriter())
            .zone("dock", EpcisZone.DEFAULTS.withBizStep("recieving"))))
            .hasMessageStartingWith("zones.dock.bizStep");
        assertThatThrownBy(() -> new EpcisJsonLdSink(new EpcisJsonLdSink.Context().writer(new StringWriter())
            .disposition(EventType.DISAPPEARED, "urn:epcglobal:cbv:disp:unknown")))
            .hasMessageContaining("bare name");
        assertThatThrownBy(() -> new EpcisJsonLdSink(new EpcisJsonLdSink.Context().writer(new StringWriter())
            .zone("dock", EpcisZone.DEFAULTS.withBizLocation("dock 1"))))
            .hasMessageStartingWith("zones.dock.bizLocation");
        assertThatThrownBy(() -> new EpcisJsonLdSink(new EpcisJsonLdSink.Context().writer(new StringWriter())
            .partitionId("")))
            .hasMessageStartingWith("partitionId");
    }

    @Test
    void shouldEscapeJsonStringsWhenControlAndQuoteCharacters()
    {
        final StringBuilder sb = new StringBuilder();

        JsonWriter.appendString(sb, "a\"b\\c\n\u0001\u2028é");

        assertThat(sb.toString()).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\\u2028é\"");
    }

    @Test
    void shouldDeriveVersion5UuidsWhenGivenNames()
    {
        // RFC 9562 / Python uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        assertThat(EpcisEventId.nameUuidV5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org"))
            .hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
        assertThat(EpcisEventId.of("site-1", 42)).isEqualTo(EpcisEventId.of("site-1", 42))
            .startsWith("urn:uuid:")
            .isNotEqualTo(EpcisEventId.of("site-1", 43))
            .isNotEqualTo(EpcisEventId.of("site-2", 42));
        assertThat(UUID.fromString(EpcisEventId.of("site-1", 42).substring(9)).version()).isEqualTo(5);
    }

    private void addAllTypes()
    {
        add(EventType.APPEARED, 1, 1, -1, 0, 0);
        add(EventType.MOVED, 1, 2, 0, 1, 5_000);
        add(EventType.DISAPPEARED, 0, 0, 1, -1, 9_000);
        add(EventType.PORTAL_IN, 7, 0, 2, 0, 300);
        add(EventType.PORTAL_OUT, 7, 0, 0, 2, 300);
        add(EventType.PORTAL_NEAR, 7, 0, -1, 0, 300);
        add(EventType.RTLS_DWELL_EXCEEDED, 3, 0, -1, 3, 300);
        add(EventType.RTLS_ZONE_ENTER, 3, 0, -1, 3, 0);
        add(EventType.RTLS_ZONE_EXIT, 3, 0, 3, -1, 2_000);
        add((short)1000, 0, 0, -1, -1, 0);
    }

    private void add(final short type, final int reader, final int antenna, final int from, final int to,
        final long dwellMs)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(EventFlyweight.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        final boolean rtls = type >= EventType.RTLS_ZONE_ENTER && type <= EventType.RTLS_BLE_ZONE_EXIT;
        new EventFlyweight().wrap(buffer, 0).set(type, reader, T0_MS + sequence * 1_000,
            rtls ? 4711 : EPC_HIGH, rtls ? 0 : EPC_LOW, from, to, antenna, dwellMs, sequence,
            reader == 1 ? -5500 : 0, -1);
        sequence++;
        events.add(buffer);
    }

    private EpcisJsonLdSink run(final EpcisJsonLdSink.Context ctx, final EpcFormatter formatter) throws Exception
    {
        final EpcisJsonLdSink sink = new EpcisJsonLdSink(ctx.clock(() -> T0_MS));
        sink.onStart(sinkContext(formatter));
        // two batches, to exercise the separators between batches
        final int half = events.size() / 2;
        if (half > 0)
        {
            sink.onEvents(batch(events.subList(0, half)));
        }
        if (events.size() > half)
        {
            sink.onEvents(batch(events.subList(half, events.size())));
        }
        sink.onClose();
        return sink;
    }

    private static EventBatch batch(final List<ByteBuffer> buffers)
    {
        final EventFlyweight flyweight = new EventFlyweight();
        return new EventBatch()
        {
            @Override
            public int size()
            {
                return buffers.size();
            }

            @Override
            public EventFlyweight event(final int index)
            {
                return flyweight.wrap(buffers.get(index), 0);
            }
        };
    }

    private static EpcFormatter uriFormatter()
    {
        final Map<String, String> uris = Map.of("3034257BF7194E4000001A85", SGTIN);
        return (high, low, sb) -> sb.append(uris.get(EpcFormatter.HEX.format(high, low)));
    }

    private static SinkContext sinkContext(final EpcFormatter formatter)
    {
        return new SinkContext()
        {
            @Override
            public String zoneName(final int zoneId)
            {
                return zoneId >= 0 && zoneId < ZONES.length ? ZONES[zoneId] : null;
            }

            @Override
            public EpcFormatter epcFormatter()
            {
                return formatter;
            }

            @Override
            public long skuKey(final int skuHandle)
            {
                return 0;
            }
        };
    }
}
