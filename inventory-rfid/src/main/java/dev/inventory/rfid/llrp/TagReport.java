package dev.inventory.rfid.llrp;

import dev.inventory.core.record.RfidReadFlyweight;

/**
 * One decoded TagReportData, reused for every tag: raw LLRP fields with a presence set ({@link TagReportContent}
 * bits), and resolved values ready for an RFID read record (epoch ms, centi-dBm, seen count). Also used to build
 * reports for {@link LlrpEncoder#tagReportData(TagReport)}.
 * <p>
 * The decoder fills it in place and hands it to {@link LlrpMessageHandler#onTagReport(TagReport)}; it is valid only
 * during that call. Garbage-free. Instances are NOT threadsafe.
 */
public final class TagReport
{
    /** Most EPC bits kept (Gen2 EPC memory: 31 words). Longer EPCs keep their true length and first 496 bits. */
    public static final int MAX_EPC_BITS = 496;
    /** RSSI value meaning "not reported". */
    public static final int RSSI_UNKNOWN = RfidReadFlyweight.RSSI_UNKNOWN;

    private final byte[] epc = new byte[MAX_EPC_BITS / 8];
    private int epcBitLength;
    private long epcHigh;
    private int epcLow;
    private boolean epcAsTv;

    private int fields;
    private int reportedFields;
    private long roSpecId;
    private int specIndex;
    private int inventoryParameterSpecId;
    private int antennaId;
    private int peakRssiDbm;
    private int channelIndex;
    private long firstSeenUs;
    private boolean firstSeenUptime;
    private long lastSeenUs;
    private boolean lastSeenUptime;
    private int tagSeenCount;
    private long accessSpecId;
    private int pc;
    private int crc;
    private int impinjPeakRssiCentiDbm;

    private long firstSeenMs;
    private long lastSeenMs;
    private int rssiCentiDbm;
    private int seenCount;

    /**
     * Forget everything (presence set empty, every field 0, EPC length 0).
     *
     * @return this.
     */
    public TagReport clear()
    {
        epcBitLength = 0;
        epcHigh = 0;
        epcLow = 0;
        epcAsTv = false;
        fields = 0;
        reportedFields = 0;
        roSpecId = 0;
        specIndex = 0;
        inventoryParameterSpecId = 0;
        antennaId = 0;
        peakRssiDbm = 0;
        channelIndex = 0;
        firstSeenUs = 0;
        firstSeenUptime = false;
        lastSeenUs = 0;
        lastSeenUptime = false;
        tagSeenCount = 0;
        accessSpecId = 0;
        pc = 0;
        crc = 0;
        impinjPeakRssiCentiDbm = 0;
        firstSeenMs = 0;
        lastSeenMs = 0;
        rssiCentiDbm = RSSI_UNKNOWN;
        seenCount = 1;
        return this;
    }

    // ------------------------------------------------------------------------------------------------------- EPC

    /** @return EPC length in bits as reported (EPC-96: 96). */
    public int epcBitLength()
    {
        return epcBitLength;
    }

    /** @return EPC bits 95..32 (shorter EPCs left-aligned, zero-padded). */
    public long epcHigh()
    {
        return epcHigh;
    }

    /** @return EPC bits 31..0. */
    public int epcLow()
    {
        return epcLow;
    }

    /** @return true if the EPC came (or is to be sent) as the EPC-96 TV parameter rather than EPCData. */
    public boolean epcAsTv()
    {
        return epcAsTv;
    }

    /**
     * @param index byte index, 0..(bits+7)/8-1, at most 61.
     * @return the EPC byte, big-endian (bit 0 of the EPC is the top bit of byte 0).
     */
    public int epcByte(final int index)
    {
        return epc[index] & 0xFF;
    }

    /** @return bytes of EPC held: min((bits + 7) / 8, 62). */
    public int epcByteCount()
    {
        return Math.min((epcBitLength + 7) >>> 3, epc.length);
    }

    /**
     * Set a 96-bit EPC, sent as EPC-96 (TV 13).
     *
     * @param high bits 95..32.
     * @param low  bits 31..0.
     * @return this.
     */
    public TagReport epc96(final long high, final int low)
    {
        for (int i = 0; i < 8; i++)
        {
            epc[i] = (byte)(high >>> (56 - (i << 3)));
        }
        for (int i = 0; i < 4; i++)
        {
            epc[8 + i] = (byte)(low >>> (24 - (i << 3)));
        }
        epcBitLength = 96;
        epcHigh = high;
        epcLow = low;
        epcAsTv = true;
        return this;
    }

    /**
     * Set an EPC of any length, sent as EPCData (TLV 241).
     *
     * @param bytes     EPC bytes, big-endian.
     * @param offset    of the first byte.
     * @param bitLength EPC length in bits, 0..65535; bytes beyond {@link #MAX_EPC_BITS} are not kept.
     * @return this.
     */
    public TagReport epc(final byte[] bytes, final int offset, final int bitLength)
    {
        final int count = Math.min((bitLength + 7) >>> 3, epc.length);
        System.arraycopy(bytes, offset, epc, 0, count);
        setEpcFromBytes(bitLength, count);
        return this;
    }

    void epcFromBuffer(final java.nio.ByteBuffer buffer, final int offset, final int bitLength, final boolean asTv)
    {
        final int count = Math.min((bitLength + 7) >>> 3, epc.length);
        final byte[] epc = this.epc;
        for (int i = 0; i < count; i++)
        {
            epc[i] = buffer.get(offset + i);
        }
        setEpcFromBytes(bitLength, count);
        epcAsTv = asTv;
    }

    private void setEpcFromBytes(final int bitLength, final int count)
    {
        final byte[] epc = this.epc;
        // zero the unused bits of the last byte so equal EPCs compare equal
        if ((bitLength & 7) != 0 && count > 0 && count == (bitLength + 7) >>> 3)
        {
            epc[count - 1] &= (byte)(0xFF << (8 - (bitLength & 7)));
        }
        long high = 0;
        for (int i = 0; i < 8; i++)
        {
            high = (high << 8) | (i < count ? epc[i] & 0xFFL : 0);
        }
        int low = 0;
        for (int i = 8; i < 12; i++)
        {
            low = (low << 8) | (i < count ? epc[i] & 0xFF : 0);
        }
        epcBitLength = bitLength;
        epcHigh = high;
        epcLow = low;
        epcAsTv = false;
    }

    // ------------------------------------------------------------------------------------------------ presence

    /** @return {@link TagReportContent} bits of the fields known for this tag (reported or carried forward). */
    public int fields()
    {
        return fields;
    }

    /** @return {@link TagReportContent} bits of the fields present in this TagReportData itself. */
    public int reportedFields()
    {
        return reportedFields;
    }

    /**
     * @param field a {@link TagReportContent} bit.
     * @return true if known for this tag.
     */
    public boolean has(final int field)
    {
        return (fields & field) != 0;
    }

    void reported(final int field)
    {
        fields |= field;
        reportedFields |= field;
    }

    void carried(final int field)
    {
        fields |= field;
    }

    // ------------------------------------------------------------------------------------------------ raw fields

    /** @return ROSpecID (u32). */
    public long roSpecId()
    {
        return roSpecId;
    }

    /** @return SpecIndex. */
    public int specIndex()
    {
        return specIndex;
    }

    /** @return InventoryParameterSpecID. */
    public int inventoryParameterSpecId()
    {
        return inventoryParameterSpecId;
    }

    /** @return AntennaID, 1..65535. */
    public int antennaId()
    {
        return antennaId;
    }

    /** @return PeakRSSI in dBm (signed byte). */
    public int peakRssiDbm()
    {
        return peakRssiDbm;
    }

    /** @return ChannelIndex, 1-based. */
    public int channelIndex()
    {
        return channelIndex;
    }

    /** @return first seen in microseconds: since the epoch (UTC) or since reader start ({@link #firstSeenIsUptime}). */
    public long firstSeenUs()
    {
        return firstSeenUs;
    }

    /** @return true if {@link #firstSeenUs()} is reader uptime. */
    public boolean firstSeenIsUptime()
    {
        return firstSeenUptime;
    }

    /** @return last seen in microseconds: since the epoch (UTC) or since reader start ({@link #lastSeenIsUptime}). */
    public long lastSeenUs()
    {
        return lastSeenUs;
    }

    /** @return true if {@link #lastSeenUs()} is reader uptime. */
    public boolean lastSeenIsUptime()
    {
        return lastSeenUptime;
    }

    /** @return TagSeenCount as reported. */
    public int tagSeenCount()
    {
        return tagSeenCount;
    }

    /** @return AccessSpecID (u32). */
    public long accessSpecId()
    {
        return accessSpecId;
    }

    /** @return C1G2 PC bits. */
    public int pc()
    {
        return pc;
    }

    /** @return C1G2 CRC. */
    public int crc()
    {
        return crc;
    }

    /** @return Impinj peak RSSI in centi-dBm. */
    public int impinjPeakRssiCentiDbm()
    {
        return impinjPeakRssiCentiDbm;
    }

    // ------------------------------------------------------------------------------------------------- resolved

    /** @return first seen in epoch ms (uptime mapped through the connection's clock offset; else last seen). */
    public long firstSeenMs()
    {
        return firstSeenMs;
    }

    /** @return last seen in epoch ms (else first seen, else the time the report was decoded). */
    public long lastSeenMs()
    {
        return lastSeenMs;
    }

    /** @return peak RSSI in centi-dBm: Impinj's precise value, else PeakRSSI x 100, else {@link #RSSI_UNKNOWN}. */
    public int rssiCentiDbm()
    {
        return rssiCentiDbm;
    }

    /** @return reads merged in this report: TagSeenCount, or 1 where absent. */
    public int seenCount()
    {
        return seenCount;
    }

    void resolve(final long firstSeenMs, final long lastSeenMs)
    {
        this.firstSeenMs = firstSeenMs;
        this.lastSeenMs = lastSeenMs;
        if ((fields & TagReportContent.IMPINJ_PEAK_RSSI) != 0)
        {
            rssiCentiDbm = impinjPeakRssiCentiDbm;
        }
        else if ((fields & TagReportContent.PEAK_RSSI) != 0)
        {
            rssiCentiDbm = peakRssiDbm * 100;
        }
        else
        {
            rssiCentiDbm = RSSI_UNKNOWN;
        }
        seenCount = (fields & TagReportContent.TAG_SEEN_COUNT) != 0 && tagSeenCount > 0 ? tagSeenCount : 1;
    }

    // -------------------------------------------------------------------------------------------------- setters
    // Each sets the value and marks the field present; used by the decoder and to build reports.

    /** @param value ROSpecID. @return this. */
    public TagReport roSpecId(final long value)
    {
        roSpecId = value & 0xFFFF_FFFFL;
        reported(TagReportContent.ROSPEC_ID);
        return this;
    }

    /** @param value SpecIndex. @return this. */
    public TagReport specIndex(final int value)
    {
        specIndex = value & 0xFFFF;
        reported(TagReportContent.SPEC_INDEX);
        return this;
    }

    /** @param value InventoryParameterSpecID. @return this. */
    public TagReport inventoryParameterSpecId(final int value)
    {
        inventoryParameterSpecId = value & 0xFFFF;
        reported(TagReportContent.INVENTORY_PARAMETER_SPEC_ID);
        return this;
    }

    /** @param value AntennaID. @return this. */
    public TagReport antennaId(final int value)
    {
        antennaId = value & 0xFFFF;
        reported(TagReportContent.ANTENNA_ID);
        return this;
    }

    /** @param value PeakRSSI in dBm, -128..127. @return this. */
    public TagReport peakRssiDbm(final int value)
    {
        peakRssiDbm = (byte)value;
        reported(TagReportContent.PEAK_RSSI);
        return this;
    }

    /** @param value ChannelIndex. @return this. */
    public TagReport channelIndex(final int value)
    {
        channelIndex = value & 0xFFFF;
        reported(TagReportContent.CHANNEL_INDEX);
        return this;
    }

    /**
     * @param micros first seen, microseconds.
     * @param uptime true for reader uptime, false for UTC.
     * @return this.
     */
    public TagReport firstSeen(final long micros, final boolean uptime)
    {
        firstSeenUs = micros;
        firstSeenUptime = uptime;
        reported(TagReportContent.FIRST_SEEN);
        return this;
    }

    /**
     * @param micros last seen, microseconds.
     * @param uptime true for reader uptime, false for UTC.
     * @return this.
     */
    public TagReport lastSeen(final long micros, final boolean uptime)
    {
        lastSeenUs = micros;
        lastSeenUptime = uptime;
        reported(TagReportContent.LAST_SEEN);
        return this;
    }

    /** @param value TagSeenCount. @return this. */
    public TagReport tagSeenCount(final int value)
    {
        tagSeenCount = value & 0xFFFF;
        reported(TagReportContent.TAG_SEEN_COUNT);
        return this;
    }

    /** @param value AccessSpecID. @return this. */
    public TagReport accessSpecId(final long value)
    {
        accessSpecId = value & 0xFFFF_FFFFL;
        reported(TagReportContent.ACCESS_SPEC_ID);
        return this;
    }

    /** @param value C1G2 PC bits. @return this. */
    public TagReport pc(final int value)
    {
        pc = value & 0xFFFF;
        reported(TagReportContent.C1G2_PC);
        return this;
    }

    /** @param value C1G2 CRC. @return this. */
    public TagReport crc(final int value)
    {
        crc = value & 0xFFFF;
        reported(TagReportContent.C1G2_CRC);
        return this;
    }

    /** @param value Impinj peak RSSI, centi-dBm. @return this. */
    public TagReport impinjPeakRssiCentiDbm(final int value)
    {
        impinjPeakRssiCentiDbm = (short)value;
        reported(TagReportContent.IMPINJ_PEAK_RSSI);
        return this;
    }

    /**
     * Copy every field of another report (raw fields, presence, resolved values).
     *
     * @param other to copy.
     * @return this.
     */
    public TagReport copyFrom(final TagReport other)
    {
        System.arraycopy(other.epc, 0, epc, 0, epc.length);
        epcBitLength = other.epcBitLength;
        epcHigh = other.epcHigh;
        epcLow = other.epcLow;
        epcAsTv = other.epcAsTv;
        fields = other.fields;
        reportedFields = other.reportedFields;
        roSpecId = other.roSpecId;
        specIndex = other.specIndex;
        inventoryParameterSpecId = other.inventoryParameterSpecId;
        antennaId = other.antennaId;
        peakRssiDbm = other.peakRssiDbm;
        channelIndex = other.channelIndex;
        firstSeenUs = other.firstSeenUs;
        firstSeenUptime = other.firstSeenUptime;
        lastSeenUs = other.lastSeenUs;
        lastSeenUptime = other.lastSeenUptime;
        tagSeenCount = other.tagSeenCount;
        accessSpecId = other.accessSpecId;
        pc = other.pc;
        crc = other.crc;
        impinjPeakRssiCentiDbm = other.impinjPeakRssiCentiDbm;
        firstSeenMs = other.firstSeenMs;
        lastSeenMs = other.lastSeenMs;
        rssiCentiDbm = other.rssiCentiDbm;
        seenCount = other.seenCount;
        return this;
    }

    /** Carry the last known value of each field in {@code mask} that this report lacks from {@code last}. */
    void carryForward(final TagReport last, final int mask)
    {
        final int missing = mask & ~fields & last.fields;
        if (missing == 0)
        {
            return;
        }
        if ((missing & TagReportContent.ROSPEC_ID) != 0)
        {
            roSpecId = last.roSpecId;
        }
        if ((missing & TagReportContent.SPEC_INDEX) != 0)
        {
            specIndex = last.specIndex;
        }
        if ((missing & TagReportContent.INVENTORY_PARAMETER_SPEC_ID) != 0)
        {
            inventoryParameterSpecId = last.inventoryParameterSpecId;
        }
        if ((missing & TagReportContent.ANTENNA_ID) != 0)
        {
            antennaId = last.antennaId;
        }
        if ((missing & TagReportContent.CHANNEL_INDEX) != 0)
        {
            channelIndex = last.channelIndex;
        }
        if ((missing & TagReportContent.PEAK_RSSI) != 0)
        {
            peakRssiDbm = last.peakRssiDbm;
        }
        if ((missing & TagReportContent.FIRST_SEEN) != 0)
        {
            firstSeenUs = last.firstSeenUs;
            firstSeenUptime = last.firstSeenUptime;
        }
        if ((missing & TagReportContent.LAST_SEEN) != 0)
        {
            lastSeenUs = last.lastSeenUs;
            lastSeenUptime = last.lastSeenUptime;
        }
        if ((missing & TagReportContent.TAG_SEEN_COUNT) != 0)
        {
            tagSeenCount = last.tagSeenCount;
        }
        if ((missing & TagReportContent.ACCESS_SPEC_ID) != 0)
        {
            accessSpecId = last.accessSpecId;
        }
        if ((missing & TagReportContent.C1G2_PC) != 0)
        {
            pc = last.pc;
        }
        if ((missing & TagReportContent.C1G2_CRC) != 0)
        {
            crc = last.crc;
        }
        fields |= missing;
    }

    /** Remember the fields this report carried itself, as the last values of the connection. */
    void rememberInto(final TagReport last)
    {
        final int reported = reportedFields;
        if ((reported & TagReportContent.ROSPEC_ID) != 0)
        {
            last.roSpecId = roSpecId;
        }
        if ((reported & TagReportContent.SPEC_INDEX) != 0)
        {
            last.specIndex = specIndex;
        }
        if ((reported & TagReportContent.INVENTORY_PARAMETER_SPEC_ID) != 0)
        {
            last.inventoryParameterSpecId = inventoryParameterSpecId;
        }
        if ((reported & TagReportContent.ANTENNA_ID) != 0)
        {
            last.antennaId = antennaId;
        }
        if ((reported & TagReportContent.CHANNEL_INDEX) != 0)
        {
            last.channelIndex = channelIndex;
        }
        if ((reported & TagReportContent.PEAK_RSSI) != 0)
        {
            last.peakRssiDbm = peakRssiDbm;
        }
        if ((reported & TagReportContent.FIRST_SEEN) != 0)
        {
            last.firstSeenUs = firstSeenUs;
            last.firstSeenUptime = firstSeenUptime;
        }
        if ((reported & TagReportContent.LAST_SEEN) != 0)
        {
            last.lastSeenUs = lastSeenUs;
            last.lastSeenUptime = lastSeenUptime;
        }
        if ((reported & TagReportContent.TAG_SEEN_COUNT) != 0)
        {
            last.tagSeenCount = tagSeenCount;
        }
        if ((reported & TagReportContent.ACCESS_SPEC_ID) != 0)
        {
            last.accessSpecId = accessSpecId;
        }
        if ((reported & TagReportContent.C1G2_PC) != 0)
        {
            last.pc = pc;
        }
        if ((reported & TagReportContent.C1G2_CRC) != 0)
        {
            last.crc = crc;
        }
        last.fields |= reported & ~TagReportContent.IMPINJ_PEAK_RSSI;
    }
}
