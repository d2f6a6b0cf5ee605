/**
 * The {@code inventory} command-line tool. Not API.
 */
package dev.inventory.examples.cli;
