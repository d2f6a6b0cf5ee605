package dev.inventory.core.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventListener;
import dev.inventory.core.ingest.IngestRing;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.journal.Journal;
import dev.inventory.core.query.LedgerQueries;
import dev.inventory.core.query.TagView;
import dev.inventory.core.sink.SinkRunner;
import dev.inventory.core.spi.AdapterContext;
import dev.inventory.core.spi.DeviceAdapter;
import dev.inventory.core.spi.DeviceAdapterFactory;
import dev.inventory.core.spi.EpcFormatter;
import dev.inventory.core.spi.SinkContext;

/**
 * One inventory engine: one site or partition. Adapters publish into its ring from any thread; one engine thread
 * runs the pipeline; sinks get events on threads of their own; queries are answered on the engine thread and
 * handed back through futures, so answers are consistent and ingest never waits on a lock.
 * <p>
 * Lifecycle: {@link #start()} once, {@link #close()} once. Threadsafe.
 * <pre>{@code
 * try (InventoryEngine engine = new InventoryEngine(EngineConfig.builder().zone("dock", 1, 1, 2).build()).start())
 * {
 *     engine.publisher().tryPublishRfidRead(1, 1, epcHigh, epcLow, -5500, System.currentTimeMillis(), 1);
 *     TagView where = engine.whereIs(epcHigh, epcLow).get(1, TimeUnit.SECONDS);
 * }
 * }</pre>
 */
public final class InventoryEngine implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(InventoryEngine.class);
    private static final String CHRONICLE_JOURNAL = "dev.inventory.core.journal.ChronicleJournal";

    private final EngineConfig config;
    private final Counters counters = new Counters();
    private final IngestRing ring;
    private final Publisher publisher;
    private final Pipeline pipeline;
    private final List<SinkRunner> sinkRunners = new ArrayList<>();
    private final List<DeviceAdapter> adapters = new ArrayList<>();
    private final ConcurrentLinkedQueue<QueryTask<?>> queries = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> readerIds;
    private final Object lifecycleLock = new Object();
    private Journal journal;
    private AgentRunner runner;
    private EngineAgent agent;
    private long recoveredRecords;
    private long recoveredEvents;
    private volatile int state; // 0 new, 1 running, 2 closed

    /**
     * @param config the configuration.
     */
    public InventoryEngine(final EngineConfig config)
    {
        this.config = config;
        this.ring = new IngestRing(config.ringCapacity());
        this.publisher = new Publisher(ring, counters);
        final SinkRunner[] runners = new SinkRunner[config.sinks().size()];
        this.pipeline = new Pipeline(config, counters, new FanOut(runners));
        final SinkContext sinkContext = new EngineSinkContext();
        for (int i = 0; i < runners.length; i++)
        {
            final EngineConfig.SinkRegistration registration = config.sinks().get(i);
            runners[i] = new SinkRunner(registration.sink(), registration.policy(), sinkContext, counters);
            sinkRunners.add(runners[i]);
        }
        this.readerIds = Collections.synchronizedMap(new LinkedHashMap<>(config.readers()));
        adapters.addAll(config.adapters());
    }

    /**
     * Recover from the journal (if configured), then start sinks, the engine thread and adapters.
     *
     * @return this.
     * @throws IllegalStateException if already started, or the journal cannot be recovered.
     */
    public InventoryEngine start()
    {
        synchronized (lifecycleLock)
        {
            if (state != 0)
            {
                throw new IllegalStateException("engine already started");
            }
            if (null != config.journalDir())
            {
                journal = openJournal(config);
                try
                {
                    journal.recover(pipeline);
                    recoveredRecords = pipeline.recordCount();
                    recoveredEvents = pipeline.eventSequence();
                }
                catch (final Exception ex)
                {
                    journal.close();
                    throw new IllegalStateException("journal recovery failed: " + ex.getMessage(), ex);
                }
            }
            for (final SinkRunner sinkRunner : sinkRunners)
            {
                sinkRunner.start();
            }
            agent = new EngineAgent(ring, pipeline, journal, counters, publisher, queries, config.epochClock(),
                config.clockTickIntervalMs(), config.pollLimit());
            runner = new AgentRunner(config.idleStrategy().get(), this::onEngineError, null, agent);
            AgentRunner.startOnThread(runner);
            state = 1;
            if (config.discoverAdapters())
            {
                for (final DeviceAdapterFactory factory : ServiceLoader.load(DeviceAdapterFactory.class))
                {
                    adapters.add(factory.create(settingsFor(factory.type())));
                }
            }
            final AdapterContext adapterContext = new EngineAdapterContext();
            for (final DeviceAdapter adapter : adapters)
            {
                try
                {
                    adapter.onStart(adapterContext);
                }
                catch (final Exception ex)
                {
                    LOG.error("adapter {} failed to start", adapter.roleName(), ex);
                }
            }
            return this;
        }
    }

    private Map<String, String> settingsFor(final String type)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        final String prefix = type + ".";
        config.adapterSettings().forEach((k, v) ->
        {
            if (k.startsWith(prefix))
            {
                settings.put(k.substring(prefix.length()), v);
            }
        });
        return settings;
    }

    private static Journal openJournal(final EngineConfig config)
    {
        try
        {
            return (Journal)Class.forName(CHRONICLE_JOURNAL)
                .getConstructor(EngineConfig.class)
                .newInstance(config);
        }
        catch (final ReflectiveOperationException | LinkageError ex)
        {
            throw new IllegalStateException("cannot open the journal in " + config.journalDir() +
                " (the journal needs chronicle-queue and its JVM flags, see README): " + ex, ex);
        }
    }

    private void onEngineError(final Throwable ex)
    {
        LOG.error("engine error (engine keeps running)", ex);
    }

    /** @return the configuration. */
    public EngineConfig config()
    {
        return config;
    }

    /** @return the publisher adapters use; threadsafe. */
    public Publisher publisher()
    {
        return publisher;
    }

    /** @return counters; readable from any thread. */
    public Counters counters()
    {
        return counters;
    }

    /** @return records the pipeline holds after journal recovery at start (snapshot coverage plus replayed tail). */
    public long recoveredRecords()
    {
        return recoveredRecords;
    }

    /**
     * @return events the recovered journal had emitted before this start (their sequences come before the events
     * of this run; sinks see only the new ones).
     */
    public long recoveredEvents()
    {
        return recoveredEvents;
    }

    /** @return the sink runners, for health and resume. */
    public List<SinkRunner> sinkRunners()
    {
        return Collections.unmodifiableList(sinkRunners);
    }

    /**
     * Run a query on the engine thread (or on the caller's, when the engine is not running).
     *
     * @param query a function of the pipeline; runs on the engine thread, must be quick and must not keep
     *              references to engine state.
     * @param <T>   answer type.
     * @return the answer, later.
     */
    public <T> CompletableFuture<T> query(final Function<Pipeline, T> query)
    {
        final QueryTask<T> task = new QueryTask<>(query);
        synchronized (lifecycleLock)
        {
            if (state == 1)
            {
                queries.add(task);
                return task.future();
            }
        }
        synchronized (pipeline)
        {
            task.run(pipeline);
        }
        return task.future();
    }

    /**
     * @param epcHigh EPC bits 95..32.
     * @param epcLow  EPC bits 31..0.
     * @return where the tag is (null if unknown).
     */
    public CompletableFuture<TagView> whereIs(final long epcHigh, final int epcLow)
    {
        final EpcFormatter formatter = config.epcFormatter();
        return query(p -> LedgerQueries.whereIs(p, formatter, epcHigh, epcLow));
    }

    /**
     * @param zone zone name.
     * @return tags present in the zone.
     */
    public CompletableFuture<List<TagView>> zoneContents(final String zone)
    {
        final EpcFormatter formatter = config.epcFormatter();
        return query(p -> LedgerQueries.zoneContents(p, formatter, zone));
    }

    /**
     * @param zone   zone name.
     * @param skuKey SKU key.
     * @return quantity of the SKU present in the zone.
     */
    public CompletableFuture<Integer> quantity(final String zone, final long skuKey)
    {
        return query(p -> LedgerQueries.quantity(p, zone, skuKey));
    }

    /** @return every tag seen, sorted by EPC text. */
    public CompletableFuture<List<TagView>> ledger()
    {
        final EpcFormatter formatter = config.epcFormatter();
        return query(p -> LedgerQueries.allSeen(p, formatter));
    }

    /**
     * Wait until every record published before this call has been processed.
     *
     * @param timeout most time to wait.
     * @param unit    of the timeout.
     * @return true if caught up in time.
     * @throws InterruptedException if interrupted.
     */
    public boolean awaitIdle(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long target = ring.producerSequence();
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        // the consumer releases slots only after the pipeline has processed them
        while (ring.consumerSequence() < target)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /**
     * Stop adapters, process every record already committed, write a final snapshot (journal on), stop the
     * engine thread and drain sinks. Idempotent.
     */
    @Override
    public void close()
    {
        synchronized (lifecycleLock)
        {
            if (state == 2)
            {
                return;
            }
            final boolean wasRunning = state == 1;
            state = 2;
            for (final DeviceAdapter adapter : adapters)
            {
                try
                {
                    adapter.onClose();
                }
                catch (final Exception ex)
                {
                    LOG.warn("adapter {} failed to close", adapter.roleName(), ex);
                }
            }
            ring.close();
            if (wasRunning)
            {
                runner.close();
                synchronized (pipeline)
                {
                    while (agent.drain(config.pollLimit()) > 0)
                    {
                        // process what producers committed before the close
                    }
                }
                QueryTask<?> task;
                while (null != (task = queries.poll()))
                {
                    synchronized (pipeline)
                    {
                        task.run(pipeline);
                    }
                }
            }
            if (null != journal)
            {
                try
                {
                    journal.close(pipeline);
                }
                catch (final RuntimeException ex)
                {
                    LOG.error("journal close failed", ex);
                }
            }
            for (final SinkRunner sinkRunner : sinkRunners)
            {
                try
                {
                    sinkRunner.close(5_000);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static final class FanOut implements EventListener
    {
        private final SinkRunner[] runners;

        FanOut(final SinkRunner[] runners)
        {
            this.runners = runners;
        }

        @Override
        public void onEvent(final EventFlyweight event)
        {
            for (final SinkRunner runner : runners)
            {
                runner.offer(event);
            }
        }
    }

    private final class EngineSinkContext implements SinkContext
    {
        @Override
        public String zoneName(final int zoneId)
        {
            return pipeline.zones().zoneName(zoneId);
        }

        @Override
        public EpcFormatter epcFormatter()
        {
            return config.epcFormatter();
        }

        @Override
        public long skuKey(final int skuHandle)
        {
            // SKU handles only grow and their keys never change, so a racy read sees a correct key or 0.
            return pipeline.ledger().skuKey(skuHandle);
        }
    }

    private final class EngineAdapterContext implements AdapterContext
    {
        @Override
        public Publisher publisher()
        {
            return publisher;
        }

        @Override
        public int readerId(final String readerName)
        {
            synchronized (readerIds)
            {
                final Integer id = readerIds.get(readerName);
                if (null != id)
                {
                    return id;
                }
                int next = 1;
                for (final int used : readerIds.values())
                {
                    next = Math.max(next, used + 1);
                }
                readerIds.put(readerName, next);
                return next;
            }
        }

        @Override
        public String setting(final String key)
        {
            return config.adapterSettings().get(key);
        }
    }
}
