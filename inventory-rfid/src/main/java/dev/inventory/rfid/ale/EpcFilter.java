package dev.inventory.rfid.ale;

/**
 * Decides whether a read EPC takes part in an event cycle (ALE include/exclude patterns). Implementations are
 * called on the engine thread for every read and must not allocate; a decoding filter can keep a reusable
 * {@code dev.inventory.rfid.epc.EpcDecoder}. Implementations need not be threadsafe.
 */
@FunctionalInterface
public interface EpcFilter
{
    /** Accepts every EPC. */
    EpcFilter ALL = (epcHigh, epcLow) -> true;

    /**
     * @param epcHigh EPC bits 95..32.
     * @param epcLow  EPC bits 31..0.
     * @return true if the EPC is accepted.
     */
    boolean accept(long epcHigh, int epcLow);
}
