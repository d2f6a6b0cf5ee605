/** Device adapters that solve on their own thread and publish positions: {@link dev.inventory.rtls.adapter.TwrDeviceAdapter}. */
package dev.inventory.rtls.adapter;
