package dev.inventory.rtls.ble;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Zone of BLE tags by strongest receiver, with hysteresis so that a tag between two rooms does not flap.
 * <ol>
 * <li>Smoothing per (tag, receiver): exponential moving average of the RSSI in dB,
 * {@code s += alpha (rssi - s)} per reading ({@link Config#smoothingAlpha(double)}); a receiver not heard for
 * {@link Config#staleAfterMs(long)} restarts from the next raw reading and does not compete meanwhile.</li>
 * <li>Zone score: the strongest smoothed RSSI among the zone's fresh receivers (receivers map to zones,
 * several receivers may share a zone).</li>
 * <li>Hysteresis: the tag stays in its incumbent zone until a challenger zone scores at least
 * {@link Config#marginDb(double)} above it continuously for {@link Config#holdMs(long)} (measured on reading
 * timestamps); a challenger that drops below the margin loses its claim. If none of the incumbent's receivers is
 * fresh, the best zone takes over at once. The first reading of a tag places it in the best zone.</li>
 * <li>Absence (optional, {@link Config#absentAfterMs(long)}): {@link #onTime(long, AbsenceHandler)} takes the zone
 * from tags no receiver has heard for that long; their next reading places them again. Tags are kept in order of
 * their last reading, so a time step costs O(1) plus the tags it expires (readings that arrive out of time order
 * can delay another tag's expiry by as much as they are late).</li>
 * </ol>
 * Zones are ids of the caller's choosing; they may be named ({@link Config#zoneName(int, String)}), which the tracker
 * does not use itself: {@link BleZoneExtension} needs the names to register the zones in an engine's zone directory.
 * Time comes from the readings ({@code timestampMs}), so replays are deterministic. Per-tag state lives in
 * preallocated primitive arrays (open-addressing tag table, sized for {@link Config#maxTags(int)}): no allocation
 * per reading. Tags are never evicted (an absent tag keeps its slot). The whole state can be saved and restored
 * ({@link #writeTo(DataOutput)} / {@link #readFrom(DataInput)}).
 * <p>
 * Instances are NOT threadsafe: one thread feeds and reads a tracker.
 */
public final class BleZoneTracker
{
    /** No zone yet (tag unknown). */
    public static final int NO_ZONE = -1;
    /** The receiver index is outside 0..receiverCount-1. */
    public static final int UNKNOWN_RECEIVER = -2;
    /** A new tag does not fit: {@link Config#maxTags(int)} reached. */
    public static final int TAG_CAPACITY_EXCEEDED = -3;
    /** The RSSI is not finite or outside -130..+20 dBm. */
    public static final int BAD_RSSI = -4;

    /**
     * Told about tags that lost their zone for absence, from {@link #onTime(long, AbsenceHandler)}.
     */
    @FunctionalInterface
    public interface AbsenceHandler
    {
        /**
         * @param tagId   tag id.
         * @param zoneId  the zone it had.
         * @param atMs    when it became absent: its last reading + {@link Config#absentAfterMs(long)}.
         * @param dwellMs time in the zone up to {@code atMs}.
         */
        void onAbsent(long tagId, int zoneId, long atMs, long dwellMs);
    }

    /**
     * Tracker settings, validated by {@link #conclude()}. Instances are NOT threadsafe.
     */
    public static final class Config
    {
        private int maxTags = 1024;
        private int[] receiverZones;
        private final Map<Integer, String> zoneNames = new LinkedHashMap<>();
        private double smoothingAlpha = 0.15;
        private long staleAfterMs = 5_000;
        private double marginDb = 6.0;
        private long holdMs = 3_000;
        private long absentAfterMs;
        private PathLossModel pathLoss = new PathLossModel(-59.0, 2.0);

        /**
         * @param maxTags most distinct tags (default 1024).
         * @return this.
         */
        public Config maxTags(final int maxTags)
        {
            this.maxTags = maxTags;
            return this;
        }

        /**
         * @param receiverZones zone id (&gt;= 0) of each receiver, indexed by receiver index (copied; required).
         * @return this.
         */
        public Config receiverZones(final int... receiverZones)
        {
            this.receiverZones = receiverZones == null ? null : receiverZones.clone();
            return this;
        }

        /**
         * Name a zone. The tracker itself works with zone ids; names are what {@link BleZoneExtension} registers in
         * the engine's zone directory (a name is one engine zone, so an RFID or UWB zone of the same name is the same
         * zone), and it requires one for every zone.
         *
         * @param zoneId zone id, one of {@link #receiverZones(int...)}.
         * @param name   zone name, not blank, distinct per zone.
         * @return this.
         */
        public Config zoneName(final int zoneId, final String name)
        {
            zoneNames.put(zoneId, name);
            return this;
        }

        /**
         * @param smoothingAlpha EMA weight of a new reading, in (0, 1] (default 0.15; 1 = no smoothing).
         * @return this.
         */
        public Config smoothingAlpha(final double smoothingAlpha)
        {
            this.smoothingAlpha = smoothingAlpha;
            return this;
        }

        /**
         * @param staleAfterMs a receiver not heard for longer than this stops competing (default 5000 ms).
         * @return this.
         */
        public Config staleAfterMs(final long staleAfterMs)
        {
            this.staleAfterMs = staleAfterMs;
            return this;
        }

        /**
         * @param marginDb how many dB a challenger zone must beat the incumbent by (default 6; 0 with hold 0 = plain
         *                 strongest receiver).
         * @return this.
         */
        public Config marginDb(final double marginDb)
        {
            this.marginDb = marginDb;
            return this;
        }

        /**
         * @param holdMs how long a challenger must keep its margin before the zone changes (default 3000 ms).
         * @return this.
         */
        public Config holdMs(final long holdMs)
        {
            this.holdMs = holdMs;
            return this;
        }

        /**
         * @param absentAfterMs a tag no receiver heard for this long loses its zone on
         *                      {@link BleZoneTracker#onTime(long, AbsenceHandler)} (default 0: never).
         * @return this.
         */
        public Config absentAfterMs(final long absentAfterMs)
        {
            this.absentAfterMs = absentAfterMs;
            return this;
        }

        /**
         * @param pathLoss model for {@link BleZoneTracker#distanceM(long, int)} (default P0 -59 dBm, n 2.0).
         * @return this.
         */
        public Config pathLoss(final PathLossModel pathLoss)
        {
            this.pathLoss = pathLoss;
            return this;
        }

        /**
         * Validate.
         *
         * @return this.
         * @throws IllegalArgumentException naming the bad field.
         */
        public Config conclude()
        {
            require(maxTags >= 1 && maxTags <= 1 << 24, "maxTags", maxTags);
            require(receiverZones != null && receiverZones.length >= 1, "receiverZones", 0);
            for (final int zone : receiverZones)
            {
                require(zone >= 0, "receiverZones", zone);
            }
            final Map<String, Integer> names = new HashMap<>();
            for (final Map.Entry<Integer, String> entry : zoneNames.entrySet())
            {
                final int zoneId = entry.getKey();
                final String name = entry.getValue();
                if (!contains(receiverZones, zoneId))
                {
                    throw new IllegalArgumentException("invalid zoneName: zone " + zoneId + " has no receiver");
                }
                if (null == name || name.isBlank())
                {
                    throw new IllegalArgumentException("invalid zoneName: zone " + zoneId + " has a blank name");
                }
                final Integer other = names.putIfAbsent(name, zoneId);
                if (null != other)
                {
                    throw new IllegalArgumentException("invalid zoneName: zones " + other + " and " + zoneId +
                        " are both named '" + name + "'");
                }
            }
            require(smoothingAlpha > 0 && smoothingAlpha <= 1, "smoothingAlpha", smoothingAlpha);
            require(staleAfterMs > 0, "staleAfterMs", staleAfterMs);
            require(marginDb >= 0 && Double.isFinite(marginDb), "marginDb", marginDb);
            require(holdMs >= 0, "holdMs", holdMs);
            require(absentAfterMs >= 0 && absentAfterMs <= MAX_ABSENT_AFTER_MS, "absentAfterMs", absentAfterMs);
            require(pathLoss != null, "pathLoss", 0);
            return this;
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

        private static void require(final boolean ok, final String field, final double value)
        {
            if (!ok)
            {
                throw new IllegalArgumentException("invalid " + field + ": " + value);
            }
        }
    }

    private static final long EMPTY_KEY = Long.MIN_VALUE;
    private static final long NEVER = Long.MIN_VALUE;
    private static final long MAX_ABSENT_AFTER_MS = 1L << 40; // ~35 years
    private static final int NONE = -1;
    private static final int SNAPSHOT_MAGIC = 0x424C455A; // "BLEZ"
    private static final int SNAPSHOT_VERSION = 1;

    private final int receiverCount;
    private final int zoneCount;
    private final int[] receiverZoneIndex;
    private final int[] zoneIds;
    private final String[] zoneNames;
    private final double alpha;
    private final long staleAfterMs;
    private final double marginDb;
    private final long holdMs;
    private final long absentAfterMs;
    private final PathLossModel pathLoss;

    private final long[] keys;
    private final int[] slotOfKey;
    private final int mask;
    private final int maxTags;
    private int tags;
    private boolean emptyKeyUsed;
    private int emptyKeySlot;

    private final double[] smoothedDbm;
    private final long[] lastMs;
    private final int[] incumbent;
    private final int[] challenger;
    private final long[] challengerSinceMs;
    private final long[] slotTag;
    private final long[] zoneSinceMs;
    private final long[] lastHeardMs;
    // tags in order of their last reading (doubly linked by slot), for absence expiry
    private final int[] olderSlot;
    private final int[] newerSlot;
    private int oldestSlot = NONE;
    private int newestSlot = NONE;
    private final double[] zoneScore;

    private boolean lastChanged;
    private int lastPreviousZone = NO_ZONE;
    private long lastDwellMs;
    private double lastZoneScoreDbm = Double.NaN;
    private long zoneChanges;
    private long absences;

    /**
     * @param config settings, validated here.
     */
    public BleZoneTracker(final Config config)
    {
        config.conclude();
        final int[] zones = config.receiverZones;
        receiverCount = zones.length;
        receiverZoneIndex = new int[receiverCount];
        final int[] ids = new int[receiverCount];
        int distinct = 0;
        for (int r = 0; r < receiverCount; r++)
        {
            int z = 0;
            while (z < distinct && ids[z] != zones[r])
            {
                z++;
            }
            if (z == distinct)
            {
                ids[distinct++] = zones[r];
            }
            receiverZoneIndex[r] = z;
        }
        zoneCount = distinct;
        zoneIds = Arrays.copyOf(ids, distinct);
        zoneNames = new String[distinct];
        for (int z = 0; z < distinct; z++)
        {
            zoneNames[z] = config.zoneNames.get(zoneIds[z]);
        }
        alpha = config.smoothingAlpha;
        staleAfterMs = config.staleAfterMs;
        marginDb = config.marginDb;
        holdMs = config.holdMs;
        absentAfterMs = config.absentAfterMs;
        pathLoss = config.pathLoss;
        maxTags = config.maxTags;
        final int tableSize = Integer.highestOneBit(Math.max(2, maxTags * 2 - 1)) << 1; // load <= 0.5
        keys = new long[tableSize];
        Arrays.fill(keys, EMPTY_KEY);
        slotOfKey = new int[tableSize];
        mask = tableSize - 1;
        smoothedDbm = new double[maxTags * receiverCount];
        lastMs = new long[maxTags * receiverCount];
        Arrays.fill(lastMs, NEVER);
        incumbent = new int[maxTags];
        challenger = new int[maxTags];
        challengerSinceMs = new long[maxTags];
        slotTag = new long[maxTags];
        zoneSinceMs = new long[maxTags];
        lastHeardMs = new long[maxTags];
        olderSlot = new int[maxTags];
        newerSlot = new int[maxTags];
        zoneScore = new double[zoneCount];
    }

    /**
     * Feed one reading.
     *
     * @param tagId       tag id (any long).
     * @param receiver    receiver index, 0..receiverCount-1.
     * @param timestampMs reading time in epoch milliseconds (from the record).
     * @param rssiDbm     RSSI in dBm.
     * @return the tag's zone id after this reading (&gt;= 0), or {@link #UNKNOWN_RECEIVER},
     * {@link #TAG_CAPACITY_EXCEEDED}, {@link #BAD_RSSI} (the reading is then ignored).
     * {@link #lastChanged()} tells whether this reading changed the zone; then {@link #lastPreviousZone()} and
     * {@link #lastDwellMs()} describe the zone left.
     */
    public int onRssi(final long tagId, final int receiver, final long timestampMs, final double rssiDbm)
    {
        lastChanged = false;
        lastPreviousZone = NO_ZONE;
        lastDwellMs = 0;
        if (receiver < 0 || receiver >= receiverCount)
        {
            return UNKNOWN_RECEIVER;
        }
        if (!(rssiDbm >= -130.0 && rssiDbm <= 20.0))
        {
            return BAD_RSSI;
        }
        final int slot = slotFor(tagId, true);
        if (slot < 0)
        {
            return TAG_CAPACITY_EXCEEDED;
        }
        final int receiverCount = this.receiverCount;
        final int base = slot * receiverCount;
        final double[] smoothedDbm = this.smoothedDbm;
        final long[] lastMs = this.lastMs;
        final int k = base + receiver;
        final long last = lastMs[k];
        if (last == NEVER || timestampMs - last > staleAfterMs)
        {
            smoothedDbm[k] = rssiDbm;
        }
        else
        {
            smoothedDbm[k] += alpha * (rssiDbm - smoothedDbm[k]);
        }
        if (last == NEVER || timestampMs > last)
        {
            lastMs[k] = timestampMs;
        }
        if (timestampMs > lastHeardMs[slot])
        {
            lastHeardMs[slot] = timestampMs;
        }
        touch(slot);

        final double[] score = this.zoneScore;
        for (int z = 0; z < zoneCount; z++)
        {
            score[z] = Double.NEGATIVE_INFINITY;
        }
        for (int r = 0; r < receiverCount; r++)
        {
            final long seen = lastMs[base + r];
            if (seen != NEVER && timestampMs - seen <= staleAfterMs)
            {
                final int z = receiverZoneIndex[r];
                score[z] = Math.max(score[z], smoothedDbm[base + r]);
            }
        }
        final int current = incumbent[slot];
        int best = current;
        double bestDbm = current >= 0 ? score[current] : Double.NEGATIVE_INFINITY;
        for (int z = 0; z < zoneCount; z++)
        {
            if (score[z] > bestDbm)
            {
                best = z;
                bestDbm = score[z];
            }
        }
        if (current < 0 || score[current] == Double.NEGATIVE_INFINITY)
        {
            switchTo(slot, best, timestampMs);
        }
        else if (best == current || bestDbm < score[current] + marginDb)
        {
            challenger[slot] = -1;
        }
        else
        {
            if (challenger[slot] != best)
            {
                challenger[slot] = best;
                challengerSinceMs[slot] = timestampMs;
            }
            if (timestampMs - challengerSinceMs[slot] >= holdMs)
            {
                switchTo(slot, best, timestampMs);
            }
        }
        lastZoneScoreDbm = score[incumbent[slot]];
        return zoneIds[incumbent[slot]];
    }

    /**
     * Advance time: tags that no receiver heard for {@link Config#absentAfterMs(long)} up to {@code nowMs} lose their
     * zone, oldest first. Does nothing when absence is off.
     *
     * @param nowMs   time now, epoch ms (record time).
     * @param handler told about each tag that lost its zone.
     * @return tags that lost their zone.
     */
    public int onTime(final long nowMs, final AbsenceHandler handler)
    {
        final long absentAfterMs = this.absentAfterMs;
        if (absentAfterMs == 0)
        {
            return 0;
        }
        int count = 0;
        int slot;
        while ((slot = oldestSlot) != NONE && nowMs - lastHeardMs[slot] >= absentAfterMs)
        {
            unlink(slot);
            final int zone = incumbent[slot];
            if (zone >= 0)
            {
                incumbent[slot] = -1;
                challenger[slot] = -1;
                absences++;
                count++;
                final long atMs = lastHeardMs[slot] + absentAfterMs;
                handler.onAbsent(slotTag[slot], zoneIds[zone], atMs, Math.max(0, atMs - zoneSinceMs[slot]));
            }
        }
        return count;
    }

    private void touch(final int slot)
    {
        if (newestSlot == slot)
        {
            return;
        }
        if (olderSlot[slot] != NONE || oldestSlot == slot)
        {
            unlink(slot);
        }
        olderSlot[slot] = newestSlot;
        newerSlot[slot] = NONE;
        if (newestSlot != NONE)
        {
            newerSlot[newestSlot] = slot;
        }
        else
        {
            oldestSlot = slot;
        }
        newestSlot = slot;
    }

    private void unlink(final int slot)
    {
        final int older = olderSlot[slot];
        final int newer = newerSlot[slot];
        if (older != NONE)
        {
            newerSlot[older] = newer;
        }
        else
        {
            oldestSlot = newer;
        }
        if (newer != NONE)
        {
            olderSlot[newer] = older;
        }
        else
        {
            newestSlot = older;
        }
        olderSlot[slot] = NONE;
        newerSlot[slot] = NONE;
    }

    /** @return true if the last {@link #onRssi(long, int, long, double)} changed (or first set) the tag's zone. */
    public boolean lastChanged()
    {
        return lastChanged;
    }

    /**
     * @return after a reading that changed the zone: the zone id it left, or {@link #NO_ZONE} for a placement (first
     * reading, or the first after an absence).
     */
    public int lastPreviousZone()
    {
        return lastPreviousZone;
    }

    /** @return after a reading that changed the zone: time spent in the zone left, ms (0 for a placement). */
    public long lastDwellMs()
    {
        return lastDwellMs;
    }

    /** @return after a valid reading: the smoothed RSSI (dBm) of the tag's zone, its strongest fresh receiver. */
    public double lastZoneScoreDbm()
    {
        return lastZoneScoreDbm;
    }

    /** @return zone changes so far, first placements included. */
    public long zoneChanges()
    {
        return zoneChanges;
    }

    /** @return tags that lost their zone for absence so far. */
    public long absences()
    {
        return absences;
    }

    /** @return receivers configured. */
    public int receiverCount()
    {
        return receiverCount;
    }

    /** @return distinct zones of the receivers. */
    public int zoneCount()
    {
        return zoneCount;
    }

    /**
     * @param index zone index, 0..zoneCount-1 (zones in order of first appearance in the receiver zones).
     * @return its zone id.
     */
    public int zoneIdAt(final int index)
    {
        return zoneIds[index];
    }

    /**
     * @param index zone index, 0..zoneCount-1.
     * @return its name ({@link Config#zoneName(int, String)}), or null if not named.
     */
    public String zoneNameAt(final int index)
    {
        return zoneNames[index];
    }

    /**
     * @param tagId tag id.
     * @return when the tag entered its current zone (epoch ms), or {@link Long#MIN_VALUE} if it has none.
     */
    public long zoneSinceMs(final long tagId)
    {
        final int slot = slotFor(tagId, false);
        return slot < 0 || incumbent[slot] < 0 ? Long.MIN_VALUE : zoneSinceMs[slot];
    }

    /** @return distinct tags seen. */
    public int tagCount()
    {
        return tags;
    }

    /**
     * @param tagId tag id.
     * @return the tag's zone id, or {@link #NO_ZONE} if never seen.
     */
    public int zoneOf(final long tagId)
    {
        final int slot = slotFor(tagId, false);
        return slot < 0 || incumbent[slot] < 0 ? NO_ZONE : zoneIds[incumbent[slot]];
    }

    /**
     * @param tagId    tag id.
     * @param receiver receiver index.
     * @return smoothed RSSI in dBm, NaN if the pair was never heard.
     */
    public double smoothedRssiDbm(final long tagId, final int receiver)
    {
        final int slot = slotFor(tagId, false);
        if (slot < 0 || receiver < 0 || receiver >= receiverCount || lastMs[slot * receiverCount + receiver] == NEVER)
        {
            return Double.NaN;
        }
        return smoothedDbm[slot * receiverCount + receiver];
    }

    /**
     * @param tagId    tag id.
     * @param receiver receiver index.
     * @return distance in metres from the smoothed RSSI through the path-loss model, NaN if never heard.
     */
    public double distanceM(final long tagId, final int receiver)
    {
        final double rssi = smoothedRssiDbm(tagId, receiver);
        return rssi != rssi ? Double.NaN : pathLoss.distanceM(rssi);
    }

    private void switchTo(final int slot, final int zone, final long timestampMs)
    {
        final int previous = incumbent[slot];
        if (previous != zone)
        {
            if (previous >= 0)
            {
                lastPreviousZone = zoneIds[previous];
                lastDwellMs = Math.max(0, timestampMs - zoneSinceMs[slot]);
            }
            incumbent[slot] = zone;
            zoneSinceMs[slot] = timestampMs;
            lastChanged = true;
            zoneChanges++;
        }
        challenger[slot] = -1;
    }

    private int slotFor(final long tagId, final boolean insert)
    {
        if (tagId == EMPTY_KEY)
        {
            if (!emptyKeyUsed)
            {
                if (!insert || tags == maxTags)
                {
                    return -1;
                }
                emptyKeyUsed = true;
                emptyKeySlot = newSlot(tagId);
            }
            return emptyKeySlot;
        }
        final long[] keys = this.keys;
        final int mask = this.mask;
        final long h = tagId * 0x9E3779B97F4A7C15L;
        int i = (int)(h ^ (h >>> 32)) & mask;
        while (true)
        {
            final long key = keys[i];
            if (key == tagId)
            {
                return slotOfKey[i];
            }
            if (key == EMPTY_KEY)
            {
                if (!insert || tags == maxTags)
                {
                    return -1;
                }
                keys[i] = tagId;
                final int slot = newSlot(tagId);
                slotOfKey[i] = slot;
                return slot;
            }
            i = (i + 1) & mask;
        }
    }

    private int newSlot(final long tagId)
    {
        final int slot = tags++;
        slotTag[slot] = tagId;
        incumbent[slot] = -1;
        challenger[slot] = -1;
        lastHeardMs[slot] = Long.MIN_VALUE;
        olderSlot[slot] = NONE;
        newerSlot[slot] = NONE;
        return slot;
    }

    /**
     * Write the whole state (tags, smoothing, hysteresis, absence order, counters). Not on a hot path.
     *
     * @param out to write to.
     * @throws IOException on failure.
     */
    public void writeTo(final DataOutput out) throws IOException
    {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeInt(receiverCount);
        for (int r = 0; r < receiverCount; r++)
        {
            out.writeInt(zoneIds[receiverZoneIndex[r]]);
        }
        out.writeLong(zoneChanges);
        out.writeLong(absences);
        out.writeInt(tags);
        for (int slot = 0; slot < tags; slot++)
        {
            out.writeLong(slotTag[slot]);
            out.writeInt(incumbent[slot]);
            out.writeInt(challenger[slot]);
            out.writeLong(challengerSinceMs[slot]);
            out.writeLong(zoneSinceMs[slot]);
            out.writeLong(lastHeardMs[slot]);
            final int base = slot * receiverCount;
            for (int r = 0; r < receiverCount; r++)
            {
                out.writeDouble(smoothedDbm[base + r]);
                out.writeLong(lastMs[base + r]);
            }
        }
        int linked = 0;
        for (int slot = oldestSlot; slot != NONE; slot = newerSlot[slot])
        {
            linked++;
        }
        out.writeInt(linked);
        for (int slot = oldestSlot; slot != NONE; slot = newerSlot[slot])
        {
            out.writeInt(slot);
        }
    }

    /**
     * Restore what {@link #writeTo(DataOutput)} wrote, into a tracker that has seen no reading yet and has the same
     * receivers and zones.
     *
     * @param in to read from.
     * @throws IOException           if the data is not a tracker state, or its receivers, zones or tag count do not
     *                               fit this tracker.
     * @throws IllegalStateException if this tracker has seen readings.
     */
    public void readFrom(final DataInput in) throws IOException
    {
        if (tags != 0)
        {
            throw new IllegalStateException("restore into a fresh tracker only");
        }
        if (in.readInt() != SNAPSHOT_MAGIC)
        {
            throw new IOException("not a BLE zone tracker snapshot");
        }
        final int version = in.readInt();
        if (version != SNAPSHOT_VERSION)
        {
            throw new IOException("unsupported BLE zone tracker snapshot version " + version);
        }
        final int receivers = in.readInt();
        if (receivers != receiverCount)
        {
            throw new IOException("BLE snapshot has " + receivers + " receivers, configured " + receiverCount);
        }
        for (int r = 0; r < receiverCount; r++)
        {
            final int zone = in.readInt();
            if (zone != zoneIds[receiverZoneIndex[r]])
            {
                throw new IOException("BLE snapshot: receiver " + r + " was in zone " + zone + ", configured " +
                    zoneIds[receiverZoneIndex[r]]);
            }
        }
        zoneChanges = in.readLong();
        absences = in.readLong();
        final int count = in.readInt();
        if (count < 0 || count > maxTags)
        {
            throw new IOException("BLE snapshot has " + count + " tags, maxTags is " + maxTags);
        }
        for (int i = 0; i < count; i++)
        {
            final long tagId = in.readLong();
            final int slot = slotFor(tagId, true);
            if (slot != i)
            {
                throw new IOException("BLE snapshot: tag " + tagId + " twice");
            }
            slotTag[slot] = tagId;
            incumbent[slot] = zoneIndex(in.readInt());
            challenger[slot] = zoneIndex(in.readInt());
            challengerSinceMs[slot] = in.readLong();
            zoneSinceMs[slot] = in.readLong();
            lastHeardMs[slot] = in.readLong();
            final int base = slot * receiverCount;
            for (int r = 0; r < receiverCount; r++)
            {
                smoothedDbm[base + r] = in.readDouble();
                lastMs[base + r] = in.readLong();
            }
        }
        final int linked = in.readInt();
        if (linked < 0 || linked > count)
        {
            throw new IOException("BLE snapshot: bad absence order length " + linked);
        }
        for (int i = 0; i < linked; i++)
        {
            final int slot = in.readInt();
            if (slot < 0 || slot >= count || olderSlot[slot] != NONE || oldestSlot == slot)
            {
                throw new IOException("BLE snapshot: bad absence order entry " + slot);
            }
            touch(slot);
        }
    }

    private int zoneIndex(final int index) throws IOException
    {
        if (index < -1 || index >= zoneCount)
        {
            throw new IOException("BLE snapshot: zone index " + index + " out of range");
        }
        return index;
    }
}
