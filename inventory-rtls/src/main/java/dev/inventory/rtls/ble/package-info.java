/**
 * BLE / RSSI presence: {@link dev.inventory.rtls.ble.PathLossModel} (log-distance path loss) and
 * {@link dev.inventory.rtls.ble.BleZoneTracker} (per (tag, receiver) smoothing, zone by strongest receiver with
 * incumbent / challenger hysteresis).
 */
package dev.inventory.rtls.ble;
