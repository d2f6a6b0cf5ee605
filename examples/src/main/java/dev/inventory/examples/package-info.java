/**
 * Runnable examples of embedding the engine.
 */
package dev.inventory.examples;
