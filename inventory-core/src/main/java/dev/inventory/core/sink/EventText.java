package dev.inventory.core.sink;

import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.spi.SinkContext;

/**
 * Renders events as text lines for the built-in sinks: CSV, JSON and log form. Stateless; threadsafe.
 */
final class EventText
{
    /** Header line of the CSV form. */
    static final String CSV_HEADER = "seq,type,ts_ms,epc,from_zone,to_zone,dwell_ms,reader,antenna";

    private EventText()
    {
    }

    static StringBuilder appendCsv(final StringBuilder sb, final EventFlyweight event, final SinkContext context)
    {
        sb.append(event.sequence()).append(',')
            .append(EventType.name(event.type())).append(',')
            .append(event.timestampMs()).append(',');
        appendCsvField(sb, epcText(sb, event, context));
        sb.append(',');
        appendCsvField(sb, context.zoneName(event.fromZone()));
        sb.append(',');
        appendCsvField(sb, context.zoneName(event.toZone()));
        sb.append(',').append(event.dwellMs())
            .append(',').append(event.source())
            .append(',').append(event.antenna());
        return sb;
    }

    static StringBuilder appendJson(final StringBuilder sb, final EventFlyweight event, final SinkContext context)
    {
        sb.append("{\"seq\":").append(event.sequence())
            .append(",\"type\":\"").append(EventType.name(event.type()))
            .append("\",\"ts_ms\":").append(event.timestampMs())
            .append(",\"epc\":");
        appendJsonString(sb, epcText(sb, event, context));
        sb.append(",\"from_zone\":");
        appendJsonString(sb, context.zoneName(event.fromZone()));
        sb.append(",\"to_zone\":");
        appendJsonString(sb, context.zoneName(event.toZone()));
        sb.append(",\"dwell_ms\":").append(event.dwellMs())
            .append(",\"reader\":").append(event.source())
            .append(",\"antenna\":").append(event.antenna())
            .append('}');
        return sb;
    }

    static StringBuilder appendLog(final StringBuilder sb, final EventFlyweight event, final SinkContext context)
    {
        sb.append(EventType.name(event.type()))
            .append(" seq=").append(event.sequence())
            .append(" epc=");
        context.epcFormatter().append(event.epcHigh(), event.epcLow(), sb);
        final String from = context.zoneName(event.fromZone());
        final String to = context.zoneName(event.toZone());
        if (null != from)
        {
            sb.append(" from=").append(from);
        }
        if (null != to)
        {
            sb.append(" to=").append(to);
        }
        if (event.type() != EventType.APPEARED)
        {
            sb.append(" dwell_ms=").append(event.dwellMs());
        }
        if (event.source() != 0)
        {
            sb.append(" reader=").append(event.source()).append(" antenna=").append(event.antenna());
        }
        sb.append(" ts_ms=").append(event.timestampMs());
        return sb;
    }

    private static String epcText(final StringBuilder sb, final EventFlyweight event, final SinkContext context)
    {
        return context.epcFormatter().format(event.epcHigh(), event.epcLow());
    }

    static void appendCsvField(final StringBuilder sb, final CharSequence value)
    {
        if (null == value)
        {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++)
        {
            final char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote)
        {
            sb.append(value);
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"')
            {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    static void appendJsonString(final StringBuilder sb, final CharSequence value)
    {
        if (null == value)
        {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    }
                    else
                    {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
