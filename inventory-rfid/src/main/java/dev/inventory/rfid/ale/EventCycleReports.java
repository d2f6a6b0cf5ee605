package dev.inventory.rfid.ale;

import java.util.ArrayList;
import java.util.List;

/**
 * The reports of one completed event cycle, as ALE 1.1 defines them: CURRENT (every EPC read in the cycle),
 * ADDITIONS (read in this cycle, not in the previous one) and DELETIONS (read in the previous cycle, not in this
 * one). For the first cycle the previous set is empty. A reused flyweight, valid only during
 * {@link EventCycleListener#onEventCycle}; {@link #snapshot()} copies it. Instances are NOT threadsafe.
 */
public final class EventCycleReports
{
    /** The cycle ended because its duration elapsed. */
    public static final int DURATION = 1;
    /** The cycle ended because no new EPC was read for the stable-set interval. */
    public static final int STABLE_SET = 2;
    /** The cycle was ended by {@link EventCycle#stop(long)}. */
    public static final int STOPPED = 3;

    private final EventCycleSpec spec;
    private final EpcList current = new EpcList();
    private final EpcList additions = new EpcList();
    private final EpcList deletions = new EpcList();
    private long cycleNumber;
    private long startMs;
    private long endMs;
    private int termination;
    private long overflowCount;

    EventCycleReports(final EventCycleSpec spec)
    {
        this.spec = spec;
    }

    void set(
        final long cycleNumber,
        final long startMs,
        final long endMs,
        final int termination,
        final long overflowCount)
    {
        this.cycleNumber = cycleNumber;
        this.startMs = startMs;
        this.endMs = endMs;
        this.termination = termination;
        this.overflowCount = overflowCount;
    }

    EpcList currentList()
    {
        return current;
    }

    EpcList additionsList()
    {
        return additions;
    }

    EpcList deletionsList()
    {
        return deletions;
    }

    /** @return the spec name. */
    public String specName()
    {
        return spec.name();
    }

    /** @return the cycle's number, 1 for the first cycle (empty cycles that were skipped unreported count too). */
    public long cycleNumber()
    {
        return cycleNumber;
    }

    /** @return cycle start, record time in ms (inclusive). */
    public long startMs()
    {
        return startMs;
    }

    /** @return cycle end, record time in ms (exclusive). */
    public long endMs()
    {
        return endMs;
    }

    /** @return why the cycle ended: {@link #DURATION}, {@link #STABLE_SET} or {@link #STOPPED}. */
    public int termination()
    {
        return termination;
    }

    /** @return distinct EPCs dropped in this cycle because the spec's capacity was reached. */
    public long overflowCount()
    {
        return overflowCount;
    }

    /** @return every EPC read in this cycle. */
    public EpcList current()
    {
        return current;
    }

    /** @return EPCs read in this cycle and not in the previous one. */
    public EpcList additions()
    {
        return additions;
    }

    /** @return EPCs read in the previous cycle and not in this one. */
    public EpcList deletions()
    {
        return deletions;
    }

    /**
     * @param termination a termination code.
     * @return its ALE name, e.g. "STABLE_SET".
     */
    public static String terminationName(final int termination)
    {
        switch (termination)
        {
            case DURATION: return "DURATION";
            case STABLE_SET: return "STABLE_SET";
            case STOPPED: return "STOPPED";
            default: return "UNKNOWN_" + termination;
        }
    }

    /**
     * Copy into an immutable object (allocates: not for the hot path).
     *
     * @return the snapshot.
     */
    public EventCycleSnapshot snapshot()
    {
        return new EventCycleSnapshot(specName(), cycleNumber, startMs, endMs, terminationName(termination),
            copy(current), copy(additions), copy(deletions));
    }

    private static List<EventCycleSnapshot.Epc> copy(final EpcList list)
    {
        final List<EventCycleSnapshot.Epc> epcs = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++)
        {
            epcs.add(new EventCycleSnapshot.Epc(list.epcHigh(i), list.epcLow(i)));
        }
        return epcs;
    }
}
