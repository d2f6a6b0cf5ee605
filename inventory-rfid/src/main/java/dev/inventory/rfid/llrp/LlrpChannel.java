package dev.inventory.rfid.llrp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One LLRP TCP connection: a non-blocking socket, a selector to wait on with a timeout, and a preallocated read
 * buffer as large as the biggest frame accepted, so no read allocates and no length read from the wire sizes
 * anything. Unconsumed bytes live in {@code [dataStart, dataEnd)} of {@link #buffer()}.
 * <p>
 * Reused across connections ({@link #open}, {@link #close}). Instances are NOT threadsafe.
 */
final class LlrpChannel implements AutoCloseable
{
    private static final Consumer<SelectionKey> NO_ACTION = key -> { };

    private final ByteBuffer readBuffer;
    private SocketChannel channel;
    private Selector selector;
    private int dataStart;

    /**
     * @param readCapacity read buffer bytes: at least the largest frame accepted.
     */
    LlrpChannel(final int readCapacity)
    {
        readBuffer = ByteBuffer.allocateDirect(readCapacity);
    }

    /**
     * Connect (blocking, with a timeout) and switch to non-blocking reads.
     *
     * @param host      host.
     * @param port      port.
     * @param timeoutMs connect timeout.
     * @throws IOException if the connection fails.
     */
    void connect(final String host, final int port, final int timeoutMs) throws IOException
    {
        close();
        final SocketChannel channel = SocketChannel.open();
        try
        {
            channel.socket().connect(new InetSocketAddress(host, port), timeoutMs);
            open(channel);
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(channel);
            throw ex;
        }
    }

    /**
     * Take over a connected socket (server side).
     *
     * @param channel connected socket.
     * @throws IOException if it cannot be configured.
     */
    void open(final SocketChannel channel) throws IOException
    {
        close();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);
        channel.configureBlocking(false);
        final Selector selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        this.channel = channel;
        this.selector = selector;
        readBuffer.clear();
        dataStart = 0;
    }

    /** @return true while a socket is open. */
    boolean isOpen()
    {
        return null != channel && channel.isOpen();
    }

    /**
     * Read what is there, waiting up to {@code timeoutMs} for something to arrive.
     *
     * @param timeoutMs most time to wait; 0 does not wait.
     * @return bytes read, 0 if none, -1 at end of stream.
     * @throws IOException on a socket error.
     */
    int read(final long timeoutMs) throws IOException
    {
        final ByteBuffer readBuffer = this.readBuffer;
        if (dataStart > 0)
        {
            readBuffer.limit(readBuffer.position()).position(dataStart);
            readBuffer.compact();
            dataStart = 0;
        }
        if (!readBuffer.hasRemaining())
        {
            return 0; // a whole frame of maximum size is buffered; the caller consumes it first
        }
        int read = channel.read(readBuffer);
        if (read == 0 && timeoutMs > 0)
        {
            selector.select(NO_ACTION, timeoutMs);
            read = channel.read(readBuffer);
        }
        return read;
    }

    /** @return the read buffer (big-endian). */
    ByteBuffer buffer()
    {
        return readBuffer;
    }

    /** @return offset of the first unconsumed byte. */
    int dataStart()
    {
        return dataStart;
    }

    /** @return offset after the last byte read. */
    int dataEnd()
    {
        return readBuffer.position();
    }

    /** @return unconsumed bytes. */
    int pending()
    {
        return readBuffer.position() - dataStart;
    }

    /**
     * @param bytes bytes handled from {@link #dataStart()}.
     */
    void consume(final int bytes)
    {
        dataStart += bytes;
        if (dataStart == readBuffer.position())
        {
            readBuffer.clear();
            dataStart = 0;
        }
    }

    /**
     * Write bytes completely, waiting while the socket's send buffer is full.
     *
     * @param source    buffer holding the bytes; its position and limit are changed.
     * @param offset    first byte.
     * @param length    bytes.
     * @param timeoutMs most time to wait for the peer to take them.
     * @throws IOException on a socket error or timeout.
     */
    void write(final ByteBuffer source, final int offset, final int length, final long timeoutMs) throws IOException
    {
        source.limit(offset + length).position(offset);
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (source.hasRemaining())
        {
            if (channel.write(source) == 0)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new IOException("write timed out after " + timeoutMs + " ms");
                }
                LockSupport.parkNanos(100_000);
            }
        }
        source.clear();
    }

    /** Close the socket (the read buffer stays for the next connection). */
    @Override
    public void close()
    {
        if (null != selector)
        {
            try
            {
                selector.close();
            }
            catch (final IOException ignore)
            {
                // closing
            }
            selector = null;
        }
        if (null != channel)
        {
            closeQuietly(channel);
            channel = null;
        }
        readBuffer.clear();
        dataStart = 0;
    }

    /**
     * Close abruptly with a TCP reset (simulator: a link dropped mid-stream).
     */
    void abort()
    {
        if (null != channel)
        {
            try
            {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            catch (final IOException ignore)
            {
                // best effort
            }
        }
        close();
    }

    private static void closeQuietly(final SocketChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
    }
}
