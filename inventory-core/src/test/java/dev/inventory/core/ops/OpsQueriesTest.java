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
