/**
 * ALE 1.1-style event cycles (CURRENT, ADDITIONS, DELETIONS) per logical reader, and EPC filters. API.
 */
package dev.inventory.rfid.ale;
