package dev.inventory.rtls.site;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.record.PositionFlyweight;
import dev.inventory.core.record.RecordType;

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
 * Events carry {@link SiteMap#zoneId(int) zone ids} in from/to zone and the tag id in the EPC high field. The state
 * machines are part of the pipeline snapshot ({@link #writeSnapshot} / {@link #readSnapshot}, zones by id), so
 * journal recovery resumes them exactly; {@link SiteMap#authorize(int, long) authorizations} are configuration and
 * are not in the snapshot.
 * <p>
 * Instances are NOT threadsafe: engine thread only.
 */
public final class ZoneTracker implements RecordExtension
{
    private static final int SNAPSHOT_MAGIC = 0x525A544B; // "RZTK"
    private static final int SNAPSHOT_VERSION = 1;
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
    private int tagCount;
    private long dropped;

    /**
     * @param map            sealed site map.
     * @param tagCapacity    most tags.
     * @param slotsPerTag    most zones a tag can be in or entering at once.
     * @param enterPositions positions inside needed to enter (&gt;= 1).
     * @param exitPositions  positions outside needed to exit (&gt;= 1).
     * @param windowMs       the positions must fall within this window.
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

    /**
     * Advance the state machines of one tag with a position.
     *
     * @param solver      source id for the events.
     * @param tagId       tag id.
     * @param timestampMs position time.
     * @param xM          x.
     * @param yM          y.
     * @param zM          z.
     * @param pipeline    to emit events to.
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
                    final int zoneId = map.zoneId(zone);
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
                pipeline.emit(RtlsEventType.ZONE_EXIT, solver, timestampMs, tagId, 0, map.zoneId(zone), -1, 0, dwellMs,
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
            pipeline.emit(RtlsEventType.DWELL_EXCEEDED, solver, timestampMs, tagId, 0, -1, map.zoneId(zone), 0, dwellMs,
                0, -1);
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
     * @param zoneId zone id ({@link SiteMap#zoneId(int)}).
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
     * Write the tags and their slots: per tag its id and the used slots (slot number, zone id, state, counts and
     * times). Layout is private to this class and versioned.
     */
    @Override
    public void writeSnapshot(final DataOutput out, final Pipeline pipeline) throws IOException
    {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
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
     * Replace this tracker's state with what {@link #writeSnapshot} wrote.
     *
     * @throws IOException if the snapshot is not a zone tracker's, or does not fit this tracker's capacities or site
     *                     map (names the tag, slot or zone id).
     */
    @Override
    public void readSnapshot(final DataInput in, final Pipeline pipeline) throws IOException
    {
        if (in.readInt() != SNAPSHOT_MAGIC)
        {
            throw new IOException("not a zone tracker snapshot");
        }
        final int version = in.readInt();
        if (version != SNAPSHOT_VERSION)
        {
            throw new IOException("unsupported zone tracker snapshot version " + version);
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
