package dev.inventory.core.epcis;

import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ops.ContainerRules;
import dev.inventory.core.ops.MovementLedger;
import dev.inventory.core.record.SensorFlyweight;
import dev.inventory.core.spi.EpcFormatter;
import dev.inventory.core.spi.SinkContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every operations event type through the EPCIS sink, fabricated with the field use the rules document: each written
 * document validates against the EPCIS 2.0 JSON Schema, and the mapped fields are what the sink documents.
 */
class EpcisOpsEventsTest
{
    private static final long T0_MS = 1_700_000_000_000L;
    private static final String PARTITION = "plant-7";
    private static final long ITEM_HIGH = 0x3034257BF7194E40L;
    private static final int ITEM_LOW = 0x00001A85;
    private static final String ITEM = "urn:epc:raw:96.x3034257BF7194E4000001A85";
    private static final long PALLET_HIGH = 0x3114257BF7194E40L;
    private static final int PALLET_LOW = 0x00000007;
    private static final String PALLET = "urn:epc:raw:96.x3114257BF7194E4000000007";
    private static final String[] ZONES = {"dock", "store-a", "st-1", "qa", "ship"};
    private static final int DOCK = 0;
    private static final int STORE = 1;
    private static final int STATION = 2;
    private static final int QA = 3;
    private static final int SHIP = 4;
    private static final long SKU = 1001;
    private static final int SKU_HANDLE = 3;
    private static final long GTIN = 614141123452L; // GTIN-14 00614141123452, check digit 2
    private static final int GTIN_HANDLE = 4;
    private static final int RECEIPT = 77;
    private static final int WORK_ORDER = 55;
    private static final int SHIPMENT = 900;

    private long sequence;

    /** A fabricated event: fields set fluently, then {@link #buffer()}. */
    private final class Event
    {
        private final ByteBuffer buffer = ByteBuffer.allocate(EventFlyweight.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        private final EventFlyweight flyweight = new EventFlyweight().wrap(buffer, 0);
        private short type;
        private short detail;
        private int source;
        private long epcHigh = ITEM_HIGH;
        private int epcLow = ITEM_LOW;
        private int from = -1;
        private int to = -1;
        private long dwell;
        private int rssi;
        private int sku = -1;

        Event(final short type)
        {
            this.type = type;
        }

        Event detail(final int detail)
        {
            this.detail = (short)detail;
            return this;
        }

        Event source(final int source)
        {
            this.source = source;
            return this;
        }

        Event epc(final long high, final int low)
        {
            this.epcHigh = high;
            this.epcLow = low;
            return this;
        }

        Event zones(final int from, final int to)
        {
            this.from = from;
            this.to = to;
            return this;
        }

        Event values(final long dwell, final int rssi)
        {
            this.dwell = dwell;
            this.rssi = rssi;
            return this;
        }

        Event sku(final int sku)
        {
            this.sku = sku;
            return this;
        }

        ByteBuffer buffer()
        {
            flyweight.set(type, source, T0_MS + sequence * 1_000, epcHigh, epcLow, from, to, 0, dwell, sequence, rssi,
                sku);
            flyweight.detail(detail);
            sequence++;
            return buffer;
        }
    }

    private Event event(final short type)
    {
        return new Event(type);
    }

    private static EpcisJsonLdSink.Context context(final StringWriter out)
    {
        return new EpcisJsonLdSink.Context().writer(out).partitionId(PARTITION).mode(EpcisJsonLdSink.Mode.JSON_LINES)
            .clock(() -> T0_MS);
    }

    /** Run the sink in one-document-per-line mode; every line must validate; returns the events, null if skipped. */
    private static List<JsonNode> write(final EpcisJsonLdSink.Context ctx, final StringWriter out,
        final List<ByteBuffer> events) throws Exception
    {
        final EpcisJsonLdSink sink = new EpcisJsonLdSink(ctx);
        sink.onStart(sinkContext());
        final List<JsonNode> written = new ArrayList<>();
        for (final ByteBuffer event : events)
        {
            final int before = out.getBuffer().length();
            sink.onEvents(batch(List.of(event)));
            final String line = out.getBuffer().substring(before);
            if (line.isEmpty())
            {
                written.add(null);
                continue;
            }
            final JsonNode document = EpcisSchema.MAPPER.readTree(line);
            assertThat(EpcisSchema.validate(document)).as("schema errors of %s", line).isEmpty();
            assertThat(document.get("epcisBody").get("eventList")).hasSize(1);
            written.add(document.get("epcisBody").get("eventList").get(0));
        }
        sink.onClose();
        return written;
    }

    private List<JsonNode> write(final ByteBuffer... events) throws Exception
    {
        final StringWriter out = new StringWriter();
        return write(context(out), out, List.of(events));
    }

    private JsonNode one(final ByteBuffer event) throws Exception
    {
        return write(event).get(0);
    }

    private static String bizTransaction(final JsonNode event, final String type)
    {
        assertThat(event.get("bizTransactionList")).hasSize(1);
        assertThat(event.get("bizTransactionList").get(0).get("type").asText()).isEqualTo(type);
        return event.get("bizTransactionList").get(0).get("bizTransaction").asText();
    }

    private static String id(final JsonNode event, final String field)
    {
        return event.get(field).get("id").asText();
    }

    @Test
    void shouldWriteReceivingEventsWithPurchaseOrderAndDispositions() throws Exception
    {
        final List<JsonNode> events = write(
            event(EventType.OPS_RECEIVED).source(RECEIPT).zones(-1, DOCK).values(1, 3).sku(SKU_HANDLE).buffer(),
            event(EventType.OPS_UNEXPECTED_SKU).zones(-1, DOCK).buffer(),
            event(EventType.OPS_WRONG_LOT).source(RECEIPT).zones(-1, DOCK).values(6, 0).buffer());

        final JsonNode received = events.get(0);
        assertThat(received.get("type").asText()).isEqualTo("ObjectEvent");
        assertThat(received.get("action").asText()).isEqualTo("OBSERVE");
        assertThat(received.get("epcList").get(0).asText()).isEqualTo(ITEM);
        assertThat(received.get("bizStep").asText()).isEqualTo("receiving");
        assertThat(received.get("disposition").asText()).isEqualTo("in_progress");
        assertThat(bizTransaction(received, "po")).isEqualTo("urn:dev:inventory:bt:po:77");
        assertThat(id(received, "bizLocation")).isEqualTo("urn:dev:inventory:zone:dock");
        assertThat(id(received, "readPoint")).isEqualTo("urn:dev:inventory:zone:dock");
        assertThat(received.get("eventID").asText()).isEqualTo(EpcisEventId.of(PARTITION, 0));
        assertThat(received.get("inv:event").asText()).isEqualTo("received");
        assertThat(received.get("inv:source").asLong()).isEqualTo(RECEIPT);
        assertThat(received.get("inv:dwellMs").asLong()).isEqualTo(1);
        final JsonNode unexpected = events.get(1);
        assertThat(unexpected.get("disposition").asText()).isEqualTo("non_conformant");
        assertThat(unexpected.has("bizTransactionList")).as("no receipt").isFalse();
        final JsonNode wrongLot = events.get(2);
        assertThat(wrongLot.get("disposition").asText()).isEqualTo("non_conformant");
        assertThat(bizTransaction(wrongLot, "po")).isEqualTo("urn:dev:inventory:bt:po:77");
    }

    @Test
    void shouldWriteReceiptLinesAsQuantitiesReceivedWithTheDiscrepancyAsDisposition() throws Exception
    {
        final List<JsonNode> events = write(
            event(EventType.OPS_RECEIPT_SHORT).source(RECEIPT).epc(SKU, 0).zones(-1, STORE).values(1, 3)
                .sku(SKU_HANDLE).buffer(),
            event(EventType.OPS_RECEIPT_OVER).source(RECEIPT).epc(SKU, 0).zones(-1, -1).values(2, 5).sku(-1).buffer(),
            event(EventType.OPS_RECEIPT_LINE_COMPLETE).source(RECEIPT).epc(SKU, 0).zones(-1, STORE).values(2, 2)
                .sku(SKU_HANDLE).buffer(),
            event(EventType.OPS_RECEIPT_CLOSED).source(RECEIPT).epc(0, 0).zones(-1, STORE).values(3, 0).buffer());

        final JsonNode shortLine = events.get(0);
        assertThat(shortLine.has("epcList")).isFalse();
        assertThat(shortLine.get("quantityList")).hasSize(1);
        assertThat(shortLine.get("quantityList").get(0).get("epcClass").asText())
            .isEqualTo("urn:dev:inventory:sku:1001");
        assertThat(shortLine.get("quantityList").get(0).get("quantity").asLong()).isEqualTo(2);
        assertThat(shortLine.get("quantityList").get(0).has("uom")).isFalse();
        assertThat(shortLine.get("disposition").asText()).isEqualTo("mismatch_quantity");
        assertThat(shortLine.get("inv:skuKey").asLong()).isEqualTo(SKU);
        assertThat(bizTransaction(shortLine, "po")).isEqualTo("urn:dev:inventory:bt:po:77");
        final JsonNode over = events.get(1);
        assertThat(over.get("quantityList").get(0).get("quantity").asLong()).isEqualTo(7);
        assertThat(over.has("bizLocation")).as("no put-away zone").isFalse();
        assertThat(over.has("readPoint")).isFalse();
        final JsonNode complete = events.get(2);
        assertThat(complete.get("quantityList").get(0).get("quantity").asLong()).isEqualTo(2);
        assertThat(complete.get("disposition").asText()).isEqualTo("completeness_verified");
        assertThat(events.get(3)).as("a receipt closing is a document, not an observation").isNull();
    }

    @Test
    void shouldUseDigitalLinkClassWhenSkuKeysAreGtins() throws Exception
    {
        final StringWriter out = new StringWriter();
        final List<JsonNode> events = write(context(out).gtinSkuKeys(true), out, List.of(
            event(EventType.OPS_RECEIPT_LINE_COMPLETE).source(RECEIPT).epc(GTIN, 0).zones(-1, STORE).values(4, 4)
                .sku(GTIN_HANDLE).buffer(),
            event(EventType.OPS_RECEIPT_LINE_COMPLETE).source(RECEIPT).epc(SKU, 0).zones(-1, STORE).values(1, 1)
                .sku(SKU_HANDLE).buffer()));

        assertThat(events.get(0).get("quantityList").get(0).get("epcClass").asText())
            .isEqualTo("https://id.gs1.org/01/00614141123452");
        assertThat(events.get(1).get("quantityList").get(0).get("epcClass").asText())
            .as("1001 fails the check digit").isEqualTo("urn:dev:inventory:sku:1001");
        assertThat(EpcisJsonLdSink.isGtin14(GTIN)).isTrue();
        assertThat(EpcisJsonLdSink.isGtin14(GTIN + 1)).isFalse();
        assertThat(EpcisJsonLdSink.isGtin14(100_000_000_000_000L)).isFalse();
    }

    @Test
    void shouldWriteStoringHoldingAndPickingEvents() throws Exception
    {
        final List<JsonNode> events = write(
            event(EventType.OPS_PUT_AWAY).zones(DOCK, STORE).values(4, 0).sku(SKU_HANDLE).buffer(),
            event(EventType.OPS_HOLD).zones(-1, QA).buffer(),
            event(EventType.OPS_RELEASE).zones(-1, QA).buffer(),
            event(EventType.OPS_PICKED).source(SHIPMENT).zones(-1, STORE).buffer());

        assertThat(events.get(0).get("bizStep").asText()).isEqualTo("storing");
        assertThat(events.get(0).has("disposition")).isFalse();
        assertThat(id(events.get(0), "bizLocation")).isEqualTo("urn:dev:inventory:zone:store-a");
        assertThat(events.get(0).get("inv:fromZone").asText()).isEqualTo("dock");
        assertThat(events.get(1).get("bizStep").asText()).isEqualTo("holding");
        assertThat(events.get(1).get("disposition").asText()).isEqualTo("non_conformant");
        assertThat(events.get(2).get("bizStep").asText()).isEqualTo("holding");
        assertThat(events.get(2).get("disposition").asText()).isEqualTo("conformant");
        assertThat(events.get(3).get("bizStep").asText()).isEqualTo("picking");
        assertThat(events.get(3).get("disposition").asText()).isEqualTo("in_progress");
        assertThat(bizTransaction(events.get(3), "desadv")).isEqualTo("urn:dev:inventory:bt:desadv:900");
    }

    @Test
    void shouldWriteShippingAsDepartureInTransit() throws Exception
    {
        final List<JsonNode> events = write(
            event(EventType.OPS_SHIPPED).source(SHIPMENT).zones(-1, SHIP).buffer(),
            event(EventType.OPS_ISSUED).detail(MovementLedger.SHIP).zones(SHIP, -1).buffer(),
            event(EventType.OPS_ISSUED).detail(MovementLedger.SHIP).source(SHIPMENT).zones(SHIP, -1).buffer(),
            event(EventType.OPS_SHIPPED).source(SHIPMENT).epc(0, 0).zones(-1, SHIP).values(12, 0).buffer());

        for (int i = 0; i < 3; i++)
        {
            final JsonNode shipped = events.get(i);
            assertThat(shipped.get("bizStep").asText()).isEqualTo("shipping");
            assertThat(shipped.get("disposition").asText()).isEqualTo("in_transit");
            assertThat(id(shipped, "readPoint")).isEqualTo("urn:dev:inventory:zone:ship");
            assertThat(shipped.has("bizLocation")).as("in transit").isFalse();
        }
        assertThat(bizTransaction(events.get(0), "desadv")).isEqualTo("urn:dev:inventory:bt:desadv:900");
        assertThat(events.get(1).has("bizTransactionList")).isFalse();
        assertThat(events.get(1).get("inv:event").asText()).isEqualTo("issued");
        assertThat(events.get(1).get("inv:detail").asInt()).isEqualTo(MovementLedger.SHIP);
        assertThat(bizTransaction(events.get(2), "desadv")).isEqualTo("urn:dev:inventory:bt:desadv:900");
        assertThat(events.get(3)).as("a shipment without an EPC names no object").isNull();
    }

    @Test
    void shouldWriteConsumptionAndCompletionAsTransformationsSharingTheWorkOrderId() throws Exception
    {
        final List<JsonNode> events = write(
            event(EventType.OPS_OPERATION_START).source(WORK_ORDER).zones(DOCK, STATION).buffer(),
            event(EventType.OPS_CONSUMED).source(WORK_ORDER).zones(-1, STATION).buffer(),
            event(EventType.OPS_ISSUED).detail(MovementLedger.CONSUME).zones(STATION, -1).buffer(),
            event(EventType.OPS_ISSUED).detail(MovementLedger.CONSUME).source(WORK_ORDER).zones(STATION, -1).buffer(),
            event(EventType.OPS_WORK_ORDER_COMPLETE).source(WORK_ORDER).epc(PALLET_HIGH, PALLET_LOW)
                .zones(-1, STATION).buffer(),
            event(EventType.OPS_OPERATION_COMPLETE).source(WORK_ORDER).zones(STATION, STORE).buffer(),
            event(EventType.OPS_CONSUMED).zones(-1, STATION).buffer(),
            event(EventType.OPS_WORK_ORDER_COMPLETE).source(WORK_ORDER).epc(0, 0).zones(-1, STATION).buffer());

        final String transformationId = "urn:uuid:" +
            EpcisEventId.nameUuidV5(EpcisEventId.NAMESPACE, PARTITION + "/work-order/55");
        final JsonNode start = events.get(0);
        assertThat(start.get("type").asText()).isEqualTo("ObjectEvent");
        assertThat(start.get("bizStep").asText()).isEqualTo("assembling");
        assertThat(start.get("disposition").asText()).isEqualTo("in_progress");
        assertThat(bizTransaction(start, "prodorder")).isEqualTo("urn:dev:inventory:bt:prodorder:55");
        final JsonNode consumed = events.get(1);
        assertThat(consumed.get("type").asText()).isEqualTo("TransformationEvent");
        assertThat(consumed.has("action")).isFalse();
        assertThat(consumed.get("inputEPCList").get(0).asText()).isEqualTo(ITEM);
        assertThat(consumed.has("outputEPCList")).isFalse();
        assertThat(consumed.get("transformationID").asText()).isEqualTo(transformationId);
        assertThat(UUID.fromString(transformationId.substring(9)).version()).isEqualTo(5);
        assertThat(bizTransaction(consumed, "prodorder")).isEqualTo("urn:dev:inventory:bt:prodorder:55");
        assertThat(id(consumed, "bizLocation")).isEqualTo("urn:dev:inventory:zone:st-1");
        assertThat(events.get(2)).as("the base's issue of a consumed item, without work order").isNull();
        final JsonNode issued = events.get(3);
        assertThat(issued.get("type").asText()).isEqualTo("TransformationEvent");
        assertThat(issued.get("transformationID").asText()).isEqualTo(transformationId);
        assertThat(id(issued, "bizLocation")).isEqualTo("urn:dev:inventory:zone:st-1");
        final JsonNode complete = events.get(4);
        assertThat(complete.get("outputEPCList").get(0).asText()).isEqualTo(PALLET);
        assertThat(complete.has("inputEPCList")).isFalse();
        assertThat(complete.get("transformationID").asText()).isEqualTo(transformationId);
        assertThat(complete.get("disposition").asText()).isEqualTo("active");
        assertThat(events.get(5).get("bizStep").asText()).isEqualTo("assembling");
        assertThat(events.get(6)).as("consumption without a work order").isNull();
        assertThat(events.get(7)).as("a completion without a finished item").isNull();
    }

    @Test
    void shouldWriteOtherIssuesAsPlainObservationsAndSkipRetiredTags() throws Exception
    {
        final List<JsonNode> events = write(
            event(EventType.OPS_ISSUED).detail(MovementLedger.ISSUE).zones(STORE, -1).buffer(),
            event(EventType.OPS_ISSUED).detail(MovementLedger.RETIRED).zones(STORE, -1).buffer());

        assertThat(events.get(0).get("type").asText()).isEqualTo("ObjectEvent");
        assertThat(events.get(0).has("bizStep")).isFalse();
        assertThat(events.get(0).has("bizLocation")).isFalse();
        assertThat(id(events.get(0), "readPoint")).isEqualTo("urn:dev:inventory:zone:store-a");
        assertThat(events.get(1)).isNull();
    }

    @Test
    void shouldWriteExpiryAndCycleCountsForItemsAndSkus() throws Exception
    {
        final List<JsonNode> events = write(
            event(EventType.OPS_EXPIRED).zones(-1, STORE).sku(SKU_HANDLE).buffer(),
            event(EventType.OPS_EXPIRED).epc(SKU, 0).zones(-1, STORE).values(5, 0).sku(SKU_HANDLE).buffer(),
            event(EventType.OPS_CYCLE_COUNT_COMPLETE).source(12).epc(SKU, 0).zones(-1, STORE).values(9, 10)
                .sku(SKU_HANDLE).buffer(),
            event(EventType.OPS_CYCLE_COUNT_COMPLETE).zones(-1, STORE).buffer(),
            event(EventType.OPS_CYCLE_COUNT_COMPLETE).source(12).epc(0, 0).zones(-1, STORE).values(19, 20).buffer(),
            event(EventType.OPS_COUNT_DISCREPANCY).source(12).epc(SKU, 0).zones(-1, STORE).values(1, 0)
                .sku(SKU_HANDLE).buffer());

        assertThat(events.get(0).get("disposition").asText()).isEqualTo("expired");
        assertThat(events.get(0).get("epcList").get(0).asText()).isEqualTo(ITEM);
        assertThat(events.get(1).get("disposition").asText()).isEqualTo("expired");
        assertThat(events.get(1).get("quantityList").get(0).get("epcClass").asText())
            .isEqualTo("urn:dev:inventory:sku:1001");
        assertThat(events.get(1).get("quantityList").get(0).has("quantity")).isFalse();
        final JsonNode skuCount = events.get(2);
        assertThat(skuCount.get("bizStep").asText()).isEqualTo("cycle_counting");
        assertThat(skuCount.get("quantityList").get(0).get("quantity").asLong()).isEqualTo(9);
        assertThat(skuCount.has("bizTransactionList")).as("a count id has no CBV type").isFalse();
        assertThat(events.get(3).get("epcList").get(0).asText()).isEqualTo(ITEM);
        assertThat(events.get(4)).as("zone-level: no object to name").isNull();
        assertThat(events.get(5).get("bizStep").asText()).isEqualTo("cycle_counting");
        assertThat(events.get(5).get("quantityList").get(0).has("quantity")).isFalse();
    }

    @Test
    void shouldWriteExcursionsWithSensorReports() throws Exception
    {
        final List<JsonNode> events = write(
            event(EventType.OPS_EXCURSION_START).detail(SensorFlyweight.QUANTITY_TEMPERATURE).epc(0, 0)
                .zones(-1, STORE).values(800, 950).buffer(),
            event(EventType.OPS_EXCURSION_END).detail(SensorFlyweight.QUANTITY_HUMIDITY).epc(PALLET_HIGH, PALLET_LOW)
                .zones(-1, STORE).values(60_000, 6_525).buffer(),
            event(EventType.OPS_EXCURSION_START).detail(99).epc(0, 0).zones(-1, STORE).values(0, 1).buffer(),
            event(EventType.OPS_EXCURSION_START).detail(SensorFlyweight.QUANTITY_TEMPERATURE).epc(0, 0)
                .zones(-1, -1).values(0, 1).buffer());

        final JsonNode start = events.get(0);
        assertThat(start.get("type").asText()).isEqualTo("ObjectEvent");
        assertThat(start.has("epcList")).isFalse();
        assertThat(start.get("bizStep").asText()).isEqualTo("sensor_reporting");
        assertThat(id(start, "readPoint")).isEqualTo("urn:dev:inventory:zone:store-a");
        final JsonNode element = start.get("sensorElementList").get(0);
        assertThat(element.get("sensorMetadata").get("time").asText()).isEqualTo(start.get("eventTime").asText());
        assertThat(element.get("sensorReport")).as("the reading and the limit crossed").hasSize(2);
        assertThat(element.get("sensorReport").get(1).get("value").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(element.get("sensorReport").get(1).get("inv:limit").asBoolean()).isTrue();
        final JsonNode value = element.get("sensorReport").get(0);
        assertThat(value.get("type").asText()).isEqualTo("Temperature");
        assertThat(value.get("value").decimalValue()).isEqualByComparingTo("9.50");
        assertThat(value.get("uom").asText()).isEqualTo("CEL");
        assertThat(value.get("exception").asText()).isEqualTo("ALARM_CONDITION");
        final JsonNode end = events.get(1);
        assertThat(end.get("epcList").get(0).asText()).isEqualTo(PALLET);
        final JsonNode endElement = end.get("sensorElementList").get(0);
        assertThat(endElement.get("sensorMetadata").get("startTime").asText()).isEqualTo("2023-11-14T22:12:21.000Z");
        assertThat(endElement.get("sensorMetadata").get("endTime").asText()).isEqualTo(end.get("eventTime").asText());
        assertThat(endElement.get("sensorReport").get(0).get("type").asText()).isEqualTo("RelativeHumidity");
        assertThat(endElement.get("sensorReport").get(0).get("uom").asText()).isEqualTo("P1");
        assertThat(endElement.get("sensorReport").get(0).get("value").decimalValue()).isEqualByComparingTo("65.25");
        assertThat(endElement.get("sensorReport").get(0).has("exception")).isFalse();
        assertThat(events.get(2)).as("unknown quantity code, no EPC").isNull();
        assertThat(events.get(3)).as("no zone, no EPC: nothing to name").isNull();
    }

    @Test
    void shouldWriteNoLimitWhenSensorMappingDoesNotReadIt() throws Exception
    {
        final StringWriter out = new StringWriter();
        final List<JsonNode> events = write(context(out).sensorMapping(EpcisSensorMapping.hundredths(false)), out,
            List.of(event(EventType.OPS_EXCURSION_START).detail(SensorFlyweight.QUANTITY_TEMPERATURE | 0x10)
                .epc(0, 0).zones(-1, STORE).values(800, 950).buffer()));

        final JsonNode reports = events.get(0).get("sensorElementList").get(0).get("sensorReport");
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).get("type").asText()).as("below-minimum flag masked").isEqualTo("Temperature");
        assertThat(reports.get(0).get("value").decimalValue()).isEqualByComparingTo("9.50");
    }

    @Test
    void shouldWritePackingAsAggregationEvents() throws Exception
    {
        final List<JsonNode> events = write(
            event(EventType.OPS_PACKED).zones(STORE, DOCK).values(PALLET_HIGH, PALLET_LOW).sku(SKU_HANDLE).buffer(),
            event(EventType.OPS_UNPACKED).detail(ContainerRules.CAUSE_LEFT).zones(-1, STORE)
                .values(PALLET_HIGH, PALLET_LOW).buffer(),
            event(EventType.OPS_CONTAINER_MOVED).epc(PALLET_HIGH, PALLET_LOW).zones(DOCK, STORE).values(2, 0)
                .buffer());

        final JsonNode packed = events.get(0);
        assertThat(packed.get("type").asText()).isEqualTo("AggregationEvent");
        assertThat(packed.get("action").asText()).isEqualTo("ADD");
        assertThat(packed.get("parentID").asText()).isEqualTo(PALLET);
        assertThat(packed.get("childEPCs")).hasSize(1);
        assertThat(packed.get("childEPCs").get(0).asText()).isEqualTo(ITEM);
        assertThat(packed.get("bizStep").asText()).isEqualTo("packing");
        assertThat(id(packed, "bizLocation")).isEqualTo("urn:dev:inventory:zone:dock");
        final JsonNode unpacked = events.get(1);
        assertThat(unpacked.get("action").asText()).isEqualTo("DELETE");
        assertThat(unpacked.get("bizStep").asText()).isEqualTo("unpacking");
        assertThat(unpacked.get("parentID").asText()).isEqualTo(PALLET);
        assertThat(unpacked.get("inv:detail").asInt()).isEqualTo(ContainerRules.CAUSE_LEFT);
        assertThat(events.get(2)).as("the container's own move and the aggregation imply the contents").isNull();
    }

    @Test
    void shouldSkipAlertsAndZoneStatesAndCountThem() throws Exception
    {
        final short[] skipped = {EventType.OPS_OVER_CAPACITY, EventType.OPS_CAPACITY_OK, EventType.OPS_REPLENISH,
            EventType.OPS_STOCKOUT, EventType.OPS_BOTTLENECK, EventType.OPS_BOTTLENECK_CLEARED,
            EventType.OPS_OVER_CONSUMPTION, EventType.OPS_OFF_ROUTE, EventType.OPS_HELD_TO_SHIPPING,
            EventType.OPS_SHIPMENT_COMPLETE, EventType.OPS_SHIPMENT_SHORT, EventType.OPS_WRONG_ITEM,
            EventType.OPS_UNAUTHORIZED_ZONE, EventType.OPS_UNAUTHORIZED_EXIT, EventType.OPS_FIFO_VIOLATION,
            EventType.OPS_FEFO_VIOLATION, EventType.OPS_EXPIRY_APPROACHING, EventType.OPS_EXPIRED_USED,
            EventType.OPS_ACCURACY, EventType.OPS_COUNT_SUGGESTED, EventType.OPS_CONTAINER_MOVED, 199};
        final List<ByteBuffer> buffers = new ArrayList<>();
        for (final short type : skipped)
        {
            buffers.add(event(type).zones(-1, STORE).sku(SKU_HANDLE).buffer());
            assertThat(EpcisJsonLdSink.isMapped(type)).as(EventType.name(type)).isFalse();
        }
        final StringWriter out = new StringWriter();
        final EpcisJsonLdSink sink = new EpcisJsonLdSink(context(out));
        sink.onStart(sinkContext());
        sink.onEvents(batch(buffers));
        sink.onClose();

        assertThat(out.toString()).isEmpty();
        assertThat(sink.eventsSkipped()).isEqualTo(skipped.length);
        assertThat(sink.eventsWritten()).isZero();
        assertThat(EpcisJsonLdSink.isMapped(EventType.OPS_PACKED)).isTrue();
    }

    @Test
    void shouldWriteEveryOperationsTypeIntoOneValidDocumentWithStableIds() throws Exception
    {
        final List<ByteBuffer> all = new ArrayList<>();
        for (short type = EventType.OPS_RECEIVED; type < 200; type++)
        {
            all.add(event(type).source(RECEIPT).detail(SensorFlyweight.QUANTITY_TEMPERATURE).zones(DOCK, STORE)
                .values(PALLET_HIGH, PALLET_LOW).sku(SKU_HANDLE).buffer());
        }
        final String first = document(all);
        final String second = document(all);

        final JsonNode document = EpcisSchema.MAPPER.readTree(first);
        assertThat(EpcisSchema.validate(document)).isEmpty();
        assertThat(second).isEqualTo(first);
        final List<String> ids = new ArrayList<>();
        document.get("epcisBody").get("eventList").forEach(e -> ids.add(e.get("eventID").asText()));
        assertThat(ids).as("every mapped type; ITEM_COMPLETE is a transformation output").hasSize(24)
            .doesNotHaveDuplicates()
            .contains(EpcisEventId.of(PARTITION, EventType.OPS_RECEIVED - 130));
    }

    private static String document(final List<ByteBuffer> events) throws Exception
    {
        final StringWriter out = new StringWriter();
        final EpcisJsonLdSink sink = new EpcisJsonLdSink(context(out).mode(EpcisJsonLdSink.Mode.DOCUMENT));
        sink.onStart(sinkContext());
        sink.onEvents(batch(events));
        sink.onClose();
        return out.toString();
    }

    @Test
    void shouldApplyConfiguredPrefixesAndMappings() throws Exception
    {
        final StringWriter out = new StringWriter();
        final EpcisJsonLdSink.Context ctx = context(out)
            .bizTransactionGln("0614141000005")
            .bizTransactionPrefix("desadv", "https://example.com/asn/")
            .transformationIdPrefix("urn:example:wo:")
            .skuClassPrefix("https://example.com/sku/")
            .opsMapping(EventType.OPS_PUT_AWAY, EpcisOpsMapping.SKIP)
            .opsMapping(EventType.OPS_REPLENISH, new EpcisOpsMapping(EpcisOpsMapping.Shape.QUANTITY, null,
                EpcisOpsMapping.Quantity.DWELL, false))
            .bizStep(EventType.OPS_RELEASE, "inspecting")
            .disposition(EventType.OPS_RELEASE, "active");
        final List<JsonNode> events = write(ctx, out, List.of(
            event(EventType.OPS_RECEIVED).source(RECEIPT).zones(-1, DOCK).buffer(),
            event(EventType.OPS_PICKED).source(SHIPMENT).zones(-1, STORE).buffer(),
            event(EventType.OPS_CONSUMED).source(WORK_ORDER).zones(-1, STATION).buffer(),
            event(EventType.OPS_PUT_AWAY).zones(DOCK, STORE).buffer(),
            event(EventType.OPS_REPLENISH).epc(SKU, 0).zones(-1, STORE).values(6, 1).sku(SKU_HANDLE).buffer(),
            event(EventType.OPS_RELEASE).zones(-1, QA).buffer()));

        assertThat(bizTransaction(events.get(0), "po")).isEqualTo("urn:epcglobal:cbv:bt:0614141000005:77");
        assertThat(bizTransaction(events.get(1), "desadv")).isEqualTo("https://example.com/asn/900");
        assertThat(events.get(2).get("transformationID").asText()).isEqualTo("urn:example:wo:55");
        assertThat(bizTransaction(events.get(2), "prodorder")).isEqualTo("urn:epcglobal:cbv:bt:0614141000005:55");
        assertThat(events.get(3)).isNull();
        assertThat(events.get(4).get("quantityList").get(0).get("epcClass").asText())
            .isEqualTo("https://example.com/sku/1001");
        assertThat(events.get(4).get("quantityList").get(0).get("quantity").asLong()).isEqualTo(6);
        assertThat(events.get(5).get("bizStep").asText()).isEqualTo("inspecting");
        assertThat(events.get(5).get("disposition").asText()).isEqualTo("active");
    }

    @Test
    void shouldNameBadFieldWhenOperationsSettingsAreInvalid()
    {
        assertThatThrownBy(() -> new EpcisJsonLdSink(context(new StringWriter())
            .opsMapping(EventType.MOVED, EpcisOpsMapping.SKIP)))
            .hasMessageStartingWith("opsMapping(2)");
        assertThatThrownBy(() -> new EpcisJsonLdSink(context(new StringWriter())
            .opsMapping(EventType.OPS_PICKED, EpcisOpsMapping.of(EpcisOpsMapping.Shape.OBJECT, "purchase"))))
            .hasMessageStartingWith("opsMapping(158).bizTransactionType");
        assertThatThrownBy(() -> new EpcisJsonLdSink(context(new StringWriter())
            .opsMapping(EventType.OPS_PICKED, EpcisOpsMapping.of(EpcisOpsMapping.Shape.OBJECT, "urn:example:bt"))))
            .hasMessageContaining("needs a bizTransactionPrefix");
        assertThatThrownBy(() -> new EpcisJsonLdSink(context(new StringWriter())
            .bizTransactionPrefix("po", "not a uri ")))
            .hasMessageStartingWith("bizTransactionPrefix(po)");
        assertThatThrownBy(() -> new EpcisJsonLdSink.Context().bizTransactionGln("614141"))
            .hasMessageContaining("13 digits");
        assertThatThrownBy(() -> new EpcisJsonLdSink(context(new StringWriter()).sensorMapping(null)))
            .hasMessageStartingWith("sensorMapping");
        assertThatThrownBy(() -> new EpcisSensorReading("Temperature", "degC", java.math.BigDecimal.ONE, null))
            .hasMessageContaining("uom");
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

    private static SinkContext sinkContext()
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
                return EpcFormatter.HEX;
            }

            @Override
            public long skuKey(final int skuHandle)
            {
                return skuHandle == SKU_HANDLE ? SKU : (skuHandle == GTIN_HANDLE ? GTIN : 0);
            }
        };
    }
}
