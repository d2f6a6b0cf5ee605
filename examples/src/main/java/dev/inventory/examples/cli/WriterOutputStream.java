package dev.inventory.examples.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * Bytes of ASCII text to a writer, for module commands that print to a {@link java.io.PrintStream} while picocli
 * gives a {@link PrintWriter}. NOT threadsafe.
 */
final class WriterOutputStream extends OutputStream
{
    private final PrintWriter writer;

    WriterOutputStream(final PrintWriter writer)
    {
        this.writer = writer;
    }

    @Override
    public void write(final int b)
    {
        writer.write(b & 0xFF);
    }

    @Override
    public void flush()
    {
        writer.flush();
    }
}
