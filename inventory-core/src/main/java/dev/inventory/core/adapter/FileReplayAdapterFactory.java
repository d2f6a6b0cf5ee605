package dev.inventory.core.adapter;

import java.nio.file.Path;
import java.util.Map;

import dev.inventory.core.spi.DeviceAdapter;
import dev.inventory.core.spi.DeviceAdapterFactory;

/**
 * Creates {@link FileReplayAdapter}s for the adapter type {@value #TYPE}. Settings (in a configuration file as
 * {@code adapter.file-replay.<key>}):
 * <pre>
 *   file             CSV file to replay (required)
 *   pacing           fast (default) or realtime
 *   speed            factor applied to the file's time when pacing is realtime (default 1)
 *   publishTimeoutMs most time to wait for the engine to take one record (default 60000)
 * </pre>
 * Stateless; threadsafe.
 */
public final class FileReplayAdapterFactory implements DeviceAdapterFactory
{
    /** The adapter type name. */
    public static final String TYPE = "file-replay";

    @Override
    public String type()
    {
        return TYPE;
    }

    @Override
    public DeviceAdapter create(final Map<String, String> settings)
    {
        final String file = settings.get("file");
        if (null == file || file.isBlank())
        {
            throw new IllegalArgumentException(TYPE + ".file must be set");
        }
        final FileReplayAdapter.Context ctx = new FileReplayAdapter.Context().file(Path.of(file.trim()));
        final String pacing = settings.getOrDefault("pacing", "fast").trim();
        switch (pacing)
        {
            case "fast":
                ctx.speed(FileReplayAdapter.AS_FAST_AS_POSSIBLE);
                break;

            case "realtime":
                ctx.speed(parseDouble("speed", settings.getOrDefault("speed", "1")));
                if (ctx.speed() <= 0)
                {
                    throw new IllegalArgumentException(TYPE + ".speed must be > 0 for realtime pacing, got " +
                        ctx.speed());
                }
                break;

            default:
                throw new IllegalArgumentException(TYPE + ".pacing: expected fast or realtime, got '" + pacing + "'");
        }
        final String timeout = settings.get("publishTimeoutMs");
        if (null != timeout)
        {
            try
            {
                ctx.publishTimeoutMs(Long.parseLong(timeout.trim()));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(TYPE + ".publishTimeoutMs: not an integer: '" + timeout + "'", ex);
            }
        }
        try
        {
            return new FileReplayAdapter(ctx);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(TYPE + "." + ex.getMessage(), ex);
        }
    }

    private static double parseDouble(final String key, final String value)
    {
        try
        {
            return Double.parseDouble(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(TYPE + "." + key + ": not a number: '" + value + "'", ex);
        }
    }
}
