package dev.inventory.rfid.llrp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An LLRP 1.0.1 reader client on a thread of its own, doing what a production client does:
 * <ol>
 *     <li>connect and wait for the READER_EVENT_NOTIFICATION with ConnectionAttemptEvent (success);</li>
 *     <li>GET_READER_CAPABILITIES;</li>
 *     <li>SET_READER_CONFIG: ReaderEventNotificationSpec, ROReportSpec (TagReportContentSelector), KeepaliveSpec;</li>
 *     <li>DELETE_ROSPEC(0), ADD_ROSPEC (antennas, report trigger, content selector), ENABLE_ROSPEC, and
 *     START_ROSPEC unless the start trigger is immediate;</li>
 *     <li>consume RO_ACCESS_REPORTs (empty ones too) into {@link LlrpClientListener#onTagReport}, answer KEEPALIVE
 *     with KEEPALIVE_ACK, report ERROR_MESSAGE and non-success LLRPStatus clearly;</li>
 *     <li>on {@link #close()}: STOP_ROSPEC, CLOSE_CONNECTION and wait for its response.</li>
 * </ol>
 * A keepalive watchdog resets a link that has been silent for {@link Context#watchdogTimeoutMs()}; a lost or
 * refused link is retried with exponential backoff. Malformed frames are rejected with an {@link LlrpFrameError}
 * code, counted, logged (rate-limited) and the connection reset; no exception escapes the client thread.
 * Link state is logged, exposed by {@link #linkState()} and reported to {@link LlrpClientListener#onLinkState}.
 * <p>
 * Steady-state report handling is garbage-free (preallocated buffers, primitive fields, no logging per read).
 * <p>
 * Threadsafe: {@link #start()}, {@link #close()} and the accessors from any thread; the listener is called on the
 * client thread only.
 */
public final class LlrpClient implements AutoCloseable
{
    /** Link reason: the client was asked to stop and closed the connection. */
    public static final int REASON_CLOSED_BY_CLIENT = -100;
    /** Link reason: TCP connect failed. */
    public static final int REASON_CONNECT_FAILED = -101;
    /** Link reason: the reader closed the stream. */
    public static final int REASON_END_OF_STREAM = -102;
    /** Link reason: a socket error. */
    public static final int REASON_IO_ERROR = -103;
    /** Link reason: nothing received within the watchdog timeout. */
    public static final int REASON_WATCHDOG = -104;
    /** Link reason: the ConnectionAttemptEvent reported a failure (another client holds the reader). */
    public static final int REASON_CONNECTION_REFUSED = -105;
    /** Link reason: a setup request got a non-success LLRPStatus or an ERROR_MESSAGE. */
    public static final int REASON_REQUEST_FAILED = -106;
    /** Link reason: a response or the ConnectionAttemptEvent did not come in time. */
    public static final int REASON_RESPONSE_TIMEOUT = -107;
    /** Link reason: the reader sent a ConnectionCloseEvent. */
    public static final int REASON_READER_CLOSED = -108;
    /** Link reason: an unexpected exception (e.g. thrown by the listener). */
    public static final int REASON_INTERNAL_ERROR = -109;
    /** Link reason: the stop was requested during setup. */
    private static final int REASON_STOPPING = -110;

    private static final Logger LOG = LoggerFactory.getLogger(LlrpClient.class);
    private static final long POLL_MS = 50;
    private static final long WARN_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int WARNINGS_PER_INTERVAL = 5;

    private final Context ctx;
    private final LlrpClientListener listener;
    private final LlrpCounters counters = new LlrpCounters();
    private final LlrpFrameDecoder decoder;
    private final LlrpChannel channel;
    private final LlrpEncoder encoder = new LlrpEncoder();
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(4096);
    private final ByteBuffer ackBuffer = ByteBuffer.allocateDirect(64);
    private final LlrpEncoder ackEncoder = new LlrpEncoder();
    private final Handler handler = new Handler();
    private final EpochClock clock;
    private final Object stateLock = new Object();

    private volatile boolean running;
    private volatile LlrpLinkState state = LlrpLinkState.DISCONNECTED;
    private volatile int lastReason;
    private volatile int readerMaxAntennas;
    private volatile long readerManufacturer;
    private volatile long readerModel;
    private Thread thread;

    // client thread only
    private int nextMessageId = 1;
    private int awaitType = -1;
    private int awaitId;
    private boolean awaitDone;
    private int awaitStatus;
    private int connectionAttemptStatus;
    private int sessionResult;
    private long lastReceiveNs;
    private long nowMs;
    private long warnWindowNs;
    private int warnsInWindow;
    private long suppressedWarnings;

    /**
     * @param ctx      settings; validated here.
     * @param listener receives reports and link states on the client thread.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public LlrpClient(final Context ctx, final LlrpClientListener listener)
    {
        this.ctx = ctx.conclude();
        this.listener = listener;
        this.decoder = new LlrpFrameDecoder(ctx.maxFrameBytes());
        this.channel = new LlrpChannel(ctx.maxFrameBytes());
        this.clock = ctx.epochClock();
    }

    /** @return the settings. */
    public Context context()
    {
        return ctx;
    }

    /** @return counters, readable from any thread. */
    public LlrpCounters counters()
    {
        return counters;
    }

    /** @return the link state now. */
    public LlrpLinkState linkState()
    {
        return state;
    }

    /** @return the reason code of the last link loss or close (see {@link #reasonText(int)}), 0 if none. */
    public int lastReason()
    {
        return lastReason;
    }

    /** @return MaxNumberOfAntennaSupported of the reader, 0 until known. */
    public int readerMaxAntennas()
    {
        return readerMaxAntennas;
    }

    /** @return DeviceManufacturerName (PEN) of the reader, 0 until known. */
    public long readerManufacturer()
    {
        return readerManufacturer;
    }

    /** @return ModelName of the reader, 0 until known. */
    public long readerModel()
    {
        return readerModel;
    }

    /**
     * @param reason a link reason or {@link LlrpFrameError} code.
     * @return its name.
     */
    public static String reasonText(final int reason)
    {
        switch (reason)
        {
            case 0: return "NONE";
            case REASON_CLOSED_BY_CLIENT: return "CLOSED_BY_CLIENT";
            case REASON_CONNECT_FAILED: return "CONNECT_FAILED";
            case REASON_END_OF_STREAM: return "END_OF_STREAM";
            case REASON_IO_ERROR: return "IO_ERROR";
            case REASON_WATCHDOG: return "WATCHDOG";
            case REASON_CONNECTION_REFUSED: return "CONNECTION_REFUSED";
            case REASON_REQUEST_FAILED: return "REQUEST_FAILED";
            case REASON_RESPONSE_TIMEOUT: return "RESPONSE_TIMEOUT";
            case REASON_READER_CLOSED: return "READER_CLOSED";
            case REASON_INTERNAL_ERROR: return "INTERNAL_ERROR";
            case REASON_STOPPING: return "STOPPING";
            default: return "FRAME_" + LlrpFrameError.reasonText(reason);
        }
    }

    /**
     * Start the client thread. Returns at once; watch {@link #linkState()}.
     *
     * @return this.
     * @throws IllegalStateException if already started.
     */
    public LlrpClient start()
    {
        synchronized (stateLock)
        {
            if (null != thread)
            {
                throw new IllegalStateException("already started");
            }
            running = true;
            thread = new Thread(this::run, "llrp-" + ctx.host() + ":" + ctx.port());
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /**
     * Stop: STOP_ROSPEC and CLOSE_CONNECTION if connected (reports arriving meanwhile are still delivered), then
     * wait for the client thread, at most {@link Context#closeTimeoutMs()} plus a second.
     */
    @Override
    public void close()
    {
        final Thread thread;
        synchronized (stateLock)
        {
            running = false;
            thread = this.thread;
        }
        if (null != thread && thread != Thread.currentThread())
        {
            LockSupport.unpark(thread);
            try
            {
                thread.join(ctx.closeTimeoutMs() + 1_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (null == thread)
        {
            setState(LlrpLinkState.CLOSED, REASON_CLOSED_BY_CLIENT);
        }
    }

    /**
     * Wait until the link reaches a state.
     *
     * @param expected  state to wait for.
     * @param timeoutMs most time to wait.
     * @return true if reached.
     * @throws InterruptedException if interrupted.
     */
    public boolean awaitLinkState(final LlrpLinkState expected, final long timeoutMs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (stateLock)
        {
            while (state != expected)
            {
                final long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0)
                {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(stateLock, leftNs);
            }
            return true;
        }
    }

    private void setState(final LlrpLinkState newState, final int reason)
    {
        // called by the client thread (or by close() before the thread exists): no competing writer
        if (state == newState)
        {
            return;
        }
        if (newState == LlrpLinkState.CONNECTED || newState == LlrpLinkState.CLOSED)
        {
            LOG.info("LLRP {}:{} link {}{}", ctx.host(), ctx.port(), newState,
                reason != 0 ? " (" + reasonText(reason) + ")" : "");
        }
        else
        {
            LOG.warn("LLRP {}:{} link {}{}", ctx.host(), ctx.port(), newState,
                reason != 0 ? " (" + reasonText(reason) + ")" : "");
        }
        try
        {
            listener.onLinkState(newState, reason);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("LLRP link state listener failed", ex);
        }
        synchronized (stateLock)
        {
            state = newState;
            if (reason != 0)
            {
                lastReason = reason;
            }
            stateLock.notifyAll();
        }
    }

    // ------------------------------------------------------------------------------------------------ thread

    private void run()
    {
        long backoffMs = ctx.reconnectBackoffMinMs();
        boolean first = true;
        while (running)
        {
            setState(first ? LlrpLinkState.CONNECTING : LlrpLinkState.RECONNECTING, first ? 0 : lastReason);
            first = false;
            final boolean[] reachedConnected = { false };
            int reason;
            try
            {
                reason = session(reachedConnected);
            }
            catch (final Throwable ex)
            {
                LOG.error("LLRP {}:{} client error; resetting the connection", ctx.host(), ctx.port(), ex);
                reason = REASON_INTERNAL_ERROR;
                if (ex instanceof VirtualMachineError)
                {
                    running = false; // the JVM is in trouble: stop rather than spin
                }
            }
            channel.close();
            if (reachedConnected[0])
            {
                backoffMs = ctx.reconnectBackoffMinMs();
                if (reason != REASON_CLOSED_BY_CLIENT)
                {
                    counters.increment(LlrpCounters.DISCONNECTS);
                }
            }
            else if (reason != REASON_CLOSED_BY_CLIENT && reason != REASON_STOPPING)
            {
                counters.increment(LlrpCounters.CONNECT_FAILURES);
            }
            if (reason == REASON_WATCHDOG)
            {
                counters.increment(LlrpCounters.WATCHDOG_TIMEOUTS);
            }
            if (!running)
            {
                lastReason = reason == REASON_STOPPING ? REASON_CLOSED_BY_CLIENT : reason;
                break;
            }
            lastReason = reason;
            setState(LlrpLinkState.RECONNECTING, reason);
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
            while (running && System.nanoTime() - deadlineNs < 0)
            {
                LockSupport.parkNanos(Math.min(deadlineNs - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50)));
            }
            backoffMs = Math.min(backoffMs * 2, ctx.reconnectBackoffMaxMs());
        }
        channel.close();
        setState(LlrpLinkState.CLOSED, REASON_CLOSED_BY_CLIENT);
    }

    private int session(final boolean[] reachedConnected)
    {
        try
        {
            channel.connect(ctx.host(), ctx.port(), ctx.connectTimeoutMs());
        }
        catch (final IOException ex)
        {
            warn("LLRP {}:{} connect failed: {}", ex.toString());
            return REASON_CONNECT_FAILED;
        }
        decoder.resetConnectionState();
        decoder.enabledContent(ctx.content());
        sessionResult = 0;
        connectionAttemptStatus = ReaderEvent.ABSENT;
        awaitType = -1;
        lastReceiveNs = System.nanoTime();

        int result = awaitConnectionAttempt();
        if (result == 0)
        {
            result = setUp();
        }
        if (result == 0)
        {
            reachedConnected[0] = true;
            counters.increment(LlrpCounters.CONNECTS);
            setState(LlrpLinkState.CONNECTED, 0);
            result = inventory();
        }
        if (result == REASON_STOPPING || (result == 0 && !running))
        {
            return closeGracefully(reachedConnected[0]);
        }
        return result;
    }

    private int awaitConnectionAttempt()
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ctx.responseTimeoutMs());
        while (connectionAttemptStatus == ReaderEvent.ABSENT)
        {
            if (!running)
            {
                return REASON_STOPPING;
            }
            final int result = pumpOnce(POLL_MS);
            if (result < 0)
            {
                return result;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                warn("LLRP {}:{} no ConnectionAttemptEvent within {} ms", ctx.responseTimeoutMs());
                return REASON_RESPONSE_TIMEOUT;
            }
        }
        if (connectionAttemptStatus != LlrpDescriptor.CONNECTION_SUCCESS)
        {
            warn("LLRP {}:{} connection refused by the reader: ConnectionAttemptEvent status {}",
                connectionAttemptStatus);
            return REASON_CONNECTION_REFUSED;
        }
        return 0;
    }

    private int setUp()
    {
        final Context ctx = this.ctx;
        int id = nextMessageId();
        int result = request(LlrpDescriptor.GET_READER_CAPABILITIES, id,
            encoder.wrap(writeBuffer, 0).getReaderCapabilities(id, LlrpDescriptor.REQUESTED_DATA_ALL), false);
        if (result != 0)
        {
            return result;
        }

        id = nextMessageId();
        result = request(LlrpDescriptor.SET_READER_CONFIG, id, encoder.wrap(writeBuffer, 0).setReaderConfig(
            id, ctx.resetToFactoryDefault(), ctx.eventMask(), ctx.reportTrigger(), ctx.reportEveryTags(),
            ctx.content(), ctx.keepaliveIntervalMs()), false);
        if (result != 0)
        {
            return result;
        }

        id = nextMessageId();
        result = request(LlrpDescriptor.DELETE_ROSPEC, id, encoder.wrap(writeBuffer, 0).deleteRoSpec(id, 0), false);
        if (result == REASON_REQUEST_FAILED)
        {
            result = 0; // some readers answer an error when there was nothing to delete
        }
        if (result != 0)
        {
            return result;
        }

        id = nextMessageId();
        final int[] antennas = ctx.antennas();
        result = request(LlrpDescriptor.ADD_ROSPEC, id, encoder.wrap(writeBuffer, 0).addRoSpec(
            id, ctx.roSpecId(), 0,
            ctx.startImmediately() ? LlrpDescriptor.START_TRIGGER_IMMEDIATE : LlrpDescriptor.START_TRIGGER_NULL,
            0, antennas, antennas.length, ctx.aiSpecDurationMs(), 1, ctx.reportTrigger(), ctx.reportEveryTags(),
            ctx.content()), false);
        if (result != 0)
        {
            return result;
        }

        id = nextMessageId();
        result = request(LlrpDescriptor.ENABLE_ROSPEC, id,
            encoder.wrap(writeBuffer, 0).enableRoSpec(id, ctx.roSpecId()), false);
        if (result != 0 || ctx.startImmediately())
        {
            return result;
        }

        id = nextMessageId();
        return request(LlrpDescriptor.START_ROSPEC, id,
            encoder.wrap(writeBuffer, 0).startRoSpec(id, ctx.roSpecId()), false);
    }

    private int inventory()
    {
        final long watchdogNs = TimeUnit.MILLISECONDS.toNanos(ctx.watchdogTimeoutMs());
        while (running)
        {
            final int result = pumpOnce(POLL_MS);
            if (result < 0)
            {
                return result;
            }
            if (watchdogNs > 0 && System.nanoTime() - lastReceiveNs > watchdogNs)
            {
                warn("LLRP {}:{} nothing received for {} ms; resetting the link", ctx.watchdogTimeoutMs());
                return REASON_WATCHDOG;
            }
        }
        return 0;
    }

    private int closeGracefully(final boolean connected)
    {
        if (!channel.isOpen())
        {
            return REASON_CLOSED_BY_CLIENT;
        }
        if (connected && ctx.stopRoSpecOnClose())
        {
            final int id = nextMessageId();
            final int result = request(LlrpDescriptor.STOP_ROSPEC, id,
                encoder.wrap(writeBuffer, 0).stopRoSpec(id, ctx.roSpecId()), true);
            if (result != 0 && result != REASON_REQUEST_FAILED && result != REASON_RESPONSE_TIMEOUT)
            {
                return REASON_CLOSED_BY_CLIENT;
            }
        }
        final int id = nextMessageId();
        final int result = request(LlrpDescriptor.CLOSE_CONNECTION, id,
            encoder.wrap(writeBuffer, 0).closeConnection(id), true);
        if (result != 0 && result != REASON_END_OF_STREAM)
        {
            LOG.debug("LLRP {}:{} CLOSE_CONNECTION ended with {}", ctx.host(), ctx.port(), reasonText(result));
        }
        return REASON_CLOSED_BY_CLIENT;
    }

    private int nextMessageId()
    {
        final int id = nextMessageId;
        nextMessageId = id == Integer.MAX_VALUE ? 1 : id + 1;
        return id;
    }

    /** Send a request already encoded at the start of the write buffer and wait for its response. */
    private int request(final int type, final int messageId, final int length, final boolean closing)
    {
        awaitType = LlrpDescriptor.responseTypeOf(type);
        awaitId = messageId;
        awaitDone = false;
        awaitStatus = 0;
        try
        {
            channel.write(writeBuffer, 0, length, ctx.responseTimeoutMs());
        }
        catch (final IOException ex)
        {
            warn("LLRP {}:{} write failed: {}", ex.toString());
            return REASON_IO_ERROR;
        }
        final long timeoutMs = closing ? ctx.closeTimeoutMs() : ctx.responseTimeoutMs();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!awaitDone)
        {
            if (!closing && !running)
            {
                return REASON_STOPPING;
            }
            final int result = pumpOnce(POLL_MS);
            if (result < 0)
            {
                return result;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                warn("LLRP {}:{} no response to {} within {} ms", LlrpDescriptor.messageTypeName(type), timeoutMs);
                return REASON_RESPONSE_TIMEOUT;
            }
        }
        awaitType = -1;
        return awaitStatus == LlrpStatus.SUCCESS ? 0 : REASON_REQUEST_FAILED;
    }

    /** Read what is there (waiting up to waitMs) and decode every whole frame. */
    private int pumpOnce(final long waitMs)
    {
        final LlrpChannel channel = this.channel;
        final int read;
        try
        {
            read = channel.read(waitMs);
        }
        catch (final IOException ex)
        {
            warn("LLRP {}:{} read failed: {}", ex.toString());
            return REASON_IO_ERROR;
        }
        nowMs = clock.time();
        if (read < 0)
        {
            if (channel.pending() > 0)
            {
                frameError(LlrpFrameError.TRUNCATED, channel.buffer(), channel.dataStart(), channel.pending());
                return LlrpFrameError.TRUNCATED;
            }
            return REASON_END_OF_STREAM;
        }
        if (read > 0)
        {
            lastReceiveNs = System.nanoTime();
            counters.add(LlrpCounters.BYTES_RECEIVED, read);
        }
        final ByteBuffer buffer = channel.buffer();
        final LlrpFrameDecoder decoder = this.decoder;
        while (channel.pending() > 0)
        {
            final int start = channel.dataStart();
            final int available = channel.pending();
            final int frameLength = decoder.frameLength(buffer, start, available);
            if (frameLength == LlrpFrameDecoder.NEED_MORE_DATA)
            {
                break;
            }
            if (frameLength < 0)
            {
                frameError(frameLength, buffer, start, available);
                return frameLength;
            }
            final int result = decoder.decode(buffer, start, frameLength, nowMs, handler);
            if (result < 0)
            {
                frameError(result, buffer, start, available);
                return result;
            }
            channel.consume(frameLength);
            counters.increment(LlrpCounters.FRAMES);
            if (sessionResult != 0)
            {
                return sessionResult;
            }
        }
        return 0;
    }

    private void frameError(final int code, final ByteBuffer buffer, final int start, final int available)
    {
        counters.frameError(code);
        if (tryWarn())
        {
            final int type = available >= 2 ? LlrpFrameDecoder.messageType(buffer, start) : -1;
            final long length = available >= 6 ? buffer.getInt(start + LlrpDescriptor.LENGTH_OFFSET) & 0xFFFF_FFFFL : -1;
            LOG.warn("LLRP {}:{} frame rejected: {} (type {} {}, length {}, {} bytes buffered); resetting the link",
                ctx.host(), ctx.port(), LlrpFrameError.reasonText(code), type, LlrpDescriptor.messageTypeName(type),
                length, available);
        }
    }

    private boolean tryWarn()
    {
        final long nowNs = System.nanoTime();
        if (nowNs - warnWindowNs > WARN_INTERVAL_NS)
        {
            if (suppressedWarnings > 0)
            {
                LOG.warn("LLRP {}:{} {} warnings suppressed", ctx.host(), ctx.port(), suppressedWarnings);
            }
            warnWindowNs = nowNs;
            warnsInWindow = 0;
            suppressedWarnings = 0;
        }
        if (warnsInWindow < WARNINGS_PER_INTERVAL)
        {
            warnsInWindow++;
            return true;
        }
        suppressedWarnings++;
        return false;
    }

    private void warn(final String format, final Object arg)
    {
        if (tryWarn())
        {
            LOG.warn(format, ctx.host(), ctx.port(), arg);
        }
    }

    private void warn(final String format, final Object arg1, final Object arg2)
    {
        if (tryWarn())
        {
            LOG.warn(format, ctx.host(), ctx.port(), arg1, arg2);
        }
    }

    private void sendKeepaliveAck(final int messageId)
    {
        try
        {
            final int length = ackEncoder.wrap(ackBuffer, 0).keepaliveAck(messageId);
            channel.write(ackBuffer, 0, length, ctx.responseTimeoutMs());
            counters.increment(LlrpCounters.KEEPALIVE_ACKS);
        }
        catch (final IOException ex)
        {
            warn("LLRP {}:{} KEEPALIVE_ACK failed: {}", ex.toString());
            sessionResult = REASON_IO_ERROR;
        }
    }

    private final class Handler implements LlrpMessageHandler
    {
        @Override
        public void onTagReport(final TagReport report)
        {
            counters.increment(LlrpCounters.TAG_REPORTS);
            listener.onTagReport(report);
        }

        @Override
        public void onRoAccessReportEnd(final int messageId, final int tagReports)
        {
            counters.increment(LlrpCounters.RO_ACCESS_REPORTS);
            if (tagReports == 0)
            {
                counters.increment(LlrpCounters.EMPTY_RO_ACCESS_REPORTS);
            }
            listener.onReportEnd(tagReports);
        }

        @Override
        public void onKeepalive(final int messageId)
        {
            counters.increment(LlrpCounters.KEEPALIVES);
            sendKeepaliveAck(messageId);
        }

        @Override
        public void onReaderEvent(final int messageId, final ReaderEvent event)
        {
            counters.increment(LlrpCounters.READER_EVENTS);
            if (event.connectionAttemptStatus() != ReaderEvent.ABSENT)
            {
                connectionAttemptStatus = event.connectionAttemptStatus();
            }
            if (event.isConnectionClose())
            {
                warn("LLRP {}:{} reader closes the connection (ConnectionCloseEvent){}", "");
                sessionResult = REASON_READER_CLOSED;
            }
            if (event.isReaderException())
            {
                warn("LLRP {}:{} ReaderExceptionEvent{}", "");
            }
            if (event.isReportBufferOverflow())
            {
                warn("LLRP {}:{} reader report buffer overflowed: reads were lost{}", "");
            }
            if (event.antennaEventType() != ReaderEvent.ABSENT)
            {
                LOG.info("LLRP {}:{} antenna {} {}", ctx.host(), ctx.port(), event.antennaEventAntennaId(),
                    event.antennaEventType() == 0 ? "disconnected" : "connected");
            }
            listener.onReaderEvent(event);
        }

        @Override
        public void onCapabilities(final int messageId, final ReaderCapabilities capabilities)
        {
            if (capabilities.isPresent())
            {
                readerMaxAntennas = capabilities.maxAntennas();
                readerManufacturer = capabilities.manufacturer();
                readerModel = capabilities.model();
                LOG.info("LLRP {}:{} reader manufacturer {} model {}, {} antennas, UTC clock {}", ctx.host(),
                    ctx.port(), capabilities.manufacturer(), capabilities.model(), capabilities.maxAntennas(),
                    capabilities.hasUtcClock());
            }
        }

        @Override
        public void onResponse(final int messageType, final int messageId, final LlrpStatus status)
        {
            final boolean awaited = messageType == awaitType && messageId == awaitId;
            if (!status.isSuccess())
            {
                counters.increment(LlrpCounters.STATUS_ERRORS);
                if (tryWarn())
                {
                    LOG.warn("LLRP {}:{} {} (message {}) failed: {}", ctx.host(), ctx.port(),
                        LlrpDescriptor.messageTypeName(messageType), messageId, status);
                }
            }
            if (awaited)
            {
                awaitDone = true;
                awaitStatus = status.statusCode();
            }
        }

        @Override
        public void onErrorMessage(final int messageId, final LlrpStatus status)
        {
            counters.increment(LlrpCounters.ERROR_MESSAGES);
            if (tryWarn())
            {
                LOG.warn("LLRP {}:{} ERROR_MESSAGE (message {}{}): {}", ctx.host(), ctx.port(), messageId,
                    awaitType >= 0 && messageId == awaitId ? ", answering our request" : "", status);
            }
            if (awaitType >= 0 && messageId == awaitId)
            {
                awaitDone = true;
                awaitStatus = status.isSuccess() ? -1 : status.statusCode();
            }
        }

        @Override
        public void onOtherMessage(final int messageType, final int messageId, final int length)
        {
            counters.increment(LlrpCounters.OTHER_MESSAGES);
        }
    }

    /**
     * Settings of an {@link LlrpClient}: fluent setters, validated and defaulted by {@link #conclude()}.
     * Instances are NOT threadsafe; do not change one after handing it to a client.
     */
    public static final class Context
    {
        private String host;
        private int port = LlrpDescriptor.DEFAULT_PORT;
        private String readerName;
        private int[] antennas = { 0 };
        private int roSpecId = 1;
        private boolean startImmediately;
        private long aiSpecDurationMs;
        private int reportTrigger = LlrpDescriptor.REPORT_TRIGGER_N_OR_END_OF_AI_SPEC;
        private int reportEveryTags = 1;
        private int content = TagReportContent.DEFAULT;
        private int eventMask = (1 << LlrpDescriptor.EVENT_READER_EXCEPTION) | (1 << LlrpDescriptor.EVENT_ANTENNA) |
            (1 << LlrpDescriptor.EVENT_REPORT_BUFFER_FILL_WARNING);
        private boolean resetToFactoryDefault;
        private long keepaliveIntervalMs = 5_000;
        private long watchdogTimeoutMs = -1;
        private int connectTimeoutMs = 5_000;
        private long responseTimeoutMs = 5_000;
        private long closeTimeoutMs = 2_000;
        private long reconnectBackoffMinMs = 250;
        private long reconnectBackoffMaxMs = 30_000;
        private int maxFrameBytes = LlrpFrameDecoder.DEFAULT_MAX_FRAME_BYTES;
        private boolean stopRoSpecOnClose = true;
        private long publishTimeoutMs = 1_000;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;

        /**
         * Validate and fill defaults.
         *
         * @return this.
         * @throws IllegalArgumentException naming the bad field.
         */
        public Context conclude()
        {
            if (null == host || host.isBlank())
            {
                throw new IllegalArgumentException("host must be set");
            }
            if (port < 1 || port > 65535)
            {
                throw new IllegalArgumentException("port must be 1..65535, got " + port);
            }
            if (null == readerName || readerName.isBlank())
            {
                readerName = host + ":" + port;
            }
            if (antennas.length == 0 || antennas.length > 64)
            {
                throw new IllegalArgumentException("antennas: 1..64 entries (0 for all), got " + antennas.length);
            }
            for (final int antenna : antennas)
            {
                if (antenna < 0 || antenna > 65535 || (antenna == 0 && antennas.length > 1))
                {
                    throw new IllegalArgumentException("antennas: 1..65535, or a single 0 for all, got " +
                        Arrays.toString(antennas));
                }
            }
            if (roSpecId == 0)
            {
                throw new IllegalArgumentException("roSpecId must not be 0");
            }
            if (reportEveryTags < 0 || reportEveryTags > 65535)
            {
                throw new IllegalArgumentException("reportEveryTags must be 0..65535, got " + reportEveryTags);
            }
            if (reportTrigger < 0 || reportTrigger > 2)
            {
                throw new IllegalArgumentException("reportTrigger must be 0..2, got " + reportTrigger);
            }
            if ((content & ~TagReportContent.ALL) != 0)
            {
                throw new IllegalArgumentException("content has unknown bits: " + Integer.toHexString(content));
            }
            if (keepaliveIntervalMs < 0 || keepaliveIntervalMs > 0xFFFF_FFFFL)
            {
                throw new IllegalArgumentException("keepaliveIntervalMs must be 0..2^32-1, got " + keepaliveIntervalMs);
            }
            if (watchdogTimeoutMs < 0)
            {
                watchdogTimeoutMs = keepaliveIntervalMs > 0 ? Math.max(3 * keepaliveIntervalMs, 1_000) : 0;
            }
            if (connectTimeoutMs <= 0 || responseTimeoutMs <= 0 || closeTimeoutMs <= 0)
            {
                throw new IllegalArgumentException("connectTimeoutMs, responseTimeoutMs and closeTimeoutMs must be > 0");
            }
            if (reconnectBackoffMinMs <= 0 || reconnectBackoffMaxMs < reconnectBackoffMinMs)
            {
                throw new IllegalArgumentException("reconnectBackoffMinMs must be > 0 and <= reconnectBackoffMaxMs");
            }
            if (maxFrameBytes < 1024 || maxFrameBytes > (64 << 20))
            {
                throw new IllegalArgumentException("maxFrameBytes must be 1 KiB..64 MiB, got " + maxFrameBytes);
            }
            if (publishTimeoutMs < 0)
            {
                throw new IllegalArgumentException("publishTimeoutMs must be >= 0, got " + publishTimeoutMs);
            }
            if (null == epochClock)
            {
                throw new IllegalArgumentException("epochClock must be set");
            }
            return this;
        }

        /** @param host reader host name or address. @return this. */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /** @return reader host. */
        public String host()
        {
            return host;
        }

        /** @param port reader TCP port (5084). @return this. */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /** @return reader port. */
        public int port()
        {
            return port;
        }

        /** @param name reader name for the engine's reader ids (default host:port). @return this. */
        public Context readerName(final String name)
        {
            this.readerName = name;
            return this;
        }

        /** @return reader name. */
        public String readerName()
        {
            return readerName;
        }

        /** @param antennas antenna IDs to inventory; a single 0 (default) means all. @return this. */
        public Context antennas(final int... antennas)
        {
            this.antennas = antennas.clone();
            return this;
        }

        /** @return antenna IDs (a copy). */
        public int[] antennas()
        {
            return antennas.clone();
        }

        /** @param id ROSpecID to add, not 0 (default 1). @return this. */
        public Context roSpecId(final int id)
        {
            this.roSpecId = id;
            return this;
        }

        /** @return ROSpecID. */
        public int roSpecId()
        {
            return roSpecId;
        }

        /** @param immediate start the ROSpec when enabled instead of with START_ROSPEC. @return this. */
        public Context startImmediately(final boolean immediate)
        {
            this.startImmediately = immediate;
            return this;
        }

        /** @return true for an immediate start trigger. */
        public boolean startImmediately()
        {
            return startImmediately;
        }

        /** @param ms AISpec duration (reports at its end with trigger 1); 0 runs it until stopped. @return this. */
        public Context aiSpecDurationMs(final long ms)
        {
            this.aiSpecDurationMs = ms;
            return this;
        }

        /** @return AISpec duration, 0 for none. */
        public long aiSpecDurationMs()
        {
            return aiSpecDurationMs;
        }

        /** @param trigger ROReportTrigger 0..2 (default 1: N tags or end of AISpec). @return this. */
        public Context reportTrigger(final int trigger)
        {
            this.reportTrigger = trigger;
            return this;
        }

        /** @return ROReportTrigger. */
        public int reportTrigger()
        {
            return reportTrigger;
        }

        /** @param tags N: TagReportData per RO_ACCESS_REPORT (default 1). @return this. */
        public Context reportEveryTags(final int tags)
        {
            this.reportEveryTags = tags;
            return this;
        }

        /** @return N. */
        public int reportEveryTags()
        {
            return reportEveryTags;
        }

        /** @param content {@link TagReportContent} bits to enable (default {@link TagReportContent#DEFAULT}). @return this. */
        public Context content(final int content)
        {
            this.content = content;
            return this;
        }

        /** @return content bits. */
        public int content()
        {
            return content;
        }

        /** @param mask reader event types to enable, bit {@code 1 << type}. @return this. */
        public Context eventMask(final int mask)
        {
            this.eventMask = mask;
            return this;
        }

        /** @return event mask. */
        public int eventMask()
        {
            return eventMask;
        }

        /** @param reset send ResetToFactoryDefault in SET_READER_CONFIG. @return this. */
        public Context resetToFactoryDefault(final boolean reset)
        {
            this.resetToFactoryDefault = reset;
            return this;
        }

        /** @return ResetToFactoryDefault. */
        public boolean resetToFactoryDefault()
        {
            return resetToFactoryDefault;
        }

        /** @param ms reader keepalive period (default 5000; 0 off). @return this. */
        public Context keepaliveIntervalMs(final long ms)
        {
            this.keepaliveIntervalMs = ms;
            return this;
        }

        /** @return keepalive period. */
        public long keepaliveIntervalMs()
        {
            return keepaliveIntervalMs;
        }

        /** @param ms silence after which the link is reset (default 3 keepalive periods; 0 off). @return this. */
        public Context watchdogTimeoutMs(final long ms)
        {
            this.watchdogTimeoutMs = ms;
            return this;
        }

        /** @return watchdog timeout. */
        public long watchdogTimeoutMs()
        {
            return watchdogTimeoutMs;
        }

        /** @param ms TCP connect timeout (default 5000). @return this. */
        public Context connectTimeoutMs(final int ms)
        {
            this.connectTimeoutMs = ms;
            return this;
        }

        /** @return connect timeout. */
        public int connectTimeoutMs()
        {
            return connectTimeoutMs;
        }

        /** @param ms wait for each setup response (default 5000). @return this. */
        public Context responseTimeoutMs(final long ms)
        {
            this.responseTimeoutMs = ms;
            return this;
        }

        /** @return response timeout. */
        public long responseTimeoutMs()
        {
            return responseTimeoutMs;
        }

        /** @param ms wait for each response while closing (default 2000). @return this. */
        public Context closeTimeoutMs(final long ms)
        {
            this.closeTimeoutMs = ms;
            return this;
        }

        /** @return close timeout. */
        public long closeTimeoutMs()
        {
            return closeTimeoutMs;
        }

        /** @param ms first reconnect delay (default 250), doubled per failure. @return this. */
        public Context reconnectBackoffMinMs(final long ms)
        {
            this.reconnectBackoffMinMs = ms;
            return this;
        }

        /** @return first reconnect delay. */
        public long reconnectBackoffMinMs()
        {
            return reconnectBackoffMinMs;
        }

        /** @param ms longest reconnect delay (default 30000). @return this. */
        public Context reconnectBackoffMaxMs(final long ms)
        {
            this.reconnectBackoffMaxMs = ms;
            return this;
        }

        /** @return longest reconnect delay. */
        public long reconnectBackoffMaxMs()
        {
            return reconnectBackoffMaxMs;
        }

        /** @param bytes cap on a frame (default 1 MiB); the read buffer is this large. @return this. */
        public Context maxFrameBytes(final int bytes)
        {
            this.maxFrameBytes = bytes;
            return this;
        }

        /** @return frame cap. */
        public int maxFrameBytes()
        {
            return maxFrameBytes;
        }

        /** @param stop send STOP_ROSPEC before CLOSE_CONNECTION (default true). @return this. */
        public Context stopRoSpecOnClose(final boolean stop)
        {
            this.stopRoSpecOnClose = stop;
            return this;
        }

        /** @return true to stop the ROSpec on close. */
        public boolean stopRoSpecOnClose()
        {
            return stopRoSpecOnClose;
        }

        /** @param ms most time the adapter waits for the engine to take a read (default 1000). @return this. */
        public Context publishTimeoutMs(final long ms)
        {
            this.publishTimeoutMs = ms;
            return this;
        }

        /** @return publish timeout. */
        public long publishTimeoutMs()
        {
            return publishTimeoutMs;
        }

        /** @param clock wall clock for reads without timestamps (default system). @return this. */
        public Context epochClock(final EpochClock clock)
        {
            this.epochClock = clock;
            return this;
        }

        /** @return wall clock. */
        public EpochClock epochClock()
        {
            return epochClock;
        }
    }
}
