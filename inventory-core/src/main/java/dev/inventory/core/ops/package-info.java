/**
 * Inventory operations on the engine thread: a movement ledger with derived balances per SKU x lot x zone, zone
 * roles and capacities, expected receipts, reorder points, and the receiving, put-away and stock-level rules, all
 * as a {@link dev.inventory.core.engine.RecordExtension} fed by the pipeline's records and host commands
 * ({@link dev.inventory.core.ops.OpsCommands}). Deterministic (record time only) and garbage-free per read.
 */
package dev.inventory.core.ops;
