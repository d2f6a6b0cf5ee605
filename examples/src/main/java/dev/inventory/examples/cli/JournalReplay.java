package dev.inventory.examples.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.journal.ChronicleJournal;

/**
 * Recovers a pipeline from a journal directory for {@code replay}, turning failures into one clear CLI error.
 * Stateless; threadsafe.
 */
final class JournalReplay
{
    private JournalReplay()
    {
    }

    /**
     * Restore a pipeline from a journal directory: newest snapshot plus the journal tail after it.
     *
     * @param dir      journal directory.
     * @param pipeline a freshly built pipeline of the configuration the journal was written with.
     * @return records replayed after the snapshot; {@link Pipeline#recordCount()} is the total recovered.
     * @throws CliException if the journal cannot be read or Chronicle Queue cannot load.
     */
    static long replay(final Path dir, final Pipeline pipeline)
    {
        try
        {
            return ChronicleJournal.replay(dir, pipeline);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new CliException("cannot replay journal " + dir + ": " + ex.getMessage(), ex);
        }
        catch (final LinkageError ex)
        {
            throw new CliException("cannot load the journal (Chronicle Queue needs the JVM flags in README; " +
                "java -jar inventory.jar sets them): " + ex, ex);
        }
    }
}
