package dev.inventory.rfid.llrp;

/**
 * Bits naming the optional fields of a TagReportData: used both as the TagReportContentSelector a client asks for
 * and as the presence set of a decoded {@link TagReport}.
 * <p>
 * Stateless; threadsafe.
 */
public final class TagReportContent
{
    /** ROSpecID. */
    public static final int ROSPEC_ID = 1;
    /** SpecIndex. */
    public static final int SPEC_INDEX = 1 << 1;
    /** InventoryParameterSpecID. */
    public static final int INVENTORY_PARAMETER_SPEC_ID = 1 << 2;
    /** AntennaID. */
    public static final int ANTENNA_ID = 1 << 3;
    /** ChannelIndex. */
    public static final int CHANNEL_INDEX = 1 << 4;
    /** PeakRSSI. */
    public static final int PEAK_RSSI = 1 << 5;
    /** FirstSeenTimestampUTC or FirstSeenTimestampUptime. */
    public static final int FIRST_SEEN = 1 << 6;
    /** LastSeenTimestampUTC or LastSeenTimestampUptime. */
    public static final int LAST_SEEN = 1 << 7;
    /** TagSeenCount. */
    public static final int TAG_SEEN_COUNT = 1 << 8;
    /** AccessSpecID. */
    public static final int ACCESS_SPEC_ID = 1 << 9;
    /** C1G2 PC bits (C1G2EPCMemorySelector EnablePCBits). */
    public static final int C1G2_PC = 1 << 10;
    /** C1G2 CRC (C1G2EPCMemorySelector EnableCRC). */
    public static final int C1G2_CRC = 1 << 11;
    /** Impinj peak RSSI in centi-dBm (Custom parameter; presence only, not selectable through LLRP 1.0.1). */
    public static final int IMPINJ_PEAK_RSSI = 1 << 12;

    /** Every field LLRP 1.0.1 lets a client select. */
    public static final int ALL = ROSPEC_ID | SPEC_INDEX | INVENTORY_PARAMETER_SPEC_ID | ANTENNA_ID | CHANNEL_INDEX |
        PEAK_RSSI | FIRST_SEEN | LAST_SEEN | TAG_SEEN_COUNT | ACCESS_SPEC_ID | C1G2_PC | C1G2_CRC;

    /** What an inventory client needs: antenna, peak RSSI, first/last seen, channel, tag seen count. */
    public static final int DEFAULT = ANTENNA_ID | PEAK_RSSI | FIRST_SEEN | LAST_SEEN | CHANNEL_INDEX | TAG_SEEN_COUNT;

    private TagReportContent()
    {
    }

    /**
     * @param content content bits.
     * @return the 16-bit flag word of TagReportContentSelector (EnableROSpecID is the most significant bit).
     */
    public static int toSelectorFlags(final int content)
    {
        int flags = 0;
        flags |= (content & ROSPEC_ID) != 0 ? 0x8000 : 0;
        flags |= (content & SPEC_INDEX) != 0 ? 0x4000 : 0;
        flags |= (content & INVENTORY_PARAMETER_SPEC_ID) != 0 ? 0x2000 : 0;
        flags |= (content & ANTENNA_ID) != 0 ? 0x1000 : 0;
        flags |= (content & CHANNEL_INDEX) != 0 ? 0x0800 : 0;
        flags |= (content & PEAK_RSSI) != 0 ? 0x0400 : 0;
        flags |= (content & FIRST_SEEN) != 0 ? 0x0200 : 0;
        flags |= (content & LAST_SEEN) != 0 ? 0x0100 : 0;
        flags |= (content & TAG_SEEN_COUNT) != 0 ? 0x0080 : 0;
        flags |= (content & ACCESS_SPEC_ID) != 0 ? 0x0040 : 0;
        return flags;
    }

    /**
     * @param selectorFlags the 16-bit flag word of a TagReportContentSelector.
     * @param memoryFlags   the 8-bit flag word of its C1G2EPCMemorySelector (0 if absent).
     * @return content bits.
     */
    public static int fromSelectorFlags(final int selectorFlags, final int memoryFlags)
    {
        int content = 0;
        content |= (selectorFlags & 0x8000) != 0 ? ROSPEC_ID : 0;
        content |= (selectorFlags & 0x4000) != 0 ? SPEC_INDEX : 0;
        content |= (selectorFlags & 0x2000) != 0 ? INVENTORY_PARAMETER_SPEC_ID : 0;
        content |= (selectorFlags & 0x1000) != 0 ? ANTENNA_ID : 0;
        content |= (selectorFlags & 0x0800) != 0 ? CHANNEL_INDEX : 0;
        content |= (selectorFlags & 0x0400) != 0 ? PEAK_RSSI : 0;
        content |= (selectorFlags & 0x0200) != 0 ? FIRST_SEEN : 0;
        content |= (selectorFlags & 0x0100) != 0 ? LAST_SEEN : 0;
        content |= (selectorFlags & 0x0080) != 0 ? TAG_SEEN_COUNT : 0;
        content |= (selectorFlags & 0x0040) != 0 ? ACCESS_SPEC_ID : 0;
        content |= (memoryFlags & 0x80) != 0 ? C1G2_CRC : 0;
        content |= (memoryFlags & 0x40) != 0 ? C1G2_PC : 0;
        return content;
    }

    /**
     * @param content content bits.
     * @return the 8-bit flag word of C1G2EPCMemorySelector (EnableCRC is the most significant bit).
     */
    public static int toMemorySelectorFlags(final int content)
    {
        return ((content & C1G2_CRC) != 0 ? 0x80 : 0) | ((content & C1G2_PC) != 0 ? 0x40 : 0);
    }
}
