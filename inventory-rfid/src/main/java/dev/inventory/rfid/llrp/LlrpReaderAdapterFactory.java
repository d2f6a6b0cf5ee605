package dev.inventory.rfid.llrp;

import java.util.Locale;
import java.util.Map;

import dev.inventory.core.spi.DeviceAdapter;
import dev.inventory.core.spi.DeviceAdapterFactory;

/**
 * Creates {@link LlrpReaderAdapter}s for the adapter type {@value #TYPE}. Settings (in a configuration file as
 * {@code adapter.llrp.<key>}):
 * <pre>
 *   host                reader host (required)
 *   port                reader port (default 5084)
 *   reader              reader name for the engine's reader ids (default host:port)
 *   antennas            comma-separated antenna IDs, or "all" (default all)
 *   keepaliveMs         reader keepalive period (default 5000; 0 off)
 *   watchdogMs          silence before the link is reset (default 3 keepalive periods)
 *   reportEveryTags     TagReportData per RO_ACCESS_REPORT (default 1)
 *   aiSpecDurationMs    AISpec duration, reports at its end (default 0: until stopped)
 *   startImmediately    immediate ROSpec start trigger instead of START_ROSPEC (default false)
 *   content             "default", "all", or comma-separated field names of TagReportContentSelector
 *                       (roSpecId, specIndex, inventoryParameterSpecId, antennaId, channelIndex, peakRssi,
 *                       firstSeen, lastSeen, tagSeenCount, accessSpecId, pc, crc)
 *   roSpecId            ROSpecID to use (default 1)
 *   reconnectMinMs      first reconnect delay (default 250)
 *   reconnectMaxMs      longest reconnect delay (default 30000)
 *   connectTimeoutMs    TCP connect timeout (default 5000)
 *   responseTimeoutMs   setup response timeout (default 5000)
 *   maxFrameBytes       frame cap (default 1048576)
 *   publishTimeoutMs    most wait for the engine to take one read (default 1000)
 * </pre>
 * Stateless; threadsafe.
 */
public final class LlrpReaderAdapterFactory implements DeviceAdapterFactory
{
    /** The adapter type name. */
    public static final String TYPE = "llrp";

    @Override
    public String type()
    {
        return TYPE;
    }

    @Override
    public DeviceAdapter create(final Map<String, String> settings)
    {
        return new LlrpReaderAdapter(context(settings));
    }

    /**
     * @param settings adapter settings.
     * @return the client settings they describe, concluded.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public static LlrpClient.Context context(final Map<String, String> settings)
    {
        final LlrpClient.Context ctx = new LlrpClient.Context();
        final String host = settings.get("host");
        if (null == host || host.isBlank())
        {
            throw new IllegalArgumentException(TYPE + ".host must be set");
        }
        ctx.host(host.trim());
        ctx.port((int)number(settings, "port", LlrpDescriptor.DEFAULT_PORT));
        if (settings.containsKey("reader"))
        {
            ctx.readerName(settings.get("reader").trim());
        }
        ctx.antennas(antennas(settings.getOrDefault("antennas", "all")));
        ctx.keepaliveIntervalMs(number(settings, "keepaliveMs", ctx.keepaliveIntervalMs()));
        if (settings.containsKey("watchdogMs"))
        {
            ctx.watchdogTimeoutMs(number(settings, "watchdogMs", 0));
        }
        ctx.reportEveryTags((int)number(settings, "reportEveryTags", ctx.reportEveryTags()));
        ctx.aiSpecDurationMs(number(settings, "aiSpecDurationMs", 0));
        ctx.startImmediately(Boolean.parseBoolean(settings.getOrDefault("startImmediately", "false").trim()));
        ctx.content(content(settings.getOrDefault("content", "default")));
        ctx.roSpecId((int)number(settings, "roSpecId", ctx.roSpecId()));
        ctx.reconnectBackoffMinMs(number(settings, "reconnectMinMs", ctx.reconnectBackoffMinMs()));
        ctx.reconnectBackoffMaxMs(number(settings, "reconnectMaxMs", ctx.reconnectBackoffMaxMs()));
        ctx.connectTimeoutMs((int)number(settings, "connectTimeoutMs", ctx.connectTimeoutMs()));
        ctx.responseTimeoutMs(number(settings, "responseTimeoutMs", ctx.responseTimeoutMs()));
        ctx.maxFrameBytes((int)number(settings, "maxFrameBytes", ctx.maxFrameBytes()));
        ctx.publishTimeoutMs(number(settings, "publishTimeoutMs", ctx.publishTimeoutMs()));
        try
        {
            return ctx.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(TYPE + "." + ex.getMessage(), ex);
        }
    }

    private static long number(final Map<String, String> settings, final String key, final long defaultValue)
    {
        final String value = settings.get(key);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(TYPE + "." + key + ": not an integer: '" + value + "'", ex);
        }
    }

    static int[] antennas(final String text)
    {
        final String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("all") || trimmed.equals("0"))
        {
            return new int[] { 0 };
        }
        final String[] parts = trimmed.split(",");
        final int[] antennas = new int[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            try
            {
                antennas[i] = Integer.parseInt(parts[i].trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(TYPE + ".antennas: not an antenna ID: '" + parts[i] + "'", ex);
            }
            if (antennas[i] < 1 || antennas[i] > 65535)
            {
                throw new IllegalArgumentException(TYPE + ".antennas: 1..65535 or all, got " + antennas[i]);
            }
        }
        return antennas;
    }

    static int content(final String text)
    {
        final String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("default"))
        {
            return TagReportContent.DEFAULT;
        }
        if (trimmed.equals("all"))
        {
            return TagReportContent.ALL;
        }
        int content = 0;
        for (final String part : trimmed.split(","))
        {
            switch (part.trim())
            {
                case "rospecid": content |= TagReportContent.ROSPEC_ID; break;
                case "specindex": content |= TagReportContent.SPEC_INDEX; break;
                case "inventoryparameterspecid": content |= TagReportContent.INVENTORY_PARAMETER_SPEC_ID; break;
                case "antennaid": content |= TagReportContent.ANTENNA_ID; break;
                case "channelindex": content |= TagReportContent.CHANNEL_INDEX; break;
                case "peakrssi": content |= TagReportContent.PEAK_RSSI; break;
                case "firstseen": content |= TagReportContent.FIRST_SEEN; break;
                case "lastseen": content |= TagReportContent.LAST_SEEN; break;
                case "tagseencount": content |= TagReportContent.TAG_SEEN_COUNT; break;
                case "accessspecid": content |= TagReportContent.ACCESS_SPEC_ID; break;
                case "pc": content |= TagReportContent.C1G2_PC; break;
                case "crc": content |= TagReportContent.C1G2_CRC; break;
                default:
                    throw new IllegalArgumentException(TYPE + ".content: unknown field '" + part.trim() + "'");
            }
        }
        return content;
    }
}
