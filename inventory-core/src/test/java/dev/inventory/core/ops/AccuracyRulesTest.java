package dev.inventory.core.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.inventory.core.command.EpcTextDecoder;
import dev.inventory.core.command.HostCommand;
import dev.inventory.core.command.HostCommandFileReader;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.record.CommandFlyweight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AccuracyRulesTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long SKU_1 = 501;
    private static final long SKU_2 = 502;
    private static final long SKU_3 = 503;

    private AccuracyRules rules;

    private OpsPlant plant(final AccuracyRules.Context context)
    {
        return new OpsPlant(ops -> rules = new AccuracyRules(ops, context.tagCapacity(1024)));
    }

    private OpsPlant plant()
    {
        return plant(new AccuracyRules.Context().classifyIntervalMs(0).suggestIntervalMs(0));
    }

    private static List<String> mine(final OpsPlant p)
    {
        final List<String> events = new ArrayList<>();
        for (final String e : p.opsEvents)
        {
            if (e.startsWith("accuracy ") || e.startsWith("count_") || e.startsWith("cycle_count_complete "))
            {
                events.add(e);
            }
        }
        return events;
    }

    private static void item(final OpsPlant p, final long t, final long epc, final long sku)
    {
        p.command(t, CommandFlyweight.ASSIGN_TAG, epc, 1, sku, 0, 0);
    }

    private static void read(final OpsPlant p, final long t, final int antenna, final long epc)
    {
        p.read(t, antenna, epc, 1, -5_000);
    }

    private static void roles(final OpsPlant p, final long t)
    {
        p.command(t, OpsCommands.ZONE, 0, 0, p.zone("dock"), ZoneRole.RECEIVING, 0);
        p.command(t, OpsCommands.ZONE, 0, 0, p.zone("store-a"), ZoneRole.STORAGE, 0);
        p.command(t, OpsCommands.ZONE, 0, 0, p.zone("store-b"), ZoneRole.STORAGE, 0);
    }

    /** Store-a: 3 x SKU_1, 1 x SKU_2; store-b: 1 x SKU_1; dock: 1 x SKU_3. */
    private static long stock(final OpsPlant p)
    {
        long t = T0;
        roles(p, t);
        final long[][] items = {
            {0xA1, SKU_1, OpsPlant.STORE_A_ANTENNA}, {0xA2, SKU_1, OpsPlant.STORE_A_ANTENNA},
            {0xA3, SKU_1, OpsPlant.STORE_A_ANTENNA}, {0xB1, SKU_2, OpsPlant.STORE_A_ANTENNA},
            {0xC1, SKU_1, OpsPlant.STORE_B_ANTENNA}, {0xD1, SKU_3, OpsPlant.DOCK_ANTENNA}};
        for (final long[] i : items)
        {
            item(p, t, i[0], i[1]);
        }
        for (final long[] i : items)
        {
            t += 1_000;
            read(p, t, (int)i[2], i[0]);
        }
        return t + 1_000;
    }

    @Test
    void shouldReportDiscrepancyLinesZoneAndSiteAccuracyWhenBookDiffersFromDetected()
    {
        final OpsPlant p = plant();
        final long t = stock(p);
        final int storeA = p.zone("store-a");
        final int storeB = p.zone("store-b");
        final int dock = p.zone("dock");
        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_1, storeA, 3);
        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_2, storeA, 2);
        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_3, storeA, 1);
        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_1, storeB, 1);

        p.command(t, AccuracyCommands.ACCURACY_REPORT, 0, 0, -1, 0, 0);

        assertThat(mine(p)).containsExactly(
            "count_discrepancy d=1 src=0 epc=1f6/0 null->store-a q=2 r=1",
            "count_discrepancy d=1 src=0 epc=1f7/0 null->store-a q=1 r=0",
            "accuracy d=3333 src=0 epc=0/0 null->store-a q=6666 r=3",
            "accuracy d=10000 src=0 epc=0/0 null->store-b q=10000 r=1",
            "accuracy d=5000 src=0 epc=0/0 null->null q=7142 r=4");
        assertThat(rules.recordAccuracyBp(storeA, 0, 0)).isEqualTo(3_333);
        assertThat(rules.quantityAccuracyBp(storeA)).isEqualTo(6_666);
        assertThat(rules.accuracyLines(-1)).as("the unbooked dock is not part of the site").isEqualTo(4);
        assertThat(rules.recordAccuracyBp(-1, 1, 0)).isEqualTo(10_000);
        assertThat(rules.recordAccuracyBp(-1, 0, 500)).as("half of a book of 2 is 1").isEqualTo(7_500);
        assertThat(rules.discrepancy(SKU_2, storeA)).isEqualTo(-1);
        assertThat(rules.book(SKU_1, storeA)).isEqualTo(3);
        assertThat(rules.isBooked(storeA)).isTrue();
        assertThat(rules.isBooked(dock)).isFalse();
        assertThat(rules.recordAccuracyBp(-2, 0, 0)).isEqualTo(-1);

        p.opsEvents.clear();
        p.command(t + 1_000, AccuracyCommands.ACCURACY_REPORT, 0, 0, dock, 0, 0);
        assertThat(mine(p)).containsExactly(
            "count_discrepancy d=1 src=0 epc=1f7/0 null->dock q=0 r=1",
            "accuracy d=0 src=0 epc=0/0 null->dock q=0 r=1");
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isZero();
    }

    @Test
    void shouldEmptyBookAndLeaveSiteWhenZoneBookIsReset()
    {
        final OpsPlant p = plant();
        final long t = stock(p);
        final int storeA = p.zone("store-a");
        final int storeB = p.zone("store-b");
        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_1, storeA, 3);
        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_2, storeA, 1);
        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_1, storeB, 2);
        assertThat(rules.recordAccuracyBp(-1, 0, 0)).isEqualTo(6_666);

        p.command(t, AccuracyCommands.BOOK_RESET, 0, 0, storeB, 1, 0);
        assertThat(rules.isBooked(storeB)).isFalse();
        assertThat(rules.book(SKU_1, storeB)).isZero();
        assertThat(rules.accuracyLines(-1)).isEqualTo(2);
        assertThat(rules.recordAccuracyBp(-1, 0, 0)).isEqualTo(10_000);

        p.command(t, AccuracyCommands.BOOK_RESET, 0, 0, storeA, 0, 0);
        assertThat(rules.isBooked(storeA)).as("an empty book is still a book").isTrue();
        assertThat(rules.recordAccuracyBp(storeA, 0, 0)).isZero();
        assertThat(rules.quantityAccuracyBp(storeA)).isZero();

        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_1, storeA, 3);
        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_2, storeA, 1);
        assertThat(rules.recordAccuracyBp(storeA, 0, 0)).as("book replaced").isEqualTo(10_000);

        p.command(t, AccuracyCommands.BOOK_RESET, 0, 0, -1, 1, 0);
        assertThat(rules.accuracyLines(-1)).isZero();
        assertThat(rules.recordAccuracyBp(-1, 0, 0)).isEqualTo(10_000);
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isZero();
    }

    @Test
    void shouldReportCountLinesMissingAndUnrecordedItemsWhenZoneIsSwept()
    {
        final OpsPlant p = plant();
        long t = stock(p);
        final int storeA = p.zone("store-a");
        item(p, t, 0xD2, SKU_2);
        read(p, t, OpsPlant.STORE_A_ANTENNA, 0xD2);
        final long a3SeenMs = T0 + 3_000;
        p.command(t + 1_000, OpsCommands.ISSUE, 0xD2, 1, 0, 0, 0);
        p.command(t + 1_000, AccuracyCommands.BOOK, 0, 0, SKU_1, storeA, 3);
        p.command(t + 1_000, AccuracyCommands.BOOK, 0, 0, SKU_2, storeA, 1);
        p.command(t + 1_000, AccuracyCommands.BOOK, 0, 0, SKU_3, storeA, 2);
        t += 60_000;

        p.command(t, AccuracyCommands.COUNT_START, 0, 0, 77, storeA, 0);
        assertThat(rules.isCounting(storeA)).isTrue();
        for (final long epc : new long[]{0xA1, 0xA2, 0xA1, 0xB1, 0xD2})
        {
            t += 100;
            read(p, t, OpsPlant.STORE_A_ANTENNA, epc);
        }
        read(p, t, OpsPlant.STORE_B_ANTENNA, 0xC1);
        assertThat(rules.countedSoFar(SKU_1, storeA)).isEqualTo(2);
        assertThat(rules.countedSoFar(SKU_2, storeA)).as("the issued item is physically there").isEqualTo(2);
        t += 1_000;
        p.command(t, AccuracyCommands.COUNT_END, 0, 0, 77, 0, 0);

        assertThat(mine(p)).containsExactly(
            "count_discrepancy d=2 src=77 epc=1f5/0 null->store-a q=3 r=2",
            "count_discrepancy d=2 src=77 epc=1f6/0 null->store-a q=1 r=2",
            "count_discrepancy d=2 src=77 epc=1f7/0 null->store-a q=2 r=0",
            "count_discrepancy d=3 src=77 epc=a3/1 null->store-a q=" + (t - a3SeenMs) + " r=0",
            "count_discrepancy d=4 src=77 epc=d2/1 null->store-a q=0 r=0",
            "accuracy d=0 src=77 epc=0/0 null->store-a q=3333 r=3",
            "cycle_count_complete d=0 src=77 epc=0/0 null->store-a q=4 r=3");
        assertThat(rules.isCounting(storeA)).isFalse();
        assertThat(rules.book(SKU_1, storeA)).as("not posted").isEqualTo(3);
        assertThat(rules.lastCountMs(storeA)).isEqualTo(t);
        assertThat(rules.lastCountAccuracyBp(storeA)).isZero();

        p.opsEvents.clear();
        t += 1_000;
        p.command(t, AccuracyCommands.COUNT_START, 0, 0, 78, storeA, 0);
        for (final long epc : new long[]{0xA1, 0xA2, 0xA3, 0xB1})
        {
            t += 100;
            read(p, t, OpsPlant.STORE_A_ANTENNA, epc);
        }
        p.command(t, AccuracyCommands.COUNT_END, 0, 0, 78, AccuracyCommands.POST_TO_BOOK, 0);
        assertThat(mine(p)).containsExactly(
            "count_discrepancy d=2 src=78 epc=1f7/0 null->store-a q=2 r=0",
            "accuracy d=6666 src=78 epc=0/0 null->store-a q=6666 r=3",
            "cycle_count_complete d=6666 src=78 epc=0/0 null->store-a q=4 r=3");
        assertThat(rules.book(SKU_3, storeA)).as("posted").isZero();
        assertThat(rules.book(SKU_1, storeA)).isEqualTo(3);
        assertThat(rules.recordAccuracyBp(storeA, 0, 0)).isEqualTo(10_000);
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isZero();
    }

    @Test
    void shouldUncountItemWhenItLeavesTheZoneOrStockDuringSweep()
    {
        final OpsPlant p = plant();
        long t = T0;
        roles(p, t);
        final int storeA = p.zone("store-a");
        item(p, t, 0xA1, SKU_1);
        item(p, t, 0xA2, SKU_1);
        read(p, t + 100, OpsPlant.STORE_A_ANTENNA, 0xA1);
        read(p, t + 200, OpsPlant.STORE_A_ANTENNA, 0xA2);
        p.command(t + 300, AccuracyCommands.BOOK, 0, 0, SKU_1, storeA, 2);
        t += 1_000;
        p.command(t, AccuracyCommands.COUNT_START, 0, 0, 5, storeA, 0);
        read(p, t + 100, OpsPlant.STORE_A_ANTENNA, 0xA1);
        read(p, t + 200, OpsPlant.STORE_A_ANTENNA, 0xA2);
        assertThat(rules.countedSoFar(SKU_1, storeA)).isEqualTo(2);

        t = p.moveTo(t + 1_000, OpsPlant.STORE_B_ANTENNA, "store-b", 0xA1, 1);
        assertThat(rules.countedSoFar(SKU_1, storeA)).isEqualTo(1);
        p.command(t, OpsCommands.ISSUE, 0xA2, 1, MovementLedger.SHIP, 0, 0);
        assertThat(rules.countedSoFar(SKU_1, storeA)).isZero();
        t = p.moveTo(t + 1_000, OpsPlant.STORE_A_ANTENNA, "store-a", 0xA1, 1);
        assertThat(rules.countedSoFar(SKU_1, storeA)).as("back in the zone").isEqualTo(1);
        p.command(t, AccuracyCommands.COUNT_END, 0, 0, 5, 0, 1);

        assertThat(mine(p)).containsExactly(
            "accuracy d=10000 src=5 epc=0/0 null->store-a q=5000 r=1",
            "cycle_count_complete d=10000 src=5 epc=0/0 null->store-a q=1 r=1");
    }

    @Test
    void shouldCancelCountWithoutReportWhenHostCancels()
    {
        final OpsPlant p = plant();
        final long t = stock(p);
        final int storeA = p.zone("store-a");
        p.command(t, AccuracyCommands.COUNT_START, 0, 0, 9, storeA, 0);
        read(p, t + 100, OpsPlant.STORE_A_ANTENNA, 0xA1);
        p.command(t + 200, AccuracyCommands.COUNT_CANCEL, 0, 0, 9, 0, 0);

        assertThat(rules.isCounting(storeA)).isFalse();
        assertThat(rules.activeCounts()).isZero();
        assertThat(mine(p)).isEmpty();
        p.command(t + 300, AccuracyCommands.COUNT_START, 0, 0, 9, storeA, 0);
        assertThat(rules.countedSoFar(SKU_1, storeA)).as("a new count starts from zero").isZero();
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isZero();
    }

    @Test
    void shouldRejectCommandWhenArgumentsAreBadOrCapacityIsExceeded()
    {
        final OpsPlant p = plant(new AccuracyRules.Context().maxActiveCounts(1).maxZones(16));
        final int storeA = p.zone("store-a");
        final int storeB = p.zone("store-b");
        final long[][] bad = {
            {AccuracyCommands.BOOK, 0, storeA, 1}, {AccuracyCommands.BOOK, SKU_1, -1, 1},
            {AccuracyCommands.BOOK, SKU_1, 16, 1}, {AccuracyCommands.BOOK, SKU_1, storeA, -1},
            {AccuracyCommands.BOOK_RESET, 16, 0, 0}, {AccuracyCommands.BOOK_RESET, storeA, 2, 0},
            {AccuracyCommands.ACCURACY_REPORT, -2, 0, 0}, {AccuracyCommands.ACCURACY_REPORT, -1, -1, 0},
            {AccuracyCommands.ACCURACY_REPORT, -1, 0, -1},
            {AccuracyCommands.COUNT_START, 0, storeA, 0}, {AccuracyCommands.COUNT_START, 1L << 31, storeA, 0},
            {AccuracyCommands.COUNT_START, 1, 99, 0},
            {AccuracyCommands.COUNT_END, 1, 0, 0}, {AccuracyCommands.COUNT_CANCEL, 1, 0, 0},
            {AccuracyCommands.UNIT_VALUE, 0, 5, 0}, {AccuracyCommands.UNIT_VALUE, SKU_1, -5, 0},
            {AccuracyCommands.ABC_SHARES, 90, 20, 0}, {AccuracyCommands.ABC_SHARES, -1, 20, 0},
            {AccuracyCommands.COUNT_INTERVAL, 0, DAY, 0}, {AccuracyCommands.COUNT_INTERVAL, 4, DAY, 0},
            {AccuracyCommands.COUNT_INTERVAL, 1, -1, 0},
            {AccuracyCommands.SUGGEST_COUNT, 65, 0, 0}, {AccuracyCommands.SUGGEST_COUNT, -1, 0, 0},
            {1372, 0, 0, 0}};
        for (final long[] c : bad)
        {
            p.command(T0, (int)c[0], 0, 0, c[1], c[2], c[3]);
        }
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isEqualTo(bad.length);

        p.command(T0, AccuracyCommands.COUNT_START, 0, 0, 1, storeA, 0);
        p.command(T0, AccuracyCommands.COUNT_START, 0, 0, 2, storeA, 0); // zone already counted
        p.command(T0, AccuracyCommands.COUNT_START, 0, 0, 1, storeB, 0); // id running
        p.command(T0, AccuracyCommands.COUNT_START, 0, 0, 2, storeB, 0); // capacity
        p.command(T0, AccuracyCommands.COUNT_END, 0, 0, 1, 2, 0); // unknown flag
        p.command(T0, AccuracyCommands.COUNT_END, 0, 0, 1, 0, -1); // bad tolerance
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isEqualTo(bad.length + 5);
        assertThat(rules.droppedRows()).as("the count over capacity").isEqualTo(1);
        assertThat(p.counters.get(Counters.COMMANDS)).isEqualTo(1);
        assertThatThrownBy(() -> new AccuracyRules.Context().windowBuckets(0).conclude())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("windowBuckets");
        assertThatThrownBy(() -> new AccuracyRules.Context().abcShares(90, 20).conclude())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("abcShares");
    }

    /** 601: 8 moves x 1000 c; 602: 10 x 100 c; 603: 10 x 10 c; 604: no moves x 5000 c. */
    private static void abcStock(final OpsPlant p)
    {
        long t = T0;
        p.command(t, AccuracyCommands.UNIT_VALUE, 0, 0, 601, 1_000, 0);
        p.command(t, AccuracyCommands.UNIT_VALUE, 0, 0, 602, 100, 0);
        p.command(t, AccuracyCommands.UNIT_VALUE, 0, 0, 603, 10, 0);
        p.command(t, AccuracyCommands.UNIT_VALUE, 0, 0, 604, 5_000, 0);
        for (int i = 0; i < 12; i++)
        {
            final long epc = 0x600 + i;
            item(p, t, epc, i < 2 ? 601 : (i < 7 ? 602 : 603));
            read(p, t += 100, OpsPlant.DOCK_ANTENNA, epc);
            t = p.moveTo(t + 100, OpsPlant.STORE_A_ANTENNA, "store-a", epc, 1);
            if (i < 2)
            {
                t = p.moveTo(t + 100, OpsPlant.STORE_B_ANTENNA, "store-b", epc, 1);
                t = p.moveTo(t + 100, OpsPlant.STORE_A_ANTENNA, "store-a", epc, 1);
            }
        }
    }

    @Test
    void shouldClassifyByCumulativeMovementValueWhenClassified()
    {
        final OpsPlant p = plant();
        abcStock(p);
        assertThat(rules.abcClass(601)).isEqualTo(AccuracyRules.CLASS_NONE);
        assertThat(rules.movements(601)).isEqualTo(8);
        assertThat(rules.movements(602)).isEqualTo(10);
        assertThat(rules.movementValueCents(601)).isEqualTo(8_000);
        assertThat(rules.unitValueCents(604)).isEqualTo(5_000);

        p.command(T0 + HOUR, AccuracyCommands.ABC_CLASSIFY, 0, 0, 0, 0, 0);
        assertThat(new int[]{rules.abcClass(601), rules.abcClass(602), rules.abcClass(603), rules.abcClass(604)})
            .containsExactly(AccuracyRules.CLASS_A, AccuracyRules.CLASS_B, AccuracyRules.CLASS_C,
                AccuracyRules.CLASS_C);

        p.command(T0 + HOUR, AccuracyCommands.ABC_SHARES, 0, 0, 50, 30, 0);
        p.command(T0 + HOUR, AccuracyCommands.ABC_CLASSIFY, 0, 0, 0, 0, 0);
        assertThat(new int[]{rules.abcClass(601), rules.abcClass(602), rules.abcClass(603)})
            .containsExactly(AccuracyRules.CLASS_A, AccuracyRules.CLASS_C, AccuracyRules.CLASS_C);
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isZero();
    }

    @Test
    void shouldClassifyPeriodicallyWhenRecordTimePassesTheInterval()
    {
        final OpsPlant p = plant(new AccuracyRules.Context().classifyIntervalMs(HOUR).suggestIntervalMs(0));
        abcStock(p);
        assertThat(rules.abcClass(601)).isEqualTo(AccuracyRules.CLASS_NONE);

        read(p, T0 + HOUR + 1, OpsPlant.STORE_A_ANTENNA, 0x600);

        assertThat(rules.abcClass(601)).isEqualTo(AccuracyRules.CLASS_A);
        assertThat(rules.abcClass(602)).isEqualTo(AccuracyRules.CLASS_B);
    }

    @Test
    void shouldSuggestMostOverdueLineWhenItsClassIntervalHasPassed()
    {
        final OpsPlant p = plant(new AccuracyRules.Context().classifyIntervalMs(0).suggestIntervalMs(60_000)
            .countIntervalMs(AccuracyRules.CLASS_C, 0));
        long t = T0;
        roles(p, t);
        final int storeA = p.zone("store-a");
        p.command(t, AccuracyCommands.COUNT_INTERVAL, 0, 0, AccuracyRules.CLASS_A, DAY, 0);
        p.command(t, AccuracyCommands.COUNT_INTERVAL, 0, 0, AccuracyRules.CLASS_B, 2 * DAY, 0);
        final long[][] skus = {{601, 1_000}, {602, 10}, {603, 100}};
        for (final long[] s : skus)
        {
            p.command(t, AccuracyCommands.UNIT_VALUE, 0, 0, s[0], s[1], 0);
            item(p, t, s[0] << 4, s[0]);
            read(p, t += 100, OpsPlant.STORE_A_ANTENNA, s[0] << 4);
        }
        p.command(t, AccuracyCommands.ABC_CLASSIFY, 0, 0, 0, 0, 0);
        assertThat(rules.abcClass(603)).isEqualTo(AccuracyRules.CLASS_B);
        t += 1_000;
        p.command(t, AccuracyCommands.COUNT_START, 0, 0, 1, storeA, 0);
        for (final long[] s : skus)
        {
            read(p, t += 100, OpsPlant.STORE_A_ANTENNA, s[0] << 4);
        }
        final long countedMs = t + 100;
        p.command(countedMs, AccuracyCommands.COUNT_END, 0, 0, 1, AccuracyCommands.POST_TO_BOOK, 0);
        p.opsEvents.clear();

        read(p, countedMs + DAY - 1, OpsPlant.STORE_A_ANTENNA, 601 << 4);
        assertThat(mine(p)).isEmpty();
        read(p, countedMs + DAY + 65_000, OpsPlant.STORE_A_ANTENNA, 601 << 4); // the next suggestion tick
        read(p, countedMs + DAY + 130_000, OpsPlant.STORE_A_ANTENNA, 601 << 4);
        read(p, countedMs + 2 * DAY + 1_000, OpsPlant.STORE_A_ANTENNA, 601 << 4);
        assertThat(mine(p)).containsExactly(
            "count_suggested d=1 src=0 epc=259/0 null->store-a q=65000 r=1",
            "count_suggested d=2 src=0 epc=25b/0 null->store-a q=1000 r=1");

        p.opsEvents.clear();
        p.command(countedMs + 2 * DAY + 1_000, AccuracyCommands.SUGGEST_COUNT, 0, 0, 3, 0, 0);
        assertThat(mine(p)).as("on demand, suggested lines again; class C is never counted").containsExactly(
            "count_suggested d=1 src=0 epc=259/0 null->store-a q=" + (DAY + 1_000) + " r=1",
            "count_suggested d=2 src=0 epc=25b/0 null->store-a q=1000 r=1");
        assertThat(rules.overdueMs(601, storeA)).isEqualTo(DAY + 1_000);
        assertThat(rules.overdueMs(602, storeA)).isEqualTo(Long.MIN_VALUE);

        p.opsEvents.clear();
        t = countedMs + 2 * DAY + 2_000;
        p.command(t, AccuracyCommands.COUNT_START, 0, 0, 2, storeA, 0);
        p.command(t, AccuracyCommands.SUGGEST_COUNT, 0, 0, 1, 0, 0);
        p.command(t + 1, AccuracyCommands.COUNT_END, 0, 0, 2, 0, 0);
        p.command(t + 1, AccuracyCommands.SUGGEST_COUNT, 0, 0, 1, 0, 0);
        assertThat(mine(p)).as("no suggestion while counting nor right after").noneMatch(
            e -> e.startsWith("count_suggested"));
        assertThat(rules.overdueMs(601, storeA)).isEqualTo(-DAY);
    }

    @Test
    void shouldMeasureVelocityDwellLeadTimeAndTurnoverOverTheRollingWindow()
    {
        final OpsPlant p = plant(new AccuracyRules.Context().classifyIntervalMs(0).suggestIntervalMs(0)
            .bucketMs(HOUR).windowBuckets(24));
        final long s = (T0 / HOUR + 1) * HOUR;
        final long sku = 701;
        roles(p, s);
        final int dock = p.zone("dock");
        final int storeA = p.zone("store-a");
        p.command(s, OpsCommands.RECEIPT_LINE, 0, 0, 1, sku, 5);
        item(p, s, 0x71, sku);
        item(p, s, 0x72, sku);
        final long tA = s + 1_000;
        read(p, tA, OpsPlant.DOCK_ANTENNA, 0x71);
        final long tB = s + HOUR + 1_000;
        read(p, tB, OpsPlant.DOCK_ANTENNA, 0x72);
        final long tM = p.moveTo(s + 2 * HOUR + 1_000, OpsPlant.STORE_A_ANTENNA, "store-a", 0x71, 1) - 100;
        final long tC = s + 3 * HOUR;
        p.command(tC, OpsCommands.ISSUE, 0x71, 1, MovementLedger.CONSUME, 0, 0);
        final long tD = s + 5 * HOUR;
        read(p, tD, OpsPlant.DOCK_ANTENNA, 0x72);

        assertThat(rules.movements(sku)).as("2 first counts, 1 move, 1 issue").isEqualTo(4);
        assertThat(rules.issued(sku)).isEqualTo(1);
        assertThat(rules.siteOnHand(sku)).isEqualTo(1);
        final long itemMs = (tB - tA) + 2 * (tC - tB) + (tD - tC);
        assertThat(rules.onHandItemMs(sku)).isEqualTo(itemMs);
        assertThat(rules.windowMs()).isEqualTo(tD - s);
        assertThat(rules.velocityPerItemDay(sku)).isCloseTo(4.0 * DAY / itemMs, within(1e-9));
        assertThat(rules.turnover(sku)).isCloseTo((double)(tD - s) / itemMs, within(1e-9));
        assertThat(rules.meanLeadTimeMs(sku)).isEqualTo(tC - tA);
        assertThat(rules.leadTimeSamples(sku)).isEqualTo(1);
        assertThat(rules.meanDwellMs(dock)).as("only ended stays").isEqualTo(tM - tA);
        assertThat(rules.dwellStays(dock)).isEqualTo(1);
        assertThat(rules.meanDwellMs(storeA)).isEqualTo(tC - tM);

        final long tE = s + 25 * HOUR + 500; // buckets of hours 0 and 1 left the window
        read(p, tE, OpsPlant.DOCK_ANTENNA, 0x72);
        assertThat(rules.windowStartMs()).isEqualTo(s + 2 * HOUR);
        assertThat(rules.movements(sku)).isEqualTo(2);
        assertThat(rules.issued(sku)).isEqualTo(1);
        assertThat(rules.onHandItemMs(sku)).isEqualTo(2 * (tC - (s + 2 * HOUR)) + (tE - tC));
        assertThat(rules.meanDwellMs(dock)).isEqualTo(tM - tA);
        assertThat(rules.meanLeadTimeMs(sku)).isEqualTo(tC - tA);

        final long tF = s + 60 * HOUR + 7; // the whole window rolled over
        read(p, tF, OpsPlant.DOCK_ANTENNA, 0x72);
        assertThat(rules.windowStartMs()).isEqualTo(s + 37 * HOUR);
        assertThat(rules.movements(sku)).isZero();
        assertThat(rules.meanDwellMs(dock)).isEqualTo(-1);
        assertThat(rules.meanLeadTimeMs(sku)).isEqualTo(-1);
        assertThat(rules.onHandItemMs(sku)).isEqualTo(23 * HOUR + 7);
        assertThat(rules.turnover(sku)).isZero();

        p.command(tF, AccuracyCommands.ANALYTICS_RESET, 0, 0, 0, 0, 0);
        assertThat(rules.windowMs()).isZero();
        assertThat(rules.onHandItemMs(sku)).isZero();
        read(p, tF + HOUR, OpsPlant.DOCK_ANTENNA, 0x72);
        assertThat(rules.onHandItemMs(sku)).isEqualTo(HOUR);
        assertThat(rules.windowMs()).isEqualTo(HOUR);
    }

    @Test
    void shouldFollowUntaggedAdjustmentsAndSkuChangesWhenHostChangesStock()
    {
        final OpsPlant p = plant();
        long t = T0;
        roles(p, t);
        final int storeA = p.zone("store-a");
        p.command(t, OpsCommands.ADJUST, 0, 0, 801, storeA, 5);
        p.command(t, OpsCommands.ADJUST, 0, 0, 801, storeA, -2);
        p.command(t, OpsCommands.ADJUST, 0, 0, 801, storeA, -10); // rejected by the operations extension
        assertThat(rules.siteOnHand(801)).isEqualTo(3);

        item(p, t, 0x80, 802);
        read(p, t += 100, OpsPlant.STORE_A_ANTENNA, 0x80);
        item(p, t, 0x80, 803);
        read(p, t += 100, OpsPlant.STORE_A_ANTENNA, 0x80);
        assertThat(rules.siteOnHand(802)).isZero();
        assertThat(rules.siteOnHand(803)).isEqualTo(1);

        p.command(t, AccuracyCommands.BOOK, 0, 0, 801, storeA, 5);
        p.command(t, AccuracyCommands.BOOK, 0, 0, 803, storeA, 1);
        p.command(t, AccuracyCommands.ACCURACY_REPORT, 0, 0, storeA, 0, 0);
        assertThat(mine(p)).containsExactly(
            "count_discrepancy d=1 src=0 epc=321/0 null->store-a q=5 r=3",
            "accuracy d=5000 src=0 epc=0/0 null->store-a q=6666 r=2");
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isEqualTo(1);
    }

    @Test
    void shouldParseAccuracyCommandNamesWhenReadFromHostCommandFile() throws IOException
    {
        final OpsPlant p = plant();
        stock(p);
        final int storeA = p.zone("store-a");
        final long t = T0 + 60_000;
        final String file = "ts_ms,command,epc,arg2,arg3,arg4\n" +
            t + ",OPS_BOOK,0000," + SKU_1 + "," + storeA + ",4\n" +
            t + ",OPS_UNIT_VALUE,0000," + SKU_1 + ",250\n" +
            t + ",OPS_ABC_SHARES,0000,70,20\n" +
            t + ",OPS_COUNT_INTERVAL,0000,1," + DAY + "\n" +
            t + ",OPS_ABC_CLASSIFY,0000\n" +
            t + ",OPS_COUNT_START,0000,3," + storeA + "\n" +
            t + ",OPS_COUNT_CANCEL,0000,3\n" +
            t + ",OPS_COUNT_START,0000,4," + storeA + "\n" +
            t + ",OPS_COUNT_END,0000,4,0,0\n" +
            t + ",OPS_SUGGEST_COUNT,0000,1\n" +
            t + ",OPS_ANALYTICS_RESET,0000\n" +
            t + ",OPS_BOOK_RESET,0000," + storeA + ",1\n" +
            t + ",OPS_ACCURACY_REPORT,0000,-1,0,0\n";
        try (HostCommandFileReader reader = new HostCommandFileReader(new StringReader(file), EpcTextDecoder.HEX))
        {
            final CommandFlyweight flyweight = new CommandFlyweight();
            final ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            HostCommand command;
            while (null != (command = reader.next()))
            {
                command.writeTo(flyweight.wrap(buffer, 0), 3);
                p.pipeline.onRecord(buffer, 0);
            }
            assertThat(reader.malformedLines()).isZero();
        }

        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isZero();
        assertThat(p.counters.get(Counters.COMMANDS)).isEqualTo(9 + 13);
        assertThat(rules.unitValueCents(SKU_1)).isEqualTo(250);
        assertThat(rules.countIntervalMs(AccuracyRules.CLASS_A)).isEqualTo(DAY);
        assertThat(rules.abcClass(SKU_1)).isEqualTo(AccuracyRules.CLASS_A);
        assertThat(rules.isBooked(storeA)).isFalse();
        assertThat(mine(p)).containsExactly(
            "count_discrepancy d=2 src=4 epc=1f5/0 null->store-a q=4 r=0",
            "count_discrepancy d=3 src=4 epc=a1/1 null->store-a q=59000 r=0",
            "count_discrepancy d=3 src=4 epc=a2/1 null->store-a q=58000 r=0",
            "count_discrepancy d=3 src=4 epc=a3/1 null->store-a q=57000 r=0",
            "count_discrepancy d=3 src=4 epc=b1/1 null->store-a q=56000 r=0",
            "accuracy d=0 src=4 epc=0/0 null->store-a q=0 r=1",
            "cycle_count_complete d=0 src=4 epc=0/0 null->store-a q=0 r=1",
            "accuracy d=10000 src=0 epc=0/0 null->null q=10000 r=0");
    }

    // ---------------------------------------------------------------- replay and snapshot

    private static long firstHalf(final OpsPlant p)
    {
        long t = stock(p);
        final int storeA = p.zone("store-a");
        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_1, storeA, 3);
        p.command(t, AccuracyCommands.BOOK, 0, 0, SKU_2, storeA, 2);
        p.command(t, AccuracyCommands.UNIT_VALUE, 0, 0, SKU_1, 700, 0);
        p.command(t, AccuracyCommands.UNIT_VALUE, 0, 0, SKU_2, 90, 0);
        p.command(t, AccuracyCommands.COUNT_START, 0, 0, 31, storeA, 0);
        read(p, t += 100, OpsPlant.STORE_A_ANTENNA, 0xA1);
        read(p, t += 100, OpsPlant.STORE_A_ANTENNA, 0xB1);
        return t + 100;
    }

    private static void secondHalf(final OpsPlant p, final long start)
    {
        long t = start;
        final int storeA = p.zone("store-a");
        read(p, t += 100, OpsPlant.STORE_A_ANTENNA, 0xA2);
        t = p.moveTo(t + 100, OpsPlant.STORE_A_ANTENNA, "store-a", 0xD1, 1);
        p.command(t, AccuracyCommands.COUNT_END, 0, 0, 31, AccuracyCommands.POST_TO_BOOK, 0);
        p.command(t, OpsCommands.ISSUE, 0xA2, 1, MovementLedger.CONSUME, 0, 0);
        t = p.moveTo(t + HOUR, OpsPlant.STORE_B_ANTENNA, "store-b", 0xB1, 1);
        p.command(t, AccuracyCommands.ABC_CLASSIFY, 0, 0, 0, 0, 0);
        p.command(t + 40 * DAY, AccuracyCommands.SUGGEST_COUNT, 0, 0, 2, 0, 0);
        p.command(t + 40 * DAY, AccuracyCommands.ACCURACY_REPORT, 0, 0, -1, 0, 0);
        p.command(t + 40 * DAY, AccuracyCommands.ACCURACY_REPORT, 0, 0, storeA, 1, 0);
    }

    private OpsPlant run()
    {
        final OpsPlant p = plant(new AccuracyRules.Context().windowBuckets(64));
        secondHalf(p, firstHalf(p));
        return p;
    }

    @Test
    void shouldEmitIdenticalEventsWhenSameInputIsReplayed()
    {
        final List<String> first = run().events;
        final List<String> second = run().events;

        assertThat(second).isEqualTo(first);
        final List<String> mine = mine(run());
        assertThat(mine).contains(
            "count_discrepancy d=3 src=31 epc=a3/1 null->store-a q=4700 r=0",
            "cycle_count_complete d=0 src=31 epc=0/0 null->store-a q=4 r=3");
        assertThat(mine).filteredOn(e -> e.startsWith("count_suggested")).hasSize(3)
            .allMatch(e -> e.startsWith("count_suggested d=1 src=0 epc=1f5/0 null->store-"));
    }

    @Test
    void shouldResumeIdenticallyWhenRestoredFromSnapshot() throws IOException
    {
        final OpsPlant straight = run();
        final AccuracyRules straightRules = rules;

        final OpsPlant before = plant(new AccuracyRules.Context().windowBuckets(64));
        final long mid = firstHalf(before);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            before.pipeline.writeSnapshot(out);
        }
        final OpsPlant after = plant(new AccuracyRules.Context().windowBuckets(64));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            after.pipeline.readSnapshot(in);
            assertThat(in.read()).as("the snapshot is consumed exactly").isEqualTo(-1);
        }
        assertThat(rules.countedSoFar(SKU_1, after.zone("store-a"))).isEqualTo(1);
        secondHalf(after, mid);

        final List<String> tail = straight.events.subList(before.events.size(), straight.events.size());
        assertThat(after.events).isEqualTo(tail).isNotEmpty();
        final int storeA = after.zone("store-a");
        assertThat(rules.book(SKU_2, storeA)).isEqualTo(straightRules.book(SKU_2, storeA));
        assertThat(rules.onHandItemMs(SKU_1)).isEqualTo(straightRules.onHandItemMs(SKU_1));
        assertThat(rules.movements(SKU_2)).isEqualTo(straightRules.movements(SKU_2));
        assertThat(rules.velocityPerItemDay(SKU_1)).isEqualTo(straightRules.velocityPerItemDay(SKU_1)).isPositive();
        assertThat(rules.turnover(SKU_1)).isEqualTo(straightRules.turnover(SKU_1)).isPositive();
        assertThat(rules.meanDwellMs(storeA)).isEqualTo(straightRules.meanDwellMs(storeA)).isPositive();
        assertThat(rules.abcClass(SKU_1)).isEqualTo(straightRules.abcClass(SKU_1)).isEqualTo(AccuracyRules.CLASS_A);
        assertThat(rules.recordAccuracyBp(-1, 0, 0)).isEqualTo(straightRules.recordAccuracyBp(-1, 0, 0));
        assertThat(rules.droppedRows()).isZero();
    }
}
