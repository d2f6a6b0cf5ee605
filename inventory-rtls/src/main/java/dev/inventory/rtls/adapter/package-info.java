/**
 * Device adapters that solve on their own thread and publish POSITION records:
 * {@link dev.inventory.rtls.adapter.TwrDeviceAdapter} (ranges from a {@link dev.inventory.rtls.adapter.RangeSource})
 * and {@link dev.inventory.rtls.adapter.TdoaDeviceAdapter} (blink arrival times from an
 * {@link dev.inventory.rtls.adapter.ArrivalSource}).
 */
package dev.inventory.rtls.adapter;
