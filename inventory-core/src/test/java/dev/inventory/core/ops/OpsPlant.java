package dev.inventory.core.ops;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventListener;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.SensorFlyweight;

/**
 * A small plant driven record by record through a {@link Pipeline} with an {@link OperationsExtension} (and
 * optionally rules built on it), collecting events as text. Zones (antenna of reader 1): dock 1, store-a 2,
 * store-b 3, qa 4, st-1 5, st-2 6, st-3 7, ship 8, restricted 9, exit 10 (roles are set by commands).
 * Test helper, NOT threadsafe.
 */
final class OpsPlant implements EventListener
{
    static final int READER = 1;
    static final int DOCK_ANTENNA = 1;
    static final int STORE_A_ANTENNA = 2;
    static final int STORE_B_ANTENNA = 3;
    static final int QA_ANTENNA = 4;
    static final int STATION_1_ANTENNA = 5;
    static final int STATION_2_ANTENNA = 6;
    static final int STATION_3_ANTENNA = 7;
    static final int SHIP_ANTENNA = 8;
    static final int RESTRICTED_ANTENNA = 9;
    static final int EXIT_ANTENNA = 10;

    final Counters counters = new Counters();
    final Pipeline pipeline;
    final OperationsExtension ops;
    final List<String> events = new ArrayList<>();
    final List<String> opsEvents = new ArrayList<>();
    private final ByteBuffer buffer =
        ByteBuffer.allocate(RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final CommandFlyweight command = new CommandFlyweight();
    private final SensorFlyweight sensor = new SensorFlyweight();

    OpsPlant()
    {
        this(ops -> null);
    }

    /**
     * @param rules builds the rules to run after the operations extension (registering themselves as listeners),
     *              or returns null for none.
     */
    OpsPlant(final Function<OperationsExtension, RecordExtension> rules)
    {
        final EngineConfig config = EngineConfig.builder()
            .tagCapacity(1024)
            .zone("dock", READER, DOCK_ANTENNA)
            .zone("store-a", READER, STORE_A_ANTENNA)
            .zone("store-b", READER, STORE_B_ANTENNA)
            .zone("qa", READER, QA_ANTENNA)
            .zone("st-1", READER, STATION_1_ANTENNA)
            .zone("st-2", READER, STATION_2_ANTENNA)
            .zone("st-3", READER, STATION_3_ANTENNA)
            .zone("ship", READER, SHIP_ANTENNA)
            .zone("restricted", READER, RESTRICTED_ANTENNA)
            .zone("exit", READER, EXIT_ANTENNA)
            .presenceTimeoutMs(3_600_000)
            .clockTickIntervalMs(0)
            .build();
        ops = new OperationsExtension(new OperationsExtension.Context().tagCapacity(1024).movementCapacity(256));
        pipeline = new Pipeline(config, counters, this);
        final RecordExtension extra = rules.apply(ops);
        pipeline.extension(null == extra ? ops : RecordExtension.compose(ops, extra));
    }

    int zone(final String name)
    {
        return pipeline.zones().zoneId(name);
    }

    @Override
    public void onEvent(final EventFlyweight e)
    {
        final String text = EventType.name(e.type()) + " d=" + e.detail() + " src=" + e.source() + " epc=" +
            Long.toHexString(e.epcHigh()) + "/" + e.epcLow() + " " + pipeline.zones().zoneName(e.fromZone()) + "->" +
            pipeline.zones().zoneName(e.toZone()) + " q=" + e.dwellMs() + " r=" + e.rssiCentiDbm();
        events.add(e.sequence() + " " + e.timestampMs() + " " + text);
        if (e.type() >= 130 && e.type() < 200)
        {
            opsEvents.add(text);
        }
    }

    void read(final long tsMs, final int antenna, final long epcHigh, final int epcLow, final int rssiCentiDbm)
    {
        Publisher.writeRfidRead(buffer, 0, READER, antenna, epcHigh, epcLow, rssiCentiDbm, tsMs, tsMs, 1);
        pipeline.onRecord(buffer, 0);
    }

    /** Read a tag at a zone's antenna until the core moves it there; returns the time after. */
    long moveTo(final long tsMs, final int antenna, final String zone, final long epcHigh, final int epcLow)
    {
        long t = tsMs;
        for (int i = 0; i < 50; i++)
        {
            read(t, antenna, epcHigh, epcLow, -4_000);
            t += 100;
            final int tag = pipeline.tags().get(epcHigh, epcLow);
            if (pipeline.ledger().zone(tag) == zone(zone))
            {
                return t;
            }
        }
        throw new AssertionError("tag " + Long.toHexString(epcHigh) + " did not move to " + zone);
    }

    /** A sensor reading about a subject (zone id or container id). */
    void sensor(final long tsMs, final int sensorId, final long subject, final int quantity, final double value,
        final int unit)
    {
        sensor.wrap(buffer, 0).set(sensorId, subject, quantity, value, unit, tsMs);
        pipeline.onRecord(buffer, 0);
    }

    void command(final long tsMs, final int code, final long epcHigh, final int epcLow, final long arg2,
        final long arg3, final long arg4)
    {
        command.wrap(buffer, 0).set(9, code, epcLow, epcHigh, arg2, arg3, arg4, tsMs);
        pipeline.onRecord(buffer, 0);
    }
}
