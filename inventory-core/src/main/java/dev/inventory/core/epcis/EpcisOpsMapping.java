package dev.inventory.core.epcis;

/**
 * How the events of one operations type ({@code EventType.OPS_*}) become EPCIS 2.0 events in an
 * {@link EpcisJsonLdSink}; the business step and disposition come from {@link EpcisJsonLdSink.Context#bizStep(int)} /
 * {@link EpcisJsonLdSink.Context#disposition(int)} of the type. Set with
 * {@link EpcisJsonLdSink.Context#opsMapping(int, EpcisOpsMapping)}; the defaults are listed in {@link EpcisJsonLdSink}.
 * Immutable; threadsafe.
 *
 * @param shape              what is written.
 * @param bizTransactionType CBV 2.0 business transaction type of the document id in the event's {@code source}
 *                           ({@code po}, {@code prodorder}, {@code desadv}, ... or a URI of your own), written to
 *                           {@code bizTransactionList} when the source is not 0; null for none.
 * @param quantity           event field holding the quantity of a SKU-level event's {@code quantityList} entry.
 * @param departure          true if the objects leave the zone (shipping): the zone is the read point only, with no
 *                           {@code bizLocation}.
 */
public record EpcisOpsMapping(Shape shape, String bizTransactionType, Quantity quantity, boolean departure)
{
    /** Not written (counted as skipped). */
    public static final EpcisOpsMapping SKIP = new EpcisOpsMapping(Shape.SKIP, null, Quantity.NONE, false);

    /** What an operations event becomes. */
    public enum Shape
    {
        /** Not written. */
        SKIP,
        /**
         * {@code ObjectEvent} OBSERVE: an item event (EPC not 0) lists the EPC in {@code epcList}; a SKU-level event
         * ({@code epcLow} 0 and {@code epcHigh} the key of the event's SKU handle) has one {@code quantityList}
         * entry; a zone-level event (EPC 0) is not written.
         */
        OBJECT,
        /** {@code ObjectEvent} OBSERVE with one {@code quantityList} entry of the SKU whose key is {@code epcHigh}. */
        QUANTITY,
        /** {@code AggregationEvent} ADD: parent = container EPC in dwell (bits 95..32) / rssi (31..0), child = EPC. */
        AGGREGATION_ADD,
        /** {@code AggregationEvent} DELETE: parent and child as for {@link #AGGREGATION_ADD}. */
        AGGREGATION_DELETE,
        /** {@code TransformationEvent}: the EPC is an input of the work order in {@code source}. */
        TRANSFORMATION_INPUT,
        /** {@code TransformationEvent}: the EPC is an output of the work order in {@code source}. */
        TRANSFORMATION_OUTPUT,
        /**
         * {@code ObjectEvent} OBSERVE with a {@code sensorElementList} from the sink's {@link EpcisSensorMapping}:
         * the EPC (a container) in {@code epcList} when not 0, else the zone's read point alone.
         */
        SENSOR
    }

    /** The event field holding a SKU-level quantity. */
    public enum Quantity
    {
        /** None: the {@code quantityList} entry has only the {@code epcClass}. */
        NONE,
        /** {@code dwellMs}. */
        DWELL,
        /** {@code rssiCentiDbm}. */
        RSSI,
        /** {@code rssiCentiDbm - dwellMs} (a receipt line closed short: expected - missing = received). */
        RSSI_MINUS_DWELL,
        /** {@code rssiCentiDbm + dwellMs} (a receipt line closed over: expected + excess = received). */
        RSSI_PLUS_DWELL
    }

    /**
     * @param shape              what is written.
     * @param bizTransactionType business transaction type, or null.
     * @param quantity           quantity field.
     * @param departure          objects leave the zone.
     */
    public EpcisOpsMapping
    {
        if (null == shape || null == quantity)
        {
            throw new IllegalArgumentException("shape and quantity must not be null");
        }
    }

    /**
     * @param shape              what is written.
     * @param bizTransactionType business transaction type, or null.
     * @return a mapping with no quantity, not a departure.
     */
    public static EpcisOpsMapping of(final Shape shape, final String bizTransactionType)
    {
        return new EpcisOpsMapping(shape, bizTransactionType, Quantity.NONE, false);
    }
}
