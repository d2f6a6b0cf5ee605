package dev.inventory.examples;

import java.util.concurrent.TimeUnit;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.query.TagView;
import dev.inventory.core.sink.InMemorySink;
import dev.inventory.rfid.epc.GS1EpcFormatter;

/**
 * Embedding the engine in 20 lines: configure zones and a sink, publish reads, query the ledger. Run it with
 * {@code java -cp examples/target/inventory.jar dev.inventory.examples.EmbeddingExample}. Not threadsafe: a demo.
 */
public final class EmbeddingExample
{
    /**
     * @param args unused.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final InMemorySink events = new InMemorySink();
        final EngineConfig config = EngineConfig.builder()
            .zone("dock", 1, 1).zone("shelf", 1, 2)         // reader 1: antenna 1 at the dock, 2 at the shelf
            .epcFormatter(GS1EpcFormatter.INSTANCE).sink(events).build();
        try (InventoryEngine engine = new InventoryEngine(config).start())
        {
            final long epcHigh = 0x3074257BF7194E40L;       // urn:epc:id:sgtin:0614141.812345.6789
            final int epcLow = 0x00001A85;
            engine.publisher().tryPublishRfidRead(1, 1, epcHigh, epcLow, -5500, System.currentTimeMillis(), 1);
            final TagView where = engine.whereIs(epcHigh, epcLow).get(1, TimeUnit.SECONDS);
            events.awaitCount(1, 1, TimeUnit.SECONDS);
            System.out.println(where.epc() + " is in " + where.zone() + "; events: " + events.events());
        }
    }
}
