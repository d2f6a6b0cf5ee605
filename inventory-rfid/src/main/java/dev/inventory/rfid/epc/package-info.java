/**
 * The GS1 EPC Tag Data Standard: garbage-free decoding, URIs both ways, patterns and grouping, GTIN SKU keys. API.
 */
package dev.inventory.rfid.epc;
