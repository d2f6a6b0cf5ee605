package dev.inventory.bench;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pre-generated, deterministic stream of RFID reads shared by every implementation in a benchmark run, so all
 * of them see exactly the same input. {@code tagCount} live tags sit in {@link #ZONES} zones (one antenna each,
 * reader {@link #READER}); the stream is a sequence of passes, each pass reading every tag once in a shuffled
 * order over {@link #PASS_MS} ms of record time (100k tags: 1M reads/s of record time). 90% of reads come from the
 * tag's home antenna (RSSI about -55 dBm, per-tag offset, Gaussian noise sigma 3 dB), 10% are cross-reads by an
 * adjacent antenna about 10 dB weaker. After each pass a tag moves to an adjacent zone with probability
 * {@link #MOVE_PROBABILITY}. With the engine's default 200 ms dedup window about half the reads merge.
 * <p>
 * Record time only grows: callers add {@link #lapMs()} per lap when they cycle over the stream. Immutable after
 * construction; threadsafe to read.
 */
public final class ReadStream
{
    /** Zones (= antennas 1..ZONES of one reader). */
    public static final int ZONES = 8;
    /** Reader id of every read. */
    public static final int READER = 1;
    /** Record time of one pass over all tags. */
    public static final int PASS_MS = 100;
    /** Per pass and tag probability of moving to an adjacent zone. */
    public static final double MOVE_PROBABILITY = 1.0 / 2_000;
    /** Record time of the first read. */
    public static final long BASE_MS = 1_700_000_000_000L;
    /** Fewest reads in a stream. */
    public static final int MIN_READS = 1 << 22;
    /** EPC header and company prefix in the high word; the tag number goes in the low 32 bits of it. */
    public static final long EPC_PREFIX = 0x3034_0BB6_0000_0000L;

    private static final ConcurrentHashMap<Integer, ReadStream> CACHE = new ConcurrentHashMap<>();

    private final int tagCount;
    private final int size;
    private final long[] epcHigh;
    private final int[] epcLow;
    private final byte[] antenna;
    private final short[] rssiCentiDbm;
    private final int[] timeOffsetMs;
    private final long lapMs;

    private ReadStream(final int tagCount, final long seed)
    {
        this.tagCount = tagCount;
        final int passes = Math.max(4, (MIN_READS + tagCount - 1) / tagCount);
        this.size = passes * tagCount;
        this.lapMs = (long)passes * PASS_MS;
        epcHigh = new long[size];
        epcLow = new int[size];
        antenna = new byte[size];
        rssiCentiDbm = new short[size];
        timeOffsetMs = new int[size];

        final SplittableRandom random = new SplittableRandom(seed);
        final int[] home = new int[tagCount];
        final double[] tagOffsetDb = new double[tagCount];
        final int[] order = new int[tagCount];
        for (int t = 0; t < tagCount; t++)
        {
            home[t] = random.nextInt(ZONES);
            tagOffsetDb[t] = random.nextDouble(-5, 5);
            order[t] = t;
        }
        int i = 0;
        for (int pass = 0; pass < passes; pass++)
        {
            shuffle(order, random);
            for (int k = 0; k < tagCount; k++, i++)
            {
                final int t = order[k];
                int zone = home[t];
                double rssiDb = -55 + tagOffsetDb[t] + 3 * random.nextGaussian();
                if (random.nextDouble() < 0.1)
                {
                    zone = adjacent(zone, random);
                    rssiDb -= 10;
                }
                epcHigh[i] = epcHighOfTag(t);
                epcLow[i] = epcLowOfTag(t);
                antenna[i] = (byte)(zone + 1);
                rssiCentiDbm[i] = (short)Math.round(Math.max(-120, Math.min(0, rssiDb)) * 100);
                timeOffsetMs[i] = pass * PASS_MS + (int)((long)k * PASS_MS / tagCount);
            }
            for (int t = 0; t < tagCount; t++)
            {
                if (random.nextDouble() < MOVE_PROBABILITY)
                {
                    home[t] = adjacent(home[t], random);
                }
            }
        }
    }

    /**
     * @param tagCount live tags.
     * @return the stream for that many tags (seed 42), built once per JVM.
     */
    public static ReadStream of(final int tagCount)
    {
        return CACHE.computeIfAbsent(tagCount, n -> new ReadStream(n, 42));
    }

    /**
     * @param tag tag number.
     * @return EPC bits 95..32 of the tag.
     */
    public static long epcHighOfTag(final int tag)
    {
        return EPC_PREFIX | (tag & 0xFFFF_FFFFL);
    }

    /**
     * @param tag tag number.
     * @return EPC bits 31..0 of the tag (a serial scrambled from the tag number).
     */
    public static int epcLowOfTag(final int tag)
    {
        return tag * 0x9E37_79B9;
    }

    private static int adjacent(final int zone, final SplittableRandom random)
    {
        if (zone == 0)
        {
            return 1;
        }
        if (zone == ZONES - 1)
        {
            return ZONES - 2;
        }
        return random.nextBoolean() ? zone + 1 : zone - 1;
    }

    private static void shuffle(final int[] a, final SplittableRandom random)
    {
        for (int i = a.length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** @return live tags. */
    public int tagCount()
    {
        return tagCount;
    }

    /** @return reads in one lap. */
    public int size()
    {
        return size;
    }

    /** @return record time covered by one lap; add it per lap so time keeps growing. */
    public long lapMs()
    {
        return lapMs;
    }

    /**
     * @param i read index.
     * @return EPC bits 95..32.
     */
    public long epcHigh(final int i)
    {
        return epcHigh[i];
    }

    /**
     * @param i read index.
     * @return EPC bits 31..0.
     */
    public int epcLow(final int i)
    {
        return epcLow[i];
    }

    /**
     * @param i read index.
     * @return antenna port 1..ZONES.
     */
    public int antenna(final int i)
    {
        return antenna[i];
    }

    /**
     * @param i read index.
     * @return RSSI in centi-dBm.
     */
    public int rssiCentiDbm(final int i)
    {
        return rssiCentiDbm[i];
    }

    /**
     * @param i   read index.
     * @param lap how many laps came before.
     * @return record time in epoch ms.
     */
    public long timestampMs(final int i, final long lap)
    {
        return BASE_MS + lap * lapMs + timeOffsetMs[i];
    }
}
