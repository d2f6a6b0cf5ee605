package dev.inventory.core.zone;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import com.carrotsearch.hppc.LongIntHashMap;

/**
 * Zones and the antennas that look into them. Zones get dense ids {@code 0..zoneCount()-1} in the order they are
 * defined; each (reader, antenna) pair gets a dense antenna index mapped to one zone. With auto zones on, an
 * unknown antenna becomes a zone of its own named {@code <reader>.<antenna>}.
 * <p>
 * Definition ({@link #defineZone}, {@link #mapAntenna}) and {@link #resolve} are for the engine thread (or set-up
 * before start); {@link #zoneName(int)}, {@link #zoneId(String)} and {@link #zoneCount()} are threadsafe. Defining
 * and looking up a name cost O(1) (a name index; the name array grows by doubling), so modules that register many
 * zones by name (inventory-rtls site maps) do not cost O(zones^2).
 */
public final class ZoneDirectory
{
    /** No zone / unknown antenna. */
    public static final int NONE = -1;
    /** Most zones an engine handles. */
    public static final int MAX_ZONES = 1 << 16;
    /** Most antennas an engine handles. */
    public static final int MAX_ANTENNAS = 1 << 20;

    private final LongIntHashMap antennaIndexByKey = new LongIntHashMap(256);
    // direct-mapped cache in front of the map: the antennas of a site are few and hot
    private final long[] cacheKeys = new long[256];
    private final int[] cacheIndex = new int[256];
    private int[] zoneByAntenna = new int[64];
    private long[] keyByAntenna = new long[64];
    private int antennaCount;
    // names[0..zoneCount) are published: a definition writes its slot, then the count (release); readers load the
    // count (acquire), then the array, which holds at least that many names (a grown array is a copy, stored first)
    private volatile String[] zoneNames = new String[16];
    private volatile int zoneCount;
    private final ConcurrentHashMap<String, Integer> zoneIdByName = new ConcurrentHashMap<>();
    private final boolean autoZones;

    /**
     * @param autoZones create a zone for each unknown antenna instead of rejecting its reads.
     */
    public ZoneDirectory(final boolean autoZones)
    {
        this.autoZones = autoZones;
        java.util.Arrays.fill(cacheKeys, Long.MIN_VALUE); // no (reader, antenna) key is MIN_VALUE
    }

    /** @return true if unknown antennas become zones. */
    public boolean autoZones()
    {
        return autoZones;
    }

    /**
     * Define a zone, or find it if it exists.
     *
     * @param name zone name, not blank.
     * @return zone id.
     */
    public int defineZone(final String name)
    {
        if (null == name || name.isBlank())
        {
            throw new IllegalArgumentException("zone name must not be blank");
        }
        final Integer existing = zoneIdByName.get(name);
        if (null != existing)
        {
            return existing;
        }
        final int id = zoneCount;
        if (id == MAX_ZONES)
        {
            throw new IllegalStateException("too many zones: " + MAX_ZONES);
        }
        String[] names = zoneNames;
        if (id == names.length)
        {
            names = Arrays.copyOf(names, Math.min(MAX_ZONES, id * 2));
            zoneNames = names;
        }
        names[id] = name;
        zoneCount = id + 1;
        zoneIdByName.put(name, id);
        return id;
    }

    /**
     * Define several zones at once, all or none: names the directory has are those zones, the others are defined
     * in order. Not on the hot path: allocates.
     *
     * @param names zone names, not blank.
     * @param what  what the zones are, for the error message (e.g. {@code "BLE"}).
     * @return the zone id of each name, in order.
     * @throws IllegalStateException if the directory cannot take the missing names; nothing is defined then.
     */
    public int[] defineZones(final String[] names, final String what)
    {
        int missing = 0;
        for (final String name : names)
        {
            missing += zoneId(name) == NONE ? 1 : 0;
        }
        final int defined = zoneCount;
        if (missing > MAX_ZONES - defined)
        {
            throw new IllegalStateException("cannot register " + missing + " " + what +
                " zones in the engine: it has " + defined + " zones of at most " + MAX_ZONES +
                " (ZoneDirectory.MAX_ZONES)");
        }
        final int[] ids = new int[names.length];
        for (int i = 0; i < names.length; i++)
        {
            ids[i] = defineZone(names[i]);
        }
        return ids;
    }

    /**
     * Map a reader antenna into a zone.
     *
     * @param reader  reader id.
     * @param antenna antenna port, 1..65535.
     * @param zoneId  zone id from {@link #defineZone(String)}.
     * @return the antenna index.
     */
    public int mapAntenna(final int reader, final int antenna, final int zoneId)
    {
        if (antenna < 1 || antenna > 0xFFFF)
        {
            throw new IllegalArgumentException("antenna must be in 1..65535: " + antenna);
        }
        if (zoneId < 0 || zoneId >= zoneCount())
        {
            throw new IllegalArgumentException("unknown zone id: " + zoneId);
        }
        final long key = key(reader, antenna);
        final int existing = antennaIndexByKey.getOrDefault(key, NONE);
        if (existing != NONE)
        {
            zoneByAntenna[existing] = zoneId;
            return existing;
        }
        if (antennaCount == MAX_ANTENNAS)
        {
            throw new IllegalStateException("too many antennas: " + MAX_ANTENNAS);
        }
        if (antennaCount == zoneByAntenna.length)
        {
            zoneByAntenna = Arrays.copyOf(zoneByAntenna, antennaCount * 2);
            keyByAntenna = Arrays.copyOf(keyByAntenna, antennaCount * 2);
        }
        final int index = antennaCount++;
        zoneByAntenna[index] = zoneId;
        keyByAntenna[index] = key;
        antennaIndexByKey.put(key, index);
        return index;
    }

    private static long key(final int reader, final int antenna)
    {
        return ((long)reader << 16) | (antenna & 0xFFFF);
    }

    /**
     * Engine thread: the antenna index for a reader antenna, creating an auto zone if enabled.
     *
     * @param reader  reader id.
     * @param antenna antenna port.
     * @return antenna index, or {@link #NONE} if unknown and auto zones are off (or limits are reached).
     */
    public int resolve(final int reader, final int antenna)
    {
        final long key = key(reader, antenna);
        final int cacheSlot = (int)((key * 0x9E3779B97F4A7C15L) >>> 56);
        if (cacheKeys[cacheSlot] == key)
        {
            return cacheIndex[cacheSlot];
        }
        final int index = resolveSlow(reader, antenna, key);
        if (index != NONE)
        {
            cacheKeys[cacheSlot] = key;
            cacheIndex[cacheSlot] = index;
        }
        return index;
    }

    private int resolveSlow(final int reader, final int antenna, final long key)
    {
        final int index = antennaIndexByKey.getOrDefault(key, NONE);
        if (index != NONE || !autoZones)
        {
            return index;
        }
        if (antennaCount == MAX_ANTENNAS || zoneCount == MAX_ZONES)
        {
            return NONE;
        }
        return mapAntenna(reader, antenna, defineZone(reader + "." + antenna));
    }

    /**
     * @param antennaIndex from {@link #resolve(int, int)}.
     * @return its zone id.
     */
    public int zoneOfAntenna(final int antennaIndex)
    {
        return zoneByAntenna[antennaIndex];
    }

    /**
     * @param antennaIndex from {@link #resolve(int, int)}.
     * @return the reader id of the antenna.
     */
    public int readerOfAntenna(final int antennaIndex)
    {
        return (int)(keyByAntenna[antennaIndex] >> 16);
    }

    /** @return antennas known. */
    public int antennaCount()
    {
        return antennaCount;
    }

    /** @return zones defined; threadsafe. */
    public int zoneCount()
    {
        return zoneCount;
    }

    /**
     * Threadsafe.
     *
     * @param zoneId zone id.
     * @return name, or {@code null} for {@link #NONE} or an unknown id.
     */
    public String zoneName(final int zoneId)
    {
        final int count = zoneCount;
        return zoneId >= 0 && zoneId < count ? zoneNames[zoneId] : null;
    }

    /**
     * Threadsafe.
     *
     * @param name zone name.
     * @return zone id or {@link #NONE}.
     */
    public int zoneId(final String name)
    {
        final Integer id = null == name ? null : zoneIdByName.get(name);
        return null == id ? NONE : id;
    }

    /**
     * Write zones and antenna map for a snapshot.
     *
     * @param out to write to.
     * @throws IOException on failure.
     */
    public void writeTo(final DataOutput out) throws IOException
    {
        final int count = zoneCount;
        final String[] names = zoneNames;
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeUTF(names[i]);
        }
        out.writeInt(antennaCount);
        for (int i = 0; i < antennaCount; i++)
        {
            out.writeLong(keyByAntenna[i]);
            out.writeInt(zoneByAntenna[i]);
        }
    }

    /**
     * Restore from a snapshot: zones and antennas are re-created in snapshot order, so ids match.
     *
     * @param in to read from.
     * @throws IOException on failure, or if configured zones conflict with the snapshot.
     */
    public void readFrom(final DataInput in) throws IOException
    {
        final int zones = in.readInt();
        for (int i = 0; i < zones; i++)
        {
            final String name = in.readUTF();
            if (defineZone(name) != i)
            {
                throw new IOException("zone '" + name + "' has a different id in the configuration than in the snapshot");
            }
        }
        final int antennas = in.readInt();
        for (int i = 0; i < antennas; i++)
        {
            final long key = in.readLong();
            final int zone = in.readInt();
            final int index = mapAntenna((int)(key >> 16), (int)(key & 0xFFFF), zone);
            if (index != i)
            {
                throw new IOException("antenna order differs between configuration and snapshot at index " + i);
            }
        }
    }
}
