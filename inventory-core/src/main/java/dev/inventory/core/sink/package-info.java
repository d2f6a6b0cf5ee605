/**
 * Built-in sinks (in-memory, logging, CSV / JSON-lines file) and the runner that isolates each sink on its own
 * thread. API.
 */
package dev.inventory.core.sink;
