package dev.inventory.core.command;

/**
 * Turns the EPC field of a host command line into the 96 bits the engine keys tags by. Core only knows hex
 * ({@link #HEX}); a module that knows GS1 URIs (inventory-rfid) can supply one that also takes tag URIs.
 * Implementations must be threadsafe.
 */
@FunctionalInterface
public interface EpcTextDecoder
{
    /**
     * 4..124 hex digits (optionally after {@code 0x}) in whole 16-bit words, as in the read files: an EPC shorter
     * than 96 bits is left-aligned, a longer one is carried as its first 96 bits.
     */
    EpcTextDecoder HEX = EpcTextDecoder::decodeHex;

    /**
     * @param text the field, trimmed.
     * @param out  receives EPC bits 95..32 in {@code out[0]} and bits 31..0 in the low half of {@code out[1]}.
     * @throws IllegalArgumentException saying why the text is not an EPC.
     */
    void decode(String text, long[] out);

    /**
     * Decode hex, see {@link #HEX}.
     *
     * @param text the field.
     * @param out  receives high and low bits.
     * @throws IllegalArgumentException if not hex in whole 16-bit words of at most 496 bits.
     */
    static void decodeHex(final String text, final long[] out)
    {
        int s = 0;
        if (text.length() >= 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X'))
        {
            s = 2;
        }
        final int digits = text.length() - s;
        if (digits == 0 || (digits & 3) != 0 || digits > 124)
        {
            throw new IllegalArgumentException(
                "EPC must be 4..124 hex digits in whole 16-bit words, got " + digits + " characters");
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < digits; i++)
        {
            final int v = Character.digit(text.charAt(s + i), 16);
            if (v < 0)
            {
                throw new IllegalArgumentException("EPC has a non-hex character '" + text.charAt(s + i) + "'");
            }
            if (i < 16)
            {
                high = (high << 4) | v;
            }
            else if (i < 24)
            {
                low = (low << 4) | v;
            }
        }
        for (int i = digits; i < 24; i++)
        {
            if (i < 16)
            {
                high <<= 4;
            }
            else
            {
                low <<= 4;
            }
        }
        out[0] = high;
        out[1] = low;
    }
}
