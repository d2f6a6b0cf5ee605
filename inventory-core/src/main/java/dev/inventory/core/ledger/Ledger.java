package dev.inventory.core.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.cursors.LongIntCursor;

/**
 * The live ledger: per tag its zone, since when, first and last seen, SKU, lot, container, host status and
 * presence; per zone the count of present tags; per zone and SKU the quantity present. All per-tag state lives in
 * primitive arrays indexed by the tag handle of a {@link TagTable} (what every read touches in the ledger's region
 * of the shared {@link TagBlocks}); zone x SKU quantities in a primitive-keyed map.
 * Instances are NOT threadsafe: engine thread only (other threads query through the engine).
 */
public final class Ledger
{
    /** Presence: never seen (known only from a command). */
    public static final byte UNSEEN = 0;
    /** Presence: seen and not yet timed out. */
    public static final byte PRESENT = 1;
    /** Presence: not seen for the presence timeout; zone is the last known. */
    public static final byte MISSING = 2;

    /** Host status: none set. */
    public static final int STATUS_NONE = 0;
    /** Host status: available. */
    public static final int STATUS_AVAILABLE = 1;
    /** Host status: on quality hold. */
    public static final int STATUS_HOLD = 2;
    /** Host status: consumed. */
    public static final int STATUS_CONSUMED = 3;
    /** Host status: shipped. */
    public static final int STATUS_SHIPPED = 4;

    /** No zone. */
    public static final int NO_ZONE = -1;
    /** No SKU. */
    public static final int NO_SKU = -1;

    private final TagTable tags;
    /**
     * Longs of hot per-tag state, in the ledger's region of the {@link TagBlocks}: last seen ms; zone since ms;
     * zone id (high 32) | SKU handle (low 32); last antenna index (high 32) | presence (low 8).
     */
    public static final int HOT_LONGS = 4;
    private final long[] hot;
    private final int hotStride;
    private final int hotOffset;
    private final long[] firstSeenMs;
    private final long[] lot;
    private final long[] container;
    private final int[] status;
    private final int[] zoneCount;
    private final LongIntHashMap zoneSkuQuantity;
    private final LongIntHashMap skuHandleByKey = new LongIntHashMap(1024);
    private long[] skuKeyByHandle = new long[1024];
    private int skuCount;

    /**
     * @param tags     the tag table whose handles index this ledger.
     * @param maxZones most zones.
     * @param blocks   per-tag blocks with room for the tag table's capacity.
     * @param region   the ledger's region of the blocks ({@link #HOT_LONGS} longs).
     */
    public Ledger(final TagTable tags, final int maxZones, final TagBlocks blocks, final int region)
    {
        this.tags = tags;
        final int n = tags.capacity();
        hot = blocks.words();
        hotStride = blocks.stride();
        hotOffset = blocks.offset(region);
        for (int t = 0; t < n; t++)
        {
            hot[at(t) + 2] = ((long)NO_ZONE << 32) | (NO_SKU & 0xFFFF_FFFFL);
            hot[at(t) + 3] = ((long)-1 << 32) | UNSEEN;
        }
        firstSeenMs = new long[n];
        lot = new long[n];
        container = new long[n];
        status = new int[n];
        zoneCount = new int[maxZones];
        zoneSkuQuantity = new LongIntHashMap(Math.max(1024, n / 4));
    }

    private int at(final int tag)
    {
        return tag * hotStride + hotOffset;
    }

    /** @return the tag table. */
    public TagTable tags()
    {
        return tags;
    }

    private int hotZone(final int tag)
    {
        return (int)(hot[at(tag) + 2] >> 32);
    }

    private int hotSku(final int tag)
    {
        return (int)hot[at(tag) + 2];
    }

    private long hotZoneSinceMs(final int tag)
    {
        return hot[at(tag) + 1];
    }

    private long hotLastSeenMs(final int tag)
    {
        return hot[at(tag)];
    }

    private byte hotPresence(final int tag)
    {
        return (byte)hot[at(tag) + 3];
    }

    /**
     * @param tag handle.
     * @return index of the antenna that read the tag last, or -1.
     */
    public int lastAntenna(final int tag)
    {
        return (int)(hot[at(tag) + 3] >> 32);
    }

    /**
     * @param tag          handle.
     * @param antennaIndex index of the antenna that read the tag.
     */
    public void lastAntenna(final int tag, final int antennaIndex)
    {
        final int i = at(tag) + 3;
        hot[i] = ((long)antennaIndex << 32) | (hot[i] & 0xFFFF_FFFFL);
    }

    private void setZone(final int tag, final int z)
    {
        final int i = at(tag) + 2;
        hot[i] = ((long)z << 32) | (hot[i] & 0xFFFF_FFFFL);
    }

    private void setSku(final int tag, final int skuHandle)
    {
        final int i = at(tag) + 2;
        hot[i] = (hot[i] & 0xFFFF_FFFF_0000_0000L) | (skuHandle & 0xFFFF_FFFFL);
    }

    private void setZoneSinceMs(final int tag, final long ms)
    {
        hot[at(tag) + 1] = ms;
    }

    private void setLastSeenMs(final int tag, final long ms)
    {
        hot[at(tag)] = ms;
    }

    private void setPresence(final int tag, final byte presence)
    {
        final int i = at(tag) + 3;
        hot[i] = (hot[i] & 0xFFFF_FFFF_0000_0000L) | (presence & 0xFF);
    }

    /**
     * Reset a newly added tag's state.
     *
     * @param tag handle just added.
     */
    public void onTagAdded(final int tag)
    {
        setZone(tag, NO_ZONE);
        setZoneSinceMs(tag, 0);
        firstSeenMs[tag] = 0;
        setLastSeenMs(tag, 0);
        setSku(tag, NO_SKU);
        lot[tag] = 0;
        container[tag] = 0;
        status[tag] = STATUS_NONE;
        hot[at(tag) + 3] = ((long)-1 << 32) | UNSEEN;
    }

    /**
     * Record a sighting time (keeps the latest).
     *
     * @param tag         handle.
     * @param timestampMs read time.
     */
    public void touch(final int tag, final long timestampMs)
    {
        if (timestampMs > hotLastSeenMs(tag))
        {
            setLastSeenMs(tag, timestampMs);
        }
    }

    /**
     * A tag becomes present in a zone.
     *
     * @param tag         handle.
     * @param z           zone.
     * @param timestampMs time.
     */
    public void arrive(final int tag, final int z, final long timestampMs)
    {
        if (hotPresence(tag) == UNSEEN)
        {
            firstSeenMs[tag] = timestampMs;
        }
        setPresence(tag, PRESENT);
        setZone(tag, z);
        setZoneSinceMs(tag, timestampMs);
        setLastSeenMs(tag, Math.max(hotLastSeenMs(tag), timestampMs));
        zoneCount[z]++;
        addQuantity(z, hotSku(tag), 1);
    }

    /**
     * Move a present tag.
     *
     * @param tag         handle.
     * @param to          new zone.
     * @param timestampMs time of the move.
     * @return dwell in the old zone in ms (&gt;= 0).
     */
    public long move(final int tag, final int to, final long timestampMs)
    {
        final int from = hotZone(tag);
        final long dwellMs = Math.max(0, timestampMs - hotZoneSinceMs(tag));
        zoneCount[from]--;
        addQuantity(from, hotSku(tag), -1);
        setZone(tag, to);
        setZoneSinceMs(tag, timestampMs);
        zoneCount[to]++;
        addQuantity(to, hotSku(tag), 1);
        return dwellMs;
    }

    /**
     * A present tag goes missing; its zone stays as the last known.
     *
     * @param tag handle.
     */
    public void depart(final int tag)
    {
        if (hotPresence(tag) == PRESENT)
        {
            final int z = hotZone(tag);
            zoneCount[z]--;
            addQuantity(z, hotSku(tag), -1);
            setPresence(tag, MISSING);
        }
    }

    /**
     * Assign a SKU by key (0: none), moving the tag's quantity if present.
     *
     * @param tag    handle.
     * @param skuKey SKU key.
     */
    public void assignSku(final int tag, final long skuKey)
    {
        final int newSku = skuKey == 0 ? NO_SKU : internSku(skuKey);
        if (hotPresence(tag) == PRESENT)
        {
            addQuantity(hotZone(tag), hotSku(tag), -1);
            addQuantity(hotZone(tag), newSku, 1);
        }
        setSku(tag, newSku);
    }

    private int internSku(final long skuKey)
    {
        final int index = skuHandleByKey.indexOf(skuKey);
        if (skuHandleByKey.indexExists(index))
        {
            return skuHandleByKey.indexGet(index);
        }
        final int handle = skuCount++;
        if (handle == skuKeyByHandle.length)
        {
            skuKeyByHandle = Arrays.copyOf(skuKeyByHandle, handle * 2);
        }
        skuKeyByHandle[handle] = skuKey;
        skuHandleByKey.indexInsert(index, skuKey, handle);
        return handle;
    }

    private void addQuantity(final int z, final int skuHandle, final int delta)
    {
        if (skuHandle != NO_SKU)
        {
            final long key = ((long)z << 32) | skuHandle;
            final int quantity = zoneSkuQuantity.addTo(key, delta);
            if (quantity == 0)
            {
                zoneSkuQuantity.remove(key);
            }
        }
    }

    /**
     * @param tag    handle.
     * @param lotId  lot id (0: none).
     */
    public void lot(final int tag, final long lotId)
    {
        lot[tag] = lotId;
    }

    /**
     * @param tag         handle.
     * @param containerId container id (0: none).
     */
    public void container(final int tag, final long containerId)
    {
        container[tag] = containerId;
    }

    /**
     * @param tag    handle.
     * @param code   host status code.
     */
    public void status(final int tag, final int code)
    {
        status[tag] = code;
    }

    /**
     * Forget a tag: leaves its zone if present.
     *
     * @param tag handle.
     */
    public void retire(final int tag)
    {
        depart(tag);
        onTagAdded(tag);
    }

    /**
     * @param tag handle.
     * @return zone, or {@link #NO_ZONE}.
     */
    public int zone(final int tag)
    {
        return hotZone(tag);
    }

    /**
     * @param tag handle.
     * @return time the tag entered its zone.
     */
    public long zoneSinceMs(final int tag)
    {
        return hotZoneSinceMs(tag);
    }

    /**
     * @param tag handle.
     * @return first seen time, 0 if never.
     */
    public long firstSeenMs(final int tag)
    {
        return firstSeenMs[tag];
    }

    /**
     * @param tag handle.
     * @return last seen time, 0 if never.
     */
    public long lastSeenMs(final int tag)
    {
        return hotLastSeenMs(tag);
    }

    /**
     * @param tag handle.
     * @return presence code.
     */
    public byte presence(final int tag)
    {
        return hotPresence(tag);
    }

    /**
     * @param tag handle.
     * @return SKU handle or {@link #NO_SKU}.
     */
    public int sku(final int tag)
    {
        return hotSku(tag);
    }

    /**
     * @param tag handle.
     * @return lot id.
     */
    public long lot(final int tag)
    {
        return lot[tag];
    }

    /**
     * @param tag handle.
     * @return container id.
     */
    public long container(final int tag)
    {
        return container[tag];
    }

    /**
     * @param tag handle.
     * @return host status.
     */
    public int status(final int tag)
    {
        return status[tag];
    }

    /**
     * @param z zone id.
     * @return present tags in the zone.
     */
    public int zoneCount(final int z)
    {
        return zoneCount[z];
    }

    /**
     * @param skuHandle SKU handle.
     * @return its key, or 0.
     */
    public long skuKey(final int skuHandle)
    {
        final long[] keys = skuKeyByHandle;
        return skuHandle >= 0 && skuHandle < keys.length ? keys[skuHandle] : 0;
    }

    /**
     * @param skuKey SKU key.
     * @return handle or {@link #NO_SKU}.
     */
    public int skuHandle(final long skuKey)
    {
        return skuHandleByKey.getOrDefault(skuKey, NO_SKU);
    }

    /**
     * @param z         zone id.
     * @param skuHandle SKU handle.
     * @return quantity of the SKU present in the zone.
     */
    public int quantity(final int z, final int skuHandle)
    {
        return skuHandle == NO_SKU ? 0 : zoneSkuQuantity.getOrDefault(((long)z << 32) | skuHandle, 0);
    }

    /**
     * @param out         to write to.
     * @param handleLimit one past the highest handle in use.
     * @throws IOException on failure.
     */
    public void writeTo(final DataOutput out, final int handleLimit) throws IOException
    {
        out.writeInt(skuCount);
        for (int i = 0; i < skuCount; i++)
        {
            out.writeLong(skuKeyByHandle[i]);
        }
        for (int t = 0; t < handleLimit; t++)
        {
            out.writeInt(hotZone(t));
            out.writeLong(hotZoneSinceMs(t));
            out.writeLong(firstSeenMs[t]);
            out.writeLong(hotLastSeenMs(t));
            out.writeInt(hotSku(t));
            out.writeLong(lot[t]);
            out.writeLong(container[t]);
            out.writeInt(status[t]);
            out.writeLong(hot[at(t) + 3]);
        }
        out.writeInt(zoneCount.length);
        for (final int c : zoneCount)
        {
            out.writeInt(c);
        }
        // sorted: HPPC's iteration order differs between map instances, and equal states must give equal bytes
        final long[] keys = new long[zoneSkuQuantity.size()];
        int n = 0;
        for (final LongIntCursor c : zoneSkuQuantity)
        {
            keys[n++] = c.key;
        }
        Arrays.sort(keys);
        out.writeInt(keys.length);
        for (final long key : keys)
        {
            out.writeLong(key);
            out.writeInt(zoneSkuQuantity.get(key));
        }
    }

    /**
     * @param in          to read from.
     * @param handleLimit one past the highest handle in use.
     * @throws IOException on failure.
     */
    public void readFrom(final DataInput in, final int handleLimit) throws IOException
    {
        final int skus = in.readInt();
        for (int i = 0; i < skus; i++)
        {
            if (internSku(in.readLong()) != i)
            {
                throw new IOException("duplicate SKU key in snapshot");
            }
        }
        for (int t = 0; t < handleLimit; t++)
        {
            setZone(t, in.readInt());
            setZoneSinceMs(t, in.readLong());
            firstSeenMs[t] = in.readLong();
            setLastSeenMs(t, in.readLong());
            setSku(t, in.readInt());
            lot[t] = in.readLong();
            container[t] = in.readLong();
            status[t] = in.readInt();
            hot[at(t) + 3] = in.readLong();
        }
        final int zones = in.readInt();
        if (zones != zoneCount.length)
        {
            throw new IOException("snapshot zone table size " + zones + " != " + zoneCount.length);
        }
        for (int z = 0; z < zones; z++)
        {
            zoneCount[z] = in.readInt();
        }
        final int entries = in.readInt();
        for (int i = 0; i < entries; i++)
        {
            zoneSkuQuantity.put(in.readLong(), in.readInt());
        }
    }}
