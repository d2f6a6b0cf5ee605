package dev.inventory.core.sink;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.inventory.core.event.EventBatch;
import dev.inventory.core.spi.EventSink;
import dev.inventory.core.spi.SinkContext;

/**
 * Writes events to a file, one line per event, flushed after every batch, in one of two formats:
 * <ul>
 *     <li>{@link Format#CSV}: a header line {@value EventText#CSV_HEADER} (written only when the file is new or
 *     empty), then e.g. {@code 42,moved,1700000000000,urn:epc:id:sgtin:0614141.812345.6789,dock,aisle-3,5200,1,2};
 *     absent zones are empty fields;</li>
 *     <li>{@link Format#JSON_LINES}: one JSON object per line with the same fields
 *     ({@code seq, type, ts_ms, epc, from_zone, to_zone, dwell_ms, reader, antenna}); absent zones are null.</li>
 * </ul>
 * The sequence is the engine-wide event sequence, so a consumer can drop duplicates after a replay.
 * <p>
 * Called from one sink thread at a time (NOT threadsafe otherwise).
 */
public final class EventFileSink implements EventSink
{
    /** Line format. */
    public enum Format
    {
        /** Comma-separated values with a header line. */
        CSV,
        /** One JSON object per line. */
        JSON_LINES
    }

    private final Path file;
    private final Format format;
    private final boolean append;
    private final StringBuilder sb = new StringBuilder(256);
    private Writer writer;
    private SinkContext context;
    private long linesWritten;

    /**
     * Truncate and write the file.
     *
     * @param file   to write.
     * @param format line format.
     */
    public EventFileSink(final Path file, final Format format)
    {
        this(file, format, false);
    }

    /**
     * @param file   to write.
     * @param format line format.
     * @param append true to append to an existing file, false to truncate it.
     */
    public EventFileSink(final Path file, final Format format, final boolean append)
    {
        if (null == file)
        {
            throw new IllegalArgumentException("file must not be null");
        }
        if (null == format)
        {
            throw new IllegalArgumentException("format must not be null");
        }
        this.file = file;
        this.format = format;
        this.append = append;
    }

    @Override
    public String roleName()
    {
        return "event-file:" + file.getFileName();
    }

    @Override
    public void onStart(final SinkContext context) throws IOException
    {
        this.context = context;
        final Path parent = file.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }
        final boolean empty = !append || !Files.exists(file) || Files.size(file) == 0;
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        if (format == Format.CSV && empty)
        {
            writer.write(EventText.CSV_HEADER);
            writer.write('\n');
            writer.flush();
        }
    }

    @Override
    public void onEvents(final EventBatch batch) throws IOException
    {
        final StringBuilder sb = this.sb;
        sb.setLength(0);
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            if (format == Format.CSV)
            {
                EventText.appendCsv(sb, batch.event(i), context);
            }
            else
            {
                EventText.appendJson(sb, batch.event(i), context);
            }
            sb.append('\n');
        }
        writer.append(sb);
        writer.flush();
        linesWritten += batch.size();
    }

    @Override
    public void onClose() throws IOException
    {
        if (null != writer)
        {
            writer.close();
            writer = null;
        }
    }

    /** @return the file written. */
    public Path file()
    {
        return file;
    }

    /** @return event lines written (sink thread; approximate from other threads). */
    public long linesWritten()
    {
        return linesWritten;
    }
}
