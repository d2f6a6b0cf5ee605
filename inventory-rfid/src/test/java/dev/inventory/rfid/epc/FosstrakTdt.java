package dev.inventory.rfid.epc;

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
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.epcglobalinc.tdt.LevelTypeList;
import org.fosstrak.tdt.TDTEngine;

/**
 * Test-scope wrapper of the Fosstrak TDT engine ({@code org.fosstrak.tdt:tdt:1.0.0}, TDT 1.6 scheme files), the
 * independent decoder our {@link EpcDecoder} is cross-checked against.
 *
 * <p>TDT wants its {@code schemes/} and {@code auxiliary/} folders as a directory on disk: {@link #start(Path)}
 * extracts them from the TDT jar into the given (temporary) directory. TDT 1.0.0 hard-codes
 * {@code showdebug = true} and prints several hundred lines per conversion to {@code System.out}; the constructor
 * runs with {@code System.out} muted and the flag is then cleared by reflection (it is a plain final instance field).
 *
 * <p>Thread-safety: NOT thread-safe (the engine keeps no per-call state we know of, but {@link #start} swaps
 * {@code System.out}); use from one test thread.
 */
final class FosstrakTdt {

    private final TDTEngine engine;
    private final Map<String, String> parameters = new HashMap<>();

    private FosstrakTdt(TDTEngine engine) {
        this.engine = engine;
    }

    /** Extracts TDT's scheme files into {@code directory} and starts a quiet engine on them. */
    @SuppressWarnings("deprecation") // TDTEngine(String directory) is the documented way to pass the scheme files
    static FosstrakTdt start(Path directory) {
        extractDefinitions(directory);
        PrintStream out = System.out;
        TDTEngine engine;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            engine = new TDTEngine(directory.toAbsolutePath().toString());
        } catch (Exception e) {
            throw new IllegalStateException("Fosstrak TDT did not start on " + directory, e);
        } finally {
            System.setOut(out);
        }
        silence(engine);
        return new FosstrakTdt(engine);
    }

    /** Copies the {@code schemes/} and {@code auxiliary/} entries of the TDT jar into {@code directory}. */
    static void extractDefinitions(Path directory) {
        try (JarFile jar = new JarFile(tdtJar().toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !(name.startsWith("schemes/") || name.startsWith("auxiliary/"))) {
                    continue;
                }
                Path target = directory.resolve(name).normalize();
                if (!target.startsWith(directory)) {
                    throw new IllegalStateException("jar entry escapes the target directory: " + name);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tdtJar() {
        try {
            return Path.of(TDTEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void silence(TDTEngine engine) {
        try {
            Field showdebug = TDTEngine.class.getDeclaredField("showdebug");
            showdebug.setAccessible(true);
            showdebug.set(engine, Boolean.FALSE);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot switch off Fosstrak TDT debug output", e);
        }
    }

    /**
     * Converts a binary EPC ('0'/'1' string of the scheme's exact bit length, e.g. 198 for SGTIN-198) to the
     * requested level, {@code TAG_ENCODING} or {@code PURE_IDENTITY}.
     *
     * @throws RuntimeException (TDT's {@code TDTException} and others) or {@link Error} (TDT throws a plain
     *     {@code java.lang.Error} for some inputs, e.g. "Couldn't find option for null") when TDT rejects the input
     */
    String convertBinary(String bits, LevelTypeList level) {
        parameters.clear();
        parameters.put("taglength", Integer.toString(bits.length()));
        return engine.convert(bits, parameters, level);
    }

    /** Tag URI of a binary EPC, or {@code null} if TDT rejects it. */
    String tagUriOrNull(String bits) {
        try {
            return convertBinary(bits, LevelTypeList.TAG_ENCODING);
        } catch (RuntimeException | Error e) {
            return rethrowIfFatal(e, null);
        }
    }

    /** Pure-identity URI of a binary EPC, or {@code null} if TDT rejects it. */
    String pureIdentityUriOrNull(String bits) {
        try {
            return convertBinary(bits, LevelTypeList.PURE_IDENTITY);
        } catch (RuntimeException | Error e) {
            return rethrowIfFatal(e, null);
        }
    }

    /** The message TDT gives when it rejects a binary EPC, or {@code null} if it accepts it. */
    String rejection(String bits) {
        try {
            convertBinary(bits, LevelTypeList.TAG_ENCODING);
            return null;
        } catch (RuntimeException | Error e) {
            return rethrowIfFatal(e, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** TDT's failures are rejections, but a VM error (out of memory, stack overflow) is not. */
    static <T> T rethrowIfFatal(Throwable t, T value) {
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
        return value;
    }
}
