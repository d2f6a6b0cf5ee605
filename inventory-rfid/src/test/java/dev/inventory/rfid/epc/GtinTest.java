package dev.inventory.rfid.epc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GtinTest {

    private final EpcDecoder decoder = new EpcDecoder();

    @Test
    void shouldBuildTdsGtinWhenIndicatorLeadsItemReference() {
        // TDS example: urn:epc:id:sgtin:0614141.812345.6789 <-> (01)80614141123458
        long gtin = Gtin.gtinOf(614141L, 7, 812345L);

        assertThat(gtin).isEqualTo(80614141123458L);
        assertThat(Gtin.indicatorDigit(gtin)).isEqualTo(8);
        assertThat(Gtin.isValidCheckDigit(gtin)).isTrue();
        assertThat(Gtin.toGtin14(gtin)).isEqualTo("80614141123458");
    }

    @Test
    void shouldZeroPadWhenGtinComesFromUpcOrEan() {
        long upc = Gtin.gtinOf(36000L, 7, 29145L);
        long ean = Gtin.gtinOf(4006381L, 7, 33393L);

        assertThat(Gtin.toGtin14(upc)).isEqualTo("00036000291452");
        assertThat(Gtin.toGtin14(ean)).isEqualTo("04006381333931");
        assertThat(Gtin.appendGtin14(new StringBuilder("(01)"), ean).toString()).isEqualTo("(01)04006381333931");
    }

    @Test
    void shouldComputeSameKeyFromRawBitsAndDecoderWhenEpcIsSgtin96() {
        long high = 0x3074257BF7194E40L;
        int low = 0x1A85;
        decoder.decode(high, low);

        assertThat(Gtin.skuKey(high, low)).isEqualTo(80614141123458L).isEqualTo(Gtin.skuKey(decoder));
        assertThat(Gtin.skuKey(high, low + 1)).as("serial does not change the SKU").isEqualTo(80614141123458L);
    }

    @Test
    void shouldAgreeWithDecoderWhenRawSkuKeyIsComputedForEveryPartition() {
        EpcEncoder encoder = new EpcEncoder();
        String[] uris = {
            "urn:epc:id:sgtin:061414112345.1.7", "urn:epc:id:sgtin:06141411234.12.7",
            "urn:epc:id:sgtin:0614141123.123.7", "urn:epc:id:sgtin:061414112.1234.7",
            "urn:epc:id:sgtin:06141411.12345.7", "urn:epc:id:sgtin:0614141.123456.7",
            "urn:epc:id:sgtin:061414.9999999.7",
        };
        for (String uri : uris) {
            encoder.encodePureIdentityUri(uri);
            decoder.decode(encoder.epcHigh(), encoder.epcLow());

            long key = Gtin.skuKey(encoder.epcHigh(), encoder.epcLow());

            assertThat(key).as(uri).isEqualTo(Gtin.skuKey(decoder)).isPositive();
            assertThat(Gtin.isValidCheckDigit(key)).isTrue();
        }
    }

    @Test
    void shouldReturnSentinelWhenEpcIsNotAValidSgtin() {
        assertThat(Gtin.skuKey(0x3174257BF4499602L, 0xD2000000)).isEqualTo(Gtin.NO_SKU);
        assertThat(Gtin.skuKey(0xE280116060000205L, 0)).isEqualTo(Gtin.NO_SKU);
        assertThat(Gtin.skuKey(0x3074257BF7194E40L | (7L << 50), 0)).isEqualTo(Gtin.NO_SKU);
        assertThat(Gtin.skuKey(0x3074000000000000L | (0xFFFFFFL << 26), 0)).isEqualTo(Gtin.NO_SKU);
        decoder.decodeHex("3174257BF4499602D2000000");
        assertThat(Gtin.skuKey(decoder)).isEqualTo(Gtin.NO_SKU);
        decoder.decodeHex("ZZ");
        assertThat(Gtin.skuKey(decoder)).isEqualTo(Gtin.NO_SKU);
    }

    @Test
    void shouldRejectOutOfRangeInputsWhenBuildingGtin() {
        assertThat(Gtin.gtinOf(614141L, 5, 1L)).isEqualTo(Gtin.NO_SKU);
        assertThat(Gtin.gtinOf(10000000L, 7, 1L)).isEqualTo(Gtin.NO_SKU);
        assertThat(Gtin.gtinOf(614141L, 7, 1000000L)).isEqualTo(Gtin.NO_SKU);
        assertThat(Gtin.gtinOf(-1L, 7, 1L)).isEqualTo(Gtin.NO_SKU);
        assertThatThrownBy(() -> Gtin.toGtin14(-1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldComputeGs1CheckDigitWhenGivenKnownKeys() {
        assertThat(Gtin.checkDigit(8061414112345L)).isEqualTo(8);
        assertThat(Gtin.checkDigit(3600029145L)).isEqualTo(2);
        assertThat(Gtin.checkDigit(400638133393L)).isEqualTo(1);
        assertThat(Gtin.isValidCheckDigit(80614141123457L)).isFalse();
    }
}
