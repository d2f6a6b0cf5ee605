/**
 * The live ledger: the 96-bit EPC table and per-tag, per-zone and per-SKU state in primitive arrays. Engine thread
 * only; public for rules extensions and queries.
 */
package dev.inventory.core.ledger;
