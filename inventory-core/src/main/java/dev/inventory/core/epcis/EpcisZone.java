package dev.inventory.core.epcis;

/**
 * What EPCIS says about events at one zone; every field is optional (null = use the default). Values are checked by
 * {@link EpcisJsonLdSink.Context#conclude()}. Immutable; threadsafe.
 *
 * @param bizStep     CBV 2.0 business step (bare name such as {@code "receiving"}, or a URI of your own) for objects
 *                    arriving in the zone (appeared, moved, entered), e.g. receiving dock {@code receiving}, storage
 *                    {@code storing}, WIP station {@code assembling}, quality hold {@code holding}, shipping lane
 *                    {@code staging_outbound}.
 * @param disposition CBV 2.0 disposition of objects arriving in the zone, e.g. {@code in_progress},
 *                    {@code sellable_not_accessible}, {@code non_conformant}.
 * @param bizLocation URI of the zone as a business location, typically an SGLN
 *                    ({@code urn:epc:id:sgln:0614141.00777.dock1}); default: the sink's location prefix + zone name.
 * @param readPoint   URI of the zone as a read point; default: the bizLocation.
 */
public record EpcisZone(String bizStep, String disposition, String bizLocation, String readPoint)
{
    /** No settings: all defaults. */
    public static final EpcisZone DEFAULTS = new EpcisZone(null, null, null, null);

    /**
     * @param bizStep business step, see the record component.
     * @return a copy with it.
     */
    public EpcisZone withBizStep(final String bizStep)
    {
        return new EpcisZone(bizStep, disposition, bizLocation, readPoint);
    }

    /**
     * @param disposition disposition, see the record component.
     * @return a copy with it.
     */
    public EpcisZone withDisposition(final String disposition)
    {
        return new EpcisZone(bizStep, disposition, bizLocation, readPoint);
    }

    /**
     * @param bizLocation business location URI.
     * @return a copy with it.
     */
    public EpcisZone withBizLocation(final String bizLocation)
    {
        return new EpcisZone(bizStep, disposition, bizLocation, readPoint);
    }

    /**
     * @param readPoint read point URI.
     * @return a copy with it.
     */
    public EpcisZone withReadPoint(final String readPoint)
    {
        return new EpcisZone(bizStep, disposition, bizLocation, readPoint);
    }
}
