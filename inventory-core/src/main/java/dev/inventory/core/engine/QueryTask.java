package dev.inventory.core.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A query queued to the engine thread with the future that receives its answer. Threadsafe hand-off.
 *
 * @param <T> answer type.
 */
final class QueryTask<T>
{
    private final Function<Pipeline, T> query;
    private final CompletableFuture<T> future = new CompletableFuture<>();

    QueryTask(final Function<Pipeline, T> query)
    {
        this.query = query;
    }

    CompletableFuture<T> future()
    {
        return future;
    }

    void run(final Pipeline pipeline)
    {
        try
        {
            future.complete(query.apply(pipeline));
        }
        catch (final RuntimeException ex)
        {
            future.completeExceptionally(ex);
        }
    }
}
