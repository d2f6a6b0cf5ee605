package dev.inventory.core.engine;

import java.nio.ByteBuffer;
import java.util.Queue;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.ingest.IngestRing;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.journal.Journal;
import dev.inventory.core.record.RecordDescriptor;

/**
 * The engine's duty cycle: take a bounded batch of committed records off the ring, journal it (if on), run it
 * through the pipeline, release the slots; answer queued queries; publish a clock tick when due. Returns 0 when
 * idle so the idle strategy backs off. Instances are NOT threadsafe: the engine thread only.
 */
final class EngineAgent implements Agent
{

    private final IngestRing ring;
    private final Pipeline pipeline;
    private final Journal journal;
    private final Counters counters;
    private final Publisher publisher;
    private final Queue<QueryTask<?>> queries;
    private final EpochClock clock;
    private final long clockTickIntervalMs;
    private final int pollLimit;
    private final ByteBuffer buffer;
    private long nextTickMs;

    EngineAgent(
        final IngestRing ring,
        final Pipeline pipeline,
        final Journal journal,
        final Counters counters,
        final Publisher publisher,
        final Queue<QueryTask<?>> queries,
        final EpochClock clock,
        final long clockTickIntervalMs,
        final int pollLimit)
    {
        this.ring = ring;
        this.pipeline = pipeline;
        this.journal = journal;
        this.counters = counters;
        this.publisher = publisher;
        this.queries = queries;
        this.clock = clock;
        this.clockTickIntervalMs = clockTickIntervalMs;
        this.pollLimit = pollLimit;
        this.buffer = ring.buffer();
    }

    @Override
    public int doWork()
    {
        int work = 0;
        if (clockTickIntervalMs > 0)
        {
            final long nowMs = clock.time();
            if (nowMs >= nextTickMs && !ring.isClosed())
            {
                if (publisher.tryPublishClockTick(0, nowMs) >= 0)
                {
                    nextTickMs = nowMs + clockTickIntervalMs;
                }
            }
        }
        work += drain(pollLimit);
        if (!queries.isEmpty())
        {
            work += runQueries();
        }
        return work;
    }

    /**
     * Process up to a limit of committed records.
     *
     * @param limit most records.
     * @return records processed.
     */
    int drain(final int limit)
    {
        final IngestRing ring = this.ring;
        final int count = ring.available(limit);
        if (count == 0)
        {
            return 0;
        }
        final long start = ring.consumerSequence();
        final int capacity = ring.capacity();
        final int firstIndex = (int)(start & (capacity - 1));
        final int firstRun = Math.min(count, capacity - firstIndex);
        if (null != journal)
        {
            journal.append(buffer, firstIndex << RecordDescriptor.RECORD_LENGTH_SHIFT, firstRun);
            if (firstRun < count)
            {
                journal.append(buffer, 0, count - firstRun);
            }
            counters.set(Counters.JOURNALED, journal.journaledRecords());
        }
        final Pipeline pipeline = this.pipeline;
        pipeline.onRecords(buffer, firstIndex << RecordDescriptor.RECORD_LENGTH_SHIFT, firstRun);
        if (firstRun < count)
        {
            pipeline.onRecords(buffer, 0, count - firstRun);
        }
        ring.release(count);
        if (null != journal)
        {
            journal.afterBatch(pipeline);
            counters.set(Counters.JOURNAL_LAG, Math.max(0, ring.producerSequence() - (start + count)));
        }
        return count;
    }

    private int runQueries()
    {
        int done = 0;
        QueryTask<?> task;
        while (done < 64 && null != (task = queries.poll()))
        {
            task.run(pipeline);
            done++;
        }
        return done;
    }

    @Override
    public String roleName()
    {
        return "inventory-engine";
    }
}
