package dev.inventory.core.spi;

/**
 * Derives a SKU key from an EPC on the engine thread, e.g. the GTIN of an SGTIN. Must not allocate. A host may
 * also assign SKUs by command, which overrides this.
 */
@FunctionalInterface
public interface SkuResolver
{
    /** No SKU: every tag's SKU stays unknown until assigned by command. */
    SkuResolver NONE = (epcHigh, epcLow) -> 0L;

    /**
     * @param epcHigh EPC bits 95..32.
     * @param epcLow  EPC bits 31..0.
     * @return SKU key, or 0 if the EPC carries none.
     */
    long skuKey(long epcHigh, int epcLow);
}
