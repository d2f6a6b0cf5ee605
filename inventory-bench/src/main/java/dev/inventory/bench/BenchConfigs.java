package dev.inventory.bench;

import dev.inventory.core.config.EngineConfig;

/**
 * Engine configurations shared by the benchmarks: {@link ReadStream#ZONES} zones, one antenna each on reader
 * {@link ReadStream#READER}, no wall-clock ticks (record time only), everything else at the engine defaults.
 * Stateless; threadsafe.
 */
final class BenchConfigs
{
    private BenchConfigs()
    {
    }

    /**
     * @param tagCount live tags the engine must hold.
     * @return a builder with zones z0..z7 on antennas 1..8, tag capacity for the tags, clock ticks off.
     */
    static EngineConfig.Builder zonedBuilder(final int tagCount)
    {
        final EngineConfig.Builder builder = EngineConfig.builder()
            .tagCapacity(Math.max(1 << 18, Integer.highestOneBit(tagCount) << 1))
            .clockTickIntervalMs(0);
        for (int z = 0; z < ReadStream.ZONES; z++)
        {
            builder.zone("z" + z, ReadStream.READER, z + 1);
        }
        return builder;
    }
}
