package dev.inventory.core.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventListener;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RfidReadFlyweight;

/**
 * Drives a {@link Pipeline} directly, one record at a time, collecting events as strings for assertions.
 */
final class PipelineHarness implements EventListener
{
    final Pipeline pipeline;
    final Counters counters = new Counters();
    final List<String> events = new ArrayList<>();
    final List<Long> dwells = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final RfidReadFlyweight read = new RfidReadFlyweight();
    private final CommandFlyweight command = new CommandFlyweight();

    PipelineHarness(final EngineConfig config)
    {
        pipeline = new Pipeline(config, counters, this);
    }

    @Override
    public void onEvent(final EventFlyweight event)
    {
        final String from = pipeline.zones().zoneName(event.fromZone());
        final String to = pipeline.zones().zoneName(event.toZone());
        events.add(event.timestampMs() + " " + dev.inventory.core.event.EventType.name(event.type()) + " " +
            Long.toHexString(event.epcHigh()) + " " + from + "->" + to);
        dwells.add(event.dwellMs());
    }

    void read(final long tsMs, final int reader, final int antenna, final long epcHigh, final int epcLow, final double rssiDbm)
    {
        Publisher.writeRfidRead(buffer, 0, reader, antenna, epcHigh, epcLow, (int)Math.round(rssiDbm * 100), tsMs, tsMs, 1);
        pipeline.onRecord(buffer, 0);
    }

    RfidReadFlyweight rawRead(final long tsMs, final int reader, final int antenna, final long epcHigh, final int epcLow)
    {
        read.wrap(buffer, 0).set(reader, antenna, epcHigh, epcLow, -5000, tsMs, 1);
        return read;
    }

    void feedRaw()
    {
        pipeline.onRecord(buffer, 0);
    }

    ByteBuffer buffer()
    {
        return buffer;
    }

    void command(final long tsMs, final int code, final long epcHigh, final int epcLow, final long arg2, final long arg3,
        final long arg4)
    {
        command.wrap(buffer, 0).set(7, code, epcLow, epcHigh, arg2, arg3, arg4, tsMs);
        pipeline.onRecord(buffer, 0);
    }

    void link(final long tsMs, final int reader, final boolean up)
    {
        new dev.inventory.core.record.LinkStateFlyweight().wrap(buffer, 0)
            .set(reader, up ? dev.inventory.core.record.LinkStateFlyweight.UP :
                dev.inventory.core.record.LinkStateFlyweight.DOWN, 7, tsMs);
        pipeline.onRecord(buffer, 0);
    }

    void tick(final long tsMs)
    {
        new dev.inventory.core.record.ClockTickFlyweight().wrap(buffer, 0).set(0, tsMs);
        pipeline.onRecord(buffer, 0);
    }
}
