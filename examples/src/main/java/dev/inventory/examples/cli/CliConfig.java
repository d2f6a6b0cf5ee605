package dev.inventory.examples.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.inventory.core.command.EpcTextDecoder;
import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.epcis.EpcisJsonLdSink;
import dev.inventory.core.epcis.EpcisZone;
import dev.inventory.core.ops.Operations;
import dev.inventory.rfid.epc.EpcEncoder;
import dev.inventory.rfid.epc.GS1EpcFormatter;
import dev.inventory.rfid.epc.GS1SkuResolver;

/**
 * The engine configuration {@code run} and {@code replay} share, so that a replay rebuilds exactly the pipeline the
 * run had: the file's settings (see {@link EngineConfig#fromFile(Path)}), then
 * <ul>
 *     <li>no engine clock ticks: time comes from the records only;</li>
 *     <li>auto zones on unless the file defines zones (or sets {@code zones.auto} itself);</li>
 *     <li>GS1 pure-identity URIs for EPC text and GTINs as SKUs;</li>
 *     <li>{@code epcis.*} keys are EPCIS output settings ({@link #epcis(Path)}), not engine settings.</li>
 * </ul>
 * Stateless; threadsafe.
 */
final class CliConfig
{
    /** Prefix of the EPCIS output keys, which are not engine settings. */
    static final String EPCIS_PREFIX = "epcis.";

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
        final Properties properties = properties(configFile);
        properties.stringPropertyNames().forEach(key ->
        {
            if (key.startsWith(EPCIS_PREFIX))
            {
                properties.remove(key); // read by epcis(...), not an engine setting
            }
        });
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
     * @param configFile properties file, or null.
     * @return its properties (empty for null).
     * @throws CliException naming the file.
     */
    static Properties properties(final Path configFile)
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
        return properties;
    }

    /**
     * EPCIS output settings from the {@code epcis.*} keys of the configuration file:
     * <pre>
     * epcis.partition = plant-1                                  # event ID partition (default: default)
     * epcis.locationPrefix = urn:epc:id:sgln:0614141.00777.      # zone URI = prefix + zone name
     * epcis.zone.dock.bizStep = receiving                        # CBV 2.0 bare names, or URIs of your own
     * epcis.zone.dock.disposition = in_progress
     * epcis.zone.dock.bizLocation = urn:epc:id:sgln:0614141.00777.0
     * epcis.zone.dock.readPoint = urn:epc:id:sgln:0614141.00777.1
     * epcis.extensions = true                                    # inv: extension fields
     * epcis.bizTransactionGln = 0614141000005                    # bizTransaction ids urn:epcglobal:cbv:bt:GLN:id
     * epcis.bizTransaction.po = urn:example:po:                  # or a prefix per type (po, prodorder, desadv)
     * epcis.gtinSkuKeys = true                                   # SKU keys are GTINs: quantity classes as GS1 links
     * epcis.skuClassPrefix = urn:example:sku:                    # else epcClass = prefix + SKU key
     * </pre>
     *
     * @param configFile properties file, or null for the defaults.
     * @return a sink context holding the settings (output not yet set).
     * @throws CliException naming the bad key.
     */
    static EpcisJsonLdSink.Context epcis(final Path configFile)
    {
        final Properties properties = properties(configFile);
        final EpcisJsonLdSink.Context ctx = new EpcisJsonLdSink.Context();
        final Map<String, EpcisZone> zones = new TreeMap<>();
        for (final String key : new TreeSet<>(properties.stringPropertyNames()))
        {
            if (!key.startsWith(EPCIS_PREFIX))
            {
                continue;
            }
            final String value = properties.getProperty(key).trim();
            final String name = key.substring(EPCIS_PREFIX.length());
            if (name.equals("partition"))
            {
                ctx.partitionId(value);
            }
            else if (name.equals("locationPrefix"))
            {
                ctx.locationUriPrefix(value);
            }
            else if (name.equals("extensions"))
            {
                ctx.extensions(Boolean.parseBoolean(value));
            }
            else if (name.equals("bizTransactionGln"))
            {
                ctx.bizTransactionGln(value);
            }
            else if (name.startsWith("bizTransaction.") && name.length() > "bizTransaction.".length())
            {
                ctx.bizTransactionPrefix(name.substring("bizTransaction.".length()), value);
            }
            else if (name.equals("gtinSkuKeys"))
            {
                ctx.gtinSkuKeys(Boolean.parseBoolean(value));
            }
            else if (name.equals("skuClassPrefix"))
            {
                ctx.skuClassPrefix(value);
            }
            else if (name.startsWith("zone.") && name.lastIndexOf('.') > "zone.".length())
            {
                final String zone = name.substring("zone.".length(), name.lastIndexOf('.'));
                final String field = name.substring(name.lastIndexOf('.') + 1);
                final EpcisZone current = zones.getOrDefault(zone, EpcisZone.DEFAULTS);
                switch (field)
                {
                    case "bizStep": zones.put(zone, current.withBizStep(value)); break;
                    case "disposition": zones.put(zone, current.withDisposition(value)); break;
                    case "bizLocation": zones.put(zone, current.withBizLocation(value)); break;
                    case "readPoint": zones.put(zone, current.withReadPoint(value)); break;
                    default: throw new CliException("bad config " + configFile + ": unknown configuration key: " + key);
                }
            }
            else
            {
                throw new CliException("bad config " + configFile + ": unknown configuration key: " + key);
            }
        }
        zones.forEach(ctx::zone);
        return ctx;
    }

    /**
     * The EPC field decoder for command files: hex as in the read files, a tag URI
     * ({@code urn:epc:tag:sgtin-96:1.0614141.812345.6789}, exact bits), or a pure-identity URI
     * ({@code urn:epc:id:sgtin:0614141.812345.6789}, encoded in its 96-bit scheme with filter 0: it matches the tag
     * only if the tag's filter value is 0 too).
     */
    static final EpcTextDecoder EPC_DECODER = (text, out) ->
    {
        final String hex;
        try
        {
            if (text.startsWith("urn:epc:tag:"))
            {
                hex = EpcEncoder.tagUriToHex(text);
            }
            else if (text.startsWith("urn:epc:id:"))
            {
                hex = EpcEncoder.pureIdentityUriToHex(text);
            }
            else
            {
                hex = text;
            }
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("EPC URI not encodable: " + ex.getMessage(), ex);
        }
        EpcTextDecoder.decodeHex(hex, out);
    };

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
            // the operations rules run in every CLI engine, so that a replay rebuilds exactly what run did
            final int tagCapacity = builder.build().tagCapacity();
            return builder.recordExtension(new Operations(tagCapacity).extension()).build();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliException("bad config" + (null == configFile ? "" : " " + configFile) + ": " +
                ex.getMessage(), ex);
        }
    }
}
