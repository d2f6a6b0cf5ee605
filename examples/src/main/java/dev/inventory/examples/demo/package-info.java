/**
 * The simulated plant of {@code inventory demo}. Not API.
 */
package dev.inventory.examples.demo;
