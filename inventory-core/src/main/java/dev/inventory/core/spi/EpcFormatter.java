package dev.inventory.core.spi;

/**
 * Renders a 96-bit EPC as text for sinks, queries and the CLI. The default is upper-case hex; the rfid module
 * supplies one that renders GS1 pure-identity URIs. Implementations must be threadsafe.
 */
@FunctionalInterface
public interface EpcFormatter
{
    /** 24 upper-case hex digits. */
    EpcFormatter HEX = EpcFormatter::appendHex;

    /**
     * @param epcHigh EPC bits 95..32.
     * @param epcLow  EPC bits 31..0.
     * @param sb      to append to.
     * @return sb.
     */
    StringBuilder append(long epcHigh, int epcLow, StringBuilder sb);

    /**
     * @param epcHigh EPC bits 95..32.
     * @param epcLow  EPC bits 31..0.
     * @return the EPC as text.
     */
    default String format(final long epcHigh, final int epcLow)
    {
        return append(epcHigh, epcLow, new StringBuilder(40)).toString();
    }

    /**
     * Append 24 upper-case hex digits.
     *
     * @param epcHigh EPC bits 95..32.
     * @param epcLow  EPC bits 31..0.
     * @param sb      to append to.
     * @return sb.
     */
    static StringBuilder appendHex(final long epcHigh, final int epcLow, final StringBuilder sb)
    {
        for (int shift = 60; shift >= 0; shift -= 4)
        {
            sb.append(Character.toUpperCase(Character.forDigit((int)(epcHigh >>> shift) & 0xF, 16)));
        }
        for (int shift = 28; shift >= 0; shift -= 4)
        {
            sb.append(Character.toUpperCase(Character.forDigit((epcLow >>> shift) & 0xF, 16)));
        }
        return sb;
    }
}
