package dev.inventory.core.ops;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.ledger.Ledger;

/**
 * Operations queries from any thread: each answer is computed on the engine thread between records
 * ({@link InventoryEngine#query}), so it is consistent within itself, and handed back as an immutable copy. Ingest is
 * never blocked: publishers keep publishing into the ring while a query runs. Threadsafe.
 */
public final class OpsQueries
{
    /**
     * A SKU x zone balance.
     *
     * @param skuKey       SKU key.
     * @param zone         zone id.
     * @param zoneName     zone name.
     * @param onHand       items counted there.
     * @param held         of which on quality hold.
     * @param reserved     reserved by the host.
     * @param available    on hand - held - reserved.
     * @param expected     expected from open receipts for put-away there.
     * @param projected    available + expected.
     * @param reorderPoint reorder point, -1 if none.
     */
    public record Balance(
        long skuKey,
        int zone,
        String zoneName,
        int onHand,
        int held,
        int reserved,
        int available,
        int expected,
        int projected,
        int reorderPoint)
    {
    }

    /**
     * A receipt line.
     *
     * @param skuKey   SKU key.
     * @param lotId    expected lot, 0 = any.
     * @param expected quantity expected.
     * @param received quantity received so far.
     */
    public record ReceiptLine(long skuKey, long lotId, int expected, int received)
    {
        /** @return expected - received, negative when over. */
        public int outstanding()
        {
            return expected - received;
        }
    }

    /**
     * A receipt's status.
     *
     * @param receiptId    receipt id.
     * @param open         true until closed.
     * @param putAwayZone  zone its goods are put away to, or -1.
     * @param lines        its lines.
     */
    public record ReceiptStatus(long receiptId, boolean open, int putAwayZone, List<ReceiptLine> lines)
    {
    }

    /**
     * A zone's occupancy.
     *
     * @param zone      zone id.
     * @param zoneName  zone name.
     * @param role      {@link ZoneRole} code.
     * @param occupancy items counted there.
     * @param capacity  capacity, 0 = unlimited.
     */
    public record Occupancy(int zone, String zoneName, int role, int occupancy, int capacity)
    {
    }

    private final InventoryEngine engine;
    private final OperationsExtension ops;

    /**
     * @param engine the engine the extension is installed in.
     * @param ops    the operations extension.
     */
    public OpsQueries(final InventoryEngine engine, final OperationsExtension ops)
    {
        if (null == engine || null == ops)
        {
            throw new IllegalArgumentException("engine and ops must not be null");
        }
        this.engine = engine;
        this.ops = ops;
    }

    /**
     * @param skuKey   SKU key.
     * @param zoneName zone name.
     * @return the balance of the SKU in the zone (all zeros when none is kept), or null for an unknown zone.
     */
    public CompletableFuture<Balance> balance(final long skuKey, final String zoneName)
    {
        return engine.query(p ->
        {
            final int zone = p.zones().zoneId(zoneName);
            if (zone < 0)
            {
                return null;
            }
            for (final Balance b : ops.balances(p, skuKey))
            {
                if (b.zone() == zone)
                {
                    return b;
                }
            }
            return new Balance(skuKey, zone, zoneName, 0, 0, 0, 0, 0, 0, -1);
        });
    }

    /**
     * @param skuKey SKU key, or 0 for every SKU.
     * @return the SKU's balances in every zone it has one (on hand / available / projected).
     */
    public CompletableFuture<List<Balance>> balances(final long skuKey)
    {
        return engine.query(p -> List.copyOf(ops.balances(p, skuKey)));
    }

    /**
     * @param receiptId receipt id.
     * @return the receipt's status, or null if unknown.
     */
    public CompletableFuture<ReceiptStatus> receipt(final long receiptId)
    {
        return engine.query(p -> ops.receipt(receiptId));
    }

    /** @return the status of every open receipt, in open order. */
    public CompletableFuture<List<ReceiptStatus>> openReceipts()
    {
        return engine.query(p ->
        {
            final long[] ids = ops.openReceipts();
            final ReceiptStatus[] statuses = new ReceiptStatus[ids.length];
            for (int i = 0; i < ids.length; i++)
            {
                statuses[i] = ops.receipt(ids[i]);
            }
            return List.of(statuses);
        });
    }

    /** @return occupancy of every zone with a role, a capacity or items. */
    public CompletableFuture<List<Occupancy>> occupancy()
    {
        return engine.query(p ->
        {
            final java.util.ArrayList<Occupancy> zones = new java.util.ArrayList<>();
            for (int zone = 0; zone < p.zones().zoneCount(); zone++)
            {
                if (ops.role(zone) != ZoneRole.NONE || ops.capacity(zone) != 0 || ops.occupancy(zone) != 0)
                {
                    zones.add(new Occupancy(zone, p.zones().zoneName(zone), ops.role(zone), ops.occupancy(zone),
                        ops.capacity(zone)));
                }
            }
            return List.copyOf(zones);
        });
    }

    /**
     * @param epcHigh EPC bits 95..32.
     * @param epcLow  EPC bits 31..0.
     * @return the zone name the item is counted in, or null if not in stock.
     */
    public CompletableFuture<String> zoneOf(final long epcHigh, final int epcLow)
    {
        return engine.query(p ->
        {
            final int tag = p.tags().get(epcHigh, epcLow);
            final int zone = tag < 0 ? Ledger.NO_ZONE : ops.zoneOf(tag);
            return zone == Ledger.NO_ZONE ? null : p.zones().zoneName(zone);
        });
    }
}
