package dev.inventory.rfid.llrp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Test listener: sums reads and peak RSSI per (EPC hex, antenna), records link states. */
final class LlrpTestListener implements LlrpClientListener
{
    final Map<String, long[]> reads = new ConcurrentHashMap<>();
    final CopyOnWriteArrayList<LlrpLinkState> states = new CopyOnWriteArrayList<>();
    final AtomicLong tagReports = new AtomicLong();
    final AtomicLong reportsWithoutAntenna = new AtomicLong();
    final AtomicLong reportsWithoutRssi = new AtomicLong();
    volatile RuntimeException throwOnNextReport;

    static String key(final String hex, final int antenna)
    {
        return hex.toUpperCase() + "@" + antenna;
    }

    static String hex(final TagReport report)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < report.epcByteCount(); i++)
        {
            sb.append(String.format("%02X", report.epcByte(i)));
        }
        return sb.toString();
    }

    @Override
    public void onTagReport(final TagReport report)
    {
        final RuntimeException toThrow = throwOnNextReport;
        if (null != toThrow)
        {
            throwOnNextReport = null;
            throw toThrow;
        }
        tagReports.incrementAndGet();
        if (!report.has(TagReportContent.ANTENNA_ID) || report.antennaId() == 0)
        {
            reportsWithoutAntenna.incrementAndGet();
        }
        if (report.rssiCentiDbm() == TagReport.RSSI_UNKNOWN)
        {
            reportsWithoutRssi.incrementAndGet();
        }
        final long[] row = reads.computeIfAbsent(key(hex(report), report.antennaId()),
            k -> new long[] { 0, TagReport.RSSI_UNKNOWN });
        synchronized (row)
        {
            row[0] += report.seenCount();
            row[1] = Math.max(row[1], report.rssiCentiDbm());
        }
    }

    @Override
    public void onLinkState(final LlrpLinkState state, final int reason)
    {
        states.add(state);
    }

    long reads(final String hex, final int antenna)
    {
        final long[] row = reads.get(key(hex, antenna));
        return null == row ? 0 : row[0];
    }

    long peak(final String hex, final int antenna)
    {
        final long[] row = reads.get(key(hex, antenna));
        return null == row ? TagReport.RSSI_UNKNOWN : row[1];
    }
}
