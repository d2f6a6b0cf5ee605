package dev.inventory.core.ops;

/**
 * Append-only movement rows in a bounded ring of preallocated primitive arrays: the most recent
 * {@link #capacity()} rows are kept, older ones are overwritten (the journal is the system of record; balances are
 * derived incrementally and never re-read from the ring). A zone-to-zone move is one movement: an out row and an in
 * row sharing the movement id. Row sequences are global and never reused: {@link #rowCount()} rows were appended,
 * those from {@link #firstRow()} are readable.
 * <p>
 * Row fields: movement id, time (ms), tag handle (-1 for untagged stock), EPC, SKU key, lot id, zone the row
 * counts in, counterpart zone, signed quantity (-n out, +n in), reason. Instances are NOT threadsafe: engine
 * thread only.
 */
public final class MovementLedger
{
    /** Reason: received at a receiving zone. */
    public static final int RECEIPT = 1;
    /** Reason: first seen outside receiving (found stock). */
    public static final int FOUND = 2;
    /** Reason: moved into a storage zone. */
    public static final int PUT_AWAY = 3;
    /** Reason: any other zone-to-zone move. */
    public static final int TRANSFER = 4;
    /** Reason: issued (consumed by production). */
    public static final int ISSUE = 5;
    /** Reason: shipped. */
    public static final int SHIP = 6;
    /** Reason: host adjustment of untagged stock. */
    public static final int ADJUST = 7;
    /** Reason: the tag was retired by the host. */
    public static final int RETIRED = 8;
    /** Reason: consumed by a work order (bill-of-material line). */
    public static final int CONSUME = 9;
    /** Reason: packed into or unpacked from a container (a container move carrying its contents is a TRANSFER). */
    public static final int PACK = 10;
    /** Highest reason code. */
    public static final int MAX_REASON = PACK;

    private final int mask;
    private final long[] movementId;
    private final long[] timeMs;
    private final int[] tag;
    private final long[] epcHigh;
    private final int[] epcLow;
    private final long[] skuKey;
    private final long[] lotId;
    private final int[] zone;
    private final int[] otherZone;
    private final int[] quantity;
    private final byte[] reason;
    private long rows;
    private long movements;

    /**
     * @param capacity rows kept, a power of two.
     */
    public MovementLedger(final int capacity)
    {
        if (capacity < 2 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("movement capacity must be a power of two >= 2: " + capacity);
        }
        mask = capacity - 1;
        movementId = new long[capacity];
        timeMs = new long[capacity];
        tag = new int[capacity];
        epcHigh = new long[capacity];
        epcLow = new int[capacity];
        skuKey = new long[capacity];
        lotId = new long[capacity];
        zone = new int[capacity];
        otherZone = new int[capacity];
        quantity = new int[capacity];
        reason = new byte[capacity];
    }

    /** @return a new movement id (1, 2, ...). */
    long nextMovementId()
    {
        return ++movements;
    }

    void append(
        final long id,
        final long nowMs,
        final int tagHandle,
        final long high,
        final int low,
        final long sku,
        final long lot,
        final int rowZone,
        final int counterpart,
        final int qty,
        final int why)
    {
        final int i = (int)(rows++ & mask);
        movementId[i] = id;
        timeMs[i] = nowMs;
        tag[i] = tagHandle;
        epcHigh[i] = high;
        epcLow[i] = low;
        skuKey[i] = sku;
        lotId[i] = lot;
        zone[i] = rowZone;
        otherZone[i] = counterpart;
        quantity[i] = qty;
        reason[i] = (byte)why;
    }

    /** @return rows kept. */
    public int capacity()
    {
        return mask + 1;
    }

    /** @return rows ever appended; the next row's sequence. */
    public long rowCount()
    {
        return rows;
    }

    /** @return movements ever recorded (the last movement id). */
    public long movementCount()
    {
        return movements;
    }

    /** @return sequence of the oldest row still readable. */
    public long firstRow()
    {
        return Math.max(0, rows - mask - 1);
    }

    private int index(final long row)
    {
        assert row >= firstRow() && row < rows : row;
        return (int)(row & mask);
    }

    /** @param row sequence in [{@link #firstRow()}, {@link #rowCount()}). @return movement id. */
    public long movementId(final long row)
    {
        return movementId[index(row)];
    }

    /** @param row sequence. @return time in epoch ms. */
    public long timeMs(final long row)
    {
        return timeMs[index(row)];
    }

    /** @param row sequence. @return tag handle, or -1 for untagged stock. */
    public int tag(final long row)
    {
        return tag[index(row)];
    }

    /** @param row sequence. @return EPC bits 95..32, or 0. */
    public long epcHigh(final long row)
    {
        return epcHigh[index(row)];
    }

    /** @param row sequence. @return EPC bits 31..0, or 0. */
    public int epcLow(final long row)
    {
        return epcLow[index(row)];
    }

    /** @param row sequence. @return SKU key, or 0 if unknown. */
    public long skuKey(final long row)
    {
        return skuKey[index(row)];
    }

    /** @param row sequence. @return lot id, or 0. */
    public long lotId(final long row)
    {
        return lotId[index(row)];
    }

    /** @param row sequence. @return zone the movement leaves (-1 for stock coming in from outside). */
    public int fromZone(final long row)
    {
        final int i = index(row);
        return quantity[i] < 0 ? zone[i] : otherZone[i];
    }

    /** @param row sequence. @return zone the movement enters (-1 for stock leaving). */
    public int toZone(final long row)
    {
        final int i = index(row);
        return quantity[i] < 0 ? otherZone[i] : zone[i];
    }

    /** @param row sequence. @return zone this row counts in. */
    public int zone(final long row)
    {
        return zone[index(row)];
    }

    /** @param row sequence. @return signed quantity: negative out of {@link #zone(long)}, positive into it. */
    public int quantity(final long row)
    {
        return quantity[index(row)];
    }

    /** @param row sequence. @return reason code. */
    public int reason(final long row)
    {
        return reason[index(row)];
    }

    void writeTo(final java.io.DataOutput out) throws java.io.IOException
    {
        out.writeInt(mask + 1);
        out.writeLong(rows);
        out.writeLong(movements);
        for (long r = firstRow(); r < rows; r++)
        {
            final int i = (int)(r & mask);
            out.writeLong(movementId[i]);
            out.writeLong(timeMs[i]);
            out.writeInt(tag[i]);
            out.writeLong(epcHigh[i]);
            out.writeInt(epcLow[i]);
            out.writeLong(skuKey[i]);
            out.writeLong(lotId[i]);
            out.writeInt(zone[i]);
            out.writeInt(otherZone[i]);
            out.writeInt(quantity[i]);
            out.writeByte(reason[i]);
        }
    }

    void readFrom(final java.io.DataInput in) throws java.io.IOException
    {
        final int capacity = in.readInt();
        if (capacity != mask + 1)
        {
            throw new java.io.IOException("movement capacity " + capacity + " != configured " + (mask + 1));
        }
        rows = in.readLong();
        movements = in.readLong();
        for (long r = firstRow(); r < rows; r++)
        {
            final int i = (int)(r & mask);
            movementId[i] = in.readLong();
            timeMs[i] = in.readLong();
            tag[i] = in.readInt();
            epcHigh[i] = in.readLong();
            epcLow[i] = in.readInt();
            skuKey[i] = in.readLong();
            lotId[i] = in.readLong();
            zone[i] = in.readInt();
            otherZone[i] = in.readInt();
            quantity[i] = in.readInt();
            reason[i] = in.readByte();
        }
    }
}
