package dev.inventory.rfid.portal;

import java.util.Objects;

import dev.inventory.core.ledger.TagTable;
import dev.inventory.core.presence.TimerWheel;

/**
 * Decides the direction of tags passing a dock-door portal from the RSSI-over-time profile seen by its outer and
 * inner antenna groups. Per tag and group it keeps: read count, first/last read, an exponentially smoothed RSSI
 * (irregular-sample EMA with time constant {@link PortalSpec#smoothingTauMs()}) with its peak value and time, the
 * mean RSSI (peak prominence = smoothed peak - mean) and the received-power-weighted centroid time of the reads.
 * <p>
 * When a tag has not been read for {@link PortalSpec#settleMs()} (a timer on record time) the pass is decided: a
 * signed score in -1..1 combines the centroid separation (weight 0.4), the smoothed-peak separation (0.2) and the
 * first-seen and last-seen differences (0.2 each), each squashed with {@code tanh}; positive means the outer group
 * saw the tag first (IN). Confidence = |score| x prominence factor (0 at half {@link PortalSpec#minProminenceDb()},
 * 1 at 1.5x, using the weaker group) x read-count factor ({@code 1 - exp(-minReads / minReadsPerGroup)}). The
 * pass is NEAR if a group has fewer than {@link PortalSpec#minReadsPerGroup()} reads, the centroids are closer than
 * {@link PortalSpec#minSeparationMs()} or the confidence is below {@link PortalSpec#minConfidence()}; a NEAR
 * pass reports 1 - that confidence. A tag turning back in the door gives opposite first/last-seen orders and close
 * centroids; a staged tag read weakly and steadily gives a flat profile (low prominence), equal edges and a
 * restarted track every {@link PortalSpec#maxTrackMs()}: both come out NEAR.
 * <p>
 * Tags are interned in a preallocated {@link TagTable}; state lives in primitive arrays indexed by its handles.
 * Nothing is allocated per read or per decision. Instances are NOT threadsafe: engine thread only.
 */
public final class PortalDetector
{
    private static final int RSSI_MIN_CENTI_DBM = -15_000;
    private static final int RSSI_MAX_CENTI_DBM = 2_000;
    private static final double[] POWER_BY_DECI_DB = powerTable();

    private final PortalSpec spec;
    private final PortalListener listener;
    private final long[] outerKeys;
    private final long[] innerKeys;
    private final TagTable tags;
    private final TimerWheel timers;
    private final TimerWheel.ExpiryHandler onSettled = this::onSettled;
    private final PortalPass pass = new PortalPass();
    private final long settleMs;
    private final double tauMs;
    private final long maxTrackMs;

    // per handle
    private final long[] trackStartMs;
    private final long[] lastSeenMs;
    private final int[] lastSource;
    // per handle and group: index 2 * handle + group
    private final int[] reads;
    private final long[] firstMs;
    private final long[] lastMs;
    private final double[] emaDbm;
    private final long[] emaMs;
    private final double[] peakDbm;
    private final long[] peakMs;
    private final double[] sumDbm;
    private final double[] sumPower;
    private final double[] sumPowerTimeMs;

    private long nowMs = Long.MIN_VALUE;
    private long droppedReads;
    private long ignoredReads;
    private long trackRestarts;
    private long passes;

    /**
     * @param spec     the portal.
     * @param listener receives each decided pass.
     */
    public PortalDetector(final PortalSpec spec, final PortalListener listener)
    {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.outerKeys = spec.outerKeys();
        this.innerKeys = spec.innerKeys();
        final int capacity = spec.tagCapacity();
        this.tags = new TagTable(capacity);
        this.timers = new TimerWheel(spec.timerTickMs(), spec.timerWheelSize(), capacity);
        this.settleMs = spec.settleMs();
        this.tauMs = spec.smoothingTauMs();
        this.maxTrackMs = spec.maxTrackMs();
        trackStartMs = new long[capacity];
        lastSeenMs = new long[capacity];
        lastSource = new int[capacity];
        reads = new int[capacity * 2];
        firstMs = new long[capacity * 2];
        lastMs = new long[capacity * 2];
        emaDbm = new double[capacity * 2];
        emaMs = new long[capacity * 2];
        peakDbm = new double[capacity * 2];
        peakMs = new long[capacity * 2];
        sumDbm = new double[capacity * 2];
        sumPower = new double[capacity * 2];
        sumPowerTimeMs = new double[capacity * 2];
        pass.portalId = spec.portalId();
    }

    private static double[] powerTable()
    {
        final double[] table = new double[(RSSI_MAX_CENTI_DBM - RSSI_MIN_CENTI_DBM) / 10 + 1];
        for (int i = 0; i < table.length; i++)
        {
            // relative received power, 1.0 at -50 dBm
            table[i] = Math.pow(10.0, ((RSSI_MIN_CENTI_DBM + i * 10) / 100.0 + 50.0) / 10.0);
        }
        return table;
    }

    /** @return the spec. */
    public PortalSpec spec()
    {
        return spec;
    }

    /**
     * @param reader  reader id.
     * @param antenna antenna port.
     * @return {@link PortalPass#OUTER}, {@link PortalPass#INNER}, or -1 if the antenna is not part of this portal.
     */
    public int groupOf(final int reader, final int antenna)
    {
        final long key = PortalSpec.key(reader, antenna);
        for (final long k : outerKeys)
        {
            if (k == key)
            {
                return PortalPass.OUTER;
            }
        }
        for (final long k : innerKeys)
        {
            if (k == key)
            {
                return PortalPass.INNER;
            }
        }
        return -1;
    }

    /**
     * A read. Advances time to {@code timestampMs} first (deciding passes that settled before it). Reads by
     * antennas outside the portal or without a valid RSSI are counted and ignored.
     *
     * @param reader       reader id.
     * @param antenna      antenna port.
     * @param epcHigh      EPC bits 95..32.
     * @param epcLow       EPC bits 31..0.
     * @param rssiCentiDbm peak RSSI in centi-dBm.
     * @param timestampMs  record time of the read in ms.
     */
    public void onRead(
        final int reader,
        final int antenna,
        final long epcHigh,
        final int epcLow,
        final int rssiCentiDbm,
        final long timestampMs)
    {
        onTime(timestampMs);
        final int group = groupOf(reader, antenna);
        if (group < 0 || rssiCentiDbm < RSSI_MIN_CENTI_DBM || rssiCentiDbm > RSSI_MAX_CENTI_DBM)
        {
            ignoredReads++;
            return;
        }
        final int tag = tags.getOrAdd(epcHigh, epcLow);
        if (tag == TagTable.MISSING)
        {
            droppedReads++;
            return;
        }
        if (tags.lastAdded())
        {
            startTrack(tag, timestampMs);
        }
        else if (timestampMs - trackStartMs[tag] > maxTrackMs)
        {
            trackRestarts++;
            startTrack(tag, timestampMs);
        }
        lastSource[tag] = reader;
        if (timestampMs > lastSeenMs[tag])
        {
            lastSeenMs[tag] = timestampMs;
        }
        if (!timers.isScheduled(tag))
        {
            timers.schedule(tag, lastSeenMs[tag] + settleMs);
        }

        final int g = (tag << 1) | group;
        final double dbm = rssiCentiDbm / 100.0;
        final int n = ++reads[g];
        if (n == 1)
        {
            firstMs[g] = timestampMs;
            lastMs[g] = timestampMs;
            emaDbm[g] = dbm;
            emaMs[g] = timestampMs;
            peakDbm[g] = dbm;
            peakMs[g] = timestampMs;
        }
        else
        {
            if (timestampMs < firstMs[g])
            {
                firstMs[g] = timestampMs;
            }
            if (timestampMs > lastMs[g])
            {
                lastMs[g] = timestampMs;
            }
            final long dtMs = Math.max(0, timestampMs - emaMs[g]);
            final double alpha = Math.max(0.15, dtMs / (dtMs + tauMs + 1e-9));
            final double ema = emaDbm[g] + alpha * (dbm - emaDbm[g]);
            emaDbm[g] = ema;
            emaMs[g] = Math.max(emaMs[g], timestampMs);
            if (ema > peakDbm[g])
            {
                peakDbm[g] = ema;
                peakMs[g] = timestampMs;
            }
        }
        sumDbm[g] += dbm;
        final double power = POWER_BY_DECI_DB[(rssiCentiDbm - RSSI_MIN_CENTI_DBM) / 10];
        sumPower[g] += power;
        sumPowerTimeMs[g] += power * (timestampMs - trackStartMs[tag]);
    }

    /**
     * Advance record time, deciding every pass whose tag has been quiet for the settle time. Earlier times are
     * ignored.
     *
     * @param nowMs record time in ms.
     */
    public void onTime(final long nowMs)
    {
        if (nowMs > this.nowMs)
        {
            this.nowMs = nowMs;
            timers.advance(nowMs, onSettled);
        }
    }

    private void startTrack(final int tag, final long timestampMs)
    {
        trackStartMs[tag] = timestampMs;
        lastSeenMs[tag] = timestampMs;
        for (int g = tag << 1, end = g + 2; g < end; g++)
        {
            reads[g] = 0;
            sumDbm[g] = 0;
            sumPower[g] = 0;
            sumPowerTimeMs[g] = 0;
        }
    }

    private void onSettled(final int tag, final long deadlineMs, final long nowMs)
    {
        final long dueMs = lastSeenMs[tag] + settleMs;
        if (dueMs > nowMs)
        {
            timers.schedule(tag, dueMs);
            return;
        }
        decide(tag, dueMs);
        tags.remove(tags.epcHigh(tag), tags.epcLow(tag));
    }

    private void decide(final int tag, final long decidedAtMs)
    {
        final PortalPass pass = this.pass;
        final PortalSpec spec = this.spec;
        pass.source = lastSource[tag];
        pass.epcHigh = tags.epcHigh(tag);
        pass.epcLow = tags.epcLow(tag);
        pass.decidedAtMs = decidedAtMs;
        for (int group = 0; group < 2; group++)
        {
            final int g = (tag << 1) | group;
            final int n = reads[g];
            pass.reads[group] = n;
            pass.firstMs[group] = firstMs[g];
            pass.lastMs[group] = lastMs[g];
            pass.peakMs[group] = peakMs[g];
            pass.peakDbm[group] = n == 0 ? Double.NaN : peakDbm[g];
            pass.prominenceDb[group] = n == 0 ? 0 : peakDbm[g] - sumDbm[g] / n;
            pass.centroidMs[group] = n == 0 ? 0 : trackStartMs[tag] + Math.round(sumPowerTimeMs[g] / sumPower[g]);
        }
        final int minReads = Math.min(pass.reads[PortalPass.OUTER], pass.reads[PortalPass.INNER]);
        double score = 0;
        double confidence = 0;
        boolean directional = false;
        if (minReads > 0)
        {
            final double sepScale = spec.separationScaleMs();
            final double edgeScale = spec.edgeScaleMs();
            final long centroidDtMs = pass.centroidMs[PortalPass.INNER] - pass.centroidMs[PortalPass.OUTER];
            score = 0.4 * Math.tanh(centroidDtMs / sepScale) +
                0.2 * Math.tanh((pass.peakMs[PortalPass.INNER] - pass.peakMs[PortalPass.OUTER]) / sepScale) +
                0.2 * Math.tanh((pass.firstMs[PortalPass.INNER] - pass.firstMs[PortalPass.OUTER]) / edgeScale) +
                0.2 * Math.tanh((pass.lastMs[PortalPass.INNER] - pass.lastMs[PortalPass.OUTER]) / edgeScale);
            final double minProminenceDb = spec.minProminenceDb();
            final double prominence = Math.min(pass.prominenceDb[PortalPass.OUTER], pass.prominenceDb[PortalPass.INNER]);
            final double prominenceFactor = clamp01((prominence - 0.5 * minProminenceDb) / minProminenceDb);
            final double countFactor = 1.0 - Math.exp(-(double)minReads / spec.minReadsPerGroup());
            confidence = Math.abs(score) * prominenceFactor * countFactor;
            directional = minReads >= spec.minReadsPerGroup() &&
                Math.abs(centroidDtMs) >= spec.minSeparationMs() &&
                confidence >= spec.minConfidence();
        }
        pass.score = score;
        if (directional)
        {
            pass.direction = score > 0 ? PortalDirection.IN : PortalDirection.OUT;
            pass.confidence = confidence;
        }
        else
        {
            pass.direction = PortalDirection.NEAR;
            pass.confidence = 1.0 - confidence;
        }
        passes++;
        listener.onPass(pass);
    }

    private static double clamp01(final double value)
    {
        return value < 0 ? 0 : (value > 1 ? 1 : value);
    }

    /** @return tags being tracked. */
    public int trackedTags()
    {
        return tags.size();
    }

    /** @return passes decided. */
    public long passes()
    {
        return passes;
    }

    /** @return reads dropped because the tag capacity was reached. */
    public long droppedReads()
    {
        return droppedReads;
    }

    /** @return reads ignored: antenna not in this portal or RSSI missing/out of range. */
    public long ignoredReads()
    {
        return ignoredReads;
    }

    /** @return tracks restarted because they lasted longer than {@link PortalSpec#maxTrackMs()}. */
    public long trackRestarts()
    {
        return trackRestarts;
    }
}
