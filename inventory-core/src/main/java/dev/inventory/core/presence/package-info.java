/**
 * Presence: the record-time timer wheel and reader link state. Engine thread only; public for rules extensions.
 */
package dev.inventory.core.presence;
