/**
 * Deterministic simulated RTLS scenarios with ground truth, for tests, benchmarks and demos. Not used on any hot
 * path.
 */
package dev.inventory.rtls.sim;
