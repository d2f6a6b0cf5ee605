package dev.inventory.rfid.llrp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.InventoryEngine;
import dev.inventory.core.query.TagView;
import dev.inventory.rfid.epc.GS1EpcFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlrpReaderAdapterEngineTest
{
    private static final String DOCK_TAG = "3074257BF7194E4000001A85";   // urn:epc:id:sgtin:0614141.812345.6789
    private static final String SHELF_TAG = "3074257BF7194E4000001A86";  // serial 6790
    private static final String RAW_TAG = "E2801160600002054E7A1B2C";
    private static final long WAIT_MS = 10_000;

    @Test
    void shouldFillLedgerThroughEngineAndSurviveLinkDropMidStream() throws Exception
    {
        try (LlrpReaderSimulator simulator = new LlrpReaderSimulator()
            .reportIntervalMs(20)
            .readsPerCycle(2)
            .addTag(DOCK_TAG, 1, -48)
            .addTag(SHELF_TAG, 2, LlrpReaderSimulator.RssiPattern.triangle(-6500, -5000, 8))
            .addTag(RAW_TAG, 1, -70))
        {
            final LlrpReaderAdapter adapter = new LlrpReaderAdapter(new LlrpClient.Context()
                .host(simulator.host())
                .port(simulator.port())
                .readerName("dock-door-1")
                .keepaliveIntervalMs(200)
                .reconnectBackoffMinMs(20)
                .reconnectBackoffMaxMs(200));
            final dev.inventory.core.sink.InMemorySink links = new dev.inventory.core.sink.InMemorySink();
            final EngineConfig config = EngineConfig.builder()
                .reader("dock-door-1", 7)
                .zone("dock", 7, 1)
                .zone("shelf", 7, 2)
                .epcFormatter(GS1EpcFormatter.INSTANCE)
                .adapter(adapter)
                .sink(links)
                .build();
            final InventoryEngine engine = new InventoryEngine(config);
            try
            {
                engine.start();
                assertThat(adapter.client().awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
                assertThat(adapter.isHealthy()).isTrue();
                assertThat(simulator.await(() -> simulator.tagReportsSent() >= 30, WAIT_MS)).isTrue();

                simulator.dropConnection();
                assertThat(simulator.await(() -> simulator.connections() >= 2, WAIT_MS)).isTrue();
                assertThat(adapter.client().awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
                final long sentBefore = simulator.tagReportsSent();
                assertThat(simulator.await(() -> simulator.tagReportsSent() >= sentBefore + 30, WAIT_MS)).isTrue();
                assertThat(engine.awaitIdle(5, TimeUnit.SECONDS)).isTrue();

                final TagView dock = engine.whereIs(0x3074257BF7194E40L, 0x00001A85).get(5, TimeUnit.SECONDS);
                assertThat(dock.epc()).isEqualTo("urn:epc:id:sgtin:0614141.812345.6789");
                assertThat(dock.zone()).isEqualTo("dock");
                assertThat(dock.present()).isTrue();
                final TagView shelf = engine.whereIs(0x3074257BF7194E40L, 0x00001A86).get(5, TimeUnit.SECONDS);
                assertThat(shelf.zone()).isEqualTo("shelf");
                final List<TagView> ledger = engine.ledger().get(5, TimeUnit.SECONDS);
                assertThat(ledger).extracting(TagView::epc).containsExactlyInAnyOrder(
                    "urn:epc:id:sgtin:0614141.812345.6789", "urn:epc:id:sgtin:0614141.812345.6790", RAW_TAG);
                assertThat(ledger).allSatisfy(view -> assertThat(view.lastSeenMs()).isGreaterThanOrEqualTo(view.firstSeenMs()));
            }
            finally
            {
                engine.close();
            }

            final LlrpCounters counters = adapter.client().counters();
            assertThat(adapter.linkState()).isEqualTo(LlrpLinkState.CLOSED);
            assertThat(counters.get(LlrpCounters.DISCONNECTS)).isEqualTo(1);
            assertThat(counters.get(LlrpCounters.READS_DROPPED)).isZero();
            assertThat(counters.get(LlrpCounters.READS_PUBLISHED)).isEqualTo(counters.get(LlrpCounters.TAG_REPORTS));
            assertThat(engine.counters().get(Counters.READS)).isEqualTo(counters.get(LlrpCounters.READS_PUBLISHED));
            assertThat(engine.counters().get(Counters.REJECTED)).isZero();
            assertThat(simulator.closeConnections()).isEqualTo(1);
            // connect, drop and reconnect reached the engine as link_down / link_up of reader 7 (its tags are held)
            assertThat(links.events()).filteredOn(e -> e.type() == dev.inventory.core.event.EventType.LINK_DOWN ||
                e.type() == dev.inventory.core.event.EventType.LINK_UP)
                .extracting(e -> e.type() + "@" + e.reader())
                .containsSubsequence("4@7", "5@7", "4@7", "5@7");
        }
    }

    @Test
    void shouldCreateAdapterFromSettingsWhenFactoryIsAskedForLlrp()
    {
        final LlrpReaderAdapterFactory factory = new LlrpReaderAdapterFactory();
        final LlrpReaderAdapter adapter = (LlrpReaderAdapter)factory.create(Map.of(
            "host", "reader-1.local", "antennas", "1,3", "keepaliveMs", "2000", "content", "antennaId,peakRssi,pc",
            "reader", "door-3"));

        assertThat(factory.type()).isEqualTo("llrp");
        assertThat(adapter.roleName()).isEqualTo("llrp:door-3");
        assertThat(adapter.context().port()).isEqualTo(5084);
        assertThat(adapter.context().antennas()).containsExactly(1, 3);
        assertThat(adapter.context().watchdogTimeoutMs()).isEqualTo(6_000);
        assertThat(adapter.context().content())
            .isEqualTo(TagReportContent.ANTENNA_ID | TagReportContent.PEAK_RSSI | TagReportContent.C1G2_PC);
        assertThat(adapter.linkState()).isEqualTo(LlrpLinkState.DISCONNECTED);
        assertThatThrownBy(() -> factory.create(Map.of())).hasMessageContaining("llrp.host");
        assertThatThrownBy(() -> factory.create(Map.of("host", "h", "antennas", "0,2")))
            .hasMessageContaining("antennas");
        assertThatThrownBy(() -> factory.create(Map.of("host", "h", "content", "colour")))
            .hasMessageContaining("colour");
    }
}
