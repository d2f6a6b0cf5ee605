package dev.inventory.examples.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.rfid.epc.GS1EpcFormatter;
import dev.inventory.rfid.epc.GS1SkuResolver;

/**
 * The engine configuration {@code run} and {@code replay} share, so that a replay rebuilds exactly the pipeline the
 * run had: the file's settings (see {@link EngineConfig#fromFile(Path)}), then
 * <ul>
 *     <li>no engine clock ticks: time comes from the records only;</li>
 *     <li>auto zones on unless the file defines zones (or sets {@code zones.auto} itself);</li>
 *     <li>GS1 pure-identity URIs for EPC text and GTINs as SKUs.</li>
 * </ul>
 * Stateless; threadsafe.
 */
final class CliConfig
{
    private CliConfig()
    {
    }

    /**
     * @param configFile properties file, or null for the defaults.
     * @return a builder with the settings above.
     * @throws CliException naming the file and the bad field.
     */
    static EngineConfig.Builder load(final Path configFile)
    {
        final Properties properties = new Properties();
        if (null != configFile)
        {
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8))
            {
                properties.load(reader);
            }
            catch (final NoSuchFileException ex)
            {
                throw new CliException("config file not found: " + configFile);
            }
            catch (final IOException | IllegalArgumentException ex)
            {
                throw new CliException("cannot read config file " + configFile + ": " + ex.getMessage(), ex);
            }
        }
        final EngineConfig.Builder builder;
        try
        {
            builder = EngineConfig.fromProperties(properties);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliException("bad config " + configFile + ": " + ex.getMessage(), ex);
        }
        boolean definesZones = false;
        for (final String key : properties.stringPropertyNames())
        {
            definesZones |= key.startsWith("zones.") && !key.equals("zones.auto");
        }
        if (null == properties.getProperty("zones.auto"))
        {
            builder.autoZones(!definesZones);
        }
        return builder
            .clockTickIntervalMs(0)
            .epcFormatter(GS1EpcFormatter.INSTANCE)
            .skuResolver(GS1SkuResolver.INSTANCE);
    }

    /**
     * @param builder    settings.
     * @param configFile where they came from, for the message, or null.
     * @return the validated configuration.
     * @throws CliException naming the bad field.
     */
    static EngineConfig build(final EngineConfig.Builder builder, final Path configFile)
    {
        try
        {
            return builder.build();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliException("bad config" + (null == configFile ? "" : " " + configFile) + ": " +
                ex.getMessage(), ex);
        }
    }
}
