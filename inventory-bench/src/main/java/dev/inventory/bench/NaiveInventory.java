package dev.inventory.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer written the way plain java.util code usually is: read objects through an {@link ArrayBlockingQueue},
 * a consumer thread applying the same logic as the engine's pipeline (dedup window per tag and antenna, presence
 * with timeout, zone by running mean RSSI plus a decaying margin, zone counts, events into a list) on
 * {@link HashMap}s keyed by an {@link Epc} object with boxed values. Same parameters as the engine defaults.
 * Threadsafe: any thread may {@link #publish}; one consumer thread owns the maps.
 */
final class NaiveInventory implements Runnable
{
    /** An EPC as an object key. */
    record Epc(long high, int low)
    {
    }

    /** One read as an object. */
    record Read(Epc epc, int reader, int antenna, int rssiCentiDbm, long timestampMs)
    {
    }

    /** One event as an object. */
    record Event(String type, Epc epc, Integer fromZone, Integer toZone, long timestampMs)
    {
    }

    /** Running mean RSSI of a tag in a zone. */
    static final class ZoneStat
    {
        double meanDb;
        int reads;
        long lastSeenMs;
    }

    private static final Read POISON = new Read(new Epc(0, 0), 0, 0, 0, 0);
    private static final long DEDUP_WINDOW_MS = 200;
    private static final long PRESENCE_TIMEOUT_MS = 30_000;
    private static final int SMOOTHING_READS = 20;
    private static final double MARGIN_DB = 6.0;
    private static final long HOLD_OFF_MS = 500;
    private static final double SLOPE_DB_PER_MS = -0.008;
    private static final int MIN_READS = 2;
    private static final long CHALLENGE_WINDOW_MS = 2_000;

    private final BlockingQueue<Read> queue;
    private final AtomicLong processed = new AtomicLong();
    private final Thread thread;

    private final Map<Integer, Integer> zoneByAntenna = new HashMap<>();
    private final Map<Epc, Long> lastSeen = new HashMap<>();
    private final Map<Epc, Integer> zoneOf = new HashMap<>();
    private final Map<Epc, Map<Integer, Long>> windowStart = new HashMap<>();
    private final Map<Epc, Map<Integer, ZoneStat>> zoneStats = new HashMap<>();
    private final Map<Integer, Integer> zoneCounts = new HashMap<>();
    private final List<Event> events = new ArrayList<>();
    private long eventCount;
    private long nextSweepMs = Long.MIN_VALUE;

    NaiveInventory(final int queueCapacity)
    {
        queue = new ArrayBlockingQueue<>(queueCapacity);
        for (int a = 1; a <= ReadStream.ZONES; a++)
        {
            zoneByAntenna.put(a, a - 1);
        }
        thread = new Thread(this, "naive-consumer");
        thread.setDaemon(true);
    }

    void start()
    {
        thread.start();
    }

    void publish(final Read read) throws InterruptedException
    {
        queue.put(read);
    }

    long processed()
    {
        return processed.get();
    }

    long eventCount()
    {
        return eventCount;
    }

    void close() throws InterruptedException
    {
        queue.put(POISON);
        thread.join(10_000);
    }

    @Override
    public void run()
    {
        try
        {
            while (true)
            {
                final Read read = queue.take();
                if (read == POISON)
                {
                    return;
                }
                onRead(read);
                processed.lazySet(processed.get() + 1);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void onRead(final Read read)
    {
        final long now = read.timestampMs();
        if (now >= nextSweepMs)
        {
            sweep(now);
            nextSweepMs = now + 1_000;
        }
        final Integer sampleZone = zoneByAntenna.get(read.antenna());
        if (sampleZone == null)
        {
            return;
        }
        final Epc epc = read.epc();
        final Long previous = lastSeen.put(epc, now);
        final Map<Integer, Long> windows = windowStart.computeIfAbsent(epc, e -> new HashMap<>());
        final Map<Integer, ZoneStat> stats = zoneStats.computeIfAbsent(epc, e -> new HashMap<>());
        if (previous == null)
        {
            windows.put(read.antenna(), now);
            sample(stats, sampleZone, now, read.rssiCentiDbm());
            zoneOf.put(epc, sampleZone);
            zoneCounts.merge(sampleZone, 1, Integer::sum);
            emit(new Event("appeared", epc, null, sampleZone, now));
            return;
        }
        final Long start = windows.get(read.antenna());
        if (start != null && Math.abs(now - start) < DEDUP_WINDOW_MS)
        {
            final ZoneStat stat = stats.get(sampleZone);
            if (stat != null && now > stat.lastSeenMs)
            {
                stat.lastSeenMs = now;
            }
            return;
        }
        windows.put(read.antenna(), now);
        final ZoneStat challenger = sample(stats, sampleZone, now, read.rssiCentiDbm());
        final Integer incumbent = zoneOf.get(epc);
        if (sampleZone.equals(incumbent) || challenger.reads < MIN_READS)
        {
            return;
        }
        final ZoneStat held = stats.get(incumbent);
        final boolean wins;
        if (held == null)
        {
            wins = true;
        }
        else
        {
            final long sinceMs = Math.max(0, now - held.lastSeenMs);
            final double margin = MARGIN_DB + SLOPE_DB_PER_MS * (sinceMs - HOLD_OFF_MS);
            wins = challenger.meanDb > held.meanDb + margin;
        }
        if (wins)
        {
            zoneOf.put(epc, sampleZone);
            zoneCounts.merge(incumbent, -1, Integer::sum);
            zoneCounts.merge(sampleZone, 1, Integer::sum);
            emit(new Event("moved", epc, incumbent, sampleZone, now));
        }
    }

    private static ZoneStat sample(
        final Map<Integer, ZoneStat> stats, final Integer zone, final long now, final int rssiCentiDbm)
    {
        final double rssiDb = rssiCentiDbm / 100.0;
        ZoneStat stat = stats.get(zone);
        if (stat == null || now - stat.lastSeenMs > CHALLENGE_WINDOW_MS)
        {
            stat = new ZoneStat();
            stat.meanDb = rssiDb;
            stat.reads = 1;
            stat.lastSeenMs = now;
            stats.put(zone, stat);
            return stat;
        }
        stat.reads++;
        stat.meanDb += (rssiDb - stat.meanDb) / Math.min(stat.reads, SMOOTHING_READS);
        stat.lastSeenMs = Math.max(stat.lastSeenMs, now);
        return stat;
    }

    private void sweep(final long now)
    {
        final Iterator<Map.Entry<Epc, Long>> it = lastSeen.entrySet().iterator();
        while (it.hasNext())
        {
            final Map.Entry<Epc, Long> e = it.next();
            if (now - e.getValue() >= PRESENCE_TIMEOUT_MS)
            {
                final Epc epc = e.getKey();
                it.remove();
                final Integer zone = zoneOf.remove(epc);
                windowStart.remove(epc);
                zoneStats.remove(epc);
                zoneCounts.merge(zone, -1, Integer::sum);
                emit(new Event("disappeared", epc, zone, null, now));
            }
        }
    }

    private void emit(final Event event)
    {
        events.add(event);
        eventCount++;
        if (events.size() >= 100_000)
        {
            events.clear(); // a sink took them
        }
    }
}
