package dev.inventory.rfid.epc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inventory.rfid.ale.EpcFilter;
import dev.inventory.rfid.ale.EventCycle;
import dev.inventory.rfid.ale.EventCycleSnapshot;
import dev.inventory.rfid.ale.EventCycleSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link EpcFilter#pattern(String...)} as ALE include / exclude filters of an event cycle. */
class EpcPatternFilterTest {

    private static final long T0 = 1_700_000_000_000L;

    private static EventCycleSnapshot.Epc epc(String tagUri) {
        EpcEncoder e = new EpcEncoder().encodeTagUri(tagUri);
        return new EventCycleSnapshot.Epc(e.epcHigh(), e.epcLow());
    }

    @Test
    void shouldAcceptOnlyMatchingEpcsWhenFilterIsBuiltFromPatterns() {
        EpcFilter f = EpcFilter.pattern("urn:epc:pat:sgtin-96:3.0614141.*.[1-100]", "urn:epc:idpat:sscc:0614141.*");
        EventCycleSnapshot.Epc in = epc("urn:epc:tag:sgtin-96:3.0614141.812345.100");
        EventCycleSnapshot.Epc out = epc("urn:epc:tag:sgtin-96:3.0614141.812345.101");
        EventCycleSnapshot.Epc sscc = epc("urn:epc:tag:sscc-96:0.0614141.1234567890");
        assertThat(f.accept(in.high(), in.low())).isTrue();
        assertThat(f.accept(out.high(), out.low())).isFalse();
        assertThat(f.accept(sscc.high(), sscc.low())).isTrue();
        assertThat(f.accept(0xE280116060000205L, 0)).isFalse();
    }

    @Test
    void shouldReportOnlyIncludedAndNotExcludedEpcsWhenEventCycleUsesPatternFilters() {
        List<EventCycleSnapshot> cycles = new ArrayList<>();
        EventCycleSpec spec = EventCycleSpec.builder("dock").durationMs(1000)
                .include(EpcFilter.pattern("urn:epc:pat:sgtin-96:*.0614141.812345.*"))
                .exclude(EpcFilter.pattern("urn:epc:pat:sgtin-96:*.0614141.812345.[1-9]"))
                .build();
        EventCycle cycle = new EventCycle(spec, reports -> cycles.add(reports.snapshot()));
        EventCycleSnapshot.Epc kept = epc("urn:epc:tag:sgtin-96:3.0614141.812345.6789");
        EventCycleSnapshot.Epc excluded = epc("urn:epc:tag:sgtin-96:3.0614141.812345.5");
        EventCycleSnapshot.Epc notIncluded = epc("urn:epc:tag:sgtin-96:3.0614141.812346.6789");
        cycle.start(T0);
        cycle.onRead(kept.high(), kept.low(), T0 + 10);
        cycle.onRead(excluded.high(), excluded.low(), T0 + 20);
        cycle.onRead(notIncluded.high(), notIncluded.low(), T0 + 30);
        cycle.onTime(T0 + 1000);

        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0).current()).containsExactly(kept);
    }

    @Test
    void shouldRejectPatternsWhenNoneOrInvalid() {
        assertThatThrownBy(EpcFilter::pattern).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one EPC pattern URI is required");
        assertThatThrownBy(() -> EpcFilter.pattern("urn:epc:pat:sgtin-96:3.*.812345.*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("item reference '812345' requires a literal company prefix");
    }
}
