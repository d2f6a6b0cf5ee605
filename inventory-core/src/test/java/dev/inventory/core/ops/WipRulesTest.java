package dev.inventory.core.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.inventory.core.command.EpcTextDecoder;
import dev.inventory.core.command.HostCommand;
import dev.inventory.core.command.HostCommandFileReader;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.record.CommandFlyweight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Work in progress: routing with queue and process times, off-route units, station bottlenecks with hysteresis,
 * consumption against bills of material, completion, scrap, close / cancel, eviction, bad commands, snapshots.
 */
class WipRulesTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long PRODUCT = 2001;
    private static final long BOLT = 3001;
    private static final long PAINT = 3002;
    private static final long OTHER = 3999;
    private static final long U1 = 0x5501L;
    private static final long U2 = 0x5502L;
    private static final long U3 = 0x5503L;
    private static final long U4 = 0x5504L;
    private static final long B1 = 0xB001L;
    private static final long B2 = 0xB002L;
    private static final long B3 = 0xB003L;
    private static final long B4 = 0xB004L;
    private static final long B5 = 0xB005L;
    private static final long P1 = 0xC001L;
    private static final long P2 = 0xC002L;
    private static final long X1 = 0xF001L;

    /** A plant with stations st-1..st-3 (store-a, ship: no role, e.g. a WIP buffer), and the WIP rules. */
    static final class Wip
    {
        final OpsPlant p;
        final WipRules rules;
        final int st1;
        final int st2;
        final int st3;

        Wip()
        {
            this(new WipRules.Context().tagCapacity(1024));
        }

        Wip(final WipRules.Context context)
        {
            final WipRules[] holder = new WipRules[1];
            p = new OpsPlant(ops -> holder[0] = new WipRules(ops, context));
            rules = holder[0];
            st1 = p.zone("st-1");
            st2 = p.zone("st-2");
            st3 = p.zone("st-3");
            p.command(T0, OpsCommands.ZONE, 0, 0, st1, ZoneRole.WIP_STATION, 0);
            p.command(T0, OpsCommands.ZONE, 0, 0, st2, ZoneRole.WIP_STATION, 0);
            p.command(T0, OpsCommands.ZONE, 0, 0, st3, ZoneRole.WIP_STATION, 0);
        }

        /** Move an item into a zone from {@code T0 + ms}; returns the move's time offset. */
        long move(final long ms, final String zone, final long epc)
        {
            return p.moveTo(T0 + ms, antenna(zone), zone, epc, 1) - 100 - T0;
        }

        void command(final long ms, final int code, final long arg2, final long arg3, final long arg4)
        {
            p.command(T0 + ms, code, 0, 0, arg2, arg3, arg4);
        }

        void item(final long ms, final int code, final long epc, final long arg2)
        {
            p.command(T0 + ms, code, epc, 1, arg2, 0, 0);
        }

        void tag(final long epc, final long sku)
        {
            p.command(T0, CommandFlyweight.ASSIGN_TAG, epc, 1, sku, 0, 0);
        }

        /** Work order with a routing through the given zones and units assigned. */
        void workOrder(final long ms, final long id, final int quantity, final int[] zones, final long... units)
        {
            command(ms, WipCommands.WO_OPEN, id, quantity, 0);
            for (int k = 0; k < zones.length; k++)
            {
                command(ms, WipCommands.WO_OPERATION, id, k + 1, zones[k]);
            }
            for (final long unit : units)
            {
                tag(unit, PRODUCT);
                item(ms, WipCommands.WO_ITEM, unit, id);
            }
        }

        int handle(final long epc)
        {
            return p.pipeline.tags().get(epc, 1);
        }

        long rejected()
        {
            return p.counters.rejected(RejectReason.BAD_COMMAND);
        }

        static int antenna(final String zone)
        {
            switch (zone)
            {
                case "dock": return OpsPlant.DOCK_ANTENNA;
                case "store-a": return OpsPlant.STORE_A_ANTENNA;
                case "st-1": return OpsPlant.STATION_1_ANTENNA;
                case "st-2": return OpsPlant.STATION_2_ANTENNA;
                case "st-3": return OpsPlant.STATION_3_ANTENNA;
                case "ship": return OpsPlant.SHIP_ANTENNA;
                default: throw new IllegalArgumentException(zone);
            }
        }
    }

    @Test
    void shouldRecordQueueAndProcessTimesAndCompleteWorkOrderWhenUnitsFollowRouting()
    {
        final Wip w = new Wip();
        w.workOrder(0, 500, 0, new int[]{w.st1, w.st2, w.st3}, U1, U2);

        assertThat(w.move(1_000, "st-1", U1)).isEqualTo(1_000);
        w.move(2_000, "st-1", U2);
        assertThat(w.move(10_000, "store-a", U1)).isEqualTo(10_100);
        assertThat(w.rules.wip(w.st1)).isEqualTo(1);
        assertThat(w.rules.queueCount(w.st2)).isEqualTo(1);
        assertThat(w.rules.itemState(w.handle(U1))).isEqualTo(WipRules.ITEM_WAITING);
        assertThat(w.rules.operationOf(w.handle(U1))).isEqualTo(2);
        w.move(20_000, "st-2", U2);
        assertThat(w.rules.queueItemMs(w.st2)).isEqualTo(10_000);
        assertThat(w.rules.status(500)).isEqualTo(WipRules.STATUS_STARTED);
        w.move(30_000, "st-2", U1);
        w.move(40_000, "st-3", U1);
        w.move(50_000, "st-3", U2);
        w.move(60_000, "ship", U1);
        assertThat(w.rules.status(500)).isEqualTo(WipRules.STATUS_STARTED);
        w.move(70_000, "ship", U2);

        assertThat(w.p.opsEvents).containsExactly(
            "operation_start d=1 src=500 epc=5501/1 null->st-1 q=0 r=3",
            "operation_start d=1 src=500 epc=5502/1 null->st-1 q=0 r=3",
            "operation_complete d=1 src=500 epc=5501/1 null->st-1 q=9100 r=3",
            "operation_complete d=1 src=500 epc=5502/1 null->st-1 q=18100 r=3",
            "operation_start d=2 src=500 epc=5502/1 st-1->st-2 q=0 r=3",
            "operation_start d=2 src=500 epc=5501/1 store-a->st-2 q=20000 r=3",
            "operation_complete d=2 src=500 epc=5501/1 null->st-2 q=10000 r=3",
            "operation_start d=3 src=500 epc=5501/1 st-2->st-3 q=0 r=3",
            "operation_complete d=2 src=500 epc=5502/1 null->st-2 q=30000 r=3",
            "operation_start d=3 src=500 epc=5502/1 st-2->st-3 q=0 r=3",
            "operation_complete d=3 src=500 epc=5501/1 null->st-3 q=20000 r=3",
            "item_complete d=3 src=500 epc=5501/1 null->st-3 q=59100 r=1",
            "operation_complete d=3 src=500 epc=5502/1 null->st-3 q=20000 r=3",
            "item_complete d=3 src=500 epc=5502/1 null->st-3 q=68100 r=2",
            "work_order_complete d=0 src=500 epc=0/0 null->st-3 q=69100 r=2");
        final WipRules r = w.rules;
        assertThat(r.status(500)).isEqualTo(WipRules.STATUS_COMPLETE);
        assertThat(r.leadTimeMs(500)).isEqualTo(69_100);
        assertThat(r.startedMs(500)).isEqualTo(T0 + 1_000);
        assertThat(r.endedMs(500)).isEqualTo(T0 + 70_100);
        assertThat(r.units(500)).isEqualTo(2);
        assertThat(r.unitsComplete(500)).isEqualTo(2);
        assertThat(r.operations(500)).isEqualTo(3);
        assertThat(r.operationsDone(500, 1)).isEqualTo(2);
        assertThat(r.operationsDone(500)).isEqualTo(6);
        assertThat(r.operationsDone(500, 4)).isEqualTo(-1);
        assertThat(r.averageProcessMs(w.st1)).isEqualTo(13_600);
        assertThat(r.averageQueueMs(w.st1)).isZero();
        assertThat(r.averageQueueMs(w.st2)).isEqualTo(10_000);
        assertThat(r.averageProcessMs(w.st2)).isEqualTo(20_000);
        assertThat(r.averageProcessMs(w.st3)).isEqualTo(20_000);
        assertThat(r.operationsCompleted(w.st3)).isEqualTo(2);
        assertThat(r.wip(w.st3)).isZero();
        assertThat(r.queueCount(w.st2)).isZero();
        assertThat(r.itemState(w.handle(U1))).isEqualTo(WipRules.ITEM_DONE);
        assertThat(r.operationOf(w.handle(U1))).isZero();
        assertThat(r.workOrderOf(w.handle(U2))).isEqualTo(500);
        assertThat(r.wip(w.p.zone("ship"))).isZero();
        assertThat(w.rejected()).isZero();
    }

    @Test
    void shouldRaiseOffRouteAndKeepRoutingWhenUnitEntersAnotherStation()
    {
        final Wip w = new Wip();
        w.workOrder(0, 600, 1, new int[]{w.st1, w.st2, w.st3}, U1);

        w.move(1_000, "st-1", U1);
        w.move(10_000, "st-3", U1);
        assertThat(w.rules.operationOf(w.handle(U1))).isEqualTo(2);
        assertThat(w.rules.queueCount(w.st2)).isEqualTo(1);
        assertThat(w.rules.wip(w.st3)).isZero();
        w.move(20_000, "store-a", U1);
        w.move(30_000, "st-2", U1);
        w.move(40_000, "st-1", U1);
        assertThat(w.rules.queueCount(w.st3)).isEqualTo(1);
        w.item(45_000, WipCommands.WO_ITEM_REROUTE, U1, 1); // rework: accept the station, redo operation 1

        assertThat(w.p.opsEvents).containsExactly(
            "operation_start d=1 src=600 epc=5501/1 null->st-1 q=0 r=3",
            "operation_complete d=1 src=600 epc=5501/1 null->st-1 q=9100 r=3",
            "off_route d=2 src=600 epc=5501/1 st-1->st-3 q=" + w.st2 + " r=3",
            "operation_start d=2 src=600 epc=5501/1 store-a->st-2 q=20000 r=3",
            "operation_complete d=2 src=600 epc=5501/1 null->st-2 q=10000 r=3",
            "off_route d=3 src=600 epc=5501/1 st-2->st-1 q=" + w.st3 + " r=1",
            "operation_start d=1 src=600 epc=5501/1 null->st-1 q=4900 r=3");
        assertThat(w.rules.queueCount(w.st3)).isZero();
        assertThat(w.rules.wip(w.st1)).isEqualTo(1);
        assertThat(w.rules.operationOf(w.handle(U1))).isEqualTo(1);
        assertThat(w.rules.itemState(w.handle(U1))).isEqualTo(WipRules.ITEM_IN_OPERATION);
        assertThat(w.rules.averageQueueMs(w.st2)).isEqualTo(20_000);
        assertThat(w.rejected()).isZero();
    }

    /** Three units queue for st-2; threshold 20 000 item-ms, clear level 5 000. */
    private static void bottleneckFirstHalf(final Wip w)
    {
        w.workOrder(0, 700, 0, new int[]{w.st1, w.st2}, U1, U2, U3);
        w.command(0, WipCommands.STATION_QUEUE_LIMIT, w.st2, 20_000, 5_000);
        w.move(1_000, "st-1", U1);
        w.move(2_000, "st-1", U2);
        w.move(3_000, "st-1", U3);
        w.move(10_000, "store-a", U1);
        w.move(11_000, "store-a", U2); // 2 x (t - 10 100) - 1 000 > 20 000 from t = 10 100 + 10 501
    }

    private static void bottleneckSecondHalf(final Wip w)
    {
        w.p.read(T0 + 20_600, OpsPlant.STATION_1_ANTENNA, U3, 1, -4_000);
        w.p.read(T0 + 20_601, OpsPlant.STATION_1_ANTENNA, U3, 1, -4_000);
        w.move(30_000, "store-a", U3);
        w.move(40_000, "st-2", U1);
        w.move(50_000, "st-2", U2);
        w.move(60_000, "st-2", U3);
    }

    @Test
    void shouldRaiseBottleneckOnTimeAndClearWithHysteresisWhenQueueDrains()
    {
        final Wip w = new Wip();
        bottleneckFirstHalf(w);
        assertThat(w.rules.isBottleneck(w.st2)).isFalse();
        w.p.read(T0 + 20_600, OpsPlant.STATION_1_ANTENNA, U3, 1, -4_000);
        assertThat(w.rules.queueItemMs(w.st2)).isEqualTo(20_000);
        assertThat(w.rules.isBottleneck(w.st2)).isFalse();
        w.p.read(T0 + 20_601, OpsPlant.STATION_1_ANTENNA, U3, 1, -4_000);
        assertThat(w.rules.isBottleneck(w.st2)).isTrue();
        w.move(30_000, "store-a", U3);
        w.move(40_000, "st-2", U1);
        w.move(50_000, "st-2", U2);
        assertThat(w.rules.queueItemMs(w.st2)).isEqualTo(20_000);
        assertThat(w.rules.isBottleneck(w.st2)).as("no flapping between threshold and clear level").isTrue();
        w.move(60_000, "st-2", U3);

        assertThat(w.p.opsEvents).containsExactly(
            "operation_start d=1 src=700 epc=5501/1 null->st-1 q=0 r=2",
            "operation_start d=1 src=700 epc=5502/1 null->st-1 q=0 r=2",
            "operation_start d=1 src=700 epc=5503/1 null->st-1 q=0 r=2",
            "operation_complete d=1 src=700 epc=5501/1 null->st-1 q=9100 r=2",
            "operation_complete d=1 src=700 epc=5502/1 null->st-1 q=9100 r=2",
            "bottleneck d=0 src=0 epc=0/0 null->st-2 q=20002 r=2",
            "operation_complete d=1 src=700 epc=5503/1 null->st-1 q=27100 r=2",
            "operation_start d=2 src=700 epc=5501/1 store-a->st-2 q=30000 r=2",
            "operation_start d=2 src=700 epc=5502/1 store-a->st-2 q=39000 r=2",
            "operation_start d=2 src=700 epc=5503/1 store-a->st-2 q=30000 r=2",
            "bottleneck_cleared d=0 src=0 epc=0/0 null->st-2 q=0 r=0");
        assertThat(w.rules.isBottleneck(w.st2)).isFalse();
        assertThat(w.rules.averageQueueMs(w.st2)).isEqualTo(33_000);
        assertThat(w.rules.wip(w.st2)).isEqualTo(3);
    }

    @Test
    void shouldClearBottleneckWhenThresholdIsRemoved()
    {
        final Wip w = new Wip();
        bottleneckFirstHalf(w);
        w.command(25_000, WipCommands.STATION_QUEUE_LIMIT, w.st2, 1_000, 0);
        assertThat(w.rules.isBottleneck(w.st2)).isTrue();
        w.command(25_000, WipCommands.STATION_QUEUE_LIMIT, w.st2, 0, 0);

        assertThat(w.rules.isBottleneck(w.st2)).isFalse();
        assertThat(w.p.opsEvents).endsWith(
            "bottleneck d=0 src=0 epc=0/0 null->st-2 q=28800 r=2",
            "bottleneck_cleared d=0 src=0 epc=0/0 null->st-2 q=28800 r=2");
    }

    @Test
    void shouldConsumeMaterialAgainstBomLinesAndFlagOverConsumption()
    {
        final Wip w = new Wip();
        w.workOrder(0, 800, 0, new int[]{w.st1, w.st2}, U1);
        w.command(0, WipCommands.WO_BOM_LINE, 800, BOLT, 2);
        w.command(0, WipCommands.WO_BOM_LINE, 800, PAINT, 1);
        w.command(0, WipCommands.WO_BOM_OPERATION, 800, PAINT, 2);
        for (final long bolt : new long[]{B1, B2, B3})
        {
            w.tag(bolt, BOLT);
        }
        w.tag(P1, PAINT);
        w.tag(P2, PAINT);
        w.tag(X1, OTHER);

        w.move(500, "st-1", B1); // no operation in progress yet: a plain move
        w.move(1_000, "st-1", U1);
        w.move(2_000, "st-1", B2);
        w.move(3_000, "st-1", X1); // not on the bill of material
        w.move(4_000, "store-a", B3);
        w.move(5_000, "st-1", B3);
        w.move(6_000, "store-a", B1);
        w.move(7_000, "st-1", B1);
        w.move(8_000, "st-2", P1); // staged at the point of use of operation 2
        w.move(8_500, "st-1", P2); // its line is consumed at operation 2, not here

        final int st1 = w.st1;
        assertThat(w.p.opsEvents).containsExactly(
            "operation_start d=1 src=800 epc=5501/1 null->st-1 q=0 r=2",
            "issued d=9 src=0 epc=b002/1 st-1->null q=0 r=0",
            "consumed d=1 src=800 epc=b002/1 null->st-1 q=1 r=2",
            "issued d=9 src=0 epc=b003/1 st-1->null q=0 r=0",
            "consumed d=1 src=800 epc=b003/1 store-a->st-1 q=2 r=2",
            "issued d=9 src=0 epc=b001/1 st-1->null q=0 r=0",
            "consumed d=1 src=800 epc=b001/1 store-a->st-1 q=3 r=2",
            "over_consumption d=1 src=800 epc=b001/1 store-a->st-1 q=1 r=2",
            "issued d=9 src=0 epc=c001/1 st-2->null q=0 r=0",
            "consumed d=2 src=800 epc=c001/1 null->st-2 q=1 r=1");
        assertThat(w.rules.consumed(800, BOLT)).isEqualTo(3);
        assertThat(w.rules.bomQuantity(800, BOLT)).isEqualTo(2);
        assertThat(w.rules.consumed(800, PAINT)).isEqualTo(1);
        assertThat(w.rules.consumed(800, OTHER)).isEqualTo(-1);
        assertThat(w.p.ops.onHand(BOLT, st1)).isZero();
        assertThat(w.p.ops.onHand(OTHER, st1)).isEqualTo(1);
        assertThat(w.p.ops.onHand(PAINT, st1)).isEqualTo(1);
        assertThat(w.p.ops.isCounted(w.handle(B2))).isFalse();
        final MovementLedger m = w.p.ops.movements();
        assertThat(m.reason(m.rowCount() - 2)).isEqualTo(MovementLedger.CONSUME);
    }

    @Test
    void shouldNotConsumeMaterialOnHoldUntilReleased()
    {
        final Wip w = new Wip();
        w.workOrder(0, 820, 0, new int[]{w.st1}, U1);
        w.command(0, WipCommands.WO_BOM_LINE, 820, BOLT, 2);
        w.tag(B1, BOLT);
        w.p.command(T0, CommandFlyweight.SET_TAG_STATUS, B1, 1, Ledger.STATUS_HOLD, 0, 0);
        w.move(1_000, "st-1", U1);
        w.move(2_000, "st-1", B1);
        assertThat(w.p.ops.isCounted(w.handle(B1))).isTrue();
        assertThat(w.rules.consumed(820, BOLT)).isZero();
        w.p.command(T0 + 3_000, CommandFlyweight.SET_TAG_STATUS, B1, 1, Ledger.STATUS_AVAILABLE, 0, 0);
        w.move(4_000, "store-a", B1);
        w.move(5_000, "st-1", B1);

        assertThat(w.p.opsEvents).containsExactly(
            "operation_start d=1 src=820 epc=5501/1 null->st-1 q=0 r=1",
            "consumption_blocked d=1 src=820 epc=b001/1 null->st-1 q=0 r=2",
            "issued d=9 src=0 epc=b001/1 st-1->null q=0 r=0",
            "consumed d=1 src=820 epc=b001/1 store-a->st-1 q=1 r=2");
        assertThat(w.rules.consumed(820, BOLT)).isEqualTo(1);
    }

    @Test
    void shouldChooseLineWithQuantityLeftThenInProgressThenOldestWorkOrderWhenSeveralQualify()
    {
        final Wip w = new Wip();
        w.workOrder(0, 904, 0, new int[]{w.st1}); // no units: its line is staged at operation 1
        w.command(0, WipCommands.WO_BOM_LINE, 904, BOLT, 1);
        w.command(0, WipCommands.WO_BOM_OPERATION, 904, BOLT, 1);
        w.workOrder(0, 901, 0, new int[]{w.st1}, U1);
        w.command(0, WipCommands.WO_BOM_LINE, 901, BOLT, 1);
        w.workOrder(0, 902, 0, new int[]{w.st1}, U2);
        w.command(0, WipCommands.WO_BOM_LINE, 902, BOLT, 2);
        w.move(1_000, "st-1", U1);
        w.move(1_000, "st-1", U2);
        long t = 2_000;
        for (final long bolt : new long[]{B1, B2, B3, B4, B5})
        {
            w.tag(bolt, BOLT);
            w.move(t, "st-1", bolt);
            t += 1_000;
        }

        assertThat(w.p.opsEvents).filteredOn(e -> e.startsWith("consumed") || e.startsWith("over")).containsExactly(
            "consumed d=1 src=901 epc=b001/1 null->st-1 q=1 r=1",
            "consumed d=1 src=902 epc=b002/1 null->st-1 q=1 r=2",
            "consumed d=1 src=902 epc=b003/1 null->st-1 q=2 r=2",
            "consumed d=1 src=904 epc=b004/1 null->st-1 q=1 r=1",
            "consumed d=1 src=901 epc=b005/1 null->st-1 q=2 r=1",
            "over_consumption d=1 src=901 epc=b005/1 null->st-1 q=1 r=1");
    }

    @Test
    void shouldCompleteOperationByHostAndStartNextAtSameStation()
    {
        final Wip w = new Wip();
        w.workOrder(0, 1000, 0, new int[]{w.st1, w.st1, w.st2}, U1);

        w.move(1_000, "st-1", U1);
        w.item(4_000, WipCommands.WO_OPERATION_DONE, U1, 0);
        w.move(10_000, "st-2", U1);
        w.item(12_000, WipCommands.WO_OPERATION_DONE, U1, 0);
        w.move(20_000, "ship", U1);
        w.item(21_000, WipCommands.WO_OPERATION_DONE, U1, 0);

        assertThat(w.p.opsEvents).containsExactly(
            "operation_start d=1 src=1000 epc=5501/1 null->st-1 q=0 r=3",
            "operation_complete d=1 src=1000 epc=5501/1 null->st-1 q=3000 r=3",
            "operation_start d=2 src=1000 epc=5501/1 null->st-1 q=0 r=3",
            "operation_complete d=2 src=1000 epc=5501/1 null->st-1 q=6100 r=3",
            "operation_start d=3 src=1000 epc=5501/1 st-1->st-2 q=0 r=3",
            "operation_complete d=3 src=1000 epc=5501/1 null->st-2 q=1900 r=3",
            "item_complete d=3 src=1000 epc=5501/1 null->st-2 q=11000 r=1",
            "work_order_complete d=0 src=1000 epc=0/0 null->st-2 q=11000 r=1");
        assertThat(w.rejected()).as("no operation in progress any more").isEqualTo(1);
        assertThat(w.rules.leadTimeMs(1000)).isEqualTo(11_000);
    }

    @Test
    void shouldStartFirstOperationWhenUnitIsAssignedInsideItsStation()
    {
        final Wip w = new Wip();
        w.tag(U1, PRODUCT);
        w.move(1_000, "st-1", U1);
        w.workOrder(5_000, 1050, 0, new int[]{w.st1, w.st2});
        w.item(5_000, WipCommands.WO_ITEM, U1, 1050);

        assertThat(w.p.opsEvents).containsExactly("operation_start d=1 src=1050 epc=5501/1 null->st-1 q=0 r=2");
        assertThat(w.rules.wip(w.st1)).isEqualTo(1);
    }

    @Test
    void shouldScrapIssuedUnitAndCompleteWorkOrderWithTheRest()
    {
        final Wip w = new Wip();
        w.workOrder(0, 1100, 0, new int[]{w.st1, w.st2}, U1, U2, U3);
        w.move(1_000, "st-1", U1);
        w.move(2_000, "st-1", U2);
        w.move(3_000, "st-1", U3);
        w.move(10_000, "st-2", U1);
        w.p.command(T0 + 11_000, OpsCommands.ISSUE, U2, 1, 0, 0, 0);
        assertThat(w.rules.wip(w.st1)).isEqualTo(1);
        assertThat(w.rules.unitsScrapped(1100)).isEqualTo(1);
        assertThat(w.rules.units(1100)).isEqualTo(2);
        assertThat(w.rules.itemState(w.handle(U2))).isEqualTo(WipRules.ITEM_NONE);
        w.move(20_000, "ship", U1);
        assertThat(w.rules.status(1100)).isEqualTo(WipRules.STATUS_STARTED);
        w.item(21_000, WipCommands.WO_ITEM, U3, 0); // unassigned: the order completes with U1 alone

        assertThat(w.p.opsEvents).endsWith(
            "issued d=5 src=0 epc=5502/1 st-1->null q=0 r=0",
            "operation_complete d=2 src=1100 epc=5501/1 null->st-2 q=10000 r=2",
            "item_complete d=2 src=1100 epc=5501/1 null->st-2 q=19100 r=1",
            "work_order_complete d=0 src=1100 epc=0/0 null->st-2 q=20000 r=1");
        assertThat(w.rules.status(1100)).isEqualTo(WipRules.STATUS_COMPLETE);
        assertThat(w.rules.wip(w.st1)).isZero();
        assertThat(w.rules.workOrderOf(w.handle(U3))).isZero();
    }

    @Test
    void shouldScrapUnitWhenItsRetiredHandleIsReusedForAnotherEpc()
    {
        final Wip w = new Wip();
        w.workOrder(0, 1120, 0, new int[]{w.st1}, U1, U2);
        w.move(1_000, "st-1", U1); // U2 never read
        final int u1 = w.handle(U1);
        final int u2 = w.handle(U2);
        w.p.command(T0 + 2_000, CommandFlyweight.RETIRE_TAG, U1, 1, 0, 0, 0);
        w.p.command(T0 + 2_000, CommandFlyweight.RETIRE_TAG, U2, 1, 0, 0, 0);
        w.tag(X1, OTHER);
        w.tag(B1, BOLT);
        assertThat(new int[]{w.handle(X1), w.handle(B1)}).containsExactlyInAnyOrder(u1, u2);
        w.move(3_000, "st-1", X1);
        w.move(4_000, "st-1", B1);

        assertThat(w.rules.unitsScrapped(1120)).isEqualTo(2);
        assertThat(w.rules.units(1120)).isZero();
        assertThat(w.rules.wip(w.st1)).isZero();
        assertThat(w.rules.workOrderOf(u1)).isZero();
        assertThat(w.rules.workOrderOf(u2)).isZero();
        assertThat(w.p.opsEvents).containsExactly(
            "operation_start d=1 src=1120 epc=5501/1 null->st-1 q=0 r=1",
            "issued d=8 src=0 epc=5501/1 st-1->null q=0 r=0");
    }

    @Test
    void shouldWaitForPlannedQuantityBeforeCompleting()
    {
        final Wip w = new Wip();
        w.workOrder(0, 1150, 2, new int[]{w.st1}, U1);
        w.move(1_000, "st-1", U1);
        w.move(5_000, "ship", U1);
        assertThat(w.rules.status(1150)).isEqualTo(WipRules.STATUS_STARTED);
        w.command(6_000, WipCommands.WO_OPEN, 1150, 1, 0); // planned quantity lowered: complete now

        assertThat(w.rules.status(1150)).isEqualTo(WipRules.STATUS_COMPLETE);
        assertThat(w.p.opsEvents).last().isEqualTo("work_order_complete d=0 src=1150 epc=0/0 null->st-1 q=5000 r=1");
    }

    @Test
    void shouldReleaseUnitsWhenWorkOrderIsClosedShortOrCancelled()
    {
        final Wip w = new Wip();
        w.workOrder(0, 1200, 3, new int[]{w.st1, w.st2}, U1, U2);
        w.move(1_000, "st-1", U1);
        w.move(2_000, "st-1", U2);
        w.move(3_000, "st-2", U1);
        w.move(4_000, "ship", U1);
        w.move(5_000, "store-a", U2);
        assertThat(w.rules.queueCount(w.st2)).isEqualTo(1);
        w.command(6_000, WipCommands.WO_CLOSE, 1200, 0, 0);
        assertThat(w.rules.queueCount(w.st2)).isZero();
        assertThat(w.rules.status(1200)).isEqualTo(WipRules.STATUS_CLOSED);
        assertThat(w.rules.leadTimeMs(1200)).isEqualTo(-1);
        assertThat(w.rules.endedMs(1200)).isEqualTo(T0 + 6_000);
        w.move(7_000, "st-2", U2); // released: no longer routed
        w.command(8_000, WipCommands.WO_CLOSE, 1200, 0, 0);
        w.workOrder(9_000, 1300, 0, new int[]{w.st3}, U3);
        w.command(9_000, WipCommands.WO_CANCEL, 1300, 0, 0);
        w.command(9_000, WipCommands.WO_CANCEL, 1300, 0, 0);
        w.item(9_000, WipCommands.WO_ITEM, U4, 1300);
        w.move(10_000, "st-3", U3);

        assertThat(w.p.opsEvents).filteredOn(e -> e.startsWith("work_order")).containsExactly(
            "work_order_closed d=0 src=1200 epc=0/0 null->null q=1 r=1",
            "work_order_closed d=1 src=1300 epc=0/0 null->null q=0 r=1");
        assertThat(w.p.opsEvents).noneMatch(e -> e.contains("5503/1"));
        assertThat(w.rules.status(1300)).isEqualTo(WipRules.STATUS_CANCELLED);
        assertThat(w.rejected()).isEqualTo(3);
    }

    @Test
    void shouldEvictOldestFinishedWorkOrderWhenTablesAreFull()
    {
        final Wip w = new Wip(new WipRules.Context().tagCapacity(1024).maxWorkOrders(2).maxBomLines(2));
        w.workOrder(0, 1, 0, new int[]{w.st1}, U1);
        w.move(1_000, "st-1", U1);
        w.item(2_000, WipCommands.WO_OPERATION_DONE, U1, 0);
        assertThat(w.rules.status(1)).isEqualTo(WipRules.STATUS_COMPLETE);
        w.command(3_000, WipCommands.WO_OPEN, 2, 0, 0);
        w.command(3_000, WipCommands.WO_BOM_LINE, 2, BOLT, 1);
        w.command(3_000, WipCommands.WO_BOM_LINE, 2, PAINT, 1);
        assertThat(w.rules.workOrderOf(w.handle(U1))).isEqualTo(1);

        w.command(4_000, WipCommands.WO_OPEN, 3, 0, 0);
        assertThat(w.rules.evictedWorkOrders()).isEqualTo(1);
        assertThat(w.rules.status(1)).isEqualTo(WipRules.STATUS_UNKNOWN);
        assertThat(w.rules.workOrderOf(w.handle(U1))).isZero();
        assertThat(w.rules.itemState(w.handle(U1))).isEqualTo(WipRules.ITEM_NONE);
        w.command(4_000, WipCommands.WO_OPEN, 4, 0, 0); // nothing finished to evict
        w.command(4_000, WipCommands.WO_BOM_LINE, 3, BOLT, 1); // no line free
        assertThat(w.rejected()).isEqualTo(2);
        assertThat(w.rules.droppedRows()).isEqualTo(2);

        w.command(5_000, WipCommands.WO_CANCEL, 2, 0, 0);
        w.command(5_000, WipCommands.WO_BOM_LINE, 3, BOLT, 1);
        assertThat(w.rules.evictedWorkOrders()).isEqualTo(2);
        assertThat(w.rules.status(2)).isEqualTo(WipRules.STATUS_UNKNOWN);
        assertThat(w.rules.bomQuantity(3, BOLT)).isEqualTo(1);
        w.item(6_000, WipCommands.WO_ITEM, U1, 3);
        assertThat(w.rules.workOrderOf(w.handle(U1))).isEqualTo(3);
        assertThat(w.rejected()).isEqualTo(2);
    }

    @Test
    void shouldRejectCommandWhenArgumentsAreBad()
    {
        final Wip w = new Wip();
        w.tag(U1, PRODUCT);
        w.command(0, WipCommands.WO_OPEN, 0, 0, 0);
        w.command(0, WipCommands.WO_OPEN, 1L << 31, 0, 0);
        w.command(0, WipCommands.WO_OPEN, 5, -1, 0);
        w.command(0, WipCommands.WO_OPERATION, 99, 1, w.st1); // unknown order
        w.command(0, WipCommands.WO_OPEN, 5, 0, 0);
        w.command(0, WipCommands.WO_OPERATION, 5, 0, w.st1);
        w.command(0, WipCommands.WO_OPERATION, 5, 2, w.st1); // gap in the routing
        w.command(0, WipCommands.WO_OPERATION, 5, 1, w.p.zone("store-a")); // not a station
        w.command(0, WipCommands.WO_OPERATION, 5, 1, 70_000);
        w.item(0, WipCommands.WO_ITEM, 0x7777, 5); // unknown EPC
        w.item(0, WipCommands.WO_ITEM, U1, 99);
        w.item(0, WipCommands.WO_ITEM, U1, 0); // not assigned
        w.command(0, WipCommands.WO_BOM_LINE, 5, BOLT, 0);
        w.command(0, WipCommands.WO_BOM_LINE, 5, 0, 1);
        w.command(0, WipCommands.WO_BOM_OPERATION, 5, PAINT, 1); // no such line
        w.command(0, WipCommands.STATION_QUEUE_LIMIT, w.st1, 1_000, 1_000);
        w.command(0, WipCommands.STATION_QUEUE_LIMIT, w.p.zone("store-a"), 1_000, 0);
        w.command(0, WipCommands.WO_CLOSE, 99, 0, 0);
        w.item(0, WipCommands.WO_OPERATION_DONE, U1, 0);
        w.item(0, WipCommands.WO_ITEM_REROUTE, U1, 1);
        w.command(0, WipCommands.LAST, 0, 0, 0);
        assertThat(w.rejected()).isEqualTo(20);

        w.command(0, WipCommands.WO_OPERATION, 5, 1, w.st1);
        w.item(0, WipCommands.WO_ITEM, U1, 5);
        w.item(0, WipCommands.WO_ITEM_REROUTE, U1, 2); // beyond the routing
        w.move(1_000, "st-1", U1);
        w.command(2_000, WipCommands.WO_OPERATION, 5, 2, w.st2); // started: routing fixed
        assertThat(w.rejected()).isEqualTo(22);
        assertThat(w.rules.operations(5)).isEqualTo(1);
        assertThat(w.rules.droppedRows()).isZero();
    }

    @Test
    void shouldNameTheBadFieldWhenContextIsInvalid()
    {
        assertThatThrownBy(() -> new WipRules.Context().maxOperations(0).conclude())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxOperations");
        assertThatThrownBy(() -> new WipRules.Context().maxBomLines(0).conclude())
            .hasMessageContaining("maxBomLines");
        assertThatThrownBy(() -> new WipRules.Context().maxStations(1 << 17).conclude())
            .hasMessageContaining("maxStations");
    }

    /** Routing, consumption and a pending bottleneck deadline across the snapshot. */
    private static void snapshotFirstHalf(final Wip w)
    {
        bottleneckFirstHalf(w);
        w.command(0, WipCommands.WO_BOM_LINE, 700, BOLT, 1);
        w.tag(B1, BOLT);
        w.tag(B2, BOLT);
        w.move(12_000, "st-1", B1);
    }

    private static void snapshotSecondHalf(final Wip w)
    {
        bottleneckSecondHalf(w);
        w.move(61_000, "st-2", B2);
        w.move(70_000, "ship", U1);
        w.move(71_000, "ship", U2);
        w.move(72_000, "ship", U3);
    }

    @Test
    void shouldResumeIdenticallyWhenRestoredFromSnapshot() throws IOException
    {
        final Wip straight = new Wip();
        snapshotFirstHalf(straight);
        snapshotSecondHalf(straight);

        final Wip before = new Wip();
        snapshotFirstHalf(before);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            before.p.pipeline.writeSnapshot(out);
        }
        final Wip after = new Wip();
        final int eventsAtSnapshot = before.p.events.size();
        final int setUpEvents = after.p.events.size();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            after.p.pipeline.readSnapshot(in);
            assertThat(in.read()).as("the snapshot is consumed exactly").isEqualTo(-1);
        }
        snapshotSecondHalf(after);

        assertThat(after.p.events.subList(setUpEvents, after.p.events.size()))
            .isEqualTo(straight.p.events.subList(eventsAtSnapshot, straight.p.events.size()))
            .anyMatch(e -> e.contains("bottleneck "))
            .anyMatch(e -> e.contains("consumed"))
            .anyMatch(e -> e.contains("work_order_complete"));
        final WipRules a = after.rules;
        final WipRules s = straight.rules;
        assertThat(a.status(700)).isEqualTo(s.status(700)).isEqualTo(WipRules.STATUS_COMPLETE);
        assertThat(a.leadTimeMs(700)).isEqualTo(s.leadTimeMs(700));
        assertThat(a.consumed(700, BOLT)).isEqualTo(s.consumed(700, BOLT)).isEqualTo(2);
        assertThat(a.averageQueueMs(after.st2)).isEqualTo(s.averageQueueMs(straight.st2));
        assertThat(a.averageProcessMs(after.st1)).isEqualTo(s.averageProcessMs(straight.st1));
        assertThat(a.queueItemMs(after.st2)).isEqualTo(s.queueItemMs(straight.st2));
    }

    @Test
    void shouldEmitIdenticalEventsWhenSameInputIsReplayed()
    {
        final Wip first = new Wip();
        snapshotFirstHalf(first);
        snapshotSecondHalf(first);
        final Wip second = new Wip();
        snapshotFirstHalf(second);
        snapshotSecondHalf(second);

        assertThat(second.p.events).isEqualTo(first.p.events).isNotEmpty();
    }

    @Test
    void shouldParseWipCommandNamesInHostCommandFile() throws Exception
    {
        final String text =
            "1700000000000,OPS_WO_OPEN,0000,500,2\n" +
            "1700000000000,OPS_WO_OPERATION,0000,500,1,5\n" +
            "1700000000000,OPS_WO_ITEM,3034257BF7194E4000001A85,500\n" +
            "1700000000000,OPS_WO_BOM_LINE,0000,500,3001,4\n" +
            "1700000000000,OPS_WO_BOM_OPERATION,0000,500,3001,1\n" +
            "1700000000000,OPS_STATION_QUEUE_LIMIT,0000,5,60000,0\n" +
            "1700000000000,OPS_WO_CLOSE,0000,500\n" +
            "1700000000000,OPS_WO_CANCEL,0000,500\n" +
            "1700000000000,OPS_WO_OPERATION_DONE,3034257BF7194E4000001A85\n" +
            "1700000000000,OPS_WO_ITEM_REROUTE,3034257BF7194E4000001A85,2\n";
        final List<Integer> codes = new ArrayList<>();
        try (HostCommandFileReader reader = new HostCommandFileReader(new StringReader(text), EpcTextDecoder.HEX))
        {
            HostCommand command;
            while (null != (command = reader.next()))
            {
                codes.add(command.command());
            }
            assertThat(reader.malformedLines()).isZero();
        }

        assertThat(codes).containsExactly(WipCommands.WO_OPEN, WipCommands.WO_OPERATION, WipCommands.WO_ITEM,
            WipCommands.WO_BOM_LINE, WipCommands.WO_BOM_OPERATION, WipCommands.STATION_QUEUE_LIMIT,
            WipCommands.WO_CLOSE, WipCommands.WO_CANCEL, WipCommands.WO_OPERATION_DONE, WipCommands.WO_ITEM_REROUTE);
    }
}
