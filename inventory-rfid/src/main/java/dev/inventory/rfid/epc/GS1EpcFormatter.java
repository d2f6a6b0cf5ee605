package dev.inventory.rfid.epc;

import dev.inventory.core.spi.EpcFormatter;

/**
 * Renders a 96-bit EPC as its GS1 pure-identity URI (e.g. {@code urn:epc:id:sgtin:0614141.812345.6789}) when it
 * decodes as a GS1 96-bit scheme, else as 24 upper-case hex digits. Plug it into the engine with
 * {@code EngineConfig.builder().epcFormatter(GS1EpcFormatter.INSTANCE)}.
 * <p>
 * Threadsafe: each thread decodes with a decoder of its own; {@link #append} does not allocate beyond what the
 * {@link StringBuilder} needs to grow.
 */
public final class GS1EpcFormatter implements EpcFormatter
{
    /** The shared instance. */
    public static final GS1EpcFormatter INSTANCE = new GS1EpcFormatter();

    private static final ThreadLocal<EpcDecoder> DECODER = ThreadLocal.withInitial(EpcDecoder::new);

    private GS1EpcFormatter()
    {
    }

    @Override
    public StringBuilder append(final long epcHigh, final int epcLow, final StringBuilder sb)
    {
        final EpcDecoder decoder = DECODER.get();
        if (decoder.decode(epcHigh, epcLow) == 0)
        {
            return decoder.appendPureIdentityUri(sb);
        }
        return EpcFormatter.appendHex(epcHigh, epcLow, sb);
    }

    @Override
    public String toString()
    {
        return "GS1EpcFormatter";
    }
}
