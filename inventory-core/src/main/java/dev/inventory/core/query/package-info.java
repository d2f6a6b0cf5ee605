/**
 * Consistent answers about the ledger, computed on the engine thread and handed to other threads. API.
 */
package dev.inventory.core.query;
