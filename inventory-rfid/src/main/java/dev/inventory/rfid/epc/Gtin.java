package dev.inventory.rfid.epc;

import static dev.inventory.rfid.epc.EpcLayout.COMPANY_PREFIX_BITS;
import static dev.inventory.rfid.epc.EpcLayout.POW10;

/**
 * GTIN-14 helpers and the SKU key: the SKU key of an SGTIN is its GTIN-14 (indicator digit, company prefix, item
 * reference, check digit) as a {@code long}, so all serials of one trade item share a key. All methods except the
 * String renderers are allocation-free.
 *
 * <p>Thread-safety: stateless, safe for concurrent use.
 */
public final class Gtin {

    /** SKU key sentinel for EPCs that are not a (valid) SGTIN. */
    public static final long NO_SKU = -1L;

    private static final int SGTIN_96_HEADER = 0x30;

    private Gtin() {
    }

    /**
     * SKU key (GTIN-14 as a long, check digit included) of the EPC last decoded by {@code decoder}, or
     * {@link #NO_SKU} if that decode failed or the scheme is not SGTIN-96 / SGTIN-198.
     */
    public static long skuKey(EpcDecoder decoder) {
        EpcScheme s = decoder.scheme();
        if (s == null || !s.isSgtin()) {
            return NO_SKU;
        }
        return gtinOf(decoder.companyPrefix(), decoder.companyPrefixDigits(), decoder.itemReference());
    }

    /**
     * SKU key straight from a raw 96-bit EPC without a decoder: GTIN-14 if it is a valid SGTIN-96, else
     * {@link #NO_SKU}. The serial is not inspected.
     */
    public static long skuKey(long epcHigh, int epcLow) {
        if ((int) (epcHigh >>> 56) != SGTIN_96_HEADER) {
            return NO_SKU;
        }
        int partition = (int) (epcHigh >>> 50) & 7;
        if (partition == 7) {
            return NO_SKU;
        }
        int cpBits = COMPANY_PREFIX_BITS[partition];
        int refBits = EpcLayout.SGTIN_CP_REF_BITS - cpBits;
        long companyPrefix = (epcHigh >>> (6 + refBits)) & ((1L << cpBits) - 1);
        long itemReference = (epcHigh >>> 6) & ((1L << refBits) - 1);
        return gtinOf(companyPrefix, 12 - partition, itemReference);
    }

    /**
     * GTIN-14 (with check digit) from the SGTIN fields as TDS places them: the item reference field carries the
     * indicator digit (or GTIN-12/13 pad zero) as its first of {@code 13 - companyPrefixDigits} digits.
     *
     * @return the GTIN-14 as a long, or {@link #NO_SKU} if a value does not fit its digit count
     */
    public static long gtinOf(long companyPrefix, int companyPrefixDigits, long indicatorAndItemReference) {
        if (companyPrefixDigits < 6 || companyPrefixDigits > 12) {
            return NO_SKU;
        }
        int itemDigits = 13 - companyPrefixDigits;
        if (companyPrefix < 0 || companyPrefix >= POW10[companyPrefixDigits]
                || indicatorAndItemReference < 0 || indicatorAndItemReference >= POW10[itemDigits]) {
            return NO_SKU;
        }
        long indicator = indicatorAndItemReference / POW10[itemDigits - 1];
        long itemRest = indicatorAndItemReference % POW10[itemDigits - 1];
        long first13 = indicator * POW10[12] + companyPrefix * POW10[itemDigits - 1] + itemRest;
        return first13 * 10 + checkDigit(first13);
    }

    /** GS1 mod-10 check digit for the digits of {@code digitsWithoutCheck} (weights 3,1,3,.. from the right). */
    public static int checkDigit(long digitsWithoutCheck) {
        long v = digitsWithoutCheck;
        int sum = 0;
        int weight = 3;
        while (v > 0) {
            sum += (int) (v % 10) * weight;
            weight = 4 - weight;
            v /= 10;
        }
        return (10 - sum % 10) % 10;
    }

    /** True if the last digit of {@code gtin} is the correct check digit of the others. */
    public static boolean isValidCheckDigit(long gtin) {
        return gtin >= 0 && checkDigit(gtin / 10) == (int) (gtin % 10);
    }

    /** Indicator digit (first of 14) of a GTIN-14 value. */
    public static int indicatorDigit(long gtin14) {
        return (int) (gtin14 / POW10[13]);
    }

    /** The GTIN-14 as a 14-digit zero-padded string (allocates). */
    public static String toGtin14(long gtin14) {
        return appendGtin14(new StringBuilder(14), gtin14).toString();
    }

    /** Appends the GTIN-14 as 14 zero-padded digits. */
    public static StringBuilder appendGtin14(StringBuilder sb, long gtin14) {
        if (gtin14 < 0 || gtin14 >= POW10[14]) {
            throw new IllegalArgumentException("not a GTIN-14 value: " + gtin14);
        }
        EpcLayout.appendPadded(sb, gtin14, 14);
        return sb;
    }
}
