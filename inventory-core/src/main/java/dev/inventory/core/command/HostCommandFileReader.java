package dev.inventory.core.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.ops.AccuracyCommands;
import dev.inventory.core.ops.ContainerRules;
import dev.inventory.core.ops.LotRules;
import dev.inventory.core.ops.OpsCommands;
import dev.inventory.core.ops.ShippingCommands;
import dev.inventory.core.ops.WipCommands;
import dev.inventory.core.record.CommandFlyweight;

/**
 * Reads a file of host (MES/ERP) commands, one per line, as comma-separated fields:
 * <pre>
 *   ts_ms,command,epc[,arg...]
 *   1700000000000,ASSIGN_TAG,3034257BF7194E4000001A85,614141812345,42,7
 *   1700000005000,SET_TAG_STATUS,3034257BF7194E4000001A85,HOLD
 *   1700000009000,RETIRE_TAG,3034257BF7194E4000001A85
 * </pre>
 * <ul>
 *     <li>{@code ts_ms}: command time in epoch ms, 1..{@value Pipeline#MAX_TIMESTAMP_MS};</li>
 *     <li>{@code command}: a name (case-insensitive) or a numeric extension code &gt;=
 *     {@value CommandFlyweight#FIRST_EXTENSION_COMMAND}:
 *     <ul>
 *         <li>{@code ASSIGN_TAG,epc[,sku_key[,lot_id[,container_id]]]}: master data for a tag, decimal longs; empty
 *         or missing is 0: SKU key 0 = derive it from the EPC, lot / container 0 = none;</li>
 *         <li>{@code SET_TAG_STATUS,epc,status}: status {@code NONE, AVAILABLE, HOLD, CONSUMED, SHIPPED} or its
 *         decimal code (0..2147483647, see {@link Ledger} statuses);</li>
 *         <li>{@code RETIRE_TAG,epc}: forget the tag;</li>
 *         <li>{@code <code>,epc[,arg2[,arg3[,arg4]]]}: an extension command with up to three decimal long
 *         arguments, for rules modules;</li>
 *         <li>{@code OPS_ZONE, OPS_RECEIPT_OPEN, OPS_RECEIPT_LINE, OPS_RECEIPT_LOT, OPS_RECEIPT_CLOSE,
 *         OPS_REORDER_POINT, OPS_ORDER_UP_TO, OPS_RESERVE, OPS_ADJUST, OPS_ISSUE, OPS_LOT}: names of the inventory
 *         operations extension codes ({@link OpsCommands}), arguments as for any extension code; {@code epc} is the
 *         item for {@code OPS_ISSUE} and any EPC (e.g. {@code 0000}) for the others; the rules built on it add
 *         their own {@code OPS_*} names ({@code WipCommands}, {@code ShippingCommands}, {@code LotRules},
 *         {@code AccuracyCommands}, {@code ContainerRules}; the README lists them all);</li>
 *     </ul></li>
 *     <li>{@code epc}: as the {@link EpcTextDecoder} takes it; by default hex in whole 16-bit words, as in the read
 *     files ({@link EpcTextDecoder#HEX});</li>
 *     <li>blank lines and lines starting with {@code #} are skipped; so is a first line whose first field does not
 *     start with a digit (a header); fields are trimmed; there is no quoting.</li>
 * </ul>
 * <b>Malformed lines</b> (unknown command, wrong field count, bad number or EPC) are skipped, not published: each is
 * counted ({@link #malformedLines()}) and described with its line number ({@link #errors()}, the first
 * {@value #MAX_ERRORS_KEPT} kept).
 * <p>
 * Host commands are rare next to reads: parsing allocates. Instances are NOT threadsafe.
 */
public final class HostCommandFileReader implements AutoCloseable
{
    /** Most error descriptions kept. */
    public static final int MAX_ERRORS_KEPT = 100;
    /** Most fields a line may have. */
    public static final int MAX_FIELDS = 6;

    private final BufferedReader in;
    private final EpcTextDecoder decoder;
    private final long[] epc = new long[2];
    private final List<String> errors = new ArrayList<>();
    private long lineNumber;
    private long commandsRead;
    private long malformedLines;
    private boolean seenData;

    /**
     * @param in      text to read; closed by {@link #close()}.
     * @param decoder EPC field decoder.
     */
    public HostCommandFileReader(final Reader in, final EpcTextDecoder decoder)
    {
        if (null == in || null == decoder)
        {
            throw new IllegalArgumentException("in and decoder must not be null");
        }
        this.in = in instanceof BufferedReader ? (BufferedReader)in : new BufferedReader(in);
        this.decoder = decoder;
    }

    /**
     * @param file    UTF-8 command file.
     * @param decoder EPC field decoder.
     * @return a reader of the file.
     * @throws IOException if it cannot be opened.
     */
    public static HostCommandFileReader open(final Path file, final EpcTextDecoder decoder) throws IOException
    {
        return new HostCommandFileReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), decoder);
    }

    /**
     * Read every command of a file.
     *
     * @param file    UTF-8 command file.
     * @param decoder EPC field decoder.
     * @param errors  receives the error descriptions of malformed lines, or null.
     * @return the well-formed commands in file order.
     * @throws IOException if the file cannot be read.
     */
    public static List<HostCommand> readAll(final Path file, final EpcTextDecoder decoder, final List<String> errors)
        throws IOException
    {
        try (HostCommandFileReader reader = open(file, decoder))
        {
            final List<HostCommand> commands = new ArrayList<>();
            HostCommand command;
            while (null != (command = reader.next()))
            {
                commands.add(command);
            }
            if (null != errors)
            {
                errors.addAll(reader.errors());
            }
            return commands;
        }
    }

    /**
     * @return the next well-formed command, or null at the end of the input.
     * @throws IOException if reading fails.
     */
    public HostCommand next() throws IOException
    {
        String line;
        while (null != (line = in.readLine()))
        {
            lineNumber++;
            if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF')
            {
                line = line.substring(1);
            }
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.charAt(0) == '#')
            {
                continue;
            }
            if (!seenData && !Character.isDigit(trimmed.charAt(0)) && trimmed.charAt(0) != '-' &&
                trimmed.charAt(0) != '+')
            {
                seenData = true; // header
                continue;
            }
            seenData = true;
            try
            {
                final HostCommand command = parse(trimmed);
                commandsRead++;
                return command;
            }
            catch (final IllegalArgumentException ex)
            {
                malformedLines++;
                if (errors.size() < MAX_ERRORS_KEPT)
                {
                    errors.add("line " + lineNumber + ": " + ex.getMessage() + ": '" +
                        (trimmed.length() > 120 ? trimmed.substring(0, 120) + "..." : trimmed) + "'");
                }
            }
        }
        return null;
    }

    private HostCommand parse(final String line)
    {
        final String[] fields = line.split(",", -1);
        if (fields.length < 3 || fields.length > MAX_FIELDS)
        {
            throw new IllegalArgumentException("expected 3.." + MAX_FIELDS + " fields (ts_ms,command,epc[,arg...]), got " +
                fields.length);
        }
        for (int i = 0; i < fields.length; i++)
        {
            fields[i] = fields[i].trim();
        }
        final long timestampMs = parseLong("ts_ms", fields[0]);
        if (timestampMs < 1 || timestampMs > Pipeline.MAX_TIMESTAMP_MS)
        {
            throw new IllegalArgumentException("ts_ms out of range 1.." + Pipeline.MAX_TIMESTAMP_MS);
        }
        final int command = commandCode(fields[1]);
        if (fields[2].isEmpty())
        {
            throw new IllegalArgumentException("epc is empty");
        }
        decoder.decode(fields[2], epc);
        final long epcHigh = epc[0];
        final int epcLow = (int)epc[1];
        long arg2 = 0;
        long arg3 = 0;
        long arg4 = 0;
        switch (command)
        {
            case CommandFlyweight.ASSIGN_TAG:
                arg2 = optionalLong("sku_key", fields, 3);
                arg3 = optionalLong("lot_id", fields, 4);
                arg4 = optionalLong("container_id", fields, 5);
                break;

            case CommandFlyweight.SET_TAG_STATUS:
                if (fields.length != 4 || fields[3].isEmpty())
                {
                    throw new IllegalArgumentException("SET_TAG_STATUS takes ts_ms,SET_TAG_STATUS,epc,status");
                }
                arg2 = status(fields[3]);
                break;

            case CommandFlyweight.RETIRE_TAG:
                if (fields.length != 3)
                {
                    throw new IllegalArgumentException("RETIRE_TAG takes ts_ms,RETIRE_TAG,epc");
                }
                break;

            default:
                arg2 = optionalLong("arg2", fields, 3);
                arg3 = optionalLong("arg3", fields, 4);
                arg4 = optionalLong("arg4", fields, 5);
                break;
        }
        return new HostCommand(lineNumber, timestampMs, command, epcHigh, epcLow, arg2, arg3, arg4);
    }

    private static int commandCode(final String text)
    {
        switch (text.toUpperCase(Locale.ROOT))
        {
            case "ASSIGN_TAG": return CommandFlyweight.ASSIGN_TAG;
            case "SET_TAG_STATUS": return CommandFlyweight.SET_TAG_STATUS;
            case "RETIRE_TAG": return CommandFlyweight.RETIRE_TAG;
            case "OPS_ZONE": return OpsCommands.ZONE;
            case "OPS_RECEIPT_OPEN": return OpsCommands.RECEIPT_OPEN;
            case "OPS_RECEIPT_LINE": return OpsCommands.RECEIPT_LINE;
            case "OPS_RECEIPT_LOT": return OpsCommands.RECEIPT_LOT;
            case "OPS_RECEIPT_CLOSE": return OpsCommands.RECEIPT_CLOSE;
            case "OPS_REORDER_POINT": return OpsCommands.REORDER_POINT;
            case "OPS_ORDER_UP_TO": return OpsCommands.ORDER_UP_TO;
            case "OPS_RESERVE": return OpsCommands.RESERVE;
            case "OPS_ADJUST": return OpsCommands.ADJUST;
            case "OPS_ISSUE": return OpsCommands.ISSUE;
            case "OPS_LOT": return OpsCommands.LOT;
            case "OPS_SAFETY_STOCK": return OpsCommands.SAFETY_STOCK;
            // AccuracyRules
            case "OPS_BOOK": return AccuracyCommands.BOOK;
            case "OPS_BOOK_RESET": return AccuracyCommands.BOOK_RESET;
            case "OPS_ACCURACY_REPORT": return AccuracyCommands.ACCURACY_REPORT;
            case "OPS_COUNT_START": return AccuracyCommands.COUNT_START;
            case "OPS_COUNT_END": return AccuracyCommands.COUNT_END;
            case "OPS_COUNT_CANCEL": return AccuracyCommands.COUNT_CANCEL;
            case "OPS_UNIT_VALUE": return AccuracyCommands.UNIT_VALUE;
            case "OPS_ABC_SHARES": return AccuracyCommands.ABC_SHARES;
            case "OPS_COUNT_INTERVAL": return AccuracyCommands.COUNT_INTERVAL;
            case "OPS_ABC_CLASSIFY": return AccuracyCommands.ABC_CLASSIFY;
            case "OPS_SUGGEST_COUNT": return AccuracyCommands.SUGGEST_COUNT;
            case "OPS_ANALYTICS_RESET": return AccuracyCommands.ANALYTICS_RESET;
            // ShippingRules
            case "OPS_HOLD": return ShippingCommands.HOLD;
            case "OPS_RELEASE": return ShippingCommands.RELEASE;
            case "OPS_LOT_HOLD": return ShippingCommands.LOT_HOLD;
            case "OPS_LOT_RELEASE": return ShippingCommands.LOT_RELEASE;
            case "OPS_SHIPMENT_OPEN": return ShippingCommands.SHIPMENT_OPEN;
            case "OPS_SHIPMENT_LINE": return ShippingCommands.SHIPMENT_LINE;
            case "OPS_SHIPMENT_LOT": return ShippingCommands.SHIPMENT_LOT;
            case "OPS_SHIPMENT_EPC": return ShippingCommands.SHIPMENT_EPC;
            case "OPS_SHIPMENT_CLOSE": return ShippingCommands.SHIPMENT_CLOSE;
            case "OPS_SHIPMENT_CANCEL": return ShippingCommands.SHIPMENT_CANCEL;
            case "OPS_OUTBOUND_ZONE": return ShippingCommands.OUTBOUND_ZONE;
            case "OPS_ZONE_ALLOW": return ShippingCommands.ZONE_ALLOW;
            case "OPS_EXIT_AUTHORIZE": return ShippingCommands.EXIT_AUTHORIZE;
            // LotRules
            case "OPS_ROTATION": return LotRules.ROTATION;
            case "OPS_EXPIRY_WARNING": return LotRules.EXPIRY_WARNING;
            case "OPS_SKU_TEMPERATURE": return LotRules.SKU_TEMPERATURE;
            case "OPS_SKU_HUMIDITY": return LotRules.SKU_HUMIDITY;
            case "OPS_LOT_TEMPERATURE": return LotRules.LOT_TEMPERATURE;
            case "OPS_LOT_HUMIDITY": return LotRules.LOT_HUMIDITY;
            case "OPS_CLEAR_CONDITION_LIMITS": return LotRules.CLEAR_CONDITION_LIMITS;
            case "OPS_EXCURSION_FILTER": return LotRules.EXCURSION_FILTER;
            // WipRules
            case "OPS_WO_OPEN": return WipCommands.WO_OPEN;
            case "OPS_WO_OPERATION": return WipCommands.WO_OPERATION;
            case "OPS_WO_ITEM": return WipCommands.WO_ITEM;
            case "OPS_WO_BOM_LINE": return WipCommands.WO_BOM_LINE;
            case "OPS_WO_BOM_OPERATION": return WipCommands.WO_BOM_OPERATION;
            case "OPS_STATION_QUEUE_LIMIT": return WipCommands.STATION_QUEUE_LIMIT;
            case "OPS_WO_CLOSE": return WipCommands.WO_CLOSE;
            case "OPS_WO_CANCEL": return WipCommands.WO_CANCEL;
            case "OPS_WO_OPERATION_DONE": return WipCommands.WO_OPERATION_DONE;
            case "OPS_WO_ITEM_REROUTE": return WipCommands.WO_ITEM_REROUTE;
            // ContainerRules
            case "OPS_CONTAINER": return ContainerRules.CONTAINER;
            case "OPS_PACK": return ContainerRules.PACK;
            case "OPS_UNPACK": return ContainerRules.UNPACK;
            case "OPS_UNPACK_ALL": return ContainerRules.UNPACK_ALL;
            default:
                if (!text.isEmpty() && Character.isDigit(text.charAt(0)))
                {
                    final long code = parseLong("command", text);
                    if (code >= CommandFlyweight.FIRST_EXTENSION_COMMAND && code <= Integer.MAX_VALUE)
                    {
                        return (int)code;
                    }
                }
                throw new IllegalArgumentException("unknown command '" + text +
                    "' (ASSIGN_TAG, SET_TAG_STATUS, RETIRE_TAG, OPS_* or an extension code >= " +
                    CommandFlyweight.FIRST_EXTENSION_COMMAND + ")");
        }
    }

    private static long status(final String text)
    {
        switch (text.toUpperCase(Locale.ROOT))
        {
            case "NONE": return Ledger.STATUS_NONE;
            case "AVAILABLE": return Ledger.STATUS_AVAILABLE;
            case "HOLD": return Ledger.STATUS_HOLD;
            case "CONSUMED": return Ledger.STATUS_CONSUMED;
            case "SHIPPED": return Ledger.STATUS_SHIPPED;
            default:
                final long code = parseLong("status", text);
                if (code < 0 || code > Integer.MAX_VALUE)
                {
                    throw new IllegalArgumentException("status out of range 0.." + Integer.MAX_VALUE);
                }
                return code;
        }
    }

    private static long optionalLong(final String name, final String[] fields, final int index)
    {
        return index < fields.length && !fields[index].isEmpty() ? parseLong(name, fields[index]) : 0;
    }

    private static long parseLong(final String name, final String text)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " is not a decimal integer: '" + text + "'");
        }
    }

    /** @return lines read so far (all lines, 1-based number of the last one). */
    public long lineNumber()
    {
        return lineNumber;
    }

    /** @return well-formed commands returned so far. */
    public long commandsRead()
    {
        return commandsRead;
    }

    /** @return malformed lines skipped so far. */
    public long malformedLines()
    {
        return malformedLines;
    }

    /** @return descriptions of the first {@value #MAX_ERRORS_KEPT} malformed lines, e.g. "line 7: ...". */
    public List<String> errors()
    {
        return Collections.unmodifiableList(errors);
    }

    @Override
    public void close() throws IOException
    {
        in.close();
    }
}
