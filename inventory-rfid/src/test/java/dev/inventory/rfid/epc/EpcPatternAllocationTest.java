package dev.inventory.rfid.epc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.inventory.rfid.ale.EpcFilter;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Asserts that pattern matching, grouping keys and group names into a sized builder allocate nothing. */
class EpcPatternAllocationTest {

    private static final int WARM_UP_BATCHES = 200;
    private static final int WARM_UP_BATCH_SIZE = 5_000;
    private static final int MEASURED_ROUNDS = 1_000_000;

    private final EpcPattern exact = EpcPattern.parse("urn:epc:pat:sgtin-96:3.0614141.812345.6789");
    private final EpcPattern range = EpcPattern.parse("urn:epc:pat:sgtin-96:3.0614141.*.[1-100]");
    private final EpcPattern identity = EpcPattern.parse("urn:epc:idpat:sgtin:0614141.*.6789");
    private final EpcPattern text = EpcPattern.parse("urn:epc:pat:sgtin-198:3.0614141.812345.32a%2Fb");
    private final EpcPattern[] list = {EpcPattern.parse("urn:epc:pat:sscc-96:*.0614141.*"), range};
    private final EpcGrouping bySku = EpcGrouping.parse("urn:epc:pat:sgtin-96:X.X.X.*");
    private final EpcGrouping bySerial = EpcGrouping.parse("urn:epc:pat:sgtin-198:*.0614141.*.X");
    private final EpcFilter filter = EpcFilter.pattern("urn:epc:pat:sgtin-96:3.0614141.*.[1-100]",
            "urn:epc:pat:sscc-96:*.0614141.*");
    private final EpcDecoder decoder = new EpcDecoder();
    private final StringBuilder name = new StringBuilder(256);

    private long[] highs;
    private int[] lows;
    private byte[] longEpc;
    private int longBits;

    @Test
    void shouldAllocateZeroBytesWhenMatchingOneMillionEpcsAfterWarmUp() {
        java.lang.management.ThreadMXBean std = ManagementFactory.getThreadMXBean();
        assumeThat(std).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) std;
        assumeThat(mx.isThreadAllocatedMemorySupported()).isTrue();
        mx.setThreadAllocatedMemoryEnabled(true);

        EpcEncoder encoder = new EpcEncoder();
        String[] uris = {
            "urn:epc:tag:sgtin-96:3.0614141.812345.6789", "urn:epc:tag:sgtin-96:3.0614141.812345.50",
            "urn:epc:tag:sgtin-96:1.0614141.812345.6789", "urn:epc:tag:sscc-96:3.0614141.1234567890",
            "urn:epc:tag:sgtin-96:3.00614141.81234.6789", "urn:epc:tag:gid-96:95100000.12345.400",
        };
        highs = new long[uris.length + 1];
        lows = new int[uris.length + 1];
        for (int i = 0; i < uris.length; i++) {
            encoder.encodeTagUri(uris[i]);
            highs[i] = encoder.epcHigh();
            lows[i] = encoder.epcLow();
        }
        highs[uris.length] = 0xE280116060000205L; // unknown header
        longEpc = new byte[32];
        longBits = encoder.encodeTagUri("urn:epc:tag:sgtin-198:3.0614141.812345.32a%2Fb").copyBytes(longEpc, 0);

        // many short calls so every path is compiled before the measured loop
        long warmSink = 0;
        for (int b = 0; b < WARM_UP_BATCHES; b++) {
            warmSink += run(WARM_UP_BATCH_SIZE);
        }
        mx.getThreadAllocatedBytes(Thread.currentThread().getId());

        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        long sink = run(MEASURED_ROUNDS);
        long after = mx.getThreadAllocatedBytes(Thread.currentThread().getId());

        assertThat(after - before).as("bytes allocated by %d pattern operations", MEASURED_ROUNDS).isZero();
        assertThat(sink).isNotZero();
        assertThat(warmSink).isNotZero();
        long controlBefore = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        assertThat(bySku.groupName(0L)).isNotEmpty();
        long controlAfter = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        assertThat(controlAfter - controlBefore).as("control: the probe does see allocations").isPositive();
    }

    private long run(int rounds) {
        long sink = 0;
        final int n = highs.length;
        for (int i = 0; i < rounds; i++) {
            final int k = i % (n + 1);
            if (k < n) {
                final long high = highs[k];
                final int low = lows[k];
                sink += exact.matches(high, low) ? 1 : 0;
                sink += filter.accept(high, low) ? 1 : 0;
                decoder.decode(high, low);
                sink += range.matches(decoder) ? 1 : 0;
                sink += identity.matches(decoder) ? 1 : 0;
                sink += EpcPattern.matchesAny(list, decoder) ? 1 : 0;
                sink += bySku.groupKey(decoder) + 1;
                name.setLength(0);
                sink += bySku.appendGroupName(decoder, name) ? name.length() : 0;
            } else {
                sink += text.matches(longEpc, 0, longBits) ? 1 : 0;
                decoder.decode(longEpc, 0, longBits);
                name.setLength(0);
                sink += bySerial.appendGroupName(decoder, name) ? name.length() : 0;
            }
        }
        return sink;
    }
}
