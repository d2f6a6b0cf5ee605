package dev.inventory.core.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.event.EventType;

import static dev.inventory.core.ops.OpsDay.COLD;
import static dev.inventory.core.ops.OpsDay.FG;
import static dev.inventory.core.ops.OpsDay.RESIN;
import static dev.inventory.core.ops.OpsDay.ST_1;
import static dev.inventory.core.ops.OpsDay.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link Operations} facade: every part reachable and installed, commands of every part handled through the one
 * composed extension (unknown codes of the block rejected), the parts' order, and a snapshot round trip of the whole
 * module through {@link Pipeline#writeSnapshot} / {@link Pipeline#readSnapshot} mid-way through {@link OpsDay}.
 */
@Timeout(30)
class OperationsTest
{
    private static final int TAG_CAPACITY = 1024;

    /** A pipeline of the plant with a fresh operations module, its events as text. */
    private static final class Plant
    {
        final Operations operations = new Operations(TAG_CAPACITY);
        final Counters counters = new Counters();
        final List<String> events = new ArrayList<>();
        final Pipeline pipeline = new Pipeline(OpsDay.config().build(), counters, e -> events.add(
            e.sequence() + " " + e.timestampMs() + " " + EventType.name(e.type()) + " d=" + e.detail() + " src=" +
            e.source() + " epc=" + Long.toHexString(e.epcHigh()) + "/" + Integer.toHexString(e.epcLow()) + " " +
            e.fromZone() + "->" + e.toZone() + " ant=" + e.antenna() + " q=" + e.dwellMs() + " r=" +
            e.rssiCentiDbm() + " sku=" + e.sku()));

        Plant()
        {
            pipeline.extension(operations.extension());
        }

        Plant feed(final List<OpsDay.Rec> records)
        {
            OpsDay.feed(pipeline, records);
            return this;
        }

        void command(final int code, final long arg2, final long arg3, final long arg4)
        {
            feed(List.of(new OpsDay.Command(at(5, 0), code, 0, 0, arg2, arg3, arg4)));
        }

        long badCommands()
        {
            return counters.rejected(RejectReason.BAD_COMMAND);
        }

        /** @return the events of records at a time, as "type" names. */
        List<String> typesAt(final long timeMs)
        {
            final List<String> types = new ArrayList<>();
            for (final String event : events)
            {
                final String[] fields = event.split(" ");
                if (Long.parseLong(fields[1]) == timeMs)
                {
                    types.add(fields[2]);
                }
            }
            return types;
        }
    }

    @Test
    void shouldReachEveryPartWhenBuilt()
    {
        final Operations operations = new Operations(TAG_CAPACITY);

        assertThat(List.of(operations.extension(), operations.base(), operations.lots(), operations.shipping(),
            operations.accuracy(), operations.containers(), operations.wip())).doesNotContainNull()
            .doesNotHaveDuplicates();
        assertThat(operations.extension()).as("the parts composed into one extension")
            .isNotSameAs(operations.base());
    }

    @Test
    void shouldNameTheBadFieldWhenAPartsContextIsInvalid()
    {
        assertThatThrownBy(() -> new Operations(
            new OperationsExtension.Context().tagCapacity(TAG_CAPACITY),
            new LotRules.Context().tagCapacity(TAG_CAPACITY),
            new ShippingRules.Context().tagCapacity(TAG_CAPACITY),
            new AccuracyRules.Context().tagCapacity(TAG_CAPACITY),
            new ContainerRules.Context().tagCapacity(TAG_CAPACITY),
            new WipRules.Context().tagCapacity(0)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("tagCapacity");
    }

    @Test
    void shouldHandleACommandOfEveryPartAndRejectUnknownCodesOfTheBlock()
    {
        final Plant plant = new Plant();
        final Operations ops = plant.operations;

        plant.command(OpsCommands.ZONE, ST_1, ZoneRole.WIP_STATION, 0);
        plant.command(LotRules.ROTATION, RESIN, LotRules.POLICY_FEFO, LotRules.SCOPE_ZONE);
        plant.command(ShippingCommands.OUTBOUND_ZONE, FG, ShippingCommands.KIND_STAGING, -1);
        plant.command(AccuracyCommands.BOOK, RESIN, COLD, 5);
        plant.command(WipCommands.WO_OPEN, 7001, 2, 0);
        plant.command(OpsCommands.SAFETY_STOCK, RESIN, COLD, 2);

        assertThat(plant.counters.get(Counters.COMMANDS)).isEqualTo(6);
        assertThat(plant.badCommands()).isZero();
        assertThat(ops.base().role(ST_1)).isEqualTo(ZoneRole.WIP_STATION);
        assertThat(ops.lots().policy(RESIN)).isEqualTo(LotRules.POLICY_FEFO);
        assertThat(ops.lots().scope(RESIN)).isEqualTo(LotRules.SCOPE_ZONE);
        assertThat(ops.shipping().outboundKind(FG)).isEqualTo(ShippingCommands.KIND_STAGING);
        assertThat(ops.accuracy().book(RESIN, COLD)).isEqualTo(5);
        assertThat(ops.wip().status(7001)).isEqualTo(WipRules.STATUS_OPEN);

        // a bad argument to each part
        plant.command(OpsCommands.ZONE, ST_1, ZoneRole.ROLE_COUNT, 0);
        plant.command(LotRules.ROTATION, RESIN, 7, LotRules.SCOPE_SITE);
        plant.command(ShippingCommands.SHIPMENT_LINE, 880045, RESIN, 1); // no such shipment
        plant.command(AccuracyCommands.BOOK, 0, COLD, 5);
        plant.command(WipCommands.WO_OPERATION, 7002, 1, ST_1); // no such work order
        plant.command(ContainerRules.PACK, 1, 0, 0);              // no such container (nor item)
        assertThat(plant.badCommands()).isEqualTo(6);

        // codes of the block no part handles: free codes of each part's range, the container range, the end
        final int[] unknown = {1312, 1314, 1325, 1329, 1343, 1344, 1353, 1359, 1372, 1374, 1379, 1389, 1390, 1399};
        for (final int code : unknown)
        {
            plant.command(code, 1, 1, 1);
        }
        assertThat(plant.badCommands()).isEqualTo(6 + unknown.length);
        assertThat(plant.counters.get(Counters.COMMANDS)).isEqualTo(6);
        assertThat(plant.events).as("a safety stock of 2 set on an empty zone: urgent replenishment at once")
            .hasSize(1).first().asString().contains("replenish");
    }

    @Test
    void shouldRunThePartsInTheirComposedOrder()
    {
        final Plant plant = new Plant().feed(OpsDay.records());

        // the base counts the move, then WIP (the last part) consumes the material from within the move; the lot
        // rules, before it, are told of the issue and find the earlier-expiring lot available
        assertThat(plant.typesAt(at(8, 5))).containsExactly("moved", "issued", "fefo_violation",
            "consumed");
        // the base's put-away before WIP's completion
        assertThat(plant.typesAt(at(9, 20))).containsExactly("moved", "put_away", "operation_complete",
            "item_complete");
        // the shipping rules' hold before WIP's completion
        assertThat(plant.typesAt(at(9, 53))).containsExactly("moved", "hold", "operation_complete",
            "item_complete", "work_order_complete");
        assertThat(plant.badCommands()).isZero();
    }

    @Test
    void shouldResumeIdenticallyWhenTheWholeModuleIsRestoredFromAPipelineSnapshot() throws IOException
    {
        final List<OpsDay.Rec> day = OpsDay.records();
        final long noon = at(12, 0);
        final List<OpsDay.Rec> morning = day.stream().filter(r -> r.timeMs() < noon).toList();
        final List<OpsDay.Rec> afternoon = day.stream().filter(r -> r.timeMs() >= noon).toList();
        final Plant straight = new Plant().feed(day);

        final Plant before = new Plant().feed(morning);
        final byte[] snapshot = snapshot(before.pipeline);
        final Plant after = new Plant();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot)))
        {
            after.pipeline.readSnapshot(in);
            assertThat(in.read()).as("the snapshot is consumed exactly").isEqualTo(-1);
        }
        assertThat(OpsDay.answers(after.pipeline, after.operations))
            .containsExactlyEntriesOf(OpsDay.answers(before.pipeline, before.operations));
        assertThat(snapshot(after.pipeline)).as("restored state writes the same snapshot").isEqualTo(snapshot);

        after.feed(afternoon);
        assertThat(after.events).isNotEmpty()
            .containsExactlyElementsOf(straight.events.subList(before.events.size(), straight.events.size()));
        assertThat(OpsDay.answers(after.pipeline, after.operations))
            .containsExactlyEntriesOf(OpsDay.answers(straight.pipeline, straight.operations));
        assertThat(after.counters.get(Counters.EVENTS)).isEqualTo(straight.counters.get(Counters.EVENTS));
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
}
