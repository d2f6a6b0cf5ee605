package dev.inventory.core.journal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.inventory.core.engine.Pipeline;

/**
 * Pipeline snapshots in the journal directory, one file each, written atomically (temp file, fsync, rename, fsync
 * of the directory); the newest {@link #KEEP} are kept. File {@code snapshot-<recordIndex, 20 digits>.bin},
 * big-endian ({@link java.io.DataOutput}):
 * <pre>
 *   0  int  magic 0x494E564A ("INVJ")
 *   4  int  version (1)
 *   8  long record index: records the snapshot covers (journal index of the next record to replay)
 *  16  long Chronicle index of the last excerpt journaled when the snapshot was taken (a replay start hint), or -1
 *  24  long payload length L
 *  32  L bytes: {@link Pipeline#writeSnapshot(java.io.DataOutput)}
 *  32+L int CRC32 of bytes [0, 32+L)
 * </pre>
 * A file that is short, has a bad header or a bad CRC is skipped by {@link #loadNewest()}.
 * Instances are NOT threadsafe.
 */
final class SnapshotStore
{
    static final String PREFIX = "snapshot-";
    static final String SUFFIX = ".bin";
    static final String TEMP_SUFFIX = ".tmp";
    static final int MAGIC = 0x494E564A;
    static final int VERSION = 1;
    static final int HEADER_LENGTH = 32;
    static final int TRAILER_LENGTH = 4;
    static final int KEEP = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final Path dir;
    private final ExposedByteArrayOutputStream bytes = new ExposedByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final CRC32 crc = new CRC32();

    /** A snapshot file that passed validation. */
    static final class Snapshot
    {
        private final Path file;
        private final long recordIndex;
        private final long excerptIndex;
        private final byte[] content;

        Snapshot(final Path file, final long recordIndex, final long excerptIndex, final byte[] content)
        {
            this.file = file;
            this.recordIndex = recordIndex;
            this.excerptIndex = excerptIndex;
            this.content = content;
        }

        Path file()
        {
            return file;
        }

        long recordIndex()
        {
            return recordIndex;
        }

        long excerptIndex()
        {
            return excerptIndex;
        }

        /**
         * Restore the pipeline from this snapshot.
         *
         * @param pipeline a fresh pipeline built with the configuration of the one that wrote the snapshot.
         * @throws IOException if the payload does not match the pipeline.
         */
        void restore(final Pipeline pipeline) throws IOException
        {
            pipeline.readSnapshot(new DataInputStream(
                new ByteArrayInputStream(content, HEADER_LENGTH, content.length - HEADER_LENGTH - TRAILER_LENGTH)));
            if (pipeline.recordCount() != recordIndex)
            {
                throw new IOException(file + ": pipeline record count " + pipeline.recordCount() +
                    " != snapshot record index " + recordIndex);
            }
        }
    }

    SnapshotStore(final Path dir)
    {
        this.dir = dir;
    }

    static String fileName(final long recordIndex)
    {
        return PREFIX + String.format("%020d", recordIndex) + SUFFIX;
    }

    /**
     * Write a snapshot of the pipeline atomically, then delete all but the newest {@link #KEEP}.
     *
     * @param pipeline     to snapshot; covers {@link Pipeline#recordCount()} records.
     * @param excerptIndex Chronicle index to start a replay from, or -1.
     * @return the file written.
     * @throws IOException on failure; a partly written temp file is left for {@link #deleteTemporaryFiles()}.
     */
    Path write(final Pipeline pipeline, final long excerptIndex) throws IOException
    {
        final long recordIndex = pipeline.recordCount();
        final ExposedByteArrayOutputStream bytes = this.bytes;
        final DataOutputStream out = this.out;
        bytes.reset();
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(recordIndex);
        out.writeLong(excerptIndex);
        out.writeLong(0L); // payload length, patched below
        pipeline.writeSnapshot(out);
        out.flush();
        final int payloadLength = bytes.size() - HEADER_LENGTH;
        final ByteBuffer view = ByteBuffer.wrap(bytes.array(), 0, bytes.size());
        view.putLong(24, payloadLength);
        crc.reset();
        crc.update(bytes.array(), 0, bytes.size());
        out.writeInt((int)crc.getValue());
        out.flush();

        final String name = fileName(recordIndex);
        final Path file = dir.resolve(name);
        final Path temp = dir.resolve(name + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(
            temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            final ByteBuffer content = ByteBuffer.wrap(bytes.array(), 0, bytes.size());
            while (content.hasRemaining())
            {
                channel.write(content);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
        prune();
        return file;
    }

    /**
     * @return the newest snapshot that validates, or null if there is none; invalid newer ones are logged and
     * skipped (not deleted).
     * @throws IOException if the directory cannot be listed.
     */
    Snapshot loadNewest() throws IOException
    {
        final List<Long> indexes = list();
        for (int i = indexes.size() - 1; i >= 0; i--)
        {
            final long recordIndex = indexes.get(i);
            final Path file = dir.resolve(fileName(recordIndex));
            try
            {
                return load(file, recordIndex);
            }
            catch (final IOException ex)
            {
                LOG.warn("skipping snapshot {}: {}", file, ex.getMessage());
            }
        }
        return null;
    }

    static Snapshot load(final Path file, final long expectedRecordIndex) throws IOException
    {
        final byte[] content = Files.readAllBytes(file);
        if (content.length < HEADER_LENGTH + TRAILER_LENGTH)
        {
            throw new IOException("too short: " + content.length + " bytes");
        }
        final ByteBuffer view = ByteBuffer.wrap(content);
        if (view.getInt(0) != MAGIC)
        {
            throw new IOException("bad magic");
        }
        if (view.getInt(4) != VERSION)
        {
            throw new IOException("unsupported version " + view.getInt(4));
        }
        final long recordIndex = view.getLong(8);
        final long excerptIndex = view.getLong(16);
        final long payloadLength = view.getLong(24);
        if (payloadLength != content.length - HEADER_LENGTH - TRAILER_LENGTH)
        {
            throw new IOException("payload length " + payloadLength + " does not match file length " +
                content.length);
        }
        final CRC32 crc = new CRC32();
        crc.update(content, 0, content.length - TRAILER_LENGTH);
        if ((int)crc.getValue() != view.getInt(content.length - TRAILER_LENGTH))
        {
            throw new IOException("bad CRC32");
        }
        if (recordIndex != expectedRecordIndex)
        {
            throw new IOException("record index " + recordIndex + " does not match the file name");
        }
        return new Snapshot(file, recordIndex, excerptIndex, content);
    }

    /**
     * @return record indexes of the snapshot files present (valid or not), ascending.
     * @throws IOException if the directory cannot be listed.
     */
    List<Long> list() throws IOException
    {
        final List<Long> indexes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX))
        {
            for (final Path file : files)
            {
                final String name = file.getFileName().toString();
                final String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                try
                {
                    indexes.add(Long.parseLong(digits));
                }
                catch (final NumberFormatException ex)
                {
                    LOG.warn("ignoring {}: not a snapshot name", file);
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            return indexes;
        }
        indexes.sort(null);
        return indexes;
    }

    /**
     * Delete temp files left by a snapshot interrupted by a crash.
     *
     * @throws IOException if the directory cannot be listed or a file deleted.
     */
    void deleteTemporaryFiles() throws IOException
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX + TEMP_SUFFIX))
        {
            for (final Path file : files)
            {
                Files.deleteIfExists(file);
            }
        }
    }

    private void prune() throws IOException
    {
        final List<Long> indexes = list();
        for (int i = 0, excess = indexes.size() - KEEP; i < excess; i++)
        {
            Files.deleteIfExists(dir.resolve(fileName(indexes.get(i))));
        }
    }

    /**
     * Make the directory's entries (a new or renamed file) durable. Where a directory cannot be opened for sync
     * (not Linux/macOS), this does nothing.
     *
     * @param dir to sync.
     */
    static void syncDirectory(final Path dir)
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            LOG.debug("cannot fsync directory {}: {}", dir, ex.getMessage());
        }
    }

    private static final class ExposedByteArrayOutputStream extends ByteArrayOutputStream
    {
        ExposedByteArrayOutputStream()
        {
            super(1 << 20);
        }

        byte[] array()
        {
            return buf;
        }
    }
}
