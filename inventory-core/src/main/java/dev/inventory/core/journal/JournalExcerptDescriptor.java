package dev.inventory.core.journal;

import dev.inventory.core.record.RecordDescriptor;

/**
 * Layout of one journal excerpt: the body of one Chronicle Queue data document, holding a run of whole input
 * records as raw bytes (little-endian, as on the ingest ring).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |          First record index (journal index of record 0)       |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Record count (1..MAX)                     |  8
 *  +---------------------------------------------------------------+
 *  |                        Reserved (0)                           |  12
 *  +---------------------------------------------------------------+
 *  |             Records: count x 64-byte record slots            ...  16
 *  +---------------------------------------------------------------+
 * </pre>
 * The journal index of a record is its position in the engine's input stream (0-based); record {@code i} of an
 * excerpt has index {@code firstRecordIndex + i}. Excerpts follow each other without gaps; an excerpt may repeat
 * indexes already journaled (a batch retried after a failed append), and readers skip such records.
 * Chronicle Queue makes each document complete or absent: a document being written when the writer died is never
 * returned to a reader.
 */
public final class JournalExcerptDescriptor
{
    /** Offset of the journal index of the excerpt's first record (long). */
    public static final int FIRST_RECORD_INDEX_OFFSET = 0;
    /** Offset of the number of records in the excerpt (int). */
    public static final int RECORD_COUNT_OFFSET = 8;
    /** Offset of the reserved field (int, 0). */
    public static final int RESERVED_OFFSET = 12;
    /** Length of the excerpt header; records follow it. */
    public static final int HEADER_LENGTH = 16;
    /** Most records per excerpt (64 KiB of records). */
    public static final int MAX_RECORDS_PER_EXCERPT = 1024;
    /** Longest excerpt in bytes. */
    public static final int MAX_EXCERPT_LENGTH = HEADER_LENGTH + (MAX_RECORDS_PER_EXCERPT << RecordDescriptor.RECORD_LENGTH_SHIFT);

    private JournalExcerptDescriptor()
    {
    }
}
