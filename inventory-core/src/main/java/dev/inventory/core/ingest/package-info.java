/**
 * The many-to-one ingest ring and the publisher adapters use to write into it. API.
 */
package dev.inventory.core.ingest;
