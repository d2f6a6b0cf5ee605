package dev.inventory.rfid.ale;

import java.util.Objects;

/**
 * ALE 1.1-style event cycles for one logical reader, driven by record time only, so a replay reports the same
 * cycles. Feed it the reads of the logical reader with {@link #onRead(long, int, long)} and the passage of time with
 * {@link #onTime(long)} (every record or clock tick; {@code onRead} advances time too). The first cycle starts at
 * the first time it is given (or at {@link #start(long)}); boundaries are exact: a cycle that ends at T is reported
 * with end T once time reaches T, reads at T belong to the next cycle. Cycles that are empty, follow an empty
 * cycle and would not be reported are skipped arithmetically, so a long quiet gap costs O(1).
 * <p>
 * Membership is two alternating preallocated {@link EpcSet}s (this cycle, previous cycle); ADDITIONS and DELETIONS
 * are computed at the end of a cycle into preallocated index arrays. Nothing is allocated per read or per cycle.
 * Reads older than the current cycle's start, or between cycles while waiting for the repeat period, are counted
 * ({@link #lateReads()}, {@link #idleReads()}) and ignored. Instances are NOT threadsafe: engine thread only.
 */
public final class EventCycle
{
    private static final int UNSTARTED = 0;
    private static final int ACTIVE = 1;
    private static final int WAITING = 2;

    private final EventCycleSpec spec;
    private final EventCycleListener listener;
    private final EpcFilter include;
    private final EpcFilter exclude;
    private final long durationMs;
    private final long repeatPeriodMs;
    private final long stableSetIntervalMs;
    private final EventCycleReports reports;
    private final int[] additionPositions;
    private final int[] deletionPositions;
    private EpcSet current;
    private EpcSet previous;

    private int state = UNSTARTED;
    private long nowMs = Long.MIN_VALUE;
    private long cycleNumber;
    private long cycleStartMs;
    private long lastNewMs;
    private long nextStartMs;
    private long cycleOverflow;
    private long overflowCount;
    private long lateReads;
    private long idleReads;
    private long cyclesReported;

    /**
     * @param spec     boundaries and options.
     * @param listener receives each reported cycle.
     */
    public EventCycle(final EventCycleSpec spec, final EventCycleListener listener)
    {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.include = spec.include();
        this.exclude = spec.exclude();
        this.durationMs = spec.durationMs();
        this.repeatPeriodMs = spec.repeatPeriodMs();
        this.stableSetIntervalMs = spec.stableSetIntervalMs();
        this.current = new EpcSet(spec.capacity());
        this.previous = new EpcSet(spec.capacity());
        this.additionPositions = new int[spec.capacity()];
        this.deletionPositions = new int[spec.capacity()];
        this.reports = new EventCycleReports(spec);
    }

    /** @return the spec. */
    public EventCycleSpec spec()
    {
        return spec;
    }

    /**
     * Start the first cycle now, if not started yet (otherwise the first {@link #onTime} or {@link #onRead} does).
     *
     * @param nowMs record time in ms.
     */
    public void start(final long nowMs)
    {
        if (state == UNSTARTED)
        {
            this.nowMs = nowMs;
            beginCycle(nowMs);
        }
    }

    /**
     * A read by the logical reader. Advances time to {@code timestampMs} first (closing cycles that end at or before
     * it), then adds the EPC to the current cycle if it passes the filters.
     *
     * @param epcHigh     EPC bits 95..32.
     * @param epcLow      EPC bits 31..0.
     * @param timestampMs record time of the read in ms.
     */
    public void onRead(final long epcHigh, final int epcLow, final long timestampMs)
    {
        onTime(timestampMs);
        if (state != ACTIVE)
        {
            idleReads++;
            return;
        }
        if (timestampMs < cycleStartMs)
        {
            lateReads++;
            return;
        }
        if (!include.accept(epcHigh, epcLow) || (null != exclude && exclude.accept(epcHigh, epcLow)))
        {
            return;
        }
        final int result = current.add(epcHigh, epcLow);
        if (result == EpcSet.ADDED)
        {
            if (timestampMs > lastNewMs)
            {
                lastNewMs = timestampMs;
            }
        }
        else if (result == EpcSet.FULL)
        {
            cycleOverflow++;
            overflowCount++;
        }
    }

    /**
     * Advance record time: report every cycle that ends at or before {@code nowMs} and start the cycles due. Time
     * never goes backwards: an earlier time is ignored.
     *
     * @param nowMs record time in ms.
     */
    public void onTime(final long nowMs)
    {
        if (state == UNSTARTED)
        {
            this.nowMs = nowMs;
            beginCycle(nowMs);
            return;
        }
        if (nowMs <= this.nowMs)
        {
            return;
        }
        this.nowMs = nowMs;
        while (true)
        {
            if (state == ACTIVE)
            {
                final long endMs = cycleEndMs();
                if (endMs > nowMs)
                {
                    return;
                }
                endCycle(endMs, terminationAt(endMs));
            }
            else
            {
                if (nextStartMs > nowMs)
                {
                    return;
                }
                long startMs = nextStartMs;
                if (current.size() == 0 && previous.size() == 0 && !spec.reportIfEmpty())
                {
                    // quiet: every cycle up to now is empty and unreported; jump to the one that contains now
                    final long periodMs = emptyCyclePeriodMs();
                    final long skipped = (nowMs - startMs) / periodMs;
                    startMs += skipped * periodMs;
                    cycleNumber += skipped;
                }
                beginCycle(startMs);
            }
        }
    }

    /**
     * End the current cycle now and report it with {@link EventCycleReports#STOPPED}; no further cycle starts until
     * the next {@link #start(long)}, {@link #onTime} or {@link #onRead}. The previous set is kept.
     *
     * @param nowMs record time in ms.
     */
    public void stop(final long nowMs)
    {
        onTime(nowMs);
        if (state == ACTIVE)
        {
            endCycle(Math.max(nowMs, cycleStartMs), EventCycleReports.STOPPED);
        }
        state = UNSTARTED;
    }

    private long emptyCyclePeriodMs()
    {
        long lengthMs = Long.MAX_VALUE;
        if (durationMs > 0)
        {
            lengthMs = durationMs;
        }
        if (stableSetIntervalMs > 0 && stableSetIntervalMs < lengthMs)
        {
            lengthMs = stableSetIntervalMs;
        }
        return Math.max(lengthMs, repeatPeriodMs);
    }

    private long cycleEndMs()
    {
        final long byDuration = durationMs > 0 ? cycleStartMs + durationMs : Long.MAX_VALUE;
        final long byStable = stableSetIntervalMs > 0 ? lastNewMs + stableSetIntervalMs : Long.MAX_VALUE;
        return Math.min(byDuration, byStable);
    }

    private int terminationAt(final long endMs)
    {
        return durationMs > 0 && endMs == cycleStartMs + durationMs ?
            EventCycleReports.DURATION : EventCycleReports.STABLE_SET;
    }

    private void beginCycle(final long startMs)
    {
        state = ACTIVE;
        cycleNumber++;
        cycleStartMs = startMs;
        lastNewMs = startMs;
        cycleOverflow = 0;
    }

    private void endCycle(final long endMs, final int termination)
    {
        final EpcSet current = this.current;
        final EpcSet previous = this.previous;
        final int[] additionPositions = this.additionPositions;
        final int[] deletionPositions = this.deletionPositions;
        int additions = 0;
        for (int i = 0, size = current.size(); i < size; i++)
        {
            if (!previous.contains(current.highAt(i), current.lowAt(i)))
            {
                additionPositions[additions++] = i;
            }
        }
        int deletions = 0;
        for (int i = 0, size = previous.size(); i < size; i++)
        {
            if (!current.contains(previous.highAt(i), previous.lowAt(i)))
            {
                deletionPositions[deletions++] = i;
            }
        }
        final boolean empty = current.size() == 0 && additions == 0 && deletions == 0;
        final boolean unchanged = additions == 0 && deletions == 0;
        if ((!empty || spec.reportIfEmpty()) && !(unchanged && spec.reportOnlyOnChange() && cycleNumber > 1))
        {
            final EventCycleReports reports = this.reports;
            reports.set(cycleNumber, cycleStartMs, endMs, termination, cycleOverflow);
            reports.currentList().wrapAll(current);
            reports.additionsList().wrapPositions(current, additionPositions, additions);
            reports.deletionsList().wrapPositions(previous, deletionPositions, deletions);
            cyclesReported++;
            listener.onEventCycle(reports);
        }
        this.previous = current;
        previous.clear();
        this.current = previous;
        state = WAITING;
        nextStartMs = repeatPeriodMs > 0 ? Math.max(cycleStartMs + repeatPeriodMs, endMs) : endMs;
    }

    /** @return number of the current (or last) cycle, from 1; 0 before the first. */
    public long cycleNumber()
    {
        return cycleNumber;
    }

    /** @return true while a cycle is in progress. */
    public boolean isActive()
    {
        return state == ACTIVE;
    }

    /** @return start of the current (or last) cycle, record time in ms. */
    public long cycleStartMs()
    {
        return cycleStartMs;
    }

    /** @return distinct EPCs read so far in the current cycle (0 between cycles). */
    public int currentSize()
    {
        return state == ACTIVE ? current.size() : 0;
    }

    /** @return cycles delivered to the listener. */
    public long cyclesReported()
    {
        return cyclesReported;
    }

    /** @return EPCs dropped because a cycle's capacity was reached, in total. */
    public long overflowCount()
    {
        return overflowCount;
    }

    /** @return reads ignored because their time was before the current cycle's start. */
    public long lateReads()
    {
        return lateReads;
    }

    /** @return reads ignored because no cycle was in progress (waiting for the repeat period). */
    public long idleReads()
    {
        return idleReads;
    }
}
