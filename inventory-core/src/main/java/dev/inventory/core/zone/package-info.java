/**
 * Zones, the antennas that look into them, and the RSSI zone decision stage. Stage classes run on the engine thread
 * only; they are public so that rules extensions can read them.
 */
package dev.inventory.core.zone;
