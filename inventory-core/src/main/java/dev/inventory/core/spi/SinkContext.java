package dev.inventory.core.spi;

/**
 * What a sink may ask the engine about, from its own thread. Threadsafe.
 */
public interface SinkContext
{
    /**
     * @param zoneId zone id from an event.
     * @return the zone's name, or {@code null} for -1 / unknown.
     */
    String zoneName(int zoneId);

    /** @return the formatter for EPCs (pure-identity URI where the rfid module is present, else hex). */
    EpcFormatter epcFormatter();

    /**
     * @param skuHandle SKU handle from an event.
     * @return the SKU key the handle stands for, or 0 if none.
     */
    long skuKey(int skuHandle);
}
