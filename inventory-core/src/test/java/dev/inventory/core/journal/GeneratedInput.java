package dev.inventory.core.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.query.LedgerQueries;
import dev.inventory.core.query.TagView;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.spi.EpcFormatter;

/**
 * Deterministic input for journal tests: record {@code i} of the stream is a pure function of {@code i}. Mostly
 * RFID reads of {@link #TAGS} tags by two readers over four zones, 50 records per ms of record time, with a
 * tag-assignment command every 1000th record and a read from an unmapped antenna every 997th (rejected).
 * Threadsafe (stateless).
 */
final class GeneratedInput
{
    static final int TAGS = 50_000;
    static final long BASE_TIME_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    static final int RECORDS_PER_MS = 50;

    private static final ThreadLocal<CommandFlyweight> COMMAND = ThreadLocal.withInitial(CommandFlyweight::new);

    private GeneratedInput()
    {
    }

    /**
     * @param journalDir journal directory, or null for none.
     * @return the engine configuration every journal test uses.
     */
    static EngineConfig.Builder config(final Path journalDir)
    {
        return EngineConfig.builder()
            .ringCapacity(1 << 14)
            .tagCapacity(1 << 16)
            .presenceTimeoutMs(2_000)
            .clockTickIntervalMs(0)
            .zone("dock", 1, 1, 2)
            .zone("aisle", 1, 3, 4)
            .zone("shelf", 2, 1, 2)
            .zone("exit", 2, 3, 4)
            .journalDir(journalDir);
    }

    static Pipeline newPipeline(final EngineConfig config)
    {
        return new Pipeline(config, new Counters(), event -> {});
    }

    /**
     * Write record {@code index} of the stream.
     *
     * @param buffer little-endian buffer.
     * @param offset of the 64-byte slot.
     * @param index  position in the stream.
     */
    static void write(final ByteBuffer buffer, final int offset, final long index)
    {
        for (int i = 0; i < RecordDescriptor.RECORD_LENGTH; i += 8)
        {
            buffer.putLong(offset + i, 0L);
        }
        final long mix = mix(index);
        final int tag = (int)Long.remainderUnsigned(mix, TAGS);
        final long epcHigh = 0x3000_0000_0000_0000L | tag;
        final int epcLow = tag * 7 + 1;
        final long timestampMs = BASE_TIME_MS + index / RECORDS_PER_MS;
        if (index % 1000 == 999)
        {
            COMMAND.get().wrap(buffer, offset).set(9, CommandFlyweight.ASSIGN_TAG, epcLow, epcHigh,
                1_000 + (tag % 17), tag % 5, tag % 11, timestampMs);
            return;
        }
        final int reader = 1 + (int)((mix >>> 20) & 1);
        final int antenna = index % 997 == 5 ? 9 : 1 + (int)((mix >>> 21) & 3);
        final int rssiCentiDbm = -7_500 + (int)((mix >>> 32) % 3_000);
        Publisher.writeRfidRead(buffer, offset, reader, antenna, epcHigh, epcLow, rssiCentiDbm,
            timestampMs - ((mix >>> 40) & 7), timestampMs, 1 + (int)((mix >>> 48) & 3));
    }

    private static long mix(final long index)
    {
        long z = index * 0x9E37_79B9_7F4A_7C15L + 0x1234_5678L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    static ByteBuffer newBuffer(final int records)
    {
        return ByteBuffer.allocateDirect(records * RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Process records [from, to) of the stream, without a journal.
     */
    static void process(final Pipeline pipeline, final long from, final long to)
    {
        final ByteBuffer buffer = newBuffer(1);
        for (long i = from; i < to; i++)
        {
            write(buffer, 0, i);
            pipeline.onRecord(buffer, 0);
        }
    }

    /**
     * A pipeline that processed the first {@code records} records without a journal.
     */
    static Pipeline reference(final EngineConfig config, final long records)
    {
        final Pipeline pipeline = newPipeline(config);
        process(pipeline, 0, records);
        return pipeline;
    }

    /**
     * The complete pipeline state ({@link Pipeline#writeSnapshot}), with the counters that describe the journal
     * rather than the pipeline (journaled, journal lag, snapshots) left out, and in canonical form: the ledger
     * writes its zone/SKU quantity map in HPPC iteration order, which is randomised per map instance, so two
     * pipelines in the same state write those entries in different orders. The entries (the last
     * {@code 4 + 12 * size} bytes of the ledger section) are sorted here; every other byte is compared as written.
     */
    static byte[] state(final Pipeline pipeline) throws IOException
    {
        final Counters counters = pipeline.counters();
        final long journaled = counters.get(Counters.JOURNALED);
        final long lag = counters.get(Counters.JOURNAL_LAG);
        final long snapshots = counters.get(Counters.SNAPSHOTS);
        counters.set(Counters.JOURNALED, 0);
        counters.set(Counters.JOURNAL_LAG, 0);
        counters.set(Counters.SNAPSHOTS, 0);
        final byte[] bytes;
        try
        {
            bytes = write(pipeline::writeSnapshot);
        }
        finally
        {
            counters.set(Counters.JOURNALED, journaled);
            counters.set(Counters.JOURNAL_LAG, lag);
            counters.set(Counters.SNAPSHOTS, snapshots);
        }
        final int headerLength = 4 + 4 + 4 + 8 + 8 + 8 + Counters.FIRST_SHARED * 8 + RejectReason.REASON_COUNT * 8;
        final int ledgerStart = headerLength + write(pipeline.zones()::writeTo).length +
            write(pipeline.tags()::writeTo).length;
        final byte[] ledger = write(out -> pipeline.ledger().writeTo(out, pipeline.tags().handleLimit()));
        final ByteBuffer view = ByteBuffer.wrap(bytes);
        final int ledgerEnd = ledgerStart + ledger.length;
        final int entries = quantityEntries(pipeline);
        if (ByteBuffer.wrap(ledger).getInt(ledger.length - 4 - entries * 12) != entries)
        {
            throw new IllegalStateException("ledger section does not end with the quantity map");
        }
        final int mapStart = ledgerEnd - entries * 12;
        final long[][] sorted = new long[entries][];
        for (int i = 0; i < entries; i++)
        {
            sorted[i] = new long[] {view.getLong(mapStart + i * 12), view.getInt(mapStart + i * 12 + 8)};
        }
        java.util.Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        for (int i = 0; i < entries; i++)
        {
            view.putLong(mapStart + i * 12, sorted[i][0]);
            view.putInt(mapStart + i * 12 + 8, (int)sorted[i][1]);
        }
        return bytes;
    }

    private static int quantityEntries(final Pipeline pipeline)
    {
        try
        {
            final java.lang.reflect.Field field =
                dev.inventory.core.ledger.Ledger.class.getDeclaredField("zoneSkuQuantity");
            field.setAccessible(true);
            return ((com.carrotsearch.hppc.LongIntHashMap)field.get(pipeline.ledger())).size();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private interface Writer
    {
        void writeTo(DataOutputStream out) throws IOException;
    }

    private static byte[] write(final Writer writer) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            writer.writeTo(out);
        }
        return bytes.toByteArray();
    }

    /**
     * Assert two pipelines hold the same state: record count, ledger view and snapshot bytes.
     */
    static void assertSameState(final Pipeline actual, final Pipeline expected) throws IOException
    {
        if (actual.recordCount() != expected.recordCount())
        {
            throw new AssertionError("record count " + actual.recordCount() + " != " + expected.recordCount());
        }
        final byte[] a = state(actual);
        final byte[] e = state(expected);
        final int mismatch = java.util.Arrays.mismatch(a, e);
        if (mismatch >= 0)
        {
            throw new AssertionError("pipeline snapshots differ at byte " + mismatch + " (lengths " + a.length +
                ", " + e.length + ")");
        }
        if (!ledger(actual).equals(ledger(expected)))
        {
            throw new AssertionError("ledger views differ");
        }
    }

    static List<TagView> ledger(final Pipeline pipeline)
    {
        return LedgerQueries.allSeen(pipeline, EpcFormatter.HEX);
    }
}
