package dev.inventory.rfid.llrp;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.inventory.rfid.epc.EpcDecoder;

/**
 * The {@code inventory llrp --host H [--port 5084] --seconds S} command: connect to a reader, inventory on all
 * antennas for S seconds (counted from the moment the reader is set up), stop cleanly (STOP_ROSPEC,
 * CLOSE_CONNECTION) and print CSV. A reader that cannot be reached or set up on the first attempt ends the command
 * with {@link #EXIT_NO_READER} and the reason on {@code err}; a link lost during the run is re-established (with
 * backoff) and reported on {@code err}.
 * <pre>
 *   epc,antenna,reads,peak_rssi_dbm
 *   urn:epc:id:sgtin:0614141.812345.6789,1,42,-55
 * </pre>
 * one line per (tag, antenna), sorted by epc then antenna: epc is the pure-identity URI when the EPC decodes as a
 * GS1 scheme, else upper-case hex; reads is the sum of TagSeenCount (1 where absent); peak_rssi_dbm is the highest
 * PeakRSSI (decimals when the reader reports centi-dBm, empty when it reports none).
 * <p>
 * Stateless; threadsafe (each run has its own client).
 */
public final class LlrpInventoryCommand
{
    /** Exit status: done. */
    public static final int EXIT_OK = 0;
    /** Exit status: the reader could not be reached or set up. */
    public static final int EXIT_NO_READER = 1;
    /** Exit status: bad arguments. */
    public static final int EXIT_USAGE = 2;

    private static final long SETUP_TIMEOUT_MS = 20_000;

    private LlrpInventoryCommand()
    {
    }

    /**
     * Run the command.
     *
     * @param host    reader host.
     * @param port    reader port (5084).
     * @param seconds inventory duration, &gt; 0.
     * @param out     where the CSV goes.
     * @param err     where problems are reported.
     * @return {@link #EXIT_OK}, {@link #EXIT_NO_READER} or {@link #EXIT_USAGE}.
     */
    public static int run(final String host, final int port, final int seconds, final PrintStream out, final PrintStream err)
    {
        if (null == host || host.isBlank())
        {
            err.println("llrp: --host is required");
            return EXIT_USAGE;
        }
        if (port < 1 || port > 65535)
        {
            err.println("llrp: --port must be 1..65535, got " + port);
            return EXIT_USAGE;
        }
        if (seconds <= 0)
        {
            err.println("llrp: --seconds must be > 0, got " + seconds);
            return EXIT_USAGE;
        }
        final LlrpClient.Context ctx = new LlrpClient.Context()
            .host(host.trim())
            .port(port)
            .antennas(0)
            .content(TagReportContent.DEFAULT)
            .reconnectBackoffMaxMs(2_000);
        final Aggregator aggregator = new Aggregator();
        final LlrpClient client = new LlrpClient(ctx, aggregator);
        client.start();
        try
        {
            if (!awaitSetUp(client))
            {
                final int reason = client.lastReason();
                client.close();
                err.println("llrp: could not set up reader " + host + ":" + port + ": " +
                    LlrpClient.reasonText(reason));
                return EXIT_NO_READER;
            }
            Thread.sleep(seconds * 1_000L);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        client.close();
        final LlrpCounters counters = client.counters();
        if (counters.get(LlrpCounters.DISCONNECTS) > 0 || counters.get(LlrpCounters.FRAME_ERRORS) > 0)
        {
            err.println("llrp: the link was lost " + counters.get(LlrpCounters.DISCONNECTS) + " time(s) (" +
                counters + "); reads while it was down are missing");
        }
        aggregator.print(out);
        return EXIT_OK;
    }

    /** Wait until the reader is set up; give up at the first failed attempt or after the setup timeout. */
    private static boolean awaitSetUp(final LlrpClient client) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + SETUP_TIMEOUT_MS * 1_000_000L;
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (client.awaitLinkState(LlrpLinkState.CONNECTED, 20))
            {
                return true;
            }
            final LlrpLinkState state = client.linkState();
            if (state == LlrpLinkState.RECONNECTING || state == LlrpLinkState.CLOSED)
            {
                return false;
            }
        }
        return false;
    }

    /**
     * @param centiDbm RSSI in centi-dBm or {@link TagReport#RSSI_UNKNOWN}.
     * @return dBm as text: "-55", "-55.25", or "" when unknown.
     */
    static String formatDbm(final int centiDbm)
    {
        if (centiDbm == TagReport.RSSI_UNKNOWN)
        {
            return "";
        }
        return BigDecimal.valueOf(centiDbm, 2).stripTrailingZeros().toPlainString();
    }

    private static final class Aggregator implements LlrpClientListener
    {
        private final Map<Key, long[]> rows = new HashMap<>();
        private final StringBuilder hex = new StringBuilder(128);

        @Override
        public void onTagReport(final TagReport report)
        {
            hex.setLength(0);
            final int bytes = report.epcByteCount();
            for (int i = 0; i < bytes; i++)
            {
                final int b = report.epcByte(i);
                hex.append(Character.toUpperCase(Character.forDigit(b >>> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            final Key key = new Key(hex.toString(), report.epcBitLength(), report.antennaId());
            synchronized (rows)
            {
                final long[] row = rows.computeIfAbsent(key, k -> new long[] { 0, TagReport.RSSI_UNKNOWN });
                row[0] += report.seenCount();
                row[1] = Math.max(row[1], report.rssiCentiDbm());
            }
        }

        void print(final PrintStream out)
        {
            final EpcDecoder decoder = new EpcDecoder();
            final List<String[]> lines = new ArrayList<>();
            synchronized (rows)
            {
                for (final Map.Entry<Key, long[]> entry : rows.entrySet())
                {
                    final Key key = entry.getKey();
                    lines.add(new String[] {
                        epcText(decoder, key), Integer.toString(key.antenna),
                        Long.toString(entry.getValue()[0]), formatDbm((int)entry.getValue()[1]) });
                }
            }
            lines.sort((a, b) ->
            {
                final int byEpc = a[0].compareTo(b[0]);
                return byEpc != 0 ? byEpc : Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1]));
            });
            final StringBuilder sb = new StringBuilder(64 * (lines.size() + 1)).append("epc,antenna,reads,peak_rssi_dbm\n");
            for (final String[] line : lines)
            {
                sb.append(line[0]).append(',').append(line[1]).append(',').append(line[2]).append(',').append(line[3])
                    .append('\n');
            }
            out.print(sb);
            out.flush();
        }

        private static String epcText(final EpcDecoder decoder, final Key key)
        {
            final byte[] bytes = new byte[key.hex.length() / 2];
            for (int i = 0; i < bytes.length; i++)
            {
                bytes[i] = (byte)Integer.parseInt(key.hex.substring(2 * i, 2 * i + 2), 16);
            }
            if (key.bits > 0 && key.bits <= bytes.length * 8 && decoder.decode(bytes, 0, key.bits) == 0)
            {
                return decoder.pureIdentityUri();
            }
            return key.hex.toUpperCase(Locale.ROOT);
        }
    }

    private record Key(String hex, int bits, int antenna)
    {
    }
}
