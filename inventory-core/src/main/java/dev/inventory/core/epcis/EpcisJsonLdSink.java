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

import dev.inventory.core.epcis.EpcisOpsMapping.Quantity;
import dev.inventory.core.epcis.EpcisOpsMapping.Shape;
import dev.inventory.core.event.EventBatch;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.ops.MovementLedger;
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
 * <b>Mapping</b> of the core, RTLS and portal events (each becomes an {@code ObjectEvent} with {@code action}
 * {@code OBSERVE}; "zone" is the zone the event happens at; bizStep and disposition from the zone's {@link EpcisZone}
 * win over the type's defaults for arrivals only; operations events: below):
 * <pre>
 * engine event        at zone  bizStep (default)  disposition (default)  readPoint              bizLocation
 * appeared      1     to       zone | arriving    zone | -               antenna | zone         zone
 * moved         2     to       zone | storing     zone | -               antenna | zone         zone
 * disappeared   3     from     -                  unknown                zone                   -
 * zone_enter    110   to       zone | arriving    zone | -               zone                   zone
 * zone_exit     111   from     departing          -                      zone                   -
 * ble_zone_enter 114  to       zone | arriving    zone | -               zone                   zone
 * ble_zone_exit 115   from     departing          -                      zone                   -
 * portal_in     120   to       receiving          in_progress            portal | zone          zone
 * portal_out    121   from     shipping           in_transit             portal | from zone     -
 * others (dwell_exceeded 112, restricted_entry 113, portal_near 122, codes of other rules outside 130..199): not
 * written, counted as skipped.
 * </pre>
 * Type defaults can be changed with {@link Context#bizStep(int, String)} / {@link Context#disposition(int, String)}
 * (null removes the field). "antenna" / "portal" is a read point set with {@link Context#readPoint(int, int, String)}
 * for the event's reader and antenna (antenna 0 for portals); "zone" is the zone's {@link EpcisZone#readPoint()},
 * else its {@link EpcisZone#bizLocation()}, else {@link Context#locationUriPrefix()} + the percent-encoded zone
 * name. A disappearance is not a read, so it carries no bizLocation (where the object is is not known) and the
 * disposition {@code unknown}; the read point is where it was last seen. The RTLS zone events (UWB 110 / 111, BLE
 * 114 / 115) carry engine zone ids like every other event (inventory-rtls registers its zones by name in the
 * engine's zone directory), so a UWB or BLE zone named like an RFID zone has that zone's {@link EpcisZone}; their read
 * point is always the zone's (their source is a solver or BLE receiver id, not an RFID reader).
 * <p>
 * <b>Operations events</b> ({@code EventType.OPS_*}, codes 130..199, field use as the {@code dev.inventory.core.ops}
 * rules document it) are written per {@link EpcisOpsMapping} ({@link Context#opsMapping(int, EpcisOpsMapping)}), with
 * the type's bizStep / disposition; "zone" is {@code toZone}, else {@code fromZone}; the read point is the zone's
 * (never an antenna's: an operations event's {@code source} is a business document id); bizLocation the zone, except
 * for departures. Defaults:
 * <pre>
 * ops event                 shape                   bizStep          disposition            bizTransaction
 * received          130     item                    receiving        in_progress            po
 * unexpected_sku    131     item                    receiving        non_conformant         po
 * wrong_lot         132     item                    receiving        non_conformant         po
 * receipt_short     133     SKU, qty rssi - dwell   receiving        mismatch_quantity      po
 * receipt_over      134     SKU, qty rssi + dwell   receiving        mismatch_quantity      po
 * receipt_line_complete 135 SKU, qty dwell          receiving        completeness_verified  po
 * put_away          137     item                    storing          -                      -
 * issued            142     by reason (detail): SHIP as shipped; CONSUME / ISSUE with a work order in source as
 *                           consumed; CONSUME without one: not written (the consuming rule's consumed 147 carries it);
 *                           RETIRED: not written; others: item, departure, no bizStep / disposition
 * operation_start   143     item                    assembling       in_progress            prodorder
 * operation_complete 144    item                    assembling       in_progress            prodorder
 * consumed          147     Transformation input    assembling       -                      prodorder
 * work_order_complete 149   Transformation output   assembling       active                 prodorder
 * hold              155     item                    holding          non_conformant         -
 * release           156     item                    holding          conformant             -
 * picked            158     item                    picking          in_progress            desadv
 * shipped           164     item, departure         shipping         in_transit             desadv
 * expired           173     item or SKU (no qty)    -                expired                -
 * excursion_start   175     sensor (ALARM)          sensor_reporting -                      -
 * excursion_end     176     sensor                  sensor_reporting -                      -
 * cycle_count_complete 180  item or SKU, qty dwell  cycle_counting   -                      -
 * count_discrepancy 181     item or SKU (no qty)    cycle_counting   -                      -
 * packed            190     Aggregation ADD         packing          -                      -
 * unpacked          191     Aggregation DELETE      unpacking        -                      -
 * others: not written (counted as skipped): receipt_closed 136 (a document), over_capacity / capacity_ok 138 / 139
 * (zone states), replenish 140 / stockout 141 (a suggestion and a balance: no object was observed), container_moved
 * 192 (the container's own move event, with the aggregation, implies its contents), and the alerts (bottleneck,
 * over-consumption, off-route, held-to-shipping, shipment short / complete, wrong item, unauthorized, FIFO / FEFO,
 * expiry approaching, expired used, accuracy, count suggested).
 * </pre>
 * "item": {@code ObjectEvent} OBSERVE of the event's EPC; a zone-level event (EPC 0) of an item shape is not written.
 * "SKU": one {@code quantityList} entry whose {@code epcClass} is the SKU key's class URI: with
 * {@link Context#gtinSkuKeys(boolean)} a key that is a valid GTIN-14 (check digit included, as the rfid module's
 * {@code GS1SkuResolver} makes them) becomes the GS1 Digital Link {@link Context#digitalLinkPrefix()} + 14 digits, any
 * other key {@link Context#skuClassPrefix()} + the key in decimal; no {@code uom} (a count of items). The receipt line
 * events carry the quantity received (the discrepancy is the disposition; expected and missing / excess are in the
 * {@code inv:} fields). "item or SKU": a SKU-level event ({@code epcLow} 0, {@code epcHigh} = the key of its SKU
 * handle) as SKU, else as item. Transformation: one {@code TransformationEvent} per consumed item (inputEPCList) and
 * per finished item (outputEPCList), all of one work order sharing the {@code transformationID}
 * {@link Context#transformationIdPrefix(String)} + work order id, by default {@code urn:uuid:} + the version-5 UUID of
 * {@code <partitionId>/work-order/<id>} in {@link EpcisEventId#NAMESPACE}: EPCIS links transformation events by that
 * id, so nothing is buffered until the work order completes, every engine event stays one EPCIS event with its stable
 * ID, and a recovery from a snapshot loses no inputs; without a work order (source 0) not written. Aggregation:
 * {@code parentID} = the container EPC carried in dwell (bits 95..32) / rssi (bits 31..0), {@code childEPCs} = the
 * event's EPC. Sensor: {@code sensorElementList} of one element whose reports are read by the
 * {@link Context#sensorMapping(EpcisSensorMapping)} ({@link EpcisSensorMapping#DEFAULT} by default): the value (with
 * {@code exception} {@code ALARM_CONDITION} at a start) and, when known and extension fields are on, the limit as a
 * second report marked {@code "inv:limit": true}; {@code sensorMetadata} has the time (a start) or
 * {@code startTime} / {@code endTime} from the duration in dwell (an end); the EPC (a container) in {@code epcList}
 * when not 0, else the zone's read point alone. Business transactions: {@code {"type": <type>, "bizTransaction":
 * <prefix><source>}}, the prefix {@link Context#bizTransactionPrefix(String, String)}, default
 * {@value #DEFAULT_BIZ_TRANSACTION_PREFIX}{@code <type>:}, or {@code urn:epcglobal:cbv:bt:<gln>:} for all types with
 * {@link Context#bizTransactionGln(String)}.
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
 * known); for operations events the raw fields {@code inv:detail}, {@code inv:source}, {@code inv:dwellMs},
 * {@code inv:rssiCentiDbm} when not 0 (their meaning is the rule's, per event type) and {@code inv:skuKey} of a
 * SKU-level event.
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
    /** Default prefix of business transaction URIs, then the type and ':' (set a GLN-based one in production). */
    public static final String DEFAULT_BIZ_TRANSACTION_PREFIX = "urn:dev:inventory:bt:";
    /** Default prefix of SKU class URIs (SKU keys that are not GTINs), followed by the key in decimal. */
    public static final String DEFAULT_SKU_CLASS_PREFIX = "urn:dev:inventory:sku:";
    /** Default prefix of GTIN class URIs (GS1 Digital Link), followed by the GTIN-14. */
    public static final String DEFAULT_DIGITAL_LINK_PREFIX = "https://id.gs1.org/01/";
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

    /** CBV 2.0 business transaction types (bare names, as the EPCIS 2.0 JSON schema lists them). */
    public static final Set<String> CBV_BIZ_TRANSACTION_TYPES = Set.of(
        "bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder", "recadv", "rma", "testprd", "testres",
        "upevt");

    private static final Map<Integer, EpcisOpsMapping> DEFAULT_OPS = defaultOpsMappings();

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
            if (!writes(event))
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
     * Render one event as a standalone EPCIS event (with its own {@code @context}), or null if it is not written.
     * For tests and tools; the sink must have been started.
     *
     * @param event the event.
     * @return the JSON text, or null.
     */
    public String renderEvent(final EventFlyweight event)
    {
        if (!writes(event))
        {
            return null;
        }
        final StringBuilder out = new StringBuilder(512);
        appendEvent(new JsonWriter().reset(out), event, true);
        return out.toString();
    }

    /**
     * @param type event type code.
     * @return true if events of the type are written by default (operations events: when their fields allow, see the
     * class doc).
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
            case EventType.RTLS_BLE_ZONE_ENTER:
            case EventType.RTLS_BLE_ZONE_EXIT:
            case EventType.PORTAL_IN:
            case EventType.PORTAL_OUT:
                return true;
            default:
                return isOps(type) && DEFAULT_OPS.getOrDefault(type, EpcisOpsMapping.SKIP).shape() != Shape.SKIP;
        }
    }

    /** The RTLS zone events 110..115: an RTLS tag number in EPC high, a solver or BLE receiver as the source. */
    private static boolean isRtls(final int type)
    {
        return type >= EventType.RTLS_ZONE_ENTER && type <= EventType.RTLS_BLE_ZONE_EXIT;
    }

    private static boolean isOps(final int type)
    {
        return type >= EventType.OPS_RECEIVED && type < 200;
    }

    /**
     * @param event an event.
     * @return true if this sink writes it.
     */
    public boolean writes(final EventFlyweight event)
    {
        final int type = event.type();
        if (!isOps(type))
        {
            return isMapped(type);
        }
        final int as = opsTypeOf(event);
        final EpcisOpsMapping mapping = as < 0 ? EpcisOpsMapping.SKIP : ctx.opsMapping(as);
        final boolean hasEpc = event.epcHigh() != 0 || event.epcLow() != 0;
        switch (mapping.shape())
        {
            case OBJECT:
                return hasEpc;
            case QUANTITY:
                return event.epcHigh() != 0;
            case AGGREGATION_ADD:
            case AGGREGATION_DELETE:
                return hasEpc && (event.dwellMs() != 0 || event.rssiCentiDbm() != 0);
            case TRANSFORMATION_INPUT:
            case TRANSFORMATION_OUTPUT:
                return hasEpc && event.source() != 0;
            case SENSOR:
                return hasEpc ||
                    (null != context.zoneName(opsZone(event)) && null != ctx.sensorMapping().reading(event));
            default:
                return false;
        }
    }

    /** The type whose mapping an operations event is written by: an issue by its reason; -1 if not written. */
    private static int opsTypeOf(final EventFlyweight event)
    {
        final int type = event.type();
        if (type != EventType.OPS_ISSUED)
        {
            return type;
        }
        switch (event.detail())
        {
            case MovementLedger.SHIP:
                return EventType.OPS_SHIPPED;
            case MovementLedger.CONSUME:
                return event.source() != 0 ? EventType.OPS_CONSUMED : -1;
            case MovementLedger.ISSUE:
                return event.source() != 0 ? EventType.OPS_CONSUMED : EventType.OPS_ISSUED;
            case MovementLedger.RETIRED:
                return -1;
            default:
                return EventType.OPS_ISSUED;
        }
    }

    private static int opsZone(final EventFlyweight event)
    {
        return event.toZone() >= 0 ? event.toZone() : event.fromZone();
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
        if (isOps(type))
        {
            appendOpsEvent(json, event, standalone);
            return;
        }
        final boolean departure = type == EventType.DISAPPEARED || type == EventType.RTLS_ZONE_EXIT ||
            type == EventType.RTLS_BLE_ZONE_EXIT || type == EventType.PORTAL_OUT;
        final boolean arrival = type == EventType.APPEARED || type == EventType.MOVED ||
            type == EventType.RTLS_ZONE_ENTER || type == EventType.RTLS_BLE_ZONE_ENTER;
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
        String readPoint = isRtls(type) ? null : ctx.readPoint(event.source(), event.antenna());
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
            .name("epcList").beginArray().value(epcUri(type, event.epcHigh(), event.epcLow())).endArray()
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

    private String epcUri(final int type, final long epcHigh, final int epcLow)
    {
        if (isRtls(type))
        {
            return ctx.rtlsTagUriPrefix() + Long.toUnsignedString(epcHigh);
        }
        final StringBuilder epc = this.epc;
        epc.setLength(0);
        context.epcFormatter().append(epcHigh, epcLow, epc);
        if (epc.indexOf(":") > 0)
        {
            return epc.toString();
        }
        epc.setLength(0);
        epc.append("urn:epc:raw:96.x");
        return EpcFormatter.appendHex(epcHigh, epcLow, epc).toString();
    }

    // ---------------------------------------------------------------- operations events

    private void appendOpsEvent(final JsonWriter json, final EventFlyweight event, final boolean standalone)
    {
        final int type = event.type();
        final int as = opsTypeOf(event);
        final EpcisOpsMapping mapping = ctx.opsMapping(as);
        final Shape shape = mapping.shape();
        final int zoneId = opsZone(event);
        final String zoneName = context.zoneName(zoneId);
        final EpcisZone zone = null == zoneName ? EpcisZone.DEFAULTS : ctx.zone(zoneName);
        final String location = null == zoneName ? null : zoneLocation(zoneId, zoneName, zone);
        final String readPoint = null != zone.readPoint() && null != zoneName ? zone.readPoint() : location;
        final boolean skuLevel = shape == Shape.QUANTITY || (shape == Shape.OBJECT && event.epcLow() == 0 &&
            event.sku() >= 0 && context.skuKey(event.sku()) == event.epcHigh());
        final String epcUri = skuLevel ? null : epcUri(type, event.epcHigh(), event.epcLow());
        final String eventTime = EVENT_TIME.format(Instant.ofEpochMilli(event.timestampMs()));

        json.beginObject();
        if (standalone)
        {
            appendContext(json);
        }
        final String eventType = shape == Shape.AGGREGATION_ADD || shape == Shape.AGGREGATION_DELETE ?
            "AggregationEvent" : (shape == Shape.TRANSFORMATION_INPUT || shape == Shape.TRANSFORMATION_OUTPUT ?
            "TransformationEvent" : "ObjectEvent");
        json.member("type", eventType)
            .member("eventTime", eventTime)
            .member("eventTimeZoneOffset", TIME_ZONE_OFFSET)
            .member("eventID", EpcisEventId.of(ctx.partitionId(), event.sequence()));
        switch (shape)
        {
            case AGGREGATION_ADD:
            case AGGREGATION_DELETE:
                json.member("parentID", epcUri(type, event.dwellMs(), event.rssiCentiDbm()))
                    .name("childEPCs").beginArray().value(epcUri).endArray()
                    .member("action", shape == Shape.AGGREGATION_ADD ? "ADD" : "DELETE");
                break;
            case TRANSFORMATION_INPUT:
            case TRANSFORMATION_OUTPUT:
                json.name(shape == Shape.TRANSFORMATION_INPUT ? "inputEPCList" : "outputEPCList")
                    .beginArray().value(epcUri).endArray()
                    .member("transformationID", transformationId(event.source()));
                break;
            case SENSOR:
                if (event.epcHigh() != 0 || event.epcLow() != 0)
                {
                    json.name("epcList").beginArray().value(epcUri).endArray();
                }
                json.member("action", "OBSERVE");
                break;
            default:
                if (skuLevel)
                {
                    json.name("quantityList").beginArray().beginObject()
                        .member("epcClass", skuClass(event.epcHigh()));
                    appendQuantity(json, mapping.quantity(), event);
                    json.endObject().endArray();
                }
                else
                {
                    json.name("epcList").beginArray().value(epcUri).endArray();
                }
                json.member("action", "OBSERVE");
                break;
        }
        json.member("bizStep", ctx.bizStep(as))
            .member("disposition", ctx.disposition(as))
            .idMember("readPoint", readPoint)
            .idMember("bizLocation", mapping.departure() ? null : location);
        final String bizTransactionType = mapping.bizTransactionType();
        if (null != bizTransactionType && event.source() != 0)
        {
            json.name("bizTransactionList").beginArray().beginObject()
                .member("type", bizTransactionType)
                .member("bizTransaction",
                    ctx.bizTransactionPrefix(bizTransactionType) + Integer.toUnsignedString(event.source()))
                .endObject().endArray();
        }
        if (shape == Shape.SENSOR)
        {
            appendSensor(json, event, eventTime);
        }
        if (ctx.extensions())
        {
            json.member("inv:event", EventType.name(type))
                .member("inv:sequence", event.sequence())
                .member("inv:fromZone", context.zoneName(event.fromZone()))
                .member("inv:toZone", context.zoneName(event.toZone()));
            if (event.detail() != 0)
            {
                json.member("inv:detail", event.detail());
            }
            if (event.source() != 0)
            {
                json.member("inv:source", Integer.toUnsignedLong(event.source()));
            }
            if (event.dwellMs() != 0)
            {
                json.member("inv:dwellMs", event.dwellMs());
            }
            if (event.rssiCentiDbm() != 0)
            {
                json.member("inv:rssiCentiDbm", event.rssiCentiDbm());
            }
            if (skuLevel)
            {
                json.member("inv:skuKey", event.epcHigh());
            }
        }
        json.endObject();
    }

    private static void appendQuantity(final JsonWriter json, final Quantity quantity, final EventFlyweight event)
    {
        final long dwell = event.dwellMs();
        final long rssi = event.rssiCentiDbm();
        switch (quantity)
        {
            case DWELL:
                json.member("quantity", dwell);
                break;
            case RSSI:
                json.member("quantity", rssi);
                break;
            case RSSI_MINUS_DWELL:
                json.member("quantity", rssi - dwell);
                break;
            case RSSI_PLUS_DWELL:
                json.member("quantity", rssi + dwell);
                break;
            default:
                break;
        }
    }

    private void appendSensor(final JsonWriter json, final EventFlyweight event, final String eventTime)
    {
        final EpcisSensorReading reading = ctx.sensorMapping().reading(event);
        if (null == reading)
        {
            return;
        }
        final boolean start = event.type() == EventType.OPS_EXCURSION_START;
        json.name("sensorElementList").beginArray().beginObject()
            .name("sensorMetadata").beginObject();
        if (!start && event.dwellMs() > 0 && event.dwellMs() <= event.timestampMs())
        {
            json.member("startTime", EVENT_TIME.format(Instant.ofEpochMilli(event.timestampMs() - event.dwellMs())))
                .member("endTime", eventTime);
        }
        else
        {
            json.member("time", eventTime);
        }
        json.endObject().name("sensorReport").beginArray();
        json.beginObject().member("type", reading.type()).name("value").value(reading.value())
            .member("uom", reading.uom());
        if (start)
        {
            json.member("exception", "ALARM_CONDITION");
        }
        json.endObject();
        if (null != reading.limit() && ctx.extensions())
        {
            json.beginObject().member("type", reading.type()).name("value").value(reading.limit())
                .member("uom", reading.uom()).name("inv:limit").value(true).endObject();
        }
        json.endArray().endObject().endArray();
    }

    private String transformationId(final int workOrder)
    {
        final String id = Integer.toUnsignedString(workOrder);
        return null != ctx.transformationIdPrefix() ? ctx.transformationIdPrefix() + id :
            "urn:uuid:" + EpcisEventId.nameUuidV5(EpcisEventId.NAMESPACE, ctx.partitionId() + "/work-order/" + id);
    }

    private String skuClass(final long skuKey)
    {
        if (ctx.gtinSkuKeys() && isGtin14(skuKey))
        {
            final String digits = Long.toString(skuKey);
            return ctx.digitalLinkPrefix() + "0".repeat(14 - digits.length()) + digits;
        }
        return ctx.skuClassPrefix() + Long.toUnsignedString(skuKey);
    }

    /**
     * @param value a number.
     * @return true if it is a GTIN-14 (at most 14 digits, not 0) whose last digit is the GS1 mod-10 check digit.
     */
    static boolean isGtin14(final long value)
    {
        if (value <= 0 || value >= 100_000_000_000_000L)
        {
            return false;
        }
        long digits = value / 10;
        int sum = 0;
        int weight = 3;
        while (digits > 0)
        {
            sum += (int)(digits % 10) * weight;
            weight = 4 - weight;
            digits /= 10;
        }
        return (10 - sum % 10) % 10 == value % 10;
    }

    private static Map<Integer, EpcisOpsMapping> defaultOpsMappings()
    {
        final Map<Integer, EpcisOpsMapping> m = new HashMap<>();
        final EpcisOpsMapping item = EpcisOpsMapping.of(Shape.OBJECT, null);
        final EpcisOpsMapping received = EpcisOpsMapping.of(Shape.OBJECT, "po");
        m.put((int)EventType.OPS_RECEIVED, received);
        m.put((int)EventType.OPS_UNEXPECTED_SKU, received);
        m.put((int)EventType.OPS_WRONG_LOT, received);
        m.put((int)EventType.OPS_RECEIPT_SHORT, new EpcisOpsMapping(Shape.QUANTITY, "po", Quantity.RSSI_MINUS_DWELL,
            false));
        m.put((int)EventType.OPS_RECEIPT_OVER, new EpcisOpsMapping(Shape.QUANTITY, "po", Quantity.RSSI_PLUS_DWELL,
            false));
        m.put((int)EventType.OPS_RECEIPT_LINE_COMPLETE, new EpcisOpsMapping(Shape.QUANTITY, "po", Quantity.DWELL,
            false));
        m.put((int)EventType.OPS_PUT_AWAY, item);
        m.put((int)EventType.OPS_ISSUED, new EpcisOpsMapping(Shape.OBJECT, null, Quantity.NONE, true));
        m.put((int)EventType.OPS_OPERATION_START, EpcisOpsMapping.of(Shape.OBJECT, "prodorder"));
        m.put((int)EventType.OPS_OPERATION_COMPLETE, EpcisOpsMapping.of(Shape.OBJECT, "prodorder"));
        m.put((int)EventType.OPS_CONSUMED, EpcisOpsMapping.of(Shape.TRANSFORMATION_INPUT, "prodorder"));
        m.put((int)EventType.OPS_WORK_ORDER_COMPLETE, EpcisOpsMapping.of(Shape.TRANSFORMATION_OUTPUT, "prodorder"));
        m.put((int)EventType.OPS_ITEM_COMPLETE, EpcisOpsMapping.of(Shape.TRANSFORMATION_OUTPUT, "prodorder"));
        m.put((int)EventType.OPS_HOLD, item);
        m.put((int)EventType.OPS_RELEASE, item);
        m.put((int)EventType.OPS_PICKED, EpcisOpsMapping.of(Shape.OBJECT, "desadv"));
        m.put((int)EventType.OPS_SHIPPED, new EpcisOpsMapping(Shape.OBJECT, "desadv", Quantity.NONE, true));
        m.put((int)EventType.OPS_EXPIRED, item);
        m.put((int)EventType.OPS_EXCURSION_START, EpcisOpsMapping.of(Shape.SENSOR, null));
        m.put((int)EventType.OPS_EXCURSION_END, EpcisOpsMapping.of(Shape.SENSOR, null));
        m.put((int)EventType.OPS_CYCLE_COUNT_COMPLETE, new EpcisOpsMapping(Shape.OBJECT, null, Quantity.DWELL, false));
        m.put((int)EventType.OPS_COUNT_DISCREPANCY, item);
        m.put((int)EventType.OPS_PACKED, EpcisOpsMapping.of(Shape.AGGREGATION_ADD, null));
        m.put((int)EventType.OPS_UNPACKED, EpcisOpsMapping.of(Shape.AGGREGATION_DELETE, null));
        return m;
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
        private final Map<Integer, EpcisOpsMapping> opsMappings = new HashMap<>(DEFAULT_OPS);
        private final Map<String, String> bizTransactionPrefixes = new HashMap<>();
        private String skuClassPrefix = DEFAULT_SKU_CLASS_PREFIX;
        private boolean gtinSkuKeys;
        private String digitalLinkPrefix = DEFAULT_DIGITAL_LINK_PREFIX;
        private String transformationIdPrefix;
        private EpcisSensorMapping sensorMapping = EpcisSensorMapping.DEFAULT;

        /** Defaults as in the mapping tables of {@link EpcisJsonLdSink}. */
        public Context()
        {
            bizSteps.put((int)EventType.APPEARED, "arriving");
            bizSteps.put((int)EventType.MOVED, "storing");
            bizSteps.put((int)EventType.RTLS_ZONE_ENTER, "arriving");
            bizSteps.put((int)EventType.RTLS_ZONE_EXIT, "departing");
            bizSteps.put((int)EventType.RTLS_BLE_ZONE_ENTER, "arriving");
            bizSteps.put((int)EventType.RTLS_BLE_ZONE_EXIT, "departing");
            bizSteps.put((int)EventType.PORTAL_IN, "receiving");
            bizSteps.put((int)EventType.PORTAL_OUT, "shipping");
            dispositions.put((int)EventType.DISAPPEARED, "unknown");
            dispositions.put((int)EventType.PORTAL_IN, "in_progress");
            dispositions.put((int)EventType.PORTAL_OUT, "in_transit");
            opsDefaults(EventType.OPS_RECEIVED, "receiving", "in_progress");
            opsDefaults(EventType.OPS_UNEXPECTED_SKU, "receiving", "non_conformant");
            opsDefaults(EventType.OPS_WRONG_LOT, "receiving", "non_conformant");
            opsDefaults(EventType.OPS_RECEIPT_SHORT, "receiving", "mismatch_quantity");
            opsDefaults(EventType.OPS_RECEIPT_OVER, "receiving", "mismatch_quantity");
            opsDefaults(EventType.OPS_RECEIPT_LINE_COMPLETE, "receiving", "completeness_verified");
            opsDefaults(EventType.OPS_PUT_AWAY, "storing", null);
            opsDefaults(EventType.OPS_OPERATION_START, "assembling", "in_progress");
            opsDefaults(EventType.OPS_OPERATION_COMPLETE, "assembling", "in_progress");
            opsDefaults(EventType.OPS_CONSUMED, "assembling", null);
            opsDefaults(EventType.OPS_WORK_ORDER_COMPLETE, "assembling", "active");
            opsDefaults(EventType.OPS_ITEM_COMPLETE, "assembling", "active");
            opsDefaults(EventType.OPS_HOLD, "holding", "non_conformant");
            opsDefaults(EventType.OPS_RELEASE, "holding", "conformant");
            opsDefaults(EventType.OPS_PICKED, "picking", "in_progress");
            opsDefaults(EventType.OPS_SHIPPED, "shipping", "in_transit");
            opsDefaults(EventType.OPS_EXPIRED, null, "expired");
            opsDefaults(EventType.OPS_EXCURSION_START, "sensor_reporting", null);
            opsDefaults(EventType.OPS_EXCURSION_END, "sensor_reporting", null);
            opsDefaults(EventType.OPS_CYCLE_COUNT_COMPLETE, "cycle_counting", null);
            opsDefaults(EventType.OPS_COUNT_DISCREPANCY, "cycle_counting", null);
            opsDefaults(EventType.OPS_PACKED, "packing", null);
            opsDefaults(EventType.OPS_UNPACKED, "unpacking", null);
        }

        private void opsDefaults(final int eventType, final String bizStep, final String disposition)
        {
            if (null != bizStep)
            {
                bizSteps.put(eventType, bizStep);
            }
            if (null != disposition)
            {
                dispositions.put(eventType, disposition);
            }
        }

        /**
         * @param eventType an operations event type ({@code EventType.OPS_*}, 130..199).
         * @param mapping   how its events are written ({@link EpcisOpsMapping#SKIP}: not at all).
         * @return this.
         */
        public Context opsMapping(final int eventType, final EpcisOpsMapping mapping)
        {
            opsMappings.put(eventType, mapping);
            return this;
        }

        /**
         * @param eventType an operations event type.
         * @return how its events are written.
         */
        public EpcisOpsMapping opsMapping(final int eventType)
        {
            return opsMappings.getOrDefault(eventType, EpcisOpsMapping.SKIP);
        }

        /**
         * @param type   business transaction type, e.g. {@code po}.
         * @param prefix URI prefix of its ids; the document id in decimal follows, e.g.
         *               {@code urn:epcglobal:cbv:bt:0614141000005:} (CBV: GLN of the party that issued the id).
         * @return this.
         */
        public Context bizTransactionPrefix(final String type, final String prefix)
        {
            bizTransactionPrefixes.put(type, prefix);
            return this;
        }

        /**
         * Business transaction ids of every type as CBV {@code urn:epcglobal:cbv:bt:<gln>:<id>}.
         *
         * @param gln the 13-digit GLN of the party whose ids (POs, work orders, dispatch advices) these are.
         * @return this.
         */
        public Context bizTransactionGln(final String gln)
        {
            if (null == gln || !gln.matches("[0-9]{13}"))
            {
                throw new IllegalArgumentException("gln must be 13 digits: " + gln);
            }
            for (final String type : CBV_BIZ_TRANSACTION_TYPES)
            {
                bizTransactionPrefixes.put(type, "urn:epcglobal:cbv:bt:" + gln + ":");
            }
            return this;
        }

        /**
         * @param type business transaction type.
         * @return the URI prefix of its ids (default
         * {@value EpcisJsonLdSink#DEFAULT_BIZ_TRANSACTION_PREFIX}{@code <type>:}).
         */
        public String bizTransactionPrefix(final String type)
        {
            final String prefix = bizTransactionPrefixes.get(type);
            return null != prefix ? prefix : DEFAULT_BIZ_TRANSACTION_PREFIX + type + ':';
        }

        /**
         * @param prefix URI prefix of SKU classes whose key is no GTIN; the key in decimal follows.
         * @return this.
         */
        public Context skuClassPrefix(final String prefix)
        {
            this.skuClassPrefix = prefix;
            return this;
        }

        /** @return the SKU class URI prefix. */
        public String skuClassPrefix()
        {
            return skuClassPrefix;
        }

        /**
         * @param gtins true if SKU keys are GTIN-14 numbers (the rfid module's {@code GS1SkuResolver}): keys with a
         *              valid check digit become GS1 Digital Link class URIs. Off by default: a host code can pass the
         *              check digit by chance.
         * @return this.
         */
        public Context gtinSkuKeys(final boolean gtins)
        {
            this.gtinSkuKeys = gtins;
            return this;
        }

        /** @return true if SKU keys are taken as GTINs. */
        public boolean gtinSkuKeys()
        {
            return gtinSkuKeys;
        }

        /**
         * @param prefix GS1 Digital Link prefix of GTIN classes (default
         *               {@value EpcisJsonLdSink#DEFAULT_DIGITAL_LINK_PREFIX}), the
         *               14 digits follow.
         * @return this.
         */
        public Context digitalLinkPrefix(final String prefix)
        {
            this.digitalLinkPrefix = prefix;
            return this;
        }

        /** @return the GS1 Digital Link prefix. */
        public String digitalLinkPrefix()
        {
            return digitalLinkPrefix;
        }

        /**
         * @param prefix URI prefix of transformation ids, the work order id in decimal follows; null (default) for
         *               {@code urn:uuid:} + the version-5 UUID of {@code <partitionId>/work-order/<id>}.
         * @return this.
         */
        public Context transformationIdPrefix(final String prefix)
        {
            this.transformationIdPrefix = prefix;
            return this;
        }

        /** @return the transformation id prefix, or null. */
        public String transformationIdPrefix()
        {
            return transformationIdPrefix;
        }

        /**
         * @param mapping reads the sensor reading of excursion events (default {@link EpcisSensorMapping#DEFAULT}).
         * @return this.
         */
        public Context sensorMapping(final EpcisSensorMapping mapping)
        {
            this.sensorMapping = mapping;
            return this;
        }

        /** @return the sensor mapping. */
        public EpcisSensorMapping sensorMapping()
        {
            return sensorMapping;
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
            for (final Map.Entry<Integer, EpcisOpsMapping> e : opsMappings.entrySet())
            {
                final String field = "opsMapping(" + e.getKey() + ")";
                if (!isOps(e.getKey()))
                {
                    throw new IllegalArgumentException(field + ": not an operations event type (130..199)");
                }
                requireNonNull(field, e.getValue());
                final String type = e.getValue().bizTransactionType();
                checkVocabulary(field + ".bizTransactionType", type, CBV_BIZ_TRANSACTION_TYPES);
                if (null != type && !CBV_BIZ_TRANSACTION_TYPES.contains(type) &&
                    !bizTransactionPrefixes.containsKey(type))
                {
                    throw new IllegalArgumentException(field + ".bizTransactionType '" + type +
                        "' needs a bizTransactionPrefix");
                }
            }
            for (final Map.Entry<String, String> e : bizTransactionPrefixes.entrySet())
            {
                requireUri("bizTransactionPrefix(" + e.getKey() + ")", e.getValue() + "0");
            }
            requireUri("skuClassPrefix", skuClassPrefix + "0");
            requireUri("digitalLinkPrefix", digitalLinkPrefix + "0");
            if (null != transformationIdPrefix)
            {
                requireUri("transformationIdPrefix", transformationIdPrefix + "0");
            }
            requireNonNull("sensorMapping", sensorMapping);
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
