/**
 * Service provider interfaces: device adapters feed the engine, event sinks receive its events; SKU resolvers and
 * EPC formatters plug identity rules in. API.
 */
package dev.inventory.core.spi;
