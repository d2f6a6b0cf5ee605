package dev.inventory.rfid.ale;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.record.RfidReadFlyweight;
import dev.inventory.core.zone.ZoneDirectory;

/**
 * Drives {@link EventCycle}s from the pipeline: each logical reader is a set of zone ids; a read whose antenna maps
 * to one of them goes to that cycle, and every record advances every cycle's time to the pipeline's time. Add the
 * logical readers before the pipeline runs. Never allocates per record.
 * Instances are NOT threadsafe: engine thread only.
 */
public final class AleExtension implements RecordExtension
{
    private final RfidReadFlyweight read = new RfidReadFlyweight();
    private EventCycle[] cycles = new EventCycle[0];
    private int[][] zonesByCycle = new int[0][];

    /**
     * Add a logical reader (set-up only, not on the engine thread while running).
     *
     * @param cycle   its event cycles.
     * @param zoneIds the zones whose reads it sees.
     * @return this.
     */
    public AleExtension add(final EventCycle cycle, final int... zoneIds)
    {
        Objects.requireNonNull(cycle, "cycle");
        if (zoneIds.length == 0)
        {
            throw new IllegalArgumentException("zoneIds must not be empty");
        }
        for (final int zoneId : zoneIds)
        {
            if (zoneId < 0 || zoneId >= ZoneDirectory.MAX_ZONES)
            {
                throw new IllegalArgumentException("zoneIds: bad zone id " + zoneId);
            }
        }
        final int n = cycles.length;
        cycles = Arrays.copyOf(cycles, n + 1);
        zonesByCycle = Arrays.copyOf(zonesByCycle, n + 1);
        cycles[n] = cycle;
        zonesByCycle[n] = zoneIds.clone();
        return this;
    }

    @Override
    public boolean onRecord(final ByteBuffer buffer, final int offset, final int type, final Pipeline pipeline)
    {
        final EventCycle[] cycles = this.cycles;
        final long nowMs = pipeline.nowMs();
        if (type != RecordType.RFID_READ)
        {
            for (final EventCycle cycle : cycles)
            {
                cycle.onTime(nowMs);
            }
            return false;
        }
        final RfidReadFlyweight read = this.read.wrap(buffer, offset);
        final ZoneDirectory zones = pipeline.zones();
        final int antennaIndex = zones.resolve(read.reader(), read.antenna());
        final int zone = antennaIndex == ZoneDirectory.NONE ? ZoneDirectory.NONE : zones.zoneOfAntenna(antennaIndex);
        final long epcHigh = read.epcHigh();
        final int epcLow = read.epcLow();
        final long timestampMs = read.timestampMs();
        final int[][] zonesByCycle = this.zonesByCycle;
        for (int c = 0; c < cycles.length; c++)
        {
            final EventCycle cycle = cycles[c];
            cycle.onTime(nowMs);
            if (contains(zonesByCycle[c], zone))
            {
                cycle.onRead(epcHigh, epcLow, timestampMs);
            }
        }
        return false;
    }

    /**
     * Advance every cycle's time without a record (e.g. from a clock the host drives).
     *
     * @param nowMs record time in ms.
     */
    public void onTime(final long nowMs)
    {
        for (final EventCycle cycle : cycles)
        {
            cycle.onTime(nowMs);
        }
    }

    private static boolean contains(final int[] values, final int value)
    {
        for (final int v : values)
        {
            if (v == value)
            {
                return true;
            }
        }
        return false;
    }
}
