package dev.inventory.examples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.spi.SkuResolver;
import dev.inventory.rfid.epc.EpcEncoder;
import dev.inventory.rfid.epc.EpcScheme;

/**
 * Simulates SGTIN-96 tagged items moving through a {@link PlantLayout}: each simulator thread owns a share of the
 * tags and, every read cycle, publishes a read for each tag from an antenna of the zone it is in (strong RSSI with
 * noise) and sometimes cross-reads from antennas of neighbouring zones (weak RSSI). Items dwell a random time per
 * stage, move on along the route receiving, storage, station, shipping, then leave the plant (no more reads); a new
 * item with a new serial arrives at receiving a little later. Reads are published without blocking; a full ring
 * counts them as back-pressured and dropped, as a real reader's buffer overflow would.
 * <p>
 * Threadsafe: start and stop from any thread; each simulator thread owns its tags.
 */
public final class PlantSimulator implements AutoCloseable
{
    /** Trade items: GS1 company prefix and item reference (indicator digit first). */
    private static final String[] PRODUCTS = {
        "0614141.812345", "0614141.812346", "0614141.112233", "4012345.012345", "4012345.054321", "5012345.100200"
    };
    private static final long[][] STAGE_DWELL_MS = {
        {2_000, 4_000},   // receiving portal
        {8_000, 20_000},  // storage
        {4_000, 9_000},   // station
        {2_000, 4_000},   // shipping portal
        {3_000, 6_000},   // gone: out of the plant until a new item arrives
    };
    private static final int STAGE_RECEIVING = 0;
    private static final int STAGE_STORAGE = 1;
    private static final int STAGE_STATION = 2;
    private static final int STAGE_SHIPPING = 3;
    private static final int STAGE_GONE = 4;

    private final Publisher publisher;
    private final int tagCount;
    private final int threadCount;
    private final long cycleMs;
    private final long[] productHigh = new long[PRODUCTS.length];
    private final AtomicLong nextSerial = new AtomicLong(100_000);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param publisher   where reads go.
     * @param tagCount    items in the plant at once.
     * @param threadCount simulator threads (readers working in parallel).
     * @param cycleMs     read cycle of every antenna.
     */
    public PlantSimulator(final Publisher publisher, final int tagCount, final int threadCount, final long cycleMs)
    {
        if (tagCount < 1 || threadCount < 1 || cycleMs < 1)
        {
            throw new IllegalArgumentException("tagCount, threadCount and cycleMs must be >= 1");
        }
        this.publisher = publisher;
        this.tagCount = tagCount;
        this.threadCount = threadCount;
        this.cycleMs = cycleMs;
        final EpcEncoder encoder = new EpcEncoder();
        for (int i = 0; i < PRODUCTS.length; i++)
        {
            // serial 0 leaves the 38 serial bits clear; a tag's serial is ORed in
            encoder.encodePureIdentityUri("urn:epc:id:sgtin:" + PRODUCTS[i] + ".0", EpcScheme.SGTIN_96, 1);
            productHigh[i] = encoder.epcHigh();
        }
    }

    /**
     * @param resolver SKU resolver of the engine.
     * @return the SKU key of every product the simulator tags, as the resolver derives it from the EPC.
     */
    public long[] productSkuKeys(final SkuResolver resolver)
    {
        final long[] keys = new long[productHigh.length];
        for (int i = 0; i < keys.length; i++)
        {
            keys[i] = resolver.skuKey(productHigh[i], 0); // serial 0: the low 32 bits are all serial
        }
        return keys;
    }

    /** Start the simulator threads. */
    public synchronized void start()
    {
        running = true;
        for (int t = 0; t < threadCount; t++)
        {
            final int first = t;
            final Thread thread = new Thread(() -> simulate(first), "plant-simulator-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stop the simulator threads and wait for them. */
    @Override
    public synchronized void close()
    {
        running = false;
        try
        {
            for (final Thread thread : threads)
            {
                thread.join(5_000);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        threads.clear();
    }

    private void simulate(final int first)
    {
        final SplittableRandom random = new SplittableRandom(0x5EED + first);
        final int count = (tagCount - first + threadCount - 1) / threadCount;
        final long[] epcHigh = new long[count];
        final int[] epcLow = new int[count];
        final int[] stage = new int[count];
        final int[] zone = new int[count];
        final long[] stageEndMs = new long[count];
        final long startMs = System.currentTimeMillis();
        for (int i = 0; i < count; i++)
        {
            newItem(random, i, epcHigh, epcLow);
            // start spread along the route so the plant is busy from the first second
            stage[i] = initialStage(random);
            zone[i] = zoneFor(random, stage[i]);
            stageEndMs[i] = startMs + (long)(random.nextDouble() * dwellMs(random, stage[i]));
        }
        final Publisher publisher = this.publisher;
        long nextCycleNs = System.nanoTime();
        while (running)
        {
            final long nowMs = System.currentTimeMillis();
            for (int i = 0; i < count; i++)
            {
                if (nowMs >= stageEndMs[i])
                {
                    final int next = stage[i] == STAGE_GONE ? STAGE_RECEIVING : stage[i] + 1;
                    if (next == STAGE_RECEIVING)
                    {
                        newItem(random, i, epcHigh, epcLow);
                    }
                    stage[i] = next;
                    zone[i] = zoneFor(random, next);
                    stageEndMs[i] = nowMs + dwellMs(random, next);
                }
                if (stage[i] != STAGE_GONE)
                {
                    readTag(publisher, random, epcHigh[i], epcLow[i], zone[i], nowMs);
                }
            }
            nextCycleNs += TimeUnit.MILLISECONDS.toNanos(cycleMs);
            long waitNs;
            while (running && (waitNs = nextCycleNs - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(Math.min(waitNs, 50_000_000L));
            }
        }
    }

    private static void readTag(
        final Publisher publisher,
        final SplittableRandom random,
        final long epcHigh,
        final int epcLow,
        final int zoneIndex,
        final long nowMs)
    {
        final PlantLayout.Zone zone = PlantLayout.ZONES.get(zoneIndex);
        if (random.nextDouble() < 0.92)
        {
            final int[] antennas = zone.antennas();
            final int antenna = antennas[random.nextInt(antennas.length)];
            publish(publisher, zone.reader(), antenna, epcHigh, epcLow, zone.ownRssiDbm() + gaussian(random, 3.0), nowMs);
        }
        for (final int neighbourIndex : zone.neighbours())
        {
            if (random.nextDouble() < 0.2)
            {
                final PlantLayout.Zone neighbour = PlantLayout.ZONES.get(neighbourIndex);
                final int[] antennas = neighbour.antennas();
                publish(publisher, neighbour.reader(), antennas[random.nextInt(antennas.length)], epcHigh, epcLow,
                    -71.0 + gaussian(random, 4.0), nowMs);
            }
        }
    }

    private static void publish(
        final Publisher publisher,
        final int reader,
        final int antenna,
        final long epcHigh,
        final int epcLow,
        final double rssiDbm,
        final long nowMs)
    {
        final int rssiCentiDbm = (int)Math.round(Math.max(-95.0, Math.min(-20.0, rssiDbm)) * 100.0);
        if (publisher.tryPublishRfidRead(reader, antenna, epcHigh, epcLow, rssiCentiDbm, nowMs, 1) ==
            Publisher.BACK_PRESSURED)
        {
            publisher.countDropped();
        }
    }

    private void newItem(final SplittableRandom random, final int i, final long[] epcHigh, final int[] epcLow)
    {
        final long serial = nextSerial.getAndIncrement();
        epcHigh[i] = productHigh[random.nextInt(productHigh.length)] | (serial >>> 32);
        epcLow[i] = (int)serial;
    }

    /**
     * A stage drawn in proportion to its mean dwell: the share of items in each stage in the steady state.
     */
    private static int initialStage(final SplittableRandom random)
    {
        double totalMs = 0;
        for (final long[] range : STAGE_DWELL_MS)
        {
            totalMs += range[0] + range[1];
        }
        double pick = random.nextDouble() * totalMs;
        for (int stage = 0; stage < STAGE_DWELL_MS.length; stage++)
        {
            pick -= STAGE_DWELL_MS[stage][0] + STAGE_DWELL_MS[stage][1];
            if (pick < 0)
            {
                return stage;
            }
        }
        return STAGE_GONE;
    }

    private static int zoneFor(final SplittableRandom random, final int stage)
    {
        switch (stage)
        {
            case STAGE_RECEIVING: return PlantLayout.RECEIVING;
            case STAGE_STORAGE: return PlantLayout.STORAGE_A + random.nextInt(3);
            case STAGE_STATION: return PlantLayout.STATION_1 + random.nextInt(2);
            case STAGE_SHIPPING: return PlantLayout.SHIPPING;
            default: return -1;
        }
    }

    private static long dwellMs(final SplittableRandom random, final int stage)
    {
        final long[] range = STAGE_DWELL_MS[stage];
        return range[0] + (long)(random.nextDouble() * (range[1] - range[0]));
    }

    private static double gaussian(final SplittableRandom random, final double sigma)
    {
        // Box-Muller; SplittableRandom has no nextGaussian on JDK 17
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return sigma * Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
