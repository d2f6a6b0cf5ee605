package dev.inventory.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.inventory.rfid.epc.EpcDecoder;
import dev.inventory.rfid.epc.EpcEncoder;
import dev.inventory.rfid.epc.EpcScheme;

/**
 * EPC decode rate, ours versus Fosstrak TDT 1.0.0, on the same hex EPCs. ops/s = EPCs/s (each invocation decodes
 * {@link #BATCH} EPCs); run with {@code -prof gc} for B/op = bytes per EPC.
 * <ul>
 * <li>{@code inventoryDecode}: {@link EpcDecoder#decodeHex} into primitive fields (the hot path, allocation-free).</li>
 * <li>{@code inventoryDecodeToUri}: the same plus rendering the pure-identity URI into a reused StringBuilder and
 * making a String of it, i.e. the work TDT does.</li>
 * <li>{@code fosstrakTdt}: TDT hex2bin + convert(binary, taglength, PURE_IDENTITY).</li>
 * </ul>
 * {@code schemes}: {@code sgtin96} = SGTIN-96 only (random partition, values, serials); {@code mixed} = all nine
 * schemes in equal shares (SGTIN-96, SSCC-96, SGLN-96, GRAI-96, GIAI-96, GID-96, SGTIN-198, GRAI-170, GIAI-202).
 * Every input decodes in both (checked at setup).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EpcDecodeBenchmark
{
    static final int BATCH = 1024;

    /** Inputs and decoders. */
    @State(Scope.Thread)
    public static class EpcState
    {
        @Param({"sgtin96", "mixed"})
        public String schemes;

        final String[] hex = new String[BATCH];
        final int[] bits = new int[BATCH];
        final EpcDecoder decoder = new EpcDecoder();
        final StringBuilder uri = new StringBuilder(128);
        FosstrakTdtPeer tdt;

        @Setup(Level.Trial)
        public void setUp()
        {
            final SplittableRandom random = new SplittableRandom(42);
            final EpcEncoder encoder = new EpcEncoder();
            for (int i = 0; i < BATCH; i++)
            {
                final String tagUri = "sgtin96".equals(schemes) ? EpcSamples.tagUri(EpcScheme.SGTIN_96, random) :
                    EpcSamples.tagUri(EpcScheme.values()[i % EpcScheme.values().length], random);
                encoder.encodeTagUri(tagUri);
                hex[i] = encoder.toHex();
                bits[i] = encoder.bitLength();
            }
            tdt = FosstrakTdtPeer.start();
            for (int i = 0; i < BATCH; i++)
            {
                if (decoder.decodeHex(hex[i]) != 0)
                {
                    throw new IllegalStateException("ours rejects " + hex[i]);
                }
                final String ours = decoder.pureIdentityUri();
                final String theirs = tdt.hexToPureIdentity(hex[i], bits[i]);
                if (!ours.equals(theirs))
                {
                    throw new IllegalStateException(hex[i] + ": ours " + ours + ", TDT " + theirs);
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            tdt.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void inventoryDecode(final EpcState state, final Blackhole bh)
    {
        final EpcDecoder decoder = state.decoder;
        final String[] hex = state.hex;
        for (int i = 0; i < BATCH; i++)
        {
            bh.consume(decoder.decodeHex(hex[i]));
            bh.consume(decoder.companyPrefix());
            bh.consume(decoder.reference());
            bh.consume(decoder.serial());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void inventoryDecodeToUri(final EpcState state, final Blackhole bh)
    {
        final EpcDecoder decoder = state.decoder;
        final String[] hex = state.hex;
        final StringBuilder uri = state.uri;
        for (int i = 0; i < BATCH; i++)
        {
            decoder.decodeHex(hex[i]);
            uri.setLength(0);
            bh.consume(decoder.appendPureIdentityUri(uri).toString());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void fosstrakTdt(final EpcState state, final Blackhole bh)
    {
        final FosstrakTdtPeer tdt = state.tdt;
        final String[] hex = state.hex;
        final int[] bits = state.bits;
        for (int i = 0; i < BATCH; i++)
        {
            bh.consume(tdt.hexToPureIdentity(hex[i], bits[i]));
        }
    }
}
