package dev.inventory.examples.cli;

import java.io.PrintWriter;
import java.util.List;

import dev.inventory.core.query.TagView;

/**
 * Prints the final ledger the way {@code run} and {@code replay} both do, so their outputs compare byte for byte:
 * <pre>
 * epc,zone,since_ms,last_seen_ms
 * urn:epc:id:sgtin:0614141.812345.6789,dock,1700000000000,1700000004200
 * records: 1234
 * </pre>
 * One line per tag ever seen (present or missing; zone is the current or last known one), sorted by EPC text.
 * Stateless; threadsafe.
 */
final class LedgerPrinter
{
    /** The header line. */
    static final String HEADER = "epc,zone,since_ms,last_seen_ms";

    private LedgerPrinter()
    {
    }

    static void print(final PrintWriter out, final List<TagView> ledger, final long records)
    {
        out.println(HEADER);
        final StringBuilder sb = new StringBuilder(96);
        for (final TagView tag : ledger)
        {
            sb.setLength(0);
            sb.append(tag.epc()).append(',');
            csvField(sb, tag.zone());
            sb.append(',').append(tag.zoneSinceMs()).append(',').append(tag.lastSeenMs());
            out.println(sb);
        }
        out.println("records: " + records);
        out.flush();
    }

    private static void csvField(final StringBuilder sb, final String value)
    {
        if (null == value)
        {
            return;
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0)
        {
            sb.append(value);
            return;
        }
        sb.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
