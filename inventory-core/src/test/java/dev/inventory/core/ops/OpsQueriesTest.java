package dev.inventory.core.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.ingest.Publisher;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class OpsQueriesTest
{
    private static final long T0_MS = 1_700_000_000_000L;
    private static final long SKU = 614141812345L;
    private static final long EPC_HIGH = 0x3034257BF7194E40L;

    @Test
    void shouldAnswerBalancesReceiptsAndOccupancyFromAnotherThreadWhileRunning() throws Exception
    {
        final OperationsExtension ops = new OperationsExtension(new OperationsExtension.Context().tagCapacity(1024));
        final List<String> moves = new ArrayList<>();
        ops.addListener(new OpsListener()
        {
            @Override
            public void onItemMoved(
                final OperationsExtension o,
                final int tag,
                final int fromZone,
                final int toZone,
                final long movementId,
                final int reason,
                final long nowMs,
                final Pipeline pipeline)
            {
                moves.add(fromZone + ">" + toZone + ":" + reason + ":" + o.skuKeyOf(tag));
            }
        });
        final EngineConfig config = EngineConfig.builder()
            .tagCapacity(1024)
            .zone("dock", 1, 1)
            .zone("store", 1, 2)
            .clockTickIntervalMs(0)
            .presenceTimeoutMs(3_600_000)
            .recordExtension(ops)
            .build();
        try (InventoryEngine engine = new InventoryEngine(config).start())
        {
            final OpsQueries queries = new OpsQueries(engine, ops);
            final Publisher publisher = engine.publisher();
            long t = T0_MS;
            command(publisher, OpsCommands.ZONE, 0, ZoneRole.RECEIVING, 0, t);
            command(publisher, OpsCommands.ZONE, 1, ZoneRole.STORAGE, 10, t);
            command(publisher, OpsCommands.RECEIPT_OPEN, 77, 1, 0, t);
            command(publisher, OpsCommands.RECEIPT_LINE, 77, SKU, 3, t);
            command(publisher, OpsCommands.REORDER_POINT, SKU, 1, 5, t);
            for (int item = 0; item < 2; item++)
            {
                assertThat(publisher.tryPublishCommand(9, 1, item, EPC_HIGH, SKU, 0, 0, t)).isNotNegative();
            }
            for (int i = 0; i < 5; i++, t += 100)
            {
                read(publisher, 1, 0, t);
                read(publisher, 1, 1, t);
            }
            for (int i = 0; i < 20; i++, t += 100)
            {
                read(publisher, 2, 0, t);
            }
            assertThat(engine.awaitIdle(10, TimeUnit.SECONDS)).isTrue();

            final OpsQueries.ReceiptStatus receipt = queries.receipt(77).get(5, TimeUnit.SECONDS);
            assertThat(receipt.open()).isTrue();
            assertThat(receipt.putAwayZone()).isEqualTo(1);
            assertThat(receipt.lines()).containsExactly(new OpsQueries.ReceiptLine(SKU, 0, 3, 2));
            assertThat(queries.openReceipts().get(5, TimeUnit.SECONDS)).containsExactly(receipt);
            assertThat(queries.receipt(78).get(5, TimeUnit.SECONDS)).isNull();

            final OpsQueries.Balance store = queries.balance(SKU, "store").get(5, TimeUnit.SECONDS);
            assertThat(store.onHand()).isEqualTo(1);
            assertThat(store.available()).isEqualTo(1);
            assertThat(store.expected()).as("one received item still to put away, one never arrived").isEqualTo(2);
            assertThat(store.projected()).isEqualTo(3);
            assertThat(store.reorderPoint()).isEqualTo(5);
            assertThat(queries.balance(SKU, "dock").get(5, TimeUnit.SECONDS).onHand()).isEqualTo(1);
            assertThat(queries.balance(SKU, "nowhere").get(5, TimeUnit.SECONDS)).isNull();
            assertThat(queries.balances(SKU).get(5, TimeUnit.SECONDS)).extracting(OpsQueries.Balance::zoneName)
                .containsExactlyInAnyOrder("dock", "store");

            assertThat(queries.occupancy().get(5, TimeUnit.SECONDS)).containsExactly(
                new OpsQueries.Occupancy(0, "dock", ZoneRole.RECEIVING, 1, 0),
                new OpsQueries.Occupancy(1, "store", ZoneRole.STORAGE, 1, 10));
            assertThat(queries.zoneOf(EPC_HIGH, 0).get(5, TimeUnit.SECONDS)).isEqualTo("store");
            assertThat(queries.zoneOf(EPC_HIGH, 5).get(5, TimeUnit.SECONDS)).isNull();
        }
        assertThat(moves).containsExactly(
            "-1>0:" + MovementLedger.RECEIPT + ":" + SKU,
            "-1>0:" + MovementLedger.RECEIPT + ":" + SKU,
            "0>1:" + MovementLedger.PUT_AWAY + ":" + SKU);
    }

    @Test
    void shouldAnswerWipHoldsAndExpiryFromTheRulesWhileRunning() throws Exception
    {
        final Operations operations = new Operations(1024);
        final EngineConfig config = EngineConfig.builder()
            .tagCapacity(1024)
            .zone("store", 1, 1)
            .zone("station", 1, 2)
            .clockTickIntervalMs(0)
            .presenceTimeoutMs(3_600_000)
            .recordExtension(operations.extension())
            .build();
        final long day = 86_400_000L;
        final long unitHigh = 0x3034257BF7194E41L;
        try (InventoryEngine engine = new InventoryEngine(config).start())
        {
            final OpsQueries queries = new OpsQueries(engine, operations);
            final Publisher publisher = engine.publisher();
            long t = T0_MS;
            command(publisher, OpsCommands.ZONE, 0, ZoneRole.STORAGE, 0, t);
            command(publisher, OpsCommands.ZONE, 1, ZoneRole.WIP_STATION, 0, t);
            command(publisher, OpsCommands.LOT, 42, T0_MS + 2 * day, T0_MS - day, t);
            command(publisher, LotRules.EXPIRY_WARNING, 0, 3 * day, 0, t);
            assertThat(publisher.tryPublishCommand(9, 1, 0, EPC_HIGH, SKU, 42, 0, t)).isNotNegative();
            assertThat(publisher.tryPublishCommand(9, 1, 1, EPC_HIGH, SKU, 0, 0, t)).isNotNegative();
            assertThat(publisher.tryPublishCommand(9, 1, 5, unitHigh, SKU + 1, 0, 0, t)).isNotNegative();
            command(publisher, WipCommands.WO_OPEN, 900, 1, 0, t);
            command(publisher, WipCommands.WO_OPERATION, 900, 1, 1, t);
            assertThat(publisher.tryPublishCommand(9, WipCommands.WO_ITEM, 5, unitHigh, 900, 0, 0, t)).isNotNegative();
            assertThat(publisher.tryPublishCommand(9, ShippingCommands.HOLD, 1, EPC_HIGH, 0, 0, 0, t))
                .isNotNegative();
            for (int i = 0; i < 5; i++, t += 100)
            {
                read(publisher, 1, 0, t);
                read(publisher, 1, 1, t);
                assertThat(publisher.publishRfidRead(1, 2, unitHigh, 5, -4000, t, 1, 5, TimeUnit.SECONDS))
                    .isNotNegative();
            }
            assertThat(engine.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.counters().rejected(dev.inventory.core.counter.RejectReason.BAD_COMMAND)).isZero();

            assertThat(queries.wipPerStation().get(5, TimeUnit.SECONDS)).containsExactly(
                new OpsQueries.StationWip(1, "station", 1, 0, 0, false, 0, 0));
            final OpsQueries.WorkOrder order = queries.workOrder(900).get(5, TimeUnit.SECONDS);
            assertThat(order.status()).isEqualTo(WipRules.STATUS_STARTED);
            assertThat(order.operations()).isEqualTo(1);
            assertThat(order.units()).isEqualTo(1);
            assertThat(order.unitsComplete()).isZero();
            assertThat(queries.workOrder(901).get(5, TimeUnit.SECONDS)).isNull();
            final List<OpsQueries.HeldItem> held = queries.itemsOnHold(10).get(5, TimeUnit.SECONDS);
            assertThat(held).hasSize(1);
            assertThat(held.get(0).epcLow()).isEqualTo(1);
            assertThat(held.get(0).zone()).isEqualTo("store");
            assertThat(held.get(0).causes()).isNotZero();
            assertThat(queries.lotsNearingExpiry(3 * day).get(5, TimeUnit.SECONDS)).containsExactly(
                new OpsQueries.LotExpiry(SKU, 42, T0_MS + 2 * day, 1, LotRules.STATUS_APPROACHING));
            assertThat(queries.lotsNearingExpiry(day).get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void shouldRefuseRuleQueriesWhenBuiltOnTheBaseAlone()
    {
        final OperationsExtension ops = new OperationsExtension(new OperationsExtension.Context().tagCapacity(16));
        try (InventoryEngine engine = new InventoryEngine(EngineConfig.builder().tagCapacity(16)
            .recordExtension(ops).build()))
        {
            final OpsQueries queries = new OpsQueries(engine, ops);
            org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(queries::wipPerStation);
        }
    }

    private static void command(
        final Publisher publisher, final int code, final long arg2, final long arg3, final long arg4, final long t)
    {
        assertThat(publisher.tryPublishCommand(9, code, 0, 0, arg2, arg3, arg4, t)).isNotNegative();
    }

    private static void read(final Publisher publisher, final int antenna, final int epcLow, final long t)
    {
        assertThat(publisher.publishRfidRead(1, antenna, EPC_HIGH, epcLow, -4000, t, 1, 5, TimeUnit.SECONDS))
            .isNotNegative();
    }
}
