package dev.inventory.rfid.epc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Asserts that the decode hot path allocates nothing once warmed up. */
class EpcDecoderAllocationTest {

    private static final int WARM_UP_ROUNDS = 300_000;
    private static final int MEASURED_ROUNDS = 1_000_000;

    @Test
    void shouldAllocateZeroBytesWhenDecodingOneMillionEpcsAfterWarmUp() {
        java.lang.management.ThreadMXBean std = ManagementFactory.getThreadMXBean();
        assumeThat(std).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) std;
        assumeThat(mx.isThreadAllocatedMemorySupported()).isTrue();
        mx.setThreadAllocatedMemoryEnabled(true);

        EpcEncoder encoder = new EpcEncoder();
        String[] uris96 = {
            "urn:epc:tag:sgtin-96:3.0614141.812345.6789", "urn:epc:tag:sscc-96:3.0614141.1234567890",
            "urn:epc:tag:sgln-96:3.0614141.12345.400", "urn:epc:tag:grai-96:3.0614141.12345.400",
            "urn:epc:tag:giai-96:3.0614141.12345400", "urn:epc:tag:gid-96:95100000.12345.400",
            "urn:epc:tag:sgtin-96:1.061414112345.1.274877906943",
        };
        long[] highs = new long[uris96.length + 2];
        int[] lows = new int[uris96.length + 2];
        for (int i = 0; i < uris96.length; i++) {
            encoder.encodeTagUri(uris96[i]);
            highs[i] = encoder.epcHigh();
            lows[i] = encoder.epcLow();
        }
        highs[uris96.length] = 0xE280116060000205L; // unknown header
        lows[uris96.length] = 0x4E2A3B4C;
        highs[uris96.length + 1] = 0x3074257BF7194E40L | (7L << 50); // partition 7
        lows[uris96.length + 1] = 1;
        byte[][] longEpcs = {
            bytes(encoder.encodeTagUri("urn:epc:tag:sgtin-198:3.0614141.812345.32a%2Fb")),
            bytes(encoder.encodeTagUri("urn:epc:tag:grai-170:3.0614141.12345.ABCDEFGHIJKLMNOP")),
            bytes(encoder.encodeTagUri("urn:epc:tag:giai-202:3.0614141.12345ABC%2F")),
        };
        int[] longBits = {208, 170, 202};
        String hex = "3074257BF7194E4000001A85";

        EpcDecoder decoder = new EpcDecoder();
        // many short calls, so the measured call runs fully compiled code rather than an on-stack replacement
        long warmSink = 0;
        for (int i = 0; i < 300; i++) {
            warmSink += run(decoder, highs, lows, longEpcs, longBits, hex, WARM_UP_ROUNDS / 100);
        }
        mx.getCurrentThreadAllocatedBytes();
        mx.getThreadAllocatedBytes(Thread.currentThread().getId());

        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        long sink = run(decoder, highs, lows, longEpcs, longBits, hex, MEASURED_ROUNDS);
        long after = mx.getThreadAllocatedBytes(Thread.currentThread().getId());

        assertThat(after - before).as("bytes allocated by %d decodes", MEASURED_ROUNDS).isZero();
        assertThat(sink).isNotZero();
        long controlBefore = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        long controlSink = 0;
        for (int i = 0; i < 1_000; i++) {
            controlSink += String.valueOf(i).length();
        }
        long controlAfter = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        assertThat(controlAfter - controlBefore).as("control: the probe does see allocations").isPositive();
        assertThat(controlSink).isPositive();
        assertThat(warmSink).isNotZero();
    }

    private static long run(EpcDecoder decoder, long[] highs, int[] lows, byte[][] longEpcs, int[] longBits,
                            String hex, int rounds) {
        long sink = 0;
        int n96 = highs.length;
        int cycle = n96 + longEpcs.length + 1;
        for (int i = 0; i < rounds; i++) {
            int k = i % cycle;
            int r;
            if (k < n96) {
                r = decoder.decode(highs[k], lows[k] + (i & 0xFF));
            } else if (k < n96 + longEpcs.length) {
                r = decoder.decode(longEpcs[k - n96], 0, longBits[k - n96]);
            } else {
                r = decoder.decodeHex(hex);
            }
            sink += r + decoder.companyPrefix() + decoder.reference() + decoder.serial() + decoder.filter()
                    + decoder.serialLength() + Gtin.skuKey(decoder) + Gtin.skuKey(highs[0], lows[0] + i);
            if (decoder.serialLength() > 0) {
                sink += decoder.serialChar(0);
            }
        }
        return sink;
    }

    private static byte[] bytes(EpcEncoder encoder) {
        byte[] b = new byte[32];
        encoder.copyBytes(b, 0);
        return b;
    }
}
