package dev.inventory.core.spi;

import java.util.Map;

/**
 * Creates adapters by name; implementations are discovered with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/dev.inventory.core.spi.DeviceAdapterFactory}). Threadsafe.
 */
public interface DeviceAdapterFactory
{
    /** @return the adapter type name used in configuration, e.g. "file-replay", "llrp". */
    String type();

    /**
     * @param settings adapter settings from the configuration.
     * @return a new adapter.
     * @throws IllegalArgumentException naming the bad setting.
     */
    DeviceAdapter create(Map<String, String> settings);
}
