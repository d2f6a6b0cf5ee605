package dev.inventory.core.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.dedup.DedupStage;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventListener;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.ledger.TagBlocks;
import dev.inventory.core.ledger.TagTable;
import dev.inventory.core.presence.LinkTable;
import dev.inventory.core.presence.TimerWheel;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.LinkStateFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.record.RfidReadFlyweight;
import dev.inventory.core.spi.SkuResolver;
import dev.inventory.core.zone.ZoneDirectory;
import dev.inventory.core.zone.ZoneStage;

/**
 * The single-writer pipeline: decode/validate, dedup, presence, zone, ledger, events. Feed it records with
 * {@link #onRecord(ByteBuffer, int)}; it emits events to an {@link EventListener}. Time is the records' time only:
 * the same records give the same ledger and the same events, which makes the journal replayable. Usable without
 * an engine (tests, benchmarks, replay). Instances are NOT threadsafe: one thread only.
 */
public final class Pipeline implements TimerWheel.ExpiryHandler
{
    /** Highest accepted record time: 9999-12-31T23:59:59.999Z. */
    public static final long MAX_TIMESTAMP_MS = 253_402_300_799_999L;
    private static final int RSSI_MIN_CENTI_DBM = -15_000;
    private static final int RSSI_MAX_CENTI_DBM = 2_000;
    private static final int SNAPSHOT_MAGIC = 0x494E5650; // "INVP"
    private static final int SNAPSHOT_VERSION = 4;

    private final EngineConfig config;
    private final Counters counters;
    private final ZoneDirectory zones;
    private final TagTable tags;
    private final TagBlocks blocks;
    private final Ledger ledger;
    private final DedupStage dedup;
    private final ZoneStage zoneStage;
    private final TimerWheel presenceTimers;
    private final LinkTable links = new LinkTable();
    private final SkuResolver skuResolver;
    private final long presenceTimeoutMs;
    private final long missingRetentionMs;
    private final CommandFlyweight command = new CommandFlyweight();
    private final EventFlyweight event = new EventFlyweight();
    private EventListener listener;
    private RecordExtension extension;

    private static final int GATHER = 16;
    // regions of the per-tag blocks, in block order
    private static final int ZONE_REGION = 0;
    private static final int LEDGER_REGION = 1;
    private static final int DEDUP_REGION = 2;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pipeline.class);

    private final int[] gatherHandles = new int[GATHER]; // handles a chunk's gather looked up, reused by its processing
    private long nowMs = Long.MIN_VALUE;
    private long touchSink;
    // hot counters accumulate here and are published once per batch (or per record outside a batch)
    private long pendingRecords;
    private long pendingReads;
    private long pendingDeduped;
    private boolean inBatch;
    private int failuresLogged;
    private long eventSequence;
    private long recordCount;

    /**
     * @param config   engine configuration.
     * @param counters where to count.
     * @param listener receives events (may be replaced with {@link #listener(EventListener)}).
     */
    public Pipeline(final EngineConfig config, final Counters counters, final EventListener listener)
    {
        this.config = config;
        this.counters = counters;
        this.listener = listener;
        this.zones = new ZoneDirectory(config.autoZones());
        config.zones().forEach((name, antennas) ->
        {
            final int zoneId = zones.defineZone(name);
            antennas.forEach(ref -> zones.mapAntenna(ref.reader(), ref.antenna(), zoneId));
        });
        final int tagCapacity = config.tagCapacity();
        this.tags = new TagTable(tagCapacity);
        // One block per tag for the zone stage's, the ledger's and the dedup's hot state, in that order: with the
        // default slot counts the zone slots fill the first line, the ledger plus the first dedup window the second
        // and the next two windows the third. The gather loads those three lines: a read from the antenna that sees
        // a tag most uses the first two, a cross-read by a neighbouring antenna the third; the fourth window (a
        // fourth antenna at once) is rare enough to be left to a miss.
        final int zoneLongs = ZoneStage.longsPerTag(config.zoneSlotsPerTag());
        this.blocks = new TagBlocks(
            tagCapacity,
            zoneLongs + Ledger.HOT_LONGS + 3 * DedupStage.SLOT_LONGS,
            zoneLongs,
            Ledger.HOT_LONGS,
            DedupStage.longsPerTag(config.dedupSlotsPerTag()));
        this.ledger = new Ledger(tags, ZoneDirectory.MAX_ZONES, blocks, LEDGER_REGION);
        this.dedup = new DedupStage(tagCapacity, config.dedupSlotsPerTag(), config.dedupWindowMs(), blocks,
            DEDUP_REGION);
        this.zoneStage = new ZoneStage(
            tagCapacity,
            config.zoneSlotsPerTag(),
            config.zoneSmoothingReads(),
            config.zoneMarginDb(),
            config.zoneHoldOffMs(),
            config.zoneSlopeDbPerMs(),
            config.zoneMinReads(),
            config.zoneChallengeWindowMs(),
            blocks,
            ZONE_REGION);
        this.presenceTimers = new TimerWheel(config.timerTickMs(), config.timerWheelSize(), tagCapacity);
        this.skuResolver = config.skuResolver();
        this.presenceTimeoutMs = config.presenceTimeoutMs();
        this.missingRetentionMs = config.missingRetentionMs();
        this.extension = config.recordExtension();
        this.event.wrap(ByteBuffer.allocateDirect(EventFlyweight.LENGTH).order(ByteOrder.LITTLE_ENDIAN), 0);
    }

    /**
     * @param listener receives events from now on.
     */
    public void listener(final EventListener listener)
    {
        this.listener = listener;
    }

    /**
     * @param extension rules hook, or null.
     */
    public void extension(final RecordExtension extension)
    {
        this.extension = extension;
    }

    /** @return the configuration. */
    public EngineConfig config()
    {
        return config;
    }

    /** @return the ledger (engine thread only). */
    public Ledger ledger()
    {
        return ledger;
    }

    /** @return the tag table (engine thread only). */
    public TagTable tags()
    {
        return tags;
    }

    /** @return zones; names are threadsafe to read. */
    public ZoneDirectory zones()
    {
        return zones;
    }

    /** @return the counters. */
    public Counters counters()
    {
        return counters;
    }

    /**
     * @return the dedup stage: during {@link RecordExtension#onRecord} for an RFID read, its {@code lastWindow*}
     * accessors give the merged observation (count, peak RSSI, first and last seen) the read went to.
     */
    public DedupStage dedup()
    {
        return dedup;
    }

    /** @return the zone stage, for diagnostics. */
    public ZoneStage zoneStage()
    {
        return zoneStage;
    }

    /** @return engine time: highest record time seen, or Long.MIN_VALUE before the first record. */
    public long nowMs()
    {
        return nowMs;
    }

    /** @return records taken so far, including rejected ones (the journal position of the next record). */
    public long recordCount()
    {
        return recordCount;
    }

    /** @return events emitted so far. */
    public long eventSequence()
    {
        return eventSequence;
    }

    /**
     * Process a run of contiguous records in chunks of {@value #GATHER}, loading the tag blocks of a whole chunk
     * (and the tag table slots of the next) before processing it, so their cache misses overlap instead of queueing.
     * A record whose processing throws is counted ({@link RejectReason#INTERNAL_ERROR}), logged (the first hundred)
     * and skipped.
     *
     * @param buffer little-endian buffer holding the records.
     * @param offset of the first record.
     * @param count  records.
     */
    public void onRecords(final ByteBuffer buffer, final int offset, final int count)
    {
        inBatch = true;
        try
        {
            processRecords(buffer, offset, count);
        }
        finally
        {
            inBatch = false;
            flushCounters();
        }
    }

    private void processRecords(final ByteBuffer buffer, final int offset, final int count)
    {
        long touched = 0;
        final int end = offset + (count << RecordDescriptor.RECORD_LENGTH_SHIFT);
        final int chunkBytes = GATHER << RecordDescriptor.RECORD_LENGTH_SHIFT;
        for (int at = offset, probeEnd = Math.min(end, offset + chunkBytes); at < probeEnd;
            at += RecordDescriptor.RECORD_LENGTH)
        {
            touched += touchProbe(buffer, at);
        }
        for (int chunk = offset; chunk < end; chunk += chunkBytes)
        {
            final int chunkEnd = Math.min(end, chunk + chunkBytes);
            // Short gather loops put the cache misses of a whole chunk in flight together (a load can only overlap
            // with loads that fit in the CPU's reorder window): the tag blocks of this chunk, whose table slots
            // were loaded one chunk earlier, and the table slots of the next chunk; then the chunk is processed
            // from cache.
            final int[] handles = gatherHandles;
            int gathered = 0;
            for (int at = chunk; at < chunkEnd; at += RecordDescriptor.RECORD_LENGTH)
            {
                handles[gathered++] = handleOf(buffer, at);
            }
            // a loop of loads alone, so that the lines of all the chunk's blocks are requested at once
            final TagBlocks blocks = this.blocks;
            for (int i = 0; i < gathered; i++)
            {
                final int handle = handles[i];
                if (handle != TagTable.MISSING)
                {
                    touched += blocks.touch(handle);
                }
            }
            for (int at = chunkEnd, nextEnd = Math.min(end, chunkEnd + chunkBytes); at < nextEnd;
                at += RecordDescriptor.RECORD_LENGTH)
            {
                touched += touchProbe(buffer, at);
            }
            final long generation = tags.generation();
            int i = 0;
            for (int at = chunk; at < chunkEnd; at += RecordDescriptor.RECORD_LENGTH, i++)
            {
                try
                {
                    // a handle looked up in the gather is still the EPC's unless a tag was removed since
                    process(buffer, at, tags.generation() == generation ? handles[i] : TagTable.MISSING);
                }
                catch (final RuntimeException | AssertionError ex)
                {
                    onRecordFailed(buffer, at, ex);
                }
            }
        }
        touchSink += touched;
    }

    private long touchProbe(final ByteBuffer buffer, final int offset)
    {
        if (buffer.getShort(offset + RecordDescriptor.TYPE_OFFSET) != RecordType.RFID_READ)
        {
            return 0;
        }
        return tags.touch(
            buffer.getLong(offset + RfidReadFlyweight.EPC_HIGH_OFFSET),
            buffer.getInt(offset + RfidReadFlyweight.EPC_LOW_OFFSET));
    }

    private int handleOf(final ByteBuffer buffer, final int offset)
    {
        if (buffer.getShort(offset + RecordDescriptor.TYPE_OFFSET) != RecordType.RFID_READ)
        {
            return TagTable.MISSING;
        }
        return tags.get(
            buffer.getLong(offset + RfidReadFlyweight.EPC_HIGH_OFFSET),
            buffer.getInt(offset + RfidReadFlyweight.EPC_LOW_OFFSET));
    }

    private void onRecordFailed(final ByteBuffer buffer, final int offset, final Throwable ex)
    {
        counters.reject(RejectReason.INTERNAL_ERROR);
        if (failuresLogged < 100)
        {
            failuresLogged++;
            final StringBuilder hex = new StringBuilder(RecordDescriptor.RECORD_LENGTH * 2);
            for (int i = 0; i < RecordDescriptor.RECORD_LENGTH; i++)
            {
                hex.append(Character.forDigit((buffer.get(offset + i) >> 4) & 0xF, 16))
                    .append(Character.forDigit(buffer.get(offset + i) & 0xF, 16));
            }
            LOG.error("record {} failed in the pipeline and was skipped (bytes {})", recordCount - 1, hex, ex);
        }
    }

    /**
     * Process one record.
     *
     * @param buffer little-endian buffer holding the record.
     * @param offset of the record.
     */
    public void onRecord(final ByteBuffer buffer, final int offset)
    {
        try
        {
            process(buffer, offset, TagTable.MISSING);
        }
        finally
        {
            if (!inBatch)
            {
                flushCounters();
            }
        }
    }

    private void process(final ByteBuffer buffer, final int offset, final int knownTag)
    {
        recordCount++;
        final Counters counters = this.counters;
        pendingRecords++;
        final int type = buffer.getShort(offset + RecordDescriptor.TYPE_OFFSET);
        if (type == RecordType.PADDING)
        {
            return;
        }
        if (type <= 0 || type >= RecordType.TYPE_COUNT)
        {
            counters.reject(RejectReason.UNKNOWN_TYPE);
            return;
        }
        final long timestampMs = buffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
        if (timestampMs <= 0 || timestampMs > MAX_TIMESTAMP_MS)
        {
            counters.reject(RejectReason.BAD_TIMESTAMP);
            return;
        }
        advanceTo(timestampMs);

        switch (type)
        {
            case RecordType.RFID_READ:
                onRfidRead(buffer, offset, timestampMs, knownTag);
                break;

            case RecordType.CLOCK_TICK:
                break;

            case RecordType.LINK_STATE:
                onLinkState(buffer, offset, timestampMs);
                break;

            case RecordType.COMMAND:
                onCommand(buffer, offset, timestampMs);
                break;

            default:
                onOtherRecord(buffer, offset, type);
                break;
        }
    }

    /** Publish the counters accumulated on the hot path. */
    private void flushCounters()
    {
        final Counters counters = this.counters;
        if (pendingRecords != 0)
        {
            counters.add(Counters.RECORDS, pendingRecords);
            pendingRecords = 0;
        }
        if (pendingReads != 0)
        {
            counters.add(Counters.READS, pendingReads);
            pendingReads = 0;
        }
        if (pendingDeduped != 0)
        {
            counters.add(Counters.DEDUPED, pendingDeduped);
            pendingDeduped = 0;
        }
    }

    private void advanceTo(final long timestampMs)
    {
        if (timestampMs > nowMs)
        {
            nowMs = timestampMs;
            counters.set(Counters.ENGINE_TIME_MS, timestampMs);
            presenceTimers.advance(timestampMs, this);
            final RecordExtension extension = this.extension;
            if (null != extension)
            {
                extension.onTime(timestampMs, this);
            }
        }
    }

    /**
     * Advance engine time without a record (used by replay tools); timers fire as for a clock tick.
     *
     * @param timestampMs time to advance to.
     */
    public void advanceTime(final long timestampMs)
    {
        advanceTo(timestampMs);
    }

    private void onRfidRead(final ByteBuffer buffer, final int offset, final long timestampMs, final int knownTag)
    {
        final Counters counters = this.counters;
        // fields read in place (no flyweight wrap on the hot path)
        final int antenna = buffer.getShort(offset + RfidReadFlyweight.ANTENNA_OFFSET) & 0xFFFF;
        if (antenna == 0)
        {
            counters.reject(RejectReason.BAD_ANTENNA);
            return;
        }
        final int bits = buffer.getShort(offset + RfidReadFlyweight.EPC_BIT_LENGTH_OFFSET) & 0xFFFF;
        if (bits == 0 || (bits & 15) != 0 || bits > 496)
        {
            counters.reject(RejectReason.BAD_EPC_LENGTH);
            return;
        }
        final int seenCount = buffer.getInt(offset + RfidReadFlyweight.SEEN_COUNT_OFFSET);
        if (seenCount < 1)
        {
            counters.reject(RejectReason.BAD_SEEN_COUNT);
            return;
        }
        final int rssi = buffer.getInt(offset + RfidReadFlyweight.RSSI_OFFSET);
        final boolean rssiKnown = rssi != RfidReadFlyweight.RSSI_UNKNOWN;
        if (rssiKnown && (rssi < RSSI_MIN_CENTI_DBM || rssi > RSSI_MAX_CENTI_DBM))
        {
            counters.reject(RejectReason.BAD_RSSI);
            return;
        }
        final int reader = buffer.getInt(offset + RecordDescriptor.SOURCE_OFFSET);
        final int antennaIndex = zones.resolve(reader, antenna);
        if (antennaIndex == ZoneDirectory.NONE)
        {
            counters.reject(RejectReason.UNKNOWN_ANTENNA);
            return;
        }
        final long epcHigh = buffer.getLong(offset + RfidReadFlyweight.EPC_HIGH_OFFSET);
        final int epcLow = buffer.getInt(offset + RfidReadFlyweight.EPC_LOW_OFFSET);
        final int tag;
        final boolean added;
        if (knownTag != TagTable.MISSING)
        {
            tag = knownTag;
            added = false;
        }
        else
        {
            tag = tags.getOrAdd(epcHigh, epcLow);
            if (tag == TagTable.MISSING)
            {
                counters.reject(RejectReason.TAG_CAPACITY);
                return;
            }
            added = tags.lastAdded();
        }
        final Ledger ledger = this.ledger;
        if (added)
        {
            ledger.onTagAdded(tag);
            final long skuKey = skuResolver.skuKey(epcHigh, epcLow);
            if (skuKey != 0)
            {
                ledger.assignSku(tag, skuKey);
            }
        }
        pendingReads++;
        final int sampleZone = zones.zoneOfAntenna(antennaIndex);
        final long firstSeenMs = Math.min(buffer.getLong(offset + RfidReadFlyweight.FIRST_SEEN_OFFSET), timestampMs);
        ledger.touch(tag, timestampMs);
        ledger.lastAntenna(tag, antennaIndex);

        if (ledger.presence(tag) != Ledger.PRESENT)
        {
            dedup.onRead(tag, antennaIndex, timestampMs, firstSeenMs, rssi, seenCount);
            if (rssiKnown)
            {
                zoneStage.onSample(tag, Ledger.NO_ZONE, sampleZone, timestampMs, rssi);
            }
            ledger.arrive(tag, sampleZone, timestampMs);
            final long dueMs = timestampMs + presenceTimeoutMs;
            if (presenceTimers.isScheduled(tag) && presenceTimers.deadlineOf(tag) > dueMs)
            {
                presenceTimers.cancel(tag); // a retention timer of a missing tag that came back
            }
            if (!presenceTimers.isScheduled(tag))
            {
                presenceTimers.schedule(tag, dueMs);
            }
            counters.increment(Counters.APPEARED);
            counters.add(Counters.TAGS_PRESENT, 1);
            emit(EventType.APPEARED, reader, timestampMs, epcHigh, epcLow, Ledger.NO_ZONE, sampleZone, antenna, 0,
                rssiKnown ? rssi : 0, ledger.sku(tag));
        }
        else
        {
            // dedup limits what is counted and reported; every read is still RSSI evidence for the zone
            if (!dedup.onRead(tag, antennaIndex, timestampMs, firstSeenMs, rssi, seenCount))
            {
                pendingDeduped++;
            }
            if (rssiKnown)
            {
                final int incumbent = ledger.zone(tag);
                final int decided = zoneStage.onSample(tag, incumbent, sampleZone, timestampMs, rssi);
                if (decided != incumbent)
                {
                    final long dwellMs = ledger.move(tag, decided, timestampMs);
                    counters.increment(Counters.MOVED);
                    emit(EventType.MOVED, reader, timestampMs, epcHigh, epcLow, incumbent, decided, antenna, dwellMs,
                        rssi, ledger.sku(tag));
                }
            }
            else
            {
                zoneStage.touch(tag, sampleZone, timestampMs);
            }
        }

        final RecordExtension extension = this.extension;
        if (null != extension)
        {
            extension.onRecord(buffer, offset, RecordType.RFID_READ, this);
        }
    }

    /**
     * Presence timer expiry: the tag disappears if unseen for the timeout, else its timer is pushed out.
     */
    @Override
    public void onExpiry(final int tag, final long deadlineMs, final long nowMs)
    {
        final byte presence = ledger.presence(tag);
        final long lastSeenMs = ledger.lastSeenMs(tag);
        if (presence == Ledger.MISSING)
        {
            if (missingRetentionMs > 0)
            {
                final long forgetMs = lastSeenMs + presenceTimeoutMs + missingRetentionMs;
                if (forgetMs > nowMs)
                {
                    presenceTimers.schedule(tag, forgetMs);
                }
                else
                {
                    retire(tag);
                    counters.increment(Counters.FORGOTTEN);
                }
            }
            return;
        }
        if (presence != Ledger.PRESENT)
        {
            return;
        }
        long dueMs = lastSeenMs + presenceTimeoutMs;
        final int lastAntenna = ledger.lastAntenna(tag);
        if (lastAntenna >= 0)
        {
            // a reader without a link cannot see the tag: hold it, and count the timeout from when the link is back
            final long upSinceMs = links.upSinceMs(zones.readerOfAntenna(lastAntenna));
            if (upSinceMs == LinkTable.DOWN)
            {
                dueMs = nowMs + presenceTimeoutMs;
            }
            else if (upSinceMs > lastSeenMs)
            {
                dueMs = Math.max(dueMs, upSinceMs + presenceTimeoutMs);
            }
        }
        if (dueMs > nowMs)
        {
            presenceTimers.schedule(tag, dueMs);
            return;
        }
        final int zone = ledger.zone(tag);
        final long dwellMs = Math.max(0, dueMs - ledger.zoneSinceMs(tag));
        ledger.depart(tag);
        dedup.clear(tag);
        zoneStage.clear(tag);
        counters.increment(Counters.DISAPPEARED);
        counters.add(Counters.TAGS_PRESENT, -1);
        if (missingRetentionMs > 0)
        {
            presenceTimers.schedule(tag, dueMs + missingRetentionMs);
        }
        emit(EventType.DISAPPEARED, 0, dueMs, tags.epcHigh(tag), tags.epcLow(tag), zone, Ledger.NO_ZONE, 0, dwellMs,
            0, ledger.sku(tag));
    }

    private void retire(final int tag)
    {
        if (ledger.presence(tag) == Ledger.PRESENT)
        {
            counters.add(Counters.TAGS_PRESENT, -1);
        }
        presenceTimers.cancel(tag);
        ledger.retire(tag);
        dedup.clear(tag);
        zoneStage.clear(tag);
        tags.remove(tags.epcHigh(tag), tags.epcLow(tag));
    }

    private void onLinkState(final ByteBuffer buffer, final int offset, final long timestampMs)
    {
        final int reader = buffer.getInt(offset + RecordDescriptor.SOURCE_OFFSET);
        final int state = buffer.getInt(offset + LinkStateFlyweight.STATE_OFFSET);
        if (state != LinkStateFlyweight.UP && state != LinkStateFlyweight.DOWN)
        {
            counters.reject(RejectReason.BAD_VALUE);
            return;
        }
        final boolean up = state == LinkStateFlyweight.UP;
        if (links.onLinkState(reader, up, timestampMs))
        {
            final int reason = buffer.getInt(offset + LinkStateFlyweight.REASON_OFFSET);
            emit(up ? EventType.LINK_UP : EventType.LINK_DOWN, (short)reason, reader, timestampMs, 0, 0,
                Ledger.NO_ZONE, Ledger.NO_ZONE, 0, 0, 0, Ledger.NO_SKU);
        }
    }

    private void onCommand(final ByteBuffer buffer, final int offset, final long timestampMs)
    {
        final CommandFlyweight command = this.command.wrap(buffer, offset);
        final int code = command.command();
        final long epcHigh = command.arg1();
        final int epcLow = command.intArg();
        switch (code)
        {
            case CommandFlyweight.ASSIGN_TAG:
            {
                final int tag = tags.getOrAdd(epcHigh, epcLow);
                if (tag == TagTable.MISSING)
                {
                    counters.reject(RejectReason.TAG_CAPACITY);
                    return;
                }
                if (tags.lastAdded())
                {
                    ledger.onTagAdded(tag);
                }
                final long skuKey = command.arg2() != 0 ? command.arg2() : skuResolver.skuKey(epcHigh, epcLow);
                ledger.assignSku(tag, skuKey);
                ledger.lot(tag, command.arg3());
                ledger.container(tag, command.arg4());
                showCoreCommand(buffer, offset);
                break;
            }

            case CommandFlyweight.SET_TAG_STATUS:
            {
                final int tag = tags.get(epcHigh, epcLow);
                if (tag == TagTable.MISSING)
                {
                    counters.reject(RejectReason.UNKNOWN_TAG);
                    return;
                }
                final long status = command.arg2();
                if (status < 0 || status > Integer.MAX_VALUE)
                {
                    counters.reject(RejectReason.BAD_COMMAND);
                    return;
                }
                ledger.status(tag, (int)status);
                showCoreCommand(buffer, offset);
                break;
            }

            case CommandFlyweight.RETIRE_TAG:
            {
                final int tag = tags.get(epcHigh, epcLow);
                if (tag == TagTable.MISSING)
                {
                    counters.reject(RejectReason.UNKNOWN_TAG);
                    return;
                }
                showCoreCommand(buffer, offset); // while the tag is still known
                retire(tag);
                break;
            }

            default:
            {
                final RecordExtension extension = this.extension;
                if (code < CommandFlyweight.FIRST_EXTENSION_COMMAND || null == extension ||
                    !extension.onRecord(buffer, offset, RecordType.COMMAND, this))
                {
                    counters.reject(RejectReason.BAD_COMMAND);
                    return;
                }
            }
        }
        counters.increment(Counters.COMMANDS);
    }

    private void showCoreCommand(final ByteBuffer buffer, final int offset)
    {
        final RecordExtension extension = this.extension;
        if (null != extension)
        {
            extension.onRecord(buffer, offset, RecordType.COMMAND, this);
        }
    }

    private void onOtherRecord(final ByteBuffer buffer, final int offset, final int type)
    {
        // the values that must be finite sit at body offset 8 (ranging distance, measurement and sensor value)
        // and 8..39 for positions
        final int body = offset + RecordDescriptor.BODY_OFFSET;
        final int doubles = type == RecordType.POSITION ? 4 : (type == RecordType.BARCODE_SCAN ? 0 : 1);
        for (int i = 0; i < doubles; i++)
        {
            if (!Double.isFinite(buffer.getDouble(body + 8 + i * 8)))
            {
                counters.reject(RejectReason.BAD_VALUE);
                return;
            }
        }
        if (type == RecordType.RANGING && buffer.getDouble(body + 8) < 0)
        {
            counters.reject(RejectReason.BAD_VALUE);
            return;
        }
        counters.increment(Counters.OTHER_RECORDS);
        final RecordExtension extension = this.extension;
        if (null != extension)
        {
            extension.onRecord(buffer, offset, type, this);
        }
    }

    /**
     * Emit an event to the listener, numbering it. For rules extensions on the engine thread.
     *
     * @param type         event type.
     * @param source       reader or 0.
     * @param timestampMs  event time.
     * @param epcHigh      EPC bits 95..32.
     * @param epcLow       EPC bits 31..0.
     * @param fromZone     zone left or -1.
     * @param toZone       zone entered or -1.
     * @param antenna      antenna port or 0.
     * @param dwellMs      dwell or 0.
     * @param rssiCentiDbm RSSI or 0.
     * @param sku          SKU handle or -1.
     */
    public void emit(
        final short type,
        final int source,
        final long timestampMs,
        final long epcHigh,
        final int epcLow,
        final int fromZone,
        final int toZone,
        final int antenna,
        final long dwellMs,
        final int rssiCentiDbm,
        final int sku)
    {
        emit(type, (short)0, source, timestampMs, epcHigh, epcLow, fromZone, toZone, antenna, dwellMs, rssiCentiDbm,
            sku);
    }

    /**
     * Emit an event with a type-specific detail value (e.g. a confidence in permille), numbering it.
     *
     * @param type         event type.
     * @param detail       type-specific detail, see {@link EventFlyweight#detail()}.
     * @param source       reader or 0.
     * @param timestampMs  event time.
     * @param epcHigh      EPC bits 95..32.
     * @param epcLow       EPC bits 31..0.
     * @param fromZone     zone left or -1.
     * @param toZone       zone entered or -1.
     * @param antenna      antenna port or 0.
     * @param dwellMs      dwell or 0.
     * @param rssiCentiDbm RSSI or 0.
     * @param sku          SKU handle or -1.
     */
    public void emit(
        final short type,
        final short detail,
        final int source,
        final long timestampMs,
        final long epcHigh,
        final int epcLow,
        final int fromZone,
        final int toZone,
        final int antenna,
        final long dwellMs,
        final int rssiCentiDbm,
        final int sku)
    {
        event.set(type, source, timestampMs, epcHigh, epcLow, fromZone, toZone, antenna, dwellMs, eventSequence++,
            rssiCentiDbm, sku);
        event.detail(detail);
        counters.increment(Counters.EVENTS);
        listener.onEvent(event);
    }

    /**
     * Write the whole pipeline state: a snapshot from which {@link #readSnapshot(DataInput)} resumes exactly.
     *
     * @param out to write to.
     * @throws IOException on failure.
     */
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        flushCounters();
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeInt(config.tagCapacity());
        out.writeLong(nowMs);
        out.writeLong(eventSequence);
        out.writeLong(recordCount);
        for (int id = 0; id < Counters.FIRST_SHARED; id++)
        {
            out.writeLong(isPipelineCounter(id) ? counters.get(id) : 0);
        }
        for (int reason = 0; reason < RejectReason.REASON_COUNT; reason++)
        {
            out.writeLong(counters.rejected(reason));
        }
        zones.writeTo(out);
        tags.writeTo(out);
        final int limit = tags.handleLimit();
        ledger.writeTo(out, limit);
        dedup.writeTo(out, limit);
        zoneStage.writeTo(out, limit);
        presenceTimers.writeTo(out);
        links.writeTo(out);
        final RecordExtension extension = this.extension;
        out.writeBoolean(null != extension);
        if (null != extension)
        {
            extension.writeSnapshot(out, this);
        }
    }

    private static boolean isPipelineCounter(final int id)
    {
        // journal counters describe the journal of this process, not the pipeline state
        return id != Counters.JOURNALED && id != Counters.JOURNAL_LAG && id != Counters.SNAPSHOTS;
    }

    /**
     * Restore state written by {@link #writeSnapshot(DataOutput)} into a fresh pipeline built with the same
     * configuration.
     *
     * @param in to read from.
     * @throws IOException on failure or a mismatch with the configuration.
     */
    public void readSnapshot(final DataInput in) throws IOException
    {
        if (in.readInt() != SNAPSHOT_MAGIC)
        {
            throw new IOException("not a pipeline snapshot");
        }
        final int version = in.readInt();
        if (version != SNAPSHOT_VERSION)
        {
            throw new IOException("unsupported snapshot version " + version);
        }
        final int tagCapacity = in.readInt();
        if (tagCapacity > config.tagCapacity())
        {
            throw new IOException("snapshot tag capacity " + tagCapacity + " > configured " + config.tagCapacity());
        }
        nowMs = in.readLong();
        eventSequence = in.readLong();
        recordCount = in.readLong();
        for (int id = 0; id < Counters.FIRST_SHARED; id++)
        {
            final long value = in.readLong();
            if (isPipelineCounter(id))
            {
                counters.set(id, value);
            }
        }
        for (int reason = 0; reason < RejectReason.REASON_COUNT; reason++)
        {
            counters.set(Counters.REJECT_BASE + reason, in.readLong());
        }
        zones.readFrom(in);
        tags.readFrom(in);
        final int limit = tags.handleLimit();
        ledger.readFrom(in, limit);
        dedup.readFrom(in, limit);
        zoneStage.readFrom(in, limit);
        presenceTimers.readFrom(in);
        links.readFrom(in);
        final boolean hadExtension = in.readBoolean();
        final RecordExtension extension = this.extension;
        if (hadExtension != (null != extension))
        {
            throw new IOException("snapshot was taken " + (hadExtension ? "with" : "without") +
                " a record extension, the configuration has " + (null != extension ? "one" : "none"));
        }
        if (null != extension)
        {
            extension.readSnapshot(in, this);
        }
    }
}
