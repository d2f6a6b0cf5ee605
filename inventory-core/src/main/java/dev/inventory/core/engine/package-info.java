/**
 * The engine: lifecycle, the engine agent, the single-writer pipeline and the rules extension hook. API:
 * {@link dev.inventory.core.engine.InventoryEngine}, {@link dev.inventory.core.engine.Pipeline} (for replay tools,
 * tests and benchmarks) and {@link dev.inventory.core.engine.RecordExtension}.
 */
package dev.inventory.core.engine;
