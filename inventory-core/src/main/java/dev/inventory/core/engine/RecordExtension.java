package dev.inventory.core.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A hook for modules that add rules on the engine thread (RTLS zones, inventory operations): it sees every
 * accepted record after the core stages, and extension commands. Core commands that the core applied are shown too
 * (ASSIGN_TAG and SET_TAG_STATUS after they took effect, RETIRE_TAG just before the tag is forgotten); the return
 * value is then ignored. Must not block and should not allocate.
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

    /**
     * Engine time moved forward (any record, including clock ticks, with a later time than seen before), after the
     * core's own timers fired. Lets rules close cycles and settle decisions when no read arrives.
     *
     * @param nowMs    the new engine time.
     * @param pipeline the pipeline.
     */
    default void onTime(final long nowMs, final Pipeline pipeline)
    {
    }

    /**
     * Write this extension's state into a pipeline snapshot (after the core state), so that journal recovery
     * resumes rules exactly. Stateless extensions keep the default.
     *
     * @param out      to write to.
     * @param pipeline the pipeline.
     * @throws IOException on failure.
     */
    default void writeSnapshot(final DataOutput out, final Pipeline pipeline) throws IOException
    {
    }

    /**
     * Restore what {@link #writeSnapshot} wrote, into a fresh extension.
     *
     * @param in       to read from.
     * @param pipeline the pipeline, already restored.
     * @throws IOException on failure.
     */
    default void readSnapshot(final DataInput in, final Pipeline pipeline) throws IOException
    {
    }

    /**
     * Run several extensions in order, each seeing every record; a command counts as handled if any handles it.
     *
     * @param extensions the extensions, in call order.
     * @return one extension running them all.
     */
    static RecordExtension compose(final RecordExtension... extensions)
    {
        final RecordExtension[] all = extensions.clone();
        return new RecordExtension()
        {
            @Override
            public boolean onRecord(final ByteBuffer buffer, final int offset, final int type, final Pipeline pipeline)
            {
                boolean handled = false;
                for (final RecordExtension extension : all)
                {
                    handled |= extension.onRecord(buffer, offset, type, pipeline);
                }
                return handled;
            }

            @Override
            public void onTime(final long nowMs, final Pipeline pipeline)
            {
                for (final RecordExtension extension : all)
                {
                    extension.onTime(nowMs, pipeline);
                }
            }

            @Override
            public void writeSnapshot(final DataOutput out, final Pipeline pipeline) throws IOException
            {
                for (final RecordExtension extension : all)
                {
                    extension.writeSnapshot(out, pipeline);
                }
            }

            @Override
            public void readSnapshot(final DataInput in, final Pipeline pipeline) throws IOException
            {
                for (final RecordExtension extension : all)
                {
                    extension.readSnapshot(in, pipeline);
                }
            }
        };
    }
}
