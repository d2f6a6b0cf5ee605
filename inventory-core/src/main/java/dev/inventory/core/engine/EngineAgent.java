package dev.inventory.core.engine;

import java.nio.ByteBuffer;
import java.util.Queue;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
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
    private static final Logger LOG = LoggerFactory.getLogger(EngineAgent.class);

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
    private int failuresLogged;

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
        final ByteBuffer buffer = this.buffer;
        for (int i = 0; i < count; i++)
        {
            final int offset = ring.offset(start + i);
            try
            {
                pipeline.onRecord(buffer, offset);
            }
            catch (final RuntimeException | AssertionError ex)
            {
                onRecordFailed(start + i, offset, ex);
            }
        }
        ring.release(count);
        if (null != journal)
        {
            journal.afterBatch(pipeline);
            counters.set(Counters.JOURNAL_LAG, Math.max(0, ring.producerSequence() - (start + count)));
        }
        return count;
    }

    private void onRecordFailed(final long sequence, final int offset, final Throwable ex)
    {
        counters.reject(RejectReason.INTERNAL_ERROR);
        if (failuresLogged < 100)
        {
            failuresLogged++;
            final StringBuilder hex = new StringBuilder(RecordDescriptor.RECORD_LENGTH * 2);
            for (int i = 0; i < RecordDescriptor.RECORD_LENGTH; i++)
            {
                hex.append(Character.forDigit((buffer.get(offset + i) >> 4) & 0xF, 16))
                    .append(Character.forDigit(buffer.get(offset + i) & 0xF, 16));
            }
            LOG.error("record {} failed in the pipeline and was skipped (record bytes {})", sequence, hex, ex);
        }
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
