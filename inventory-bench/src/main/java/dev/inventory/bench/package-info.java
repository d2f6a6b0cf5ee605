/**
 * JMH benchmarks and their peers, and the latency and zone-quality harnesses. Not API.
 */
package dev.inventory.bench;
