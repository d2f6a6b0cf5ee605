/**
 * Fixed-size observation and command records: layout descriptor, type codes and one flyweight per record type. API;
 * the layout is the journal format.
 */
package dev.inventory.core.record;
