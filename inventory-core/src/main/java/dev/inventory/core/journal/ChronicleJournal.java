package dev.inventory.core.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.record.RecordDescriptor;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The durable write-ahead journal: input records in a Chronicle Queue, plus periodic pipeline snapshots, all in
 * {@link EngineConfig#journalDir()}.
 * <p>
 * <b>Records.</b> {@link #append} writes whole 64-byte records as raw bytes, up to
 * {@link JournalExcerptDescriptor#MAX_RECORDS_PER_EXCERPT} per Chronicle document, each document headed by the
 * journal index of its first record (layout in {@link JournalExcerptDescriptor}). The journal index of a record is
 * its position in the engine's input stream, i.e. {@link Pipeline#recordCount()} before the record is processed.
 * The appender and its document context are reused: appending allocates nothing except inside Chronicle when it
 * maps the next 64 MiB chunk of a queue file (about 660 bytes), in rare small one-offs (16 to 900 bytes, a few per
 * 50,000 batches after warm-up) and when it rolls to a new cycle file (hourly, {@link RollCycles#FAST_HOURLY}). Chronicle publishes a document by completing its header last, so a document
 * being written when the process died is never read: a record is complete or absent.
 * <p>
 * <b>Sync level</b> ({@link EngineConfig#journalSyncLevel()}), applied at the end of every batch in
 * {@link #afterBatch(Pipeline)}:
 * <ul>
 * <li>0: none. Records are in the page cache once appended (the queue file is memory-mapped): they survive a crash
 *     of the process, not of the machine or a power loss.</li>
 * <li>1: {@code FileChannel.force(false)} (fdatasync) of the current cycle file: the data written through the
 *     mapping, including Chronicle's index and header pages, is on the device when the batch ends. The directory
 *     and Chronicle's {@code metadata.cq4t} are fsynced when a new cycle file is created.</li>
 * <li>2: as 1 but {@code FileChannel.force(true)} (fsync): file metadata (size, times) too.</li>
 * </ul>
 * On Linux an fsync of the file flushes the pages dirtied through any mapping of it, so forcing a channel of our
 * own is equivalent to Chronicle's {@code SyncMode.SYNC} msync, and it also covers index pages outside the range
 * Chronicle's {@code sync()} would msync. Snapshots are always fsynced, whatever the level.
 * <p>
 * <b>Snapshots.</b> Every {@link EngineConfig#snapshotIntervalRecords()} records (0: only at close) and at
 * {@link #close(Pipeline)}, the pipeline state is written to {@code snapshot-<recordIndex>.bin} atomically; the
 * last two are kept (format in {@link SnapshotStore}). {@link #recover(Pipeline)} loads the newest snapshot that
 * validates, skipping a corrupt or incomplete one, and replays the journal from the snapshot's record index to
 * the end of the queue. {@link #replay(Path, Pipeline)} does the same read-only, without an engine.
 * <p>
 * Instances are NOT threadsafe: the engine thread only, except {@link #journaledRecords()} (any thread).
 */
public final class ChronicleJournal implements Journal
{
    /** Roll cycle of the queue files. */
    public static final RollCycle ROLL_CYCLE = RollCycles.FAST_HOURLY;

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournal.class);
    private static final String QUEUE_METADATA_FILE = "metadata.cq4t";
    private static final String QUEUE_FILE_SUFFIX = ".cq4";
    private static final String QUEUE_FILE_GLOB = "*" + QUEUE_FILE_SUFFIX;
    private static final DateTimeFormatter CYCLE_FILE_FORMAT =
        DateTimeFormatter.ofPattern(ROLL_CYCLE.format()).withZone(ZoneOffset.UTC);
    private static final VarHandle JOURNALED_RECORDS;

    static
    {
        try
        {
            JOURNALED_RECORDS = MethodHandles.lookup()
                .findVarHandle(ChronicleJournal.class, "journaledRecords", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Receives journaled records during a {@link #replay(Path, long, RecordHandler)}. */
    @FunctionalInterface
    public interface RecordHandler
    {
        /**
         * @param recordIndex journal index of the record.
         * @param buffer      little-endian buffer holding the record; valid during the call only.
         * @param offset      of the record in the buffer.
         */
        void onRecord(long recordIndex, ByteBuffer buffer, int offset);
    }

    private final Path dir;
    private final int syncLevel;
    private final long snapshotIntervalRecords;
    private final SnapshotStore snapshots;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final JournalPretoucher pretoucher;

    private ByteBuffer sourceBuffer;
    private BytesStore<?, ?> source;
    private boolean recovered;
    private boolean closed;
    private boolean appendFailed;
    private long nextRecordIndex;
    private long batchStartIndex;
    private long syncedRecordIndex;
    private long lastSnapshotIndex;
    private int syncedCycle = Integer.MIN_VALUE;
    private FileChannel syncChannel;

    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private volatile long journaledRecords;
    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;

    /**
     * Open (or create) the journal in {@link EngineConfig#journalDir()}. Call {@link #recover(Pipeline)} next.
     *
     * @param config the engine configuration; its journal directory must be set.
     * @throws UncheckedIOException if the directory cannot be created or read.
     */
    public ChronicleJournal(final EngineConfig config)
    {
        this(config, SystemTimeProvider.INSTANCE);
    }

    ChronicleJournal(final EngineConfig config, final TimeProvider timeProvider)
    {
        this.dir = Objects.requireNonNull(config.journalDir(), "journalDir");
        this.syncLevel = config.journalSyncLevel();
        this.snapshotIntervalRecords = config.snapshotIntervalRecords();
        this.snapshots = new SnapshotStore(dir);
        try
        {
            Files.createDirectories(dir);
            snapshots.deleteTemporaryFiles();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open journal directory " + dir, ex);
        }
        this.queue = SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(ROLL_CYCLE)
            .timeProvider(timeProvider)
            .build();
        this.appender = queue.createAppender();
        this.pretoucher = config.journalPretouch() ?
            new JournalPretoucher(this::existingCycleFile, "inventory-journal-pretouch") : null;
    }

    private Path existingCycleFile(final int cycle)
    {
        try
        {
            return cycleFile(cycle);
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /** @return pages the pretoucher faulted in ahead of the appender (0 if it is off). */
    long pretouchedPages()
    {
        return null == pretoucher ? 0 : pretoucher.pagesTouched();
    }

    /** @return the queue appender, for crash tests that must die inside an excerpt. */
    ExcerptAppender appender()
    {
        return appender;
    }

    /** @return the journal directory. */
    public Path dir()
    {
        return dir;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Loads the newest valid snapshot (if any) into the pipeline, then replays every journaled record from the
     * snapshot's record index (or from the pipeline's {@link Pipeline#recordCount()} without a snapshot) to the end
     * of the queue through {@link Pipeline#onRecord}. Appending continues at the pipeline's record count.
     *
     * @return records replayed from the queue; {@link Pipeline#recordCount()} is the total recovered.
     */
    @Override
    public long recover(final Pipeline pipeline) throws IOException
    {
        if (recovered)
        {
            throw new IllegalStateException("journal already recovered");
        }
        final SnapshotStore.Snapshot snapshot = snapshots.loadNewest();
        long excerptHint = -1;
        if (null != snapshot)
        {
            snapshot.restore(pipeline);
            excerptHint = snapshot.excerptIndex();
            LOG.info("journal {}: loaded snapshot {}", dir, snapshot.file().getFileName());
        }
        lastSnapshotIndex = pipeline.recordCount();
        final long replayed;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            replayed = replay(tailer, excerptHint, pipeline.recordCount(), pipeline);
        }
        nextRecordIndex = pipeline.recordCount();
        batchStartIndex = nextRecordIndex;
        syncedRecordIndex = nextRecordIndex;
        JOURNALED_RECORDS.setRelease(this, nextRecordIndex);
        recovered = true;
        if (null != pretoucher)
        {
            pretoucher.start();
        }
        return replayed;
    }

    /**
     * Recover a pipeline from a journal directory without an engine, read-only: load the newest valid snapshot and
     * replay the journal tail after it, exactly as an engine's start would. The pipeline then holds the state the
     * engine had after processing every journaled record. Safe to run on the journal of a crashed process; do not
     * run it while an engine writes to the directory.
     *
     * @param dir      the journal directory.
     * @param pipeline a fresh pipeline built with the configuration the engine used (zones, capacities, ...).
     * @return records replayed from the queue after the snapshot; {@link Pipeline#recordCount()} is the total.
     * @throws IOException if the directory does not exist, or the journal or a snapshot cannot be read.
     */
    public static long replay(final Path dir, final Pipeline pipeline) throws IOException
    {
        requireDirectory(dir);
        final SnapshotStore.Snapshot snapshot = new SnapshotStore(dir).loadNewest();
        long excerptHint = -1;
        if (null != snapshot)
        {
            snapshot.restore(pipeline);
            excerptHint = snapshot.excerptIndex();
        }
        if (!hasQueue(dir))
        {
            return 0;
        }
        try (SingleChronicleQueue queue = openReadOnly(dir);
            ExcerptTailer tailer = queue.createTailer())
        {
            return replay(tailer, excerptHint, pipeline.recordCount(), pipeline);
        }
    }

    /**
     * Read journaled records from an index to the end of the queue, read-only, ignoring snapshots.
     *
     * @param dir              the journal directory.
     * @param fromRecordIndex  journal index of the first record wanted (0: from the start).
     * @param handler          receives each record in index order.
     * @return records delivered.
     * @throws IOException if the directory does not exist, the journal is corrupt, or it does not hold the
     *                     record at {@code fromRecordIndex} (or any later one in sequence).
     */
    public static long replay(final Path dir, final long fromRecordIndex, final RecordHandler handler)
        throws IOException
    {
        requireDirectory(dir);
        if (!hasQueue(dir))
        {
            return 0;
        }
        try (SingleChronicleQueue queue = openReadOnly(dir);
            ExcerptTailer tailer = queue.createTailer())
        {
            return replay(tailer, -1, fromRecordIndex, handler);
        }
    }

    private static long replay(
        final ExcerptTailer tailer, final long excerptHint, final long fromRecordIndex, final Pipeline pipeline)
        throws IOException
    {
        return replay(tailer, excerptHint, fromRecordIndex, (index, buffer, offset) -> pipeline.onRecord(buffer, offset));
    }

    private static long replay(
        final ExcerptTailer tailer, final long excerptHint, final long fromRecordIndex, final RecordHandler handler)
        throws IOException
    {
        if (excerptHint < 0 || !tailer.moveToIndex(excerptHint))
        {
            tailer.toStart();
        }
        final ByteBuffer records = ByteBuffer
            .allocateDirect(JournalExcerptDescriptor.MAX_RECORDS_PER_EXCERPT << RecordDescriptor.RECORD_LENGTH_SHIFT)
            .order(ByteOrder.LITTLE_ENDIAN);
        long expected = fromRecordIndex;
        while (true)
        {
            try (DocumentContext context = tailer.readingDocument())
            {
                if (!context.isPresent())
                {
                    break;
                }
                if (!context.isData())
                {
                    continue;
                }
                final Bytes<?> bytes = context.wire().bytes();
                final long length = bytes.readRemaining();
                if (length < JournalExcerptDescriptor.HEADER_LENGTH)
                {
                    throw corrupt(tailer, "excerpt of " + length + " bytes");
                }
                final long first = bytes.readLong();
                final int count = bytes.readInt();
                bytes.readInt();
                if (count < 1 || count > JournalExcerptDescriptor.MAX_RECORDS_PER_EXCERPT || first < 0 ||
                    length != JournalExcerptDescriptor.HEADER_LENGTH + ((long)count << RecordDescriptor.RECORD_LENGTH_SHIFT))
                {
                    throw corrupt(tailer, "excerpt header first=" + first + " count=" + count + " length=" + length);
                }
                if (first + count <= expected)
                {
                    continue; // before the start, or repeated by a retried append
                }
                if (first > expected)
                {
                    throw corrupt(tailer, "gap: next record expected " + expected + ", excerpt starts at " + first);
                }
                final int skip = (int)(expected - first);
                final int take = count - skip;
                bytes.readSkip((long)skip << RecordDescriptor.RECORD_LENGTH_SHIFT);
                records.clear().limit(take << RecordDescriptor.RECORD_LENGTH_SHIFT);
                bytes.read(records);
                if (records.hasRemaining())
                {
                    throw corrupt(tailer, "short excerpt");
                }
                for (int i = 0; i < take; i++)
                {
                    handler.onRecord(expected + i, records, i << RecordDescriptor.RECORD_LENGTH_SHIFT);
                }
                expected += take;
            }
        }
        return expected - fromRecordIndex;
    }

    private static IOException corrupt(final ExcerptTailer tailer, final String what)
    {
        return new IOException("corrupt journal at excerpt 0x" + Long.toHexString(tailer.index()) + ": " + what);
    }

    private static void requireDirectory(final Path dir) throws IOException
    {
        if (!Files.isDirectory(dir))
        {
            throw new IOException("no journal directory: " + dir);
        }
    }

    private static boolean hasQueue(final Path dir) throws IOException
    {
        if (!Files.exists(dir.resolve(QUEUE_METADATA_FILE)))
        {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, QUEUE_FILE_GLOB))
        {
            return files.iterator().hasNext();
        }
    }

    private static SingleChronicleQueue openReadOnly(final Path dir)
    {
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(ROLL_CYCLE).readOnly(true).build();
    }

    /**
     * {@inheritDoc}
     * <p>
     * Garbage-free: see the class comment. Records are numbered from the pipeline's record count at recovery.
     *
     * @throws IllegalStateException if {@link #recover(Pipeline)} was not called.
     */
    @Override
    public void append(final ByteBuffer buffer, final int offset, final int count)
    {
        if (!recovered || closed)
        {
            throw new IllegalStateException(closed ? "journal closed" : "journal not recovered");
        }
        if (appendFailed)
        {
            // the engine retries the whole batch after a failed append: number it from the batch start again
            nextRecordIndex = batchStartIndex;
        }
        appendFailed = true;
        final BytesStore<?, ?> source = sourceFor(buffer);
        final ExcerptAppender appender = this.appender;
        long recordIndex = nextRecordIndex;
        long position = offset;
        int remaining = count;
        while (remaining > 0)
        {
            final int records = Math.min(remaining, JournalExcerptDescriptor.MAX_RECORDS_PER_EXCERPT);
            final long length = (long)records << RecordDescriptor.RECORD_LENGTH_SHIFT;
            final DocumentContext context = appender.writingDocument();
            try
            {
                final Bytes<?> bytes = context.wire().bytes();
                bytes.writeLong(recordIndex);
                bytes.writeInt(records);
                bytes.writeInt(0);
                bytes.write(source, position, length);
            }
            catch (final Throwable ex)
            {
                context.rollbackOnClose();
                throw ex;
            }
            finally
            {
                context.close();
            }
            recordIndex += records;
            position += length;
            remaining -= records;
        }
        appendFailed = false;
        nextRecordIndex = recordIndex;
        JOURNALED_RECORDS.setRelease(this, recordIndex);
        if (null != pretoucher)
        {
            pretoucher.advance(appender.cycle(), appender.wire().bytes().writePosition());
        }
    }

    private BytesStore<?, ?> sourceFor(final ByteBuffer buffer)
    {
        if (buffer != sourceBuffer)
        {
            releaseSource();
            source = BytesStore.wrap(buffer);
            sourceBuffer = buffer;
        }
        return source;
    }

    private void releaseSource()
    {
        if (null != source)
        {
            source.releaseLast();
            source = null;
            sourceBuffer = null;
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * Syncs per the sync level, then writes a snapshot if {@link EngineConfig#snapshotIntervalRecords()} records
     * were processed since the last one. A failed snapshot is logged and retried an interval later; a failed sync
     * throws {@link UncheckedIOException}.
     */
    @Override
    public void afterBatch(final Pipeline pipeline)
    {
        batchStartIndex = nextRecordIndex;
        appendFailed = false;
        if (syncLevel > 0 && syncedRecordIndex != nextRecordIndex)
        {
            sync();
        }
        if (snapshotIntervalRecords > 0 && pipeline.recordCount() - lastSnapshotIndex >= snapshotIntervalRecords)
        {
            trySnapshot(pipeline);
        }
    }

    private void sync()
    {
        try
        {
            final int cycle = appender.cycle();
            if (cycle != syncedCycle)
            {
                onNewCycle(cycle);
            }
            syncChannel.force(syncLevel >= 2);
            syncedRecordIndex = nextRecordIndex;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("journal sync failed in " + dir, ex);
        }
    }

    private void onNewCycle(final int cycle) throws IOException
    {
        final boolean metadata = syncLevel >= 2;
        if (null != syncChannel)
        {
            syncChannel.force(metadata); // the end of the previous cycle
            syncChannel.close();
            syncChannel = null;
        }
        syncChannel = FileChannel.open(cycleFile(cycle), StandardOpenOption.WRITE);
        syncedCycle = cycle;
        try (FileChannel meta = FileChannel.open(dir.resolve(QUEUE_METADATA_FILE), StandardOpenOption.WRITE))
        {
            meta.force(metadata);
        }
        SnapshotStore.syncDirectory(dir);
    }

    private Path cycleFile(final int cycle) throws IOException
    {
        final Path file = dir.resolve(CYCLE_FILE_FORMAT.format(
            Instant.ofEpochMilli((long)cycle * ROLL_CYCLE.lengthInMillis())) + QUEUE_FILE_SUFFIX);
        if (!Files.exists(file))
        {
            throw new IOException("no queue file for cycle " + cycle + ": " + file);
        }
        return file;
    }

    private void trySnapshot(final Pipeline pipeline)
    {
        final long recordIndex = pipeline.recordCount();
        assert recordIndex <= nextRecordIndex : "processed records that were not journaled";
        try
        {
            // the hint is valid when the snapshot's next record is the next to be appended
            final long excerptHint = recordIndex == nextRecordIndex && recordIndex > 0 ? appender.lastIndexAppended() : -1;
            snapshots.write(pipeline, excerptHint);
            pipeline.counters().increment(Counters.SNAPSHOTS);
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.error("journal {}: snapshot at record {} failed", dir, recordIndex, ex);
        }
        lastSnapshotIndex = recordIndex;
    }

    /** @return records journaled so far: the journal index of the next record. Any thread. */
    @Override
    public long journaledRecords()
    {
        return (long)JOURNALED_RECORDS.getAcquire(this);
    }

    /**
     * {@inheritDoc}
     * <p>
     * Writes a snapshot unless the last one already covers every processed record, syncs per the sync level and
     * closes the queue. Idempotent.
     */
    @Override
    public void close(final Pipeline pipeline)
    {
        if (closed)
        {
            return;
        }
        try
        {
            if (recovered)
            {
                if (syncLevel > 0 && syncedRecordIndex != nextRecordIndex)
                {
                    sync();
                }
                if (pipeline.recordCount() != lastSnapshotIndex)
                {
                    trySnapshot(pipeline);
                }
            }
        }
        finally
        {
            close();
        }
    }

    /** Close without a snapshot. Idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (null != pretoucher)
        {
            pretoucher.close();
        }
        try
        {
            if (null != syncChannel)
            {
                syncChannel.close();
                syncChannel = null;
            }
        }
        catch (final IOException ex)
        {
            LOG.warn("journal {}: closing sync channel failed", dir, ex);
        }
        finally
        {
            appender.close();
            queue.close();
            releaseSource();
        }
    }
}
