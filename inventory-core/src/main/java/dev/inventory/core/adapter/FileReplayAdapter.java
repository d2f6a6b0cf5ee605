package dev.inventory.core.adapter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.record.RfidReadFlyweight;
import dev.inventory.core.spi.AdapterContext;
import dev.inventory.core.spi.DeviceAdapter;

/**
 * Replays RFID reads from a CSV file into the engine, on a thread of its own. Each line is
 * <pre>
 *   ts_ms,reader,antenna,epc_hex,rssi_dbm
 *   1700000000000,dock-1,2,3034257BF7194E4000001A85,-55.5
 * </pre>
 * <ul>
 *     <li>a first line starting with a letter is a header and is skipped; blank lines are skipped;</li>
 *     <li>{@code reader} is a reader id (digits) or a reader name resolved with {@link AdapterContext#readerId};</li>
 *     <li>{@code epc_hex} is a whole number of 16-bit words (4 hex digits each) up to 496 bits. An EPC shorter than
 *     96 bits is left-aligned in the 96 bits carried; a longer one is carried as its first 96 bits. The record's
 *     EPC bit length is the true length;</li>
 *     <li>{@code rssi_dbm} is decimal dBm (published as centi-dBm, rounded); empty means not reported.</li>
 * </ul>
 * Reads are published with the blocking helper {@link Publisher#claimBlocking}, so nothing is dropped while the
 * engine keeps up; pacing is either as fast as possible or the file's own time scaled by a speed factor.
 * <p>
 * <b>Malformed lines</b> (wrong field count, EPC not whole words of hex, numbers that do not parse or are out of
 * range) are counted ({@link #malformedLines()}) and logged with their line number (SLF4J warn, rate-limited).
 * To keep the engine's record count aligned with the data lines of the file, a malformed line is still published
 * as exactly one RFID read, with EPC bit length 0, antenna 1 and the timestamp of the previous well-formed line
 * (1 ms if there is none, so it never moves engine time on). The pipeline rejects it and counts it as
 * {@code rejected.bad_epc_length}. Record {@code n} of the engine (from a fresh start) is thus data line {@code n}.
 * <p>
 * Parsing is garbage-free per line (bytes are parsed in place); only malformed-line warnings allocate.
 * <p>
 * Threadsafe: {@link #onStart}/{@link #onClose} from the engine's control thread, the accessors from any thread.
 */
public final class FileReplayAdapter implements DeviceAdapter
{
    /** Speed factor meaning: publish as fast as the engine takes records. */
    public static final double AS_FAST_AS_POSSIBLE = 0.0;
    /** Most EPC bits a line may carry (Gen2 EPC memory). */
    public static final int MAX_EPC_BITS = 496;

    private static final Logger LOG = LoggerFactory.getLogger(FileReplayAdapter.class);
    private static final int FIELD_COUNT = 5;
    private static final int MAX_LINE_BYTES = 4096;
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int WARN_FIRST_LINES = 10;
    private static final long WARN_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int READER_CACHE_SIZE = 64;

    private final Context ctx;
    private final CountDownLatch done = new CountDownLatch(1);
    private final RfidReadFlyweight read = new RfidReadFlyweight();
    private final int[] fieldStart = new int[FIELD_COUNT];
    private final int[] fieldEnd = new int[FIELD_COUNT];
    private final byte[][] readerNames = new byte[READER_CACHE_SIZE][];
    private final int[] readerIds = new int[READER_CACHE_SIZE];
    private final byte[] line = new byte[MAX_LINE_BYTES];

    private volatile boolean running;
    private volatile long linesRead;
    private volatile long malformedLines;
    private volatile long publishedRecords;
    private volatile long lostRecords;
    private volatile Throwable failure;
    private Thread thread;
    private AdapterContext context;
    private FileChannel channel;

    // parse results of the current line, replay thread only
    private int readerCount;
    private long parsedTimestampMs;
    private int parsedReader;
    private int parsedAntenna;
    private long parsedEpcHigh;
    private int parsedEpcLow;
    private int parsedEpcBits;
    private int parsedRssiCentiDbm;
    private String parseError;
    private long lastGoodTimestampMs = 1;
    private long paceStartNs;
    private long paceStartMs;
    private long lastWarnNs;
    private long suppressedWarnings;

    /**
     * Replay a file as fast as possible.
     *
     * @param file CSV file to replay.
     */
    public FileReplayAdapter(final Path file)
    {
        this(new Context().file(file));
    }

    /**
     * @param ctx settings; validated here.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public FileReplayAdapter(final Context ctx)
    {
        this.ctx = ctx.conclude();
    }

    /** @return the settings. */
    public Context context()
    {
        return ctx;
    }

    @Override
    public String roleName()
    {
        return "file-replay:" + ctx.file().getFileName();
    }

    /**
     * Open the file and start the replay thread.
     *
     * @param context the engine's publisher and reader names.
     * @throws IOException if the file cannot be opened.
     */
    @Override
    public synchronized void onStart(final AdapterContext context) throws IOException
    {
        if (null != thread)
        {
            throw new IllegalStateException("already started");
        }
        this.context = context;
        try
        {
            channel = FileChannel.open(ctx.file(), StandardOpenOption.READ);
        }
        catch (final IOException ex)
        {
            failure = ex;
            done.countDown();
            throw ex;
        }
        running = true;
        thread = new Thread(this::run, "inventory-" + roleName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stop the replay (if still running) and wait up to 5 s for its thread.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    @Override
    public void onClose() throws InterruptedException
    {
        final Thread thread;
        synchronized (this)
        {
            running = false;
            thread = this.thread;
        }
        if (null != thread)
        {
            LockSupport.unpark(thread);
            thread.join(5_000);
        }
    }

    @Override
    public boolean isHealthy()
    {
        return null == failure;
    }

    /** @return data lines read so far (header and blank lines excluded, malformed lines included). */
    public long linesRead()
    {
        return linesRead;
    }

    /** @return malformed data lines so far (each still published as one rejected record). */
    public long malformedLines()
    {
        return malformedLines;
    }

    /** @return records published so far; equals {@link #linesRead()} unless records were lost. */
    public long publishedRecords()
    {
        return publishedRecords;
    }

    /** @return records that could not be published (engine closed, or the publish timeout passed). */
    public long lostRecords()
    {
        return lostRecords;
    }

    /** @return the error that ended the replay early, or null. */
    public Throwable failure()
    {
        return failure;
    }

    /** @return true once the replay has ended: end of file reached, stopped, or failed. */
    public boolean isDone()
    {
        return done.getCount() == 0;
    }

    /**
     * Wait for the replay to end. Records published are then in the ring; use the engine's {@code awaitIdle} to
     * wait for them to be processed.
     *
     * @param timeout most time to wait.
     * @param unit    of the timeout.
     * @return true if done in time.
     * @throws InterruptedException if interrupted.
     */
    public boolean awaitDone(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return done.await(timeout, unit);
    }

    private void run()
    {
        try (FileChannel channel = this.channel)
        {
            replay(channel);
        }
        catch (final Throwable ex)
        {
            failure = ex;
            LOG.error("{}: replay failed after {} lines", roleName(), linesRead, ex);
        }
        finally
        {
            if (suppressedWarnings > 0)
            {
                LOG.warn("{}: {} further malformed lines not logged; {} malformed of {} lines",
                    roleName(), suppressedWarnings, malformedLines, linesRead);
            }
            done.countDown();
        }
    }

    private void replay(final FileChannel channel) throws IOException
    {
        final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
        in.limit(0);
        final byte[] line = this.line;
        int length = 0;
        boolean overlong = false;
        long lineNumber = 0;
        boolean first = true;
        while (running)
        {
            if (!in.hasRemaining())
            {
                in.clear();
                final int n = channel.read(in);
                in.flip();
                if (n < 0)
                {
                    if (length > 0 || overlong)
                    {
                        onLine(line, length, overlong, ++lineNumber);
                    }
                    return;
                }
                if (first)
                {
                    first = false;
                    skipByteOrderMark(in);
                }
            }
            while (in.hasRemaining() && running)
            {
                final byte b = in.get();
                if (b == '\n')
                {
                    onLine(line, length, overlong, ++lineNumber);
                    length = 0;
                    overlong = false;
                }
                else if (length < line.length)
                {
                    line[length++] = b;
                }
                else
                {
                    overlong = true;
                }
            }
        }
    }

    private static void skipByteOrderMark(final ByteBuffer in)
    {
        if (in.remaining() >= 3 && in.get(0) == (byte)0xEF && in.get(1) == (byte)0xBB && in.get(2) == (byte)0xBF)
        {
            in.position(3);
        }
    }

    private void onLine(final byte[] line, final int rawLength, final boolean overlong, final long lineNumber)
    {
        int length = rawLength;
        if (length > 0 && line[length - 1] == '\r')
        {
            length--;
        }
        final int firstNonBlank = firstNonBlank(line, length);
        if (firstNonBlank == length)
        {
            return;
        }
        if (lineNumber == 1 && isLetter(line[firstNonBlank]))
        {
            return; // header
        }
        linesRead++;
        final boolean ok;
        if (overlong)
        {
            parseError = "line longer than " + MAX_LINE_BYTES + " bytes";
            ok = false;
        }
        else
        {
            ok = parse(line, length);
        }
        final Publisher publisher = context.publisher();
        if (ok)
        {
            final long timestampMs = parsedTimestampMs;
            pace(timestampMs);
            if (timestampMs > 0 && timestampMs <= Pipeline.MAX_TIMESTAMP_MS)
            {
                lastGoodTimestampMs = timestampMs;
            }
            publish(publisher, parsedReader, parsedAntenna, parsedEpcHigh, parsedEpcLow, parsedEpcBits,
                parsedRssiCentiDbm, timestampMs);
        }
        else
        {
            malformedLines++;
            warnMalformed(lineNumber, line, length);
            publish(publisher, 0, 1, 0L, 0, 0, RfidReadFlyweight.RSSI_UNKNOWN, lastGoodTimestampMs);
        }
    }

    private void publish(
        final Publisher publisher,
        final int reader,
        final int antenna,
        final long epcHigh,
        final int epcLow,
        final int epcBits,
        final int rssiCentiDbm,
        final long timestampMs)
    {
        final long sequence = publisher.claimBlocking(ctx.publishTimeoutMs(), TimeUnit.MILLISECONDS);
        if (sequence >= 0)
        {
            final int offset = publisher.offset(sequence);
            Publisher.writeRfidRead(publisher.buffer(), offset, reader, antenna, epcHigh, epcLow, rssiCentiDbm,
                timestampMs, timestampMs, 1);
            read.wrap(publisher.buffer(), offset).epcBitLength(epcBits);
            publisher.commit(sequence);
            publishedRecords++;
            return;
        }
        lostRecords++;
        if (sequence == Publisher.CLOSED)
        {
            running = false;
        }
        else
        {
            LOG.error("{}: engine took no record for {} ms; record dropped", roleName(), ctx.publishTimeoutMs());
        }
    }

    private void pace(final long timestampMs)
    {
        final double speed = ctx.speed();
        if (speed <= 0)
        {
            return;
        }
        if (paceStartNs == 0)
        {
            paceStartNs = System.nanoTime();
            paceStartMs = timestampMs;
        }
        final long dueNs = paceStartNs + (long)((timestampMs - paceStartMs) * 1_000_000.0 / speed);
        long waitNs;
        while (running && (waitNs = dueNs - System.nanoTime()) > 0)
        {
            LockSupport.parkNanos(Math.min(waitNs, 100_000_000L));
        }
    }

    private void warnMalformed(final long lineNumber, final byte[] line, final int length)
    {
        final long nowNs = System.nanoTime();
        if (malformedLines <= WARN_FIRST_LINES || nowNs - lastWarnNs >= WARN_INTERVAL_NS)
        {
            lastWarnNs = nowNs;
            final String text = new String(line, 0, Math.min(length, 120), StandardCharsets.UTF_8);
            if (suppressedWarnings > 0)
            {
                LOG.warn("{}: line {}: {}: '{}' (published as a rejected record; {} malformed lines not logged)",
                    roleName(), lineNumber, parseError, text, suppressedWarnings);
                suppressedWarnings = 0;
            }
            else
            {
                LOG.warn("{}: line {}: {}: '{}' (published as a rejected record)",
                    roleName(), lineNumber, parseError, text);
            }
        }
        else
        {
            suppressedWarnings++;
        }
    }

    private boolean parse(final byte[] line, final int length)
    {
        parseError = null;
        int field = 0;
        int start = 0;
        for (int i = 0; i <= length; i++)
        {
            if (i == length || line[i] == ',')
            {
                if (field == FIELD_COUNT)
                {
                    field++;
                    break;
                }
                int s = start;
                int e = i;
                while (s < e && isSpace(line[s]))
                {
                    s++;
                }
                while (e > s && isSpace(line[e - 1]))
                {
                    e--;
                }
                fieldStart[field] = s;
                fieldEnd[field] = e;
                field++;
                start = i + 1;
            }
        }
        if (field != FIELD_COUNT)
        {
            parseError = "expected " + FIELD_COUNT + " fields (ts_ms,reader,antenna,epc_hex,rssi_dbm)";
            return false;
        }
        return parseTimestamp(line) && parseReader(line) && parseAntenna(line) && parseEpc(line) && parseRssi(line);
    }

    private boolean parseTimestamp(final byte[] line)
    {
        final long value = parseLong(line, fieldStart[0], fieldEnd[0], 18);
        if (value == Long.MIN_VALUE)
        {
            parseError = "ts_ms is not an integer";
            return false;
        }
        parsedTimestampMs = value;
        return true;
    }

    private boolean parseReader(final byte[] line)
    {
        final int s = fieldStart[1];
        final int e = fieldEnd[1];
        if (s == e)
        {
            parseError = "reader is empty";
            return false;
        }
        if (isAllDigits(line, s, e))
        {
            final long id = parseLong(line, s, e, 10);
            if (id == Long.MIN_VALUE || id > Integer.MAX_VALUE)
            {
                parseError = "reader id out of range";
                return false;
            }
            parsedReader = (int)id;
            return true;
        }
        parsedReader = readerIdOf(line, s, e);
        return true;
    }

    private int readerIdOf(final byte[] line, final int s, final int e)
    {
        final int length = e - s;
        for (int i = 0; i < readerCount; i++)
        {
            final byte[] name = readerNames[i];
            if (name.length == length && regionEquals(name, line, s, length))
            {
                return readerIds[i];
            }
        }
        final String name = new String(line, s, length, StandardCharsets.UTF_8);
        final int id = context.readerId(name);
        if (readerCount < READER_CACHE_SIZE)
        {
            final byte[] copy = new byte[length];
            System.arraycopy(line, s, copy, 0, length);
            readerNames[readerCount] = copy;
            readerIds[readerCount] = id;
            readerCount++;
        }
        return id;
    }

    private boolean parseAntenna(final byte[] line)
    {
        final long value = parseLong(line, fieldStart[2], fieldEnd[2], 6);
        if (value < 0 || value > 0xFFFF)
        {
            parseError = "antenna is not an integer in 0..65535";
            return false;
        }
        parsedAntenna = (int)value;
        return true;
    }

    private boolean parseEpc(final byte[] line)
    {
        int s = fieldStart[3];
        final int e = fieldEnd[3];
        if (e - s >= 2 && line[s] == '0' && (line[s + 1] == 'x' || line[s + 1] == 'X'))
        {
            s += 2;
        }
        final int digits = e - s;
        if (digits == 0 || (digits & 3) != 0 || digits * 4 > MAX_EPC_BITS)
        {
            parseError = "epc_hex must be 4..124 hex digits in whole 16-bit words, got " + digits + " digits";
            return false;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 24; i++)
        {
            int v = 0;
            if (i < digits)
            {
                v = hexValue(line[s + i]);
                if (v < 0)
                {
                    parseError = "epc_hex has a non-hex character";
                    return false;
                }
            }
            if (i < 16)
            {
                high = (high << 4) | v;
            }
            else
            {
                low = (low << 4) | v;
            }
        }
        for (int i = 24; i < digits; i++)
        {
            if (hexValue(line[s + i]) < 0)
            {
                parseError = "epc_hex has a non-hex character";
                return false;
            }
        }
        parsedEpcHigh = high;
        parsedEpcLow = (int)low;
        parsedEpcBits = digits * 4;
        return true;
    }

    private boolean parseRssi(final byte[] line)
    {
        final int s = fieldStart[4];
        final int e = fieldEnd[4];
        if (s == e)
        {
            parsedRssiCentiDbm = RfidReadFlyweight.RSSI_UNKNOWN;
            return true;
        }
        int i = s;
        boolean negative = false;
        if (line[i] == '-' || line[i] == '+')
        {
            negative = line[i] == '-';
            i++;
        }
        long whole = 0;
        int wholeDigits = 0;
        while (i < e && isDigit(line[i]))
        {
            whole = whole * 10 + (line[i] - '0');
            wholeDigits++;
            i++;
            if (wholeDigits > 6)
            {
                parseError = "rssi_dbm out of range";
                return false;
            }
        }
        long thousandths = 0;
        int fractionDigits = 0;
        if (i < e && line[i] == '.')
        {
            i++;
            while (i < e && isDigit(line[i]))
            {
                if (fractionDigits < 3)
                {
                    thousandths = thousandths * 10 + (line[i] - '0');
                }
                fractionDigits++;
                i++;
            }
        }
        if (i != e || wholeDigits + fractionDigits == 0)
        {
            parseError = "rssi_dbm is not a decimal number";
            return false;
        }
        for (int d = Math.min(fractionDigits, 3); d < 3; d++)
        {
            thousandths *= 10;
        }
        final long milliDbm = whole * 1000 + thousandths;
        final long centi = (milliDbm + 5) / 10; // round half away from zero
        parsedRssiCentiDbm = (int)(negative ? -centi : centi);
        return true;
    }

    /**
     * @return the value, or Long.MIN_VALUE if not an optionally signed integer of at most maxDigits digits.
     */
    private static long parseLong(final byte[] line, final int start, final int end, final int maxDigits)
    {
        int i = start;
        boolean negative = false;
        if (i < end && (line[i] == '-' || line[i] == '+'))
        {
            negative = line[i] == '-';
            i++;
        }
        if (i == end || end - i > maxDigits)
        {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < end; i++)
        {
            final byte b = line[i];
            if (!isDigit(b))
            {
                return Long.MIN_VALUE;
            }
            value = value * 10 + (b - '0');
        }
        return negative ? -value : value;
    }

    private static boolean regionEquals(final byte[] name, final byte[] line, final int start, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (name[i] != line[start + i])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllDigits(final byte[] line, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            if (!isDigit(line[i]))
            {
                return false;
            }
        }
        return end > start;
    }

    private static int hexValue(final byte b)
    {
        if (b >= '0' && b <= '9')
        {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f')
        {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F')
        {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    private static boolean isSpace(final byte b)
    {
        return b == ' ' || b == '\t';
    }

    private static boolean isLetter(final byte b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static int firstNonBlank(final byte[] line, final int length)
    {
        int i = 0;
        while (i < length && isSpace(line[i]))
        {
            i++;
        }
        return i;
    }

    /**
     * Settings of a {@link FileReplayAdapter}; {@link #conclude()} validates and names the bad field. NOT threadsafe.
     */
    public static final class Context
    {
        private Path file;
        private double speed = AS_FAST_AS_POSSIBLE;
        private long publishTimeoutMs = 60_000;

        /**
         * @param file CSV file to replay (required).
         * @return this.
         */
        public Context file(final Path file)
        {
            this.file = file;
            return this;
        }

        /** @return the file. */
        public Path file()
        {
            return file;
        }

        /**
         * @param speed pacing: {@link #AS_FAST_AS_POSSIBLE} (0, default), or a factor applied to the file's own
         *              time (1 = real time, 10 = ten times faster).
         * @return this.
         */
        public Context speed(final double speed)
        {
            this.speed = speed;
            return this;
        }

        /** @return the speed factor, 0 for as fast as possible. */
        public double speed()
        {
            return speed;
        }

        /**
         * @param ms most time to wait for the engine to take one record before dropping it (default 60000).
         * @return this.
         */
        public Context publishTimeoutMs(final long ms)
        {
            this.publishTimeoutMs = ms;
            return this;
        }

        /** @return the publish timeout in ms. */
        public long publishTimeoutMs()
        {
            return publishTimeoutMs;
        }

        /**
         * Validate.
         *
         * @return this.
         * @throws IllegalArgumentException naming the bad field.
         */
        public Context conclude()
        {
            if (null == file)
            {
                throw new IllegalArgumentException("file must be set");
            }
            if (!(speed >= 0) || Double.isInfinite(speed))
            {
                throw new IllegalArgumentException("speed must be >= 0 (0: as fast as possible), got " + speed);
            }
            if (publishTimeoutMs < 1)
            {
                throw new IllegalArgumentException("publishTimeoutMs must be >= 1, got " + publishTimeoutMs);
            }
            return this;
        }
    }
}
