package dev.inventory.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.YieldingIdleStrategy;

import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.spi.DeviceAdapter;
import dev.inventory.core.spi.EpcFormatter;
import dev.inventory.core.spi.EventSink;
import dev.inventory.core.spi.SinkPolicy;
import dev.inventory.core.spi.SkuResolver;
import dev.inventory.core.zone.ZoneStage;

/**
 * Engine configuration: immutable, built and validated by {@link Builder#build()}, which names the bad field.
 * Also readable from a properties file for the CLI ({@link #fromProperties}). Threadsafe once built.
 */
public final class EngineConfig
{
    /** A sink with its failure policy. */
    public record SinkRegistration(EventSink sink, SinkPolicy policy)
    {
    }

    /** An antenna of a reader. */
    public record AntennaRef(int reader, int antenna)
    {
    }

    private final Builder b;
    private final Map<String, List<AntennaRef>> zones;
    private final Map<String, Integer> readers;
    private final List<SinkRegistration> sinks;
    private final List<DeviceAdapter> adapters;
    private final Map<String, String> adapterSettings;

    private EngineConfig(final Builder b)
    {
        this.b = b.copy();
        this.zones = Collections.unmodifiableMap(new LinkedHashMap<>(b.zones));
        this.readers = Collections.unmodifiableMap(new LinkedHashMap<>(b.readers));
        this.sinks = List.copyOf(b.sinks);
        this.adapters = List.copyOf(b.adapters);
        this.adapterSettings = Collections.unmodifiableMap(new TreeMap<>(b.adapterSettings));
    }

    /** @return a builder with defaults. */
    public static Builder builder()
    {
        return new Builder();
    }

    /** @return ingest ring slots. */
    public int ringCapacity()
    {
        return b.ringCapacity;
    }

    /** @return most tags tracked at once. */
    public int tagCapacity()
    {
        return b.tagCapacity;
    }

    /** @return dedup window in ms; 0 disables merging. */
    public long dedupWindowMs()
    {
        return b.dedupWindowMs;
    }

    /** @return dedup windows kept per tag (distinct antennas at once). */
    public int dedupSlotsPerTag()
    {
        return b.dedupSlotsPerTag;
    }

    /** @return time unseen after which a tag disappears, ms. */
    public long presenceTimeoutMs()
    {
        return b.presenceTimeoutMs;
    }

    /** @return time a missing tag stays in the ledger before it is forgotten, ms (0: forever). */
    public long missingRetentionMs()
    {
        return b.missingRetentionMs;
    }

    /** @return timer wheel resolution, ms. */
    public long timerTickMs()
    {
        return b.timerTickMs;
    }

    /** @return timer wheel slots. */
    public int timerWheelSize()
    {
        return b.timerWheelSize;
    }

    /** @return reads averaged by the zone smoother (window of the running mean). */
    public int zoneSmoothingReads()
    {
        return b.zoneSmoothingReads;
    }

    /** @return margin in dB a challenger zone must beat the incumbent by, at the hold-off. */
    public double zoneMarginDb()
    {
        return b.zoneMarginDb;
    }

    /** @return time since the incumbent last saw the tag at which the margin equals {@link #zoneMarginDb()}. */
    public long zoneHoldOffMs()
    {
        return b.zoneHoldOffMs;
    }

    /** @return margin change per ms since the incumbent last saw the tag (negative: decays). */
    public double zoneSlopeDbPerMs()
    {
        return b.zoneSlopeDbPerMs;
    }

    /** @return reads a challenger needs before it can win. */
    public int zoneMinReads()
    {
        return b.zoneMinReads;
    }

    /** @return window in ms within which the challenger's reads must fall to count. */
    public long zoneChallengeWindowMs()
    {
        return b.zoneChallengeWindowMs;
    }

    /** @return zone RSSI slots kept per tag. */
    public int zoneSlotsPerTag()
    {
        return b.zoneSlotsPerTag;
    }

    /** @return true if unknown antennas become zones of their own. */
    public boolean autoZones()
    {
        return b.autoZones;
    }

    /** @return zones in definition order with their antennas. */
    public Map<String, List<AntennaRef>> zones()
    {
        return zones;
    }

    /** @return reader names to ids. */
    public Map<String, Integer> readers()
    {
        return readers;
    }

    /** @return most records per duty cycle. */
    public int pollLimit()
    {
        return b.pollLimit;
    }

    /** @return interval of the engine's own clock ticks in ms (0: none, time moves only with device records). */
    public long clockTickIntervalMs()
    {
        return b.clockTickIntervalMs;
    }

    /** @return the wall clock used only for clock ticks. */
    public EpochClock epochClock()
    {
        return b.epochClock;
    }

    /** @return idle strategy factory for the engine thread. */
    public Supplier<IdleStrategy> idleStrategy()
    {
        return b.idleStrategy;
    }

    /** @return sinks. */
    public List<SinkRegistration> sinks()
    {
        return sinks;
    }

    /** @return adapters registered in code. */
    public List<DeviceAdapter> adapters()
    {
        return adapters;
    }

    /** @return adapter settings ("adapter.*" properties without the prefix). */
    public Map<String, String> adapterSettings()
    {
        return adapterSettings;
    }

    /** @return journal directory, or null when the journal is off. */
    public Path journalDir()
    {
        return b.journalDir;
    }

    /** @return journal sync level: 0 page cache, 1 fsync data, 2 fsync data and metadata. */
    public int journalSyncLevel()
    {
        return b.journalSyncLevel;
    }

    /**
     * @return true if a thread of the journal's faults in the queue file's pages ahead of the appender, so that the
     * engine thread does not take those page faults itself (default true).
     */
    public boolean journalPretouch()
    {
        return b.journalPretouch;
    }

    /** @return records between ledger snapshots (0: snapshot only on close). */
    public long snapshotIntervalRecords()
    {
        return b.snapshotIntervalRecords;
    }

    /** @return the SKU resolver. */
    public SkuResolver skuResolver()
    {
        return b.skuResolver;
    }

    /** @return the EPC formatter. */
    public EpcFormatter epcFormatter()
    {
        return b.epcFormatter;
    }

    /** @return the rules hook on the engine thread, or null. */
    public RecordExtension recordExtension()
    {
        return b.recordExtension;
    }

    /** @return true to discover adapters with ServiceLoader. */
    public boolean discoverAdapters()
    {
        return b.discoverAdapters;
    }

    /**
     * Read a configuration file in {@link Properties} format. Keys:
     * <pre>
     * ring.capacity, tags.capacity, dedup.windowMs, dedup.slotsPerTag, presence.timeoutMs,
     * presence.missingRetentionMs, timer.tickMs,
     * timer.wheelSize, zone.smoothingReads, zone.marginDb, zone.holdOffMs, zone.slopeDbPerMs, zone.minReads,
     * zone.challengeWindowMs, zone.slotsPerTag, zones.auto, engine.pollLimit, engine.clockTickMs,
     * engine.idle (backoff|yield|spin|sleep), journal.dir, journal.syncLevel, journal.pretouch,
     * journal.snapshotEveryRecords,
     * reader.NAME = id, zones.NAME = reader:antenna[,reader:antenna...]  (reader by id or by name),
     * adapter.* = passed to adapters
     * </pre>
     *
     * @param file to read.
     * @return a builder holding the file's settings.
     * @throws IOException on read failure.
     * @throws IllegalArgumentException naming the bad key.
     */
    public static Builder fromFile(final Path file) throws IOException
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        return fromProperties(properties);
    }

    /**
     * @param properties settings, see {@link #fromFile(Path)}.
     * @return a builder holding the settings.
     * @throws IllegalArgumentException naming the bad key.
     */
    public static Builder fromProperties(final Properties properties)
    {
        final Builder builder = builder();
        final Map<String, String> sorted = new TreeMap<>();
        for (final String key : properties.stringPropertyNames())
        {
            sorted.put(key, properties.getProperty(key).trim());
        }
        for (final Map.Entry<String, String> e : sorted.entrySet())
        {
            if (e.getKey().startsWith("reader."))
            {
                builder.reader(e.getKey().substring("reader.".length()), (int)parseLong(e.getKey(), e.getValue()));
            }
        }
        for (final Map.Entry<String, String> e : sorted.entrySet())
        {
            final String key = e.getKey();
            final String value = e.getValue();
            switch (key)
            {
                case "ring.capacity": builder.ringCapacity((int)parseLong(key, value)); break;
                case "tags.capacity": builder.tagCapacity((int)parseLong(key, value)); break;
                case "dedup.windowMs": builder.dedupWindowMs(parseLong(key, value)); break;
                case "dedup.slotsPerTag": builder.dedupSlotsPerTag((int)parseLong(key, value)); break;
                case "presence.timeoutMs": builder.presenceTimeoutMs(parseLong(key, value)); break;
                case "presence.missingRetentionMs": builder.missingRetentionMs(parseLong(key, value)); break;
                case "timer.tickMs": builder.timerTickMs(parseLong(key, value)); break;
                case "timer.wheelSize": builder.timerWheelSize((int)parseLong(key, value)); break;
                case "zone.smoothingReads": builder.zoneSmoothingReads((int)parseLong(key, value)); break;
                case "zone.marginDb": builder.zoneMarginDb(parseDouble(key, value)); break;
                case "zone.holdOffMs": builder.zoneHoldOffMs(parseLong(key, value)); break;
                case "zone.slopeDbPerMs": builder.zoneSlopeDbPerMs(parseDouble(key, value)); break;
                case "zone.minReads": builder.zoneMinReads((int)parseLong(key, value)); break;
                case "zone.challengeWindowMs": builder.zoneChallengeWindowMs(parseLong(key, value)); break;
                case "zone.slotsPerTag": builder.zoneSlotsPerTag((int)parseLong(key, value)); break;
                case "zones.auto": builder.autoZones(parseBoolean(key, value)); break;
                case "engine.pollLimit": builder.pollLimit((int)parseLong(key, value)); break;
                case "engine.clockTickMs": builder.clockTickIntervalMs(parseLong(key, value)); break;
                case "engine.idle": builder.idleStrategy(idleStrategyNamed(key, value)); break;
                case "journal.dir": builder.journalDir(value.isEmpty() ? null : Path.of(value)); break;
                case "journal.syncLevel": builder.journalSyncLevel((int)parseLong(key, value)); break;
                case "journal.pretouch": builder.journalPretouch(parseBoolean(key, value)); break;
                case "journal.snapshotEveryRecords": builder.snapshotIntervalRecords(parseLong(key, value)); break;
                default:
                    if (key.startsWith("zones."))
                    {
                        builder.zone(key.substring("zones.".length()), parseAntennas(key, value, builder.readers));
                    }
                    else if (key.startsWith("adapter."))
                    {
                        builder.adapterSetting(key.substring("adapter.".length()), value);
                    }
                    else if (!key.startsWith("reader."))
                    {
                        throw new IllegalArgumentException("unknown configuration key: " + key);
                    }
            }
        }
        return builder;
    }

    private static Supplier<IdleStrategy> idleStrategyNamed(final String key, final String value)
    {
        switch (value)
        {
            case "backoff": return Builder::defaultIdleStrategy;
            case "yield": return YieldingIdleStrategy::new;
            case "spin": return BusySpinIdleStrategy::new;
            case "sleep": return () -> new SleepingMillisIdleStrategy(1);
            default: throw new IllegalArgumentException(key + ": expected backoff|yield|spin|sleep, got '" + value + "'");
        }
    }

    private static List<AntennaRef> parseAntennas(final String key, final String value, final Map<String, Integer> readers)
    {
        final List<AntennaRef> antennas = new ArrayList<>();
        for (final String part : value.split(","))
        {
            final String item = part.trim();
            final int colon = item.lastIndexOf(':');
            if (colon <= 0 || colon == item.length() - 1)
            {
                throw new IllegalArgumentException(key + ": expected reader:antenna, got '" + item + "'");
            }
            final String readerText = item.substring(0, colon);
            final Integer named = readers.get(readerText);
            final int reader = null != named ? named : (int)parseLong(key, readerText);
            antennas.add(new AntennaRef(reader, (int)parseLong(key, item.substring(colon + 1))));
        }
        return antennas;
    }

    private static long parseLong(final String key, final String value)
    {
        try
        {
            return Long.parseLong(value.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + ": not an integer: '" + value + "'", ex);
        }
    }

    private static double parseDouble(final String key, final String value)
    {
        try
        {
            return Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + ": not a number: '" + value + "'", ex);
        }
    }

    private static boolean parseBoolean(final String key, final String value)
    {
        if ("true".equalsIgnoreCase(value))
        {
            return true;
        }
        if ("false".equalsIgnoreCase(value))
        {
            return false;
        }
        throw new IllegalArgumentException(key + ": expected true or false, got '" + value + "'");
    }

    /**
     * Fluent builder; {@link #build()} validates and names the bad field. NOT threadsafe.
     */
    public static final class Builder
    {
        int ringCapacity = 1 << 16;
        int tagCapacity = 1 << 18;
        long dedupWindowMs = 200;
        int dedupSlotsPerTag = 4;
        long presenceTimeoutMs = 30_000;
        long missingRetentionMs = 86_400_000;
        long timerTickMs = 100;
        int timerWheelSize = 1024;
        int zoneSmoothingReads = 14;
        double zoneMarginDb = 6.0;
        long zoneHoldOffMs = 500;
        double zoneSlopeDbPerMs = -0.008;
        int zoneMinReads = 2;
        long zoneChallengeWindowMs = 2_000;
        int zoneSlotsPerTag = 4;
        boolean autoZones = false;
        int pollLimit = 4096;
        long clockTickIntervalMs = 1000;
        EpochClock epochClock = SystemEpochClock.INSTANCE;
        Supplier<IdleStrategy> idleStrategy = Builder::defaultIdleStrategy;
        Path journalDir;
        int journalSyncLevel = 0;
        boolean journalPretouch = true;
        long snapshotIntervalRecords = 10_000_000;
        SkuResolver skuResolver = SkuResolver.NONE;
        EpcFormatter epcFormatter = EpcFormatter.HEX;
        boolean discoverAdapters = false;
        RecordExtension recordExtension;
        final Map<String, List<AntennaRef>> zones = new LinkedHashMap<>();
        final Map<String, Integer> readers = new LinkedHashMap<>();
        final List<SinkRegistration> sinks = new ArrayList<>();
        final List<DeviceAdapter> adapters = new ArrayList<>();
        final Map<String, String> adapterSettings = new LinkedHashMap<>();

        Builder()
        {
        }

        static IdleStrategy defaultIdleStrategy()
        {
            return new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        }

        Builder copy()
        {
            final Builder c = new Builder();
            c.ringCapacity = ringCapacity;
            c.tagCapacity = tagCapacity;
            c.dedupWindowMs = dedupWindowMs;
            c.dedupSlotsPerTag = dedupSlotsPerTag;
            c.presenceTimeoutMs = presenceTimeoutMs;
            c.missingRetentionMs = missingRetentionMs;
            c.timerTickMs = timerTickMs;
            c.timerWheelSize = timerWheelSize;
            c.zoneSmoothingReads = zoneSmoothingReads;
            c.zoneMarginDb = zoneMarginDb;
            c.zoneHoldOffMs = zoneHoldOffMs;
            c.zoneSlopeDbPerMs = zoneSlopeDbPerMs;
            c.zoneMinReads = zoneMinReads;
            c.zoneChallengeWindowMs = zoneChallengeWindowMs;
            c.zoneSlotsPerTag = zoneSlotsPerTag;
            c.autoZones = autoZones;
            c.pollLimit = pollLimit;
            c.clockTickIntervalMs = clockTickIntervalMs;
            c.epochClock = epochClock;
            c.idleStrategy = idleStrategy;
            c.journalDir = journalDir;
            c.journalSyncLevel = journalSyncLevel;
            c.journalPretouch = journalPretouch;
            c.snapshotIntervalRecords = snapshotIntervalRecords;
            c.skuResolver = skuResolver;
            c.epcFormatter = epcFormatter;
            c.discoverAdapters = discoverAdapters;
            c.recordExtension = recordExtension;
            c.zones.putAll(zones);
            c.readers.putAll(readers);
            c.sinks.addAll(sinks);
            c.adapters.addAll(adapters);
            c.adapterSettings.putAll(adapterSettings);
            return c;
        }

        /**
         * @param slots ingest ring slots, a power of two (default 65536).
         * @return this.
         */
        public Builder ringCapacity(final int slots)
        {
            this.ringCapacity = slots;
            return this;
        }

        /**
         * @param tags most tags tracked at once (default 262144).
         * @return this.
         */
        public Builder tagCapacity(final int tags)
        {
            this.tagCapacity = tags;
            return this;
        }

        /**
         * @param ms dedup window (default 200; 0 disables merging).
         * @return this.
         */
        public Builder dedupWindowMs(final long ms)
        {
            this.dedupWindowMs = ms;
            return this;
        }

        /**
         * @param slots dedup windows per tag (default 4).
         * @return this.
         */
        public Builder dedupSlotsPerTag(final int slots)
        {
            this.dedupSlotsPerTag = slots;
            return this;
        }

        /**
         * @param ms time unseen after which a tag disappears (default 30000).
         * @return this.
         */
        public Builder presenceTimeoutMs(final long ms)
        {
            this.presenceTimeoutMs = ms;
            return this;
        }

        /**
         * @param ms time a missing tag stays in the ledger (last known zone) before it is forgotten and its slot
         *           reused (default 86400000 = 24 h; 0 keeps missing tags forever, until RETIRE_TAG).
         * @return this.
         */
        public Builder missingRetentionMs(final long ms)
        {
            this.missingRetentionMs = ms;
            return this;
        }

        /**
         * @param ms timer wheel resolution (default 100).
         * @return this.
         */
        public Builder timerTickMs(final long ms)
        {
            this.timerTickMs = ms;
            return this;
        }

        /**
         * @param slots timer wheel slots, a power of two (default 1024).
         * @return this.
         */
        public Builder timerWheelSize(final int slots)
        {
            this.timerWheelSize = slots;
            return this;
        }

        /**
         * @param reads window of the running RSSI mean per tag and zone (default 14, tuned by the zone-quality benchmark).
         * @return this.
         */
        public Builder zoneSmoothingReads(final int reads)
        {
            this.zoneSmoothingReads = reads;
            return this;
        }

        /**
         * @param db margin to beat the incumbent zone by at the hold-off (default 6).
         * @return this.
         */
        public Builder zoneMarginDb(final double db)
        {
            this.zoneMarginDb = db;
            return this;
        }

        /**
         * @param ms hold-off (default 500).
         * @return this.
         */
        public Builder zoneHoldOffMs(final long ms)
        {
            this.zoneHoldOffMs = ms;
            return this;
        }

        /**
         * @param dbPerMs margin slope, &lt;= 0 (default -0.008).
         * @return this.
         */
        public Builder zoneSlopeDbPerMs(final double dbPerMs)
        {
            this.zoneSlopeDbPerMs = dbPerMs;
            return this;
        }

        /**
         * @param reads reads a challenger needs (default 2).
         * @return this.
         */
        public Builder zoneMinReads(final int reads)
        {
            this.zoneMinReads = reads;
            return this;
        }

        /**
         * @param ms window within which a challenger's reads count (default 2000).
         * @return this.
         */
        public Builder zoneChallengeWindowMs(final long ms)
        {
            this.zoneChallengeWindowMs = ms;
            return this;
        }

        /**
         * @param slots zone RSSI slots per tag (default 4).
         * @return this.
         */
        public Builder zoneSlotsPerTag(final int slots)
        {
            this.zoneSlotsPerTag = slots;
            return this;
        }

        /**
         * @param auto make unknown antennas zones of their own instead of rejecting their reads (default false).
         * @return this.
         */
        public Builder autoZones(final boolean auto)
        {
            this.autoZones = auto;
            return this;
        }

        /**
         * Define a zone and the antennas that look into it; zones get ids in definition order.
         *
         * @param name     zone name.
         * @param antennas antennas of the zone.
         * @return this.
         */
        public Builder zone(final String name, final List<AntennaRef> antennas)
        {
            if (null == name || name.isBlank())
            {
                throw new IllegalArgumentException("zones: zone name must not be blank");
            }
            zones.computeIfAbsent(name, k -> new ArrayList<>()).addAll(antennas);
            return this;
        }

        /**
         * Define a zone with antennas of one reader.
         *
         * @param name     zone name.
         * @param reader   reader id.
         * @param antennas antenna ports.
         * @return this.
         */
        public Builder zone(final String name, final int reader, final int... antennas)
        {
            final List<AntennaRef> refs = new ArrayList<>();
            for (final int antenna : antennas)
            {
                refs.add(new AntennaRef(reader, antenna));
            }
            return zone(name, refs);
        }

        /**
         * Name a reader.
         *
         * @param name reader name as adapters and files know it.
         * @param id   reader id in records.
         * @return this.
         */
        public Builder reader(final String name, final int id)
        {
            readers.put(name, id);
            return this;
        }

        /**
         * @param records most records per duty cycle (default 4096).
         * @return this.
         */
        public Builder pollLimit(final int records)
        {
            this.pollLimit = records;
            return this;
        }

        /**
         * @param ms interval of engine clock ticks from the epoch clock (default 1000; 0: none).
         * @return this.
         */
        public Builder clockTickIntervalMs(final long ms)
        {
            this.clockTickIntervalMs = ms;
            return this;
        }

        /**
         * @param clock wall clock for clock ticks.
         * @return this.
         */
        public Builder epochClock(final EpochClock clock)
        {
            this.epochClock = clock;
            return this;
        }

        /**
         * @param supplier idle strategy for the engine thread (default backoff; busy-spin is opt-in).
         * @return this.
         */
        public Builder idleStrategy(final Supplier<IdleStrategy> supplier)
        {
            this.idleStrategy = supplier;
            return this;
        }

        /**
         * @param sink   a sink.
         * @param policy its failure policy.
         * @return this.
         */
        public Builder sink(final EventSink sink, final SinkPolicy policy)
        {
            sinks.add(new SinkRegistration(sink, policy));
            return this;
        }

        /**
         * @param sink a sink with {@link SinkPolicy#DEFAULT}.
         * @return this.
         */
        public Builder sink(final EventSink sink)
        {
            return sink(sink, SinkPolicy.DEFAULT);
        }

        /**
         * @param adapter an adapter registered in code.
         * @return this.
         */
        public Builder adapter(final DeviceAdapter adapter)
        {
            adapters.add(adapter);
            return this;
        }

        /**
         * @param extension rules hook run on the engine thread for every accepted record (null: none).
         * @return this.
         */
        public Builder recordExtension(final RecordExtension extension)
        {
            this.recordExtension = extension;
            return this;
        }

        /**
         * @param discover also discover adapters with ServiceLoader (default false).
         * @return this.
         */
        public Builder discoverAdapters(final boolean discover)
        {
            this.discoverAdapters = discover;
            return this;
        }

        /**
         * @param key   adapter setting key.
         * @param value value.
         * @return this.
         */
        public Builder adapterSetting(final String key, final String value)
        {
            adapterSettings.put(key, value);
            return this;
        }

        /**
         * @param dir journal directory; null turns the journal off (default off).
         * @return this.
         */
        public Builder journalDir(final Path dir)
        {
            this.journalDir = dir;
            return this;
        }

        /**
         * @param level 0 page cache (survives a process crash), 1 fsync data, 2 fsync data and metadata.
         * @return this.
         */
        public Builder journalSyncLevel(final int level)
        {
            this.journalSyncLevel = level;
            return this;
        }

        /**
         * @param pretouch whether a journal thread faults in queue file pages ahead of the appender (default true).
         * @return this.
         */
        public Builder journalPretouch(final boolean pretouch)
        {
            this.journalPretouch = pretouch;
            return this;
        }

        /**
         * @param records records between snapshots (default 10,000,000; 0: only on close).
         * @return this.
         */
        public Builder snapshotIntervalRecords(final long records)
        {
            this.snapshotIntervalRecords = records;
            return this;
        }

        /**
         * @param resolver SKU from EPC.
         * @return this.
         */
        public Builder skuResolver(final SkuResolver resolver)
        {
            this.skuResolver = resolver;
            return this;
        }

        /**
         * @param formatter EPC rendering.
         * @return this.
         */
        public Builder epcFormatter(final EpcFormatter formatter)
        {
            this.epcFormatter = formatter;
            return this;
        }

        /**
         * Validate and build.
         *
         * @return the configuration.
         * @throws IllegalArgumentException naming the first bad field.
         */
        public EngineConfig build()
        {
            requirePowerOfTwo("ringCapacity", ringCapacity, 2, 1 << 24);
            require("tagCapacity", tagCapacity >= 1 && tagCapacity <= (1 << 26), tagCapacity, "1..67108864");
            require("dedupWindowMs", dedupWindowMs >= 0 && dedupWindowMs <= 3_600_000, dedupWindowMs, "0..3600000");
            require("dedupSlotsPerTag", dedupSlotsPerTag >= 1 && dedupSlotsPerTag <= 16, dedupSlotsPerTag, "1..16");
            require("presenceTimeoutMs", presenceTimeoutMs >= 1, presenceTimeoutMs, ">= 1");
            require("missingRetentionMs", missingRetentionMs >= 0, missingRetentionMs, ">= 0");
            require("timerTickMs", timerTickMs >= 1 && timerTickMs <= presenceTimeoutMs, timerTickMs,
                "1..presenceTimeoutMs");
            requirePowerOfTwo("timerWheelSize", timerWheelSize, 2, 1 << 20);
            require("zoneSmoothingReads", zoneSmoothingReads >= 1 && zoneSmoothingReads <= 1000, zoneSmoothingReads,
                "1..1000");
            require("zoneMarginDb", zoneMarginDb >= 0 && zoneMarginDb <= 100, zoneMarginDb, "0..100");
            require("zoneHoldOffMs", zoneHoldOffMs >= 0, zoneHoldOffMs, ">= 0");
            require("zoneSlopeDbPerMs", zoneSlopeDbPerMs <= 0 && zoneSlopeDbPerMs >= -100, zoneSlopeDbPerMs, "-100..0");
            require("zoneMinReads", zoneMinReads >= 1 && zoneMinReads <= ZoneStage.MAX_READS, zoneMinReads,
                "1..65535");
            require("zoneChallengeWindowMs", zoneChallengeWindowMs >= 1, zoneChallengeWindowMs, ">= 1");
            require("zoneSlotsPerTag", zoneSlotsPerTag >= 2 && zoneSlotsPerTag <= 16, zoneSlotsPerTag, "2..16");
            require("pollLimit", pollLimit >= 1 && pollLimit <= ringCapacity, pollLimit, "1..ringCapacity");
            require("clockTickIntervalMs", clockTickIntervalMs >= 0, clockTickIntervalMs, ">= 0");
            require("journalSyncLevel", journalSyncLevel >= 0 && journalSyncLevel <= 2, journalSyncLevel, "0, 1 or 2");
            require("snapshotIntervalRecords", snapshotIntervalRecords >= 0, snapshotIntervalRecords, ">= 0");
            requireNonNull("epochClock", epochClock);
            requireNonNull("idleStrategy", idleStrategy);
            requireNonNull("skuResolver", skuResolver);
            requireNonNull("epcFormatter", epcFormatter);
            for (final Map.Entry<String, List<AntennaRef>> zone : zones.entrySet())
            {
                for (final AntennaRef ref : zone.getValue())
                {
                    if (ref.antenna() < 1 || ref.antenna() > 0xFFFF)
                    {
                        throw new IllegalArgumentException(
                            "zones." + zone.getKey() + ": antenna must be in 1..65535, got " + ref.antenna());
                    }
                }
            }
            for (final SinkRegistration registration : sinks)
            {
                requireNonNull("sinks", registration.sink());
                requireNonNull("sinks.policy", registration.policy());
            }
            return new EngineConfig(this);
        }

        private static void requirePowerOfTwo(final String field, final int value, final int min, final int max)
        {
            if (value < min || value > max || Integer.bitCount(value) != 1)
            {
                throw new IllegalArgumentException(
                    field + " must be a power of two in " + min + ".." + max + ", got " + value);
            }
        }

        private static void require(final String field, final boolean ok, final Object value, final String range)
        {
            if (!ok)
            {
                throw new IllegalArgumentException(field + " must be " + range + ", got " + value);
            }
        }

        private static void requireNonNull(final String field, final Object value)
        {
            if (null == value)
            {
                throw new IllegalArgumentException(field + " must not be null");
            }
        }
    }
}
