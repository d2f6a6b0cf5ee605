package dev.inventory.rtls.site;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.record.PositionFlyweight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZoneTrackerSnapshotTest
{
    private static final long T0 = 1_767_225_600_000L;
    private static final int TAGS = 25;
    private static final int STEPS = 4_000;

    /** A pipeline with a zone tracker on a four-zone hall (ids 10..13, one restricted with a dwell limit). */
    private static final class Hall
    {
        final List<String> events = new ArrayList<>();
        final SiteMap map = new SiteMap(4.0, 0.4);
        final ZoneTracker tracker;
        final Pipeline pipeline;
        final ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        final PositionFlyweight position = new PositionFlyweight();

        Hall()
        {
            map.addZone(10, "dock", 0, new double[] {0, 0, 10, 0, 10, 10, 0, 10}, null, 0, 3, false, 0);
            map.addZone(11, "aisle", 0, new double[] {12, 0, 18, 0, 18, 20, 12, 20},
                new double[] {11, -1, 19, -1, 19, 21, 11, 21}, 0, 3, false, 8_000);
            map.addZone(12, "cage", 0, new double[] {0, 12, 10, 12, 10, 20, 0, 20}, null, 0, 3, true, 5_000);
            map.addZone(13, "bay", 0, new double[] {5, 5, 15, 5, 15, 15, 5, 15}, null, 0, 3, false, 0); // overlaps
            map.seal();
            map.authorize(map.indexOf(12), 3);
            tracker = new ZoneTracker(map, 64, 4, 3, 2, 1_500);
            pipeline = new Pipeline(EngineConfig.builder().build(), new Counters(), e -> events.add(
                e.sequence() + ":" + RtlsEventType.name(e.type()) + ":" + e.epcHigh() + ":" + e.fromZone() + ">" +
                e.toZone() + ":" + e.dwellMs() + "@" + e.timestampMs()));
            pipeline.extension(tracker);
        }

        void run(final int fromStep, final int toStep)
        {
            for (int step = fromStep; step < toStep; step++)
            {
                for (int tag = 0; tag < TAGS; tag++)
                {
                    // deterministic per (step, tag): a slow circle per tag plus jitter
                    final SplittableRandom random = new SplittableRandom(step * 1_000L + tag);
                    final double angle = 2 * Math.PI * (step + tag * 97) / 900.0;
                    final double x = 10 + 9 * Math.cos(angle) + random.nextDouble(-0.3, 0.3);
                    final double y = 10 + 9 * Math.sin(angle) + random.nextDouble(-0.3, 0.3);
                    position.wrap(buffer, 0).set(7, tag, x, y, 1.0, 0.05, T0 + step * 100L + tag);
                    pipeline.onRecord(buffer, 0);
                }
            }
        }
    }

    private static byte[] snapshot(final Pipeline pipeline) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            pipeline.writeSnapshot(out);
        }
        return bytes.toByteArray();
    }

    @Test
    void shouldEmitSameEventsAfterRestoreWhenSnapshotTakenMidStream() throws IOException
    {
        final Hall straight = new Hall();
        straight.run(0, STEPS);
        assertThat(straight.events).hasSizeGreaterThan(200);
        assertThat(straight.events).anyMatch(e -> e.contains(":restricted_entry:"));
        assertThat(straight.events).anyMatch(e -> e.contains(":dwell_exceeded:"));

        for (final int cut : new int[] {1, 777, STEPS / 2, STEPS - 3})
        {
            final Hall before = new Hall();
            before.run(0, cut);
            final byte[] bytes = snapshot(before.pipeline);

            final Hall after = new Hall();
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes)))
            {
                after.pipeline.readSnapshot(in);
                assertThat(in.read()).as("snapshot consumed exactly").isEqualTo(-1);
            }
            assertThat(after.tracker.tagCount()).isEqualTo(before.tracker.tagCount());
            after.run(cut, STEPS);
            assertThat(after.events).as("events after a restore at step " + cut)
                .isEqualTo(straight.events.subList(before.events.size(), straight.events.size()));
        }
    }

    @Test
    void shouldRejectSnapshotWhenZoneIdIsNotInSiteMap() throws IOException
    {
        final Hall before = new Hall();
        before.run(0, 300);
        assertThat(before.tracker.isInside(0, 11) || before.tracker.isInside(0, 13) ||
            before.tracker.isInside(0, 10) || before.tracker.isInside(0, 12)).isTrue();
        final byte[] bytes = snapshot(before.pipeline);

        final SiteMap other = new SiteMap(4.0, 0.4);
        other.addZone(99, "elsewhere", 0, new double[] {0, 0, 1, 0, 1, 1}, null, 0, 3, false, 0);
        other.seal();
        final Pipeline pipeline = new Pipeline(EngineConfig.builder().build(), new Counters(), e -> { });
        pipeline.extension(new ZoneTracker(other, 64, 4, 3, 2, 1_500));
        assertThatThrownBy(() -> pipeline.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes))))
            .isInstanceOf(IOException.class).hasMessageContaining("is not in the site map");
    }

    @Test
    void shouldRejectSnapshotWhenTagsExceedCapacity() throws IOException
    {
        final Hall before = new Hall();
        before.run(0, 10);
        final byte[] bytes = snapshot(before.pipeline);

        final Hall small = new Hall();
        small.pipeline.extension(new ZoneTracker(small.map, 8, 4, 3, 2, 1_500));
        assertThatThrownBy(() -> small.pipeline.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes))))
            .isInstanceOf(IOException.class).hasMessageContaining("capacity is 8");
    }
}
