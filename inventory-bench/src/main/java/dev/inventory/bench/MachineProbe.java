package dev.inventory.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What the machine gives one thread, to read the engine's numbers against: the latency of a dependent random load
 * over a working set the size of the engine's tag state, how many random cache lines per second independent loads
 * reach when issued in groups (the engine's gather), and how fast 64-byte records can be written into a fresh
 * memory-mapped file with the page faults on the writing thread or taken ahead by a second thread (the journal and
 * its pretoucher).
 * <pre>
 *   java -cp target/benchmarks.jar dev.inventory.bench.MachineProbe [--mb 32] [--file-mb 512] [--dir /tmp]
 * </pre>
 */
public final class MachineProbe
{
    private static final VarHandle WORDS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int LINE_LONGS = 8;
    private static volatile long writerPosition;

    private MachineProbe()
    {
    }

    /**
     * @param args see the class comment.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        int mb = 32;
        int fileMb = 512;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--mb": mb = Integer.parseInt(args[i + 1]); break;
                case "--file-mb": fileMb = Integer.parseInt(args[i + 1]); break;
                case "--dir": dir = Path.of(args[i + 1]); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final int lines = mb * 1024 * 1024 / 64;
        final long[] words = new long[lines * LINE_LONGS];
        dependentLoads(words, lines, mb);
        for (final int group : new int[] {1, 4, 8, 16, 32})
        {
            independentLoads(words, lines, mb, group);
        }
        for (final boolean pretouch : new boolean[] {false, true})
        {
            mappedWrites(dir, (long)fileMb << 20, pretouch);
        }
    }

    private static void dependentLoads(final long[] words, final int lines, final int mb)
    {
        final int[] order = new int[lines];
        for (int i = 0; i < lines; i++)
        {
            order[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = lines - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < lines; i++)
        {
            words[order[i] * LINE_LONGS] = (long)order[(i + 1) % lines] * LINE_LONGS;
        }
        final int hops = 1 << 22;
        double best = Double.MAX_VALUE;
        long at = 0;
        for (int round = 0; round < 3; round++)
        {
            final long startNs = System.nanoTime();
            for (int i = 0; i < hops; i++)
            {
                at = words[(int)at];
            }
            best = Math.min(best, (System.nanoTime() - startNs) / (double)hops);
        }
        System.out.printf(Locale.ROOT, "dependent random loads over %d MB: %.1f ns per load (%d)%n", mb, best, at & 1);
    }

    private static void independentLoads(final long[] words, final int lines, final int mb, final int group)
    {
        final int loads = 1 << 22;
        final int[] index = new int[loads];
        final SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < loads; i++)
        {
            index[i] = random.nextInt(lines) * LINE_LONGS;
        }
        double best = 0;
        long sum = 0;
        for (int round = 0; round < 3; round++)
        {
            final long startNs = System.nanoTime();
            for (int chunk = 0; chunk < loads; chunk += group)
            {
                for (int i = chunk; i < chunk + group; i++)
                {
                    sum += words[index[i]];
                }
                sum ^= sum >>> 7; // a little dependent work between groups, as the engine does between chunks
            }
            best = Math.max(best, loads * 1e3 / (System.nanoTime() - startNs));
        }
        System.out.printf(Locale.ROOT, "independent random loads over %d MB, %2d at a time: %.0f M lines/s (%d)%n",
            mb, group, best, sum & 1);
    }

    private static void mappedWrites(final Path dir, final long size, final boolean pretouch)
        throws IOException, InterruptedException
    {
        final Path file = Files.createTempFile(dir, "machine-probe", ".bin");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(size);
            final FileChannel channel = raf.getChannel();
            final MappedByteBuffer writer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            writerPosition = 0;
            Thread toucher = null;
            if (pretouch)
            {
                final MappedByteBuffer ahead = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
                toucher = new Thread(() ->
                {
                    long page = 0;
                    while (page < size)
                    {
                        if (page < writerPosition + (32L << 20))
                        {
                            WORDS.compareAndSet(ahead, (int)page, 0L, 0L);
                            page += 4096;
                        }
                        else
                        {
                            Thread.onSpinWait();
                        }
                    }
                });
                toucher.start();
                Thread.sleep(200);
            }
            final long startNs = System.nanoTime();
            for (int at = 0; at < size; at += 64)
            {
                for (int k = 0; k < 64; k += 8)
                {
                    writer.putLong(at + k, at + k + 1);
                }
                if ((at & 4095) == 0)
                {
                    writerPosition = at;
                }
            }
            final long elapsedNs = System.nanoTime() - startNs;
            if (null != toucher)
            {
                toucher.join();
            }
            System.out.printf(Locale.ROOT, "64-byte records into a fresh mapped file (%d MB, %s): %.1f M records/s%n",
                size >> 20, pretouch ? "pages touched ahead by a second thread" : "page faults on the writer",
                (size / 64) * 1e3 / elapsedNs);
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }
}
