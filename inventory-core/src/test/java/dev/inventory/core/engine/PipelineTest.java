package dev.inventory.core.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.ingest.Publisher;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.query.LedgerQueries;
import dev.inventory.core.query.TagView;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RfidReadFlyweight;
import dev.inventory.core.spi.EpcFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long EPC_A = 0x3074257BF7194E40L;
    private static final long EPC_B = 0x3074257BF7194E41L;

    private static EngineConfig.Builder twoZones()
    {
        return EngineConfig.builder()
            .zone("dock", 1, 1, 2)
            .zone("store", 1, 3, 4)
            .presenceTimeoutMs(10_000)
            .clockTickIntervalMs(0);
    }

    @Test
    void shouldEmitAppearedOnFirstSightInTheAntennasZone()
    {
        final PipelineHarness h = new PipelineHarness(twoZones().build());
        h.read(T0, 1, 3, EPC_A, 1, -55);

        assertThat(h.events).containsExactly(T0 + " appeared " + Long.toHexString(EPC_A) + " null->store");
        final TagView view = LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 1);
        assertThat(view.zone()).isEqualTo("store");
        assertThat(view.present()).isTrue();
        assertThat(view.firstSeenMs()).isEqualTo(T0);
        assertThat(LedgerQueries.zoneCount(h.pipeline, "store")).isEqualTo(1);
        assertThat(h.counters.get(Counters.TAGS_PRESENT)).isEqualTo(1);
    }

    @Test
    void shouldMergeDuplicateBurstWithinWindow()
    {
        final PipelineHarness h = new PipelineHarness(twoZones().dedupWindowMs(200).build());
        for (int i = 0; i < 50; i++)
        {
            h.read(T0 + i, 1, 1, EPC_A, 1, -60 + (i % 5));
        }
        assertThat(h.counters.get(Counters.READS)).isEqualTo(50);
        assertThat(h.counters.get(Counters.DEDUPED)).isEqualTo(49);
        assertThat(h.events).hasSize(1);
        assertThat(h.pipeline.dedup().lastWindowCount()).isEqualTo(50);
        assertThat(h.pipeline.dedup().lastWindowPeakRssi()).isEqualTo(-5600);
        assertThat(h.pipeline.dedup().lastWindowFirstSeenMs()).isEqualTo(T0);
        assertThat(h.pipeline.dedup().lastWindowLastSeenMs()).isEqualTo(T0 + 49);
        // a read after the window opens a new window: forwarded, not deduped
        h.read(T0 + 250, 1, 1, EPC_A, 1, -60);
        assertThat(h.counters.get(Counters.DEDUPED)).isEqualTo(49);
    }

    @Test
    void shouldMergeOutOfOrderReadsAndNeverMoveLastSeenBackwards()
    {
        final PipelineHarness h = new PipelineHarness(twoZones().build());
        h.read(T0 + 100, 1, 1, EPC_A, 1, -60);
        h.read(T0 + 50, 1, 1, EPC_A, 1, -60);
        h.read(T0 + 20, 1, 1, EPC_A, 1, -60);
        final TagView view = LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 1);
        assertThat(view.lastSeenMs()).isEqualTo(T0 + 100);
        assertThat(h.counters.get(Counters.DEDUPED)).isEqualTo(2);
        assertThat(h.counters.get(Counters.REJECTED)).isZero();
    }

    @Test
    void shouldNotFlickerAtZoneBoundary()
    {
        // a tag parked between two zones, read by both with similar, noisy RSSI
        final PipelineHarness h = new PipelineHarness(twoZones().dedupWindowMs(0).build());
        final Random random = new Random(42);
        for (int i = 0; i < 2_000; i++)
        {
            final long ts = T0 + i * 50L;
            final boolean dock = (i & 1) == 0;
            final double rssi = (dock ? -60 : -61) + random.nextGaussian() * 3;
            h.read(ts, 1, dock ? 1 : 3, EPC_A, 1, rssi);
        }
        assertThat(h.counters.get(Counters.MOVED)).isLessThanOrEqualTo(1);
        assertThat(h.counters.get(Counters.APPEARED)).isEqualTo(1);
    }

    @Test
    void shouldMoveWhenTagClearlyChangesZoneAndReportDwell()
    {
        final PipelineHarness h = new PipelineHarness(twoZones().dedupWindowMs(0).build());
        for (int i = 0; i < 20; i++)
        {
            h.read(T0 + i * 100L, 1, 1, EPC_A, 1, -50);
            h.read(T0 + i * 100L + 1, 1, 3, EPC_A, 1, -75);
        }
        final long moveStart = T0 + 2_000;
        for (int i = 0; i < 20; i++)
        {
            h.read(moveStart + i * 100L, 1, 3, EPC_A, 1, -50);
            h.read(moveStart + i * 100L + 1, 1, 1, EPC_A, 1, -75);
        }
        assertThat(h.counters.get(Counters.MOVED)).isEqualTo(1);
        final String moved = h.events.get(1);
        assertThat(moved).contains("moved").endsWith("dock->store");
        final long movedAt = Long.parseLong(moved.substring(0, moved.indexOf(' ')));
        assertThat(movedAt - moveStart).isBetween(0L, 1_500L);
        assertThat(h.dwells.get(1)).isEqualTo(movedAt - T0);
        assertThat(LedgerQueries.zoneCount(h.pipeline, "dock")).isZero();
        assertThat(LedgerQueries.zoneCount(h.pipeline, "store")).isEqualTo(1);
    }

    @Test
    void shouldKeepSilentTagPresentUntilTimeoutThenDisappearOnTimerNotOnScan()
    {
        final PipelineHarness h = new PipelineHarness(twoZones().build());
        h.read(T0, 1, 1, EPC_A, 1, -60); // read once, then silent (Gen2 session 2)
        for (int i = 1; i <= 9; i++)
        {
            h.read(T0 + i * 1_000L, 1, 3, EPC_B, 1, -60); // another tag keeps time moving
        }
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 1).present()).isTrue();
        h.tick(T0 + 9_999);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 1).present()).isTrue();
        h.tick(T0 + 10_050);
        final TagView gone = LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 1);
        assertThat(gone.present()).isFalse();
        assertThat(gone.zone()).isEqualTo("dock");
        assertThat(h.events).contains(T0 + 10_000 + " disappeared " + Long.toHexString(EPC_A) + " dock->null");
        assertThat(LedgerQueries.zoneCount(h.pipeline, "dock")).isZero();
        assertThat(h.counters.get(Counters.TAGS_PRESENT)).isEqualTo(1);
        // seen again: appears again
        h.read(T0 + 20_000, 1, 1, EPC_A, 1, -60);
        assertThat(h.counters.get(Counters.APPEARED)).isEqualTo(3);
    }

    @Test
    void shouldForgetMissingTagsAfterRetentionAndReuseTheirSlots()
    {
        final PipelineHarness h = new PipelineHarness(twoZones().tagCapacity(2).missingRetentionMs(60_000).build());
        h.read(T0, 1, 1, EPC_A, 1, -60);
        h.read(T0, 1, 1, EPC_A, 2, -60);
        h.tick(T0 + 10_000);
        assertThat(h.counters.get(Counters.DISAPPEARED)).isEqualTo(2);
        h.read(T0 + 20_000, 1, 1, EPC_A, 2, -60); // back: stays
        h.read(T0 + 20_000, 1, 1, EPC_A, 3, -60);
        assertThat(h.counters.rejected(RejectReason.TAG_CAPACITY)).isEqualTo(1);
        h.tick(T0 + 30_050);
        assertThat(h.counters.get(Counters.DISAPPEARED)).as("the returned tag times out on time").isEqualTo(3);
        h.tick(T0 + 69_999);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 1)).isNotNull();
        h.tick(T0 + 70_000);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 1)).isNull();
        assertThat(h.counters.get(Counters.FORGOTTEN)).isEqualTo(1);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 2).present()).isFalse();
        h.read(T0 + 70_001, 1, 3, EPC_A, 3, -60);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 3).zone()).isEqualTo("store");
    }

    @Test
    void shouldRunComposedExtensionsOnRecordsTimeAndCommands()
    {
        final java.util.List<String> seen = new java.util.ArrayList<>();
        final RecordExtension first = new RecordExtension()
        {
            @Override
            public boolean onRecord(final java.nio.ByteBuffer buffer, final int offset, final int type,
                final Pipeline pipeline)
            {
                seen.add("first:" + type);
                return false;
            }

            @Override
            public void onTime(final long nowMs, final Pipeline pipeline)
            {
                seen.add("time:" + (nowMs - T0));
            }
        };
        final RecordExtension second = (buffer, offset, type, pipeline) ->
        {
            seen.add("second:" + type);
            if (type == dev.inventory.core.record.RecordType.COMMAND)
            {
                pipeline.emit((short)150, (short)7, 0, pipeline.nowMs(), 1, 1, -1, -1, 0, 0, 0, -1);
                return true;
            }
            return false;
        };
        final PipelineHarness h = new PipelineHarness(twoZones()
            .recordExtension(RecordExtension.compose(first, second)).build());
        h.read(T0, 1, 1, EPC_A, 1, -60);
        h.tick(T0 + 5);
        h.command(T0 + 5, CommandFlyweight.FIRST_EXTENSION_COMMAND, EPC_A, 1, 0, 0, 0);
        h.command(T0 + 6, 5, EPC_A, 1, 0, 0, 0);

        assertThat(seen).containsExactly("time:0", "first:1", "second:1", "time:5", "first:7", "second:7", "time:6");
        assertThat(h.counters.get(Counters.COMMANDS)).isEqualTo(1);
        assertThat(h.counters.rejected(RejectReason.BAD_COMMAND)).isEqualTo(1);
        assertThat(h.events).hasSize(2);
    }

    @Test
    void shouldHoldTagsOfAReaderWhoseLinkIsDownAndCountTimeoutFromReconnect()
    {
        final PipelineHarness h = new PipelineHarness(EngineConfig.builder()
            .zone("dock", 1, 1)
            .zone("store", 2, 1)
            .presenceTimeoutMs(10_000)
            .clockTickIntervalMs(0)
            .build());
        h.read(T0, 1, 1, EPC_A, 1, -60);  // seen by reader 1
        h.read(T0, 2, 1, EPC_B, 1, -60);  // seen by reader 2
        h.link(T0 + 1_000, 1, false);
        h.tick(T0 + 60_000);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 1).present())
            .as("reader 1 is down: its tag is held").isTrue();
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_B, 1).present())
            .as("reader 2 is up: its tag timed out").isFalse();
        h.link(T0 + 60_000, 1, true);
        h.tick(T0 + 69_999);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 1).present()).isTrue();
        h.tick(T0 + 70_200);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 1).present()).isFalse();
        assertThat(h.events).contains(
            (T0 + 1_000) + " link_down 0 null->null",
            (T0 + 60_000) + " link_up 0 null->null",
            (T0 + 70_000) + " disappeared " + Long.toHexString(EPC_A) + " dock->null");
        h.link(T0 + 70_300, 1, true); // no change, no event
        assertThat(h.events.stream().filter(e -> e.contains("link_")).count()).isEqualTo(2);
    }

    @Test
    void shouldNotDisappearATagThatKeepsBeingReadEvenRarely()
    {
        final PipelineHarness h = new PipelineHarness(twoZones().build());
        for (int i = 0; i < 30; i++)
        {
            h.read(T0 + i * 9_000L, 1, 1, EPC_A, 1, -60); // every 9 s with a 10 s timeout
        }
        assertThat(h.counters.get(Counters.DISAPPEARED)).isZero();
        assertThat(h.counters.get(Counters.APPEARED)).isEqualTo(1);
    }

    @Test
    void shouldRejectUnknownAntennaWhenAutoZonesOffAndCreateZoneWhenOn()
    {
        final PipelineHarness strict = new PipelineHarness(twoZones().build());
        strict.read(T0, 9, 1, EPC_A, 1, -60);
        strict.read(T0, 1, 7, EPC_A, 1, -60);
        assertThat(strict.counters.rejected(RejectReason.UNKNOWN_ANTENNA)).isEqualTo(2);
        assertThat(strict.events).isEmpty();

        final PipelineHarness auto = new PipelineHarness(twoZones().autoZones(true).build());
        auto.read(T0, 9, 1, EPC_A, 1, -60);
        assertThat(auto.counters.get(Counters.REJECTED)).isZero();
        assertThat(LedgerQueries.whereIs(auto.pipeline, EpcFormatter.HEX, EPC_A, 1).zone()).isEqualTo("9.1");
    }

    @Test
    void shouldCountMalformedRecordsByReasonAndKeepRunning()
    {
        final PipelineHarness h = new PipelineHarness(twoZones().build());
        final int offset = 0;

        h.rawRead(T0, 1, 1, EPC_A, 1);
        h.buffer().putShort(offset + RecordDescriptor.TYPE_OFFSET, (short)77);
        h.feedRaw();

        h.rawRead(-5, 1, 1, EPC_A, 1);
        h.feedRaw();

        h.rawRead(T0, 1, 1, EPC_A, 1);
        h.buffer().putShort(offset + RfidReadFlyweight.ANTENNA_OFFSET, (short)0);
        h.feedRaw();

        h.rawRead(T0, 1, 1, EPC_A, 1).epcBitLength(0);
        h.feedRaw();
        h.rawRead(T0, 1, 1, EPC_A, 1).epcBitLength(95);
        h.feedRaw();

        h.rawRead(T0, 1, 1, EPC_A, 1);
        h.buffer().putInt(offset + RfidReadFlyweight.SEEN_COUNT_OFFSET, 0);
        h.feedRaw();

        h.rawRead(T0, 1, 1, EPC_A, 1);
        h.buffer().putInt(offset + RfidReadFlyweight.RSSI_OFFSET, 99_900);
        h.feedRaw();

        h.command(T0, 999, EPC_A, 1, 0, 0, 0);
        h.command(T0, CommandFlyweight.SET_TAG_STATUS, EPC_B, 5, 2, 0, 0);

        assertThat(h.counters.rejected(RejectReason.UNKNOWN_TYPE)).isEqualTo(1);
        assertThat(h.counters.rejected(RejectReason.BAD_TIMESTAMP)).isEqualTo(1);
        assertThat(h.counters.rejected(RejectReason.BAD_ANTENNA)).isEqualTo(1);
        assertThat(h.counters.rejected(RejectReason.BAD_EPC_LENGTH)).isEqualTo(2);
        assertThat(h.counters.rejected(RejectReason.BAD_SEEN_COUNT)).isEqualTo(1);
        assertThat(h.counters.rejected(RejectReason.BAD_RSSI)).isEqualTo(1);
        assertThat(h.counters.rejected(RejectReason.BAD_COMMAND)).isEqualTo(1);
        assertThat(h.counters.rejected(RejectReason.UNKNOWN_TAG)).isEqualTo(1);
        assertThat(h.counters.get(Counters.REJECTED)).isEqualTo(9);
        assertThat(h.counters.get(Counters.RECORDS)).isEqualTo(9);
        assertThat(h.events).isEmpty();

        h.read(T0 + 1, 1, 1, EPC_A, 1, -60);
        assertThat(h.events).hasSize(1);
    }

    @Test
    void shouldKeepDistinctEpcsApartWhenTheyShareHighOrLowBits()
    {
        final PipelineHarness h = new PipelineHarness(twoZones().tagCapacity(4).build());
        h.read(T0, 1, 1, EPC_A, 1, -60);
        h.read(T0, 1, 1, EPC_A, 2, -60);
        h.read(T0, 1, 3, EPC_B, 1, -60);
        h.read(T0, 1, 3, EPC_B ^ (1L << 63), 1, -60);
        h.read(T0, 1, 3, 0x1111L, 1, -60);
        assertThat(h.counters.get(Counters.APPEARED)).isEqualTo(4);
        assertThat(h.counters.rejected(RejectReason.TAG_CAPACITY)).isEqualTo(1);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 2).zone()).isEqualTo("dock");
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_B ^ (1L << 63), 1).zone()).isEqualTo("store");
    }

    @Test
    void shouldCountSkuQuantityPerZoneFromResolverAndCommands()
    {
        final PipelineHarness h = new PipelineHarness(twoZones()
            .skuResolver((high, low) -> high >>> 32)
            .build());
        h.read(T0, 1, 1, EPC_A, 1, -60);
        h.read(T0, 1, 1, EPC_A, 2, -60);
        h.read(T0, 1, 3, EPC_A, 3, -60);
        final long sku = EPC_A >>> 32;
        assertThat(LedgerQueries.quantity(h.pipeline, "dock", sku)).isEqualTo(2);
        assertThat(LedgerQueries.quantity(h.pipeline, "store", sku)).isEqualTo(1);

        h.command(T0 + 1, CommandFlyweight.ASSIGN_TAG, EPC_A, 2, 42L, 7L, 9L);
        assertThat(LedgerQueries.quantity(h.pipeline, "dock", sku)).isEqualTo(1);
        assertThat(LedgerQueries.quantity(h.pipeline, "dock", 42L)).isEqualTo(1);
        final TagView assigned = LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 2);
        assertThat(assigned.skuKey()).isEqualTo(42L);
        assertThat(assigned.lot()).isEqualTo(7L);
        assertThat(assigned.container()).isEqualTo(9L);

        h.command(T0 + 2, CommandFlyweight.SET_TAG_STATUS, EPC_A, 2, Ledger.STATUS_HOLD, 0, 0);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 2).status()).isEqualTo(Ledger.STATUS_HOLD);

        h.command(T0 + 3, CommandFlyweight.RETIRE_TAG, EPC_A, 2, 0, 0, 0);
        assertThat(LedgerQueries.whereIs(h.pipeline, EpcFormatter.HEX, EPC_A, 2)).isNull();
        assertThat(LedgerQueries.quantity(h.pipeline, "dock", 42L)).isZero();
        assertThat(LedgerQueries.zoneCount(h.pipeline, "dock")).isEqualTo(1);
        assertThat(h.counters.get(Counters.TAGS_PRESENT)).isEqualTo(2);
    }

    @Test
    void shouldNotApplyAReadToATagThatTookARetiredTagsHandleWithinOneBatch()
    {
        // A is known; then one batch: retire A, read B (reuses A's freed handle), read A. The gather looked A's
        // handle up before the retirement, so the last read must be looked up again, not applied to B.
        final ByteBuffer batch = ByteBuffer.allocate(3 * RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        new CommandFlyweight().wrap(batch, 0).set(7, CommandFlyweight.RETIRE_TAG, 1, EPC_A, 0, 0, 0, T0 + 1);
        Publisher.writeRfidRead(batch, RecordDescriptor.RECORD_LENGTH, 1, 3, EPC_B, 2, -5500, T0 + 2, T0 + 2, 1);
        Publisher.writeRfidRead(batch, 2 * RecordDescriptor.RECORD_LENGTH, 1, 1, EPC_A, 1, -5500, T0 + 3, T0 + 3, 1);

        final PipelineHarness batched = new PipelineHarness(twoZones().build());
        batched.read(T0, 1, 1, EPC_A, 1, -55);
        batched.pipeline.onRecords(batch, 0, 3);
        final PipelineHarness single = new PipelineHarness(twoZones().build());
        single.read(T0, 1, 1, EPC_A, 1, -55);
        for (int i = 0; i < 3; i++)
        {
            single.pipeline.onRecord(batch, i * RecordDescriptor.RECORD_LENGTH);
        }

        assertThat(batched.events).containsExactly(
            T0 + " appeared " + Long.toHexString(EPC_A) + " null->dock",
            (T0 + 2) + " appeared " + Long.toHexString(EPC_B) + " null->store",
            (T0 + 3) + " appeared " + Long.toHexString(EPC_A) + " null->dock");
        assertThat(batched.events).isEqualTo(single.events);
        assertThat(LedgerQueries.whereIs(batched.pipeline, EpcFormatter.HEX, EPC_B, 2).zone()).isEqualTo("store");
        assertThat(LedgerQueries.whereIs(batched.pipeline, EpcFormatter.HEX, EPC_A, 1).zone()).isEqualTo("dock");
        assertThat(LedgerQueries.zoneCount(batched.pipeline, "store")).isEqualTo(1);
        assertThat(LedgerQueries.zoneCount(batched.pipeline, "dock")).isEqualTo(1);
        assertThat(batched.pipeline.tags().size()).isEqualTo(2);
    }

    @Test
    void shouldProduceIdenticalStateAndEventsWhenReplayed() throws IOException
    {
        final PipelineHarness first = new PipelineHarness(twoZones().build());
        final PipelineHarness second = new PipelineHarness(twoZones().build());
        for (final PipelineHarness h : new PipelineHarness[] {first, second})
        {
            final Random random = new Random(7);
            for (int i = 0; i < 50_000; i++)
            {
                final int tag = random.nextInt(500);
                final long ts = T0 + i * 3L + random.nextInt(40) - 20; // some out of order
                h.read(ts, 1, 1 + random.nextInt(4), EPC_A + tag, tag, -40 - random.nextInt(40));
            }
            h.tick(T0 + 400_000);
        }
        assertThat(first.events).isEqualTo(second.events);
        assertThat(first.events).hasSizeGreaterThan(500);
        assertThat(snapshot(first.pipeline)).isEqualTo(snapshot(second.pipeline));
    }

    @Test
    void shouldRestoreFromSnapshotAndContinueIdentically() throws IOException
    {
        final EngineConfig config = twoZones().build();
        final PipelineHarness uninterrupted = new PipelineHarness(config);
        final PipelineHarness restored = new PipelineHarness(config);
        final Random random = new Random(11);
        final long[][] input = new long[40_000][];
        for (int i = 0; i < input.length; i++)
        {
            final int tag = random.nextInt(300);
            input[i] = new long[] {T0 + i * 5L, 1 + random.nextInt(4), tag, -40 - random.nextInt(40)};
        }
        for (int i = 0; i < 20_000; i++)
        {
            feed(uninterrupted, input[i]);
            feed(restored, input[i]);
        }
        final byte[] mid = snapshot(restored.pipeline);
        final PipelineHarness fresh = new PipelineHarness(config);
        fresh.pipeline.readSnapshot(new java.io.DataInputStream(new java.io.ByteArrayInputStream(mid)));
        assertThat(snapshot(fresh.pipeline)).isEqualTo(mid);
        for (int i = 20_000; i < input.length; i++)
        {
            feed(uninterrupted, input[i]);
            feed(fresh, input[i]);
        }
        assertThat(snapshot(fresh.pipeline)).isEqualTo(snapshot(uninterrupted.pipeline));
        assertThat(fresh.events).isEqualTo(uninterrupted.events.subList(uninterrupted.events.size() - fresh.events.size(),
            uninterrupted.events.size()));
    }

    private static void feed(final PipelineHarness h, final long[] r)
    {
        h.read(r[0], 1, (int)r[1], EPC_A + r[2], (int)r[2], r[3]);
    }

    static byte[] snapshot(final Pipeline pipeline) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            pipeline.writeSnapshot(out);
        }
        return bytes.toByteArray();
    }
}
