/**
 * Inventory events: a fixed-size event flyweight, type codes, batches for sinks. API.
 */
package dev.inventory.core.event;
