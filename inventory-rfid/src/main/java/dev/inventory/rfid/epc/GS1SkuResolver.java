package dev.inventory.rfid.epc;

import dev.inventory.core.spi.SkuResolver;

/**
 * SKU key of an SGTIN-96 EPC: its GTIN-14 as a long (see {@link Gtin#skuKey(long, int)}), so all serials of one
 * trade item count as one SKU; 0 (no SKU, the {@link SkuResolver} convention) for any other EPC. Plug it into the
 * engine with {@code EngineConfig.builder().skuResolver(GS1SkuResolver.INSTANCE)}.
 * <p>
 * Stateless and allocation-free; threadsafe.
 */
public final class GS1SkuResolver implements SkuResolver
{
    /** The shared instance. */
    public static final GS1SkuResolver INSTANCE = new GS1SkuResolver();

    private GS1SkuResolver()
    {
    }

    @Override
    public long skuKey(final long epcHigh, final int epcLow)
    {
        final long gtin = Gtin.skuKey(epcHigh, epcLow);
        return gtin == Gtin.NO_SKU ? 0L : gtin;
    }

    @Override
    public String toString()
    {
        return "GS1SkuResolver";
    }
}
