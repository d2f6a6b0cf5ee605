package dev.inventory.rfid.epc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GS1SkuResolverTest
{
    @Test
    void shouldReturnGtin14WhenEpcIsSgtin96()
    {
        final long high = EpcHex.parseHigh64("3074257BF7194E4000001A85"); // sgtin 0614141.812345.6789

        assertThat(GS1SkuResolver.INSTANCE.skuKey(high, EpcHex.parseLow32("3074257BF7194E4000001A85")))
            .isEqualTo(80614141123458L);
    }

    @Test
    void shouldShareSkuWhenOnlySerialDiffers()
    {
        final EpcEncoder a = new EpcEncoder().encodePureIdentityUri("urn:epc:id:sgtin:4012345.012345.1");
        final long skuA = GS1SkuResolver.INSTANCE.skuKey(a.epcHigh(), a.epcLow());
        final EpcEncoder b = new EpcEncoder().encodePureIdentityUri("urn:epc:id:sgtin:4012345.012345.999");

        assertThat(skuA).isPositive().isEqualTo(GS1SkuResolver.INSTANCE.skuKey(b.epcHigh(), b.epcLow()));
        assertThat(Gtin.isValidCheckDigit(skuA)).isTrue();
    }

    @Test
    void shouldReturnZeroWhenEpcIsNotSgtin()
    {
        final EpcEncoder sscc = new EpcEncoder().encodePureIdentityUri("urn:epc:id:sscc:0614141.1234567890");

        assertThat(GS1SkuResolver.INSTANCE.skuKey(sscc.epcHigh(), sscc.epcLow())).isZero();
        assertThat(GS1SkuResolver.INSTANCE.skuKey(0x1122334455667788L, 0)).isZero();
        assertThat(GS1SkuResolver.INSTANCE.skuKey(0L, 0)).isZero();
    }
}
