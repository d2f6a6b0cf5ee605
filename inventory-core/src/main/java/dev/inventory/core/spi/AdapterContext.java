package dev.inventory.core.spi;

import dev.inventory.core.ingest.Publisher;

/**
 * What the engine gives a {@link DeviceAdapter}. Threadsafe.
 */
public interface AdapterContext
{
    /** @return the publisher into the engine's ingest ring; threadsafe for many producers. */
    Publisher publisher();

    /**
     * Resolve a reader name (from a file or a device) to its numeric reader id, as configured; unknown names get
     * stable ids of their own, in order of first use.
     *
     * @param readerName reader name.
     * @return reader id.
     */
    int readerId(String readerName);

    /**
     * @param key adapter setting key.
     * @return the setting from the engine configuration ("adapter.&lt;role&gt;.&lt;key&gt;"), or null.
     */
    String setting(String key);
}
