package dev.inventory.rtls.ble;

import java.util.SplittableRandom;

/**
 * A deterministic stream of BLE readings: two 10 m rooms side by side (wall at x = 10, 3 dB wall loss), two
 * receivers per room, tags swinging between the rooms on slow sines, each receiver hearing each tag every 250 ms
 * with 4 dB Gaussian shadowing. Tag {@link #SILENT_TAG} is not heard from {@link #SILENT_FROM_MS} to
 * {@link #SILENT_TO_MS} (relative to {@link #T0}). Readings are in time order per tag, slightly interleaved across tags
 * and receivers, as from several gateways. The rooms are BLE zones {@link #ROOM_A} / {@link #ROOM_B}, named
 * {@link #ROOM_A_NAME} / {@link #ROOM_B_NAME}.
 */
final class BleStream
{
    static final long T0 = 1_767_225_600_000L;
    static final int ROOM_A = 5;
    static final int ROOM_B = 6;
    static final String ROOM_A_NAME = "room-a";
    static final String ROOM_B_NAME = "room-b";
    static final int[] RECEIVER_IDS = {101, 102, 201, 202};
    static final int[] RECEIVER_ZONES = {ROOM_A, ROOM_A, ROOM_B, ROOM_B};
    static final int TAGS = 6;
    static final int SILENT_TAG = 5;
    static final long SILENT_FROM_MS = 60_000;
    static final long SILENT_TO_MS = 100_000;
    static final long PERIOD_MS = 250;

    private static final double[][] RECEIVERS = {{3, 5}, {6, 8}, {17, 5}, {14, 2}};
    private static final PathLossModel MODEL = new PathLossModel(-59.0, 2.2);

    final int count;
    final int[] receiver;
    final long[] tag;
    final double[] rssiDbm;
    final long[] timeMs;

    /**
     * @param seconds stream length.
     * @param seed    shadowing seed.
     */
    BleStream(final int seconds, final long seed)
    {
        final int steps = (int)(seconds * 1000L / PERIOD_MS);
        final int max = steps * TAGS * RECEIVERS.length;
        receiver = new int[max];
        tag = new long[max];
        rssiDbm = new double[max];
        timeMs = new long[max];
        final SplittableRandom random = new SplittableRandom(seed);
        int n = 0;
        for (int step = 0; step < steps; step++)
        {
            final long t = step * PERIOD_MS;
            for (int k = 0; k < TAGS; k++)
            {
                if (k == SILENT_TAG && t >= SILENT_FROM_MS && t < SILENT_TO_MS)
                {
                    continue;
                }
                final double periodMs = 90_000 + 20_000 * k;
                final double x = 10 + 7 * Math.sin(2 * Math.PI * t / periodMs + k);
                final double y = 5;
                for (int r = 0; r < RECEIVERS.length; r++)
                {
                    final double dx = x - RECEIVERS[r][0];
                    final double dy = y - RECEIVERS[r][1];
                    final double d = Math.max(0.5, Math.sqrt(dx * dx + dy * dy + 4.0));
                    final boolean throughWall = (x < 10) != (RECEIVERS[r][0] < 10);
                    receiver[n] = RECEIVER_IDS[r];
                    tag[n] = 1000 + k;
                    rssiDbm[n] = MODEL.rssiDbm(d) - (throughWall ? 3.0 : 0) + 4.0 * gaussian(random);
                    timeMs[n] = T0 + t + r * 7L + k;
                    n++;
                }
            }
        }
        count = n;
    }

    static BleZoneTracker.Config config()
    {
        return new BleZoneTracker.Config().receiverZones(RECEIVER_ZONES).zoneName(ROOM_A, ROOM_A_NAME)
            .zoneName(ROOM_B, ROOM_B_NAME).pathLoss(MODEL).maxTags(64).absentAfterMs(15_000);
    }

    private static double gaussian(final SplittableRandom random)
    {
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
