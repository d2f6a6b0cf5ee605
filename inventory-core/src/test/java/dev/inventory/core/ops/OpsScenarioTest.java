package dev.inventory.core.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.record.CommandFlyweight;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small plant: a receipt with a short line, a wrong lot and an unexpected SKU, put-away over capacity, issues
 * crossing a reorder point into a stockout, a quality hold and a reservation.
 */
class OpsScenarioTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long SKU_A = 1001;
    private static final long SKU_B = 1002;
    private static final long SKU_X = 1999;
    private static final long RECEIPT = 77;
    private static final long A1 = 0x30A1L;
    private static final long A2 = 0x30A2L;
    private static final long B1 = 0x30B1L;
    private static final long B2 = 0x30B2L;
    private static final long X1 = 0x30F1L;

    /** Master data, receipt, receiving, close. */
    private static long firstHalf(final OpsPlant p)
    {
        long t = T0;
        final int dock = p.zone("dock");
        final int storeA = p.zone("store-a");
        final int storeB = p.zone("store-b");
        final int qa = p.zone("qa");
        p.command(t, OpsCommands.ZONE, 0, 0, dock, ZoneRole.RECEIVING, 0);
        p.command(t, OpsCommands.ZONE, 0, 0, storeA, ZoneRole.STORAGE, 2);
        p.command(t, OpsCommands.ZONE, 0, 0, storeB, ZoneRole.STORAGE, 0);
        p.command(t, OpsCommands.ZONE, 0, 0, qa, ZoneRole.QUALITY_HOLD, 0);
        p.command(t, OpsCommands.RECEIPT_OPEN, 0, 0, RECEIPT, storeA, 0);
        p.command(t, OpsCommands.RECEIPT_LINE, 0, 0, RECEIPT, SKU_A, 3);
        p.command(t, OpsCommands.RECEIPT_LOT, 0, 0, RECEIPT, SKU_A, 5);
        p.command(t, OpsCommands.RECEIPT_LINE, 0, 0, RECEIPT, SKU_B, 2);
        p.command(t, OpsCommands.REORDER_POINT, 0, 0, SKU_A, storeA, 2);
        p.command(t, OpsCommands.ORDER_UP_TO, 0, 0, SKU_A, storeA, 6);
        p.command(t, CommandFlyweight.ASSIGN_TAG, A1, 1, SKU_A, 5, 0);
        p.command(t, CommandFlyweight.ASSIGN_TAG, A2, 1, SKU_A, 6, 0);
        p.command(t, CommandFlyweight.ASSIGN_TAG, B1, 1, SKU_B, 0, 0);
        p.command(t, CommandFlyweight.ASSIGN_TAG, B2, 1, SKU_B, 0, 0);
        p.command(t, CommandFlyweight.ASSIGN_TAG, X1, 1, SKU_X, 0, 0);
        t += 1_000;
        for (final long epc : new long[]{A1, A2, B1, B2, X1})
        {
            p.read(t, OpsPlant.DOCK_ANTENNA, epc, 1, -5_000);
            t += 1_000;
        }
        p.command(t, OpsCommands.RECEIPT_CLOSE, 0, 0, RECEIPT, 0, 0);
        return t + 1_000;
    }

    /** Put-away, issues, hold, reservation. */
    private static void secondHalf(final OpsPlant p, final long start)
    {
        long t = start;
        t = p.moveTo(t, OpsPlant.STORE_A_ANTENNA, "store-a", A1, 1) + 1_000;
        t = p.moveTo(t, OpsPlant.STORE_A_ANTENNA, "store-a", A2, 1) + 1_000;
        t = p.moveTo(t, OpsPlant.STORE_A_ANTENNA, "store-a", B1, 1) + 1_000;
        t = p.moveTo(t, OpsPlant.STORE_B_ANTENNA, "store-b", B2, 1) + 1_000;
        p.command(t, OpsCommands.ISSUE, A1, 1, 0, 0, 0);
        t += 1_000;
        p.command(t, OpsCommands.ISSUE, A2, 1, MovementLedger.SHIP, 0, 0);
        t += 1_000;
        t = p.moveTo(t, OpsPlant.QA_ANTENNA, "qa", B1, 1) + 1_000;
        p.command(t, OpsCommands.RESERVE, 0, 0, SKU_B, p.zone("store-b"), 1);
    }

    private static OpsPlant run()
    {
        final OpsPlant p = new OpsPlant();
        secondHalf(p, firstHalf(p));
        return p;
    }

    @Test
    void shouldRaiseEveryExpectedEventWhenPlantRunsReceiptPutAwayAndIssues()
    {
        final OpsPlant p = run();

        assertThat(p.opsEvents).containsExactly(
            "received d=0 src=77 epc=30a1/1 null->dock q=1 r=3",
            "received d=0 src=77 epc=30a2/1 null->dock q=2 r=3",
            "wrong_lot d=0 src=77 epc=30a2/1 null->dock q=6 r=0",
            "received d=0 src=77 epc=30b1/1 null->dock q=1 r=2",
            "received d=0 src=77 epc=30b2/1 null->dock q=2 r=2",
            "unexpected_sku d=0 src=0 epc=30f1/1 null->dock q=0 r=0",
            "receipt_short d=0 src=77 epc=3e9/0 null->store-a q=1 r=3",
            "receipt_line_complete d=0 src=77 epc=3ea/0 null->store-a q=2 r=2",
            "receipt_closed d=0 src=77 epc=0/0 null->store-a q=2 r=0",
            "put_away d=0 src=0 epc=30a1/1 dock->store-a q=6 r=0",
            "put_away d=0 src=0 epc=30a2/1 dock->store-a q=7 r=0",
            "put_away d=0 src=0 epc=30b1/1 dock->store-a q=8 r=0",
            "over_capacity d=0 src=0 epc=0/0 null->store-a q=3 r=2",
            "put_away d=0 src=0 epc=30b2/1 dock->store-b q=9 r=0",
            "issued d=5 src=0 epc=30a1/1 store-a->null q=0 r=0",
            "replenish d=0 src=0 epc=3e9/0 null->store-a q=5 r=1",
            "capacity_ok d=0 src=0 epc=0/0 null->store-a q=2 r=2",
            "issued d=6 src=0 epc=30a2/1 store-a->null q=0 r=0",
            "stockout d=0 src=0 epc=3e9/0 null->store-a q=0 r=0",
            "stockout d=0 src=0 epc=3ea/0 null->store-a q=0 r=0",
            "stockout d=0 src=0 epc=3ea/0 null->store-b q=0 r=0");
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isZero();
    }

    @Test
    void shouldDeriveBalancesPerSkuAndZoneWhenPlantRunsToTheEnd()
    {
        final OpsPlant p = run();
        final OperationsExtension ops = p.ops;
        final int dock = p.zone("dock");
        final int storeA = p.zone("store-a");
        final int storeB = p.zone("store-b");
        final int qa = p.zone("qa");

        assertThat(balances(ops, SKU_A, storeA)).containsExactly(0, 0, 0);
        assertThat(ops.expected(SKU_A, storeA)).isZero();
        assertThat(balances(ops, SKU_B, storeA)).containsExactly(0, 0, 0);
        assertThat(balances(ops, SKU_B, storeB)).containsExactly(1, 0, 0);
        assertThat(ops.reserved(SKU_B, storeB)).isEqualTo(1);
        assertThat(balances(ops, SKU_B, qa)).containsExactly(1, 0, 0);
        assertThat(ops.held(SKU_B, qa)).isEqualTo(1);
        assertThat(balances(ops, SKU_X, dock)).containsExactly(1, 1, 1);
        assertThat(balances(ops, SKU_A, dock)).containsExactly(0, 0, 0);
        assertThat(ops.onHand(SKU_B, 0, qa)).isEqualTo(1);
        assertThat(ops.onHand(SKU_A, 5, storeA)).isZero();
        assertThat(ops.occupancy(storeA)).isZero();
        assertThat(ops.occupancy(dock)).isEqualTo(1);
        assertThat(ops.received(RECEIPT, SKU_A)).isEqualTo(2);
        assertThat(ops.isOpen(RECEIPT)).isFalse();
        assertThat(ops.droppedRows()).isZero();
    }

    @Test
    void shouldRecordOneMovementWithOutAndInRowsWhenItemChangesZone()
    {
        final OpsPlant p = run();
        final MovementLedger m = p.ops.movements();

        // 5 receipts/finds, 5 moves (out + in), 2 issues
        assertThat(m.movementCount()).isEqualTo(12);
        assertThat(m.rowCount()).isEqualTo(17);
        final long putAwayOut = 5;
        assertThat(m.movementId(putAwayOut)).isEqualTo(m.movementId(putAwayOut + 1)).isEqualTo(6);
        assertThat(m.quantity(putAwayOut)).isEqualTo(-1);
        assertThat(m.quantity(putAwayOut + 1)).isEqualTo(1);
        assertThat(m.fromZone(putAwayOut)).isEqualTo(p.zone("dock")).isEqualTo(m.fromZone(putAwayOut + 1));
        assertThat(m.toZone(putAwayOut)).isEqualTo(p.zone("store-a")).isEqualTo(m.toZone(putAwayOut + 1));
        assertThat(m.reason(putAwayOut)).isEqualTo(MovementLedger.PUT_AWAY);
        assertThat(m.epcHigh(putAwayOut)).isEqualTo(A1);
        assertThat(m.skuKey(putAwayOut)).isEqualTo(SKU_A);
        assertThat(m.lotId(putAwayOut)).isEqualTo(5);
        assertThat(m.reason(0)).isEqualTo(MovementLedger.RECEIPT);
        assertThat(m.reason(4)).isEqualTo(MovementLedger.FOUND);
    }

    @Test
    void shouldEmitIdenticalEventsWhenSameInputIsReplayed()
    {
        final List<String> first = run().events;
        final List<String> second = run().events;

        assertThat(second).isEqualTo(first).isNotEmpty();
    }

    @Test
    void shouldResumeIdenticallyWhenRestoredFromSnapshot() throws IOException
    {
        final OpsPlant straight = run();

        final OpsPlant before = new OpsPlant();
        final long mid = firstHalf(before);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            before.pipeline.writeSnapshot(out); // includes the installed extension's state
        }
        final OpsPlant after = new OpsPlant();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            after.pipeline.readSnapshot(in);
            assertThat(in.read()).as("the snapshot is consumed exactly").isEqualTo(-1);
        }
        secondHalf(after, mid);

        final List<String> tail = straight.events.subList(before.events.size(), straight.events.size());
        assertThat(after.events).isEqualTo(tail);
        assertThat(after.ops.movements().rowCount()).isEqualTo(straight.ops.movements().rowCount());
        assertThat(after.ops.available(SKU_X, after.zone("dock"))).isEqualTo(1);
    }

    @Test
    void shouldRejectCommandWhenArgumentsAreBad()
    {
        final OpsPlant p = new OpsPlant();
        p.command(T0, OpsCommands.ZONE, 0, 0, -5, ZoneRole.STORAGE, 0);
        p.command(T0, OpsCommands.RECEIPT_LINE, 0, 0, RECEIPT, SKU_A, 0);
        p.command(T0, OpsCommands.ISSUE, A1, 1, 0, 0, 0);
        p.command(T0, 1338, 0, 0, 0, 0, 0);

        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isEqualTo(4);
        assertThat(p.counters.get(Counters.COMMANDS)).isZero();
    }

    private static int[] balances(final OperationsExtension ops, final long sku, final int zone)
    {
        return new int[]{ops.onHand(sku, zone), ops.available(sku, zone), ops.projected(sku, zone)};
    }
}
