/**
 * BLE / RSSI presence: {@link dev.inventory.rtls.ble.PathLossModel} (log-distance path loss),
 * {@link dev.inventory.rtls.ble.BleZoneTracker} (per (tag, receiver) smoothing, zone by strongest receiver with
 * incumbent / challenger hysteresis, optional absence timeout) and {@link dev.inventory.rtls.ble.BleZoneExtension}
 * (the tracker on the engine thread: RSSI SENSOR records in, BLE zone events out, state in snapshots).
 */
package dev.inventory.rtls.ble;
