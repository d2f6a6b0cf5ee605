/**
 * Host (MES/ERP) commands from files: {@link dev.inventory.core.command.HostCommandFileReader} parses the command
 * file format, {@link dev.inventory.core.command.MergedReplayAdapter} merges it with a read file into one ordered,
 * deterministic stream through the engine's ring.
 */
package dev.inventory.core.command;
