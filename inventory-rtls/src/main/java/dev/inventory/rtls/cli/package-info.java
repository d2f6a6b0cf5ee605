/** Command implementations for the {@code inventory} CLI: {@link dev.inventory.rtls.cli.LocateCommand}. */
package dev.inventory.rtls.cli;
