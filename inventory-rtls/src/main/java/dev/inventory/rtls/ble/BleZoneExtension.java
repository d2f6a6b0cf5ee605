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
import dev.inventory.core.zone.ZoneDirectory;

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
 * <b>Zone ids.</b> One zone namespace per engine: every tracker zone must have a name
 * ({@link BleZoneTracker.Config#zoneName(int, String)}), and is registered by that name in the engine's
 * {@link ZoneDirectory} ({@link Pipeline#zones()}): a name the engine already has (an RFID zone of the configuration,
 * a UWB site map zone) is that zone, other names become new engine zones. Events carry the <b>engine</b> zone ids;
 * the tracker keeps its own ids ({@link BleZoneTracker#zoneOf(long)}), {@link #engineZoneId(int)} /
 * {@link #bleZoneId(int)} convert. Registration happens once, on {@link #registerZones(ZoneDirectory)} at set-up, or
 * else on the first record or time step the extension sees; it is all or nothing, and a directory that cannot take
 * the missing names fails with an {@link IllegalStateException} (no event is emitted with an unresolved zone).
 * <p>
 * <b>Events</b> (EPC high = tag id, EPC low 0, SKU -1, zone ids = engine zone ids):
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
 * <b>Snapshots</b>: counters, whether the zones were registered, and the whole tracker state (in tracker zone
 * ids) are part of the pipeline snapshot, so journal recovery resumes zone decisions exactly, with the engine ids of
 * the restored zone directory.
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
    private static final int SNAPSHOT_VERSION = 2; // 2: + zones registered flag

    private final BleZoneTracker tracker;
    private final Int2IntHashMap receiverIndex;
    private final Int2IntHashMap engineZoneByBleZone;
    private final Int2IntHashMap bleZoneByEngineZone;
    private ZoneDirectory registeredIn;
    private final SensorFlyweight sensor = new SensorFlyweight();
    private final long[] rejected = new long[REJECT_COUNT];
    private long readings;
    private Pipeline pipeline;

    /**
     * @param tracker     a fresh tracker, owned by this extension from now on; every zone named.
     * @param receiverIds record source id of each receiver index (one per tracker receiver, distinct).
     * @throws IllegalArgumentException if the ids do not match the tracker's receivers or repeat, or a zone of the
     *                                  tracker has no name.
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
        final int zones = tracker.zoneCount();
        for (int z = 0; z < zones; z++)
        {
            if (null == tracker.zoneNameAt(z))
            {
                throw new IllegalArgumentException("BLE zone " + tracker.zoneIdAt(z) + " has no name " +
                    "(BleZoneTracker.Config#zoneName): its events need an engine zone, found by name");
            }
        }
        engineZoneByBleZone = new Int2IntHashMap(Math.max(8, zones * 2), 0.65f, ZoneDirectory.NONE);
        bleZoneByEngineZone = new Int2IntHashMap(Math.max(8, zones * 2), 0.65f, BleZoneTracker.NO_ZONE);
    }

    /**
     * Register the tracker's zones, by name, in an engine's zone directory: names the directory has are those
     * zones, the others are defined in tracker zone order. Call at set-up with {@code pipeline.zones()} to get errors
     * early; otherwise the first record or time step the extension sees does it. Registering in another directory
     * replaces the registration. Not on the hot path: allocates.
     *
     * @param zones the engine's directory ({@link Pipeline#zones()}).
     * @return this.
     * @throws IllegalStateException if the directory cannot take the missing names; nothing is defined then.
     */
    public BleZoneExtension registerZones(final ZoneDirectory zones)
    {
        final BleZoneTracker tracker = this.tracker;
        final int count = tracker.zoneCount();
        final String[] names = new String[count];
        for (int z = 0; z < count; z++)
        {
            names[z] = tracker.zoneNameAt(z);
        }
        final int[] ids = zones.defineZones(names, "BLE");
        registeredIn = null;
        engineZoneByBleZone.clear();
        bleZoneByEngineZone.clear();
        for (int z = 0; z < count; z++)
        {
            engineZoneByBleZone.put(tracker.zoneIdAt(z), ids[z]);
            bleZoneByEngineZone.put(ids[z], tracker.zoneIdAt(z));
        }
        registeredIn = zones;
        return this;
    }

    // the hot path's only cost: one reference comparison
    private void ensureRegistered(final Pipeline pipeline)
    {
        final ZoneDirectory zones = pipeline.zones();
        if (zones != registeredIn)
        {
            registerZones(zones);
        }
    }

    /**
     * @param bleZoneId a tracker zone id ({@link BleZoneTracker#zoneOf(long)}).
     * @return its engine zone id, as events carry, or {@link ZoneDirectory#NONE} if unknown or not registered yet.
     */
    public int engineZoneId(final int bleZoneId)
    {
        return null == registeredIn ? ZoneDirectory.NONE : engineZoneByBleZone.get(bleZoneId);
    }

    /**
     * @param engineZoneId an engine zone id, as events carry.
     * @return the tracker's id of that zone, or {@link BleZoneTracker#NO_ZONE} if it is not a BLE zone (or not
     * registered yet).
     */
    public int bleZoneId(final int engineZoneId)
    {
        return null == registeredIn ? BleZoneTracker.NO_ZONE : bleZoneByEngineZone.get(engineZoneId);
    }

    /** @return the directory the zones are registered in, or null before registration. */
    public ZoneDirectory registeredIn()
    {
        return registeredIn;
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
        ensureRegistered(pipeline);
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
            final Int2IntHashMap engineZone = engineZoneByBleZone;
            final int previous = tracker.lastPreviousZone();
            final int to = engineZone.get(zone);
            final int from = previous == BleZoneTracker.NO_ZONE ? ZoneDirectory.NONE : engineZone.get(previous);
            if (previous != BleZoneTracker.NO_ZONE)
            {
                pipeline.emit(EventType.RTLS_BLE_ZONE_EXIT, receiverId, timestampMs, tagId, 0, from, to, 0,
                    tracker.lastDwellMs(), 0, -1);
            }
            pipeline.emit(EventType.RTLS_BLE_ZONE_ENTER, receiverId, timestampMs, tagId, 0, from, to, 0, 0,
                (int)Math.round(tracker.lastZoneScoreDbm() * 100.0), -1);
        }
        return false;
    }

    @Override
    public void onTime(final long nowMs, final Pipeline pipeline)
    {
        ensureRegistered(pipeline);
        this.pipeline = pipeline;
        tracker.onTime(nowMs, this);
    }

    /**
     * Absence from the tracker: emits {@link EventType#RTLS_BLE_ZONE_EXIT} with no new zone, from the engine id of
     * the tracker's zone.
     */
    @Override
    public void onAbsent(final long tagId, final int zoneId, final long atMs, final long dwellMs)
    {
        pipeline.emit(EventType.RTLS_BLE_ZONE_EXIT, 0, atMs, tagId, 0, engineZoneByBleZone.get(zoneId), -1, 0,
            dwellMs, 0, -1);
    }

    /**
     * Write counters, whether the zones are registered in this pipeline's directory, and the tracker's state.
     * Registers nothing: the directory is already written.
     */
    @Override
    public void writeSnapshot(final DataOutput out, final Pipeline pipeline) throws IOException
    {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeBoolean(registeredIn == pipeline.zones());
        out.writeLong(readings);
        out.writeInt(REJECT_COUNT);
        for (int i = 0; i < REJECT_COUNT; i++)
        {
            out.writeLong(rejected[i]);
        }
        tracker.writeTo(out);
    }

    /**
     * Restore what {@link #writeSnapshot} wrote, into a fresh extension. If the zones were registered when the
     * snapshot was taken, they are registered again now, in the restored directory, so the ids are the snapshot's;
     * if not, registration waits for the first record, as it did in the run that wrote the snapshot. Version 1
     * snapshots (before engine zone ids) count as not registered.
     *
     * @throws IOException if the snapshot is not this extension's, does not fit the tracker, or the zones cannot be
     *                     registered.
     */
    @Override
    public void readSnapshot(final DataInput in, final Pipeline pipeline) throws IOException
    {
        if (in.readInt() != SNAPSHOT_MAGIC)
        {
            throw new IOException("not a BLE zone extension snapshot");
        }
        final int version = in.readInt();
        if (version != SNAPSHOT_VERSION && version != 1)
        {
            throw new IOException("unsupported BLE zone extension snapshot version " + version);
        }
        registeredIn = null;
        if (version >= 2 && in.readBoolean())
        {
            try
            {
                registerZones(pipeline.zones());
            }
            catch (final IllegalStateException ex)
            {
                throw new IOException("BLE zone extension snapshot: " + ex.getMessage(), ex);
            }
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
