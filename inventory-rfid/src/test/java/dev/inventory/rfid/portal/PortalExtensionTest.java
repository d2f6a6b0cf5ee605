package dev.inventory.rfid.portal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.inventory.core.config.EngineConfig;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RfidReadFlyweight;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortalExtensionTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long EPC_HIGH = 0x3074257BF7194E40L;

    @Test
    void shouldEmitPortalEventsWithZonesAndConfidenceWhenRunAsPipelineExtension()
    {
        final EngineConfig config = EngineConfig.builder()
            .zone("dock", PortalSimulator.READER, 1, 2)
            .zone("warehouse", PortalSimulator.READER, 3, 4)
            .zone("elsewhere", 2, 1)
            .build();
        final List<long[]> events = new ArrayList<>();
        final Pipeline pipeline = new Pipeline(config, new Counters(), event ->
        {
            if (event.type() >= PortalDirection.PORTAL_IN && event.type() <= PortalDirection.PORTAL_NEAR)
            {
                events.add(new long[]{event.type(), event.epcLow(), event.fromZone(), event.toZone(),
                    event.detail(), event.source(), event.timestampMs(), event.dwellMs()});
            }
        });
        final int dock = pipeline.zones().zoneId("dock");
        final int warehouse = pipeline.zones().zoneId("warehouse");
        final PortalSpec spec = PortalSpec.builder().portalId(9)
            .outer(PortalSimulator.READER, 1).outer(PortalSimulator.READER, 2)
            .inner(PortalSimulator.READER, 3).inner(PortalSimulator.READER, 4)
            .build();
        final PortalExtension extension = new PortalExtension(spec, dock, warehouse);
        pipeline.extension(extension);

        final PortalSimulator simulator = new PortalSimulator(5);
        final List<PortalSimulator.Read> reads = new ArrayList<>();
        final long inEndMs = simulator.generate(PortalSimulator.Kind.IN, 1, T0, reads);
        simulator.generate(PortalSimulator.Kind.OUT, 2, inEndMs + 5_000, reads);
        reads.sort(Comparator.comparingLong(PortalSimulator.Read::timestampMs));
        final ByteBuffer buffer = ByteBuffer.allocate(RecordDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        final RfidReadFlyweight read = new RfidReadFlyweight().wrap(buffer, 0);
        long lastMs = 0;
        for (final PortalSimulator.Read r : reads)
        {
            read.set(PortalSimulator.READER, r.antenna(), EPC_HIGH, r.epcLow(), r.rssiCentiDbm(), r.timestampMs(), 1);
            pipeline.onRecord(buffer, 0);
            lastMs = r.timestampMs();
        }
        // a read elsewhere moves time on (core does not pass clock ticks to extensions)
        read.set(2, 1, EPC_HIGH, 99, -6000, lastMs + 10_000, 1);
        pipeline.onRecord(buffer, 0);

        assertThat(events).hasSize(2);
        final long[] in = events.get(0);
        assertThat(in[0]).isEqualTo(PortalDirection.PORTAL_IN);
        assertThat(in[1]).isEqualTo(1);
        assertThat(in[2]).isEqualTo(dock);
        assertThat(in[3]).isEqualTo(warehouse);
        assertThat(in[4]).as("confidence permille").isBetween(450L, 1000L);
        assertThat(in[5]).isEqualTo(9);
        assertThat(in[7]).as("pass duration").isPositive();
        final long[] out = events.get(1);
        assertThat(out[0]).isEqualTo(PortalDirection.PORTAL_OUT);
        assertThat(out[1]).isEqualTo(2);
        assertThat(out[2]).isEqualTo(warehouse);
        assertThat(out[3]).isEqualTo(dock);
        assertThat(extension.detector().ignoredReads()).isEqualTo(1);
        assertThat(extension.detector().trackedTags()).isZero();
    }

    @Test
    void shouldDecideOnlyAfterSettleTimeWhenTagGoesQuiet()
    {
        final List<String> passes = new ArrayList<>();
        final PortalDetector detector = new PortalDetector(PortalDirectionTest.spec(),
            pass -> passes.add(PortalDirection.name(pass.direction()) + "@" + (pass.decidedAtMs() - T0) + " reads " +
                pass.reads(PortalPass.OUTER) + "/" + pass.reads(PortalPass.INNER)));
        // outer only: came near
        for (int i = 0; i < 10; i++)
        {
            detector.onRead(PortalSimulator.READER, 1, EPC_HIGH, 5, -5500 - 100 * Math.abs(5 - i), T0 + i * 100L);
        }
        detector.onTime(T0 + 900 + 1499);
        assertThat(passes).isEmpty();
        assertThat(detector.trackedTags()).isEqualTo(1);
        detector.onTime(T0 + 900 + 1500);
        assertThat(passes).containsExactly("NEAR@2400 reads 10/0");
        assertThat(detector.trackedTags()).isZero();
    }

    @Test
    void shouldRejectSpecWhenGroupsOverlapOrAreMissing()
    {
        assertThatThrownBy(() -> PortalSpec.builder().outer(1, 1).build()).hasMessageContaining("inner");
        assertThatThrownBy(() -> PortalSpec.builder().outer(1, 1).inner(1, 1).build())
            .hasMessageContaining("inner: antenna also in outer");
        assertThatThrownBy(() -> PortalSpec.builder().outer(1, 1).inner(1, 2).settleMs(0).build())
            .hasMessageContaining("settleMs");
    }
}
