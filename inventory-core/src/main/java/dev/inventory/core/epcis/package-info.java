/**
 * GS1 EPCIS 2.0 output: {@link dev.inventory.core.epcis.EpcisJsonLdSink} writes the engine's events as JSON-LD
 * ObjectEvents with CBV 2.0 business steps and dispositions, configurable per zone
 * ({@link dev.inventory.core.epcis.EpcisZone}), and the operations events as ObjectEvents (items, SKU quantities,
 * sensor reports), AggregationEvents (packing) and TransformationEvents (consumption into production) with business
 * transactions, configurable per type ({@link dev.inventory.core.epcis.EpcisOpsMapping},
 * {@link dev.inventory.core.epcis.EpcisSensorMapping}); event IDs are stable across replays
 * ({@link dev.inventory.core.epcis.EpcisEventId}). No JSON library: JSON is written by hand.
 */
package dev.inventory.core.epcis;
