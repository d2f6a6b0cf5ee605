package dev.inventory.rfid.llrp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An LLRP 1.0.1 reader on a loopback TCP port, for tests and demos. It plays the reader's side of the session a
 * client such as {@link LlrpClient} runs: ConnectionAttemptEvent, capabilities, SET_READER_CONFIG (keepalive and
 * report content are honoured), ROSpec add/enable/start/stop/delete, CLOSE_CONNECTION; while its ROSpec runs it sends
 * RO_ACCESS_REPORTs every {@link #reportIntervalMs(long)} with one TagReportData per configured (tag, antenna) and
 * only the fields the client enabled, and KEEPALIVEs at the client's period.
 * <p>
 * Faults on demand: drop the link abruptly ({@link #dropConnection()}, {@link #dropAfterReports(int)}), end it
 * inside a frame ({@link #dropMidFrame()}), go silent ({@link #stall(boolean)}), inject raw bytes
 * ({@link #sendRaw(byte[])}), fail a request with an LLRPStatus ({@link #failNext(int, int)}), refuse connections,
 * omit unchanged fields (the LLRP last-value rule), Impinj peak RSSI, EPCData instead of EPC-96.
 * <p>
 * Every (tag, antenna) remembers what was sent successfully: the sum of TagSeenCount and the highest RSSI
 * ({@link #sentReads}, {@link #sentPeakRssiCentiDbm}), so tests can check what a client made of it.
 * <p>
 * One client at a time. Threadsafe: configure and query from any thread; the protocol runs on the simulator's thread.
 */
public final class LlrpReaderSimulator implements AutoCloseable
{
    /** RSSI of a tag as seen by its antenna, per report cycle. Implementations must be threadsafe. */
    @FunctionalInterface
    public interface RssiPattern
    {
        /**
         * @param cycle report cycle, from 1.
         * @return RSSI in centi-dBm.
         */
        int rssiCentiDbm(long cycle);

        /**
         * @param centiDbm the RSSI.
         * @return a constant RSSI.
         */
        static RssiPattern constant(final int centiDbm)
        {
            return cycle -> centiDbm;
        }

        /**
         * A tag passing by: RSSI rises from min to max and back over a period, as a triangle.
         *
         * @param minCentiDbm  lowest RSSI.
         * @param maxCentiDbm  highest RSSI.
         * @param periodCycles cycles of one rise and fall, at least 2.
         * @return the pattern.
         */
        static RssiPattern triangle(final int minCentiDbm, final int maxCentiDbm, final int periodCycles)
        {
            final int period = Math.max(2, periodCycles);
            return cycle ->
            {
                final long phase = cycle % period;
                final long half = period / 2;
                final long distance = phase <= half ? phase : period - phase;
                return (int)(minCentiDbm + (maxCentiDbm - minCentiDbm) * distance / Math.max(1, half));
            };
        }

        /**
         * Deterministic noise between two values.
         *
         * @param seed        seed.
         * @param minCentiDbm lowest RSSI.
         * @param maxCentiDbm highest RSSI.
         * @return the pattern.
         */
        static RssiPattern random(final long seed, final int minCentiDbm, final int maxCentiDbm)
        {
            return cycle ->
            {
                long x = seed ^ (cycle * 0x9E3779B97F4A7C15L);
                x ^= x >>> 33;
                x *= 0xFF51AFD7ED558CCDL;
                x ^= x >>> 33;
                return minCentiDbm + (int)Long.remainderUnsigned(x, (long)maxCentiDbm - minCentiDbm + 1);
            };
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LlrpReaderSimulator.class);
    private static final int BUFFER_BYTES = 256 * 1024;

    private final ServerSocketChannel server;
    private final Thread thread;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Object monitor = new Object();
    private final LlrpChannel channel = new LlrpChannel(BUFFER_BYTES);
    private final LlrpFrameDecoder framer = new LlrpFrameDecoder(BUFFER_BYTES);
    private final ByteBuffer out = ByteBuffer.allocate(BUFFER_BYTES);
    private final LlrpEncoder encoder = new LlrpEncoder();
    private final TagReport report = new TagReport();
    private final AtomicLongArray requests = new AtomicLongArray(1024);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong keepaliveAcks = new AtomicLong();
    private final AtomicLong keepalivesSent = new AtomicLong();
    private final AtomicLong closeConnections = new AtomicLong();
    private final AtomicLong reportsSent = new AtomicLong();
    private final AtomicLong tagReportsSent = new AtomicLong();

    private volatile SimTag[] tags = new SimTag[0];
    private volatile boolean running = true;
    private volatile long reportIntervalMs = 50;
    private volatile int readsPerCycle = 1;
    private volatile int tagsPerReport;
    private volatile boolean omitUnchangedFields;
    private volatile boolean impinjPeakRssi;
    private volatile boolean epcAsEpcData;
    private volatile boolean sendKeepalives = true;
    private volatile boolean emptyReports;
    private volatile boolean stalled;
    private volatile int maxAntennas = 4;
    private volatile int connectionAttemptStatus = LlrpDescriptor.CONNECTION_SUCCESS;
    private volatile int failType = -1;
    private volatile int failStatus;
    private volatile int dropAfterReports = -1;
    private volatile int lastContent;
    private volatile int[] lastAntennas = new int[0];
    private volatile long lastKeepaliveIntervalMs;
    private volatile int lastStartTrigger = -1;
    private volatile long lastRoSpecId;
    private volatile boolean inventoryRunning;

    // simulator thread only
    private int messageId = 1;
    private long cycle;
    private long keepaliveIntervalMs;
    private long lastKeepaliveNs;
    private long nextReportNs;
    private int content = TagReportContent.ALL;
    private int[] antennas = { 0 };
    private long roSpecId;
    private int startTrigger;
    private int reportsOnConnection;
    private final TagReport lastSent = new TagReport();
    private boolean lastSentValid;

    /**
     * Bind a loopback port (ephemeral) and start serving.
     *
     * @throws IOException if the port cannot be bound.
     */
    public LlrpReaderSimulator() throws IOException
    {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::run, "llrp-simulator-" + port());
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the port clients connect to on the loopback address. */
    public int port()
    {
        try
        {
            return ((InetSocketAddress)server.getLocalAddress()).getPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** @return the loopback host name clients connect to. */
    public String host()
    {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    // ------------------------------------------------------------------------------------------ configuration

    /**
     * Add a tag seen by an antenna.
     *
     * @param epcHex  EPC as hex, a whole number of bytes (24 digits for 96 bits).
     * @param antenna antenna ID, 1..65535.
     * @param rssi    its RSSI over time.
     * @return this.
     */
    public LlrpReaderSimulator addTag(final String epcHex, final int antenna, final RssiPattern rssi)
    {
        synchronized (monitor)
        {
            final SimTag[] old = tags;
            final SimTag[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = new SimTag(epcHex, antenna, rssi);
            tags = grown;
        }
        return this;
    }

    /**
     * @param epcHex  EPC as hex.
     * @param antenna antenna ID.
     * @param rssiDbm constant RSSI in dBm.
     * @return this.
     */
    public LlrpReaderSimulator addTag(final String epcHex, final int antenna, final int rssiDbm)
    {
        return addTag(epcHex, antenna, RssiPattern.constant(rssiDbm * 100));
    }

    /** @param ms time between report cycles (default 50). @return this. */
    public LlrpReaderSimulator reportIntervalMs(final long ms)
    {
        reportIntervalMs = ms;
        return this;
    }

    /** @param reads TagSeenCount of each TagReportData (default 1). @return this. */
    public LlrpReaderSimulator readsPerCycle(final int reads)
    {
        readsPerCycle = reads;
        return this;
    }

    /** @param n TagReportData per RO_ACCESS_REPORT; 0 (default) puts a whole cycle in one report. @return this. */
    public LlrpReaderSimulator tagsPerReport(final int n)
    {
        tagsPerReport = n;
        return this;
    }

    /** @param omit leave out enabled fields whose value equals the last sent (LLRP allows it). @return this. */
    public LlrpReaderSimulator omitUnchangedFields(final boolean omit)
    {
        omitUnchangedFields = omit;
        return this;
    }

    /** @param impinj add ImpinjPeakRSSI (centi-dBm) Custom parameters. @return this. */
    public LlrpReaderSimulator impinjPeakRssi(final boolean impinj)
    {
        impinjPeakRssi = impinj;
        return this;
    }

    /** @param epcData send 96-bit EPCs as EPCData (TLV 241) instead of EPC-96 (TV 13). @return this. */
    public LlrpReaderSimulator epcAsEpcData(final boolean epcData)
    {
        epcAsEpcData = epcData;
        return this;
    }

    /** @param send send KEEPALIVEs at the period the client set (default true). @return this. */
    public LlrpReaderSimulator sendKeepalives(final boolean send)
    {
        sendKeepalives = send;
        return this;
    }

    /** @param empty send an empty RO_ACCESS_REPORT in cycles that see no tag. @return this. */
    public LlrpReaderSimulator emptyReports(final boolean empty)
    {
        emptyReports = empty;
        return this;
    }

    /** @param stall true: send nothing at all (a reader that hangs silently); false: resume. @return this. */
    public LlrpReaderSimulator stall(final boolean stall)
    {
        stalled = stall;
        return this;
    }

    /** @param antennas MaxNumberOfAntennaSupported, the antennas "all" means (default 4). @return this. */
    public LlrpReaderSimulator maxAntennas(final int antennas)
    {
        maxAntennas = antennas;
        return this;
    }

    /** @param status ConnectionAttemptEvent status for new connections; non-zero refuses them. @return this. */
    public LlrpReaderSimulator connectionAttemptStatus(final int status)
    {
        connectionAttemptStatus = status;
        return this;
    }

    /**
     * Answer the next request of a type with a failure.
     *
     * @param requestType request type, e.g. {@link LlrpDescriptor#ADD_ROSPEC}.
     * @param statusCode  LLRPStatus code to answer with.
     * @return this.
     */
    public LlrpReaderSimulator failNext(final int requestType, final int statusCode)
    {
        failStatus = statusCode;
        failType = requestType;
        return this;
    }

    /** @param reports drop the link abruptly after this many RO_ACCESS_REPORTs on the current connection (once). @return this. */
    public LlrpReaderSimulator dropAfterReports(final int reports)
    {
        dropAfterReports = reports;
        return this;
    }

    // ---------------------------------------------------------------------------------------------- actions

    /** Reset the current connection now (TCP RST), as a link lost mid-stream. */
    public void dropConnection()
    {
        commands.add(() -> channel.abort());
    }

    /** Send the first half of a report, then close: the client sees a truncated frame. */
    public void dropMidFrame()
    {
        commands.add(() ->
        {
            report.clear().epc96(0x3034257BF7194E40L, 0x00001A85).antennaId(1);
            encoder.wrap(out, 0).beginRoAccessReport(messageId++).tagReportData(report);
            final int length = encoder.endMessage();
            writeQuietly(length / 2);
            channel.close();
        });
    }

    /**
     * Inject raw bytes on the current connection (malformed frames).
     *
     * @param bytes to send as they are.
     */
    public void sendRaw(final byte[] bytes)
    {
        final byte[] copy = bytes.clone();
        commands.add(() ->
        {
            out.clear();
            out.put(copy).clear();
            writeQuietly(copy.length);
        });
    }

    /**
     * Send an ERROR_MESSAGE on the current connection.
     *
     * @param statusCode  its status.
     * @param description its text.
     */
    public void sendErrorMessage(final int statusCode, final String description)
    {
        commands.add(() -> writeQuietly(encoder.wrap(out, 0).errorMessage(messageId++, statusCode, description)));
    }

    /** Send a READER_EVENT_NOTIFICATION with a ConnectionCloseEvent, then close the connection. */
    public void closeFromReader()
    {
        commands.add(() ->
        {
            writeQuietly(encoder.wrap(out, 0).connectionCloseEvent(messageId++, nowUs()));
            channel.close();
        });
    }

    // ---------------------------------------------------------------------------------------------- queries

    /** @return connections accepted so far. */
    public int connections()
    {
        return connections.get();
    }

    /** @return KEEPALIVE_ACKs received. */
    public long keepaliveAcks()
    {
        return keepaliveAcks.get();
    }

    /** @return KEEPALIVEs sent. */
    public long keepalivesSent()
    {
        return keepalivesSent.get();
    }

    /** @return CLOSE_CONNECTIONs received. */
    public long closeConnections()
    {
        return closeConnections.get();
    }

    /** @return RO_ACCESS_REPORTs sent. */
    public long reportsSent()
    {
        return reportsSent.get();
    }

    /** @return TagReportData sent. */
    public long tagReportsSent()
    {
        return tagReportsSent.get();
    }

    /**
     * @param messageType a client message type.
     * @return how many were received.
     */
    public long requests(final int messageType)
    {
        return requests.get(messageType & 0x3FF);
    }

    /** @return the TagReportContent bits the client last enabled. */
    public int lastContent()
    {
        return lastContent;
    }

    /** @return antenna IDs of the last ROSpec added. */
    public int[] lastAntennas()
    {
        return lastAntennas.clone();
    }

    /** @return keepalive period the client last set, ms. */
    public long lastKeepaliveIntervalMs()
    {
        return lastKeepaliveIntervalMs;
    }

    /** @return ROSpecStartTriggerType of the last ROSpec added, -1 if none. */
    public int lastStartTrigger()
    {
        return lastStartTrigger;
    }

    /** @return ROSpecID of the last ROSpec added. */
    public long lastRoSpecId()
    {
        return lastRoSpecId;
    }

    /** @return true while the ROSpec runs. */
    public boolean inventoryRunning()
    {
        return inventoryRunning;
    }

    /**
     * @param epcHex  EPC hex (any case).
     * @param antenna antenna ID.
     * @return sum of TagSeenCount sent for the pair.
     */
    public long sentReads(final String epcHex, final int antenna)
    {
        long sum = 0;
        for (final SimTag tag : tags)
        {
            if (tag.antenna == antenna && tag.hex.equalsIgnoreCase(epcHex))
            {
                sum += tag.sentReads.get();
            }
        }
        return sum;
    }

    /**
     * @param epcHex  EPC hex (any case).
     * @param antenna antenna ID.
     * @return the highest RSSI sent for the pair in centi-dBm as a client should read it (Impinj value if sent,
     * else PeakRSSI x 100), or {@link TagReport#RSSI_UNKNOWN}.
     */
    public int sentPeakRssiCentiDbm(final String epcHex, final int antenna)
    {
        int peak = TagReport.RSSI_UNKNOWN;
        for (final SimTag tag : tags)
        {
            if (tag.antenna == antenna && tag.hex.equalsIgnoreCase(epcHex))
            {
                peak = Math.max(peak, tag.sentPeakCentiDbm.get());
            }
        }
        return peak;
    }

    /**
     * Wait for a condition on this simulator's counters.
     *
     * @param condition to wait for.
     * @param timeoutMs most time to wait.
     * @return true if it held in time.
     * @throws InterruptedException if interrupted.
     */
    public boolean await(final BooleanSupplier condition, final long timeoutMs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (monitor)
        {
            while (!condition.getAsBoolean())
            {
                final long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0)
                {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(leftNs, TimeUnit.MILLISECONDS.toNanos(20)));
            }
            return true;
        }
    }

    private void signal()
    {
        synchronized (monitor)
        {
            monitor.notifyAll();
        }
    }

    /** Stop serving, close the connection and the port, and wait for the simulator thread. */
    @Override
    public void close()
    {
        running = false;
        try
        {
            server.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------ thread

    private void run()
    {
        while (running)
        {
            final SocketChannel socket;
            try
            {
                socket = server.accept();
            }
            catch (final ClosedChannelException ex)
            {
                break;
            }
            catch (final IOException ex)
            {
                LOG.warn("simulator accept failed", ex);
                break;
            }
            try
            {
                serve(socket);
            }
            catch (final IOException | RuntimeException ex)
            {
                LOG.debug("simulator connection ended: {}", ex.toString());
            }
            finally
            {
                channel.close();
                inventoryRunning = false;
                signal();
            }
        }
        channel.close();
    }

    private void serve(final SocketChannel socket) throws IOException
    {
        channel.open(socket);
        commands.clear();
        connections.incrementAndGet();
        inventoryRunning = false;
        keepaliveIntervalMs = 0;
        reportsOnConnection = 0;
        lastSentValid = false;
        content = TagReportContent.ALL;
        signal();
        final int attemptStatus = connectionAttemptStatus;
        if (!write(encoder.wrap(out, 0).connectionAttemptEvent(messageId++, nowUs(), attemptStatus)))
        {
            return;
        }
        if (attemptStatus != LlrpDescriptor.CONNECTION_SUCCESS)
        {
            channel.close();
            return;
        }
        lastKeepaliveNs = System.nanoTime();
        while (running && channel.isOpen())
        {
            Runnable command;
            while (null != (command = commands.poll()))
            {
                command.run();
                if (!channel.isOpen())
                {
                    return;
                }
            }
            final int read = channel.read(2);
            if (read < 0)
            {
                return;
            }
            if (!handleFrames())
            {
                return;
            }
            if (stalled)
            {
                continue;
            }
            final long nowNs = System.nanoTime();
            if (sendKeepalives && keepaliveIntervalMs > 0 &&
                nowNs - lastKeepaliveNs >= TimeUnit.MILLISECONDS.toNanos(keepaliveIntervalMs))
            {
                lastKeepaliveNs = nowNs;
                if (!write(encoder.wrap(out, 0).keepalive(messageId++)))
                {
                    return;
                }
                keepalivesSent.incrementAndGet();
            }
            if (inventoryRunning && nowNs - nextReportNs >= 0)
            {
                nextReportNs = nowNs + TimeUnit.MILLISECONDS.toNanos(reportIntervalMs);
                if (!reportCycle())
                {
                    return;
                }
            }
        }
    }

    private boolean handleFrames() throws IOException
    {
        final ByteBuffer buffer = channel.buffer();
        while (channel.pending() > 0)
        {
            final int start = channel.dataStart();
            final int length = framer.frameLength(buffer, start, channel.pending());
            if (length == 0)
            {
                return true;
            }
            if (length < 0)
            {
                LOG.debug("simulator: malformed client frame: {}", LlrpFrameError.reasonText(length));
                return false;
            }
            final boolean keep = handleRequest(buffer, start, length);
            channel.consume(length);
            if (!keep)
            {
                return false;
            }
        }
        return true;
    }

    private boolean handleRequest(final ByteBuffer buffer, final int start, final int length) throws IOException
    {
        final int type = LlrpFrameDecoder.messageType(buffer, start);
        final int id = LlrpFrameDecoder.messageId(buffer, start);
        requests.incrementAndGet(type);
        signal();
        if (type == LlrpDescriptor.KEEPALIVE_ACK)
        {
            keepaliveAcks.incrementAndGet();
            signal();
            return true;
        }
        if (stalled)
        {
            return true;
        }
        final int responseType = LlrpDescriptor.responseTypeOf(type);
        if (responseType < 0)
        {
            return write(encoder.wrap(out, 0).errorMessage(id, 109, "unsupported message"));
        }
        if (type == failType)
        {
            failType = -1;
            return write(encoder.wrap(out, 0).response(responseType, id, failStatus, "simulated failure"));
        }
        final int end = start + length;
        switch (type)
        {
            case LlrpDescriptor.GET_READER_CAPABILITIES:
                return write(encoder.wrap(out, 0).readerCapabilitiesResponse(
                    id, maxAntennas, true, LlrpDescriptor.IMPINJ_PEN, 1, "simulator"));

            case LlrpDescriptor.SET_READER_CONFIG:
                parseSetReaderConfig(buffer, start + LlrpDescriptor.HEADER_LENGTH + 1, end);
                break;

            case LlrpDescriptor.ADD_ROSPEC:
                parseAddRoSpec(buffer, start + LlrpDescriptor.HEADER_LENGTH, end);
                break;

            case LlrpDescriptor.ENABLE_ROSPEC:
                if (startTrigger == LlrpDescriptor.START_TRIGGER_IMMEDIATE)
                {
                    startInventory();
                }
                break;

            case LlrpDescriptor.START_ROSPEC:
                startInventory();
                break;

            case LlrpDescriptor.STOP_ROSPEC:
            case LlrpDescriptor.DISABLE_ROSPEC:
            case LlrpDescriptor.DELETE_ROSPEC:
                inventoryRunning = false;
                break;

            case LlrpDescriptor.CLOSE_CONNECTION:
                closeConnections.incrementAndGet();
                inventoryRunning = false;
                write(encoder.wrap(out, 0).response(responseType, id, LlrpStatus.SUCCESS, ""));
                signal();
                return false;

            default:
                break;
        }
        return write(encoder.wrap(out, 0).response(responseType, id, LlrpStatus.SUCCESS, ""));
    }

    private void startInventory()
    {
        inventoryRunning = true;
        nextReportNs = System.nanoTime();
        signal();
    }

    private void parseSetReaderConfig(final ByteBuffer buffer, final int start, final int end)
    {
        int pos = start;
        while (pos < end)
        {
            final int length = LlrpFrameDecoder.parameterLength(buffer, pos, end);
            if (length < 0)
            {
                return;
            }
            final int type = buffer.getShort(pos) & 0x3FF;
            if (type == LlrpDescriptor.KEEPALIVE_SPEC && length >= 9)
            {
                final int trigger = buffer.get(pos + 4) & 0xFF;
                keepaliveIntervalMs = trigger == LlrpDescriptor.KEEPALIVE_TRIGGER_PERIODIC ?
                    buffer.getInt(pos + 5) & 0xFFFF_FFFFL : 0;
                lastKeepaliveIntervalMs = keepaliveIntervalMs;
            }
            else if (type == LlrpDescriptor.RO_REPORT_SPEC)
            {
                parseReportSpec(buffer, pos, pos + length);
            }
            pos += length;
        }
    }

    private void parseReportSpec(final ByteBuffer buffer, final int pos, final int end)
    {
        // ROReportTrigger u8, N u16, TagReportContentSelector { flags u16, C1G2EPCMemorySelector { flags u8 }? }
        final int selector = pos + 7;
        if (selector + 6 > end || (buffer.getShort(selector) & 0x3FF) != LlrpDescriptor.TAG_REPORT_CONTENT_SELECTOR)
        {
            return;
        }
        final int flags = buffer.getShort(selector + 4) & 0xFFFF;
        final int selectorEnd = selector + (buffer.getShort(selector + 2) & 0xFFFF);
        int memoryFlags = 0;
        if (selector + 6 + 5 <= selectorEnd &&
            (buffer.getShort(selector + 6) & 0x3FF) == LlrpDescriptor.C1G2_EPC_MEMORY_SELECTOR)
        {
            memoryFlags = buffer.get(selector + 10) & 0xFF;
        }
        content = TagReportContent.fromSelectorFlags(flags, memoryFlags);
        lastContent = content;
    }

    private void parseAddRoSpec(final ByteBuffer buffer, final int start, final int end)
    {
        if (start + 10 > end || (buffer.getShort(start) & 0x3FF) != LlrpDescriptor.RO_SPEC)
        {
            return;
        }
        final int roSpecEnd = Math.min(end, start + (buffer.getShort(start + 2) & 0xFFFF));
        roSpecId = buffer.getInt(start + 4) & 0xFFFF_FFFFL;
        lastRoSpecId = roSpecId;
        int pos = start + 10;
        while (pos < roSpecEnd)
        {
            final int length = LlrpFrameDecoder.parameterLength(buffer, pos, roSpecEnd);
            if (length < 0)
            {
                return;
            }
            final int type = buffer.getShort(pos) & 0x3FF;
            if (type == LlrpDescriptor.RO_BOUNDARY_SPEC && length >= 9 &&
                (buffer.getShort(pos + 4) & 0x3FF) == LlrpDescriptor.RO_SPEC_START_TRIGGER)
            {
                startTrigger = buffer.get(pos + 8) & 0xFF;
                lastStartTrigger = startTrigger;
            }
            else if (type == LlrpDescriptor.AI_SPEC && length >= 6)
            {
                final int count = Math.min(buffer.getShort(pos + 4) & 0xFFFF, (length - 6) / 2);
                final int[] ids = new int[count];
                for (int i = 0; i < count; i++)
                {
                    ids[i] = buffer.getShort(pos + 6 + 2 * i) & 0xFFFF;
                }
                antennas = ids;
                lastAntennas = ids;
            }
            else if (type == LlrpDescriptor.RO_REPORT_SPEC)
            {
                parseReportSpec(buffer, pos, pos + length);
            }
            pos += length;
        }
    }

    private boolean antennaEnabled(final int antenna)
    {
        for (final int id : antennas)
        {
            if (id == 0 || id == antenna)
            {
                return true;
            }
        }
        return false;
    }

    private boolean reportCycle()
    {
        cycle++;
        final SimTag[] tags = this.tags;
        final int tagsPerReport = this.tagsPerReport;
        final int reads = readsPerCycle;
        final long nowUs = nowUs();
        int inReport = 0;
        encoder.wrap(out, 0).beginRoAccessReport(messageId++);
        for (final SimTag tag : tags)
        {
            if (!antennaEnabled(tag.antenna))
            {
                continue;
            }
            final int centi = tag.rssi.rssiCentiDbm(cycle);
            buildReport(tag, centi, reads, nowUs);
            encoder.tagReportData(report);
            final int asRead;
            if (impinjPeakRssi)
            {
                asRead = (short)centi;
            }
            else
            {
                asRead = (content & TagReportContent.PEAK_RSSI) != 0 ? peakDbm(centi) * 100 : TagReport.RSSI_UNKNOWN;
            }
            tag.pendingReads += (content & TagReportContent.TAG_SEEN_COUNT) != 0 ? reads : 1;
            tag.pendingPeak = Math.max(tag.pendingPeak, asRead);
            inReport++;
            if ((tagsPerReport > 0 && inReport == tagsPerReport) || encoder.position() > out.capacity() - 1024)
            {
                if (!flushReport(tags, inReport))
                {
                    return false;
                }
                inReport = 0;
                encoder.wrap(out, 0).beginRoAccessReport(messageId++);
            }
        }
        if (inReport > 0 || (emptyReports && tags.length == 0))
        {
            return flushReport(tags, inReport);
        }
        return true;
    }

    private boolean flushReport(final SimTag[] tags, final int tagReports)
    {
        final int length = encoder.endMessage();
        final boolean written = write(length);
        for (final SimTag tag : tags)
        {
            if (written && tag.pendingReads > 0)
            {
                tag.sentReads.addAndGet(tag.pendingReads);
                tag.sentPeakCentiDbm.accumulateAndGet(tag.pendingPeak, Math::max);
            }
            tag.pendingReads = 0;
            tag.pendingPeak = Integer.MIN_VALUE;
        }
        if (!written)
        {
            return false;
        }
        reportsSent.incrementAndGet();
        tagReportsSent.addAndGet(tagReports);
        reportsOnConnection++;
        signal();
        if (dropAfterReports >= 0 && reportsOnConnection >= dropAfterReports)
        {
            dropAfterReports = -1;
            channel.abort();
            return false;
        }
        return true;
    }

    private void buildReport(final SimTag tag, final int centiDbm, final int reads, final long nowUs)
    {
        final TagReport report = this.report.clear();
        if (tag.bits == 96 && !epcAsEpcData)
        {
            report.epc96(tag.high, tag.low);
        }
        else
        {
            report.epc(tag.epc, 0, tag.bits);
        }
        final int content = this.content;
        final boolean omit = omitUnchangedFields && lastSentValid;
        final TagReport last = lastSent;
        final int peakDbm = peakDbm(centiDbm);
        final int channelIndex = (int)(cycle % 16) + 1;
        final int pc = (tag.bits / 16) << 11;
        if ((content & TagReportContent.ROSPEC_ID) != 0 && !(omit && last.roSpecId() == roSpecId))
        {
            report.roSpecId(roSpecId);
        }
        if ((content & TagReportContent.SPEC_INDEX) != 0 && !(omit && last.specIndex() == 1))
        {
            report.specIndex(1);
        }
        if ((content & TagReportContent.INVENTORY_PARAMETER_SPEC_ID) != 0 && !(omit && last.inventoryParameterSpecId() == 1))
        {
            report.inventoryParameterSpecId(1);
        }
        if ((content & TagReportContent.ANTENNA_ID) != 0 && !(omit && last.antennaId() == tag.antenna))
        {
            report.antennaId(tag.antenna);
        }
        if ((content & TagReportContent.PEAK_RSSI) != 0 && !(omit && last.peakRssiDbm() == peakDbm))
        {
            report.peakRssiDbm(peakDbm);
        }
        if ((content & TagReportContent.CHANNEL_INDEX) != 0 && !(omit && last.channelIndex() == channelIndex))
        {
            report.channelIndex(channelIndex);
        }
        if ((content & TagReportContent.FIRST_SEEN) != 0)
        {
            report.firstSeen(nowUs - (reads - 1) * 1_000L, false);
        }
        if ((content & TagReportContent.LAST_SEEN) != 0)
        {
            report.lastSeen(nowUs, false);
        }
        if ((content & TagReportContent.TAG_SEEN_COUNT) != 0 && !(omit && last.tagSeenCount() == reads))
        {
            report.tagSeenCount(reads);
        }
        if ((content & TagReportContent.C1G2_PC) != 0 && !(omit && last.pc() == pc))
        {
            report.pc(pc);
        }
        if ((content & TagReportContent.C1G2_CRC) != 0)
        {
            report.crc(tag.hex.hashCode() & 0xFFFF);
        }
        if ((content & TagReportContent.ACCESS_SPEC_ID) != 0 && !(omit && last.accessSpecId() == 0))
        {
            report.accessSpecId(0);
        }
        if (impinjPeakRssi)
        {
            report.impinjPeakRssiCentiDbm(centiDbm);
        }
        // remember the full values (what a client assumes for omitted fields)
        last.clear().roSpecId(roSpecId).specIndex(1).inventoryParameterSpecId(1).antennaId(tag.antenna)
            .peakRssiDbm(peakDbm).channelIndex(channelIndex).tagSeenCount(reads).pc(pc).accessSpecId(0);
        lastSentValid = true;
    }

    private static int peakDbm(final int centiDbm)
    {
        return Math.max(-128, Math.min(127, Math.round(centiDbm / 100.0f)));
    }

    private boolean write(final int length)
    {
        try
        {
            channel.write(out, 0, length, 5_000);
            return true;
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.debug("simulator write failed: {}", ex.toString());
            channel.close();
            return false;
        }
    }

    private void writeQuietly(final int length)
    {
        if (channel.isOpen())
        {
            write(length);
        }
    }

    private static long nowUs()
    {
        return System.currentTimeMillis() * 1_000L;
    }

    private static final class SimTag
    {
        final String hex;
        final byte[] epc;
        final int bits;
        final long high;
        final int low;
        final int antenna;
        final RssiPattern rssi;
        final AtomicLong sentReads = new AtomicLong();
        final java.util.concurrent.atomic.AtomicInteger sentPeakCentiDbm =
            new java.util.concurrent.atomic.AtomicInteger(TagReport.RSSI_UNKNOWN);
        long pendingReads;
        int pendingPeak = Integer.MIN_VALUE;

        SimTag(final String epcHex, final int antenna, final RssiPattern rssi)
        {
            final String hex = epcHex.trim().toUpperCase(Locale.ROOT);
            if (hex.isEmpty() || (hex.length() & 1) != 0 || hex.length() > TagReport.MAX_EPC_BITS / 4)
            {
                throw new IllegalArgumentException("epcHex: a whole number of bytes up to 496 bits, got '" + epcHex + "'");
            }
            if (antenna < 1 || antenna > 65535)
            {
                throw new IllegalArgumentException("antenna must be 1..65535, got " + antenna);
            }
            this.hex = hex;
            this.epc = new byte[hex.length() / 2];
            for (int i = 0; i < epc.length; i++)
            {
                epc[i] = (byte)Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            this.bits = epc.length * 8;
            long high = 0;
            int low = 0;
            for (int i = 0; i < 12; i++)
            {
                final int b = i < epc.length ? epc[i] & 0xFF : 0;
                if (i < 8)
                {
                    high = (high << 8) | b;
                }
                else
                {
                    low = (low << 8) | b;
                }
            }
            this.high = high;
            this.low = low;
            this.antenna = antenna;
            this.rssi = rssi;
        }
    }

    /** @return a description of the configured tags, for logs. */
    @Override
    public String toString()
    {
        final List<String> list = new ArrayList<>();
        for (final SimTag tag : tags)
        {
            list.add(tag.hex + "@" + tag.antenna);
        }
        return "LlrpReaderSimulator{port=" + port() + ", tags=" + list + "}";
    }
}
