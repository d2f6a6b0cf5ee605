package dev.inventory.core.epcis;

import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.ops.ContainerRules;
import dev.inventory.core.ops.MovementLedger;
import dev.inventory.core.ops.OperationsExtension;
import dev.inventory.core.ops.OpsCommands;
import dev.inventory.core.ops.ZoneRole;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.spi.EpcFormatter;
import dev.inventory.core.spi.SinkContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events a real pipeline with the operations extension and container rules emits (receipt of a pallet with its
 * contents, put-away, shipping) through the EPCIS sink: one valid document with the aggregation and the contents
 * following their pallet.
 */
class EpcisContainerFlowTest
{
    private static final long T0_MS = 1_700_000_000_000L;
    private static final long PALLET = 0x3114257BF7194E40L;
    private static final long ITEM = 0x3034257BF7194E40L;
    private static final long SKU = 1001;
    private static final long PALLET_ID = 340123450000000017L;

    private final ByteBuffer record =
        ByteBuffer.allocate(RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final CommandFlyweight command = new CommandFlyweight();
    private final List<ByteBuffer> events = new ArrayList<>();

    @Test
    void shouldWriteValidDocumentWhenPalletIsReceivedPutAwayAndShipped() throws Exception
    {
        final EngineConfig config = EngineConfig.builder()
            .tagCapacity(64)
            .zone("dock", 1, 1)
            .zone("store-a", 1, 2)
            .zone("ship", 1, 3)
            .presenceTimeoutMs(3_600_000)
            .clockTickIntervalMs(0)
            .build();
        final OperationsExtension ops = new OperationsExtension(new OperationsExtension.Context().tagCapacity(64));
        final ContainerRules rules = new ContainerRules(ops, new ContainerRules.Context().tagCapacity(64));
        final Pipeline pipeline = new Pipeline(config, new Counters(), e ->
        {
            final ByteBuffer copy = ByteBuffer.allocate(EventFlyweight.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            e.copyTo(copy, 0);
            events.add(copy);
        });
        pipeline.extension(RecordExtension.compose(ops, rules));
        final int dock = pipeline.zones().zoneId("dock");
        command(pipeline, T0_MS, OpsCommands.ZONE, 0, 0, dock, ZoneRole.RECEIVING);
        command(pipeline, T0_MS, OpsCommands.ZONE, 0, 0, pipeline.zones().zoneId("store-a"), ZoneRole.STORAGE);
        command(pipeline, T0_MS, OpsCommands.RECEIPT_OPEN, 0, 0, 77, -1);
        command(pipeline, T0_MS, OpsCommands.RECEIPT_LINE, 0, 0, 77, SKU, 2);
        command(pipeline, T0_MS, CommandFlyweight.ASSIGN_TAG, PALLET, 1, 0, 0);
        command(pipeline, T0_MS, ContainerRules.CONTAINER, PALLET, 1, PALLET_ID, 0);
        for (int i = 1; i <= 2; i++)
        {
            command(pipeline, T0_MS, CommandFlyweight.ASSIGN_TAG, ITEM, i, SKU, 0);
            command(pipeline, T0_MS, ContainerRules.PACK, ITEM, i, PALLET_ID, 0);
        }
        long t = T0_MS + 1_000;
        read(pipeline, t, 1, PALLET);
        for (int i = 0; i < 30; i++)
        {
            t += 100;
            read(pipeline, t, 2, PALLET);
        }
        for (int i = 0; i < 30; i++)
        {
            t += 100;
            read(pipeline, t, 3, PALLET);
        }
        command(pipeline, t + 1_000, OpsCommands.ISSUE, PALLET, 1, MovementLedger.SHIP, 0);
        assertThat(pipeline.ledger().zone(pipeline.tags().get(PALLET, 1))).isEqualTo(pipeline.zones().zoneId("ship"));

        final StringWriter out = new StringWriter();
        final EpcisJsonLdSink sink = new EpcisJsonLdSink(new EpcisJsonLdSink.Context().writer(out)
            .partitionId("plant-7").clock(() -> T0_MS));
        sink.onStart(sinkContext(pipeline));
        sink.onEvents(batch(events));
        sink.onClose();

        final JsonNode document = EpcisSchema.MAPPER.readTree(out.toString());
        assertThat(EpcisSchema.validate(document)).isEmpty();
        final List<String> summary = new ArrayList<>();
        document.get("epcisBody").get("eventList").forEach(e -> summary.add(e.get("inv:event").asText() + " " +
            e.get("type").asText() + " " + e.path("bizStep").asText("-") + " " + e.path("disposition").asText("-")));
        assertThat(summary).containsExactly(
            "packed AggregationEvent packing -",
            "packed AggregationEvent packing -",
            "appeared ObjectEvent arriving -",
            "unexpected_sku ObjectEvent receiving non_conformant",
            "received ObjectEvent receiving in_progress",
            "received ObjectEvent receiving in_progress",
            "moved ObjectEvent storing -",
            "put_away ObjectEvent storing -",
            "put_away ObjectEvent storing -",
            "put_away ObjectEvent storing -",
            "moved ObjectEvent storing -",
            "issued ObjectEvent shipping in_transit",
            "issued ObjectEvent shipping in_transit",
            "issued ObjectEvent shipping in_transit");
        final JsonNode list = document.get("epcisBody").get("eventList");
        // packed before the pallet was seen: the aggregation has no location yet
        final JsonNode packed = list.get(0);
        assertThat(packed.get("action").asText()).isEqualTo("ADD");
        assertThat(packed.get("parentID").asText()).isEqualTo("urn:epc:raw:96.x3114257BF7194E4000000001");
        assertThat(packed.get("childEPCs").get(0).asText()).isEqualTo("urn:epc:raw:96.x3034257BF7194E4000000001");
        assertThat(packed.has("bizLocation")).isFalse();
        // the contents are received by the pallet's read, against the receipt
        final JsonNode received = list.get(4);
        assertThat(received.get("epcList").get(0).asText()).isEqualTo("urn:epc:raw:96.x3034257BF7194E4000000002");
        assertThat(received.get("bizTransactionList").get(0).get("bizTransaction").asText())
            .isEqualTo("urn:dev:inventory:bt:po:77");
        assertThat(received.get("bizLocation").get("id").asText()).isEqualTo("urn:dev:inventory:zone:dock");
        assertThat(list.get(13).has("bizLocation")).isFalse();
        assertThat(list.get(13).get("readPoint").get("id").asText()).isEqualTo("urn:dev:inventory:zone:ship");
        assertThat(sink.eventsWritten()).isEqualTo(14);
        assertThat(sink.eventsSkipped()).as("container_moved x3, stockout at store-a").isEqualTo(4);
        assertThat(rules.contentCount(pipeline.tags().get(PALLET, 1))).isZero();
    }

    private void read(final Pipeline pipeline, final long t, final int antenna, final long high)
    {
        Publisher.writeRfidRead(record, 0, 1, antenna, high, 1, -4_000, t, t, 1);
        pipeline.onRecord(record, 0);
    }

    private void command(final Pipeline pipeline, final long t, final int code, final long high, final int low,
        final long arg2, final long arg3)
    {
        command(pipeline, t, code, high, low, arg2, arg3, 0);
    }

    private void command(final Pipeline pipeline, final long t, final int code, final long high, final int low,
        final long arg2, final long arg3, final long arg4)
    {
        command.wrap(record, 0).set(9, code, low, high, arg2, arg3, arg4, t);
        pipeline.onRecord(record, 0);
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

    private static SinkContext sinkContext(final Pipeline pipeline)
    {
        return new SinkContext()
        {
            @Override
            public String zoneName(final int zoneId)
            {
                return zoneId < 0 ? null : pipeline.zones().zoneName(zoneId);
            }

            @Override
            public EpcFormatter epcFormatter()
            {
                return EpcFormatter.HEX;
            }

            @Override
            public long skuKey(final int skuHandle)
            {
                return skuHandle < 0 ? 0 : pipeline.ledger().skuKey(skuHandle);
            }
        };
    }
}
