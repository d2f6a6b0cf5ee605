package dev.inventory.rfid.llrp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlrpEncoderTest
{
    private final ByteBuffer buffer = ByteBuffer.allocate(1024);
    private final LlrpEncoder encoder = new LlrpEncoder().wrap(buffer, 0);

    private String hex(final int length)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02X", buffer.get(i)));
        }
        return sb.toString();
    }

    @Test
    void shouldWriteVersionTypeLengthAndIdWhenEncodingHeaderOnlyMessages()
    {
        assertThat(hex(encoder.keepaliveAck(7))).isEqualTo("04 48 00 00 00 0A 00 00 00 07");
        assertThat(hex(encoder.wrap(buffer, 0).closeConnection(0x01020304))).isEqualTo("04 0E 00 00 00 0A 01 02 03 04");
        assertThat(hex(encoder.wrap(buffer, 0).keepalive(1))).isEqualTo("04 3E 00 00 00 0A 00 00 00 01");
    }

    @Test
    void shouldWriteRequestBodiesWhenEncodingRoSpecRequests()
    {
        assertThat(hex(encoder.getReaderCapabilities(1, 0))).isEqualTo("04 01 00 00 00 0B 00 00 00 01 00");
        assertThat(hex(encoder.wrap(buffer, 0).deleteRoSpec(2, 0))).isEqualTo("04 15 00 00 00 0E 00 00 00 02 00 00 00 00");
        assertThat(hex(encoder.wrap(buffer, 0).startRoSpec(3, 9))).isEqualTo("04 16 00 00 00 0E 00 00 00 03 00 00 00 09");
    }

    @Test
    void shouldWriteTagReportDataInSpecOrderWhenEncodingReport()
    {
        encoder.beginRoAccessReport(1).tagReportData(new TagReport().epc96(0x0102030405060708L, 0x090A0B0C)
            .antennaId(2).peakRssiDbm(-1).tagSeenCount(3));
        final int length = encoder.endMessage();

        assertThat(hex(length)).isEqualTo(
            "04 3D 00 00 00 23 00 00 00 01 " +
            "00 F0 00 19 " +                              // TagReportData, 25 bytes
            "8D 01 02 03 04 05 06 07 08 09 0A 0B 0C " +   // EPC-96
            "81 00 02 " +                                 // AntennaID
            "86 FF " +                                    // PeakRSSI -1
            "88 00 03");                                  // TagSeenCount
    }

    @Test
    void shouldRoundTripContentSelectorFlags()
    {
        for (int content = 0; content <= TagReportContent.ALL; content++)
        {
            if ((content & ~TagReportContent.ALL) != 0)
            {
                continue;
            }
            assertThat(TagReportContent.fromSelectorFlags(TagReportContent.toSelectorFlags(content),
                TagReportContent.toMemorySelectorFlags(content))).isEqualTo(content);
        }
        assertThat(TagReportContent.toSelectorFlags(TagReportContent.ROSPEC_ID)).isEqualTo(0x8000);
        assertThat(TagReportContent.toSelectorFlags(TagReportContent.ACCESS_SPEC_ID)).isEqualTo(0x0040);
        assertThat(TagReportContent.toMemorySelectorFlags(TagReportContent.C1G2_CRC)).isEqualTo(0x80);
    }

    @Test
    void shouldRefuseLittleEndianBuffer()
    {
        assertThatThrownBy(() -> new LlrpEncoder().wrap(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN), 0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
