package dev.inventory.rfid.epc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpcPatternTest {

    private static final String SGTIN = "urn:epc:tag:sgtin-96:3.0614141.812345.6789";

    /** Decodes a tag URI through the binary encoding, as a reader would deliver it. */
    static EpcDecoder tag(String tagUri) {
        EpcEncoder encoder = new EpcEncoder().encodeTagUri(tagUri);
        byte[] bytes = new byte[32];
        int bits = encoder.copyBytes(bytes, 0);
        EpcDecoder decoder = new EpcDecoder();
        assertThat(decoder.decode(bytes, 0, bits)).as(tagUri).isZero();
        return decoder;
    }

    private static boolean matches(String pattern, String tagUri) {
        return EpcPattern.parse(pattern).matches(tag(tagUri));
    }

    @Test
    void shouldMatchExactPatternWhenEveryFieldIsEqual() {
        EpcPattern p = EpcPattern.parse("urn:epc:pat:sgtin-96:3.0614141.812345.6789");
        assertThat(p.matches(tag(SGTIN))).isTrue();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:3.0614141.812345.6790"))).isFalse();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:3.0614141.812346.6789"))).isFalse();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:3.0614142.812345.6789"))).isFalse();
        assertThat(p.scheme()).isEqualTo(EpcScheme.SGTIN_96);
        assertThat(p.isIdentityPattern()).isFalse();
        assertThat(p.uri()).isEqualTo("urn:epc:pat:sgtin-96:3.0614141.812345.6789");
    }

    @Test
    void shouldMatchFromRawBitsWhenUsingThePatternOwnedDecoder() {
        EpcEncoder encoder = new EpcEncoder().encodeTagUri(SGTIN);
        EpcPattern p = EpcPattern.parse("urn:epc:pat:sgtin-96:3.0614141.812345.*");
        assertThat(p.matches(encoder.epcHigh(), encoder.epcLow())).isTrue();
        assertThat(p.matches(0x3074257BF7194E40L, 0x00001A85)).as("TDS example hex of the same EPC").isTrue();
        EpcEncoder other = new EpcEncoder().encodeTagUri("urn:epc:tag:sgtin-96:3.0614141.812346.6789");
        assertThat(p.matches(other.epcHigh(), other.epcLow())).isFalse();
        assertThat(p.matches(0xE280116060000205L, 0)).as("unknown header").isFalse();
    }

    @Test
    void shouldMatchAnyValueWhenFieldIsStar() {
        assertThat(matches("urn:epc:pat:sgtin-96:3.0614141.812345.*", SGTIN)).isTrue();
        assertThat(matches("urn:epc:pat:sgtin-96:3.0614141.812345.*", "urn:epc:tag:sgtin-96:3.0614141.812345.0"))
                .isTrue();
        assertThat(matches("urn:epc:pat:sgtin-96:3.0614141.*.*", SGTIN)).isTrue();
        assertThat(matches("urn:epc:pat:sgtin-96:*.*.*.*", "urn:epc:tag:sgtin-96:0.061414112345.1.1")).isTrue();
        assertThat(matches("urn:epc:pat:sgtin-96:*.*.*.*", "urn:epc:tag:sscc-96:3.0614141.1234567890")).isFalse();
        assertThat(matches("urn:epc:pat:sgtin-96:*.*.*.*", "urn:epc:tag:sgtin-198:3.0614141.812345.6789"))
                .as("a tag-encoding pattern matches only its own binary scheme").isFalse();
    }

    @Test
    void shouldMatchInclusiveBoundsWhenSerialIsARange() {
        EpcPattern p = EpcPattern.parse("urn:epc:pat:sgtin-96:3.0614141.*.[1-100]");
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:3.0614141.812345.0"))).isFalse();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:3.0614141.812345.1"))).isTrue();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:3.0614141.812345.50"))).isTrue();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:3.0614141.000001.100"))).isTrue();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:3.0614141.812345.101"))).isFalse();
        EpcPattern max = EpcPattern.parse("urn:epc:pat:sgtin-96:*.0614141.*.[274877906940-274877906943]");
        assertThat(max.matches(tag("urn:epc:tag:sgtin-96:1.0614141.812345.274877906943"))).isTrue();
    }

    @Test
    void shouldNotMatchWhenFilterDiffers() {
        assertThat(matches("urn:epc:pat:sgtin-96:3.0614141.812345.6789",
                "urn:epc:tag:sgtin-96:1.0614141.812345.6789")).isFalse();
        EpcPattern range = EpcPattern.parse("urn:epc:pat:sgtin-96:[1-3].0614141.812345.*");
        assertThat(range.matches(tag("urn:epc:tag:sgtin-96:0.0614141.812345.6789"))).isFalse();
        assertThat(range.matches(tag("urn:epc:tag:sgtin-96:1.0614141.812345.6789"))).isTrue();
        assertThat(range.matches(tag("urn:epc:tag:sgtin-96:3.0614141.812345.6789"))).isTrue();
        assertThat(range.matches(tag("urn:epc:tag:sgtin-96:4.0614141.812345.6789"))).isFalse();
    }

    @Test
    void shouldNotMatchWhenCompanyPrefixDigitCountDiffers() {
        // same numeric value 614141, but 7 vs 8 digits: different partitions, different GS1 company prefixes
        String sevenDigits = "urn:epc:tag:sgtin-96:3.0614141.812345.6789";
        String eightDigits = "urn:epc:tag:sgtin-96:3.00614141.81234.6789";
        assertThat(matches("urn:epc:pat:sgtin-96:3.0614141.*.*", sevenDigits)).isTrue();
        assertThat(matches("urn:epc:pat:sgtin-96:3.0614141.*.*", eightDigits)).isFalse();
        assertThat(matches("urn:epc:pat:sgtin-96:3.00614141.*.*", eightDigits)).isTrue();
        assertThat(matches("urn:epc:pat:sgtin-96:3.00614141.*.*", sevenDigits)).isFalse();
        assertThat(matches("urn:epc:pat:sgtin-96:3.00614141.81234.6789", eightDigits)).isTrue();
    }

    @Test
    void shouldMatchEachSchemeWhenFieldsAgree() {
        assertThat(matches("urn:epc:pat:sscc-96:3.0614141.1234567890", "urn:epc:tag:sscc-96:3.0614141.1234567890"))
                .isTrue();
        assertThat(matches("urn:epc:pat:sscc-96:3.0614141.1234567891", "urn:epc:tag:sscc-96:3.0614141.1234567890"))
                .isFalse();
        assertThat(matches("urn:epc:pat:sgln-96:3.0614141.12345.[400-500]", "urn:epc:tag:sgln-96:3.0614141.12345.400"))
                .isTrue();
        assertThat(matches("urn:epc:pat:sgln-96:3.0614141.12345.[401-500]", "urn:epc:tag:sgln-96:3.0614141.12345.400"))
                .isFalse();
        assertThat(matches("urn:epc:pat:sgln-96:1.061414112345..*", "urn:epc:tag:sgln-96:1.061414112345..7"))
                .as("12-digit company prefix: empty location reference").isTrue();
        assertThat(matches("urn:epc:pat:grai-96:3.0614141.12345.400", "urn:epc:tag:grai-96:3.0614141.12345.400"))
                .isTrue();
        assertThat(matches("urn:epc:pat:grai-96:3.0614141.12346.*", "urn:epc:tag:grai-96:3.0614141.12345.400"))
                .isFalse();
        assertThat(matches("urn:epc:pat:giai-96:3.0614141.[12345000-12345999]",
                "urn:epc:tag:giai-96:3.0614141.12345400")).isTrue();
        assertThat(matches("urn:epc:pat:giai-96:3.0614141.12345401", "urn:epc:tag:giai-96:3.0614141.12345400"))
                .isFalse();
        assertThat(matches("urn:epc:pat:gid-96:95100000.12345.400", "urn:epc:tag:gid-96:95100000.12345.400"))
                .isTrue();
        assertThat(matches("urn:epc:pat:gid-96:[95000000-95199999].*.[0-399]", "urn:epc:tag:gid-96:95100000.12345.400"))
                .isFalse();
        assertThat(matches("urn:epc:pat:gid-96:*.12345.*", "urn:epc:tag:gid-96:95100000.12345.400")).isTrue();
        assertThat(matches("urn:epc:pat:grai-170:3.0614141.12345.ABC%2F1",
                "urn:epc:tag:grai-170:3.0614141.12345.ABC%2F1")).isTrue();
        assertThat(matches("urn:epc:pat:grai-170:3.0614141.12345.ABC", "urn:epc:tag:grai-170:3.0614141.12345.ABC1"))
                .isFalse();
        assertThat(matches("urn:epc:pat:giai-202:3.0614141.12345ABC%2F", "urn:epc:tag:giai-202:3.0614141.12345ABC%2F"))
                .isTrue();
        assertThat(matches("urn:epc:pat:giai-202:3.0614141.*", "urn:epc:tag:giai-202:3.0614141.12345ABC%2F")).isTrue();
        assertThat(matches("urn:epc:pat:giai-202:3.0614142.*", "urn:epc:tag:giai-202:3.0614141.12345ABC%2F"))
                .isFalse();
    }

    @Test
    void shouldMatchAlphanumericSerialCharacterByCharacterWhenSchemeIsSgtin198() {
        EpcPattern p = EpcPattern.parse("urn:epc:pat:sgtin-198:3.0614141.812345.32a%2Fb");
        assertThat(p.matches(tag("urn:epc:tag:sgtin-198:3.0614141.812345.32a%2Fb"))).isTrue();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-198:3.0614141.812345.32a%2FB"))).isFalse();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-198:3.0614141.812345.32a%2Fbc"))).isFalse();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-198:3.0614141.812345.32a"))).isFalse();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:3.0614141.812345.32"))).isFalse();
        EpcPattern dotted = EpcPattern.parse("urn:epc:pat:sgtin-198:3.0614141.812345.a.b");
        assertThat(dotted.matches(tag("urn:epc:tag:sgtin-198:3.0614141.812345.a.b"))).as("'.' is a serial char")
                .isTrue();
        EpcPattern leadingZero = EpcPattern.parse("urn:epc:pat:sgtin-198:3.0614141.812345.0042");
        assertThat(leadingZero.matches(tag("urn:epc:tag:sgtin-198:3.0614141.812345.0042"))).isTrue();
        assertThat(leadingZero.matches(tag("urn:epc:tag:sgtin-198:3.0614141.812345.42"))).isFalse();

        byte[] bytes = new byte[32];
        int bits = new EpcEncoder().encodeTagUri("urn:epc:tag:sgtin-198:3.0614141.812345.32a%2Fb")
                .copyBytes(bytes, 0);
        assertThat(p.matches(bytes, 0, bits)).isTrue();
        assertThat(p.matches(bytes, 0, 96)).as("wrong length").isFalse();
    }

    @Test
    void shouldIgnoreFilterAndAcceptEveryBinarySchemeWhenPatternIsPureIdentity() {
        EpcPattern p = EpcPattern.parse("urn:epc:idpat:sgtin:0614141.*.*");
        assertThat(p.isIdentityPattern()).isTrue();
        assertThat(p.scheme()).isNull();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:0.0614141.812345.6789"))).isTrue();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:7.0614141.000001.1"))).isTrue();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-198:3.0614141.812345.32a%2Fb"))).isTrue();
        assertThat(p.matches(tag("urn:epc:tag:sgtin-96:3.0614142.812345.6789"))).isFalse();
        assertThat(p.matches(tag("urn:epc:tag:grai-96:3.0614141.12345.400"))).isFalse();

        EpcPattern serial = EpcPattern.parse("urn:epc:idpat:sgtin:0614141.812345.6789");
        assertThat(serial.matches(tag(SGTIN))).isTrue();
        assertThat(serial.matches(tag("urn:epc:tag:sgtin-198:1.0614141.812345.6789"))).isTrue();
        assertThat(EpcPattern.parse("urn:epc:idpat:sgtin:0614141.812345.06789").matches(tag(SGTIN)))
                .as("an integer serial is never written with leading zeros").isFalse();
        assertThat(matches("urn:epc:idpat:sscc:0614141.*", "urn:epc:tag:sscc-96:2.0614141.1234567890")).isTrue();
        assertThat(matches("urn:epc:idpat:giai:0614141.12345400", "urn:epc:tag:giai-96:3.0614141.12345400"))
                .isTrue();
        assertThat(matches("urn:epc:idpat:giai:0614141.12345ABC%2F", "urn:epc:tag:giai-202:3.0614141.12345ABC%2F"))
                .isTrue();
        assertThat(matches("urn:epc:idpat:gid:95100000.*.[400-400]", "urn:epc:tag:gid-96:95100000.12345.400"))
                .isTrue();
    }

    @Test
    void shouldMatchIfAnyPatternMatchesWhenGivenAList() {
        EpcPattern[] patterns = {
            EpcPattern.parse("urn:epc:pat:sscc-96:*.0614141.*"),
            EpcPattern.parse("urn:epc:pat:sgtin-96:3.0614141.812345.[1-10000]"),
        };
        assertThat(EpcPattern.matchesAny(patterns, tag(SGTIN))).isTrue();
        assertThat(EpcPattern.matchesAny(patterns, tag("urn:epc:tag:sscc-96:1.0614141.1234567890"))).isTrue();
        assertThat(EpcPattern.matchesAny(patterns, tag("urn:epc:tag:sgtin-96:3.0614141.812345.10001"))).isFalse();
        EpcDecoder failed = new EpcDecoder();
        failed.decode(0xE280116060000205L, 0);
        assertThat(EpcPattern.matchesAny(patterns, failed)).isFalse();
    }

    @Test
    void shouldRejectPatternWithPreciseMessageWhenInvalid() {
        assertInvalid("urn:epc:tag:sgtin-96:3.0614141.812345.6789",
                "must start with urn:epc:pat: or urn:epc:idpat:");
        assertInvalid("urn:epc:pat:sgtin-96", "missing ':' after the scheme name");
        assertInvalid("urn:epc:pat:sgtin-64:3.0614141.*.*", "unsupported scheme 'sgtin-64'");
        assertInvalid("urn:epc:idpat:sgtin-96:0614141.*.*", "unsupported scheme 'sgtin-96'");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.*",
                "expected 4 dot-separated fields (filter.company prefix.item reference.serial) but found 3");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.*.*.*", "expected 4 dot-separated fields");
        assertInvalid("urn:epc:pat:sgtin-96:8.0614141.*.*", "filter '8' exceeds the maximum 7");
        assertInvalid("urn:epc:pat:sgtin-96:3.*.812345.*",
                "item reference '812345' requires a literal company prefix: after '*' the item reference must be '*'");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.81234.*",
                "item reference '81234' must be exactly 6 digits for a 7-digit company prefix");
        assertInvalid("urn:epc:pat:sgtin-96:3.06141.*.*", "company prefix '06141' must be 6 to 12 digits or '*'");
        assertInvalid("urn:epc:pat:sgtin-96:3.[0614141-0614149].*.*",
                "ranges are only allowed on integer fields, not on the zero-padded company prefix");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.[800000-899999].*",
                "ranges are only allowed on integer fields, not on the zero-padded item reference");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.*.[100-1]", "serial range '[100-1]' has lo > hi");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.*.[1-]", "serial range '[1-]' is malformed, expected [lo-hi]");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.*.[1-100", "serial range '[1-100' is malformed");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.*.007", "serial '007' must not have leading zeros");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.*.274877906944", "serial '274877906944' exceeds the maximum");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.*.abc", "serial 'abc' is not a decimal integer");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.*.", "serial is empty");
        assertInvalid("urn:epc:pat:sgtin-96:3.0614141.812345.X", "serial 'X' is not a decimal integer");
        assertInvalid("urn:epc:pat:sgtin-198:3.0614141.812345.[1-5]",
                "ranges are only allowed on integer fields, not on the alphanumeric serial '[1-5]'");
        assertInvalid("urn:epc:pat:sgtin-198:3.0614141.812345.a/b", "character '/' in serial 'a/b' must be %-escaped");
        assertInvalid("urn:epc:pat:sgtin-198:3.0614141.812345.a%2", "malformed %-escape in serial 'a%2'");
        assertInvalid("urn:epc:pat:sgtin-198:3.0614141.812345.a b",
                "character ' ' in serial 'a b' is not in the GS1 AI character set 82");
        assertInvalid("urn:epc:pat:sgtin-198:3.0614141.812345.123456789012345678901",
                "serial '123456789012345678901' is longer than 20 characters");
        assertInvalid("urn:epc:pat:giai-96:3.*.12345", "individual asset reference '12345' requires a literal company");
        assertInvalid("urn:epc:pat:gid-96:0.1.2.3", "expected 3 dot-separated fields");
        assertInvalid("urn:epc:pat:gid-96:268435456.*.*", "general manager number '268435456' exceeds the maximum");
        assertInvalid("urn:epc:idpat:sgtin:0614141.*.[1-100]",
                "ranges are only allowed on integer fields, not on the alphanumeric serial");
        assertThatThrownBy(() -> EpcPattern.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EPC pattern URI is null");
    }

    private static void assertInvalid(String pattern, String messagePart) {
        assertThatThrownBy(() -> EpcPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid EPC pattern '" + pattern + "': ")
                .hasMessageContaining(messagePart);
    }
}
