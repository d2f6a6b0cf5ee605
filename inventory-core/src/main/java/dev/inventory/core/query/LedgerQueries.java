package dev.inventory.core.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.ledger.TagTable;
import dev.inventory.core.spi.EpcFormatter;
import dev.inventory.core.zone.ZoneDirectory;

/**
 * Query answers computed from a pipeline on the thread that owns it. Stateless; the caller guarantees it runs on
 * the pipeline's thread (the engine does so by queueing queries to its thread).
 */
public final class LedgerQueries
{
    private LedgerQueries()
    {
    }

    /**
     * @param pipeline  the pipeline.
     * @param formatter EPC text.
     * @param tag       handle.
     * @return the view.
     */
    public static TagView view(final Pipeline pipeline, final EpcFormatter formatter, final int tag)
    {
        final Ledger ledger = pipeline.ledger();
        final TagTable tags = pipeline.tags();
        final long high = tags.epcHigh(tag);
        final int low = tags.epcLow(tag);
        return new TagView(
            formatter.format(high, low),
            high,
            low,
            pipeline.zones().zoneName(ledger.zone(tag)),
            ledger.zoneSinceMs(tag),
            ledger.firstSeenMs(tag),
            ledger.lastSeenMs(tag),
            ledger.presence(tag) == Ledger.PRESENT,
            ledger.skuKey(ledger.sku(tag)),
            ledger.lot(tag),
            ledger.container(tag),
            ledger.status(tag));
    }

    /**
     * @param pipeline  the pipeline.
     * @param formatter EPC text.
     * @param epcHigh   EPC bits 95..32.
     * @param epcLow    EPC bits 31..0.
     * @return the tag, or null if unknown.
     */
    public static TagView whereIs(
        final Pipeline pipeline, final EpcFormatter formatter, final long epcHigh, final int epcLow)
    {
        final int tag = pipeline.tags().get(epcHigh, epcLow);
        return tag == TagTable.MISSING ? null : view(pipeline, formatter, tag);
    }

    /**
     * @param pipeline  the pipeline.
     * @param formatter EPC text.
     * @param zoneName  zone.
     * @return tags present in the zone, sorted by EPC text; empty for an unknown zone.
     */
    public static List<TagView> zoneContents(
        final Pipeline pipeline, final EpcFormatter formatter, final String zoneName)
    {
        final int zone = pipeline.zones().zoneId(zoneName);
        final List<TagView> result = new ArrayList<>();
        if (zone == ZoneDirectory.NONE)
        {
            return result;
        }
        final Ledger ledger = pipeline.ledger();
        final TagTable tags = pipeline.tags();
        for (int tag = 0, limit = tags.handleLimit(); tag < limit; tag++)
        {
            if (ledger.presence(tag) == Ledger.PRESENT && ledger.zone(tag) == zone && tags.isLive(tag))
            {
                result.add(view(pipeline, formatter, tag));
            }
        }
        result.sort(Comparator.comparing(TagView::epc));
        return result;
    }

    /**
     * @param pipeline the pipeline.
     * @param zoneName zone.
     * @param skuKey   SKU key.
     * @return quantity of the SKU present in the zone; 0 for unknown zone or SKU.
     */
    public static int quantity(final Pipeline pipeline, final String zoneName, final long skuKey)
    {
        final int zone = pipeline.zones().zoneId(zoneName);
        final Ledger ledger = pipeline.ledger();
        return zone == ZoneDirectory.NONE ? 0 : ledger.quantity(zone, ledger.skuHandle(skuKey));
    }

    /**
     * @param pipeline the pipeline.
     * @param zoneName zone.
     * @return present tags in the zone; 0 for an unknown zone.
     */
    public static int zoneCount(final Pipeline pipeline, final String zoneName)
    {
        final int zone = pipeline.zones().zoneId(zoneName);
        return zone == ZoneDirectory.NONE ? 0 : pipeline.ledger().zoneCount(zone);
    }

    /**
     * @param pipeline  the pipeline.
     * @param formatter EPC text.
     * @return every tag that has been seen (present or missing), sorted by EPC text.
     */
    public static List<TagView> allSeen(final Pipeline pipeline, final EpcFormatter formatter)
    {
        final Ledger ledger = pipeline.ledger();
        final TagTable tags = pipeline.tags();
        final List<TagView> result = new ArrayList<>();
        for (int tag = 0, limit = tags.handleLimit(); tag < limit; tag++)
        {
            if (ledger.presence(tag) != Ledger.UNSEEN && tags.isLive(tag))
            {
                result.add(view(pipeline, formatter, tag));
            }
        }
        result.sort(Comparator.comparing(TagView::epc));
        return result;
    }
}
