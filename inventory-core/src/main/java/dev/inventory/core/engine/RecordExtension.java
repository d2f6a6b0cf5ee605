package dev.inventory.core.engine;

import java.nio.ByteBuffer;

/**
 * A hook for modules that add rules on the engine thread (RTLS zones, inventory operations): it sees every
 * accepted record after the core stages, and extension commands. Must not block and should not allocate.
 * Called on the engine thread only.
 */
public interface RecordExtension
{
    /**
     * @param buffer   the record's buffer (little-endian).
     * @param offset   the record's offset.
     * @param type     the record type.
     * @param pipeline the pipeline, to read the ledger and emit events.
     * @return for a command with an extension code: true if handled, false to reject it as unknown; ignored for
     * other records.
     */
    boolean onRecord(ByteBuffer buffer, int offset, int type, Pipeline pipeline);
}
