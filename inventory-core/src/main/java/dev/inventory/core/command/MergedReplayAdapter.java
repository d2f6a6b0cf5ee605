package dev.inventory.core.command;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.inventory.core.adapter.FileReplayAdapter;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.ingest.IngestRing;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.spi.AdapterContext;
import dev.inventory.core.spi.DeviceAdapter;

/**
 * Replays a file of reads (through a {@link FileReplayAdapter}) merged with a file of host commands
 * ({@link HostCommandFileReader}) into one ordered stream: before each read record with time {@code t}, every
 * command not yet published whose time is {@code <= t} is published, in file order. At equal times commands thus
 * come before reads, and the order the engine (and its journal) sees depends on the two files only, so runs and
 * replays are deterministic. The merge does not sort: both files should be in time order (a command later in its
 * file than one with a later time waits for it). Commands left after the last read follow at the end. Without a read
 * file the commands alone are published.
 * <p>
 * The read adapter publishes into a small private ring; this adapter's thread moves its records into the engine's
 * ring, publishing commands in between, with the blocking helper (nothing is dropped while the engine keeps up; a
 * record the engine does not take within the read adapter's publish timeout is lost and counted). Malformed read
 * lines stay one rejected record each (see {@link FileReplayAdapter}); malformed command lines are skipped and
 * reported ({@link #commandErrors()}). The engine's record count is then read lines + published commands.
 * <p>
 * Threadsafe: {@link #onStart}/{@link #onClose} from the engine's control thread, the accessors from any thread.
 */
public final class MergedReplayAdapter implements DeviceAdapter
{
    /** Host id written into command records. */
    public static final int DEFAULT_HOST_ID = 1;

    private static final Logger LOG = LoggerFactory.getLogger(MergedReplayAdapter.class);
    private static final int STAGING_CAPACITY = 1024;
    private static final int BATCH = 64;

    private final FileReplayAdapter reads;
    private final Path commandFile;
    private final EpcTextDecoder decoder;
    private final int hostId;
    private final long publishTimeoutMs;
    private final CountDownLatch done = new CountDownLatch(1);
    private final CommandFlyweight command = new CommandFlyweight();

    private volatile boolean running;
    private volatile long commandsPublished;
    private volatile long readRecordsForwarded;
    private volatile long lostRecords;
    private volatile long malformedCommandLines;
    private volatile List<String> commandErrors = List.of();
    private volatile Throwable failure;
    private IngestRing staging;
    private HostCommandFileReader commandReader;
    private Thread thread;

    /**
     * @param reads       the read replay (not started; this adapter starts and closes it), or null for commands only.
     * @param commandFile the command file.
     * @param decoder     EPC field decoder for the command file.
     * @param hostId      host id for command records.
     */
    public MergedReplayAdapter(
        final FileReplayAdapter reads, final Path commandFile, final EpcTextDecoder decoder, final int hostId)
    {
        if (null == commandFile)
        {
            throw new IllegalArgumentException("commandFile must be set");
        }
        if (null == decoder)
        {
            throw new IllegalArgumentException("decoder must be set");
        }
        this.reads = reads;
        this.commandFile = commandFile;
        this.decoder = decoder;
        this.hostId = hostId;
        this.publishTimeoutMs = null == reads ? 60_000 : reads.context().publishTimeoutMs();
    }

    @Override
    public String roleName()
    {
        return "merged-replay:" + (null == reads ? "" : reads.context().file().getFileName() + "+") +
            commandFile.getFileName();
    }

    /**
     * Open the command file, start the read replay into the private ring and the merging thread.
     *
     * @param context the engine's publisher and reader names.
     * @throws Exception if a file cannot be opened.
     */
    @Override
    public synchronized void onStart(final AdapterContext context) throws Exception
    {
        if (null != thread)
        {
            throw new IllegalStateException("already started");
        }
        commandReader = HostCommandFileReader.open(commandFile, decoder);
        staging = new IngestRing(STAGING_CAPACITY);
        final Publisher stagingPublisher = new Publisher(staging, new Counters());
        running = true;
        if (null != reads)
        {
            try
            {
                reads.onStart(new StagingContext(context, stagingPublisher));
            }
            catch (final Exception ex)
            {
                running = false;
                commandReader.close();
                throw ex;
            }
        }
        final Publisher publisher = context.publisher();
        thread = new Thread(() -> run(publisher), roleName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stop (if still running) and wait up to 5 s for the threads.
     *
     * @throws Exception if interrupted or the read replay fails to close.
     */
    @Override
    public void onClose() throws Exception
    {
        final Thread thread;
        synchronized (this)
        {
            running = false;
            thread = this.thread;
        }
        if (null != staging)
        {
            staging.close();
        }
        if (null != reads)
        {
            reads.onClose();
        }
        if (null != thread)
        {
            LockSupport.unpark(thread);
            thread.join(5_000);
        }
    }

    @Override
    public boolean isHealthy()
    {
        return null == failure && (null == reads || reads.isHealthy());
    }

    /** @return the read replay, for its line counts, or null. */
    public FileReplayAdapter reads()
    {
        return reads;
    }

    /** @return commands published into the engine so far. */
    public long commandsPublished()
    {
        return commandsPublished;
    }

    /** @return read records moved into the engine so far. */
    public long readRecordsForwarded()
    {
        return readRecordsForwarded;
    }

    /** @return records (reads and commands) the engine did not take: closed, or the publish timeout passed. */
    public long lostRecords()
    {
        return lostRecords + (null == reads ? 0 : reads.lostRecords());
    }

    /** @return malformed command lines (skipped); final once {@link #isDone()}. */
    public long malformedCommandLines()
    {
        return malformedCommandLines;
    }

    /** @return descriptions of the malformed command lines with their line numbers; complete once done. */
    public List<String> commandErrors()
    {
        return commandErrors;
    }

    /** @return the error that ended the merge early, or null. */
    public Throwable failure()
    {
        return null != failure ? failure : (null == reads ? null : reads.failure());
    }

    /** @return true once both files are through (or the replay stopped or failed). */
    public boolean isDone()
    {
        return done.getCount() == 0;
    }

    /**
     * @param timeout most time to wait.
     * @param unit    of the timeout.
     * @return true if done in time.
     * @throws InterruptedException if interrupted.
     */
    public boolean awaitDone(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return done.await(timeout, unit);
    }

    private void run(final Publisher publisher)
    {
        final IngestRing staging = this.staging;
        final ByteBuffer stagingBuffer = staging.buffer();
        final HostCommandFileReader commandReader = this.commandReader;
        try (commandReader)
        {
            HostCommand next = commandReader.next();
            long idleNs = 1_000;
            while (running)
            {
                final int count = staging.available(BATCH);
                if (count == 0)
                {
                    if (null == reads || reads.isDone())
                    {
                        if (staging.available(1) == 0)
                        {
                            break; // the read replay commits before it counts down, so nothing more will come
                        }
                        continue;
                    }
                    LockSupport.parkNanos(idleNs);
                    idleNs = Math.min(idleNs << 1, 1_000_000);
                    continue;
                }
                idleNs = 1_000;
                final long first = staging.consumerSequence();
                for (int i = 0; i < count && running; i++)
                {
                    final int offset = staging.offset(first + i);
                    if (stagingBuffer.getShort(offset + RecordDescriptor.TYPE_OFFSET) == RecordType.PADDING)
                    {
                        continue;
                    }
                    final long timestampMs = stagingBuffer.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
                    while (null != next && next.timestampMs() <= timestampMs && running)
                    {
                        publishCommand(publisher, next);
                        next = commandReader.next();
                    }
                    if (running)
                    {
                        forward(publisher, stagingBuffer, offset);
                    }
                }
                staging.release(count);
            }
            while (null != next && running)
            {
                publishCommand(publisher, next);
                next = commandReader.next();
            }
            if (running)
            {
                while (null != commandReader.next())
                {
                    // count the malformed lines of a file that had no well-formed command left
                }
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
            LOG.error("{}: merge failed", roleName(), ex);
        }
        finally
        {
            malformedCommandLines = commandReader.malformedLines();
            commandErrors = List.copyOf(new ArrayList<>(commandReader.errors()));
            if (commandReader.malformedLines() > 0)
            {
                LOG.warn("{}: {} malformed command lines skipped, first: {}",
                    roleName(), commandReader.malformedLines(), commandErrors.get(0));
            }
            running = false;
            staging.close(); // a read replay still publishing stops
            done.countDown();
        }
    }

    private void publishCommand(final Publisher publisher, final HostCommand hostCommand)
    {
        final long sequence = publisher.claimBlocking(publishTimeoutMs, TimeUnit.MILLISECONDS);
        if (sequence < 0)
        {
            onLost(sequence);
            return;
        }
        hostCommand.writeTo(command.wrap(publisher.buffer(), publisher.offset(sequence)), hostId);
        publisher.commit(sequence);
        commandsPublished++;
    }

    private void forward(final Publisher publisher, final ByteBuffer src, final int srcOffset)
    {
        final long sequence = publisher.claimBlocking(publishTimeoutMs, TimeUnit.MILLISECONDS);
        if (sequence < 0)
        {
            onLost(sequence);
            return;
        }
        final ByteBuffer dst = publisher.buffer();
        final int dstOffset = publisher.offset(sequence);
        for (int i = 0; i < RecordDescriptor.RECORD_LENGTH; i += 8)
        {
            dst.putLong(dstOffset + i, src.getLong(srcOffset + i));
        }
        publisher.commit(sequence);
        readRecordsForwarded++;
    }

    private void onLost(final long code)
    {
        lostRecords++;
        if (code == Publisher.CLOSED)
        {
            running = false;
        }
        else
        {
            LOG.error("{}: engine took no record for {} ms; record dropped", roleName(), publishTimeoutMs);
        }
    }

    /** What the read replay sees: the private ring, and the engine's reader names and settings. */
    private static final class StagingContext implements AdapterContext
    {
        private final AdapterContext engine;
        private final Publisher staging;

        StagingContext(final AdapterContext engine, final Publisher staging)
        {
            this.engine = engine;
            this.staging = staging;
        }

        @Override
        public Publisher publisher()
        {
            return staging;
        }

        @Override
        public int readerId(final String readerName)
        {
            return engine.readerId(readerName);
        }

        @Override
        public String setting(final String key)
        {
            return engine.setting(key);
        }
    }
}
