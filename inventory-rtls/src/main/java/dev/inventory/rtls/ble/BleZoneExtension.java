package dev.inventory.rtls.ble;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.agrona.collections.Int2IntHashMap;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.record.SensorFlyweight;

/**
 * Runs a {@link BleZoneTracker} on the engine thread: BLE RSSI observations come in through the ingest ring as
 * SENSOR records and the tracker's zone decisions go out as engine events.
 * <p>
 * <b>Input.</b> A BLE advertisement heard by a receiver is a {@link RecordType#SENSOR} record with
 * {@link SensorFlyweight#QUANTITY_RSSI}: source = receiver id, subject = tag (beacon) id, value = RSSI in dBm,
 * unit = {@link SensorFlyweight#UNIT_DBM}, timestamp = when it was heard. Publish one with
 * {@link #tryPublishRssi} (or write it with {@link #writeRssi}). The core validates the timestamp and that the value
 * is finite; SENSOR records of other quantities are ignored here. Chosen over a RANGING variant because the core
 * requires a ranging distance to be &gt;= 0 and consumers read it as metres, while an RSSI is a signed dBm value;
 * SENSOR already carries a signed value with its quantity and unit, so no new record type or journal format is
 * needed.
 * <p>
 * <b>Receivers.</b> {@code receiverIds[i]} is the record source of the tracker's receiver index {@code i} (the
 * tracker's {@link BleZoneTracker.Config#receiverZones(int...)} gives its zone).
 * <p>
 * <b>Events</b> (EPC high = tag id, EPC low 0, SKU -1, zone ids = the tracker's zone ids):
 * <ul>
 * <li>{@link EventType#RTLS_BLE_ZONE_ENTER}: the tag's zone was set; from = previous zone or -1, to = zone,
 * source = receiver id of the deciding reading, RSSI = the zone's smoothed RSSI in centi-dBm.</li>
 * <li>{@link EventType#RTLS_BLE_ZONE_EXIT}: on a change, just before the enter: from = old zone, to = new zone,
 * dwell = time in the old zone, source = receiver id. On absence ({@link BleZoneTracker.Config#absentAfterMs}),
 * from {@link #onTime}: to = -1, source 0, timestamp = last reading + absence timeout.</li>
 * </ul>
 * <b>Rejections</b> are counted by reason ({@link #rejected(int)}), not emitted: unknown receiver, RSSI out of
 * -130..+20 dBm, tag capacity reached, wrong unit.
 * <p>
 * <b>Snapshots</b>: counters and the whole tracker state are part of the pipeline snapshot, so journal recovery
 * resumes zone decisions exactly.
 * <p>
 * Garbage-free per record. Instances are NOT threadsafe: engine thread only (read counters there, e.g. through an
 * engine query).
 */
public final class BleZoneExtension implements RecordExtension, BleZoneTracker.AbsenceHandler
{
    /** Rejection: the record's source is not a configured receiver. */
    public static final int REJECT_UNKNOWN_RECEIVER = 0;
    /** Rejection: RSSI outside -130..+20 dBm. */
    public static final int REJECT_BAD_RSSI = 1;
    /** Rejection: a new tag does not fit the tracker's maxTags. */
    public static final int REJECT_TAG_CAPACITY = 2;
    /** Rejection: an RSSI record whose unit is not {@link SensorFlyweight#UNIT_DBM}. */
    public static final int REJECT_BAD_UNIT = 3;
    /** Number of rejection reasons. */
    public static final int REJECT_COUNT = 4;

    private static final int SNAPSHOT_MAGIC = 0x424C4558; // "BLEX"
    private static final int SNAPSHOT_VERSION = 1;

    private final BleZoneTracker tracker;
    private final Int2IntHashMap receiverIndex;
    private final SensorFlyweight sensor = new SensorFlyweight();
    private final long[] rejected = new long[REJECT_COUNT];
    private long readings;
    private Pipeline pipeline;

    /**
     * @param tracker     a fresh tracker, owned by this extension from now on.
     * @param receiverIds record source id of each receiver index (one per tracker receiver, distinct).
     * @throws IllegalArgumentException if the ids do not match the tracker's receivers or repeat.
     */
    public BleZoneExtension(final BleZoneTracker tracker, final int... receiverIds)
    {
        if (receiverIds.length != tracker.receiverCount())
        {
            throw new IllegalArgumentException("receiverIds: " + receiverIds.length + " ids for " +
                tracker.receiverCount() + " receivers");
        }
        this.tracker = tracker;
        this.receiverIndex = new Int2IntHashMap(Math.max(8, receiverIds.length * 2), 0.65f, -1);
        for (int i = 0; i < receiverIds.length; i++)
        {
            if (receiverIndex.put(receiverIds[i], i) != -1)
            {
                throw new IllegalArgumentException("receiverIds: duplicate receiver id " + receiverIds[i]);
            }
        }
    }

    /**
     * Publish one BLE RSSI observation without blocking, encoded as described in the class comment.
     *
     * @param publisher   the engine's publisher.
     * @param receiverId  receiver (record source) id.
     * @param tagId       tag id.
     * @param rssiDbm     RSSI in dBm.
     * @param timestampMs when it was heard, epoch ms.
     * @return sequence, or {@link Publisher#BACK_PRESSURED} / {@link Publisher#CLOSED}.
     */
    public static long tryPublishRssi(
        final Publisher publisher, final int receiverId, final long tagId, final double rssiDbm, final long timestampMs)
    {
        return publisher.tryPublishSensor(
            receiverId, tagId, SensorFlyweight.QUANTITY_RSSI, rssiDbm, SensorFlyweight.UNIT_DBM, timestampMs);
    }

    /**
     * Write one BLE RSSI observation into a record slot the flyweight wraps.
     *
     * @param sensor      flyweight wrapping the slot.
     * @param receiverId  receiver (record source) id.
     * @param tagId       tag id.
     * @param rssiDbm     RSSI in dBm.
     * @param timestampMs when it was heard, epoch ms.
     * @return the flyweight.
     */
    public static SensorFlyweight writeRssi(
        final SensorFlyweight sensor,
        final int receiverId,
        final long tagId,
        final double rssiDbm,
        final long timestampMs)
    {
        return sensor.set(receiverId, tagId, SensorFlyweight.QUANTITY_RSSI, rssiDbm, SensorFlyweight.UNIT_DBM,
            timestampMs);
    }

    @Override
    public boolean onRecord(final ByteBuffer buffer, final int offset, final int type, final Pipeline pipeline)
    {
        if (type != RecordType.SENSOR)
        {
            return false;
        }
        final SensorFlyweight sensor = this.sensor.wrap(buffer, offset);
        if (sensor.quantity() != SensorFlyweight.QUANTITY_RSSI)
        {
            return false;
        }
        if (sensor.unit() != SensorFlyweight.UNIT_DBM)
        {
            rejected[REJECT_BAD_UNIT]++;
            return false;
        }
        final int receiverId = sensor.source();
        final int receiver = receiverIndex.get(receiverId);
        if (receiver < 0)
        {
            rejected[REJECT_UNKNOWN_RECEIVER]++;
            return false;
        }
        final BleZoneTracker tracker = this.tracker;
        final long tagId = sensor.subjectId();
        final long timestampMs = sensor.timestampMs();
        final int zone = tracker.onRssi(tagId, receiver, timestampMs, sensor.value());
        if (zone < 0)
        {
            rejected[zone == BleZoneTracker.BAD_RSSI ? REJECT_BAD_RSSI :
                (zone == BleZoneTracker.TAG_CAPACITY_EXCEEDED ? REJECT_TAG_CAPACITY : REJECT_UNKNOWN_RECEIVER)]++;
            return false;
        }
        readings++;
        if (tracker.lastChanged())
        {
            final int previous = tracker.lastPreviousZone();
            if (previous != BleZoneTracker.NO_ZONE)
            {
                pipeline.emit(EventType.RTLS_BLE_ZONE_EXIT, receiverId, timestampMs, tagId, 0, previous, zone, 0,
                    tracker.lastDwellMs(), 0, -1);
            }
            pipeline.emit(EventType.RTLS_BLE_ZONE_ENTER, receiverId, timestampMs, tagId, 0, previous, zone, 0, 0,
                (int)Math.round(tracker.lastZoneScoreDbm() * 100.0), -1);
        }
        return false;
    }

    @Override
    public void onTime(final long nowMs, final Pipeline pipeline)
    {
        this.pipeline = pipeline;
        tracker.onTime(nowMs, this);
    }

    /**
     * Absence from the tracker: emits {@link EventType#RTLS_BLE_ZONE_EXIT} with no new zone.
     */
    @Override
    public void onAbsent(final long tagId, final int zoneId, final long atMs, final long dwellMs)
    {
        pipeline.emit(EventType.RTLS_BLE_ZONE_EXIT, 0, atMs, tagId, 0, zoneId, -1, 0, dwellMs, 0, -1);
    }

    @Override
    public void writeSnapshot(final DataOutput out, final Pipeline pipeline) throws IOException
    {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeLong(readings);
        out.writeInt(REJECT_COUNT);
        for (int i = 0; i < REJECT_COUNT; i++)
        {
            out.writeLong(rejected[i]);
        }
        tracker.writeTo(out);
    }

    @Override
    public void readSnapshot(final DataInput in, final Pipeline pipeline) throws IOException
    {
        if (in.readInt() != SNAPSHOT_MAGIC)
        {
            throw new IOException("not a BLE zone extension snapshot");
        }
        final int version = in.readInt();
        if (version != SNAPSHOT_VERSION)
        {
            throw new IOException("unsupported BLE zone extension snapshot version " + version);
        }
        readings = in.readLong();
        final int reasons = in.readInt();
        if (reasons != REJECT_COUNT)
        {
            throw new IOException("BLE zone extension snapshot has " + reasons + " rejection reasons, expected " +
                REJECT_COUNT);
        }
        for (int i = 0; i < REJECT_COUNT; i++)
        {
            rejected[i] = in.readLong();
        }
        tracker.readFrom(in);
    }

    /** @return the tracker (engine thread only), for zone queries. */
    public BleZoneTracker tracker()
    {
        return tracker;
    }

    /** @return RSSI readings the tracker took. */
    public long readings()
    {
        return readings;
    }

    /**
     * @param reason one of the {@code REJECT_*} codes.
     * @return RSSI records rejected for it.
     */
    public long rejected(final int reason)
    {
        return rejected[reason];
    }

    /**
     * @param reason one of the {@code REJECT_*} codes.
     * @return its name, e.g. "unknown_receiver".
     */
    public static String rejectName(final int reason)
    {
        switch (reason)
        {
            case REJECT_UNKNOWN_RECEIVER: return "unknown_receiver";
            case REJECT_BAD_RSSI: return "bad_rssi";
            case REJECT_TAG_CAPACITY: return "tag_capacity";
            case REJECT_BAD_UNIT: return "bad_unit";
            default: return "reason_" + reason;
        }
    }
}
