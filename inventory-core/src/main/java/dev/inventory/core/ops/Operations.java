package dev.inventory.core.ops;

import dev.inventory.core.engine.RecordExtension;

/**
 * The whole operations module in one piece: an {@link OperationsExtension} (movements, balances, receiving,
 * put-away, stock levels) and the rules built on it — {@link LotRules} (FIFO / FEFO, expiry, condition monitoring),
 * {@link ShippingRules} (quality hold, picking and shipping, unauthorized movement), {@link AccuracyRules} (books,
 * cycle counts, ABC, analytics), {@link ContainerRules} (pack, unpack, containers carrying their contents) and
 * {@link WipRules} (routing, queues, consumption, completion) — composed into one
 * {@link RecordExtension} in a fixed order, so that a snapshot written by one process is read by another built the
 * same way. Install {@link #extension()} with {@code EngineConfig.Builder#recordExtension}; ask from other threads
 * with {@link OpsQueries}.
 * <p>
 * Order: the base runs first (rules read the state it has just updated); {@link WipRules} is the last listener,
 * because it consumes material from within {@link OpsListener#onItemMoved}: every other rule has seen the item
 * arrive before it is told that the item left stock.
 * <p>
 * NOT threadsafe: the parts run on the engine thread.
 */
public final class Operations
{
    private final OperationsExtension base;
    private final LotRules lots;
    private final ShippingRules shipping;
    private final AccuracyRules accuracy;
    private final ContainerRules containers;
    private final WipRules wip;
    private final RecordExtension extension;

    /**
     * All parts with their default capacities, for an engine of the given tag capacity.
     *
     * @param tagCapacity at least the engine's {@code EngineConfig#tagCapacity()}.
     */
    public Operations(final int tagCapacity)
    {
        this(
            new OperationsExtension.Context().tagCapacity(tagCapacity),
            new LotRules.Context().tagCapacity(tagCapacity),
            new ShippingRules.Context().tagCapacity(tagCapacity),
            new AccuracyRules.Context().tagCapacity(tagCapacity),
            new ContainerRules.Context().tagCapacity(tagCapacity),
            new WipRules.Context().tagCapacity(tagCapacity));
    }

    /**
     * @param base       capacities of the base.
     * @param lots       capacities of the lot rules.
     * @param shipping   capacities of the shipping rules.
     * @param accuracy   capacities of the accuracy rules.
     * @param containers capacities of the container rules.
     * @param wip        capacities of the work-in-progress rules.
     */
    public Operations(
        final OperationsExtension.Context base,
        final LotRules.Context lots,
        final ShippingRules.Context shipping,
        final AccuracyRules.Context accuracy,
        final ContainerRules.Context containers,
        final WipRules.Context wip)
    {
        this.base = new OperationsExtension(base);
        this.lots = new LotRules(this.base, lots);
        this.shipping = new ShippingRules(this.base, shipping);
        this.accuracy = new AccuracyRules(this.base, accuracy);
        this.containers = new ContainerRules(this.base, containers);
        this.wip = new WipRules(this.base, wip);
        extension = RecordExtension.compose(
            this.base, this.lots, this.shipping, this.accuracy, this.containers, this.wip);
    }

    /** @return the extension to install in the engine. */
    public RecordExtension extension()
    {
        return extension;
    }

    /** @return the base: movements, balances, receiving, put-away, stock levels. */
    public OperationsExtension base()
    {
        return base;
    }

    /** @return lots, expiry and condition monitoring. */
    public LotRules lots()
    {
        return lots;
    }

    /** @return quality hold, picking, shipping and unauthorized movement. */
    public ShippingRules shipping()
    {
        return shipping;
    }

    /** @return books, cycle counts, ABC classes and analytics. */
    public AccuracyRules accuracy()
    {
        return accuracy;
    }

    /** @return containers: pack, unpack, contents carried with their container. */
    public ContainerRules containers()
    {
        return containers;
    }

    /** @return work orders, routing, station queues, consumption and completion. */
    public WipRules wip()
    {
        return wip;
    }
}
