/**
 * Dock-door portal direction (in, out, near) from inner and outer antenna groups. API.
 */
package dev.inventory.rfid.portal;
