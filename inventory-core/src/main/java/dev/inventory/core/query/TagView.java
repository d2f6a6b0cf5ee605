package dev.inventory.core.query;

/**
 * A consistent copy of one tag's ledger entry, taken on the engine thread. Immutable; threadsafe.
 *
 * @param epc         the EPC as text (formatter of the engine).
 * @param epcHigh     EPC bits 95..32.
 * @param epcLow      EPC bits 31..0.
 * @param zone        current (or, if missing, last known) zone name; null if never placed.
 * @param zoneSinceMs when it entered that zone.
 * @param firstSeenMs first seen.
 * @param lastSeenMs  last seen.
 * @param present     true if present now.
 * @param skuKey      SKU key or 0.
 * @param lot         lot id or 0.
 * @param container   container id or 0.
 * @param status      host status code.
 */
public record TagView(
    String epc,
    long epcHigh,
    int epcLow,
    String zone,
    long zoneSinceMs,
    long firstSeenMs,
    long lastSeenMs,
    boolean present,
    long skuKey,
    long lot,
    long container,
    int status)
{
}
