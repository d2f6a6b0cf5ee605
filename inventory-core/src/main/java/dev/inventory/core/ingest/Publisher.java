package dev.inventory.core.ingest;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.record.ClockTickFlyweight;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.LinkStateFlyweight;
import dev.inventory.core.record.MeasurementFlyweight;
import dev.inventory.core.record.PositionFlyweight;
import dev.inventory.core.record.RangingFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RfidReadFlyweight;
import dev.inventory.core.record.SensorFlyweight;

/**
 * Publishes records into the engine's {@link IngestRing}. The {@code try*} methods never block: they return the
 * record's sequence (&gt;= 0) or {@link #BACK_PRESSURED} / {@link #CLOSED}, and count refusals. The
 * {@code publish*} helpers are the opt-in blocking form: they retry with a backoff until the record is taken, the
 * engine closes ({@link #CLOSED}) or the timeout passes ({@link #TIMED_OUT}, counted as a drop).
 * For zero-copy writes, use {@link #tryClaim()}, write at {@link #buffer()} / {@link #offset(long)} with a
 * flyweight, then {@link #commit(long)} or {@link #abort(long)}.
 * <p>
 * Threadsafe: any number of producer threads. Garbage-free.
 */
public final class Publisher
{
    /** The ring is full. */
    public static final long BACK_PRESSURED = IngestRing.BACK_PRESSURED;
    /** A blocking publish gave up after its timeout; the record was dropped and counted. */
    public static final long TIMED_OUT = -3;
    /** The engine is closed. */
    public static final long CLOSED = IngestRing.CLOSED;

    private final IngestRing ring;
    private final Counters counters;
    private final ByteBuffer buffer;

    /**
     * @param ring     to publish into.
     * @param counters where refusals and drops are counted.
     */
    public Publisher(final IngestRing ring, final Counters counters)
    {
        this.ring = ring;
        this.counters = counters;
        this.buffer = ring.buffer().duplicate().order(ring.buffer().order());
    }

    /**
     * @param code a result of a publish call.
     * @return a name for the code, or "OK" for a sequence.
     */
    public static String resultName(final long code)
    {
        if (code >= 0)
        {
            return "OK";
        }
        if (code == BACK_PRESSURED)
        {
            return "BACK_PRESSURED";
        }
        if (code == TIMED_OUT)
        {
            return "TIMED_OUT";
        }
        if (code == CLOSED)
        {
            return "CLOSED";
        }
        return "UNKNOWN(" + code + ")";
    }

    /**
     * Claim a slot for a zero-copy write.
     *
     * @return sequence, or {@link #BACK_PRESSURED} / {@link #CLOSED} (counted).
     */
    public long tryClaim()
    {
        final long sequence = ring.tryClaim();
        if (sequence < 0)
        {
            counters.incrementShared(sequence == BACK_PRESSURED ? Counters.BACK_PRESSURED : Counters.REFUSED_CLOSED);
        }
        return sequence;
    }

    /** @return the buffer to write claimed slots in (a view private to this publisher; little-endian). */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param sequence a claimed sequence.
     * @return offset of its slot in {@link #buffer()}.
     */
    public int offset(final long sequence)
    {
        return ring.offset(sequence);
    }

    /**
     * @param sequence a claimed sequence, fully written.
     */
    public void commit(final long sequence)
    {
        ring.commit(sequence);
    }

    /**
     * @param sequence a claimed sequence to give up.
     */
    public void abort(final long sequence)
    {
        ring.abort(sequence);
    }

    /**
     * Count a record the caller decided to drop (e.g. after back-pressure).
     */
    public void countDropped()
    {
        counters.incrementShared(Counters.DROPPED);
    }

    /** @return true once the engine has closed the ring. */
    public boolean isClosed()
    {
        return ring.isClosed();
    }

    /**
     * Publish an RFID read without blocking.
     *
     * @param reader       reader id.
     * @param antenna      antenna port 1..65535.
     * @param epcHigh      EPC bits 95..32.
     * @param epcLow       EPC bits 31..0.
     * @param rssiCentiDbm peak RSSI in centi-dBm.
     * @param timestampMs  last seen, epoch ms.
     * @param seenCount    reads merged, &gt;= 1.
     * @return sequence, or {@link #BACK_PRESSURED} / {@link #CLOSED}.
     */
    public long tryPublishRfidRead(
        final int reader,
        final int antenna,
        final long epcHigh,
        final int epcLow,
        final int rssiCentiDbm,
        final long timestampMs,
        final int seenCount)
    {
        final long sequence = tryClaim();
        if (sequence >= 0)
        {
            writeRfidRead(buffer, ring.offset(sequence), reader, antenna, epcHigh, epcLow, rssiCentiDbm,
                timestampMs, timestampMs, seenCount);
            ring.commit(sequence);
        }
        return sequence;
    }

    /**
     * Publish an RFID read, waiting while the ring is full.
     *
     * @param reader       reader id.
     * @param antenna      antenna port 1..65535.
     * @param epcHigh      EPC bits 95..32.
     * @param epcLow       EPC bits 31..0.
     * @param rssiCentiDbm peak RSSI in centi-dBm.
     * @param timestampMs  last seen, epoch ms.
     * @param seenCount    reads merged, &gt;= 1.
     * @param timeout      most time to wait.
     * @param unit         of the timeout.
     * @return sequence, or {@link #TIMED_OUT} (counted as dropped) / {@link #CLOSED}.
     */
    public long publishRfidRead(
        final int reader,
        final int antenna,
        final long epcHigh,
        final int epcLow,
        final int rssiCentiDbm,
        final long timestampMs,
        final int seenCount,
        final long timeout,
        final TimeUnit unit)
    {
        final long sequence = claimBlocking(timeout, unit);
        if (sequence >= 0)
        {
            writeRfidRead(buffer, ring.offset(sequence), reader, antenna, epcHigh, epcLow, rssiCentiDbm,
                timestampMs, timestampMs, seenCount);
            ring.commit(sequence);
        }
        return sequence;
    }

    /**
     * Claim a slot, waiting while the ring is full: spin, then yield, then park with growing pauses up to 1 ms.
     *
     * @param timeout most time to wait.
     * @param unit    of the timeout.
     * @return sequence, or {@link #TIMED_OUT} (counted as dropped) / {@link #CLOSED}.
     */
    public long claimBlocking(final long timeout, final TimeUnit unit)
    {
        long sequence = ring.tryClaim();
        if (sequence >= 0 || sequence == CLOSED)
        {
            if (sequence == CLOSED)
            {
                counters.incrementShared(Counters.REFUSED_CLOSED);
            }
            return sequence;
        }
        counters.incrementShared(Counters.BACK_PRESSURED);
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        long parkNs = 1_000;
        int spins = 0;
        while (true)
        {
            if (spins < 100)
            {
                Thread.onSpinWait();
                spins++;
            }
            else if (spins < 110)
            {
                Thread.yield();
                spins++;
            }
            else
            {
                LockSupport.parkNanos(parkNs);
                parkNs = Math.min(parkNs << 1, 1_000_000);
            }
            sequence = ring.tryClaim();
            if (sequence >= 0)
            {
                return sequence;
            }
            if (sequence == CLOSED)
            {
                counters.incrementShared(Counters.REFUSED_CLOSED);
                return CLOSED;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                counters.incrementShared(Counters.DROPPED);
                return TIMED_OUT;
            }
        }
    }

    /**
     * Publish a range measurement without blocking.
     *
     * @param anchor      anchor id.
     * @param tagId       tag id.
     * @param distanceM   distance in metres.
     * @param quality     range quality 0..1.
     * @param timestampMs epoch ms.
     * @return sequence or a negative code.
     */
    public long tryPublishRanging(
        final int anchor, final long tagId, final double distanceM, final double quality, final long timestampMs)
    {
        final long sequence = tryClaim();
        if (sequence >= 0)
        {
            final RangingFlyweight flyweight = RANGING.get();
            flyweight.wrap(buffer, ring.offset(sequence)).set(anchor, tagId, distanceM, quality, timestampMs);
            ring.commit(sequence);
        }
        return sequence;
    }

    /**
     * Publish a solved position without blocking.
     *
     * @param solver      solver id.
     * @param tagId       tag id.
     * @param xM          x in metres.
     * @param yM          y in metres.
     * @param zM          z in metres.
     * @param qualityM    residual RMS in metres.
     * @param timestampMs epoch ms.
     * @return sequence or a negative code.
     */
    public long tryPublishPosition(
        final int solver,
        final long tagId,
        final double xM,
        final double yM,
        final double zM,
        final double qualityM,
        final long timestampMs)
    {
        final long sequence = tryClaim();
        if (sequence >= 0)
        {
            POSITION.get().wrap(buffer, ring.offset(sequence)).set(solver, tagId, xM, yM, zM, qualityM, timestampMs);
            ring.commit(sequence);
        }
        return sequence;
    }

    /**
     * Publish a weight or level reading without blocking.
     *
     * @param device      device id.
     * @param subjectId   subject id.
     * @param kind        kind code.
     * @param value       value.
     * @param unit        unit code.
     * @param timestampMs epoch ms.
     * @return sequence or a negative code.
     */
    public long tryPublishMeasurement(
        final int device, final long subjectId, final int kind, final double value, final int unit, final long timestampMs)
    {
        final long sequence = tryClaim();
        if (sequence >= 0)
        {
            MEASUREMENT.get().wrap(buffer, ring.offset(sequence)).set(device, subjectId, kind, value, unit, timestampMs);
            ring.commit(sequence);
        }
        return sequence;
    }

    /**
     * Publish a sensor reading without blocking.
     *
     * @param sensor      sensor id.
     * @param subjectId   subject id.
     * @param quantity    quantity code.
     * @param value       value.
     * @param unit        unit code.
     * @param timestampMs epoch ms.
     * @return sequence or a negative code.
     */
    public long tryPublishSensor(
        final int sensor,
        final long subjectId,
        final int quantity,
        final double value,
        final int unit,
        final long timestampMs)
    {
        final long sequence = tryClaim();
        if (sequence >= 0)
        {
            SENSOR.get().wrap(buffer, ring.offset(sequence)).set(sensor, subjectId, quantity, value, unit, timestampMs);
            ring.commit(sequence);
        }
        return sequence;
    }

    /**
     * Publish a host command without blocking.
     *
     * @param host        host id.
     * @param command     command code.
     * @param intArg      int argument.
     * @param arg1        argument 1.
     * @param arg2        argument 2.
     * @param arg3        argument 3.
     * @param arg4        argument 4.
     * @param timestampMs epoch ms.
     * @return sequence or a negative code.
     */
    public long tryPublishCommand(
        final int host,
        final int command,
        final int intArg,
        final long arg1,
        final long arg2,
        final long arg3,
        final long arg4,
        final long timestampMs)
    {
        final long sequence = tryClaim();
        if (sequence >= 0)
        {
            COMMAND.get().wrap(buffer, ring.offset(sequence))
                .set(host, command, intArg, arg1, arg2, arg3, arg4, timestampMs);
            ring.commit(sequence);
        }
        return sequence;
    }

    /**
     * Publish a clock tick without blocking.
     *
     * @param source      who ticks.
     * @param timestampMs time now, epoch ms.
     * @return sequence or a negative code.
     */
    public long tryPublishClockTick(final int source, final long timestampMs)
    {
        final long sequence = tryClaim();
        if (sequence >= 0)
        {
            CLOCK_TICK.get().wrap(buffer, ring.offset(sequence)).set(source, timestampMs);
            ring.commit(sequence);
        }
        return sequence;
    }

    /**
     * Publish a device link state change, waiting up to a timeout: a link change must not be lost, or tags could
     * time out while their reader is merely disconnected.
     *
     * @param reader      reader id.
     * @param up          true if the link is up.
     * @param reason      adapter-specific reason code.
     * @param timestampMs time of the change, epoch ms.
     * @param timeout     most time to wait while the ring is full.
     * @param unit        of the timeout.
     * @return sequence, or {@link #TIMED_OUT} / {@link #CLOSED}.
     */
    public long publishLinkState(
        final int reader, final boolean up, final int reason, final long timestampMs, final long timeout, final TimeUnit unit)
    {
        final long sequence = claimBlocking(timeout, unit);
        if (sequence >= 0)
        {
            LINK_STATE.get().wrap(buffer, ring.offset(sequence)).set(
                reader, up ? LinkStateFlyweight.UP : LinkStateFlyweight.DOWN, reason, timestampMs);
            ring.commit(sequence);
        }
        return sequence;
    }

    /**
     * Encode an RFID read at an offset, without a flyweight object.
     *
     * @param buffer       little-endian buffer.
     * @param offset       slot offset.
     * @param reader       reader id.
     * @param antenna      antenna port.
     * @param epcHigh      EPC bits 95..32.
     * @param epcLow       EPC bits 31..0.
     * @param rssiCentiDbm RSSI in centi-dBm.
     * @param firstSeenMs  first seen, epoch ms.
     * @param lastSeenMs   last seen (record time), epoch ms.
     * @param seenCount    reads merged.
     */
    public static void writeRfidRead(
        final ByteBuffer buffer,
        final int offset,
        final int reader,
        final int antenna,
        final long epcHigh,
        final int epcLow,
        final int rssiCentiDbm,
        final long firstSeenMs,
        final long lastSeenMs,
        final int seenCount)
    {
        buffer.putShort(offset + RecordDescriptor.TYPE_OFFSET, dev.inventory.core.record.RecordType.RFID_READ);
        buffer.putShort(offset + RecordDescriptor.FLAGS_OFFSET, (short)0);
        buffer.putInt(offset + RecordDescriptor.SOURCE_OFFSET, reader);
        buffer.putLong(offset + RecordDescriptor.TIMESTAMP_OFFSET, lastSeenMs);
        buffer.putLong(offset + RfidReadFlyweight.EPC_HIGH_OFFSET, epcHigh);
        buffer.putInt(offset + RfidReadFlyweight.EPC_LOW_OFFSET, epcLow);
        buffer.putShort(offset + RfidReadFlyweight.EPC_BIT_LENGTH_OFFSET, (short)96);
        buffer.putShort(offset + RfidReadFlyweight.ANTENNA_OFFSET, (short)antenna);
        buffer.putInt(offset + RfidReadFlyweight.RSSI_OFFSET, rssiCentiDbm);
        buffer.putInt(offset + RfidReadFlyweight.SEEN_COUNT_OFFSET, seenCount);
        buffer.putLong(offset + RfidReadFlyweight.CHANNEL_OFFSET, 0L);
        buffer.putLong(offset + RfidReadFlyweight.FIRST_SEEN_OFFSET, firstSeenMs);
        buffer.putLong(offset + RfidReadFlyweight.FIRST_SEEN_OFFSET + 8, 0L);
    }

    private static final ThreadLocal<RangingFlyweight> RANGING = ThreadLocal.withInitial(RangingFlyweight::new);
    private static final ThreadLocal<PositionFlyweight> POSITION = ThreadLocal.withInitial(PositionFlyweight::new);
    private static final ThreadLocal<MeasurementFlyweight> MEASUREMENT =
        ThreadLocal.withInitial(MeasurementFlyweight::new);
    private static final ThreadLocal<SensorFlyweight> SENSOR = ThreadLocal.withInitial(SensorFlyweight::new);
    private static final ThreadLocal<CommandFlyweight> COMMAND = ThreadLocal.withInitial(CommandFlyweight::new);
    private static final ThreadLocal<LinkStateFlyweight> LINK_STATE =
        ThreadLocal.withInitial(LinkStateFlyweight::new);
    private static final ThreadLocal<ClockTickFlyweight> CLOCK_TICK =
        ThreadLocal.withInitial(ClockTickFlyweight::new);
}
