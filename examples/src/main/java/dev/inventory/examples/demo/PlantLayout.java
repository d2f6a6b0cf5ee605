package dev.inventory.examples.demo;

import java.util.List;

import dev.inventory.core.config.EngineConfig;

/**
 * The simulated plant: a receiving dock portal, three storage zones, two work stations and a shipping portal, each
 * watched by antennas of four readers; zones that are next to each other see cross-reads of each other's tags.
 * Tags follow the route receiving, storage, station, shipping, then leave. Immutable; threadsafe.
 */
public final class PlantLayout
{
    /** A zone with the reader antennas that look into it. */
    record Zone(String name, int reader, int[] antennas, int[] neighbours, double ownRssiDbm)
    {
    }

    static final int RECEIVING = 0;
    static final int STORAGE_A = 1;
    static final int STORAGE_B = 2;
    static final int STORAGE_C = 3;
    static final int STATION_1 = 4;
    static final int STATION_2 = 5;
    static final int SHIPPING = 6;

    /** Zones by index; indexes are the constants above. */
    static final List<Zone> ZONES = List.of(
        new Zone("receiving", 1, new int[]{1, 2}, new int[]{STORAGE_A}, -42.0),
        new Zone("storage-A", 2, new int[]{1}, new int[]{RECEIVING, STORAGE_B, STATION_1}, -50.0),
        new Zone("storage-B", 2, new int[]{2}, new int[]{STORAGE_A, STORAGE_C, STATION_1, STATION_2}, -50.0),
        new Zone("storage-C", 2, new int[]{3}, new int[]{STORAGE_B, STATION_2}, -50.0),
        new Zone("station-1", 3, new int[]{1}, new int[]{STORAGE_A, STORAGE_B, STATION_2, SHIPPING}, -46.0),
        new Zone("station-2", 3, new int[]{2}, new int[]{STORAGE_B, STORAGE_C, STATION_1, SHIPPING}, -46.0),
        new Zone("shipping", 4, new int[]{1, 2}, new int[]{STATION_1, STATION_2}, -42.0));

    private PlantLayout()
    {
    }

    /** @return zone names in index order. */
    public static List<String> zoneNames()
    {
        return ZONES.stream().map(Zone::name).toList();
    }

    /**
     * Define the plant's readers and zones in an engine configuration.
     *
     * @param builder to add to.
     * @return the builder.
     */
    public static EngineConfig.Builder define(final EngineConfig.Builder builder)
    {
        builder.reader("dock-portal", 1).reader("storage", 2).reader("stations", 3).reader("ship-portal", 4);
        for (final Zone zone : ZONES)
        {
            builder.zone(zone.name(), zone.reader(), zone.antennas());
        }
        return builder;
    }
}
