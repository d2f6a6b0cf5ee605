/**
 * Merging of repeated reads of a tag by an antenna within a window. Engine thread only; public for rules
 * extensions.
 */
package dev.inventory.core.dedup;
