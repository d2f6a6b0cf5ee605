/**
 * Engine counters readable from any thread, and rejection reasons. API.
 */
package dev.inventory.core.counter;
