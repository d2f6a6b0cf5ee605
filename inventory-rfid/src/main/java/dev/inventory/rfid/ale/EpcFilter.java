package dev.inventory.rfid.ale;

import dev.inventory.rfid.epc.EpcDecoder;
import dev.inventory.rfid.epc.EpcPattern;

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

    /**
     * A filter accepting the 96-bit EPCs that match at least one of the EPC pattern URIs (ALE pattern lists are
     * unions), e.g. {@code urn:epc:pat:sgtin-96:3.0614141.*.[1-100]} or {@code urn:epc:idpat:sscc:0614141.*}; see
     * {@link EpcPattern} for the syntax. EPCs that do not decode (unknown header) are not accepted. The filter owns
     * one decoder: allocation-free per read, NOT threadsafe (one instance per event cycle).
     *
     * @param patternUris one or more EPC pattern URIs.
     * @return the filter.
     * @throws IllegalArgumentException if no pattern is given or one is invalid (the message names the field).
     */
    static EpcFilter pattern(final String... patternUris)
    {
        if (null == patternUris || patternUris.length == 0)
        {
            throw new IllegalArgumentException("at least one EPC pattern URI is required");
        }
        final EpcPattern[] patterns = new EpcPattern[patternUris.length];
        for (int i = 0; i < patternUris.length; i++)
        {
            patterns[i] = EpcPattern.parse(patternUris[i]);
        }
        final EpcDecoder decoder = new EpcDecoder();
        return (epcHigh, epcLow) -> decoder.decode(epcHigh, epcLow) == 0 && EpcPattern.matchesAny(patterns, decoder);
    }
}
