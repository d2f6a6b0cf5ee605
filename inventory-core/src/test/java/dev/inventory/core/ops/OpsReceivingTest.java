package dev.inventory.core.ops;

import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

import dev.inventory.core.command.EpcTextDecoder;
import dev.inventory.core.command.HostCommand;
import dev.inventory.core.command.HostCommandFileReader;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.record.CommandFlyweight;

import static org.assertj.core.api.Assertions.assertThat;

class OpsReceivingTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long SKU = 501;

    private static OpsPlant plantWithRoles()
    {
        final OpsPlant p = new OpsPlant();
        p.command(T0, OpsCommands.ZONE, 0, 0, p.zone("dock"), ZoneRole.RECEIVING, 0);
        p.command(T0, OpsCommands.ZONE, 0, 0, p.zone("store-a"), ZoneRole.STORAGE, 0);
        p.command(T0, OpsCommands.ZONE, 0, 0, p.zone("qa"), ZoneRole.QUALITY_HOLD, 0);
        return p;
    }

    private static void tag(final OpsPlant p, final long epc, final long sku, final long lot)
    {
        p.command(T0, CommandFlyweight.ASSIGN_TAG, epc, 1, sku, lot, 0);
    }

    @Test
    void shouldReportOverAndFillReceiptsInOpenOrderWhenMoreArriveThanExpected()
    {
        final OpsPlant p = plantWithRoles();
        p.command(T0, OpsCommands.RECEIPT_LINE, 0, 0, 1, SKU, 1);
        p.command(T0, OpsCommands.RECEIPT_LINE, 0, 0, 2, SKU, 1);
        for (int i = 0; i < 3; i++)
        {
            tag(p, 0x40 + i, SKU, 0);
            p.read(T0 + 1_000 + i, OpsPlant.DOCK_ANTENNA, 0x40 + i, 1, -5_000);
        }
        p.command(T0 + 5_000, OpsCommands.RECEIPT_CLOSE, 0, 0, 1, 0, 0);
        p.command(T0 + 5_000, OpsCommands.RECEIPT_CLOSE, 0, 0, 2, 0, 0);

        assertThat(p.opsEvents).containsExactly(
            "received d=0 src=1 epc=40/1 null->dock q=1 r=1",
            "received d=0 src=2 epc=41/1 null->dock q=1 r=1",
            "received d=0 src=1 epc=42/1 null->dock q=2 r=1",
            "receipt_over d=0 src=1 epc=1f5/0 null->null q=1 r=1",
            "receipt_closed d=0 src=1 epc=0/0 null->null q=1 r=0",
            "receipt_line_complete d=0 src=2 epc=1f5/0 null->null q=1 r=1",
            "receipt_closed d=0 src=2 epc=0/0 null->null q=1 r=0");
        assertThat(p.ops.received(1, SKU)).isEqualTo(2);
        assertThat(p.ops.onHand(SKU, p.zone("dock"))).isEqualTo(3);
    }

    @Test
    void shouldMoveExpectedQuantityWhenReceiptPutAwayZoneChanges()
    {
        final OpsPlant p = plantWithRoles();
        final int storeA = p.zone("store-a");
        final int storeB = p.zone("store-b");
        p.command(T0, OpsCommands.RECEIPT_LINE, 0, 0, 9, SKU, 4);
        assertThat(p.ops.expected(SKU, storeA)).isZero();
        p.command(T0, OpsCommands.RECEIPT_OPEN, 0, 0, 9, storeA, 0);
        assertThat(p.ops.projected(SKU, storeA)).isEqualTo(4);
        p.command(T0, OpsCommands.RECEIPT_OPEN, 0, 0, 9, storeB, 0);

        assertThat(p.ops.projected(SKU, storeA)).isZero();
        assertThat(p.ops.projected(SKU, storeB)).isEqualTo(4);
        assertThat(p.ops.onHand(SKU, storeB)).isZero();
    }

    @Test
    void shouldCountHeldStockOnHandButNotAvailableWhenStatusIsHoldOrZoneIsQualityHold()
    {
        final OpsPlant p = plantWithRoles();
        final int storeA = p.zone("store-a");
        tag(p, 0x50, SKU, 3);
        tag(p, 0x51, SKU, 3);
        p.read(T0 + 1_000, OpsPlant.STORE_A_ANTENNA, 0x50, 1, -5_000);
        p.read(T0 + 1_000, OpsPlant.STORE_A_ANTENNA, 0x51, 1, -5_000);
        p.command(T0 + 2_000, CommandFlyweight.SET_TAG_STATUS, 0x50, 1, Ledger.STATUS_HOLD, 0, 0);
        p.read(T0 + 3_000, OpsPlant.STORE_A_ANTENNA, 0x50, 1, -5_000);

        assertThat(p.ops.onHand(SKU, storeA)).isEqualTo(2);
        assertThat(p.ops.held(SKU, storeA)).isEqualTo(1);
        assertThat(p.ops.available(SKU, storeA)).isEqualTo(1);
        assertThat(p.ops.onHand(SKU, 3, storeA)).isEqualTo(2);

        p.command(T0 + 4_000, CommandFlyweight.SET_TAG_STATUS, 0x51, 1, Ledger.STATUS_CONSUMED, 0, 0);
        p.read(T0 + 5_000, OpsPlant.STORE_A_ANTENNA, 0x51, 1, -5_000);
        p.read(T0 + 6_000, OpsPlant.STORE_A_ANTENNA, 0x51, 1, -5_000);

        assertThat(p.ops.onHand(SKU, storeA)).isEqualTo(1);
        assertThat(p.ops.available(SKU, storeA)).isZero();
        assertThat(p.opsEvents).containsExactly(
            "issued d=5 src=0 epc=51/1 store-a->null q=0 r=0",
            "stockout d=0 src=0 epc=1f5/0 null->store-a q=0 r=0");
    }

    @Test
    void shouldAdjustUntaggedStockAndRejectGoingNegativeWhenHostAdjusts()
    {
        final OpsPlant p = plantWithRoles();
        final int storeA = p.zone("store-a");
        p.command(T0, OpsCommands.ADJUST, 0, 0, SKU, storeA, 10);
        p.command(T0, OpsCommands.RESERVE, 0, 0, SKU, storeA, 4);
        p.command(T0, OpsCommands.ADJUST, 0, 0, SKU, storeA, -11);

        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isEqualTo(1);
        assertThat(p.ops.onHand(SKU, storeA)).isEqualTo(10);
        assertThat(p.ops.available(SKU, storeA)).isEqualTo(6);
        assertThat(p.ops.occupancy(storeA)).isEqualTo(10);
        assertThat(p.ops.movements().movementCount()).isEqualTo(1);
        assertThat(p.ops.movements().reason(0)).isEqualTo(MovementLedger.ADJUST);
        assertThat(p.ops.movements().tag(0)).isEqualTo(-1);
    }

    @Test
    void shouldParseNamedOpsCommandsWhenReadFromHostCommandFile() throws IOException
    {
        final OpsPlant p = new OpsPlant();
        final String file = "ts_ms,command,epc,arg2,arg3,arg4\n" +
            T0 + ",OPS_ZONE,0000," + p.zone("store-a") + "," + ZoneRole.STORAGE + ",5\n" +
            T0 + ",OPS_REORDER_POINT,0000," + SKU + "," + p.zone("store-a") + ",3\n" +
            T0 + ",1306,0000," + SKU + "," + p.zone("store-a") + ",8\n";
        try (HostCommandFileReader reader = new HostCommandFileReader(new StringReader(file), EpcTextDecoder.HEX))
        {
            HostCommand command;
            final CommandFlyweight flyweight = new CommandFlyweight();
            final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (null != (command = reader.next()))
            {
                command.writeTo(flyweight.wrap(buffer, 0), 3);
                p.pipeline.onRecord(buffer, 0);
            }
            assertThat(reader.malformedLines()).isZero();
        }

        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isZero();
        assertThat(p.ops.role(p.zone("store-a"))).isEqualTo(ZoneRole.STORAGE);
        assertThat(p.ops.capacity(p.zone("store-a"))).isEqualTo(5);
        assertThat(p.opsEvents).containsExactly("replenish d=0 src=0 epc=1f5/0 null->store-a q=6 r=0");
    }

    @Test
    void shouldIssueRetiredItemAtOnceAndCountTheTagReusingItsHandleAfresh()
    {
        final OpsPlant p = plantWithRoles();
        final int storeA = p.zone("store-a");
        final int dock = p.zone("dock");
        tag(p, 0x60, SKU, 0);
        p.read(T0 + 1_000, OpsPlant.STORE_A_ANTENNA, 0x60, 1, -5_000);
        final int handle = p.pipeline.tags().get(0x60, 1);
        p.command(T0 + 2_000, CommandFlyweight.RETIRE_TAG, 0x60, 1, 0, 0, 0);
        assertThat(p.ops.onHand(SKU, storeA)).as("left stock at the RETIRE_TAG command").isZero();
        assertThat(p.ops.movements().reason(p.ops.movements().rowCount() - 1)).isEqualTo(MovementLedger.RETIRED);

        p.read(T0 + 3_000, OpsPlant.STORE_B_ANTENNA, 0x61, 1, -5_000);

        assertThat(p.pipeline.tags().get(0x61, 1)).isEqualTo(handle);
        assertThat(p.ops.onHand(SKU, storeA)).isZero();
        assertThat(p.ops.occupancy(storeA)).isZero();
        assertThat(p.ops.occupancy(p.zone("store-b"))).isEqualTo(1);
        assertThat(p.ops.occupancy(dock)).isZero();
        assertThat(p.opsEvents).containsExactly(
            "issued d=8 src=0 epc=60/1 store-a->null q=0 r=0",
            "stockout d=0 src=0 epc=1f5/0 null->store-a q=0 r=0");
    }

    @Test
    void shouldRaiseSiteReplenishmentAndUrgentZoneReplenishmentBelowSafetyStock()
    {
        final OpsPlant p = plantWithRoles();
        final int storeA = p.zone("store-a");
        p.command(T0, OpsCommands.ORDER_UP_TO, 0, 0, SKU, -1, 10);
        p.command(T0, OpsCommands.REORDER_POINT, 0, 0, SKU, -1, 3);  // site: all zones summed
        p.command(T0, OpsCommands.SAFETY_STOCK, 0, 0, SKU, storeA, 1);
        p.command(T0, OpsCommands.RESERVE, 0, 0, SKU, -1, 1);       // no site reservations: rejected
        for (int item = 1; item <= 3; item++)
        {
            tag(p, 0x90, SKU, 0);
            p.command(T0, CommandFlyweight.ASSIGN_TAG, 0x90, item, SKU, 0, 0);
        }
        p.read(T0 + 1_000, OpsPlant.STORE_A_ANTENNA, 0x90, 1, -5_000);
        p.read(T0 + 1_000, OpsPlant.STORE_A_ANTENNA, 0x90, 2, -5_000);
        p.read(T0 + 1_000, OpsPlant.STORE_B_ANTENNA, 0x90, 3, -5_000);
        final int before = p.opsEvents.size();

        p.command(T0 + 2_000, OpsCommands.ISSUE, 0x90, 1, 0, 0, 0);  // site projected 3 -> 2: below the ROP
        p.command(T0 + 3_000, OpsCommands.ISSUE, 0x90, 2, 0, 0, 0);  // store-a available 1 -> 0: below safety

        assertThat(p.opsEvents.subList(0, before)).as("levels set above an empty site / zone: at once")
            .containsExactly(
                "replenish d=0 src=0 epc=1f5/0 null->null q=10 r=0",
                "stockout d=0 src=0 epc=1f5/0 null->null q=0 r=0",
                "replenish d=1 src=0 epc=1f5/0 null->store-a q=2 r=0");
        assertThat(p.opsEvents.subList(before, p.opsEvents.size())).containsExactly(
            "issued d=5 src=0 epc=90/1 store-a->null q=0 r=0",
            "replenish d=0 src=0 epc=1f5/0 null->null q=8 r=2",
            "issued d=5 src=0 epc=90/2 store-a->null q=0 r=0",
            "stockout d=0 src=0 epc=1f5/0 null->store-a q=0 r=0",
            "replenish d=1 src=0 epc=1f5/0 null->store-a q=2 r=0");
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isEqualTo(1);
        assertThat(p.ops.available(SKU, p.zone("store-b"))).isEqualTo(1);
    }

    @Test
    void shouldNotReceiveItemWhenItComesToDockFromStorage()
    {
        final OpsPlant p = plantWithRoles();
        p.command(T0, OpsCommands.RECEIPT_LINE, 0, 0, 4, SKU, 1);
        tag(p, 0x70, SKU, 0);
        p.read(T0 + 1_000, OpsPlant.STORE_A_ANTENNA, 0x70, 1, -5_000);
        p.moveTo(T0 + 2_000, OpsPlant.DOCK_ANTENNA, "dock", 0x70, 1);

        assertThat(p.ops.received(4, SKU)).isZero();
        assertThat(p.ops.onHand(SKU, p.zone("dock"))).isEqualTo(1);
        assertThat(p.ops.movements().reason(0)).isEqualTo(MovementLedger.FOUND);
        assertThat(p.ops.movements().reason(2)).isEqualTo(MovementLedger.TRANSFER);
        assertThat(p.opsEvents).containsExactly("stockout d=0 src=0 epc=1f5/0 null->store-a q=0 r=0");
    }
}
