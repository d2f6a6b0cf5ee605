package dev.inventory.core.ops;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.SensorFlyweight;

/**
 * One working day (Tuesday 11 June 2024, UTC) of a small plant that makes two-component sealant kits, as the
 * time-ordered input records an engine would receive: host commands from the ERP / MES, RFID reads of one reader
 * with an antenna per zone, and the readings of the cold-room temperature logger.
 * <p>
 * Zones (ids in definition order, antenna = id + 1): dock (receiving), cold (2..8 °C storage of resin), store-a
 * (storage), fg (finished goods), qa (quality hold), st-1 (mixing), buffer (WIP rack, no role), st-2 (filling, the
 * bottleneck), st-3 (packing), ship (shipping dock).
 * <p>
 * The day, step by step (each step is a method below):
 * <ol>
 *     <li>05:30 master data: zone roles, lots with expiry dates, FEFO, cold-chain limits, the purchase order, a
 *     reorder point, two work orders with routing and bill of material, a queue limit at st-2, tag labels;</li>
 *     <li>06:01 opening sweep: yesterday's stock is read in cold and store-a;</li>
 *     <li>06:00:30..17:50:30 the cold-room logger every 10 minutes, with a door left open at 11:00 and a blip at
 *     14:20;</li>
 *     <li>07:00 receipt of PO 450017 (one hardener short), close at 07:30, put-away 07:40;</li>
 *     <li>08:00..09:53 work orders 7001 and 7002 through st-1, st-2, st-3, material consumed at st-1 (the first
 *     resin taken is from the later-expiring lot), a queue before st-2, one kit failing QC into qa;</li>
 *     <li>13:00..14:00 sales order 880045 for 4 kits: 3 picked, the held kit taken to the dock by mistake and
 *     brought back, shipped short;</li>
 *     <li>15:30..16:10 cycle count of store-a against the ERP book (one carton not found);</li>
 *     <li>16:30 accuracy report.</li>
 * </ol>
 * Test helper, NOT threadsafe.
 */
final class OpsDay
{
    static final long DAY_MS = 86_400_000L;
    static final long MIDNIGHT = Instant.parse("2024-06-11T00:00:00Z").toEpochMilli();

    static final int READER = 1;
    static final int HOST = 9;
    static final int READ_RSSI = -5_200;

    static final String[] ZONES = {"dock", "cold", "store-a", "fg", "qa", "st-1", "buffer", "st-2", "st-3", "ship"};
    static final int DOCK = 0;
    static final int COLD = 1;
    static final int STORE_A = 2;
    static final int FG = 3;
    static final int QA = 4;
    static final int ST_1 = 5;
    static final int BUFFER = 6;
    static final int ST_2 = 7;
    static final int ST_3 = 8;
    static final int SHIP = 9;

    // SKU keys (GTIN-12)
    /** Epoxy resin, 5 kg pail, kept at 2..8 °C. */
    static final long RESIN = 614141007346L;
    /** Amine hardener, 1 kg can. */
    static final long HARDENER = 614141007353L;
    /** Shipping carton. */
    static final long CARTON = 614141009012L;
    /** Label roll. */
    static final long LABEL = 614141009029L;
    /** Two-component sealant kit, the finished good. */
    static final long KIT = 614141500017L;

    // lots: id = production date yymmdd
    static final long RESIN_LOT_OLD = 240402;
    static final long RESIN_LOT_NEW = 240528;
    static final long HARDENER_LOT_OLD = 240311;
    static final long HARDENER_LOT_NEW = 240515;

    // documents
    static final long PO = 450017;
    static final long WO_A = 7001;
    static final long WO_B = 7002;
    static final long SO = 880045;
    static final long COUNT = 9001;
    static final int LOGGER = 701;

    /** Queue limit at st-2: 30 item-minutes (clear level default: 80 %). */
    static final long QUEUE_LIMIT_ITEM_MS = 1_800_000;
    static final long WARNING_LEAD_MS = 14 * DAY_MS;

    /**
     * A tagged item.
     *
     * @param name    short name used in the scenario.
     * @param epcHigh EPC bits 95..32.
     * @param epcLow  EPC bits 31..0.
     * @param sku     SKU key.
     * @param lot     lot id, 0 = none.
     */
    record Item(String name, long epcHigh, int epcLow, long sku, long lot)
    {
        static Item of(final String name, final String sgtin96Hex, final long sku, final long lot)
        {
            return new Item(name, Long.parseUnsignedLong(sgtin96Hex.substring(0, 16), 16),
                Integer.parseUnsignedInt(sgtin96Hex.substring(16), 16), sku, lot);
        }

        @Override
        public String toString()
        {
            return name;
        }
    }

    // yesterday's stock
    static final Item R1 = Item.of("R1", "3034257BF40072C800001F41", RESIN, RESIN_LOT_OLD);
    static final Item R2 = Item.of("R2", "3034257BF40072C800001F42", RESIN, RESIN_LOT_OLD);
    static final Item H1 = Item.of("H1", "3034257BF40072E400000A11", HARDENER, HARDENER_LOT_OLD);
    static final Item C1 = Item.of("C1", "3034257BF4008CD000000101", CARTON, 0);
    static final Item C2 = Item.of("C2", "3034257BF4008CD000000102", CARTON, 0);
    static final Item C3 = Item.of("C3", "3034257BF4008CD000000103", CARTON, 0);
    static final Item C4 = Item.of("C4", "3034257BF4008CD000000104", CARTON, 0);
    static final Item L1 = Item.of("L1", "3034257BF4008CE400000201", LABEL, 0);
    static final Item L2 = Item.of("L2", "3034257BF4008CE400000202", LABEL, 0);
    // PO 450017
    static final Item N1 = Item.of("N1", "3034257BF40072C800002301", RESIN, RESIN_LOT_NEW);
    static final Item N2 = Item.of("N2", "3034257BF40072C800002302", RESIN, RESIN_LOT_NEW);
    static final Item N3 = Item.of("N3", "3034257BF40072C800002303", RESIN, RESIN_LOT_NEW);
    static final Item H2 = Item.of("H2", "3034257BF40072E400000C01", HARDENER, HARDENER_LOT_NEW);
    static final Item H3 = Item.of("H3", "3034257BF40072E400000C02", HARDENER, HARDENER_LOT_NEW);
    // kits being made (the production lot is the work order)
    static final Item K1 = Item.of("K1", "3034257BF47A124000000001", KIT, WO_A);
    static final Item K2 = Item.of("K2", "3034257BF47A124000000002", KIT, WO_A);
    static final Item K3 = Item.of("K3", "3034257BF47A124000000003", KIT, WO_B);
    static final Item K4 = Item.of("K4", "3034257BF47A124000000004", KIT, WO_B);

    static final List<Item> ITEMS = List.of(R1, R2, H1, C1, C2, C3, C4, L1, L2, N1, N2, N3, H2, H3, K1, K2, K3, K4);

    /** An input record at a time. */
    sealed interface Rec permits Read, Sensor, Command
    {
        /** @return record time, epoch ms. */
        long timeMs();

        /**
         * Publish into an engine's ring.
         *
         * @param publisher the engine's publisher.
         * @return the sequence, or a negative code.
         */
        long publish(Publisher publisher);

        /**
         * Encode at an offset, for a {@link Pipeline} without an engine.
         *
         * @param buffer little-endian buffer.
         * @param offset where.
         */
        void write(ByteBuffer buffer, int offset);
    }

    /** An RFID read of an item at a zone's antenna. */
    record Read(long timeMs, int zone, Item item) implements Rec
    {
        @Override
        public long publish(final Publisher publisher)
        {
            return publisher.publishRfidRead(READER, antenna(zone), item.epcHigh(), item.epcLow(), READ_RSSI, timeMs,
                1, 5, TimeUnit.SECONDS);
        }

        @Override
        public void write(final ByteBuffer buffer, final int offset)
        {
            Publisher.writeRfidRead(buffer, offset, READER, antenna(zone), item.epcHigh(), item.epcLow(), READ_RSSI,
                timeMs, timeMs, 1);
        }
    }

    /** A temperature reading of the cold-room logger, in °C. */
    record Sensor(long timeMs, double celsius) implements Rec
    {
        @Override
        public long publish(final Publisher publisher)
        {
            return publisher.tryPublishSensor(LOGGER, COLD, SensorFlyweight.QUANTITY_TEMPERATURE, celsius,
                SensorFlyweight.UNIT_CELSIUS, timeMs);
        }

        @Override
        public void write(final ByteBuffer buffer, final int offset)
        {
            new SensorFlyweight().wrap(buffer, offset).set(LOGGER, COLD, SensorFlyweight.QUANTITY_TEMPERATURE, celsius,
                SensorFlyweight.UNIT_CELSIUS, timeMs);
        }
    }

    /** A host command; {@code epcHigh/epcLow} 0 where the code takes no item. */
    record Command(long timeMs, int code, long epcHigh, int epcLow, long arg2, long arg3, long arg4) implements Rec
    {
        @Override
        public long publish(final Publisher publisher)
        {
            return publisher.tryPublishCommand(HOST, code, epcLow, epcHigh, arg2, arg3, arg4, timeMs);
        }

        @Override
        public void write(final ByteBuffer buffer, final int offset)
        {
            new CommandFlyweight().wrap(buffer, offset).set(HOST, code, epcLow, epcHigh, arg2, arg3, arg4, timeMs);
        }
    }

    private final List<Rec> records = new ArrayList<>();

    private OpsDay()
    {
    }

    /** @return the whole day's input, in time order (records of the same time in the order the steps give them). */
    static List<Rec> records()
    {
        final OpsDay day = new OpsDay();
        day.masterData();
        day.openingSweep();
        day.coldRoomLogger();
        day.receipt();
        day.workOrders();
        day.shipping();
        day.cycleCount();
        day.accuracyReport();
        final List<Rec> sorted = new ArrayList<>(day.records);
        sorted.sort(Comparator.comparingLong(Rec::timeMs)); // stable
        return List.copyOf(sorted);
    }

    /**
     * @param hour   hour of the day, UTC.
     * @param minute minute.
     * @param second second.
     * @return epoch ms on the scenario's day.
     */
    static long at(final int hour, final int minute, final int second)
    {
        return MIDNIGHT + ((hour * 60L + minute) * 60L + second) * 1_000L;
    }

    static long at(final int hour, final int minute)
    {
        return at(hour, minute, 0);
    }

    static long minutes(final double minutes)
    {
        return Math.round(minutes * 60_000.0);
    }

    static int antenna(final int zone)
    {
        return zone + 1;
    }

    /** @return an engine configuration with the plant's zones (add the journal, sinks, extension). */
    static EngineConfig.Builder config()
    {
        final EngineConfig.Builder builder = EngineConfig.builder()
            .tagCapacity(1024)
            .presenceTimeoutMs(DAY_MS) // portals, not a sweep of every shelf: items stay present all day
            .clockTickIntervalMs(0);   // only the records drive time
        for (int zone = 0; zone < ZONES.length; zone++)
        {
            builder.zone(ZONES[zone], READER, antenna(zone));
        }
        return builder;
    }

    /**
     * Feed records into a pipeline (no engine), as the engine would.
     *
     * @param pipeline the pipeline.
     * @param records  the records.
     */
    static void feed(final Pipeline pipeline, final List<Rec> records)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        for (final Rec rec : records)
        {
            Arrays.fill(buffer.array(), (byte)0);
            rec.write(buffer, 0);
            pipeline.onRecord(buffer, 0);
        }
    }

    // ---------------------------------------------------------------- the day

    private void command(final long t, final int code, final long arg2, final long arg3, final long arg4)
    {
        records.add(new Command(t, code, 0, 0, arg2, arg3, arg4));
    }

    private void command(final long t, final int code, final Item item, final long arg2, final long arg3,
        final long arg4)
    {
        records.add(new Command(t, code, item.epcHigh(), item.epcLow(), arg2, arg3, arg4));
    }

    /** The item is read once at a zone: first sight puts it there. */
    private void appear(final long t, final Item item, final int zone)
    {
        records.add(new Read(t, zone, item));
    }

    /** The item is carried into a zone: two reads there, the second (at {@code t}) moves it in the engine. */
    private void move(final long t, final Item item, final int zone)
    {
        records.add(new Read(t - 500, zone, item));
        records.add(new Read(t, zone, item));
    }

    /** 05:30 master data from the ERP / MES. */
    private void masterData()
    {
        final long t = at(5, 30);
        command(t, OpsCommands.ZONE, DOCK, ZoneRole.RECEIVING, 0);
        command(t, OpsCommands.ZONE, COLD, ZoneRole.STORAGE, 0);
        command(t, OpsCommands.ZONE, STORE_A, ZoneRole.STORAGE, 0);
        command(t, OpsCommands.ZONE, FG, ZoneRole.STORAGE, 0);
        command(t, OpsCommands.ZONE, QA, ZoneRole.QUALITY_HOLD, 0);
        command(t, OpsCommands.ZONE, ST_1, ZoneRole.WIP_STATION, 0);
        command(t, OpsCommands.ZONE, ST_2, ZoneRole.WIP_STATION, 0);
        command(t, OpsCommands.ZONE, ST_3, ZoneRole.WIP_STATION, 0);
        command(t, OpsCommands.ZONE, SHIP, ZoneRole.SHIPPING, 0);

        command(t, OpsCommands.LOT, RESIN_LOT_OLD, date("2024-06-20"), date("2024-04-02"));
        command(t, OpsCommands.LOT, RESIN_LOT_NEW, date("2024-09-30"), date("2024-05-28"));
        command(t, OpsCommands.LOT, HARDENER_LOT_OLD, date("2025-03-11"), date("2024-03-11"));
        command(t, OpsCommands.LOT, HARDENER_LOT_NEW, date("2025-05-15"), date("2024-05-15"));
        command(t, LotRules.ROTATION, 0, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        command(t, LotRules.EXPIRY_WARNING, 0, WARNING_LEAD_MS, 0);
        command(t, LotRules.SKU_TEMPERATURE, RESIN, 200, 800);
        command(t, LotRules.EXCURSION_FILTER, SensorFlyweight.QUANTITY_TEMPERATURE, minutes(10), 50);

        command(t, OpsCommands.RECEIPT_OPEN, PO, STORE_A, 0);
        command(t, OpsCommands.RECEIPT_LINE, PO, RESIN, 3);
        command(t, OpsCommands.RECEIPT_LOT, PO, RESIN, RESIN_LOT_NEW);
        command(t, OpsCommands.RECEIPT_LINE, PO, HARDENER, 3);
        command(t, OpsCommands.RECEIPT_LOT, PO, HARDENER, HARDENER_LOT_NEW);
        command(t, OpsCommands.REORDER_POINT, HARDENER, STORE_A, 2);
        command(t, OpsCommands.ORDER_UP_TO, HARDENER, STORE_A, 6);

        command(t, WipCommands.STATION_QUEUE_LIMIT, ST_2, QUEUE_LIMIT_ITEM_MS, 0);
        for (final long wo : new long[]{WO_A, WO_B})
        {
            command(t, WipCommands.WO_OPEN, wo, 2, 0);
            command(t, WipCommands.WO_OPERATION, wo, 1, ST_1);
            command(t, WipCommands.WO_OPERATION, wo, 2, ST_2);
            command(t, WipCommands.WO_OPERATION, wo, 3, ST_3);
            command(t, WipCommands.WO_BOM_LINE, wo, RESIN, 2);
            command(t, WipCommands.WO_BOM_OPERATION, wo, RESIN, 1);
            command(t, WipCommands.WO_BOM_LINE, wo, HARDENER, 1);
            command(t, WipCommands.WO_BOM_OPERATION, wo, HARDENER, 1);
        }

        for (final Item item : ITEMS)
        {
            command(t, CommandFlyweight.ASSIGN_TAG, item, item.sku(), item.lot(), 0);
        }
        command(t, WipCommands.WO_ITEM, K1, WO_A, 0, 0);
        command(t, WipCommands.WO_ITEM, K2, WO_A, 0, 0);
        command(t, WipCommands.WO_ITEM, K3, WO_B, 0, 0);
        command(t, WipCommands.WO_ITEM, K4, WO_B, 0, 0);
    }

    static long date(final String isoDate)
    {
        return Instant.parse(isoDate + "T00:00:00Z").toEpochMilli();
    }

    /** 06:01 the antennas of cold and store-a find yesterday's stock. */
    private void openingSweep()
    {
        appear(at(6, 1, 0), R1, COLD);
        appear(at(6, 1, 5), R2, COLD);
        appear(at(6, 2, 0), H1, STORE_A);
        appear(at(6, 2, 5), C1, STORE_A);
        appear(at(6, 2, 10), C2, STORE_A);
        appear(at(6, 2, 15), C3, STORE_A);
        appear(at(6, 2, 20), C4, STORE_A);
        appear(at(6, 2, 25), L1, STORE_A);
        appear(at(6, 2, 30), L2, STORE_A);
    }

    /** The cold-room logger, every 10 minutes at :x0:30: 4.2..4.6 °C, but for a door left open and a blip. */
    private void coldRoomLogger()
    {
        final Map<Long, Double> exceptions = new LinkedHashMap<>();
        exceptions.put(at(11, 0, 30), 8.6);  // door left open: outside, pending (filter 10 min)
        exceptions.put(at(11, 10, 30), 10.4); // still outside 10 min later: excursion starts
        exceptions.put(at(11, 20, 30), 9.1);
        exceptions.put(at(11, 30, 30), 7.8);  // inside, but not by the 0.5 °C hysteresis
        exceptions.put(at(11, 40, 30), 6.1);  // back: excursion ends
        exceptions.put(at(14, 20, 30), 8.3);  // a blip ...
        exceptions.put(at(14, 30, 30), 5.1);  // ... back within the filter: suppressed
        for (int k = 0; k < 72; k++)
        {
            final long t = at(6, 0, 30) + k * minutes(10);
            records.add(new Sensor(t, exceptions.getOrDefault(t, 4.2 + 0.1 * (k % 5))));
        }
    }

    /** 07:00 PO 450017 arrives at the dock (2 of 3 hardener cans), closed 07:30, put away 07:40. */
    private void receipt()
    {
        appear(at(7, 0, 0), N1, DOCK);
        appear(at(7, 0, 10), N2, DOCK);
        appear(at(7, 0, 20), N3, DOCK);
        appear(at(7, 0, 30), H2, DOCK);
        appear(at(7, 0, 40), H3, DOCK);
        command(at(7, 30), OpsCommands.RECEIPT_CLOSE, PO, 0, 0);
        move(at(7, 40), N1, COLD);
        move(at(7, 41), N2, COLD);
        move(at(7, 42), N3, COLD);
        move(at(7, 45), H2, STORE_A);
        move(at(7, 46), H3, STORE_A);
    }

    /**
     * 08:00..09:53 work orders 7001 (K1, K2) and 7002 (K3, K4): mixing at st-1 with resin and hardener brought from
     * storage (N1 first: the later-expiring lot while R1, R2 are in the cold room), the filler st-2 down for a
     * changeover until 09:00 (units queue on the buffer rack), packing at st-3, K4 failing the final check into qa.
     */
    private void workOrders()
    {
        appear(at(8, 0), K1, ST_1);
        appear(at(8, 2), K2, ST_1);
        move(at(8, 5), N1, ST_1);
        move(at(8, 6), R1, ST_1);
        move(at(8, 7), H1, ST_1);
        move(at(8, 30), K1, BUFFER);
        move(at(8, 36), K2, BUFFER);
        appear(at(8, 45), K3, ST_1);
        appear(at(8, 47), K4, ST_1);
        move(at(8, 51), R2, ST_1);
        move(at(8, 52), N2, ST_1);
        move(at(8, 55), H2, ST_1);
        move(at(9, 2), K1, ST_2);
        move(at(9, 12), K1, ST_3);
        move(at(9, 13), K2, ST_2);
        move(at(9, 15), K3, BUFFER);
        move(at(9, 18), K4, BUFFER);
        move(at(9, 20), K1, FG);
        move(at(9, 23), K2, ST_3);
        move(at(9, 24), K3, ST_2);
        move(at(9, 31), K2, FG);
        move(at(9, 34), K3, ST_3);
        move(at(9, 35), K4, ST_2);
        move(at(9, 42), K3, FG);
        move(at(9, 45), K4, ST_3);
        move(at(9, 53), K4, QA);
    }

    /** 13:00 SO 880045 for 4 kits; 3 picked; K4 (held) taken to the dock by mistake and back; shipped short 14:00. */
    private void shipping()
    {
        command(at(13, 0), ShippingCommands.SHIPMENT_OPEN, SO, SHIP, -1);
        command(at(13, 0), ShippingCommands.SHIPMENT_LINE, SO, KIT, 4);
        move(at(13, 30), K1, SHIP);
        move(at(13, 31), K2, SHIP);
        move(at(13, 32), K3, SHIP);
        move(at(13, 40), K4, SHIP);
        move(at(13, 44), K4, QA);
        command(at(14, 0), ShippingCommands.SHIPMENT_CLOSE, SO, 0, 0);
    }

    /**
     * 15:30 the ERP's book (its hardener figure misses the backflush of WO 7002), 16:00..16:10 cycle count 9001 of
     * store-a: every item but carton C4 (behind a steel rack) is read.
     */
    private void cycleCount()
    {
        final long t = at(15, 30);
        command(t, AccuracyCommands.BOOK, RESIN, COLD, 1);
        command(t, AccuracyCommands.BOOK, HARDENER, STORE_A, 2);
        command(t, AccuracyCommands.BOOK, CARTON, STORE_A, 4);
        command(t, AccuracyCommands.BOOK, LABEL, STORE_A, 2);
        command(at(16, 0), AccuracyCommands.COUNT_START, COUNT, STORE_A, 0);
        final Item[] found = {H3, C1, C2, C3, L1, L2};
        for (int i = 0; i < found.length; i++)
        {
            records.add(new Read(at(16, 1, 10 * i), STORE_A, found[i]));
        }
        command(at(16, 10), AccuracyCommands.COUNT_END, COUNT, 0, 0);
    }

    /** 16:30 site accuracy report, book vs detected, exact match required. */
    private void accuracyReport()
    {
        command(at(16, 30), AccuracyCommands.ACCURACY_REPORT, -1, 0, 0);
    }

    // ---------------------------------------------------------------- answers

    /**
     * Every query answer the day is judged by, in one map (query -&gt; answer), computed on the thread that owns the
     * pipeline (the engine thread through {@code engine.query}, or the test thread for a replayed pipeline).
     *
     * @param p   the pipeline.
     * @param ops the operations module installed in it.
     * @return the answers, in a stable order.
     */
    static Map<String, Object> answers(final Pipeline p, final Operations ops)
    {
        final Map<String, Object> a = new LinkedHashMap<>();
        final OperationsExtension base = ops.base();
        a.put("balances", base.balances(p, 0));
        a.put("receipt", base.receipt(PO));
        a.put("openReceipts", base.openReceipts().length);
        final int[] occupancy = new int[ZONES.length];
        for (int zone = 0; zone < ZONES.length; zone++)
        {
            occupancy[zone] = base.occupancy(zone);
        }
        a.put("occupancy", Arrays.stream(occupancy).boxed().toList());
        a.put("onHand(resin, new lot, cold)", base.onHand(RESIN, RESIN_LOT_NEW, COLD));
        a.put("onHand(resin, old lot, cold)", base.onHand(RESIN, RESIN_LOT_OLD, COLD));
        a.put("movements", base.movements().movementCount());
        a.put("movementRows", base.movements().rowCount());
        a.put("base.droppedRows", base.droppedRows());

        final LotRules lots = ops.lots();
        a.put("lots.onHand(resin, old)", lots.onHand(RESIN, RESIN_LOT_OLD));
        a.put("lots.onHand(resin, new)", lots.onHand(RESIN, RESIN_LOT_NEW));
        a.put("lots.available(resin, new)", lots.available(RESIN, RESIN_LOT_NEW));
        a.put("lots.status(resin, old)", lots.status(RESIN, RESIN_LOT_OLD));
        a.put("lots.status(resin, new)", lots.status(RESIN, RESIN_LOT_NEW));
        final long[] ranked = new long[4];
        a.put("lots.rank(hardener)", Arrays.stream(ranked, 0, lots.rankLots(HARDENER, ranked)).boxed().toList());
        a.put("lots.policy(resin)", lots.policy(RESIN));
        a.put("lots.activeExcursions", lots.activeExcursions((s, q, b, since, limit, peak) -> { }));
        a.put("lots.suppressedExcursions", lots.suppressedExcursions());
        a.put("lots.ignoredReadings", lots.ignoredReadings());
        a.put("lots.droppedRows", lots.droppedRows());

        final ShippingRules shipping = ops.shipping();
        final int k4 = p.tags().get(K4.epcHigh(), K4.epcLow());
        a.put("ship.state(SO)", shipping.shipmentState(SO));
        a.put("ship.linePicked(SO, kit)", shipping.linePicked(SO, KIT, 0));
        a.put("ship.lineQuantity(SO, kit)", shipping.lineQuantity(SO, KIT, 0));
        a.put("ship.shipped(SO)", shipping.shippedCount(SO));
        a.put("ship.heldCount", shipping.heldCount());
        a.put("ship.heldCount(kit)", shipping.heldCount(KIT));
        a.put("ship.holdCauses(K4)", shipping.holdCauses(k4));
        a.put("ship.heldToShipping", shipping.heldToShippingCount());
        a.put("ship.wrongItems", shipping.wrongItemCount());
        a.put("ship.unauthorizedExits", shipping.unauthorizedExitCount());
        a.put("ship.unauthorizedZones", shipping.unauthorizedZoneCount());
        a.put("ship.openShipments", shipping.openShipments());
        a.put("ship.droppedRows", shipping.droppedRows());

        final AccuracyRules accuracy = ops.accuracy();
        a.put("acc.book(hardener, store-a)", accuracy.book(HARDENER, STORE_A));
        a.put("acc.discrepancy(hardener, store-a)", accuracy.discrepancy(HARDENER, STORE_A));
        a.put("acc.recordBp(site)", accuracy.recordAccuracyBp(-1, 0, 0));
        a.put("acc.quantityBp(site)", accuracy.quantityAccuracyBp(-1));
        a.put("acc.lines(site)", accuracy.accuracyLines(-1));
        a.put("acc.lastCountMs(store-a)", accuracy.lastCountMs(STORE_A));
        a.put("acc.lastCountBp(store-a)", accuracy.lastCountAccuracyBp(STORE_A));
        a.put("acc.movements(resin)", accuracy.movements(RESIN));
        a.put("acc.movements(kit)", accuracy.movements(KIT));
        a.put("acc.issued(resin)", accuracy.issued(RESIN));
        a.put("acc.issued(kit)", accuracy.issued(KIT));
        a.put("acc.siteOnHand(resin)", accuracy.siteOnHand(RESIN));
        a.put("acc.leadTimeMs(resin)", accuracy.meanLeadTimeMs(RESIN));
        a.put("acc.leadTimeSamples(resin)", accuracy.leadTimeSamples(RESIN));
        a.put("acc.leadTimeMs(hardener)", accuracy.meanLeadTimeMs(HARDENER));
        a.put("acc.meanDwellMs(st-1)", accuracy.meanDwellMs(ST_1));
        a.put("acc.dwellStays(st-1)", accuracy.dwellStays(ST_1));
        a.put("acc.meanDwellMs(st-2)", accuracy.meanDwellMs(ST_2));
        a.put("acc.droppedRows", accuracy.droppedRows());

        final WipRules wip = ops.wip();
        for (final long wo : new long[]{WO_A, WO_B})
        {
            a.put("wip.status(" + wo + ")", wip.status(wo));
            a.put("wip.unitsComplete(" + wo + ")", wip.unitsComplete(wo));
            a.put("wip.leadTimeMs(" + wo + ")", wip.leadTimeMs(wo));
            a.put("wip.consumed(" + wo + ", resin)", wip.consumed(wo, RESIN));
            a.put("wip.consumed(" + wo + ", hardener)", wip.consumed(wo, HARDENER));
        }
        a.put("wip.averageProcessMs(st-1, st-2, st-3)",
            List.of(wip.averageProcessMs(ST_1), wip.averageProcessMs(ST_2), wip.averageProcessMs(ST_3)));
        a.put("wip.averageQueueMs(st-2)", wip.averageQueueMs(ST_2));
        a.put("wip.operationsCompleted(st-2)", wip.operationsCompleted(ST_2));
        a.put("wip.isBottleneck(st-2)", wip.isBottleneck(ST_2));
        a.put("wip.queueCount(st-2)", wip.queueCount(ST_2));
        a.put("wip.droppedRows", wip.droppedRows());

        a.put("events", p.eventSequence());
        a.put("records", p.recordCount());
        return a;
    }
}
