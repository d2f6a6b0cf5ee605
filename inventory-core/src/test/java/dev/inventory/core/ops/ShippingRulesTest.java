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
import dev.inventory.core.event.EventType;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.RecordDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShippingRules}: quality hold (status, zone, item, lot), held items toward shipping, shipment verification
 * (picked, wrong item, over, wrong lot, EPC lines, un-pick, ship, cancel), unauthorized zones and exits, transfer
 * authorisations, bad commands, table eviction, determinism and snapshot recovery.
 */
class ShippingRulesTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long SKU_A = 1001;
    private static final long SKU_B = 1002;
    private static final long SKU_X = 1999;
    private static final long A1 = 0x30A1L;
    private static final long A2 = 0x30A2L;
    private static final long A3 = 0x30A3L;
    private static final long A4 = 0x30A4L;
    private static final long B1 = 0x30B1L;
    private static final long B2 = 0x30B2L;
    private static final long X1 = 0x30F1L;
    private static final long X2 = 0x30F2L;
    private static final long N1 = 0x3099L;
    private static final int STAGING_ANTENNA = OpsPlant.STATION_3_ANTENNA;

    /** A plant with the shipping rules installed, zone roles set and st-3 declared a staging zone. */
    private static final class Plant
    {
        final OpsPlant p;
        final ShippingRules rules;
        final int dock;
        final int storeA;
        final int storeB;
        final int qa;
        final int st2;
        final int staging;
        final int ship;
        final int restricted;
        final int exit;
        private final ByteBuffer buffer =
            ByteBuffer.allocate(RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        private final CommandFlyweight command = new CommandFlyweight();
        private final ShippingRules[] built = new ShippingRules[1];
        long t = T0;
        long lotHeldAt;
        long lotReleasedAt;

        Plant()
        {
            this(new ShippingRules.Context().tagCapacity(1024));
        }

        Plant(final ShippingRules.Context context)
        {
            p = new OpsPlant(ops -> built[0] = new ShippingRules(ops, context));
            rules = built[0];
            dock = p.zone("dock");
            storeA = p.zone("store-a");
            storeB = p.zone("store-b");
            qa = p.zone("qa");
            st2 = p.zone("st-2");
            staging = p.zone("st-3");
            ship = p.zone("ship");
            restricted = p.zone("restricted");
            exit = p.zone("exit");
            p.command(t, OpsCommands.ZONE, 0, 0, dock, ZoneRole.RECEIVING, 0);
            p.command(t, OpsCommands.ZONE, 0, 0, storeA, ZoneRole.STORAGE, 0);
            p.command(t, OpsCommands.ZONE, 0, 0, storeB, ZoneRole.STORAGE, 0);
            p.command(t, OpsCommands.ZONE, 0, 0, qa, ZoneRole.QUALITY_HOLD, 0);
            p.command(t, OpsCommands.ZONE, 0, 0, ship, ZoneRole.SHIPPING, 0);
            p.command(t, OpsCommands.ZONE, 0, 0, restricted, ZoneRole.RESTRICTED, 0);
            cmd(ShippingCommands.OUTBOUND_ZONE, 0, staging, ShippingCommands.KIND_STAGING, -1);
        }

        /** A command with arg5 = 0 (OpsPlant's buffer may hold bytes of the last read there). */
        void cmd(final int code, final long epcHigh, final long arg2, final long arg3, final long arg4)
        {
            cmd5(code, epcHigh, arg2, arg3, arg4, 0);
        }

        void cmd5(final int code, final long epcHigh, final long arg2, final long arg3, final long arg4,
            final long arg5)
        {
            command.wrap(buffer, 0).set(9, code, epcHigh == 0 ? 0 : 1, epcHigh, arg2, arg3, arg4, t).arg5(arg5);
            p.pipeline.onRecord(buffer, 0);
            t += 1_000;
        }

        void assign(final long epcHigh, final long sku, final long lot)
        {
            p.command(t, CommandFlyweight.ASSIGN_TAG, epcHigh, 1, sku, lot, 0);
        }

        void status(final long epcHigh, final int status)
        {
            p.command(t, CommandFlyweight.SET_TAG_STATUS, epcHigh, 1, status, 0, 0);
        }

        void move(final long epcHigh, final int antenna, final String zone)
        {
            t = p.moveTo(t, antenna, zone, epcHigh, 1) + 1_000;
        }

        void read(final long epcHigh, final int antenna)
        {
            p.read(t, antenna, epcHigh, 1, -4_000);
            t += 1_000;
        }

        int tag(final long epcHigh)
        {
            return p.pipeline.tags().get(epcHigh, 1);
        }

        int rejected()
        {
            return (int)p.counters.rejected(RejectReason.BAD_COMMAND);
        }

        /** Events of this rule (and OPS_ISSUED), as text, since index {@code from} of the plant's ops events. */
        List<String> events(final int from)
        {
            final List<String> out = new ArrayList<>();
            for (final String e : p.opsEvents.subList(from, p.opsEvents.size()))
            {
                final String name = e.substring(0, e.indexOf(' '));
                if (isShippingEvent(name))
                {
                    out.add(e);
                }
            }
            return out;
        }

        List<String> events()
        {
            return events(0);
        }

        int mark()
        {
            return p.opsEvents.size();
        }
    }

    private static boolean isShippingEvent(final String name)
    {
        if (name.equals("issued"))
        {
            return true;
        }
        for (short type = EventType.OPS_HOLD; type <= EventType.OPS_SHIPMENT_CANCELLED; type++)
        {
            if (EventType.name(type).equals(name))
            {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldHoldByStatusZoneAndCommandAndStayHeldWhenLeavingTheHoldZone()
    {
        final Plant s = new Plant();
        s.assign(A1, SKU_A, 5);
        s.assign(B1, SKU_B, 0);
        s.move(A1, OpsPlant.STORE_A_ANTENNA, "store-a");
        s.move(B1, OpsPlant.STORE_A_ANTENNA, "store-a");
        final int from = s.mark();

        s.status(A1, Ledger.STATUS_HOLD);
        final long heldAt = s.t;
        s.read(A1, OpsPlant.STORE_A_ANTENNA); // a status change shows on the next read
        s.move(A1, OpsPlant.QA_ANTENNA, "qa");
        s.move(A1, OpsPlant.STORE_B_ANTENNA, "store-b");
        assertThat(s.rules.isHeld(s.tag(A1))).as("still held out of the hold zone").isTrue();
        assertThat(s.rules.holdCauses(s.tag(A1))).isEqualTo(0b11);
        assertThat(s.p.ops.isHeld(s.tag(A1))).as("the base's status hold").isTrue();
        s.status(A1, Ledger.STATUS_AVAILABLE);
        final long releasedAt = s.t;
        s.read(A1, OpsPlant.STORE_B_ANTENNA);

        s.move(B1, OpsPlant.QA_ANTENNA, "qa");
        final long bHeldAt = s.t - 1_000 - 100;
        s.move(B1, OpsPlant.STORE_A_ANTENNA, "store-a");
        assertThat(s.rules.isHeld(s.tag(B1))).isTrue();
        assertThat(s.p.ops.isHeld(s.tag(B1))).as("the base's zone hold ends with the zone").isFalse();
        assertThat(s.rules.heldCount(SKU_B)).isEqualTo(1);
        s.cmd(ShippingCommands.HOLD, B1, 0, 0, 0);
        final long bReleasedAt = s.t;
        s.cmd(ShippingCommands.RELEASE, B1, 0, 0, 0);
        s.cmd(ShippingCommands.RELEASE, B1, 0, 0, 0); // not held: accepted, nothing happens

        assertThat(s.events(from)).containsExactly(
            "hold d=1 src=0 epc=30a1/1 null->store-a q=5 r=0",
            "release d=1 src=0 epc=30a1/1 null->store-b q=" + (releasedAt - heldAt) + " r=3",
            "hold d=2 src=0 epc=30b1/1 store-a->qa q=0 r=0",
            "release d=3 src=0 epc=30b1/1 null->store-a q=" + (bReleasedAt - bHeldAt) + " r=6");
        assertThat(s.rules.heldCount()).isZero();
        assertThat(s.rules.heldCount(SKU_A, 5)).isZero();
        assertThat(s.rejected()).isZero();
    }

    @Test
    void shouldHoldAndReleaseAtTheStatusCommandWithoutWaitingForARead()
    {
        final Plant s = new Plant();
        s.assign(A1, SKU_A, 5);
        s.move(A1, OpsPlant.STORE_A_ANTENNA, "store-a");
        final int from = s.mark();

        s.status(A1, Ledger.STATUS_HOLD);
        assertThat(s.rules.isHeld(s.tag(A1))).as("at the command").isTrue();
        assertThat(s.rules.heldCount(SKU_A)).isEqualTo(1);
        s.status(A1, Ledger.STATUS_AVAILABLE);
        assertThat(s.rules.isHeld(s.tag(A1))).isFalse();

        assertThat(s.events(from)).containsExactly(
            "hold d=" + ShippingRules.CAUSE_STATUS + " src=0 epc=30a1/1 null->store-a q=5 r=0", // q = lot
            "release d=" + ShippingRules.CAUSE_STATUS + " src=0 epc=30a1/1 null->store-a q=0 r=1"); // r = causes
    }

    @Test
    void shouldHoldEveryItemOfALotAndLaterArrivalsUntilLotRelease()
    {
        final Plant s = new Plant();
        s.assign(A1, SKU_A, 5);
        s.assign(A2, SKU_A, 5);
        s.assign(A3, SKU_A, 6);
        s.assign(B1, SKU_B, 5);
        s.move(A1, OpsPlant.STORE_A_ANTENNA, "store-a");
        s.move(A2, OpsPlant.STORE_A_ANTENNA, "store-a");
        s.move(A3, OpsPlant.STORE_A_ANTENNA, "store-a");
        s.move(B1, OpsPlant.STORE_A_ANTENNA, "store-a");
        final int from = s.mark();

        s.cmd(ShippingCommands.LOT_HOLD, 0, SKU_A, 5, 0);
        assertThat(s.rules.heldCount(SKU_A, 5)).isEqualTo(2);
        assertThat(s.rules.heldCount(SKU_A, 6)).isZero();
        assertThat(s.rules.heldCount(SKU_B, 5)).isZero();
        assertThat(s.rules.isLotHeld(SKU_A, 5)).isTrue();
        s.assign(A4, SKU_A, 5);
        s.move(A4, OpsPlant.STORE_B_ANTENNA, "store-b"); // joins the held lot later
        s.cmd(ShippingCommands.HOLD, A2, 0, 0, 0);
        s.cmd(ShippingCommands.RELEASE, A1, 0, 0, 0); // an item of a held lot released on its own
        s.read(A1, OpsPlant.STORE_A_ANTENNA);
        assertThat(s.rules.isHeld(s.tag(A1))).as("not held again by the lot").isFalse();
        s.cmd(ShippingCommands.LOT_RELEASE, 0, SKU_A, 5, 0);

        assertThat(s.rules.isHeld(s.tag(A2))).as("item hold remains").isTrue();
        assertThat(s.rules.holdCauses(s.tag(A2))).isEqualTo(1 << (ShippingRules.CAUSE_COMMAND - 1));
        final int[] held = new int[4];
        assertThat(s.rules.heldItems(held)).isEqualTo(1);
        assertThat(held[0]).isEqualTo(s.tag(A2));

        s.cmd(ShippingCommands.LOT_HOLD, 0, SKU_A, 6, 0);
        s.assign(A3, SKU_A, 7); // re-assigned out of the held lot
        s.read(A3, OpsPlant.STORE_A_ANTENNA);

        final List<String> events = s.events(from);
        assertThat(events).hasSize(7);
        assertThat(events.subList(0, 3)).containsExactly(
            "hold d=4 src=0 epc=30a1/1 null->store-a q=5 r=0",
            "hold d=4 src=0 epc=30a2/1 null->store-a q=5 r=0",
            "hold d=4 src=0 epc=30a4/1 null->store-b q=5 r=0");
        assertThat(events.get(3)).startsWith("release d=3 src=0 epc=30a1/1 null->store-a q=").endsWith(" r=8");
        assertThat(events.get(4)).startsWith("release d=4 src=0 epc=30a4/1 null->store-b q=").endsWith(" r=8");
        assertThat(events.get(5)).isEqualTo("hold d=4 src=0 epc=30a3/1 null->store-a q=6 r=0");
        assertThat(events.get(6)).isEqualTo("release d=4 src=0 epc=30a3/1 null->store-a q=1000 r=8");
    }

    @Test
    void shouldAlertWhenHeldItemMovesTowardShippingOrIsHeldThere()
    {
        final Plant s = new Plant();
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 501, s.ship, -1);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 501, SKU_A, 5);
        s.assign(A1, SKU_A, 0);
        s.assign(A2, SKU_A, 0);
        s.move(A1, OpsPlant.STORE_A_ANTENNA, "store-a");
        s.move(A2, OpsPlant.STORE_A_ANTENNA, "store-a");
        final int from = s.mark();

        s.cmd(ShippingCommands.HOLD, A1, 0, 0, 0);
        s.move(A1, STAGING_ANTENNA, "st-3");
        s.move(A1, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(A2, OpsPlant.SHIP_ANTENNA, "ship");
        s.cmd(ShippingCommands.HOLD, A2, 0, 0, 0);

        assertThat(s.events(from)).containsExactly(
            "hold d=3 src=0 epc=30a1/1 null->store-a q=0 r=0",
            "held_to_shipping d=1 src=0 epc=30a1/1 store-a->st-3 q=4 r=1",
            "held_to_shipping d=1 src=501 epc=30a1/1 st-3->ship q=4 r=2",
            "picked d=0 src=501 epc=30a2/1 store-a->ship q=1 r=5",
            "hold d=3 src=0 epc=30a2/1 null->ship q=0 r=0",
            "unpicked d=2 src=501 epc=30a2/1 null->ship q=0 r=5",
            "held_to_shipping d=2 src=501 epc=30a2/1 null->ship q=4 r=2");
        assertThat(s.rules.heldToShippingCount()).isEqualTo(3);
        assertThat(s.rules.linePicked(501, SKU_A, 0)).isZero();
        assertThat(s.rules.wrongItemCount()).as("held items are not verified").isZero();
    }

    @Test
    void shouldVerifyPicksAndShipShortWhenShipmentCloses()
    {
        final Plant s = new Plant();
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 501, s.ship, s.exit);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 501, SKU_A, 2);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 501, SKU_B, 1);
        s.cmd(ShippingCommands.SHIPMENT_LOT, 0, 501, SKU_B, 7);
        s.assign(A1, SKU_A, 0);
        s.assign(A2, SKU_A, 0);
        s.assign(A3, SKU_A, 0);
        s.assign(B1, SKU_B, 7);
        s.assign(B2, SKU_B, 8);
        s.assign(X1, SKU_X, 0);
        for (final long epc : new long[]{A1, A2, A3, B2, X1, B1})
        {
            s.move(epc, OpsPlant.STORE_A_ANTENNA, "store-a");
        }
        final int from = s.mark();

        for (final long epc : new long[]{A1, A2, A3, B2, X1})
        {
            s.move(epc, OpsPlant.SHIP_ANTENNA, "ship");
        }
        assertThat(s.rules.pickedCount(501)).isEqualTo(2);
        assertThat(s.rules.pickedShipmentOf(s.tag(A1))).isEqualTo(501);
        s.move(A1, OpsPlant.EXIT_ANTENNA, "exit"); // picked: authorised
        s.move(X1, OpsPlant.EXIT_ANTENNA, "exit");
        s.cmd(ShippingCommands.SHIPMENT_CLOSE, 0, 501, 0, 0);
        s.move(B1, OpsPlant.SHIP_ANTENNA, "ship"); // no open shipment, the dock has an exit after it
        s.move(B1, OpsPlant.EXIT_ANTENNA, "exit");

        assertThat(s.events(from)).containsExactly(
            "picked d=0 src=501 epc=30a1/1 store-a->ship q=1 r=2",
            "picked d=0 src=501 epc=30a2/1 store-a->ship q=2 r=2",
            "wrong_item d=2 src=501 epc=30a3/1 store-a->ship q=2 r=2",
            "wrong_item d=3 src=501 epc=30b2/1 store-a->ship q=0 r=0",
            "wrong_item d=1 src=501 epc=30f1/1 store-a->ship q=0 r=0",
            "unauthorized_exit d=2 src=0 epc=30f1/1 ship->exit q=0 r=0",
            "shipment_complete d=0 src=501 epc=3e9/0 null->ship q=2 r=2",
            "shipment_short d=0 src=501 epc=3ea/0 null->ship q=1 r=1",
            "issued d=6 src=0 epc=30a1/1 exit->null q=0 r=0",
            "issued d=6 src=0 epc=30a2/1 ship->null q=0 r=0",
            "shipped d=1 src=501 epc=0/0 null->ship q=2 r=1",
            "unauthorized_exit d=2 src=0 epc=30b1/1 ship->exit q=0 r=0");
        assertThat(s.rules.shipmentState(501)).isEqualTo(ShippingRules.SHIPMENT_SHIPPED);
        assertThat(s.rules.linePicked(501, SKU_A, 0)).isEqualTo(2);
        assertThat(s.rules.lineQuantity(501, SKU_B, 7)).isEqualTo(1);
        assertThat(s.rules.linePicked(501, SKU_B, 7)).isZero();
        assertThat(s.rules.lineQuantity(501, SKU_B, 0)).as("the any-lot line became the lot line").isEqualTo(-1);
        assertThat(s.rules.shippedCount(501)).isEqualTo(2);
        assertThat(s.rules.pickedCount(501)).isZero();
        assertThat(s.rules.openShipments()).isZero();
        assertThat(s.p.ops.isCounted(s.tag(A1))).isFalse();
        assertThat(s.p.ops.onHand(SKU_A, s.ship)).as("A3 stays").isEqualTo(1);
        assertThat(s.rules.wrongItemCount()).isEqualTo(3);
        assertThat(s.rules.unauthorizedExitCount()).isEqualTo(2);
        assertThat(s.rejected()).isZero();
    }

    @Test
    void shouldUnpickWhenPickedItemGoesBackInsideAndVerifyItAgain()
    {
        final Plant s = new Plant();
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 501, s.ship, -1);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 501, SKU_A, 1);
        s.assign(A1, SKU_A, 0);
        s.assign(A2, SKU_A, 0);
        s.move(A1, OpsPlant.STORE_A_ANTENNA, "store-a");
        s.move(A2, OpsPlant.STORE_A_ANTENNA, "store-a");
        final int from = s.mark();

        s.move(A1, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(A1, STAGING_ANTENNA, "st-3");
        s.move(A2, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(A1, OpsPlant.SHIP_ANTENNA, "ship");

        assertThat(s.events(from)).containsExactly(
            "picked d=0 src=501 epc=30a1/1 store-a->ship q=1 r=1",
            "unpicked d=1 src=501 epc=30a1/1 ship->st-3 q=0 r=1",
            "picked d=0 src=501 epc=30a2/1 store-a->ship q=1 r=1",
            "wrong_item d=2 src=501 epc=30a1/1 st-3->ship q=1 r=1");
        assertThat(s.rules.pickedShipmentOf(s.tag(A1))).isZero();
        assertThat(s.rules.pickedShipmentOf(s.tag(A2))).isEqualTo(501);
    }

    @Test
    void shouldVerifyEpcLinesAndReportMissingItemsWhenShipped()
    {
        final Plant s = new Plant();
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 601, s.ship, -1);
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 602, s.st2, -1);
        s.assign(A1, SKU_A, 0);
        s.assign(A2, SKU_A, 0);
        s.assign(B1, SKU_B, 0);
        s.cmd(ShippingCommands.SHIPMENT_EPC, A1, 601, 0, 0);
        s.cmd(ShippingCommands.SHIPMENT_EPC, A2, 601, 0, 0);
        s.cmd(ShippingCommands.SHIPMENT_EPC, B1, 602, 0, 0);
        s.cmd(ShippingCommands.SHIPMENT_EPC, B1, 602, 0, 0); // same shipment: accepted
        s.cmd(ShippingCommands.SHIPMENT_EPC, B1, 601, 0, 0); // on another open shipment: rejected
        assertThat(s.rejected()).isEqualTo(1);
        s.move(A1, OpsPlant.STORE_A_ANTENNA, "store-a");
        s.move(B1, OpsPlant.STORE_A_ANTENNA, "store-a");
        final int from = s.mark();

        s.move(A1, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(B1, OpsPlant.SHIP_ANTENNA, "ship");
        assertThat(s.rules.epcLinesPicked(601)).isEqualTo(1);
        s.cmd(ShippingCommands.SHIPMENT_CLOSE, 0, 601, 0, 0);
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 603, s.ship, -1);
        s.cmd(ShippingCommands.SHIPMENT_EPC, A2, 603, 0, 0); // free again once 601 shipped

        assertThat(s.events(from)).containsExactly(
            "picked d=1 src=601 epc=30a1/1 store-a->ship q=1 r=2",
            "wrong_item d=4 src=601 epc=30b1/1 store-a->ship q=602 r=0",
            "shipment_short d=1 src=601 epc=30a2/1 null->ship q=1 r=1",
            "issued d=6 src=0 epc=30a1/1 ship->null q=0 r=0",
            "shipped d=1 src=601 epc=0/0 null->ship q=1 r=1");
        assertThat(s.rules.epcLines(601)).isEqualTo(2);
        assertThat(s.rules.epcLines(603)).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(1);
    }

    @Test
    void shouldReportCompleteEpcLinesAsOneEvent()
    {
        final Plant s = new Plant();
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 601, s.ship, -1);
        s.assign(A1, SKU_A, 0);
        s.cmd(ShippingCommands.SHIPMENT_EPC, A1, 601, 0, 0);
        s.move(A1, OpsPlant.SHIP_ANTENNA, "ship"); // first seen at the dock: taken as coming from inside
        s.cmd(ShippingCommands.SHIPMENT_CLOSE, 0, 601, 0, 0);

        assertThat(s.events()).containsExactly(
            "picked d=1 src=601 epc=30a1/1 null->ship q=1 r=1",
            "shipment_complete d=1 src=601 epc=0/0 null->ship q=1 r=1",
            "issued d=6 src=0 epc=30a1/1 ship->null q=0 r=0",
            "shipped d=0 src=601 epc=0/0 null->ship q=1 r=0");
    }

    @Test
    void shouldRaiseUnauthorizedZoneWhenRestrictedOrNotOnAllowList()
    {
        final Plant s = new Plant();
        s.assign(A1, SKU_A, 0);
        s.assign(A2, SKU_A, 0);
        s.assign(B1, SKU_B, 0);
        s.assign(B2, SKU_B, 0);
        for (final long epc : new long[]{A1, A2, B1, B2})
        {
            s.move(epc, OpsPlant.STORE_A_ANTENNA, "store-a");
        }
        final int from = s.mark();

        s.move(A1, OpsPlant.RESTRICTED_ANTENNA, "restricted");
        s.cmd(ShippingCommands.ZONE_ALLOW, 0, s.restricted, SKU_A, 1);
        s.move(A2, OpsPlant.RESTRICTED_ANTENNA, "restricted");
        s.move(B1, OpsPlant.RESTRICTED_ANTENNA, "restricted");
        s.cmd(ShippingCommands.ZONE_ALLOW, 0, s.storeB, SKU_A, 1);
        s.move(B1, OpsPlant.STORE_B_ANTENNA, "store-b");
        s.move(A2, OpsPlant.STORE_B_ANTENNA, "store-b");
        assertThat(s.rules.isAllowed(s.storeB, SKU_B)).isFalse();
        s.cmd(ShippingCommands.ZONE_ALLOW, 0, s.storeB, SKU_A, 0);
        assertThat(s.rules.isAllowed(s.storeB, SKU_B)).isTrue();
        s.move(B2, OpsPlant.STORE_B_ANTENNA, "store-b");

        assertThat(s.events(from)).containsExactly(
            "unauthorized_zone d=1 src=0 epc=30a1/1 store-a->restricted q=0 r=0",
            "unauthorized_zone d=2 src=0 epc=30b1/1 store-a->restricted q=0 r=0",
            "unauthorized_zone d=2 src=0 epc=30b1/1 restricted->store-b q=0 r=0");
        assertThat(s.rules.unauthorizedZoneCount()).isEqualTo(3);
        assertThat(s.rules.unauthorizedZoneCount(s.restricted)).isEqualTo(2);
        assertThat(s.rules.isAllowed(s.restricted, SKU_A)).isTrue();
        assertThat(s.rules.isAllowed(s.restricted, SKU_B)).isFalse();
    }

    @Test
    void shouldJudgeExitsByDirectionAndTransferAuthorisations()
    {
        final Plant s = new Plant();
        for (final long epc : new long[]{A1, A2, A3})
        {
            s.assign(epc, SKU_A, 0);
        }
        s.assign(B1, SKU_B, 0);
        s.assign(B2, SKU_B, 0);
        s.assign(X1, SKU_X, 0);
        s.assign(X2, SKU_X, 0);
        for (final long epc : new long[]{A1, A2, A3, B1, B2, X1})
        {
            s.move(epc, OpsPlant.STORE_A_ANTENNA, "store-a");
        }
        final int from = s.mark();

        s.move(A1, OpsPlant.SHIP_ANTENNA, "ship"); // a dock with no exit zone: leaving
        s.cmd(ShippingCommands.OUTBOUND_ZONE, 0, s.exit, ShippingCommands.KIND_EXIT, s.ship);
        s.move(A2, OpsPlant.SHIP_ANTENNA, "ship"); // now the exit zone is the outbound side
        s.move(A2, OpsPlant.EXIT_ANTENNA, "exit");
        s.cmd(ShippingCommands.EXIT_AUTHORIZE, A3, 0, 1, 900);
        s.move(A3, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(A3, OpsPlant.EXIT_ANTENNA, "exit");
        s.move(A3, OpsPlant.SHIP_ANTENNA, "ship"); // back in: not judged
        s.move(A3, OpsPlant.EXIT_ANTENNA, "exit"); // authorisation used up
        s.cmd(ShippingCommands.EXIT_AUTHORIZE, 0, SKU_B, 1, 901);
        s.move(B1, OpsPlant.EXIT_ANTENNA, "exit");
        s.move(B2, OpsPlant.EXIT_ANTENNA, "exit");
        s.cmd(ShippingCommands.EXIT_AUTHORIZE, 0, SKU_X, -1, 902);
        s.move(X1, OpsPlant.EXIT_ANTENNA, "exit");
        s.move(X2, OpsPlant.EXIT_ANTENNA, "exit"); // first seen at the exit: arriving from outside
        s.move(X2, OpsPlant.SHIP_ANTENNA, "ship");

        assertThat(s.events(from)).containsExactly(
            "unauthorized_exit d=1 src=0 epc=30a1/1 store-a->ship q=0 r=0",
            "unauthorized_exit d=2 src=0 epc=30a2/1 ship->exit q=0 r=0",
            "transfer_exit d=2 src=900 epc=30a3/1 ship->exit q=0 r=1",
            "unauthorized_exit d=2 src=0 epc=30a3/1 ship->exit q=0 r=0",
            "transfer_exit d=2 src=901 epc=30b1/1 store-a->exit q=0 r=2",
            "unauthorized_exit d=2 src=0 epc=30b2/1 store-a->exit q=0 r=0",
            "transfer_exit d=2 src=902 epc=30f1/1 store-a->exit q=-1 r=2");
        assertThat(s.rules.transferExitCount()).isEqualTo(3);
        assertThat(s.rules.unauthorizedExitCount()).isEqualTo(4);
        assertThat(s.rules.outboundKind(s.exit)).isEqualTo(ShippingCommands.KIND_EXIT);
    }

    @Test
    void shouldUnpickOnIssueKeepEarlyShippedItemsAndCancel()
    {
        final Plant s = new Plant();
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 701, s.ship, -1);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 701, SKU_A, 3);
        for (final long epc : new long[]{A1, A2, A3})
        {
            s.assign(epc, SKU_A, 0);
            s.move(epc, OpsPlant.STORE_A_ANTENNA, "store-a");
        }
        final int from = s.mark();
        for (final long epc : new long[]{A1, A2, A3})
        {
            s.move(epc, OpsPlant.SHIP_ANTENNA, "ship");
        }

        s.p.command(s.t, OpsCommands.ISSUE, A1, 1, MovementLedger.ISSUE, 0, 0);
        s.p.command(s.t, OpsCommands.ISSUE, A2, 1, MovementLedger.SHIP, 0, 0);
        assertThat(s.rules.shippedCount(701)).isEqualTo(1);
        assertThat(s.rules.pickedCount(701)).isEqualTo(1);
        assertThat(s.rules.linePicked(701, SKU_A, 0)).isEqualTo(2);
        s.cmd(ShippingCommands.SHIPMENT_CANCEL, 0, 701, 0, 0);

        assertThat(s.events(from)).containsExactly(
            "picked d=0 src=701 epc=30a1/1 store-a->ship q=1 r=3",
            "picked d=0 src=701 epc=30a2/1 store-a->ship q=2 r=3",
            "picked d=0 src=701 epc=30a3/1 store-a->ship q=3 r=3",
            "issued d=5 src=0 epc=30a1/1 ship->null q=0 r=0",
            "unpicked d=3 src=701 epc=30a1/1 ship->null q=2 r=3",
            "issued d=6 src=0 epc=30a2/1 ship->null q=0 r=0",
            "unpicked d=4 src=701 epc=30a3/1 null->ship q=1 r=3",
            "shipment_cancelled d=0 src=701 epc=0/0 null->ship q=1 r=0");
        assertThat(s.rules.shipmentState(701)).isEqualTo(ShippingRules.SHIPMENT_CANCELLED);
        assertThat(s.p.ops.isCounted(s.tag(A3))).isTrue();
        assertThat(s.rules.pickedShipmentOf(s.tag(A3))).isZero();
    }

    @Test
    void shouldDropHeldItemFromCountsWhenRetiredAndNotCarryItsHoldToTheHandlesNextTag()
    {
        final Plant s = new Plant();
        s.assign(A1, SKU_A, 0);
        s.move(A1, OpsPlant.STORE_A_ANTENNA, "store-a");
        final int handle = s.tag(A1);
        s.cmd(ShippingCommands.HOLD, A1, 0, 0, 0);
        s.p.command(s.t, CommandFlyweight.RETIRE_TAG, A1, 1, 0, 0, 0);
        assertThat(s.rules.heldCount()).as("the retired item left stock at once").isZero();

        s.assign(N1, SKU_B, 0);
        assertThat(s.tag(N1)).isEqualTo(handle);
        s.move(N1, OpsPlant.STORE_A_ANTENNA, "store-a");

        assertThat(s.rules.heldCount()).isZero();
        assertThat(s.rules.heldCount(SKU_A)).isZero();
        assertThat(s.rules.isHeld(handle)).isFalse();
    }

    @Test
    void shouldRejectBadCommands()
    {
        final Plant s = new Plant();
        s.assign(A1, SKU_A, 0);
        s.cmd(ShippingCommands.HOLD, A4, 0, 0, 0); // unknown item
        s.cmd(ShippingCommands.LOT_HOLD, 0, 0, 5, 0); // no SKU
        s.cmd(ShippingCommands.LOT_RELEASE, 0, SKU_A, 99, 0); // never held
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 0, s.ship, -1); // id 0
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 501, -5, -1); // bad dock
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 501, s.ship, s.ship); // exit = dock
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 502, SKU_A, 1); // not open
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 501, s.ship, -1);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 501, SKU_A, 0); // no quantity
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 501, 0, 1); // no SKU
        s.cmd5(ShippingCommands.SHIPMENT_LINE, 0, 501, SKU_A, 1, -1); // bad lot
        s.cmd(ShippingCommands.SHIPMENT_LOT, 0, 501, SKU_A, 5); // no any-lot line
        s.cmd5(ShippingCommands.SHIPMENT_LINE, 0, 501, SKU_A, 1, 5);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 501, SKU_A, 1);
        s.cmd(ShippingCommands.SHIPMENT_LOT, 0, 501, SKU_A, 5); // a line for lot 5 exists
        s.cmd(ShippingCommands.SHIPMENT_CLOSE, 0, 501, 0, 0);
        s.cmd(ShippingCommands.SHIPMENT_CLOSE, 0, 501, 0, 0); // closed
        s.cmd(ShippingCommands.SHIPMENT_CANCEL, 0, 501, 0, 0); // closed
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 501, s.ship, -1); // ids are not reused
        s.cmd(ShippingCommands.SHIPMENT_EPC, A1, 501, 0, 0); // closed
        s.cmd(ShippingCommands.OUTBOUND_ZONE, 0, s.exit, 3, -1); // bad kind
        s.cmd(ShippingCommands.OUTBOUND_ZONE, 0, s.staging, ShippingCommands.KIND_STAGING, s.ship); // dock on staging
        s.cmd(ShippingCommands.ZONE_ALLOW, 0, s.storeA, SKU_A, 2);
        s.cmd(ShippingCommands.ZONE_ALLOW, 0, s.storeA, 0, 1);
        s.cmd(ShippingCommands.EXIT_AUTHORIZE, 0, SKU_A, -2, 1);
        s.cmd(ShippingCommands.EXIT_AUTHORIZE, A1, 0, 1, -1);
        s.cmd(ShippingCommands.EXIT_AUTHORIZE + 1, 0, 0, 0, 0); // unused code of the block

        assertThat(s.rejected()).isEqualTo(23);
        assertThat(s.rules.lineQuantity(501, SKU_A, 5)).isEqualTo(1);
        assertThat(s.rules.lineQuantity(501, SKU_A, 0)).isEqualTo(1);
        assertThat(s.rules.droppedRows()).isZero();
    }

    @Test
    void shouldForgetOldestClosedShipmentWhenTablesAreFull()
    {
        final Plant s = new Plant(new ShippingRules.Context().tagCapacity(1024).maxShipments(2).maxShipmentLines(2));
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 1, s.ship, -1);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 1, SKU_A, 1);
        s.cmd(ShippingCommands.SHIPMENT_CLOSE, 0, 1, 0, 0);
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 2, s.ship, -1);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 2, SKU_A, 1);
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 3, s.ship, -1);
        assertThat(s.rules.shipmentState(1)).isEqualTo(ShippingRules.SHIPMENT_UNKNOWN);
        assertThat(s.rules.shipmentState(3)).isEqualTo(ShippingRules.SHIPMENT_OPEN);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 3, SKU_A, 1); // the line freed by shipment 1
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 3, SKU_B, 1); // none free, nothing closed
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.rules.droppedRows()).isEqualTo(1);
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 4, s.ship, -1); // both open
        assertThat(s.rejected()).isEqualTo(2);
        s.cmd(ShippingCommands.SHIPMENT_CANCEL, 0, 2, 0, 0);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 3, SKU_B, 1); // frees shipment 2's line
        assertThat(s.rules.shipmentState(2)).isEqualTo(ShippingRules.SHIPMENT_UNKNOWN);
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 4, s.ship, -1);

        assertThat(s.rules.shipmentState(4)).isEqualTo(ShippingRules.SHIPMENT_OPEN);
        assertThat(s.rules.lineQuantity(3, SKU_B, 0)).isEqualTo(1);
        assertThat(s.rules.openShipments()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(2);
        assertThat(s.rules.droppedRows()).isEqualTo(2);
    }

    @Test
    void shouldMapCommandFileNamesToCodes() throws IOException
    {
        final String file = "1700000000000,OPS_SHIPMENT_OPEN,0000,501,8,-1\n" +
            "1700000000001,ops_exit_authorize,30A1,0,1,900\n" +
            "1700000000002,OPS_LOT_HOLD,0000,1001,5\n";
        final List<HostCommand> commands = new ArrayList<>();
        try (HostCommandFileReader reader = new HostCommandFileReader(new StringReader(file), EpcTextDecoder.HEX))
        {
            for (HostCommand c = reader.next(); c != null; c = reader.next())
            {
                commands.add(c);
            }
            assertThat(reader.malformedLines()).isZero();
        }
        assertThat(commands).extracting(HostCommand::command).containsExactly(
            ShippingCommands.SHIPMENT_OPEN, ShippingCommands.EXIT_AUTHORIZE, ShippingCommands.LOT_HOLD);
        assertThat(commands.get(0).arg4()).isEqualTo(-1);
        assertThat(commands.get(1).arg4()).isEqualTo(900);
    }

    // ---------------------------------------------------------------- a day, replay and snapshot

    /** Master data, a lot hold, a shipment with SKU and EPC lines, transfer authorisations, first picks. */
    private static void firstHalf(final Plant s)
    {
        s.cmd(ShippingCommands.OUTBOUND_ZONE, 0, s.exit, ShippingCommands.KIND_EXIT, s.ship);
        s.cmd(ShippingCommands.ZONE_ALLOW, 0, s.storeB, SKU_A, 1);
        s.cmd(ShippingCommands.SHIPMENT_OPEN, 0, 801, s.ship, s.exit);
        s.cmd(ShippingCommands.SHIPMENT_LINE, 0, 801, SKU_A, 3);
        s.cmd(ShippingCommands.SHIPMENT_EPC, B1, 801, 0, 0);
        s.cmd(ShippingCommands.EXIT_AUTHORIZE, 0, SKU_X, 1, 950);
        s.assign(A1, SKU_A, 5);
        s.assign(A2, SKU_A, 5);
        s.assign(A3, SKU_A, 6);
        s.assign(B1, SKU_B, 0);
        s.assign(B2, SKU_B, 0);
        s.assign(X1, SKU_X, 0);
        for (final long epc : new long[]{A1, A2, A3, B1, B2, X1})
        {
            s.move(epc, OpsPlant.STORE_A_ANTENNA, "store-a");
        }
        s.lotHeldAt = s.t;
        s.cmd(ShippingCommands.LOT_HOLD, 0, SKU_A, 6, 0);
        s.move(A1, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(A3, STAGING_ANTENNA, "st-3");
        s.move(B2, OpsPlant.STORE_B_ANTENNA, "store-b");
    }

    /** More picks, an un-pick, held and wrong items, exits, the shipment ships, the lot is released. */
    private static void secondHalf(final Plant s)
    {
        s.move(B1, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(A2, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(A2, OpsPlant.STORE_A_ANTENNA, "store-a");
        s.move(A3, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(B2, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(X1, OpsPlant.SHIP_ANTENNA, "ship");
        s.move(X1, OpsPlant.EXIT_ANTENNA, "exit");
        s.move(B2, OpsPlant.EXIT_ANTENNA, "exit");
        s.move(A1, OpsPlant.EXIT_ANTENNA, "exit");
        s.status(A2, Ledger.STATUS_HOLD);
        s.move(A2, OpsPlant.QA_ANTENNA, "qa");
        s.cmd(ShippingCommands.SHIPMENT_CLOSE, 0, 801, 0, 0);
        s.lotReleasedAt = s.t;
        s.cmd(ShippingCommands.LOT_RELEASE, 0, SKU_A, 6, 0);
    }

    private static Plant day()
    {
        final Plant s = new Plant();
        firstHalf(s);
        secondHalf(s);
        return s;
    }

    @Test
    void shouldRaiseTheExpectedEventsOverADay()
    {
        final Plant s = day();

        assertThat(s.events()).containsExactly(
            "hold d=4 src=0 epc=30a3/1 null->store-a q=6 r=0",
            "picked d=0 src=801 epc=30a1/1 store-a->ship q=1 r=3",
            "held_to_shipping d=1 src=0 epc=30a3/1 store-a->st-3 q=8 r=1",
            "unauthorized_zone d=2 src=0 epc=30b2/1 store-a->store-b q=0 r=0",
            "picked d=1 src=801 epc=30b1/1 store-a->ship q=1 r=1",
            "picked d=0 src=801 epc=30a2/1 store-a->ship q=2 r=3",
            "unpicked d=1 src=801 epc=30a2/1 ship->store-a q=1 r=3",
            "held_to_shipping d=1 src=801 epc=30a3/1 st-3->ship q=8 r=2",
            "wrong_item d=1 src=801 epc=30b2/1 store-b->ship q=0 r=0",
            "transfer_exit d=2 src=950 epc=30f1/1 ship->exit q=0 r=2",
            "unauthorized_exit d=2 src=0 epc=30b2/1 ship->exit q=0 r=0",
            "hold d=1 src=0 epc=30a2/1 null->store-a q=5 r=0", // seen on the first read at qa, before the move
            "shipment_short d=0 src=801 epc=3e9/0 null->ship q=2 r=3",
            "shipment_complete d=1 src=801 epc=0/0 null->ship q=1 r=1",
            "issued d=6 src=0 epc=30a1/1 exit->null q=0 r=0",
            "issued d=6 src=0 epc=30b1/1 ship->null q=0 r=0",
            "shipped d=1 src=801 epc=0/0 null->ship q=2 r=2",
            "release d=4 src=0 epc=30a3/1 null->ship q=" + (s.lotReleasedAt - s.lotHeldAt) + " r=8");
        assertThat(s.rules.heldCount()).isEqualTo(1);
        assertThat(s.rules.heldCount(SKU_A, 5)).isEqualTo(1);
        assertThat(s.rejected()).isZero();
    }

    @Test
    void shouldEmitIdenticalEventsAndAnswersWhenTheSameInputIsReplayed()
    {
        final Plant first = day();
        final Plant second = day();

        assertThat(second.p.events).isEqualTo(first.p.events).isNotEmpty();
        assertThat(second.rules.toString()).isEqualTo(first.rules.toString());
    }

    @Test
    void shouldResumeIdenticallyWhenRestoredFromSnapshot() throws IOException
    {
        final Plant straight = day();

        final Plant before = new Plant();
        firstHalf(before);
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
        after.t = before.t;
        assertThat(after.rules.heldCount()).isEqualTo(before.rules.heldCount()).isEqualTo(1);
        assertThat(after.rules.pickedCount(801)).isEqualTo(1);
        secondHalf(after);

        final List<String> tail = straight.p.events.subList(before.p.events.size(), straight.p.events.size());
        assertThat(after.p.events).isEqualTo(tail).isNotEmpty();
        assertThat(after.rules.toString()).isEqualTo(straight.rules.toString());
        assertThat(after.rules.heldCount(SKU_A, 5)).isEqualTo(1);
        assertThat(after.rules.linePicked(801, SKU_A, 0)).isEqualTo(straight.rules.linePicked(801, SKU_A, 0));
        assertThat(after.rules.transferExitCount()).isEqualTo(1);
        assertThat(after.p.counters.get(Counters.COMMANDS)).isPositive();
    }
}
