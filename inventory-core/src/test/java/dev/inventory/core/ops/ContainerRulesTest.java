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
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.record.CommandFlyweight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerRulesTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long SKU = 501;
    private static final long PALLET = 0x5000L;
    private static final long PALLET_ID = 340123450000000017L;
    private static final long CASE = 0x5001L;
    private static final long CASE_ID = 340123450000000024L;
    private static final long A = 0xA1L;
    private static final long B = 0xA2L;
    private static final long C = 0xA3L;
    private static final long D = 0xA4L;
    private static final long SEPARATION_MS = 10_000;

    /** A plant with container rules; {@link #rules} is set by the constructor. */
    private static final class Plant
    {
        final OpsPlant p;
        ContainerRules rules;

        Plant()
        {
            final ContainerRules[] holder = new ContainerRules[1];
            p = new OpsPlant(ops -> holder[0] = new ContainerRules(ops, new ContainerRules.Context()
                .tagCapacity(1024).maxContainers(8).maxDepth(2).separationMs(SEPARATION_MS)));
            rules = holder[0];
            p.command(T0, OpsCommands.ZONE, 0, 0, p.zone("dock"), ZoneRole.RECEIVING, 0);
            p.command(T0, OpsCommands.ZONE, 0, 0, p.zone("store-a"), ZoneRole.STORAGE, 0);
            p.command(T0, OpsCommands.ZONE, 0, 0, p.zone("store-b"), ZoneRole.STORAGE, 0);
            p.command(T0, OpsCommands.ZONE, 0, 0, p.zone("ship"), ZoneRole.SHIPPING, 0);
        }

        int tag(final long epcHigh)
        {
            return p.pipeline.tags().get(epcHigh, 1);
        }

        int zoneOf(final long epcHigh)
        {
            return p.ops.zoneOf(tag(epcHigh));
        }

        void assign(final long t, final long epcHigh, final long sku)
        {
            p.command(t, CommandFlyweight.ASSIGN_TAG, epcHigh, 1, sku, 0, 0);
        }

        void container(final long t, final long epcHigh, final long id)
        {
            p.command(t, ContainerRules.CONTAINER, epcHigh, 1, id, 0, 0);
        }

        void pack(final long t, final long epcHigh, final long id)
        {
            p.command(t, ContainerRules.PACK, epcHigh, 1, id, 0, 0);
        }

        List<String> eventsFrom(final int index)
        {
            return new ArrayList<>(p.opsEvents.subList(index, p.opsEvents.size()));
        }
    }

    /** A pallet with items A and B, all read at the dock (received as found: no receipt), packed there. */
    private static Plant palletAtDock()
    {
        final Plant plant = new Plant();
        final OpsPlant p = plant.p;
        plant.assign(T0, A, SKU);
        plant.assign(T0, B, SKU);
        p.read(T0 + 100, OpsPlant.DOCK_ANTENNA, PALLET, 1, -4_000);
        p.read(T0 + 200, OpsPlant.DOCK_ANTENNA, A, 1, -4_000);
        p.read(T0 + 300, OpsPlant.DOCK_ANTENNA, B, 1, -4_000);
        plant.container(T0 + 1_000, PALLET, PALLET_ID);
        plant.pack(T0 + 1_000, A, PALLET_ID);
        plant.pack(T0 + 1_000, B, PALLET_ID);
        return plant;
    }

    @Test
    void shouldCarryContentsWithOneMovementIdWhenContainerIsCountedIntoAnotherZone()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final int dock = p.zone("dock");
        final int storeA = p.zone("store-a");
        final long rowsBefore = p.ops.movements().rowCount();
        final int mark = p.opsEvents.size();

        p.moveTo(T0 + 2_000, OpsPlant.STORE_A_ANTENNA, "store-a", PALLET, 1);

        assertThat(plant.eventsFrom(mark)).containsExactly(
            "put_away d=0 src=0 epc=5000/1 dock->store-a q=4 r=0",
            "put_away d=0 src=0 epc=a2/1 dock->store-a q=4 r=0",
            "put_away d=0 src=0 epc=a1/1 dock->store-a q=4 r=0",
            "container_moved d=0 src=0 epc=5000/1 dock->store-a q=2 r=0");
        assertThat(p.ops.onHand(SKU, storeA)).isEqualTo(2);
        assertThat(p.ops.onHand(SKU, dock)).isZero();
        assertThat(p.ops.occupancy(storeA)).isEqualTo(3);
        final MovementLedger m = p.ops.movements();
        assertThat(m.rowCount() - rowsBefore).isEqualTo(6);
        for (long row = rowsBefore; row < m.rowCount(); row++)
        {
            assertThat(m.movementId(row)).isEqualTo(4);
            assertThat(m.reason(row)).isEqualTo(MovementLedger.PUT_AWAY);
        }
        // the core still has the items where they were last read; the operations count has them with the pallet
        assertThat(p.pipeline.ledger().zone(plant.tag(A))).isEqualTo(dock);
        assertThat(plant.zoneOf(A)).isEqualTo(storeA);
        assertThat(p.pipeline.ledger().container(plant.tag(A))).isEqualTo(PALLET_ID);
        assertThat(plant.rules.containerOf(plant.tag(A))).isEqualTo(plant.tag(PALLET));
        assertThat(plant.rules.contentCount(plant.tag(PALLET))).isEqualTo(2);
        assertThat(plant.rules.containerTag(PALLET_ID)).isEqualTo(plant.tag(PALLET));
        final int[] contents = new int[4];
        assertThat(plant.rules.contents(plant.tag(PALLET), contents)).isEqualTo(2);
        assertThat(contents).startsWith(plant.tag(B), plant.tag(A));
        assertThat(plant.rules.isApart(plant.tag(A))).isFalse();
    }

    @Test
    void shouldNotMoveCarriedItemBackWhenItIsReadAgainBeforeTheCoreMovesIt()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final int storeA = p.zone("store-a");
        long t = p.moveTo(T0 + 2_000, OpsPlant.STORE_A_ANTENNA, "store-a", PALLET, 1);
        final long rows = p.ops.movements().rowCount();
        final int mark = p.opsEvents.size();

        // a stray read at the dock soon after, then reads with the pallet at store-a until the core moves A there
        p.read(t, OpsPlant.DOCK_ANTENNA, A, 1, -4_000);
        t = p.moveTo(t + 100, OpsPlant.STORE_A_ANTENNA, "store-a", A, 1);
        p.read(t, OpsPlant.STORE_A_ANTENNA, A, 1, -4_000);

        assertThat(plant.zoneOf(A)).isEqualTo(storeA);
        assertThat(p.pipeline.ledger().zone(plant.tag(A))).isEqualTo(storeA);
        assertThat(p.ops.movements().rowCount()).isEqualTo(rows);
        assertThat(plant.eventsFrom(mark)).isEmpty();
        assertThat(plant.rules.containerOf(plant.tag(A))).isEqualTo(plant.tag(PALLET));
    }

    @Test
    void shouldCountCarriedItemWhereTheCoreMovesItWhenReadInAThirdZone()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final int storeB = p.zone("store-b");
        long t = p.moveTo(T0 + 2_000, OpsPlant.STORE_A_ANTENNA, "store-a", PALLET, 1);
        final int mark = p.opsEvents.size();

        t = p.moveTo(t, OpsPlant.STORE_B_ANTENNA, "store-b", A, 1);

        assertThat(plant.zoneOf(A)).isEqualTo(storeB);
        assertThat(plant.rules.isApart(plant.tag(A))).isTrue();
        p.read(t + SEPARATION_MS, OpsPlant.STORE_A_ANTENNA, PALLET, 1, -4_000);
        assertThat(plant.eventsFrom(mark)).containsExactly(
            "put_away d=0 src=0 epc=a1/1 store-a->store-b q=5 r=0",
            "unpacked d=1 src=0 epc=a1/1 null->store-b q=20480 r=1");
    }

    @Test
    void shouldDissolveContainerWhenItsTagIsRetiredAndTheHandleReused()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final int pallet = plant.tag(PALLET);
        final int mark = p.opsEvents.size();
        p.command(T0 + 2_000, CommandFlyweight.RETIRE_TAG, PALLET, 1, 0, 0, 0); // the pallet leaves stock at once

        p.read(T0 + 3_000, OpsPlant.DOCK_ANTENNA, 0x6000, 1, -4_000);

        assertThat(p.pipeline.tags().get(0x6000, 1)).as("the handle is reused").isEqualTo(pallet);
        assertThat(plant.eventsFrom(mark)).containsExactly(
            "issued d=8 src=0 epc=5000/1 dock->null q=0 r=0",
            "unpacked d=4 src=0 epc=a2/1 null->dock q=20480 r=1",
            "unpacked d=4 src=0 epc=a1/1 null->dock q=20480 r=1",
            "unexpected_sku d=0 src=0 epc=6000/1 null->dock q=0 r=0");
        assertThat(plant.rules.containerTag(PALLET_ID)).isEqualTo(-1);
        assertThat(plant.rules.contentCount(pallet)).isZero();
        assertThat(p.ops.isCounted(plant.tag(A))).isTrue();
        assertThat(p.pipeline.ledger().container(plant.tag(A))).isZero();
    }

    @Test
    void shouldCountItemBackAndUnpackItWhenReadWhereItWasLeftAfterTheSeparationTime()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final int dock = p.zone("dock");
        final long t = p.moveTo(T0 + 2_000, OpsPlant.STORE_A_ANTENNA, "store-a", PALLET, 1);
        final int mark = p.opsEvents.size();

        p.read(t + SEPARATION_MS, OpsPlant.DOCK_ANTENNA, A, 1, -4_000);

        assertThat(plant.eventsFrom(mark)).containsExactly(
            "unpacked d=1 src=0 epc=a1/1 null->dock q=20480 r=1");
        assertThat(plant.zoneOf(A)).isEqualTo(dock);
        assertThat(p.ops.onHand(SKU, dock)).isEqualTo(1);
        assertThat(plant.rules.containerOf(plant.tag(A))).isEqualTo(-1);
        assertThat(plant.rules.contentCount(plant.tag(PALLET))).isEqualTo(1);
        assertThat(p.pipeline.ledger().container(plant.tag(A))).isZero();
        final MovementLedger m = p.ops.movements();
        assertThat(m.reason(m.rowCount() - 1)).isEqualTo(MovementLedger.TRANSFER);
        assertThat(m.zone(m.rowCount() - 1)).isEqualTo(dock);
    }

    @Test
    void shouldKeepContentPackedWhenItArrivesAheadOfItsContainer()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final int storeA = p.zone("store-a");
        long t = p.moveTo(T0 + 2_000, OpsPlant.STORE_A_ANTENNA, "store-a", A, 1);
        assertThat(plant.rules.isApart(plant.tag(A))).isTrue();
        final int mark = p.opsEvents.size();

        t = p.moveTo(t + 1_000, OpsPlant.STORE_A_ANTENNA, "store-a", PALLET, 1);
        p.read(t + 3 * SEPARATION_MS, OpsPlant.STORE_A_ANTENNA, PALLET, 1, -4_000);

        assertThat(plant.eventsFrom(mark)).containsExactly(
            "put_away d=0 src=0 epc=5000/1 dock->store-a q=5 r=0",
            "put_away d=0 src=0 epc=a2/1 dock->store-a q=5 r=0",
            "container_moved d=0 src=0 epc=5000/1 dock->store-a q=1 r=0");
        assertThat(plant.rules.isApart(plant.tag(A))).isFalse();
        assertThat(plant.rules.contentCount(plant.tag(PALLET))).isEqualTo(2);
        assertThat(p.ops.onHand(SKU, storeA)).isEqualTo(2);
    }

    @Test
    void shouldUnpackContentWhenItStaysApartLongerThanTheSeparationTime()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final long t = p.moveTo(T0 + 2_000, OpsPlant.STORE_B_ANTENNA, "store-b", A, 1);
        final int mark = p.opsEvents.size();

        p.read(t + SEPARATION_MS - 1_000, OpsPlant.DOCK_ANTENNA, PALLET, 1, -4_000);
        assertThat(plant.eventsFrom(mark)).isEmpty();
        p.read(t + SEPARATION_MS, OpsPlant.DOCK_ANTENNA, PALLET, 1, -4_000);

        assertThat(plant.eventsFrom(mark)).containsExactly(
            "unpacked d=1 src=0 epc=a1/1 null->store-b q=20480 r=1");
        assertThat(plant.rules.contentCount(plant.tag(PALLET))).isEqualTo(1);
    }

    @Test
    void shouldUnpackApartContentAndNotCarryItWhenContainerMovesElsewhere()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final int storeB = p.zone("store-b");
        long t = p.moveTo(T0 + 2_000, OpsPlant.STORE_B_ANTENNA, "store-b", A, 1);
        final int mark = p.opsEvents.size();

        t = p.moveTo(t + 1_000, OpsPlant.STORE_A_ANTENNA, "store-a", PALLET, 1);

        assertThat(plant.eventsFrom(mark)).containsExactly(
            "put_away d=0 src=0 epc=5000/1 dock->store-a q=5 r=0",
            "put_away d=0 src=0 epc=a2/1 dock->store-a q=5 r=0",
            "unpacked d=1 src=0 epc=a1/1 null->store-b q=20480 r=1",
            "container_moved d=0 src=0 epc=5000/1 dock->store-a q=1 r=1");
        assertThat(plant.zoneOf(A)).isEqualTo(storeB);
        assertThat(p.ops.onHand(SKU, storeB)).isEqualTo(1);
    }

    @Test
    void shouldIssueContentsWithContainerWhenContainerShips()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final long t = p.moveTo(T0 + 2_000, OpsPlant.SHIP_ANTENNA, "ship", PALLET, 1);
        final int mark = p.opsEvents.size();

        p.command(t, OpsCommands.ISSUE, PALLET, 1, MovementLedger.SHIP, 0, 0);

        assertThat(plant.eventsFrom(mark)).containsExactly(
            "issued d=6 src=0 epc=5000/1 ship->null q=0 r=0",
            "issued d=6 src=0 epc=a2/1 ship->null q=0 r=0",
            "issued d=6 src=0 epc=a1/1 ship->null q=0 r=0");
        assertThat(p.ops.occupancy(p.zone("ship"))).isZero();
        assertThat(p.ops.isCounted(plant.tag(A))).isFalse();
        assertThat(plant.rules.contentCount(plant.tag(PALLET))).isZero();
        assertThat(plant.rules.containerOf(plant.tag(A))).isEqualTo(-1);
        assertThat(plant.rules.containerTag(PALLET_ID)).isEqualTo(-1);
        // they left packed: the core ledger keeps the container they left in
        assertThat(p.pipeline.ledger().container(plant.tag(A))).isEqualTo(PALLET_ID);
    }

    @Test
    void shouldUnpackItemWhenItLeavesStockOnItsOwn()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final int mark = p.opsEvents.size();

        p.command(T0 + 2_000, OpsCommands.ISSUE, A, 1, MovementLedger.CONSUME, 0, 0);

        assertThat(plant.eventsFrom(mark)).containsExactly(
            "issued d=9 src=0 epc=a1/1 dock->null q=0 r=0",
            "unpacked d=2 src=0 epc=a1/1 null->dock q=20480 r=1");
        assertThat(plant.rules.contentCount(plant.tag(PALLET))).isEqualTo(1);
        assertThat(p.ops.isCounted(plant.tag(B))).isTrue();
    }

    @Test
    void shouldCarryNestedContentsWhenOuterContainerMoves()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final int storeA = p.zone("store-a");
        plant.assign(T0, C, SKU);
        p.read(T0 + 1_500, OpsPlant.DOCK_ANTENNA, CASE, 1, -4_000);
        p.read(T0 + 1_500, OpsPlant.DOCK_ANTENNA, C, 1, -4_000);
        plant.container(T0 + 1_600, CASE, CASE_ID);
        plant.pack(T0 + 1_600, C, CASE_ID);
        plant.pack(T0 + 1_600, CASE, PALLET_ID);
        final int mark = p.opsEvents.size();

        p.moveTo(T0 + 2_000, OpsPlant.STORE_A_ANTENNA, "store-a", PALLET, 1);

        assertThat(plant.eventsFrom(mark)).containsExactly(
            "put_away d=0 src=0 epc=5000/1 dock->store-a q=6 r=0",
            "put_away d=0 src=0 epc=5001/1 dock->store-a q=6 r=0",
            "put_away d=0 src=0 epc=a3/1 dock->store-a q=6 r=0",
            "container_moved d=0 src=0 epc=5001/1 dock->store-a q=1 r=0",
            "put_away d=0 src=0 epc=a2/1 dock->store-a q=6 r=0",
            "put_away d=0 src=0 epc=a1/1 dock->store-a q=6 r=0",
            "container_moved d=0 src=0 epc=5000/1 dock->store-a q=3 r=0");
        assertThat(plant.zoneOf(C)).isEqualTo(storeA);
        assertThat(p.ops.onHand(SKU, storeA)).isEqualTo(3);
        assertThat(plant.rules.containerOf(plant.tag(C))).isEqualTo(plant.tag(CASE));
        assertThat(plant.rules.containerOf(plant.tag(CASE))).isEqualTo(plant.tag(PALLET));
    }

    @Test
    void shouldReceiveUnreadContentsWhenTheirContainerIsFirstCountedAtReceiving()
    {
        final Plant plant = new Plant();
        final OpsPlant p = plant.p;
        final int dock = p.zone("dock");
        p.command(T0, OpsCommands.RECEIPT_LINE, 0, 0, 42, SKU, 2);
        plant.assign(T0, PALLET, 0);
        plant.assign(T0, A, SKU);
        plant.assign(T0, B, SKU);
        plant.container(T0, PALLET, PALLET_ID);
        plant.pack(T0, A, PALLET_ID);
        plant.pack(T0, B, PALLET_ID);
        final int mark = p.opsEvents.size();

        p.read(T0 + 1_000, OpsPlant.DOCK_ANTENNA, PALLET, 1, -4_000);

        // the pallet itself has no SKU: the base reports it at receiving as an unexpected SKU
        assertThat(plant.eventsFrom(mark)).containsExactly(
            "unexpected_sku d=0 src=0 epc=5000/1 null->dock q=0 r=0",
            "received d=0 src=42 epc=a2/1 null->dock q=1 r=2",
            "received d=0 src=42 epc=a1/1 null->dock q=2 r=2",
            "container_moved d=0 src=0 epc=5000/1 null->dock q=2 r=0");
        assertThat(p.ops.onHand(SKU, dock)).isEqualTo(2);
        assertThat(p.ops.received(42, SKU)).isEqualTo(2);
        final MovementLedger m = p.ops.movements();
        assertThat(m.reason(m.rowCount() - 1)).isEqualTo(MovementLedger.RECEIPT);
        assertThat(m.movementId(m.rowCount() - 1)).isEqualTo(m.movementId(0));
        // never read: the core has no zone for them; their first read where the pallet is changes nothing
        assertThat(p.pipeline.ledger().zone(plant.tag(A))).isEqualTo(Ledger.NO_ZONE);
        p.read(T0 + 2_000, OpsPlant.DOCK_ANTENNA, A, 1, -4_000);
        assertThat(m.rowCount()).isEqualTo(3);
    }

    @Test
    void shouldMoveItemToContainerZoneWithPackReasonWhenPackedFromElsewhere()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        final int dock = p.zone("dock");
        plant.assign(T0, C, SKU);
        final long t = p.moveTo(T0 + 2_000, OpsPlant.STORE_B_ANTENNA, "store-b", C, 1);
        final int mark = p.opsEvents.size();

        plant.pack(t, C, PALLET_ID);

        assertThat(plant.eventsFrom(mark)).containsExactly(
            "packed d=0 src=0 epc=a3/1 store-b->dock q=20480 r=1",
            "stockout d=0 src=0 epc=1f5/0 null->store-b q=0 r=0");
        assertThat(plant.zoneOf(C)).isEqualTo(dock);
        final MovementLedger m = p.ops.movements();
        assertThat(m.reason(m.rowCount() - 1)).isEqualTo(MovementLedger.PACK);
        assertThat(m.reason(m.rowCount() - 2)).isEqualTo(MovementLedger.PACK);
        assertThat(p.ops.onHand(SKU, dock)).isEqualTo(3);
    }

    @Test
    void shouldRepackAndUnpackByCommand()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        p.read(T0 + 1_500, OpsPlant.DOCK_ANTENNA, CASE, 1, -4_000);
        plant.container(T0 + 1_600, CASE, CASE_ID);
        final int mark = p.opsEvents.size();

        plant.pack(T0 + 2_000, A, CASE_ID);
        p.command(T0 + 2_000, ContainerRules.UNPACK, B, 1, 0, 0, 0);
        p.command(T0 + 2_000, ContainerRules.UNPACK_ALL, 0, 0, CASE_ID, 0, 0);

        assertThat(plant.eventsFrom(mark)).containsExactly(
            "unpacked d=3 src=0 epc=a1/1 null->dock q=20480 r=1",
            "packed d=0 src=0 epc=a1/1 null->dock q=20481 r=1",
            "unpacked d=0 src=0 epc=a2/1 null->dock q=20480 r=1",
            "unpacked d=0 src=0 epc=a1/1 null->dock q=20481 r=1");
        assertThat(plant.rules.contentCount(plant.tag(PALLET))).isZero();
        assertThat(plant.rules.contentCount(plant.tag(CASE))).isZero();
        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isZero();
    }

    @Test
    void shouldRejectCommandWhenArgumentsAreBad()
    {
        final Plant plant = palletAtDock();
        final OpsPlant p = plant.p;
        p.read(T0 + 1_500, OpsPlant.DOCK_ANTENNA, CASE, 1, -4_000);
        plant.container(T0 + 1_600, CASE, CASE_ID);
        plant.pack(T0 + 1_600, CASE, PALLET_ID);
        p.read(T0 + 1_500, OpsPlant.DOCK_ANTENNA, C, 1, -4_000);
        p.read(T0 + 1_500, OpsPlant.DOCK_ANTENNA, D, 1, -4_000);
        final long commands = p.counters.get(Counters.COMMANDS);
        final int mark = p.opsEvents.size();

        plant.pack(T0 + 2_000, A, 999);                   // unknown container
        plant.pack(T0 + 2_000, 0xDEAD, PALLET_ID);        // unknown item
        plant.pack(T0 + 2_000, PALLET, PALLET_ID);        // into itself
        plant.pack(T0 + 2_000, PALLET, CASE_ID);          // into its own content
        plant.container(T0 + 2_000, C, CASE_ID);          // id of another live container
        plant.container(T0 + 2_000, C, -1);               // negative id
        plant.container(T0 + 2_000, A, 0);                // deregister a non-container
        p.command(T0 + 2_000, ContainerRules.UNPACK, C, 1, 0, 0, 0);          // not packed
        p.command(T0 + 2_000, ContainerRules.UNPACK, A, 1, CASE_ID, 0, 0);    // packed elsewhere
        p.command(T0 + 2_000, ContainerRules.UNPACK_ALL, 0, 0, 999, 0, 0);     // unknown container
        p.command(T0 + 2_000, 1389, 0, 0, 0, 0, 0);                            // unused code of the block
        plant.container(T0 + 2_000, C, 5);
        plant.pack(T0 + 2_000, D, 5);
        plant.pack(T0 + 2_000, C, CASE_ID);               // D would be nested 3 deep, maxDepth is 2
        p.command(T0 + 2_000, CommandFlyweight.SET_TAG_STATUS, B, 1, Ledger.STATUS_SHIPPED, 0, 0); // leaves stock
        p.command(T0 + 2_000, ContainerRules.UNPACK, B, 1, 0, 0, 0);              // so it is no longer packed
        plant.pack(T0 + 2_000, B, PALLET_ID);             // shipped status

        assertThat(p.counters.rejected(RejectReason.BAD_COMMAND)).isEqualTo(14);
        assertThat(p.counters.get(Counters.COMMANDS) - commands).isEqualTo(3);
        assertThat(plant.eventsFrom(mark)).containsExactly(
            "packed d=0 src=0 epc=a4/1 null->dock q=163 r=1",
            "issued d=6 src=0 epc=a2/1 dock->null q=0 r=0",
            "unpacked d=2 src=0 epc=a2/1 null->dock q=20480 r=1");
        assertThat(plant.rules.droppedRows()).isZero();
    }

    @Test
    void shouldCountRegistrationBeyondCapacityAsDropped()
    {
        final Plant plant = new Plant();
        for (int i = 0; i < 9; i++)
        {
            plant.assign(T0, 0x7000 + i, 0);
            plant.container(T0, 0x7000 + i, 100 + i);
        }

        assertThat(plant.rules.containerTag(107)).isNotNegative();
        assertThat(plant.rules.containerTag(108)).isEqualTo(-1);
        assertThat(plant.rules.droppedRows()).isEqualTo(1);
        assertThatThrownBy(() -> new ContainerRules.Context().separationQueue(3).conclude())
            .hasMessageContaining("separationQueue");
        assertThatThrownBy(() -> new ContainerRules.Context().maxDepth(0).conclude())
            .hasMessageContaining("maxDepth");
    }

    @Test
    void shouldReadContainerCommandNamesFromCommandFile() throws IOException
    {
        final String file = String.join("\n",
            "1700000000000,OPS_CONTAINER,000000000000500000000001," + PALLET_ID,
            "1700000000001,ops_pack,00000000000000A100000001," + PALLET_ID,
            "1700000000002,OPS_UNPACK,00000000000000A100000001,0",
            "1700000000003,OPS_UNPACK_ALL,0000," + PALLET_ID);
        final List<HostCommand> commands = new ArrayList<>();
        try (HostCommandFileReader reader = new HostCommandFileReader(new StringReader(file), EpcTextDecoder.HEX))
        {
            HostCommand command;
            while (null != (command = reader.next()))
            {
                commands.add(command);
            }
            assertThat(reader.errors()).isEmpty();
        }

        assertThat(commands).extracting(HostCommand::command).containsExactly(
            ContainerRules.CONTAINER, ContainerRules.PACK, ContainerRules.UNPACK, ContainerRules.UNPACK_ALL);
    }

    @Test
    void shouldEmitIdenticalEventsWhenSameInputIsReplayed()
    {
        assertThat(run().p.events).isEqualTo(run().p.events).isNotEmpty();
    }

    @Test
    void shouldResumeIdenticallyWhenRestoredFromSnapshot() throws IOException
    {
        final Plant straight = run();
        final Plant before = new Plant();
        final long mid = firstHalf(before);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            before.p.pipeline.writeSnapshot(out);
        }
        final Plant after = new Plant();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            after.p.pipeline.readSnapshot(in);
            assertThat(in.read()).as("the snapshot is consumed exactly").isEqualTo(-1);
        }
        secondHalf(after, mid);

        assertThat(after.p.events).isEqualTo(straight.p.events.subList(before.p.events.size(),
            straight.p.events.size())).isNotEmpty();
        assertThat(after.p.opsEvents).anyMatch(e -> e.startsWith("unpacked d=1"))
            .anyMatch(e -> e.startsWith("container_moved"));
        for (final long epc : new long[]{PALLET, CASE, A, B, C})
        {
            assertThat(after.zoneOf(epc)).isEqualTo(straight.zoneOf(epc));
            assertThat(after.rules.containerOf(after.tag(epc)))
                .isEqualTo(straight.rules.containerOf(straight.tag(epc)));
            assertThat(after.rules.contentCount(after.tag(epc)))
                .isEqualTo(straight.rules.contentCount(straight.tag(epc)));
        }
        assertThat(after.rules.containerTag(CASE_ID)).isEqualTo(straight.rules.containerTag(CASE_ID));
        assertThat(after.p.ops.movements().rowCount()).isEqualTo(straight.p.ops.movements().rowCount());
    }

    /** Pallet with A and a case holding C and B, carried to store-a; A stays apart (snapshot taken then). */
    private static long firstHalf(final Plant plant)
    {
        final OpsPlant p = plant.p;
        plant.assign(T0, A, SKU);
        plant.assign(T0, B, SKU);
        plant.assign(T0, C, SKU);
        for (final long epc : new long[]{PALLET, CASE, A, B, C})
        {
            p.read(T0 + 100, OpsPlant.DOCK_ANTENNA, epc, 1, -4_000);
        }
        plant.container(T0 + 200, PALLET, PALLET_ID);
        plant.container(T0 + 200, CASE, CASE_ID);
        plant.pack(T0 + 300, A, PALLET_ID);
        plant.pack(T0 + 300, CASE, PALLET_ID);
        plant.pack(T0 + 300, B, CASE_ID);
        plant.pack(T0 + 300, C, CASE_ID);
        long t = p.moveTo(T0 + 1_000, OpsPlant.STORE_A_ANTENNA, "store-a", PALLET, 1);
        t = p.moveTo(t + 1_000, OpsPlant.STORE_B_ANTENNA, "store-b", A, 1);
        return t + 1_000;
    }

    /** The separation time passes (A unpacked), a stray read of C, the pallet ships. */
    private static void secondHalf(final Plant plant, final long start)
    {
        final OpsPlant p = plant.p;
        long t = start;
        p.read(t, OpsPlant.DOCK_ANTENNA, C, 1, -4_000);
        t = p.moveTo(t + SEPARATION_MS, OpsPlant.SHIP_ANTENNA, "ship", PALLET, 1);
        p.read(t + SEPARATION_MS, OpsPlant.DOCK_ANTENNA, B, 1, -4_000);
        p.command(t + SEPARATION_MS, OpsCommands.ISSUE, PALLET, 1, MovementLedger.SHIP, 0, 0);
    }

    private static Plant run()
    {
        final Plant plant = new Plant();
        secondHalf(plant, firstHalf(plant));
        return plant;
    }
}
