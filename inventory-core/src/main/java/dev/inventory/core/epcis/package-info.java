/**
 * GS1 EPCIS 2.0 output: {@link dev.inventory.core.epcis.EpcisJsonLdSink} writes the engine's events as JSON-LD
 * ObjectEvents with CBV 2.0 business steps and dispositions, configurable per zone
 * ({@link dev.inventory.core.epcis.EpcisZone}), with event IDs stable across replays
 * ({@link dev.inventory.core.epcis.EpcisEventId}). No JSON library: JSON is written by hand.
 */
package dev.inventory.core.epcis;
