package dev.inventory.rtls.ble;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BleZoneTrackerTest
{
    private static final int ROOM_A = 1;
    private static final int ROOM_B = 2;
    /** Two 10 m x 10 m rooms side by side, wall at x = 10; two receivers per room. */
    private static final double[][] RECEIVERS = {{3, 5}, {6, 8}, {17, 5}, {14, 2}};
    private static final int[] RECEIVER_ZONES = {ROOM_A, ROOM_A, ROOM_B, ROOM_B};
    private static final PathLossModel MODEL = new PathLossModel(-59.0, 2.2);
    private static final double WALL_LOSS_DB = 3.0;
    private static final long PERIOD_MS = 250; // 4 advertisements per second

    /** Simulated readings of one tag: path loss + wall loss + Gaussian shadowing, each receiver every period. */
    private static final class Walk
    {
        final BleZoneTracker tracker;
        final SplittableRandom random;
        final double shadowingDb;
        double wallLossDb = WALL_LOSS_DB;
        int changes;
        int lateChanges;
        long settledAfterMs = Long.MAX_VALUE;
        long lastChangeMs;
        int zone = BleZoneTracker.NO_ZONE;

        Walk(final BleZoneTracker tracker, final long seed, final double shadowingDb)
        {
            this.tracker = tracker;
            this.random = new SplittableRandom(seed);
            this.shadowingDb = shadowingDb;
        }

        void step(final long tagId, final long timeMs, final double x, final double y)
        {
            for (int r = 0; r < RECEIVERS.length; r++)
            {
                final double dx = x - RECEIVERS[r][0];
                final double dy = y - RECEIVERS[r][1];
                final double d = Math.max(0.5, Math.sqrt(dx * dx + dy * dy + 4.0)); // receivers 2 m above the tag
                final boolean throughWall = (x < 10) != (RECEIVERS[r][0] < 10);
                final double rssi = MODEL.rssiDbm(d) - (throughWall ? wallLossDb : 0) +
                    shadowingDb * gaussian(random);
                final int z = tracker.onRssi(tagId, r, timeMs + r * 7L, rssi);
                assertThat(z).isPositive();
                if (tracker.lastChanged() && zone != BleZoneTracker.NO_ZONE)
                {
                    changes++;
                    lastChangeMs = timeMs;
                    lateChanges += timeMs >= settledAfterMs ? 1 : 0;
                }
                zone = z;
            }
        }
    }

    private static double gaussian(final SplittableRandom random)
    {
        // Box-Muller, deterministic
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    private static BleZoneTracker hysteresis()
    {
        return new BleZoneTracker(new BleZoneTracker.Config().receiverZones(RECEIVER_ZONES).pathLoss(MODEL));
    }

    private static BleZoneTracker plainStrongest()
    {
        return new BleZoneTracker(new BleZoneTracker.Config().receiverZones(RECEIVER_ZONES).marginDb(0).holdMs(0)
            .smoothingAlpha(1.0));
    }

    private static Walk walkBetweenRooms(final BleZoneTracker tracker, final long seed, final double shadowingDb)
    {
        final Walk walk = new Walk(tracker, seed, shadowingDb);
        long t = 1_000_000;
        // 10 s in room A, walk from (4, 5) to (16, 5) at 0.5 m/s (crossing the wall at t0 + 22 s), 20 s in room B
        for (int i = 0; i < 40; i++, t += PERIOD_MS)
        {
            walk.step(7, t, 4, 5);
        }
        final int steps = 24 * 4;
        for (int i = 0; i <= steps; i++, t += PERIOD_MS)
        {
            walk.step(7, t, 4 + 12.0 * i / steps, 5);
        }
        for (int i = 0; i < 80; i++, t += PERIOD_MS)
        {
            walk.step(7, t, 16, 5);
        }
        return walk;
    }

    @Test
    void shouldChangeRoomOnceWhenTagWalksBetweenRooms()
    {
        int totalChanges = 0;
        int plainChanges = 0;
        long worstLagMs = 0;
        final int runs = 50;
        for (int seed = 0; seed < runs; seed++)
        {
            final double shadowingDb = 4.0 + (seed % 3); // 4, 5, 6 dB
            final Walk walk = walkBetweenRooms(hysteresis(), seed, shadowingDb);
            assertThat(walk.zone).isEqualTo(ROOM_B);
            assertThat(walk.tracker.zoneOf(7)).isEqualTo(ROOM_B);
            assertThat(walk.changes).isBetween(1, 3);
            totalChanges += walk.changes;
            worstLagMs = Math.max(worstLagMs, walk.lastChangeMs - (1_000_000 + 10_000 + 12_000));
            final Walk plain = walkBetweenRooms(plainStrongest(), seed, shadowingDb);
            plainChanges += plain.changes;
        }
        System.out.println("BLE walk, " + runs + " runs, shadowing 4-6 dB: hysteresis " + totalChanges +
            " zone changes (" + (double)totalChanges / runs + "/run), worst lag after the wall " + worstLagMs +
            " ms; plain strongest receiver " + plainChanges + " (" + (double)plainChanges / runs + "/run)");
        assertThat(totalChanges).isLessThanOrEqualTo(runs + runs / 10);
        assertThat(plainChanges).isGreaterThan(5 * totalChanges);
        assertThat(worstLagMs).isBetween(-4_000L, 13_000L);
    }

    @Test
    void shouldNotFlapWhenTagParkedAtBoundary()
    {
        int totalChanges = 0;
        int lateChanges = 0;
        int plainChanges = 0;
        final int runs = 10;
        for (int seed = 0; seed < runs; seed++)
        {
            final Walk walk = new Walk(hysteresis(), 100 + seed, 6.0);
            final Walk plain = new Walk(plainStrongest(), 100 + seed, 6.0);
            long t = 5_000_000;
            walk.settledAfterMs = t + 60_000; // the first placement uses the first receiver heard: may correct once
            walk.wallLossDb = 0; // in the open doorway: both rooms' receivers equally strong on average
            plain.wallLossDb = 0;
            for (int i = 0; i < 4 * 600; i++, t += PERIOD_MS) // 10 minutes at the wall
            {
                walk.step(9, t, 10.0, 5.0);
                plain.step(9, t, 10.0, 5.0);
            }
            totalChanges += walk.changes;
            lateChanges += walk.lateChanges;
            plainChanges += plain.changes;
            assertThat(walk.changes).isLessThanOrEqualTo(1);
        }
        System.out.println("BLE parked in the doorway, " + runs + " x 10 min, shadowing 6 dB: hysteresis " +
            totalChanges + " zone changes (" + lateChanges + " after the first minute); plain strongest receiver " +
            plainChanges);
        assertThat(lateChanges).isZero();

        int wallChanges = 0;
        for (int seed = 0; seed < runs; seed++) // just inside room B behind a 3 dB wall: at most one correction
        {
            final Walk walk = new Walk(hysteresis(), 200 + seed, 6.0);
            long t = 5_000_000;
            for (int i = 0; i < 4 * 600; i++, t += PERIOD_MS)
            {
                walk.step(9, t, 10.0, 5.0);
            }
            assertThat(walk.changes).isLessThanOrEqualTo(1);
            wallChanges += walk.changes;
        }
        System.out.println("BLE parked at the wall (3 dB wall loss), " + runs + " x 10 min: " + wallChanges +
            " zone changes (corrections of the first placement, never back)");
        assertThat(plainChanges).isGreaterThan(100 * runs);
    }

    @Test
    void shouldSwitchAtOnceWhenIncumbentReceiversGoStale()
    {
        final BleZoneTracker tracker = hysteresis();
        assertThat(tracker.onRssi(1, 0, 1_000, -60)).isEqualTo(ROOM_A);
        assertThat(tracker.lastChanged()).isTrue();
        assertThat(tracker.onRssi(1, 2, 2_000, -80)).isEqualTo(ROOM_A); // weaker challenger
        assertThat(tracker.onRssi(1, 2, 7_000, -80)).isEqualTo(ROOM_B); // room A silent for 6 s > 5 s
        assertThat(tracker.lastChanged()).isTrue();
        assertThat(tracker.zoneChanges()).isEqualTo(2);
    }

    @Test
    void shouldSwitchOnlyWhenChallengerHeldMarginForHoldTime()
    {
        final BleZoneTracker tracker = hysteresis();
        tracker.onRssi(1, 0, 1_000, -70);
        assertThat(tracker.onRssi(1, 2, 1_100, -60)).isEqualTo(ROOM_A); // +10 dB: challenger from 1.1 s
        assertThat(tracker.onRssi(1, 2, 3_000, -60)).isEqualTo(ROOM_A);
        assertThat(tracker.onRssi(1, 0, 3_500, -69)).isEqualTo(ROOM_A); // smoothed A still ~-70: claim holds
        assertThat(tracker.onRssi(1, 2, 4_100, -60)).isEqualTo(ROOM_B); // 3 s held
        assertThat(tracker.lastChanged()).isTrue();
        assertThat(tracker.zoneOf(1)).isEqualTo(ROOM_B);
        assertThat(tracker.zoneOf(2)).isEqualTo(BleZoneTracker.NO_ZONE);
    }

    @Test
    void shouldDropChallengerWhenMarginLost()
    {
        final BleZoneTracker tracker = hysteresis();
        tracker.onRssi(1, 0, 1_000, -70);
        tracker.onRssi(1, 2, 1_100, -60); // challenger from 1.1 s
        tracker.onRssi(1, 0, 2_000, -20); // A smoothed -70 + 0.15 * 50 = -62.5: B no longer 6 dB ahead
        assertThat(tracker.onRssi(1, 2, 2_100, -30)).isEqualTo(ROOM_A); // B -55.5: a new claim from 2.1 s
        assertThat(tracker.onRssi(1, 2, 4_200, -55.5)).isEqualTo(ROOM_A); // 3.1 s after the first claim
        assertThat(tracker.onRssi(1, 2, 5_100, -55.5)).isEqualTo(ROOM_B);
    }

    @Test
    void shouldReturnErrorCodesWhenInputBad()
    {
        final BleZoneTracker tracker = new BleZoneTracker(new BleZoneTracker.Config().receiverZones(0, 0).maxTags(2));
        assertThat(tracker.onRssi(1, 2, 0, -60)).isEqualTo(BleZoneTracker.UNKNOWN_RECEIVER);
        assertThat(tracker.onRssi(1, -1, 0, -60)).isEqualTo(BleZoneTracker.UNKNOWN_RECEIVER);
        assertThat(tracker.onRssi(1, 0, 0, Double.NaN)).isEqualTo(BleZoneTracker.BAD_RSSI);
        assertThat(tracker.onRssi(1, 0, 0, 40)).isEqualTo(BleZoneTracker.BAD_RSSI);
        assertThat(tracker.onRssi(1, 0, 0, -60)).isZero();
        assertThat(tracker.onRssi(Long.MIN_VALUE, 0, 0, -60)).isZero();
        assertThat(tracker.onRssi(3, 0, 0, -60)).isEqualTo(BleZoneTracker.TAG_CAPACITY_EXCEEDED);
        assertThat(tracker.tagCount()).isEqualTo(2);
        assertThat(tracker.zoneOf(Long.MIN_VALUE)).isZero();
        assertThatThrownBy(() -> new BleZoneTracker(new BleZoneTracker.Config()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receiverZones");
        assertThatThrownBy(() -> new BleZoneTracker(new BleZoneTracker.Config().receiverZones(1).smoothingAlpha(0)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smoothingAlpha");
    }

    @Test
    void shouldConvertBetweenRssiAndDistanceWhenModelConfigured()
    {
        final PathLossModel model = new PathLossModel(-59.0, 2.0);
        assertThat(model.rssiDbm(1.0)).isCloseTo(-59.0, within(1e-12));
        assertThat(model.rssiDbm(10.0)).isCloseTo(-79.0, within(1e-12));
        assertThat(model.distanceM(-79.0)).isCloseTo(10.0, within(1e-9));
        assertThat(new PathLossModel(-65, 3.0).distanceM(new PathLossModel(-65, 3.0).rssiDbm(7.5)))
            .isCloseTo(7.5, within(1e-9));
        final BleZoneTracker tracker = new BleZoneTracker(new BleZoneTracker.Config().receiverZones(0)
            .pathLoss(model).smoothingAlpha(1.0));
        tracker.onRssi(5, 0, 0, -79.0);
        assertThat(tracker.distanceM(5, 0)).isCloseTo(10.0, within(1e-9));
        assertThat(tracker.smoothedRssiDbm(5, 0)).isEqualTo(-79.0);
        assertThat(tracker.distanceM(6, 0)).isNaN();
        assertThatThrownBy(() -> new PathLossModel(-59, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotAllocateWhenTrackingManyTags()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final BleZoneTracker tracker = new BleZoneTracker(new BleZoneTracker.Config().receiverZones(RECEIVER_ZONES)
            .maxTags(2048));
        final int readings = 1_000_000;
        long checksum = run(tracker, readings, 0);
        checksum += run(tracker, readings, 1);
        final long threadId = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(threadId);
        final long before = threads.getThreadAllocatedBytes(threadId);
        final long startNs = System.nanoTime();
        checksum += run(tracker, readings, 2);
        final long elapsedNs = System.nanoTime() - startNs;
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        System.out.println("BLE allocation: " + allocated + " B over " + readings + " readings, ~" +
            (readings * 1_000_000_000L / Math.max(1, elapsedNs)) + " readings/s (checksum " + checksum + ")");
        assertThat(allocated).isZero();
    }

    private static long run(final BleZoneTracker tracker, final int readings, final int pass)
    {
        long sum = 0;
        long rssiBits = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < readings; i++)
        {
            rssiBits ^= rssiBits << 13;
            rssiBits ^= rssiBits >>> 7;
            rssiBits ^= rssiBits << 17;
            final double rssi = -90.0 + (rssiBits & 63);
            sum += tracker.onRssi(i % 2000, (i >>> 3) & 3, pass * 10_000_000L + i * 10L, rssi);
        }
        return sum + tracker.zoneChanges();
    }
}
