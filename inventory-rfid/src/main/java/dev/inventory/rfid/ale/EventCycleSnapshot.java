package dev.inventory.rfid.ale;

import java.util.List;

/**
 * An immutable copy of one event cycle's reports, for callers off the hot path (tests, sinks, CLIs).
 * Immutable and threadsafe.
 *
 * @param specName    spec name.
 * @param cycleNumber cycle number, from 1.
 * @param startMs     cycle start (inclusive), record time in ms.
 * @param endMs       cycle end (exclusive), record time in ms.
 * @param termination ALE termination condition name ("DURATION", "STABLE_SET", "STOPPED").
 * @param current     every EPC read in the cycle, in first-read order.
 * @param additions   EPCs read in this cycle and not in the previous one.
 * @param deletions   EPCs read in the previous cycle and not in this one.
 */
public record EventCycleSnapshot(
    String specName,
    long cycleNumber,
    long startMs,
    long endMs,
    String termination,
    List<Epc> current,
    List<Epc> additions,
    List<Epc> deletions)
{
    /**
     * Copies the lists so the snapshot is immutable.
     */
    public EventCycleSnapshot
    {
        current = List.copyOf(current);
        additions = List.copyOf(additions);
        deletions = List.copyOf(deletions);
    }

    /**
     * A 96-bit EPC.
     *
     * @param high bits 95..32.
     * @param low  bits 31..0.
     */
    public record Epc(long high, int low)
    {
        /** @return 24 upper-case hex digits. */
        @Override
        public String toString()
        {
            return String.format("%016X%08X", high, low);
        }
    }
}
