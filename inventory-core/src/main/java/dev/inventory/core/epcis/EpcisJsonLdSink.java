package dev.inventory.core.epcis;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.spi.EpcFormatter;
import dev.inventory.core.spi.EventSink;
import dev.inventory.core.spi.SinkContext;

/**
 * Writes the engine's events as GS1 EPCIS 2.0 JSON-LD, either as one {@code EPCISDocument} whose
 * {@code epcisBody.eventList} grows with every batch and is closed by {@link #onClose()}
 * ({@link Mode#DOCUMENT}: one event per line between a header line and a closing line; a file cut short by a crash
 * lacks the closing line), or as one complete {@code EPCISDocument} holding one event per line
 * ({@link Mode#JSON_LINES}: every line stands alone, so a crash loses at most the line being written).
 * <p>
 * <b>Mapping</b> (every event becomes an {@code ObjectEvent} with {@code action} {@code OBSERVE}; "zone" is the zone
 * the event happens at; bizStep and disposition from the zone's {@link EpcisZone} win over the type's defaults for
 * arrivals only):
 * <pre>
 * engine event        at zone  bizStep (default)  disposition (default)  readPoint              bizLocation
 * appeared      1     to       zone | arriving    zone | -               antenna | zone         zone
 * moved         2     to       zone | storing     zone | -               antenna | zone         zone
 * disappeared   3     from     -                  unknown                zone                   -
 * zone_enter    110   to       zone | arriving    zone | -               zone                   zone
 * zone_exit     111   from     departing          -                      zone                   -
 * portal_in     120   to       receiving          in_progress            portal | zone          zone
 * portal_out    121   from     shipping           in_transit             portal | from zone     -
 * others (dwell_exceeded 112, restricted_entry 113, portal_near 122, rules codes): not written, counted as skipped.
 * </pre>
 * Type defaults can be changed with {@link Context#bizStep(int, String)} / {@link Context#disposition(int, String)}
 * (null removes the field). "antenna" / "portal" is a read point set with {@link Context#readPoint(int, int, String)}
 * for the event's reader and antenna (antenna 0 for portals); "zone" is the zone's {@link EpcisZone#readPoint()},
 * else its {@link EpcisZone#bizLocation()}, else {@link Context#locationUriPrefix()} + the percent-encoded zone
 * name. A disappearance is not a read, so it carries no bizLocation (where the object is is not known) and the
 * disposition {@code unknown}; the read point is where it was last seen.
 * <p>
 * <b>Fields</b>: {@code eventTime} is the event's record time in UTC with milliseconds
 * ({@code 2023-11-14T22:13:20.000Z}), {@code eventTimeZoneOffset} {@code +00:00}; no {@code recordTime} (the
 * capturing repository sets it). {@code eventID} is {@link EpcisEventId#of(String, long)} of the configured
 * partition id and the engine's event sequence, so a replay gives the same IDs. {@code epcList} holds one URI: the
 * engine's {@link dev.inventory.core.spi.EpcFormatter} text when it is a URI (a GS1 pure-identity URI with the rfid
 * module), else the TDS EPC raw URI {@code urn:epc:raw:96.x<24 hex digits>} (events carry 96 bits; the schema
 * allows only URIs in {@code epcList}); for RTLS events, whose id is an RTLS tag number, not an EPC,
 * {@link Context#rtlsTagUriPrefix()} + the number. With {@link Context#extensions(boolean)} on (default), each event
 * also carries user extension fields in the {@value #EXTENSION_PREFIX} namespace
 * ({@link Context#extensionNamespace()}): {@code inv:event} (engine type name), {@code inv:sequence},
 * {@code inv:fromZone} / {@code inv:toZone} (zone names), {@code inv:dwellMs} (moves and departures),
 * {@code inv:reader} / {@code inv:antenna} (when a reader decided the event) and {@code inv:rssiCentiDbm} (when
 * known).
 * <p>
 * The document's {@code creationDate} comes from the injected clock: at start ({@link Mode#DOCUMENT}) or per line.
 * Allocates per event (on the sink thread, never the engine's). Called from one sink thread at a time (NOT
 * threadsafe otherwise); the counters may be read from any thread.
 */
public final class EpcisJsonLdSink implements EventSink
{
    /** Output layout. */
    public enum Mode
    {
        /** One EPCISDocument for the whole run, closed at {@link EpcisJsonLdSink#onClose()}. */
        DOCUMENT,
        /** One EPCISDocument with one event per line. */
        JSON_LINES
    }

    /** The EPCIS 2.0 JSON-LD context. */
    public static final String EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    /** JSON-LD prefix of the extension fields. */
    public static final String EXTENSION_PREFIX = "inv";
    /** Default namespace IRI of the extension fields. */
    public static final String DEFAULT_EXTENSION_NAMESPACE = "urn:dev:inventory:epcis:";
    /** Default prefix of zone location URIs; replace with SGLNs or URIs of your own domain in production. */
    public static final String DEFAULT_LOCATION_URI_PREFIX = "urn:dev:inventory:zone:";
    /** Default prefix of RTLS tag URIs. */
    public static final String DEFAULT_RTLS_TAG_URI_PREFIX = "urn:dev:inventory:rtls-tag:";
    /** The eventTimeZoneOffset written: event times are UTC. */
    public static final String TIME_ZONE_OFFSET = "+00:00";

    /** CBV 2.0 business steps (bare names, as the EPCIS 2.0 JSON schema lists them). */
    public static final Set<String> CBV_BIZ_STEPS = Set.of(
        "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning",
        "creating_class_instance", "cycle_counting", "decommissioning", "departing", "destroying", "disassembling",
        "dispensing", "encoding", "entering_exiting", "holding", "inspecting", "installing", "killing", "loading",
        "other", "packing", "picking", "receiving", "removing", "repackaging", "repairing", "replacing", "reserving",
        "retail_selling", "shipping", "staging_outbound", "stock_taking", "stocking", "storing", "transporting",
        "unloading", "unpacking", "void_shipping", "sensor_reporting", "sampling");
    /** CBV 2.0 dispositions (bare names, as the EPCIS 2.0 JSON schema lists them). */
    public static final Set<String> CBV_DISPOSITIONS = Set.of(
        "active", "container_closed", "damaged", "destroyed", "dispensed", "disposed", "encoded", "expired",
        "in_progress", "in_transit", "inactive", "no_pedigree_match", "non_sellable_other", "partially_dispensed",
        "recalled", "reserved", "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible",
        "stolen", "unknown", "available", "completeness_verified", "completeness_inferred", "conformant",
        "container_open", "mismatch_instance", "mismatch_class", "mismatch_quantity", "needs_replacement",
        "non_conformant", "unavailable");

    private static final DateTimeFormatter EVENT_TIME =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Context ctx;
    private final StringBuilder sb = new StringBuilder(64 * 1024);
    private final StringBuilder epc = new StringBuilder(64);
    private final JsonWriter json = new JsonWriter();
    private final Map<Integer, String> zoneLocationCache = new HashMap<>();
    private Writer writer;
    private SinkContext context;
    private boolean firstEvent = true;
    private volatile long eventsWritten;
    private volatile long eventsSkipped;

    /**
     * @param ctx settings; validated here.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public EpcisJsonLdSink(final Context ctx)
    {
        this.ctx = ctx.conclude();
    }

    /** @return the settings. */
    public Context context()
    {
        return ctx;
    }

    @Override
    public String roleName()
    {
        return "epcis:" + (null != ctx.file() ? ctx.file().getFileName() : "writer");
    }

    @Override
    public void onStart(final SinkContext context) throws IOException
    {
        this.context = context;
        if (null != ctx.file())
        {
            final Path parent = ctx.file().toAbsolutePath().getParent();
            if (null != parent)
            {
                Files.createDirectories(parent);
            }
            writer = Files.newBufferedWriter(ctx.file(), StandardCharsets.UTF_8);
        }
        else
        {
            writer = ctx.writer();
        }
        if (ctx.mode() == Mode.DOCUMENT)
        {
            sb.setLength(0);
            beginDocument(json.reset(sb));
            sb.append('\n');
            writer.append(sb);
            writer.flush();
        }
    }

    @Override
    public void onEvents(final EventBatch batch) throws IOException
    {
        final StringBuilder sb = this.sb;
        sb.setLength(0);
        long written = 0;
        long skipped = 0;
        boolean first = firstEvent;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            final EventFlyweight event = batch.event(i);
            if (!isMapped(event.type()))
            {
                skipped++;
                continue;
            }
            if (ctx.mode() == Mode.DOCUMENT)
            {
                if (!first)
                {
                    sb.append(",\n");
                }
                first = false;
                appendEvent(json.reset(sb), event, false);
            }
            else
            {
                final JsonWriter json = this.json.reset(sb);
                beginDocument(json);
                appendEvent(json, event, false);
                endDocument(json);
                sb.append('\n');
            }
            written++;
        }
        writer.append(sb);
        writer.flush();
        firstEvent = first; // only once written: a failed batch is retried whole
        eventsWritten += written;
        eventsSkipped += skipped;
    }

    @Override
    public void onClose() throws IOException
    {
        final Writer writer = this.writer;
        if (null == writer)
        {
            return;
        }
        this.writer = null;
        try
        {
            if (ctx.mode() == Mode.DOCUMENT)
            {
                writer.write(firstEvent ? "]}}\n" : "\n]}}\n");
            }
            writer.flush();
        }
        finally
        {
            if (null != ctx.file())
            {
                writer.close();
            }
        }
    }

    /** @return events written so far. */
    public long eventsWritten()
    {
        return eventsWritten;
    }

    /** @return events not written because their type has no EPCIS mapping. */
    public long eventsSkipped()
    {
        return eventsSkipped;
    }

    /**
     * Render one event as a standalone EPCIS ObjectEvent (with its own {@code @context}), or null if its type is not
     * mapped. For tests and tools; the sink must have been started.
     *
     * @param event the event.
     * @return the JSON text, or null.
     */
    public String renderEvent(final EventFlyweight event)
    {
        if (!isMapped(event.type()))
        {
            return null;
        }
        final StringBuilder out = new StringBuilder(512);
        appendEvent(new JsonWriter().reset(out), event, true);
        return out.toString();
    }

    /**
     * @param type event type code.
     * @return true if events of the type are written.
     */
    public static boolean isMapped(final int type)
    {
        switch (type)
        {
            case EventType.APPEARED:
            case EventType.MOVED:
            case EventType.DISAPPEARED:
            case EventType.RTLS_ZONE_ENTER:
            case EventType.RTLS_ZONE_EXIT:
            case EventType.PORTAL_IN:
            case EventType.PORTAL_OUT:
                return true;
            default:
                return false;
        }
    }

    private void beginDocument(final JsonWriter json)
    {
        json.beginObject();
        appendContext(json);
        json.member("type", "EPCISDocument")
            .member("schemaVersion", "2.0")
            .member("creationDate", EVENT_TIME.format(Instant.ofEpochMilli(ctx.clock().time())))
            .name("epcisBody").beginObject()
            .name("eventList").beginArray();
    }

    private static void endDocument(final JsonWriter json)
    {
        json.endArray().endObject().endObject();
    }

    private void appendContext(final JsonWriter json)
    {
        json.name("@context");
        if (ctx.extensions())
        {
            json.beginArray().value(EPCIS_CONTEXT)
                .beginObject().member(EXTENSION_PREFIX, ctx.extensionNamespace()).endObject()
                .endArray();
        }
        else
        {
            json.value(EPCIS_CONTEXT);
        }
    }

    private void appendEvent(final JsonWriter json, final EventFlyweight event, final boolean standalone)
    {
        final int type = event.type();
        final boolean departure = type == EventType.DISAPPEARED || type == EventType.RTLS_ZONE_EXIT ||
            type == EventType.PORTAL_OUT;
        final boolean arrival = type == EventType.APPEARED || type == EventType.MOVED ||
            type == EventType.RTLS_ZONE_ENTER;
        final int zoneId = departure ? event.fromZone() : event.toZone();
        final String zoneName = context.zoneName(zoneId);
        final EpcisZone zone = null == zoneName ? EpcisZone.DEFAULTS : ctx.zone(zoneName);

        String bizStep = ctx.bizStep(type);
        String disposition = ctx.disposition(type);
        if (arrival)
        {
            if (null != zone.bizStep())
            {
                bizStep = zone.bizStep();
            }
            if (null != zone.disposition())
            {
                disposition = zone.disposition();
            }
        }
        String readPoint = ctx.readPoint(event.source(), event.antenna());
        if (null == readPoint && null != zoneName)
        {
            readPoint = null != zone.readPoint() ? zone.readPoint() : zoneLocation(zoneId, zoneName, zone);
        }
        final String bizLocation = departure || null == zoneName ? null : zoneLocation(zoneId, zoneName, zone);

        json.beginObject();
        if (standalone)
        {
            appendContext(json);
        }
        json.member("type", "ObjectEvent")
            .member("eventTime", EVENT_TIME.format(Instant.ofEpochMilli(event.timestampMs())))
            .member("eventTimeZoneOffset", TIME_ZONE_OFFSET)
            .member("eventID", EpcisEventId.of(ctx.partitionId(), event.sequence()))
            .name("epcList").beginArray().value(epcUri(event)).endArray()
            .member("action", "OBSERVE")
            .member("bizStep", bizStep)
            .member("disposition", disposition)
            .idMember("readPoint", readPoint)
            .idMember("bizLocation", bizLocation);
        if (ctx.extensions())
        {
            json.member("inv:event", EventType.name(type))
                .member("inv:sequence", event.sequence())
                .member("inv:fromZone", context.zoneName(event.fromZone()))
                .member("inv:toZone", context.zoneName(event.toZone()));
            if (type == EventType.MOVED || departure)
            {
                json.member("inv:dwellMs", event.dwellMs());
            }
            if (event.source() != 0)
            {
                json.member("inv:reader", event.source());
                if (event.antenna() != 0)
                {
                    json.member("inv:antenna", event.antenna());
                }
            }
            if (event.rssiCentiDbm() != 0)
            {
                json.member("inv:rssiCentiDbm", event.rssiCentiDbm());
            }
        }
        json.endObject();
    }

    private String zoneLocation(final int zoneId, final String zoneName, final EpcisZone zone)
    {
        if (null != zone.bizLocation())
        {
            return zone.bizLocation();
        }
        // zone ids are never reused for another name
        String uri = zoneLocationCache.get(zoneId);
        if (null == uri)
        {
            uri = ctx.locationUriPrefix() + percentEncode(zoneName);
            zoneLocationCache.put(zoneId, uri);
        }
        return uri;
    }

    private String epcUri(final EventFlyweight event)
    {
        final int type = event.type();
        if (type == EventType.RTLS_ZONE_ENTER || type == EventType.RTLS_ZONE_EXIT)
        {
            return ctx.rtlsTagUriPrefix() + Long.toUnsignedString(event.epcHigh());
        }
        final StringBuilder epc = this.epc;
        epc.setLength(0);
        context.epcFormatter().append(event.epcHigh(), event.epcLow(), epc);
        if (epc.indexOf(":") > 0)
        {
            return epc.toString();
        }
        epc.setLength(0);
        epc.append("urn:epc:raw:96.x");
        return EpcFormatter.appendHex(event.epcHigh(), event.epcLow(), epc).toString();
    }

    /**
     * Percent-encode everything but the URI unreserved characters (RFC 3986), as UTF-8.
     *
     * @param text to encode.
     * @return the encoded text.
     */
    static String percentEncode(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final StringBuilder out = new StringBuilder(bytes.length + 8);
        for (final byte b : bytes)
        {
            final int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~')
            {
                out.append((char)c);
            }
            else
            {
                out.append('%')
                    .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Settings of an {@link EpcisJsonLdSink}; {@link #conclude()} validates, fills defaults and names the bad field.
     * NOT threadsafe; do not change after the sink is built.
     */
    public static final class Context
    {
        private Path file;
        private Writer writer;
        private Mode mode = Mode.DOCUMENT;
        private String partitionId = "default";
        private EpochClock clock = SystemEpochClock.INSTANCE;
        private boolean extensions = true;
        private String extensionNamespace = DEFAULT_EXTENSION_NAMESPACE;
        private String locationUriPrefix = DEFAULT_LOCATION_URI_PREFIX;
        private String rtlsTagUriPrefix = DEFAULT_RTLS_TAG_URI_PREFIX;
        private final Map<String, EpcisZone> zones = new LinkedHashMap<>();
        private final Map<Long, String> readPoints = new HashMap<>();
        private final Map<Integer, String> bizSteps = new HashMap<>();
        private final Map<Integer, String> dispositions = new HashMap<>();

        /** Defaults as in the mapping table of {@link EpcisJsonLdSink}. */
        public Context()
        {
            bizSteps.put((int)EventType.APPEARED, "arriving");
            bizSteps.put((int)EventType.MOVED, "storing");
            bizSteps.put((int)EventType.RTLS_ZONE_ENTER, "arriving");
            bizSteps.put((int)EventType.RTLS_ZONE_EXIT, "departing");
            bizSteps.put((int)EventType.PORTAL_IN, "receiving");
            bizSteps.put((int)EventType.PORTAL_OUT, "shipping");
            dispositions.put((int)EventType.DISAPPEARED, "unknown");
            dispositions.put((int)EventType.PORTAL_IN, "in_progress");
            dispositions.put((int)EventType.PORTAL_OUT, "in_transit");
        }

        /**
         * @param file file to write (truncated); either this or {@link #writer(Writer)}.
         * @return this.
         */
        public Context file(final Path file)
        {
            this.file = file;
            return this;
        }

        /** @return the file, or null when writing to a writer. */
        public Path file()
        {
            return file;
        }

        /**
         * @param writer to write to; flushed after every batch, not closed by the sink.
         * @return this.
         */
        public Context writer(final Writer writer)
        {
            this.writer = writer;
            return this;
        }

        /** @return the writer, or null when writing to a file. */
        public Writer writer()
        {
            return writer;
        }

        /**
         * @param mode one document (default) or one document per line.
         * @return this.
         */
        public Context mode(final Mode mode)
        {
            this.mode = mode;
            return this;
        }

        /** @return the output layout. */
        public Mode mode()
        {
            return mode;
        }

        /**
         * @param partitionId the engine / partition id in event IDs (default "default"); give each engine its own.
         * @return this.
         */
        public Context partitionId(final String partitionId)
        {
            this.partitionId = partitionId;
            return this;
        }

        /** @return the partition id. */
        public String partitionId()
        {
            return partitionId;
        }

        /**
         * @param clock wall clock for the documents' creationDate (default the system clock).
         * @return this.
         */
        public Context clock(final EpochClock clock)
        {
            this.clock = clock;
            return this;
        }

        /** @return the clock. */
        public EpochClock clock()
        {
            return clock;
        }

        /**
         * @param extensions true (default) to add the {@code inv:} extension fields.
         * @return this.
         */
        public Context extensions(final boolean extensions)
        {
            this.extensions = extensions;
            return this;
        }

        /** @return true if extension fields are written. */
        public boolean extensions()
        {
            return extensions;
        }

        /**
         * @param namespace IRI the {@code inv:} prefix stands for; must end with '/', '#' or ':'.
         * @return this.
         */
        public Context extensionNamespace(final String namespace)
        {
            this.extensionNamespace = namespace;
            return this;
        }

        /** @return the extension namespace IRI. */
        public String extensionNamespace()
        {
            return extensionNamespace;
        }

        /**
         * @param prefix URI prefix of zones without a configured bizLocation; the percent-encoded zone name follows.
         * @return this.
         */
        public Context locationUriPrefix(final String prefix)
        {
            this.locationUriPrefix = prefix;
            return this;
        }

        /** @return the zone location URI prefix. */
        public String locationUriPrefix()
        {
            return locationUriPrefix;
        }

        /**
         * @param prefix URI prefix of RTLS tag ids; the unsigned decimal tag id follows.
         * @return this.
         */
        public Context rtlsTagUriPrefix(final String prefix)
        {
            this.rtlsTagUriPrefix = prefix;
            return this;
        }

        /** @return the RTLS tag URI prefix. */
        public String rtlsTagUriPrefix()
        {
            return rtlsTagUriPrefix;
        }

        /**
         * @param zoneName zone name as configured in the engine.
         * @param zone     what EPCIS says about the zone.
         * @return this.
         */
        public Context zone(final String zoneName, final EpcisZone zone)
        {
            zones.put(zoneName, zone);
            return this;
        }

        /**
         * @param zoneName zone name.
         * @return its settings, {@link EpcisZone#DEFAULTS} if none.
         */
        public EpcisZone zone(final String zoneName)
        {
            return zones.getOrDefault(zoneName, EpcisZone.DEFAULTS);
        }

        /** @return zone settings by zone name (read-only view). */
        public Map<String, EpcisZone> zones()
        {
            return Collections.unmodifiableMap(zones);
        }

        /**
         * @param reader  reader id (portal id for portal events).
         * @param antenna antenna port (0 for portal events).
         * @param uri     read point URI of that antenna (or portal), e.g. an SGLN with an extension.
         * @return this.
         */
        public Context readPoint(final int reader, final int antenna, final String uri)
        {
            readPoints.put(readPointKey(reader, antenna), uri);
            return this;
        }

        /**
         * @param reader  reader id.
         * @param antenna antenna port.
         * @return the configured read point, or null.
         */
        public String readPoint(final int reader, final int antenna)
        {
            return readPoints.isEmpty() ? null : readPoints.get(readPointKey(reader, antenna));
        }

        /**
         * @param eventType {@link EventType} code.
         * @param bizStep   default bizStep for the type, or null for none.
         * @return this.
         */
        public Context bizStep(final int eventType, final String bizStep)
        {
            bizSteps.put(eventType, bizStep);
            return this;
        }

        /**
         * @param eventType {@link EventType} code.
         * @return the default bizStep, or null.
         */
        public String bizStep(final int eventType)
        {
            return bizSteps.get(eventType);
        }

        /**
         * @param eventType   {@link EventType} code.
         * @param disposition default disposition for the type, or null for none.
         * @return this.
         */
        public Context disposition(final int eventType, final String disposition)
        {
            dispositions.put(eventType, disposition);
            return this;
        }

        /**
         * @param eventType {@link EventType} code.
         * @return the default disposition, or null.
         */
        public String disposition(final int eventType)
        {
            return dispositions.get(eventType);
        }

        private static long readPointKey(final int reader, final int antenna)
        {
            return ((long)reader << 32) | (antenna & 0xFFFF_FFFFL);
        }

        /**
         * Validate.
         *
         * @return this.
         * @throws IllegalArgumentException naming the bad field.
         */
        public Context conclude()
        {
            if ((null == file) == (null == writer))
            {
                throw new IllegalArgumentException("exactly one of file and writer must be set");
            }
            requireNonNull("mode", mode);
            requireNonNull("clock", clock);
            if (null == partitionId || partitionId.isEmpty())
            {
                throw new IllegalArgumentException("partitionId must not be empty");
            }
            requireUri("extensionNamespace", extensionNamespace);
            final char last = extensionNamespace.charAt(extensionNamespace.length() - 1);
            if (last != '/' && last != '#' && last != ':')
            {
                throw new IllegalArgumentException(
                    "extensionNamespace must end with '/', '#' or ':', got " + extensionNamespace);
            }
            requireUri("locationUriPrefix", locationUriPrefix + "x");
            requireUri("rtlsTagUriPrefix", rtlsTagUriPrefix + "0");
            for (final Map.Entry<String, EpcisZone> e : zones.entrySet())
            {
                final String field = "zones." + e.getKey();
                requireNonNull(field, e.getValue());
                checkVocabulary(field + ".bizStep", e.getValue().bizStep(), CBV_BIZ_STEPS);
                checkVocabulary(field + ".disposition", e.getValue().disposition(), CBV_DISPOSITIONS);
                if (null != e.getValue().bizLocation())
                {
                    requireUri(field + ".bizLocation", e.getValue().bizLocation());
                }
                if (null != e.getValue().readPoint())
                {
                    requireUri(field + ".readPoint", e.getValue().readPoint());
                }
            }
            for (final Map.Entry<Long, String> e : readPoints.entrySet())
            {
                requireUri("readPoint(" + (e.getKey() >> 32) + "," + (int)(long)e.getKey() + ")", e.getValue());
            }
            for (final Map.Entry<Integer, String> e : bizSteps.entrySet())
            {
                checkVocabulary("bizStep(" + e.getKey() + ")", e.getValue(), CBV_BIZ_STEPS);
            }
            for (final Map.Entry<Integer, String> e : dispositions.entrySet())
            {
                checkVocabulary("disposition(" + e.getKey() + ")", e.getValue(), CBV_DISPOSITIONS);
            }
            return this;
        }

        private static void requireNonNull(final String field, final Object value)
        {
            if (null == value)
            {
                throw new IllegalArgumentException(field + " must not be null");
            }
        }

        private static void checkVocabulary(final String field, final String value, final Set<String> standard)
        {
            if (null == value || standard.contains(value))
            {
                return;
            }
            if (value.indexOf(':') < 0)
            {
                throw new IllegalArgumentException(field + ": '" + value + "' is neither a CBV 2.0 value nor a URI");
            }
            requireUri(field, value);
            if (value.startsWith("urn:epcglobal:cbv") || value.startsWith("https://ns.gs1.org/cbv/") ||
                value.startsWith("http://ns.gs1.org/cbv/"))
            {
                throw new IllegalArgumentException(field + ": write the CBV value '" + value +
                    "' by its bare name (e.g. receiving), as EPCIS 2.0 JSON-LD does");
            }
        }

        private static void requireUri(final String field, final String value)
        {
            requireNonNull(field, value);
            try
            {
                final URI uri = new URI(value);
                if (!uri.isAbsolute())
                {
                    throw new IllegalArgumentException(field + " must be an absolute URI, got '" + value + "'");
                }
            }
            catch (final URISyntaxException ex)
            {
                throw new IllegalArgumentException(field + " is not a URI: '" + value + "'", ex);
            }
        }
    }
}
