package dev.inventory.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of UTF-8 text to a writer, for module commands that print to a {@link java.io.PrintStream} while picocli
 * gives a {@link PrintWriter}. Bytes are decoded a line at a time (a newline byte never occurs inside a multi-byte
 * UTF-8 sequence) and at {@link #flush()}. NOT threadsafe.
 */
final class WriterOutputStream extends OutputStream
{
    private final PrintWriter writer;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    WriterOutputStream(final PrintWriter writer)
    {
        this.writer = writer;
    }

    @Override
    public void write(final int b)
    {
        line.write(b);
        if (b == '\n')
        {
            drain();
        }
    }

    @Override
    public void flush()
    {
        drain();
        writer.flush();
    }

    private void drain()
    {
        if (line.size() > 0)
        {
            writer.write(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
