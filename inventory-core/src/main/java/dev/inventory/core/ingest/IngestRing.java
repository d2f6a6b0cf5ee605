package dev.inventory.core.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RecordType;

/**
 * Many-to-one ring of fixed-size record slots ({@link RecordDescriptor#RECORD_LENGTH} bytes each), preallocated at
 * construction. Producers claim a sequence with {@link #tryClaim()}, write the slot in place at
 * {@link #offset(long)} and {@link #commit(long)} it (or {@link #abort(long)}); the single consumer takes contiguous
 * committed slots with {@link #available(int)} and hands them back with {@link #release(int)}.
 * <p>
 * Claiming is a CAS on the producer sequence, gated by the consumer sequence; a slot is published by storing its
 * sequence into an availability array with release semantics, which the consumer reads with acquire semantics (the
 * multi-producer scheme of the LMAX Disruptor, written here on {@link VarHandle}s so that no JVM flags are needed).
 * A full ring never blocks: {@link #tryClaim()} returns {@link #BACK_PRESSURED}.
 * <p>
 * Threadsafe for any number of producers; {@link #available(int)} and {@link #release(int)} are for ONE consumer
 * thread only.
 */
public final class IngestRing
{
    /** The ring is full: the consumer has not caught up. Try again later, or count a drop. */
    public static final long BACK_PRESSURED = -2;
    /** The ring is closed: the engine has stopped. */
    public static final long CLOSED = -4;

    private static final VarHandle AVAILABLE = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle PRODUCER_SEQUENCE;
    private static final VarHandle CONSUMER_SEQUENCE;
    private static final VarHandle CONSUMER_CACHE;
    private static final VarHandle CLOSED_FLAG;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_SEQUENCE = lookup.findVarHandle(IngestRing.class, "producerSequence", long.class);
            CONSUMER_SEQUENCE = lookup.findVarHandle(IngestRing.class, "consumerSequence", long.class);
            CONSUMER_CACHE = lookup.findVarHandle(IngestRing.class, "consumerCache", long.class);
            CLOSED_FLAG = lookup.findVarHandle(IngestRing.class, "closed", boolean.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final ByteBuffer buffer;
    private final long[] available;
    private final int capacity;
    private final int mask;

    // Hot fields written by different threads, each on its own cache line.
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private volatile long producerSequence;
    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;
    private volatile long consumerCache;
    @SuppressWarnings("unused")
    private long p21, p22, p23, p24, p25, p26, p27;
    private volatile long consumerSequence;
    @SuppressWarnings("unused")
    private long p31, p32, p33, p34, p35, p36, p37;
    private volatile boolean closed;

    /**
     * @param capacity number of record slots, a power of two of at least 2.
     */
    public IngestRing(final int capacity)
    {
        if (capacity < 2 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 2: " + capacity);
        }
        if (capacity > (Integer.MAX_VALUE >> RecordDescriptor.RECORD_LENGTH_SHIFT))
        {
            throw new IllegalArgumentException("ring capacity too large: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        // every record on its own cache line: a record the publisher writes never shares a line with one the engine
        // reads (direct buffers are only 16-byte aligned by themselves)
        final int bytes = capacity << RecordDescriptor.RECORD_LENGTH_SHIFT;
        this.buffer = ByteBuffer.allocateDirect(bytes + RecordDescriptor.RECORD_LENGTH)
            .alignedSlice(RecordDescriptor.RECORD_LENGTH)
            .slice(0, bytes)
            .order(ByteOrder.LITTLE_ENDIAN);
        this.available = new long[capacity];
        for (int i = 0; i < capacity; i++)
        {
            available[i] = -1;
        }
        VarHandle.releaseFence();
    }

    /** @return number of record slots. */
    public int capacity()
    {
        return capacity;
    }

    /** @return the slot buffer, little-endian; write only the slot you claimed. */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param sequence a claimed or available sequence.
     * @return byte offset of its slot in {@link #buffer()}.
     */
    public int offset(final long sequence)
    {
        return ((int)sequence & mask) << RecordDescriptor.RECORD_LENGTH_SHIFT;
    }

    /**
     * Claim the next slot without blocking.
     *
     * @return the claimed sequence (&gt;= 0), {@link #BACK_PRESSURED} if the ring is full or {@link #CLOSED}.
     */
    public long tryClaim()
    {
        if ((boolean)CLOSED_FLAG.getOpaque(this))
        {
            return CLOSED;
        }

        final int capacity = this.capacity;
        long current;
        do
        {
            current = (long)PRODUCER_SEQUENCE.getVolatile(this);
            final long wrapPoint = current - capacity;
            if (wrapPoint >= (long)CONSUMER_CACHE.getOpaque(this))
            {
                final long consumer = (long)CONSUMER_SEQUENCE.getAcquire(this);
                CONSUMER_CACHE.setOpaque(this, consumer);
                if (wrapPoint >= consumer)
                {
                    return BACK_PRESSURED;
                }
            }
        }
        while (!PRODUCER_SEQUENCE.compareAndSet(this, current, current + 1));

        return current;
    }

    /**
     * Publish a claimed slot to the consumer.
     *
     * @param sequence returned by {@link #tryClaim()}.
     */
    public void commit(final long sequence)
    {
        AVAILABLE.setRelease(available, (int)sequence & mask, sequence);
    }

    /**
     * Give up a claimed slot: it is published as {@link RecordType#PADDING} and skipped by the consumer.
     *
     * @param sequence returned by {@link #tryClaim()}.
     */
    public void abort(final long sequence)
    {
        buffer.putShort(offset(sequence) + RecordDescriptor.TYPE_OFFSET, RecordType.PADDING);
        commit(sequence);
    }

    /**
     * Consumer only: how many slots from {@link #consumerSequence()} on are committed, in order, up to a limit.
     *
     * @param limit most slots wanted.
     * @return count of contiguous committed slots, 0 if none.
     */
    public int available(final int limit)
    {
        final long[] available = this.available;
        final int mask = this.mask;
        final long start = (long)CONSUMER_SEQUENCE.getOpaque(this);
        int count = 0;
        while (count < limit)
        {
            final long sequence = start + count;
            if ((long)AVAILABLE.getAcquire(available, (int)sequence & mask) != sequence)
            {
                break;
            }
            count++;
        }
        return count;
    }

    /**
     * Consumer only: hand processed slots back to producers.
     *
     * @param count slots processed, at most what {@link #available(int)} returned.
     */
    public void release(final int count)
    {
        CONSUMER_SEQUENCE.setRelease(this, (long)CONSUMER_SEQUENCE.getOpaque(this) + count);
    }

    /** @return next sequence the consumer will take. */
    public long consumerSequence()
    {
        return (long)CONSUMER_SEQUENCE.getAcquire(this);
    }

    /** @return next sequence a producer will claim. */
    public long producerSequence()
    {
        return (long)PRODUCER_SEQUENCE.getAcquire(this);
    }

    /** @return claimed slots not yet released by the consumer (approximate while producers run). */
    public long size()
    {
        return Math.max(0, producerSequence() - consumerSequence());
    }

    /** Close the ring: further claims return {@link #CLOSED}. Already committed slots stay available. */
    public void close()
    {
        CLOSED_FLAG.setVolatile(this, true);
    }

    /** @return true once {@link #close()} was called. */
    public boolean isClosed()
    {
        return (boolean)CLOSED_FLAG.getVolatile(this);
    }
}
