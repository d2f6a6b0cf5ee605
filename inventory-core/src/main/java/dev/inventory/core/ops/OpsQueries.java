package dev.inventory.core.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.ledger.Ledger;

/**
 * Operations queries from any thread: each answer is computed on the engine thread between records
 * ({@link InventoryEngine#query}), so it is consistent within itself, and handed back as an immutable copy. Ingest is
 * never blocked: publishers keep publishing into the ring while a query runs. Built on an {@link Operations} module,
 * it also answers the rules' questions (WIP per station, work orders, items on hold, lots nearing expiry); built on
 * a bare {@link OperationsExtension}, those answer {@link IllegalStateException}. Threadsafe.
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

    /**
     * Work in progress at a WIP station.
     *
     * @param zone            station zone id.
     * @param zoneName        zone name.
     * @param wip             work-order units inside the station.
     * @param queue           units waiting for it (left their previous operation, not yet entered).
     * @param queueItemMs     the queue as count x waiting time, item-ms.
     * @param bottleneck      true while the queue is above the station's threshold.
     * @param averageQueueMs  mean queue time of the operations started there.
     * @param averageProcessMs mean process time of the operations completed there.
     */
    public record StationWip(
        int zone,
        String zoneName,
        int wip,
        int queue,
        long queueItemMs,
        boolean bottleneck,
        long averageQueueMs,
        long averageProcessMs)
    {
    }

    /**
     * A work order's progress.
     *
     * @param workOrderId   work order id.
     * @param status        {@code WipRules.STATUS_*}.
     * @param operations    operations in its routing.
     * @param units         units assigned.
     * @param unitsComplete units finished.
     * @param leadTimeMs    first operation start to completion (so far, if running), 0 if not started.
     */
    public record WorkOrder(long workOrderId, int status, int operations, int units, int unitsComplete, long leadTimeMs)
    {
    }

    /**
     * An item on quality hold.
     *
     * @param epcHigh EPC bits 95..32.
     * @param epcLow  EPC bits 31..0.
     * @param skuKey  SKU key, 0 if none.
     * @param lotId   lot id, 0 if none.
     * @param zone    zone name it is counted in, or null.
     * @param causes  hold causes, a bit mask (see {@code ShippingRules#holdCauses}).
     */
    public record HeldItem(long epcHigh, int epcLow, long skuKey, long lotId, String zone, int causes)
    {
    }

    /**
     * A lot in stock with its expiry.
     *
     * @param skuKey   SKU key.
     * @param lotId    lot id.
     * @param expiryMs expiry, epoch ms.
     * @param onHand   items on hand.
     * @param status   {@code LotRules.STATUS_OK / STATUS_APPROACHING / STATUS_EXPIRED}.
     */
    public record LotExpiry(long skuKey, long lotId, long expiryMs, int onHand, int status)
    {
    }

    private final InventoryEngine engine;
    private final OperationsExtension ops;
    private final Operations module;

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
        this.module = null;
    }

    /**
     * @param engine the engine the module is installed in.
     * @param module the operations module.
     */
    public OpsQueries(final InventoryEngine engine, final Operations module)
    {
        if (null == engine || null == module)
        {
            throw new IllegalArgumentException("engine and module must not be null");
        }
        this.engine = engine;
        this.ops = module.base();
        this.module = module;
    }

    private Operations module()
    {
        if (null == module)
        {
            throw new IllegalStateException("built on a bare OperationsExtension: no rules to ask");
        }
        return module;
    }

    /** @return work in progress at every WIP station (zone role {@link ZoneRole#WIP_STATION}). */
    public CompletableFuture<List<StationWip>> wipPerStation()
    {
        final WipRules wip = module().wip();
        return engine.query(p ->
        {
            final ArrayList<StationWip> stations = new ArrayList<>();
            for (int zone = 0; zone < p.zones().zoneCount(); zone++)
            {
                if (ops.role(zone) == ZoneRole.WIP_STATION)
                {
                    stations.add(new StationWip(zone, p.zones().zoneName(zone), wip.wip(zone), wip.queueCount(zone),
                        wip.queueItemMs(zone), wip.isBottleneck(zone), wip.averageQueueMs(zone),
                        wip.averageProcessMs(zone)));
                }
            }
            return List.copyOf(stations);
        });
    }

    /**
     * @param workOrderId work order id.
     * @return its progress, or null if unknown.
     */
    public CompletableFuture<WorkOrder> workOrder(final long workOrderId)
    {
        final WipRules wip = module().wip();
        return engine.query(p ->
        {
            final int status = wip.status(workOrderId);
            return status == WipRules.STATUS_UNKNOWN ? null : new WorkOrder(workOrderId, status,
                wip.operations(workOrderId), wip.units(workOrderId), wip.unitsComplete(workOrderId),
                wip.leadTimeMs(workOrderId));
        });
    }

    /**
     * @param limit most items answered.
     * @return items on quality hold, in handle order.
     */
    public CompletableFuture<List<HeldItem>> itemsOnHold(final int limit)
    {
        final ShippingRules shipping = module().shipping();
        return engine.query(p ->
        {
            final int[] tags = new int[Math.max(0, limit)];
            final int n = shipping.heldItems(tags);
            final HeldItem[] items = new HeldItem[n];
            for (int i = 0; i < n; i++)
            {
                final int tag = tags[i];
                final int zone = ops.zoneOf(tag);
                items[i] = new HeldItem(ops.epcHighOf(tag), ops.epcLowOf(tag), ops.skuKeyOf(tag), ops.lotIdOf(tag),
                    zone == Ledger.NO_ZONE ? null : p.zones().zoneName(zone), shipping.holdCauses(tag));
            }
            return List.of(items);
        });
    }

    /**
     * @param horizonMs how far ahead of engine time to look.
     * @return lots in stock that expire within the horizon (or have expired), as the lot rules rank them.
     */
    public CompletableFuture<List<LotExpiry>> lotsNearingExpiry(final long horizonMs)
    {
        final LotRules lots = module().lots();
        return engine.query(p ->
        {
            final ArrayList<LotExpiry> found = new ArrayList<>();
            lots.lotsNearingExpiry(horizonMs, (skuKey, lotId, expiryMs, onHand, status) ->
                found.add(new LotExpiry(skuKey, lotId, expiryMs, onHand, status)));
            return List.copyOf(found);
        });
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
            final ArrayList<Occupancy> zones = new ArrayList<>();
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
