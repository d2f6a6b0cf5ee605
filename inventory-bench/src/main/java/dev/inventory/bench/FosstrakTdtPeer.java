package dev.inventory.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.epcglobalinc.tdt.LevelTypeList;
import org.fosstrak.tdt.TDTEngine;

/**
 * Fosstrak TDT 1.0.0 as a benchmark peer. TDT reads its {@code schemes/} and {@code auxiliary/} definitions from a
 * directory: {@link #start()} extracts them from the jar TDT was loaded from (the shaded benchmarks jar, or the TDT
 * jar on a plain class path) into a temporary directory, deleted by {@link #close()}. TDT 1.0.0 hard-codes
 * {@code showdebug = true} (hundreds of {@code System.out} lines per conversion); the constructor runs with
 * {@code System.out} muted and the flag is then cleared by reflection, so the benchmark measures decoding, not
 * console output. TDT still builds its debug strings (that cost is TDT's own and is measured).
 * <p>
 * Instances are NOT threadsafe: one per benchmark thread.
 */
final class FosstrakTdtPeer implements AutoCloseable
{
    private final TDTEngine engine;
    private final Path directory;
    private final Map<String, String> parameters = new HashMap<>();

    private FosstrakTdtPeer(final TDTEngine engine, final Path directory)
    {
        this.engine = engine;
        this.directory = directory;
    }

    @SuppressWarnings("deprecation") // TDTEngine(String directory) is TDT's documented constructor
    static FosstrakTdtPeer start()
    {
        final PrintStream out = System.out;
        try
        {
            final Path directory = Files.createTempDirectory("fosstrak-tdt");
            extractDefinitions(directory);
            final TDTEngine engine;
            try
            {
                System.setOut(new PrintStream(OutputStream.nullOutputStream()));
                engine = new TDTEngine(directory.toAbsolutePath().toString());
            }
            finally
            {
                System.setOut(out);
            }
            final Field showdebug = TDTEngine.class.getDeclaredField("showdebug");
            showdebug.setAccessible(true);
            showdebug.set(engine, Boolean.FALSE);
            return new FosstrakTdtPeer(engine, directory);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("Fosstrak TDT did not start", ex);
        }
    }

    /**
     * Hex EPC of {@code bitLength} bits to the pure-identity URI, as TDT does it (hex to binary string, then the
     * convert call with the tag length).
     */
    String hexToPureIdentity(final String hex, final int bitLength)
    {
        String bits = engine.hex2bin(hex);
        if (bits.length() > bitLength)
        {
            bits = bits.substring(0, bitLength);
        }
        parameters.put("taglength", Integer.toString(bitLength));
        return engine.convert(bits, parameters, LevelTypeList.PURE_IDENTITY);
    }

    private static void extractDefinitions(final Path directory) throws IOException, URISyntaxException
    {
        final Path jarPath = Path.of(TDTEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile jar = new JarFile(jarPath.toFile()))
        {
            final Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements())
            {
                final JarEntry entry = entries.nextElement();
                final String name = entry.getName();
                if (entry.isDirectory() || !(name.startsWith("schemes/") || name.startsWith("auxiliary/")))
                {
                    continue;
                }
                final Path target = directory.resolve(name).normalize();
                if (!target.startsWith(directory))
                {
                    throw new IllegalStateException("jar entry escapes the target directory: " + name);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry))
                {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void close()
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
