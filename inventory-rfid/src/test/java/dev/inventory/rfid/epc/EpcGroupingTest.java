package dev.inventory.rfid.epc;

import static dev.inventory.rfid.epc.EpcPatternTest.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpcGroupingTest {

    @Test
    void shouldGroupByFilterAndItemReferenceWhenThoseFieldsAreX() {
        EpcGrouping g = EpcGrouping.parse("urn:epc:pat:sgtin-96:X.0614141.X.*");
        assertThat(g.hasLongKey()).isTrue();
        long a1 = g.groupKey(tag("urn:epc:tag:sgtin-96:3.0614141.812345.1"));
        long a2 = g.groupKey(tag("urn:epc:tag:sgtin-96:3.0614141.812345.274877906943"));
        long otherFilter = g.groupKey(tag("urn:epc:tag:sgtin-96:1.0614141.812345.1"));
        long otherItem = g.groupKey(tag("urn:epc:tag:sgtin-96:3.0614141.000001.1"));
        assertThat(a1).isNotNegative().isEqualTo(a2);
        assertThat(otherFilter).isNotNegative().isNotEqualTo(a1);
        assertThat(otherItem).isNotNegative().isNotEqualTo(a1).isNotEqualTo(otherFilter);
        assertThat(g.groupKey(tag("urn:epc:tag:sgtin-96:3.0614142.812345.1"))).isEqualTo(EpcGrouping.NO_GROUP);
        assertThat(g.groupKey(tag("urn:epc:tag:sscc-96:3.0614141.1234567890"))).isEqualTo(EpcGrouping.NO_GROUP);

        assertThat(g.groupName(a1)).isEqualTo("urn:epc:pat:sgtin-96:3.0614141.812345.*");
        assertThat(g.groupName(otherFilter)).isEqualTo("urn:epc:pat:sgtin-96:1.0614141.812345.*");
        assertThat(g.groupName(otherItem)).isEqualTo("urn:epc:pat:sgtin-96:3.0614141.000001.*");
        assertThat(g.groupName(tag("urn:epc:tag:sgtin-96:3.0614141.000001.77")))
                .isEqualTo("urn:epc:pat:sgtin-96:3.0614141.000001.*");
        assertThat(g.groupName(tag("urn:epc:tag:sgtin-96:3.0614142.812345.1"))).isNull();
        assertThatThrownBy(() -> g.groupName(EpcGrouping.NO_GROUP)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepCompanyPrefixLengthsApartWhenGroupingByCompanyPrefixAndItemReference() {
        EpcGrouping g = EpcGrouping.parse("urn:epc:pat:sgtin-96:*.X.X.*");
        assertThat(g.hasLongKey()).isTrue();
        assertThat(g.keyBits()).isEqualTo(3 + 44);
        EpcDecoder seven = tag("urn:epc:tag:sgtin-96:3.0614141.812345.6789");
        EpcDecoder eight = tag("urn:epc:tag:sgtin-96:3.06141418.12345.6789"); // same 13 digits, other split
        EpcDecoder twelve = tag("urn:epc:tag:sgtin-96:0.000000000001.0.5");
        assertThat(g.groupKey(seven)).isNotEqualTo(g.groupKey(eight));
        assertThat(g.groupName(g.groupKey(seven))).isEqualTo("urn:epc:pat:sgtin-96:*.0614141.812345.*");
        assertThat(g.groupName(g.groupKey(eight))).isEqualTo("urn:epc:pat:sgtin-96:*.06141418.12345.*");
        assertThat(g.groupName(g.groupKey(twelve))).isEqualTo("urn:epc:pat:sgtin-96:*.000000000001.0.*");
        assertThat(g.groupName(twelve)).isEqualTo("urn:epc:pat:sgtin-96:*.000000000001.0.*");
        assertThat(g.groupKey(tag("urn:epc:tag:sgtin-96:1.0614141.812345.1"))).isEqualTo(g.groupKey(seven));
    }

    @Test
    void shouldPutEveryMatchingEpcInOneGroupWhenNoFieldIsX() {
        EpcGrouping g = EpcGrouping.parse("urn:epc:pat:sgtin-96:*.0614141.*.[1-100]");
        assertThat(g.keyBits()).isZero();
        assertThat(g.groupKey(tag("urn:epc:tag:sgtin-96:3.0614141.812345.1"))).isZero();
        assertThat(g.groupKey(tag("urn:epc:tag:sgtin-96:0.0614141.000007.100"))).isZero();
        assertThat(g.groupKey(tag("urn:epc:tag:sgtin-96:0.0614141.000007.101"))).isEqualTo(EpcGrouping.NO_GROUP);
        assertThat(g.groupName(0L)).isEqualTo("urn:epc:pat:sgtin-96:*.0614141.*.[1-100]");
    }

    @Test
    void shouldGroupOtherSchemesWhenTheirFieldsAreX() {
        EpcGrouping gid = EpcGrouping.parse("urn:epc:pat:gid-96:X.X.*");
        long k = gid.groupKey(tag("urn:epc:tag:gid-96:95100000.12345.400"));
        assertThat(k).isEqualTo(gid.groupKey(tag("urn:epc:tag:gid-96:95100000.12345.401")));
        assertThat(gid.groupName(k)).isEqualTo("urn:epc:pat:gid-96:95100000.12345.*");
        assertThat(gid.groupName(gid.groupKey(tag("urn:epc:tag:gid-96:0.0.1")))).isEqualTo("urn:epc:pat:gid-96:0.0.*");

        EpcGrouping sscc = EpcGrouping.parse("urn:epc:pat:sscc-96:*.X.*");
        long s = sscc.groupKey(tag("urn:epc:tag:sscc-96:3.0614141.1234567890"));
        assertThat(sscc.groupName(s)).isEqualTo("urn:epc:pat:sscc-96:*.0614141.*");

        EpcGrouping sgln = EpcGrouping.parse("urn:epc:pat:sgln-96:*.*.X.*");
        long l = sgln.groupKey(tag("urn:epc:tag:sgln-96:3.0614141.00345.400"));
        assertThat(sgln.groupName(l)).isEqualTo("urn:epc:pat:sgln-96:*.*.00345.*");
        assertThat(sgln.groupName(sgln.groupKey(tag("urn:epc:tag:sgln-96:3.061414112345..1"))))
                .isEqualTo("urn:epc:pat:sgln-96:*.*..*");

        EpcGrouping giai = EpcGrouping.parse("urn:epc:pat:giai-96:*.0614141.X");
        long i = giai.groupKey(tag("urn:epc:tag:giai-96:3.0614141.12345400"));
        assertThat(giai.groupName(i)).isEqualTo("urn:epc:pat:giai-96:*.0614141.12345400");

        EpcGrouping grai = EpcGrouping.parse("urn:epc:pat:grai-96:X.X.X.X");
        assertThat(grai.hasLongKey()).as("3 + 3 + 40 + 38 bits").isFalse();
        assertThat(grai.groupName(tag("urn:epc:tag:grai-96:2.0614141.12345.400")))
                .isEqualTo("urn:epc:pat:grai-96:2.0614141.12345.400");
    }

    @Test
    void shouldNameGroupsThroughTheBuilderWhenSerialIsAlphanumeric() {
        EpcGrouping g = EpcGrouping.parse("urn:epc:pat:sgtin-198:*.0614141.812345.X");
        assertThat(g.hasLongKey()).isFalse();
        EpcDecoder d = tag("urn:epc:tag:sgtin-198:3.0614141.812345.32a%2Fb");
        StringBuilder sb = new StringBuilder(128).append("group=");
        assertThat(g.appendGroupName(d, sb)).isTrue();
        assertThat(sb).hasToString("group=urn:epc:pat:sgtin-198:*.0614141.812345.32a%2Fb");
        assertThat(g.appendGroupName(tag("urn:epc:tag:sgtin-198:3.0614141.812346.1"), sb)).isFalse();
        assertThatThrownBy(() -> g.groupKey(d)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no 63-bit key");
    }

    @Test
    void shouldDecodeRawBitsWhenKeyingFromEpcWords() {
        EpcGrouping g = EpcGrouping.parse("urn:epc:pat:sgtin-96:X.*.*.*");
        EpcEncoder e = new EpcEncoder().encodeTagUri("urn:epc:tag:sgtin-96:5.0614141.812345.6789");
        assertThat(g.groupName(g.groupKey(e.epcHigh(), e.epcLow()))).isEqualTo("urn:epc:pat:sgtin-96:5.*.*.*");
        assertThat(g.groupKey(0xE280116060000205L, 0)).isEqualTo(EpcGrouping.NO_GROUP);
    }

    @Test
    void shouldRejectGroupingPatternWithPreciseMessageWhenInvalid() {
        assertInvalid("urn:epc:idpat:sgtin:X.*.*", "ALE grouping patterns use urn:epc:pat:");
        assertInvalid("urn:epc:pat:sgtin-96:*.X.812345.*",
                "item reference '812345' requires a literal company prefix: after 'X' the item reference must be "
                        + "'*' or 'X'");
        assertInvalid("urn:epc:pat:sgtin-96:*.Y.*.*", "company prefix 'Y' must be 6 to 12 digits or '*' or 'X'");
        assertInvalid("urn:epc:pat:sgtin-96:X.0614141.X", "expected 4 dot-separated fields");
    }

    private static void assertInvalid(String pattern, String messagePart) {
        assertThatThrownBy(() -> EpcGrouping.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid EPC pattern '" + pattern + "': ")
                .hasMessageContaining(messagePart);
    }
}
