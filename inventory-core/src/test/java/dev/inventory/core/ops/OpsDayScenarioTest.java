package dev.inventory.core.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.journal.ChronicleJournal;
import dev.inventory.core.record.SensorFlyweight;
import dev.inventory.core.sink.InMemorySink;

import static dev.inventory.core.ops.OpsDay.BUFFER;
import static dev.inventory.core.ops.OpsDay.C1;
import static dev.inventory.core.ops.OpsDay.C2;
import static dev.inventory.core.ops.OpsDay.C3;
import static dev.inventory.core.ops.OpsDay.C4;
import static dev.inventory.core.ops.OpsDay.CARTON;
import static dev.inventory.core.ops.OpsDay.COLD;
import static dev.inventory.core.ops.OpsDay.COUNT;
import static dev.inventory.core.ops.OpsDay.DOCK;
import static dev.inventory.core.ops.OpsDay.FG;
import static dev.inventory.core.ops.OpsDay.H1;
import static dev.inventory.core.ops.OpsDay.H2;
import static dev.inventory.core.ops.OpsDay.H3;
import static dev.inventory.core.ops.OpsDay.HARDENER;
import static dev.inventory.core.ops.OpsDay.HARDENER_LOT_NEW;
import static dev.inventory.core.ops.OpsDay.K1;
import static dev.inventory.core.ops.OpsDay.K2;
import static dev.inventory.core.ops.OpsDay.K3;
import static dev.inventory.core.ops.OpsDay.K4;
import static dev.inventory.core.ops.OpsDay.KIT;
import static dev.inventory.core.ops.OpsDay.L1;
import static dev.inventory.core.ops.OpsDay.L2;
import static dev.inventory.core.ops.OpsDay.LABEL;
import static dev.inventory.core.ops.OpsDay.LOGGER;
import static dev.inventory.core.ops.OpsDay.N1;
import static dev.inventory.core.ops.OpsDay.N2;
import static dev.inventory.core.ops.OpsDay.N3;
import static dev.inventory.core.ops.OpsDay.PO;
import static dev.inventory.core.ops.OpsDay.QA;
import static dev.inventory.core.ops.OpsDay.R1;
import static dev.inventory.core.ops.OpsDay.R2;
import static dev.inventory.core.ops.OpsDay.READER;
import static dev.inventory.core.ops.OpsDay.READ_RSSI;
import static dev.inventory.core.ops.OpsDay.RESIN;
import static dev.inventory.core.ops.OpsDay.RESIN_LOT_NEW;
import static dev.inventory.core.ops.OpsDay.RESIN_LOT_OLD;
import static dev.inventory.core.ops.OpsDay.SHIP;
import static dev.inventory.core.ops.OpsDay.SO;
import static dev.inventory.core.ops.OpsDay.STORE_A;
import static dev.inventory.core.ops.OpsDay.ST_1;
import static dev.inventory.core.ops.OpsDay.ST_2;
import static dev.inventory.core.ops.OpsDay.ST_3;
import static dev.inventory.core.ops.OpsDay.WO_A;
import static dev.inventory.core.ops.OpsDay.WO_B;
import static dev.inventory.core.ops.OpsDay.ZONES;
import static dev.inventory.core.ops.OpsDay.antenna;
import static dev.inventory.core.ops.OpsDay.at;
import static dev.inventory.core.ops.OpsDay.minutes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's proof: a whole day of a small plant ({@link OpsDay}) driven through a real {@link InventoryEngine} with
 * the whole operations module ({@link Operations}) and a Chronicle journal; every event and the final balances are
 * asserted against values worked out by hand from the scenario, then the journal is replayed (raw records into a
 * fresh pipeline: the same events; recovery from a mid-day snapshot and the tail: the same balances and answers).
 * The day runs once for the class; each test judges one aspect of it.
 */
@Timeout(60)
class OpsDayScenarioTest
{
    private static final int TAG_CAPACITY = 1024;
    private static final long SECOND = 1_000;
    private static final long NOON = at(12, 0);

    @TempDir
    static Path tempDir;

    private static Path journal;
    private static EngineConfig config;
    private static List<OpsDay.Rec> records;
    private static List<InMemorySink.Event> sinkEvents;
    private static Map<String, Object> noon;
    private static Map<String, Object> finalQueries;
    private static Map<String, Object> liveAnswers;
    private static long[] counters;
    private static long dayMs;

    /** Run the day through the engine once: publish in time order, ask at noon and at the end, close. */
    @BeforeAll
    static void runTheDay() throws Exception
    {
        journal = tempDir.resolve("journal");
        records = OpsDay.records();
        final Operations operations = new Operations(TAG_CAPACITY);
        final InMemorySink sink = new InMemorySink();
        config = OpsDay.config()
            .journalDir(journal)
            .snapshotIntervalRecords(150) // one snapshot mid-morning (batches of at most 16 records), one at close
            .pollLimit(16)
            .recordExtension(operations.extension())
            .sink(sink)
            .build();
        final long startNs = System.nanoTime();
        try (InventoryEngine engine = new InventoryEngine(config).start())
        {
            final OpsQueries queries = new OpsQueries(engine, operations.base());
            publish(engine, records.stream().filter(r -> r.timeMs() < NOON).toList());
            assertThat(engine.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
            noon = new LinkedHashMap<>();
            noon.put("resin@cold", get(queries.balance(RESIN, "cold")));
            noon.put("hardener@store-a", get(queries.balance(HARDENER, "store-a")));
            noon.put("kit@fg", get(queries.balance(KIT, "fg")));
            noon.put("kit@qa", get(queries.balance(KIT, "qa")));
            noon.put("receipt open", get(queries.receipt(PO)).open());
            noon.put("K4 in", get(queries.zoneOf(K4.epcHigh(), K4.epcLow())));
            noon.put("N1 in", get(queries.zoneOf(N1.epcHigh(), N1.epcLow())));
            noon.put("wo status", get(engine.query(p -> List.of(operations.wip().status(WO_A),
                operations.wip().status(WO_B)))));
            noon.put("bottleneck st-2", get(engine.query(p -> operations.wip().isBottleneck(ST_2))));
            noon.put("excursion active", get(engine.query(p -> operations.lots().isExcursionActive(COLD,
                SensorFlyweight.QUANTITY_TEMPERATURE))));
            noon.put("held", get(engine.query(p -> operations.shipping().heldCount())));

            publish(engine, records.stream().filter(r -> r.timeMs() >= NOON).toList());
            assertThat(engine.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
            finalQueries = new LinkedHashMap<>();
            finalQueries.put("balances", get(queries.balances(0)));
            finalQueries.put("kit@qa", get(queries.balance(KIT, "qa")));
            finalQueries.put("hardener@store-a", get(queries.balance(HARDENER, "store-a")));
            finalQueries.put("receipt", get(queries.receipt(PO)));
            finalQueries.put("open receipts", get(queries.openReceipts()));
            finalQueries.put("occupancy", get(queries.occupancy()));
            finalQueries.put("K1 in", get(queries.zoneOf(K1.epcHigh(), K1.epcLow())));
            finalQueries.put("K4 in", get(queries.zoneOf(K4.epcHigh(), K4.epcLow())));
            finalQueries.put("C4 in", get(queries.zoneOf(C4.epcHigh(), C4.epcLow())));
            finalQueries.put("N3 in", get(queries.zoneOf(N3.epcHigh(), N3.epcLow())));
            liveAnswers = get(engine.query(p -> OpsDay.answers(p, operations)));
            counters = new long[Counters.COUNTER_COUNT];
            for (int id = 0; id < counters.length; id++)
            {
                counters[id] = engine.counters().get(id);
            }
        }
        dayMs = (System.nanoTime() - startNs) / 1_000_000;
        sinkEvents = sink.events(); // close drained the sink
    }

    private static void publish(final InventoryEngine engine, final List<OpsDay.Rec> batch)
    {
        for (final OpsDay.Rec rec : batch)
        {
            assertThat(rec.publish(engine.publisher())).as("published %s", rec).isNotNegative();
        }
    }

    private static <T> T get(final CompletableFuture<T> future) throws Exception
    {
        return future.get(5, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- the events

    @Test
    void shouldRaiseEveryExpectedEventOfTheDayInOrder()
    {
        final List<Ev> actual = sinkEvents.stream().map(OpsDayScenarioTest::ev).toList();
        assertThat(actual).containsExactlyElementsOf(expectedEvents());
        assertThat(sinkEvents).extracting(InMemorySink.Event::sequence)
            .containsExactlyElementsOf(Stream.iterate(0L, s -> s + 1).limit(sinkEvents.size()).toList());
        System.out.printf("ops day: %d records, %d events (%d ops events), engine run %d ms%n", records.size(),
            sinkEvents.size(), sinkEvents.stream().filter(e -> e.type() >= EventType.OPS_RECEIVED).count(), dayMs);
    }

    @Test
    void shouldAcceptEveryRecordOfTheDay()
    {
        assertThat(records).hasSize(234);
        assertThat(counters[Counters.RECORDS]).isEqualTo(234);
        assertThat(counters[Counters.COMMANDS]).as("host commands, all accepted").isEqualTo(74);
        assertThat(counters[Counters.READS]).isEqualTo(88);
        assertThat(counters[Counters.OTHER_RECORDS]).as("logger readings").isEqualTo(72);
        assertThat(counters[Counters.REJECTED]).isZero();
        assertThat(counters[Counters.REJECT_BASE + RejectReason.BAD_COMMAND]).isZero();
        assertThat(counters[Counters.EVENTS]).isEqualTo(135);
        assertThat(counters[Counters.SINK_DROPPED]).isZero();
        assertThat(counters[Counters.SNAPSHOTS]).as("snapshots before close").isEqualTo(1);
    }

    /**
     * The day's events, worked out from the scenario and the rules' documented field use: core events carry the
     * reader in {@code source}; ops events the business document (receipt, work order, shipment, count, logger).
     */
    private static List<Ev> expectedEvents()
    {
        final List<Ev> e = new ArrayList<>();
        // 06:01 opening sweep: the old resin lot is within its 14-day expiry warning as soon as it is stocked
        e.add(appeared(at(6, 1, 0), R1, COLD));
        e.add(skuEvent(EventType.OPS_EXPIRY_APPROACHING, at(6, 1, 0), RESIN, -1, 0, 0, RESIN_LOT_OLD, 1));
        e.add(appeared(at(6, 1, 5), R2, COLD));
        e.add(appeared(at(6, 2, 0), H1, STORE_A));
        e.add(appeared(at(6, 2, 5), C1, STORE_A));
        e.add(appeared(at(6, 2, 10), C2, STORE_A));
        e.add(appeared(at(6, 2, 15), C3, STORE_A));
        e.add(appeared(at(6, 2, 20), C4, STORE_A));
        e.add(appeared(at(6, 2, 25), L1, STORE_A));
        e.add(appeared(at(6, 2, 30), L2, STORE_A));

        // 07:00 PO 450017 at the dock: resin 3 of 3, hardener 2 of 3
        e.add(appeared(at(7, 0, 0), N1, DOCK));
        e.add(received(at(7, 0, 0), N1, 1, 3));
        e.add(appeared(at(7, 0, 10), N2, DOCK));
        e.add(received(at(7, 0, 10), N2, 2, 3));
        e.add(appeared(at(7, 0, 20), N3, DOCK));
        e.add(received(at(7, 0, 20), N3, 3, 3));
        e.add(appeared(at(7, 0, 30), H2, DOCK));
        e.add(received(at(7, 0, 30), H2, 1, 3));
        e.add(appeared(at(7, 0, 40), H3, DOCK));
        e.add(received(at(7, 0, 40), H3, 2, 3));
        // 07:30 receipt close: per line (put-away zone store-a), then the receipt
        e.add(skuEvent(EventType.OPS_RECEIPT_LINE_COMPLETE, at(7, 30), RESIN, STORE_A, PO, 0, 3, 3));
        e.add(skuEvent(EventType.OPS_RECEIPT_SHORT, at(7, 30), HARDENER, STORE_A, PO, 0, 1, 3));
        e.add(zoneEvent(EventType.OPS_RECEIPT_CLOSED, at(7, 30), STORE_A, PO, 0, 2, 0));
        // 07:40 put-away: dwell = movement id (9 found + 5 received before)
        e.add(moved(at(7, 40), N1, DOCK, COLD, minutes(40)));
        e.add(putAway(at(7, 40), N1, DOCK, COLD, 15));
        e.add(moved(at(7, 41), N2, DOCK, COLD, minutes(40) + 50 * SECOND));
        e.add(putAway(at(7, 41), N2, DOCK, COLD, 16));
        e.add(moved(at(7, 42), N3, DOCK, COLD, minutes(41) + 40 * SECOND));
        e.add(putAway(at(7, 42), N3, DOCK, COLD, 17));
        e.add(moved(at(7, 45), H2, DOCK, STORE_A, minutes(44) + 30 * SECOND));
        e.add(putAway(at(7, 45), H2, DOCK, STORE_A, 18));
        e.add(moved(at(7, 46), H3, DOCK, STORE_A, minutes(45) + 20 * SECOND));
        e.add(putAway(at(7, 46), H3, DOCK, STORE_A, 19));

        // 08:00 WO 7001 mixing at st-1
        e.add(appeared(at(8, 0), K1, ST_1));
        e.add(opStart(at(8, 0), K1, WO_A, 1, -1, ST_1, 0));
        e.add(appeared(at(8, 2), K2, ST_1));
        e.add(opStart(at(8, 2), K2, WO_A, 1, -1, ST_1, 0));
        // N1 (new lot, expires 30 Sep) taken while R1, R2 (old lot, expires 20 Jun) sit in the cold room
        e.add(moved(at(8, 5), N1, COLD, ST_1, minutes(25)));
        e.add(issued(at(8, 5), N1, ST_1, MovementLedger.CONSUME));
        e.add(itemEvent(EventType.OPS_FEFO_VIOLATION, at(8, 5), N1, -1, ST_1, 0, MovementLedger.CONSUME,
            RESIN_LOT_OLD, (int)RESIN_LOT_NEW));
        e.add(consumed(at(8, 5), N1, WO_A, COLD, 1, 2));
        e.add(moved(at(8, 6), R1, COLD, ST_1, minutes(125)));
        e.add(issued(at(8, 6), R1, ST_1, MovementLedger.CONSUME));
        e.add(consumed(at(8, 6), R1, WO_A, COLD, 2, 2));
        e.add(moved(at(8, 7), H1, STORE_A, ST_1, minutes(125)));
        e.add(issued(at(8, 7), H1, ST_1, MovementLedger.CONSUME));
        e.add(consumed(at(8, 7), H1, WO_A, STORE_A, 1, 1));
        // 08:30 mixed units wait on the buffer rack for the filler (down until 09:00)
        e.add(moved(at(8, 30), K1, ST_1, BUFFER, minutes(30)));
        e.add(opComplete(at(8, 30), K1, WO_A, 1, ST_1, minutes(30)));
        e.add(moved(at(8, 36), K2, ST_1, BUFFER, minutes(34)));
        e.add(opComplete(at(8, 36), K2, WO_A, 1, ST_1, minutes(34)));
        // 08:45 WO 7002 mixing
        e.add(appeared(at(8, 45), K3, ST_1));
        e.add(opStart(at(8, 45), K3, WO_B, 1, -1, ST_1, 0));
        e.add(appeared(at(8, 47), K4, ST_1));
        e.add(opStart(at(8, 47), K4, WO_B, 1, -1, ST_1, 0));
        // the queue before st-2 passes 30 item-min at 08:48:00.001 (K1 18 min + K2 12 min); the next record is the
        // logger at 08:50:30: K1 20.5 + K2 14.5 = 35 item-min, 2 units
        e.add(zoneEvent(EventType.OPS_BOTTLENECK, at(8, 50, 30), ST_2, 0, 0, minutes(35), 2));
        e.add(moved(at(8, 51), R2, COLD, ST_1, minutes(169) + 55 * SECOND));
        e.add(issued(at(8, 51), R2, ST_1, MovementLedger.CONSUME));
        e.add(consumed(at(8, 51), R2, WO_B, COLD, 1, 2));
        e.add(moved(at(8, 52), N2, COLD, ST_1, minutes(71)));
        e.add(issued(at(8, 52), N2, ST_1, MovementLedger.CONSUME));
        e.add(consumed(at(8, 52), N2, WO_B, COLD, 2, 2)); // no violation: no old-lot resin left
        // H2 leaves store-a: hardener projected 1 < reorder point 2, suggest up to 6
        e.add(moved(at(8, 55), H2, STORE_A, ST_1, minutes(70)));
        e.add(skuEvent(EventType.OPS_REPLENISH, at(8, 55), HARDENER, STORE_A, 0, 0, 5, 1));
        e.add(issued(at(8, 55), H2, ST_1, MovementLedger.CONSUME));
        e.add(consumed(at(8, 55), H2, WO_B, STORE_A, 1, 1));
        // 09:00 the filler runs: a unit every 10 minutes, packing 8 minutes
        e.add(moved(at(9, 2), K1, BUFFER, ST_2, minutes(32)));
        e.add(opStart(at(9, 2), K1, WO_A, 2, BUFFER, ST_2, minutes(32)));
        e.add(moved(at(9, 12), K1, ST_2, ST_3, minutes(10)));
        e.add(opComplete(at(9, 12), K1, WO_A, 2, ST_2, minutes(10)));
        e.add(opStart(at(9, 12), K1, WO_A, 3, ST_2, ST_3, 0));
        e.add(moved(at(9, 13), K2, BUFFER, ST_2, minutes(37)));
        e.add(opStart(at(9, 13), K2, WO_A, 2, BUFFER, ST_2, minutes(37)));
        e.add(zoneEvent(EventType.OPS_BOTTLENECK_CLEARED, at(9, 13), ST_2, 0, 0, 0, 0));
        e.add(moved(at(9, 15), K3, ST_1, BUFFER, minutes(30)));
        e.add(opComplete(at(9, 15), K3, WO_B, 1, ST_1, minutes(30)));
        e.add(moved(at(9, 18), K4, ST_1, BUFFER, minutes(31)));
        e.add(opComplete(at(9, 18), K4, WO_B, 1, ST_1, minutes(31)));
        e.add(moved(at(9, 20), K1, ST_3, FG, minutes(8)));
        e.add(putAway(at(9, 20), K1, ST_3, FG, 43));
        e.add(opComplete(at(9, 20), K1, WO_A, 3, ST_3, minutes(8)));
        e.add(unitComplete(at(9, 20), K1, WO_A, minutes(80), 1));
        e.add(moved(at(9, 23), K2, ST_2, ST_3, minutes(10)));
        e.add(opComplete(at(9, 23), K2, WO_A, 2, ST_2, minutes(10)));
        e.add(opStart(at(9, 23), K2, WO_A, 3, ST_2, ST_3, 0));
        e.add(moved(at(9, 24), K3, BUFFER, ST_2, minutes(9)));
        e.add(opStart(at(9, 24), K3, WO_B, 2, BUFFER, ST_2, minutes(9))); // K4 waits 6 min: below the limit
        e.add(moved(at(9, 31), K2, ST_3, FG, minutes(8)));
        e.add(putAway(at(9, 31), K2, ST_3, FG, 46));
        e.add(opComplete(at(9, 31), K2, WO_A, 3, ST_3, minutes(8)));
        e.add(unitComplete(at(9, 31), K2, WO_A, minutes(89), 2));
        e.add(woComplete(at(9, 31), WO_A, minutes(91)));
        e.add(moved(at(9, 34), K3, ST_2, ST_3, minutes(10)));
        e.add(opComplete(at(9, 34), K3, WO_B, 2, ST_2, minutes(10)));
        e.add(opStart(at(9, 34), K3, WO_B, 3, ST_2, ST_3, 0));
        e.add(moved(at(9, 35), K4, BUFFER, ST_2, minutes(17)));
        e.add(opStart(at(9, 35), K4, WO_B, 2, BUFFER, ST_2, minutes(17)));
        e.add(moved(at(9, 42), K3, ST_3, FG, minutes(8)));
        e.add(putAway(at(9, 42), K3, ST_3, FG, 49));
        e.add(opComplete(at(9, 42), K3, WO_B, 3, ST_3, minutes(8)));
        e.add(unitComplete(at(9, 42), K3, WO_B, minutes(57), 1));
        e.add(moved(at(9, 45), K4, ST_2, ST_3, minutes(10)));
        e.add(opComplete(at(9, 45), K4, WO_B, 2, ST_2, minutes(10)));
        e.add(opStart(at(9, 45), K4, WO_B, 3, ST_2, ST_3, 0));
        // 09:53 K4 fails the final check: into qa (held by the hold zone; dwell = its lot, the work order)
        e.add(moved(at(9, 53), K4, ST_3, QA, minutes(8)));
        e.add(itemEvent(EventType.OPS_HOLD, at(9, 53), K4, ST_3, QA, 0, ShippingRules.CAUSE_ZONE, WO_B, 0));
        e.add(opComplete(at(9, 53), K4, WO_B, 3, ST_3, minutes(8)));
        e.add(unitComplete(at(9, 53), K4, WO_B, minutes(66), 2));
        e.add(woComplete(at(9, 53), WO_B, minutes(68)));

        // 11:00:30 cold-room door left open: outside 2..8 °C for the 10 min filter, back below 7.5 °C at 11:40:30
        e.add(zoneEvent(EventType.OPS_EXCURSION_START, at(11, 10, 30), COLD, LOGGER,
            SensorFlyweight.QUANTITY_TEMPERATURE, 800, 1040));
        e.add(zoneEvent(EventType.OPS_EXCURSION_END, at(11, 40, 30), COLD, LOGGER,
            SensorFlyweight.QUANTITY_TEMPERATURE, minutes(40), 1040));

        // 13:30 picking SO 880045 (4 kits): 3 good kits
        e.add(moved(at(13, 30), K1, FG, SHIP, minutes(250)));
        e.add(picked(at(13, 30), K1, 1));
        e.add(moved(at(13, 31), K2, FG, SHIP, minutes(240)));
        e.add(picked(at(13, 31), K2, 2));
        e.add(moved(at(13, 32), K3, FG, SHIP, minutes(230)));
        e.add(skuEvent(EventType.OPS_STOCKOUT, at(13, 32), KIT, FG, 0, 0, 0, 0));
        e.add(picked(at(13, 32), K3, 3));
        // 13:40 the held K4 taken to the dock (hold cause mask 0b10 = zone, rank 2 = dock), brought back at 13:44
        e.add(moved(at(13, 40), K4, QA, SHIP, minutes(227)));
        e.add(itemEvent(EventType.OPS_HELD_TO_SHIPPING, at(13, 40), K4, QA, SHIP, SO, ShippingRules.HELD_ENTERED, 2,
            2));
        e.add(moved(at(13, 44), K4, SHIP, QA, minutes(4)));
        // 14:00 shipped short: the line, the picked kits leave stock in pick order, the shipment
        e.add(skuEvent(EventType.OPS_SHIPMENT_SHORT, at(14, 0), KIT, SHIP, SO, ShippingRules.LINE_SKU, 1, 4));
        e.add(issued(at(14, 0), K1, SHIP, MovementLedger.SHIP));
        e.add(issued(at(14, 0), K2, SHIP, MovementLedger.SHIP));
        e.add(issued(at(14, 0), K3, SHIP, MovementLedger.SHIP));
        e.add(zoneEvent(EventType.OPS_SHIPPED, at(14, 0), SHIP, SO, ShippingRules.SHIPPED_SHORT, 3, 1));

        // 16:10 cycle count 9001 of store-a (book 15:30: hardener 2, cartons 4, labels 2; read: 1, 3, 2)
        e.add(skuEvent(EventType.OPS_COUNT_DISCREPANCY, at(16, 10), HARDENER, STORE_A, COUNT,
            AccuracyRules.DETAIL_COUNT, 2, 1));
        e.add(skuEvent(EventType.OPS_COUNT_DISCREPANCY, at(16, 10), CARTON, STORE_A, COUNT,
            AccuracyRules.DETAIL_COUNT, 4, 3));
        e.add(itemEvent(EventType.OPS_COUNT_DISCREPANCY, at(16, 10), C4, -1, STORE_A, COUNT,
            AccuracyRules.DETAIL_MISSING, at(16, 10) - at(6, 2, 20), 0));
        // 1 of 3 lines exact = 3333 bp; quantity 1 - 2/8 = 7500 bp; 6 items counted
        e.add(zoneEvent(EventType.OPS_ACCURACY, at(16, 10), STORE_A, COUNT, 3333, 7500, 3));
        e.add(zoneEvent(EventType.OPS_CYCLE_COUNT_COMPLETE, at(16, 10), STORE_A, COUNT, 3333, 6, 3));

        // 16:30 accuracy report, book vs detected: only the hardener line is off (C4 is still on hand)
        e.add(skuEvent(EventType.OPS_COUNT_DISCREPANCY, at(16, 30), HARDENER, STORE_A, 0,
            AccuracyRules.DETAIL_REPORT, 2, 1));
        e.add(zoneEvent(EventType.OPS_ACCURACY, at(16, 30), COLD, 0, 10_000, 10_000, 1));
        e.add(zoneEvent(EventType.OPS_ACCURACY, at(16, 30), STORE_A, 0, 6666, 8750, 3));
        e.add(zoneEvent(EventType.OPS_ACCURACY, at(16, 30), -1, 0, 7500, 8888, 4)); // site: 3 of 4; 1 - 1/9
        return e;
    }

    // ---------------------------------------------------------------- balances and answers

    @Test
    void shouldAnswerFromTheTestThreadAtNoon()
    {
        final Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("resin@cold", balance(RESIN, COLD, 1, 0, 0, -1));
        expected.put("hardener@store-a", balance(HARDENER, STORE_A, 1, 0, 0, 2)); // below its reorder point
        expected.put("kit@fg", balance(KIT, FG, 3, 0, 0, -1));
        expected.put("kit@qa", balance(KIT, QA, 1, 1, 0, -1));
        expected.put("receipt open", false);
        expected.put("K4 in", "qa");
        expected.put("N1 in", null); // consumed
        expected.put("wo status", List.of(WipRules.STATUS_COMPLETE, WipRules.STATUS_COMPLETE));
        expected.put("bottleneck st-2", false);
        expected.put("excursion active", false);
        expected.put("held", 1L);
        assertThat(noon).containsExactlyEntriesOf(expected);
    }

    @Test
    void shouldEndTheDayWithTheExpectedBalancesAndQueryAnswers()
    {
        final Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("balances", expectedBalances());
        expected.put("kit@qa", balance(KIT, QA, 1, 1, 0, -1));
        expected.put("hardener@store-a", balance(HARDENER, STORE_A, 1, 0, 0, 2));
        expected.put("receipt", expectedReceipt());
        expected.put("open receipts", List.of());
        expected.put("occupancy", List.of(
            new OpsQueries.Occupancy(DOCK, "dock", ZoneRole.RECEIVING, 0, 0),
            new OpsQueries.Occupancy(COLD, "cold", ZoneRole.STORAGE, 1, 0),
            new OpsQueries.Occupancy(STORE_A, "store-a", ZoneRole.STORAGE, 7, 0),
            new OpsQueries.Occupancy(FG, "fg", ZoneRole.STORAGE, 0, 0),
            new OpsQueries.Occupancy(QA, "qa", ZoneRole.QUALITY_HOLD, 1, 0),
            new OpsQueries.Occupancy(ST_1, "st-1", ZoneRole.WIP_STATION, 0, 0),
            new OpsQueries.Occupancy(ST_2, "st-2", ZoneRole.WIP_STATION, 0, 0),
            new OpsQueries.Occupancy(ST_3, "st-3", ZoneRole.WIP_STATION, 0, 0),
            new OpsQueries.Occupancy(SHIP, "ship", ZoneRole.SHIPPING, 0, 0)));
        expected.put("K1 in", null); // shipped
        expected.put("K4 in", "qa");
        expected.put("C4 in", "store-a"); // missed by the count, still on the books of the operations ledger
        expected.put("N3 in", "cold");
        assertThat(finalQueries).containsExactlyEntriesOf(expected);

        assertThat(liveAnswers).containsExactlyEntriesOf(expectedAnswers());
    }

    /** Every SKU x zone row, in the order the rows were created (receipt lines at 05:30, then by first arrival). */
    private static List<OpsQueries.Balance> expectedBalances()
    {
        return List.of(
            balance(RESIN, STORE_A, 0, 0, 0, -1),    // the receipt's put-away zone: expected until put away
            balance(HARDENER, STORE_A, 1, 0, 0, 2),  // H1 found, H2 H3 received, H1 H2 consumed
            balance(RESIN, COLD, 1, 0, 0, -1),       // R1 R2 found, N1..N3 received, 4 consumed
            balance(CARTON, STORE_A, 4, 0, 0, -1),
            balance(LABEL, STORE_A, 2, 0, 0, -1),
            balance(RESIN, DOCK, 0, 0, 0, -1),
            balance(HARDENER, DOCK, 0, 0, 0, -1),
            balance(KIT, ST_1, 0, 0, 0, -1),
            balance(RESIN, ST_1, 0, 0, 0, -1),
            balance(HARDENER, ST_1, 0, 0, 0, -1),
            balance(KIT, BUFFER, 0, 0, 0, -1),
            balance(KIT, ST_2, 0, 0, 0, -1),
            balance(KIT, ST_3, 0, 0, 0, -1),
            balance(KIT, FG, 0, 0, 0, -1),
            balance(KIT, QA, 1, 1, 0, -1),           // K4, held
            balance(KIT, SHIP, 0, 0, 0, -1));        // K1..K3 shipped
    }

    private static OpsQueries.ReceiptStatus expectedReceipt()
    {
        return new OpsQueries.ReceiptStatus(PO, false, STORE_A, List.of(
            new OpsQueries.ReceiptLine(RESIN, RESIN_LOT_NEW, 3, 3),
            new OpsQueries.ReceiptLine(HARDENER, HARDENER_LOT_NEW, 3, 2)));
    }

    /** The answers of {@link OpsDay#answers}, worked out from the scenario. */
    private static Map<String, Object> expectedAnswers()
    {
        final Map<String, Object> a = new LinkedHashMap<>();
        a.put("balances", expectedBalances());
        a.put("receipt", expectedReceipt());
        a.put("openReceipts", 0);
        a.put("occupancy", List.of(0, 1, 7, 0, 1, 0, 0, 0, 0, 0));
        a.put("onHand(resin, new lot, cold)", 1);
        a.put("onHand(resin, old lot, cold)", 0);
        // 18 first countings, 32 moves, 6 consumed + 3 shipped; rows: 18 + 2 x 32 + 9
        a.put("movements", 59L);
        a.put("movementRows", 91L);
        a.put("base.droppedRows", 0L);

        a.put("lots.onHand(resin, old)", 0);
        a.put("lots.onHand(resin, new)", 1);
        a.put("lots.available(resin, new)", 1);
        a.put("lots.status(resin, old)", LotRules.STATUS_APPROACHING);
        a.put("lots.status(resin, new)", LotRules.STATUS_OK);
        a.put("lots.rank(hardener)", List.of(HARDENER_LOT_NEW));
        a.put("lots.policy(resin)", LotRules.POLICY_FEFO);
        a.put("lots.activeExcursions", 0);
        a.put("lots.suppressedExcursions", 1L); // the 14:20 blip
        a.put("lots.ignoredReadings", 0L);
        a.put("lots.droppedRows", 0L);

        a.put("ship.state(SO)", ShippingRules.SHIPMENT_SHIPPED);
        a.put("ship.linePicked(SO, kit)", 3);
        a.put("ship.lineQuantity(SO, kit)", 4);
        a.put("ship.shipped(SO)", 3);
        a.put("ship.heldCount", 1L);
        a.put("ship.heldCount(kit)", 1);
        a.put("ship.holdCauses(K4)", 1 << (ShippingRules.CAUSE_ZONE - 1));
        a.put("ship.heldToShipping", 1L);
        a.put("ship.wrongItems", 0L);
        a.put("ship.unauthorizedExits", 0L);
        a.put("ship.unauthorizedZones", 0L);
        a.put("ship.openShipments", 0);
        a.put("ship.droppedRows", 0L);

        a.put("acc.book(hardener, store-a)", 2);
        a.put("acc.discrepancy(hardener, store-a)", -1);
        a.put("acc.recordBp(site)", 7500);
        a.put("acc.quantityBp(site)", 8888);
        a.put("acc.lines(site)", 4);
        a.put("acc.lastCountMs(store-a)", at(16, 10));
        a.put("acc.lastCountBp(store-a)", 3333);
        // resin: 2 found, 3 received, 3 put away, 4 to st-1, 4 consumed; kit: 4 found, 21 moves, 3 shipped
        a.put("acc.movements(resin)", 16L);
        a.put("acc.movements(kit)", 28L);
        a.put("acc.issued(resin)", 4L);
        a.put("acc.issued(kit)", 3L);
        a.put("acc.siteOnHand(resin)", 1);
        // receipt to consumption: N1 07:00:00 -> 08:05 (65 min), N2 07:00:10 -> 08:52 (111 min 50 s)
        a.put("acc.leadTimeMs(resin)", (minutes(65) + minutes(111) + 50 * SECOND) / 2);
        a.put("acc.leadTimeSamples(resin)", 2L);
        a.put("acc.leadTimeMs(hardener)", minutes(114) + 30 * SECOND); // H2 07:00:30 -> 08:55
        // st-1: 4 units (30 + 34 + 30 + 31 min) and 6 materials consumed on arrival (0 min)
        a.put("acc.meanDwellMs(st-1)", minutes(125) / 10);
        a.put("acc.dwellStays(st-1)", 10L);
        a.put("acc.meanDwellMs(st-2)", minutes(10));
        a.put("acc.droppedRows", 0L);

        a.put("wip.status(7001)", WipRules.STATUS_COMPLETE);
        a.put("wip.unitsComplete(7001)", 2);
        a.put("wip.leadTimeMs(7001)", minutes(91));
        a.put("wip.consumed(7001, resin)", 2);
        a.put("wip.consumed(7001, hardener)", 1);
        a.put("wip.status(7002)", WipRules.STATUS_COMPLETE);
        a.put("wip.unitsComplete(7002)", 2);
        a.put("wip.leadTimeMs(7002)", minutes(68));
        a.put("wip.consumed(7002, resin)", 2);
        a.put("wip.consumed(7002, hardener)", 1);
        a.put("wip.averageProcessMs(st-1, st-2, st-3)", List.of(minutes(125) / 4, minutes(10), minutes(8)));
        a.put("wip.averageQueueMs(st-2)", minutes(32 + 37 + 9 + 17) / 4);
        a.put("wip.operationsCompleted(st-2)", 4L);
        a.put("wip.isBottleneck(st-2)", false);
        a.put("wip.queueCount(st-2)", 0);
        a.put("wip.droppedRows", 0L);

        a.put("events", 135L);
        a.put("records", 234L);
        return a;
    }

    // ---------------------------------------------------------------- replay

    @Test
    void shouldGiveTheSameEventsWhenTheRawJournalIsReplayedIntoAFreshPipeline() throws IOException
    {
        final Operations operations = new Operations(TAG_CAPACITY);
        final Recorder recorder = new Recorder();
        final Pipeline pipeline = recorder.attach(new Pipeline(config, new Counters(), recorder));
        pipeline.extension(operations.extension());

        final long replayed = ChronicleJournal.replay(journal, 0, (index, buffer, offset) ->
            pipeline.onRecord(buffer, offset));

        assertThat(replayed).isEqualTo(records.size());
        assertThat(recorder.events).containsExactlyElementsOf(numbered(sinkEvents));
        assertThat(OpsDay.answers(pipeline, operations)).containsExactlyEntriesOf(liveAnswers);
    }

    @Test
    void shouldRecoverTheSameBalancesAndAnswersFromAMidDaySnapshotAndTheJournalTail() throws IOException
    {
        final List<Path> snapshots = snapshots(journal);
        assertThat(snapshots).as("a mid-day snapshot and the one written at close").hasSize(2);
        // recover as if the process had died after the mid-day snapshot: without the newest one
        final Path copy = tempDir.resolve("journal-without-last-snapshot");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(journal))
        {
            for (final Path file : files.toList())
            {
                if (Files.isRegularFile(file) && !file.equals(snapshots.get(1)))
                {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
        }

        final Operations operations = new Operations(TAG_CAPACITY);
        final Recorder recorder = new Recorder();
        final Pipeline pipeline = recorder.attach(new Pipeline(config, new Counters(), recorder));
        pipeline.extension(operations.extension());
        final long tail = ChronicleJournal.replay(copy, pipeline);

        final long snapshotRecords = records.size() - tail;
        assertThat(tail).as("records replayed after the snapshot").isPositive();
        assertThat(snapshotRecords).as("records covered by the snapshot").isPositive();
        assertThat(OpsDay.answers(pipeline, operations)).containsExactlyEntriesOf(liveAnswers);
        // the tail's events continue the day's numbering exactly
        final List<Numbered> all = numbered(sinkEvents);
        assertThat(recorder.events).containsExactlyElementsOf(
            all.subList(all.size() - recorder.events.size(), all.size()));
        assertThat(recorder.events).as("the tail covers the afternoon at least").extracting(n -> n.event().type())
            .contains((int)EventType.OPS_SHIPPED, (int)EventType.OPS_CYCLE_COUNT_COMPLETE);

        // and from the journal as it was left (the snapshot written at close covers every record)
        final Operations fromClose = new Operations(TAG_CAPACITY);
        final Pipeline closed = new Pipeline(config, new Counters(), event -> { });
        closed.extension(fromClose.extension());
        assertThat(ChronicleJournal.replay(journal, closed)).isZero();
        assertThat(OpsDay.answers(closed, fromClose)).containsExactlyEntriesOf(liveAnswers);
        System.out.printf("ops day recovery: snapshot at record %d + %d journaled records%n", snapshotRecords, tail);
    }

    private static List<Path> snapshots(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.getFileName().toString().matches("snapshot-\\d{20}\\.bin")).sorted().toList();
        }
    }

    // ---------------------------------------------------------------- expected event helpers

    /**
     * An event as compared: every field but the sequence (checked apart) and the EPC text.
     *
     * @param type    event type.
     * @param timeMs  event time.
     * @param epcHigh EPC bits 95..32 (SKU key for SKU-level events).
     * @param epcLow  EPC bits 31..0.
     * @param from    zone left, or null.
     * @param to      zone, or null.
     * @param source  reader (core events) or business document.
     * @param detail  sub-code.
     * @param dwellMs first quantity.
     * @param rssi    second quantity.
     * @param skuKey  SKU key, 0 if none.
     * @param antenna antenna (core events), else 0.
     */
    record Ev(int type, long timeMs, long epcHigh, int epcLow, String from, String to, int source, int detail,
        long dwellMs, int rssi, long skuKey, int antenna)
    {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

        @Override
        public String toString()
        {
            String epc = epcLow == 0 ? (epcHigh == 0 ? "-" : "sku " + epcHigh) :
                Long.toHexString(epcHigh) + String.format("%08x", epcLow);
            for (final OpsDay.Item item : OpsDay.ITEMS)
            {
                if (item.epcHigh() == epcHigh && item.epcLow() == epcLow)
                {
                    epc = item.name();
                }
            }
            return String.format("%s %s %s %s->%s src=%d d=%d q=%d r=%d sku=%d ant=%d",
                TIME.format(Instant.ofEpochMilli(timeMs)), EventType.name(type), epc, from, to, source, detail,
                dwellMs, rssi, skuKey, antenna);
        }
    }

    /** An event with its engine-wide sequence. */
    record Numbered(long sequence, Ev event)
    {
    }

    private static Ev ev(final InMemorySink.Event e)
    {
        return new Ev(e.type(), e.timestampMs(), e.epcHigh(), e.epcLow(), e.fromZone(), e.toZone(), e.reader(),
            e.detail(), e.dwellMs(), e.rssiCentiDbm(), e.skuKey(), e.antenna());
    }

    private static List<Numbered> numbered(final List<InMemorySink.Event> events)
    {
        return events.stream().map(e -> new Numbered(e.sequence(), ev(e))).toList();
    }

    /** Collects a pipeline's events as {@link Numbered} events, resolving names as the engine's sinks do. */
    private static final class Recorder implements dev.inventory.core.event.EventListener
    {
        final List<Numbered> events = new ArrayList<>();
        private Pipeline pipeline;

        Pipeline attach(final Pipeline pipeline)
        {
            this.pipeline = pipeline;
            return pipeline;
        }

        @Override
        public void onEvent(final EventFlyweight e)
        {
            final String from = pipeline.zones().zoneName(e.fromZone());
            final String to = pipeline.zones().zoneName(e.toZone());
            final long skuKey = e.sku() < 0 ? 0 : pipeline.ledger().skuKey(e.sku());
            events.add(new Numbered(e.sequence(), new Ev(e.type(), e.timestampMs(), e.epcHigh(), e.epcLow(), from, to,
                e.source(), e.detail(), e.dwellMs(), e.rssiCentiDbm(), skuKey, e.antenna())));
        }
    }

    private static String zone(final int zone)
    {
        return zone < 0 ? null : ZONES[zone];
    }

    private static Ev appeared(final long t, final OpsDay.Item item, final int zone)
    {
        return new Ev(EventType.APPEARED, t, item.epcHigh(), item.epcLow(), null, zone(zone), READER, 0, 0, READ_RSSI,
            item.sku(), antenna(zone));
    }

    private static Ev moved(final long t, final OpsDay.Item item, final int from, final int to, final long dwellMs)
    {
        return new Ev(EventType.MOVED, t, item.epcHigh(), item.epcLow(), zone(from), zone(to), READER, 0, dwellMs,
            READ_RSSI, item.sku(), antenna(to));
    }

    private static Ev itemEvent(final short type, final long t, final OpsDay.Item item, final int from, final int to,
        final long source, final int detail, final long dwellMs, final int rssi)
    {
        return new Ev(type, t, item.epcHigh(), item.epcLow(), zone(from), zone(to), (int)source, detail, dwellMs, rssi,
            item.sku(), 0);
    }

    private static Ev skuEvent(final short type, final long t, final long sku, final int to, final long source,
        final int detail, final long dwellMs, final int rssi)
    {
        return new Ev(type, t, sku, 0, null, zone(to), (int)source, detail, dwellMs, rssi, sku, 0);
    }

    private static Ev zoneEvent(final short type, final long t, final int to, final long source, final int detail,
        final long dwellMs, final int rssi)
    {
        return new Ev(type, t, 0, 0, null, zone(to), (int)source, detail, dwellMs, rssi, 0, 0);
    }

    private static Ev received(final long t, final OpsDay.Item item, final int receivedOnLine, final int lineQuantity)
    {
        return itemEvent(EventType.OPS_RECEIVED, t, item, -1, DOCK, PO, 0, receivedOnLine, lineQuantity);
    }

    private static Ev putAway(final long t, final OpsDay.Item item, final int from, final int to, final long movement)
    {
        return itemEvent(EventType.OPS_PUT_AWAY, t, item, from, to, 0, 0, movement, 0);
    }

    private static Ev issued(final long t, final OpsDay.Item item, final int zone, final int reason)
    {
        return itemEvent(EventType.OPS_ISSUED, t, item, zone, -1, 0, reason, 0, 0);
    }

    /** Material consumed at st-1 by operation 1 of a work order: consumed on the line so far / line quantity. */
    private static Ev consumed(final long t, final OpsDay.Item item, final long wo, final int from,
        final int consumedOnLine, final int lineQuantity)
    {
        return itemEvent(EventType.OPS_CONSUMED, t, item, from, ST_1, wo, 1, consumedOnLine, lineQuantity);
    }

    private static Ev opStart(final long t, final OpsDay.Item unit, final long wo, final int operation,
        final int from, final int station, final long queueMs)
    {
        return itemEvent(EventType.OPS_OPERATION_START, t, unit, from, station, wo, operation, queueMs, 3);
    }

    private static Ev opComplete(final long t, final OpsDay.Item unit, final long wo, final int operation,
        final int station, final long processMs)
    {
        return itemEvent(EventType.OPS_OPERATION_COMPLETE, t, unit, -1, station, wo, operation, processMs, 3);
    }

    private static Ev unitComplete(final long t, final OpsDay.Item unit, final long wo, final long cycleMs,
        final int finished)
    {
        return itemEvent(EventType.OPS_ITEM_COMPLETE, t, unit, -1, ST_3, wo, 3, cycleMs, finished);
    }

    private static Ev woComplete(final long t, final long wo, final long leadMs)
    {
        return zoneEvent(EventType.OPS_WORK_ORDER_COMPLETE, t, ST_3, wo, 0, leadMs, 2);
    }

    private static Ev picked(final long t, final OpsDay.Item unit, final int pickedOnLine)
    {
        return itemEvent(EventType.OPS_PICKED, t, unit, FG, SHIP, SO, ShippingRules.LINE_SKU, pickedOnLine, 4);
    }

    private static OpsQueries.Balance balance(
        final long sku, final int zone, final int onHand, final int held, final int expected, final int reorderPoint)
    {
        final int available = onHand - held;
        return new OpsQueries.Balance(sku, zone, ZONES[zone], onHand, held, 0, available, expected,
            available + expected, reorderPoint);
    }
}
