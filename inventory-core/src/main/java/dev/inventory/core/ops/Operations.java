package dev.inventory.core.ops;

import dev.inventory.core.engine.RecordExtension;

/**
 * The whole operations module in one piece: an {@link OperationsExtension} and the rules built on it, composed into
 * one {@link RecordExtension} in a fixed order (so that snapshots written by one process are read by another built
 * the same way). Install {@link #extension()} with {@code EngineConfig.Builder#recordExtension}; query with
 * {@link OpsQueries}. NOT threadsafe: the parts run on the engine thread.
 */
public final class Operations
{
    private final OperationsExtension base;
    private final RecordExtension extension;

    /**
     * @param tagCapacity at least the engine's {@code EngineConfig#tagCapacity()}.
     */
    public Operations(final int tagCapacity)
    {
        base = new OperationsExtension(new OperationsExtension.Context().tagCapacity(tagCapacity));
        extension = base;
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
}
