/**
 * The durable write-ahead journal (Chronicle Queue) and pipeline snapshots. Loaded only when the journal is on, so
 * an embedder without it needs no JVM flags. API: {@link dev.inventory.core.journal.Journal} and
 * {@link dev.inventory.core.journal.ChronicleJournal#replay}.
 */
package dev.inventory.core.journal;
