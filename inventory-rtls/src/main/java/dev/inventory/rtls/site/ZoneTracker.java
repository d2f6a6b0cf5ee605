package dev.inventory.rtls.site;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Long2LongHashMap;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.record.PositionFlyweight;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.zone.ZoneDirectory;

/**
 * Per (tag, zone) state machines driven by POSITION records on the engine thread, emitting
 * {@link RtlsEventType} events through {@link Pipeline#emit}. Install with {@code pipeline.extension(tracker)}.
 * <ul>
 * <li>Enter: {@code enterPositions} positions {@link SiteMap#INSIDE} within {@code windowMs} of the first; an
 * OUTSIDE position cancels a pending entry, a {@link SiteMap#BAND} one neither counts nor cancels.</li>
 * <li>Exit: {@code exitPositions} positions OUTSIDE within {@code windowMs}; an INSIDE one cancels it. There is no
 * exit without an enter: only entered zones can be left.</li>
 * <li>Dwell exceeded: once per visit, checked on each position of the tag (record time, so replays agree).</li>
 * <li>Restricted entry: with the enter, when the zone is restricted and the tag not authorized.</li>
 * </ul>
 * Each tag has {@code slotsPerTag} slots for zones it is in or entering; state is in preallocated arrays and the
 * tag map is presized: garbage-free up to {@code tagCapacity} tags. Positions of tags beyond capacity, or entries
 * beyond the slots, are counted in {@link #dropped()}.
 * <p>
 * <b>Zone ids.</b> One zone namespace per engine: the site map's zones are zones of the engine's
 * {@link ZoneDirectory} ({@link Pipeline#zones()}), registered <i>by name</i>. A name the engine already has (an RFID
 * zone of the configuration, or a BLE room) is that zone; other names become new engine zones. Events carry the
 * <b>engine</b> zone ids in from/to zone (what every sink resolves with {@code zoneName}), never the site map's ids;
 * {@link #engineZoneId(int)} / {@link #siteZoneId(int)} convert. The site map ids stay the user's ids: the tracker
 * works with them internally, {@link #isInside(long, int)} takes one, the snapshot stores them.
 * Registration happens once, on {@link #registerZones(ZoneDirectory)} at set-up, or else on the first record or
 * time step the tracker sees (before any zone the record itself could create, so a journal replay gives the same
 * ids); afterwards the hot path only compares the pipeline's directory with the registered one. It is all or
 * nothing: a directory that cannot take the missing names ({@link ZoneDirectory#MAX_ZONES}) fails with an
 * {@link IllegalStateException} and no event is emitted with an unresolved zone.
 * <p>
 * The tag id is in the EPC high field. The state machines are part of the pipeline snapshot
 * ({@link #writeSnapshot} / {@link #readSnapshot}, zones by site map id, and whether the zones were registered in the
 * snapshot's directory), so journal recovery resumes them exactly with the same engine ids (the directory is part of
 * the pipeline snapshot); {@link SiteMap#authorize(int, long) authorizations} are configuration and are not in the
 * snapshot.
 * <p>
 * Instances are NOT threadsafe: engine thread only.
 */
public final class ZoneTracker implements RecordExtension
{
    private static final int SNAPSHOT_MAGIC = 0x525A544B; // "RZTK"
    private static final int SNAPSHOT_VERSION = 2; // 2: + zones registered flag
    private static final int FREE = 0;
    private static final int PENDING = 1;
    private static final int ENTERED = 2;

    private final SiteMap map;
    private final int tagCapacity;
    private final int slots;
    private final int enterPositions;
    private final int exitPositions;
    private final long windowMs;
    private final Long2LongHashMap handles;
    private final long[] tagIds;
    private final int[] slotZone;
    private final byte[] slotState;
    private final int[] slotCount;
    private final long[] slotFirstMs;
    private final long[] slotEnterMs;
    private final boolean[] slotDwellFired;
    private final int[] candidates;
    private final PositionFlyweight position = new PositionFlyweight();
    private final int[] engineZone; // by site map zone index
    private final Int2IntHashMap siteIdByEngineZone;
    private ZoneDirectory registeredIn;
    private int tagCount;
    private long dropped;

    /**
     * @param map            sealed site map.
     * @param tagCapacity    most tags.
     * @param slotsPerTag    most zones a tag can be in or entering at once.
     * @param enterPositions positions inside needed to enter (&gt;= 1).
     * @param exitPositions  positions outside needed to exit (&gt;= 1).
     * @param windowMs       the positions must fall within this window.
     * @throws IllegalArgumentException on a bad setting.
     */
    public ZoneTracker(
        final SiteMap map,
        final int tagCapacity,
        final int slotsPerTag,
        final int enterPositions,
        final int exitPositions,
        final long windowMs)
    {
        if (tagCapacity < 1 || slotsPerTag < 1 || enterPositions < 1 || exitPositions < 1 || windowMs < 0)
        {
            throw new IllegalArgumentException("invalid zone tracker settings");
        }
        this.map = map;
        this.tagCapacity = tagCapacity;
        this.slots = slotsPerTag;
        this.enterPositions = enterPositions;
        this.exitPositions = exitPositions;
        this.windowMs = windowMs;
        this.handles = new Long2LongHashMap(tagCapacity * 2, 0.65f, -1L);
        this.tagIds = new long[tagCapacity];
        final int total = tagCapacity * slotsPerTag;
        slotZone = new int[total];
        slotState = new byte[total];
        slotCount = new int[total];
        slotFirstMs = new long[total];
        slotEnterMs = new long[total];
        slotDwellFired = new boolean[total];
        candidates = new int[Math.max(1, map.zoneCount())];
        final int zones = map.zoneCount();
        if (zones > ZoneDirectory.MAX_ZONES)
        {
            throw new IllegalArgumentException("site map has " + zones + " zones, an engine takes at most " +
                ZoneDirectory.MAX_ZONES);
        }
        engineZone = new int[zones];
        Arrays.fill(engineZone, ZoneDirectory.NONE);
        siteIdByEngineZone = new Int2IntHashMap(Math.max(8, zones * 2), 0.65f, ZoneDirectory.NONE);
    }

    /**
     * Register the site map's zones, by name, in an engine's zone directory: names the directory has are those
     * zones, the others are defined in site map order. Call at set-up with {@code pipeline.zones()} to get errors
     * early; otherwise the first record or time step the tracker sees does it. Registering in another directory
     * replaces the registration (a tracker moved to a fresh pipeline). Not on the hot path: allocates.
     *
     * @param zones the engine's directory ({@link Pipeline#zones()}).
     * @return this.
     * @throws IllegalStateException if the directory cannot take the missing names; nothing is defined then.
     */
    public ZoneTracker registerZones(final ZoneDirectory zones)
    {
        final SiteMap map = this.map;
        final int count = map.zoneCount();
        final String[] names = new String[count];
        for (int zone = 0; zone < count; zone++)
        {
            names[zone] = map.name(zone);
        }
        final int[] ids = zones.defineZones(names, "site map");
        registeredIn = null;
        siteIdByEngineZone.clear();
        for (int zone = 0; zone < count; zone++)
        {
            engineZone[zone] = ids[zone];
            siteIdByEngineZone.put(ids[zone], map.zoneId(zone));
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
     * @param siteZoneId a zone id of the site map ({@link SiteMap#zoneId(int)}, the file's {@code zone_id}).
     * @return its engine zone id, as events carry, or {@link ZoneDirectory#NONE} if unknown or not registered yet.
     */
    public int engineZoneId(final int siteZoneId)
    {
        final int zone = map.indexOf(siteZoneId);
        return zone < 0 || null == registeredIn ? ZoneDirectory.NONE : engineZone[zone];
    }

    /**
     * @param engineZoneId an engine zone id, as events carry.
     * @return the site map's id of that zone, or -1 if it is not a zone of the site map (or not registered yet).
     */
    public int siteZoneId(final int engineZoneId)
    {
        return null == registeredIn ? -1 : siteIdByEngineZone.get(engineZoneId);
    }

    /** @return the directory the zones are registered in, or null before registration. */
    public ZoneDirectory registeredIn()
    {
        return registeredIn;
    }

    @Override
    public boolean onRecord(final ByteBuffer buffer, final int offset, final int type, final Pipeline pipeline)
    {
        if (type == RecordType.POSITION)
        {
            final PositionFlyweight p = position.wrap(buffer, offset);
            onPosition(p.source(), p.tagId(), p.timestampMs(), p.xM(), p.yM(), p.zM(), pipeline);
        }
        return false;
    }

    /** Registers the zones on the first time step, before the first record's own stages run. */
    @Override
    public void onTime(final long nowMs, final Pipeline pipeline)
    {
        ensureRegistered(pipeline);
    }

    /**
     * Advance the state machines of one tag with a position.
     *
     * @param solver      source id for the events.
     * @param tagId       tag id.
     * @param timestampMs position time.
     * @param xM          x.
     * @param yM          y.
     * @param zM          z.
     * @param pipeline    to emit events to (zones are registered in its directory first if needed).
     */
    public void onPosition(
        final int solver,
        final long tagId,
        final long timestampMs,
        final double xM,
        final double yM,
        final double zM,
        final Pipeline pipeline)
    {
        ensureRegistered(pipeline);
        long handle = handles.get(tagId);
        if (handle < 0)
        {
            if (tagCount == tagCapacity)
            {
                dropped++;
                return;
            }
            handle = tagCount++;
            handles.put(tagId, handle);
            tagIds[(int)handle] = tagId;
        }
        final int base = (int)handle * slots;
        final SiteMap map = this.map;
        final int[] candidates = this.candidates;
        final int n = map.candidates(xM, yM, candidates);

        for (int s = base; s < base + slots; s++)
        {
            if (slotState[s] == FREE)
            {
                continue;
            }
            final int zone = slotZone[s];
            int where = SiteMap.OUTSIDE;
            for (int c = 0; c < n; c++)
            {
                if (candidates[c] == zone)
                {
                    where = map.classify(zone, xM, yM, zM);
                    candidates[c] = -1; // handled
                    break;
                }
            }
            step(s, zone, where, solver, tagId, timestampMs, pipeline);
        }
        for (int c = 0; c < n; c++)
        {
            final int zone = candidates[c];
            if (zone < 0 || map.classify(zone, xM, yM, zM) != SiteMap.INSIDE)
            {
                continue;
            }
            int free = -1;
            for (int s = base; s < base + slots; s++)
            {
                if (slotState[s] == FREE)
                {
                    free = s;
                    break;
                }
            }
            if (free < 0)
            {
                dropped++;
                continue;
            }
            slotZone[free] = zone;
            slotState[free] = PENDING;
            slotCount[free] = 0;
            slotFirstMs[free] = timestampMs;
            step(free, zone, SiteMap.INSIDE, solver, tagId, timestampMs, pipeline);
        }
    }

    private void step(
        final int s,
        final int zone,
        final int where,
        final int solver,
        final long tagId,
        final long timestampMs,
        final Pipeline pipeline)
    {
        if (slotState[s] == PENDING)
        {
            if (where == SiteMap.OUTSIDE)
            {
                slotState[s] = FREE;
            }
            else if (where == SiteMap.INSIDE)
            {
                if (timestampMs - slotFirstMs[s] > windowMs)
                {
                    slotCount[s] = 0;
                    slotFirstMs[s] = timestampMs;
                }
                if (++slotCount[s] >= enterPositions)
                {
                    slotState[s] = ENTERED;
                    slotCount[s] = 0;
                    slotEnterMs[s] = timestampMs;
                    slotDwellFired[s] = false;
                    final int zoneId = engineZone[zone];
                    pipeline.emit(RtlsEventType.ZONE_ENTER, solver, timestampMs, tagId, 0, -1, zoneId, 0, 0, 0, -1);
                    if (map.isUnauthorized(zone, tagId))
                    {
                        pipeline.emit(RtlsEventType.RESTRICTED_ENTRY, solver, timestampMs, tagId, 0, -1, zoneId, 0, 0,
                            0, -1);
                    }
                }
            }
            return;
        }
        // ENTERED
        final long dwellMs = timestampMs - slotEnterMs[s];
        if (where == SiteMap.OUTSIDE)
        {
            if (slotCount[s] == 0 || timestampMs - slotFirstMs[s] > windowMs)
            {
                slotCount[s] = 0;
                slotFirstMs[s] = timestampMs;
            }
            if (++slotCount[s] >= exitPositions)
            {
                slotState[s] = FREE;
                pipeline.emit(RtlsEventType.ZONE_EXIT, solver, timestampMs, tagId, 0, engineZone[zone], -1, 0, dwellMs,
                    0, -1);
                return;
            }
        }
        else if (where == SiteMap.INSIDE)
        {
            slotCount[s] = 0;
        }
        final long limitMs = map.dwellLimitMs(zone);
        if (limitMs > 0 && !slotDwellFired[s] && dwellMs > limitMs)
        {
            slotDwellFired[s] = true;
            pipeline.emit(RtlsEventType.DWELL_EXCEEDED, solver, timestampMs, tagId, 0, -1, engineZone[zone], 0,
                dwellMs, 0, -1);
        }
    }

    /** @return positions or entries dropped for lack of tag capacity or slots. */
    public long dropped()
    {
        return dropped;
    }

    /** @return distinct tags tracked. */
    public int tagCount()
    {
        return tagCount;
    }

    /**
     * @param tagId  tag id.
     * @param zoneId site map zone id ({@link SiteMap#zoneId(int)}; {@link #siteZoneId(int)} of an event's zone).
     * @return true if the tag has entered the zone and not left it.
     */
    public boolean isInside(final long tagId, final int zoneId)
    {
        final long handle = handles.get(tagId);
        final int zone = map.indexOf(zoneId);
        if (handle < 0 || zone < 0)
        {
            return false;
        }
        final int base = (int)handle * slots;
        for (int s = base; s < base + slots; s++)
        {
            if (slotState[s] == ENTERED && slotZone[s] == zone)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Write whether the zones are registered in this pipeline's directory, and the tags and their slots: per tag its
     * id and the used slots (slot number, site map zone id, state, counts and times). Layout is private to this
     * class and versioned. Registers nothing: the directory is already written.
     */
    @Override
    public void writeSnapshot(final DataOutput out, final Pipeline pipeline) throws IOException
    {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeBoolean(registeredIn == pipeline.zones());
        out.writeInt(tagCount);
        out.writeLong(dropped);
        for (int h = 0; h < tagCount; h++)
        {
            out.writeLong(tagIds[h]);
            final int base = h * slots;
            int used = 0;
            for (int s = base; s < base + slots; s++)
            {
                used += slotState[s] != FREE ? 1 : 0;
            }
            out.writeInt(used);
            for (int s = base; s < base + slots; s++)
            {
                if (slotState[s] != FREE)
                {
                    out.writeInt(s - base);
                    out.writeInt(map.zoneId(slotZone[s]));
                    out.writeByte(slotState[s]);
                    out.writeInt(slotCount[s]);
                    out.writeLong(slotFirstMs[s]);
                    out.writeLong(slotEnterMs[s]);
                    out.writeBoolean(slotDwellFired[s]);
                }
            }
        }
    }

    /**
     * Replace this tracker's state with what {@link #writeSnapshot} wrote. If the zones were registered when the
     * snapshot was taken, they are registered again now, in the restored directory, so the ids are the snapshot's
     * (a zone the site map gained since is defined after them); if not, registration waits for the first record, as
     * it did in the run that wrote the snapshot. Version 1 snapshots (before engine zone ids) count as not
     * registered.
     *
     * @throws IOException if the snapshot is not a zone tracker's, does not fit this tracker's capacities or site
     *                     map (names the tag, slot or zone id), or the zones cannot be registered.
     */
    @Override
    public void readSnapshot(final DataInput in, final Pipeline pipeline) throws IOException
    {
        if (in.readInt() != SNAPSHOT_MAGIC)
        {
            throw new IOException("not a zone tracker snapshot");
        }
        final int version = in.readInt();
        if (version != SNAPSHOT_VERSION && version != 1)
        {
            throw new IOException("unsupported zone tracker snapshot version " + version);
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
                throw new IOException("zone tracker snapshot: " + ex.getMessage(), ex);
            }
        }
        final int tags = in.readInt();
        if (tags < 0 || tags > tagCapacity)
        {
            throw new IOException("zone tracker snapshot has " + tags + " tags, capacity is " + tagCapacity);
        }
        Arrays.fill(slotState, 0, tagCount * slots, (byte)FREE);
        handles.clear();
        tagCount = 0;
        dropped = in.readLong();
        for (int h = 0; h < tags; h++)
        {
            final long tagId = in.readLong();
            if (handles.put(tagId, h) != -1L)
            {
                throw new IOException("zone tracker snapshot: tag " + tagId + " twice");
            }
            tagIds[h] = tagId;
            tagCount = h + 1;
            final int used = in.readInt();
            if (used < 0 || used > slots)
            {
                throw new IOException("zone tracker snapshot: tag " + tagId + " uses " + used + " slots, " + slots +
                    " configured");
            }
            for (int i = 0; i < used; i++)
            {
                final int slot = in.readInt();
                final int zoneId = in.readInt();
                final byte state = in.readByte();
                final int zone = map.indexOf(zoneId);
                if (slot < 0 || slot >= slots || slotState[h * slots + slot] != FREE)
                {
                    throw new IOException("zone tracker snapshot: tag " + tagId + " slot " + slot +
                        " is out of range or repeated (slotsPerTag " + slots + ")");
                }
                if (zone < 0)
                {
                    throw new IOException("zone tracker snapshot: zone id " + zoneId + " is not in the site map");
                }
                if (state != PENDING && state != ENTERED)
                {
                    throw new IOException("zone tracker snapshot: bad slot state " + state);
                }
                final int s = h * slots + slot;
                slotZone[s] = zone;
                slotState[s] = state;
                slotCount[s] = in.readInt();
                slotFirstMs[s] = in.readLong();
                slotEnterMs[s] = in.readLong();
                slotDwellFired[s] = in.readBoolean();
            }
        }
    }
}
