package dev.inventory.core.record;

/**
 * Layout of one observation record: a fixed-size, little-endian slot of {@link #RECORD_LENGTH} bytes.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |             Type              |             Flags             |  0
 *  +-------------------------------+-------------------------------+
 *  |                      Source (reader / device)                 |  4
 *  +---------------------------------------------------------------+
 *  |                      Timestamp (ms, epoch)                    |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Body (48 bytes, per type)                 ...  16
 *  +---------------------------------------------------------------+
 * </pre>
 * Time inside the pipeline is this timestamp, never the wall clock.
 */
public final class RecordDescriptor
{
    /** Length of every record slot in bytes. */
    public static final int RECORD_LENGTH = 64;
    /** log2 of {@link #RECORD_LENGTH}. */
    public static final int RECORD_LENGTH_SHIFT = 6;

    public static final int TYPE_OFFSET = 0;
    public static final int FLAGS_OFFSET = 2;
    public static final int SOURCE_OFFSET = 4;
    public static final int TIMESTAMP_OFFSET = 8;
    public static final int BODY_OFFSET = 16;
    /** Bytes available to a record body. */
    public static final int BODY_LENGTH = RECORD_LENGTH - BODY_OFFSET;

    private RecordDescriptor()
    {
    }
}
