package dev.inventory.rfid.epc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EpcEncoderTest {

    private final EpcEncoder encoder = new EpcEncoder();

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(delimiter = '|', value = {
        "http://example.com/0614141.812345.6789                          | INVALID_URI",
        "urn:epc:id:sgtin                                                | INVALID_URI",
        "urn:epc:id:foo:0614141.812345.6789                              | UNKNOWN_URI_SCHEME",
        "urn:epc:tag:sgtin-64:3.0614141.812345.6789                      | UNKNOWN_URI_SCHEME",
        "urn:epc:id:sgtin:0614141.812345.ABC                             | NON_NUMERIC_SERIAL",
        "urn:epc:id:sgtin:0614141.812345.06789                           | LEADING_ZERO",
        "urn:epc:id:sgtin:0614141.812345.274877906944                    | VALUE_OUT_OF_RANGE",
        "urn:epc:id:sgtin:0614141.812345.99999999999999999999999         | VALUE_OUT_OF_RANGE",
        "urn:epc:id:sgtin:0614141.812345.                                | EMPTY_COMPONENT",
        "urn:epc:id:sgtin:0614141.81234.6789                             | WRONG_REFERENCE_LENGTH",
        "urn:epc:id:sgtin:0614141.8123456.6789                           | WRONG_REFERENCE_LENGTH",
        "urn:epc:id:sgtin:06141.81234567.6789                            | INVALID_COMPANY_PREFIX_LENGTH",
        "urn:epc:id:sgtin:0614141234567.1.6789                           | INVALID_COMPANY_PREFIX_LENGTH",
        "urn:epc:id:sgtin:06141A1.812345.6789                            | NON_NUMERIC_COMPONENT",
        "urn:epc:id:sgtin:0614141.81234X.6789                            | NON_NUMERIC_COMPONENT",
        "urn:epc:id:sgtin:.812345.6789                                   | EMPTY_COMPONENT",
        "urn:epc:id:sgtin:0614141.812345                                 | WRONG_COMPONENT_COUNT",
        "urn:epc:id:sscc:0614141.1234567890.1                            | WRONG_COMPONENT_COUNT",
        "urn:epc:id:sscc:0614141                                         | WRONG_COMPONENT_COUNT",
        "urn:epc:id:gid:95100000.12345                                   | WRONG_COMPONENT_COUNT",
        "urn:epc:id:gid:95100000.12345.400.1                             | WRONG_COMPONENT_COUNT",
        "urn:epc:id:gid:268435456.12345.400                              | VALUE_OUT_OF_RANGE",
        "urn:epc:id:gid:0951.12345.400                                   | LEADING_ZERO",
        "urn:epc:id:gid:95100000.12345.A1                                | NON_NUMERIC_SERIAL",
        "urn:epc:id:sgln:0614141.12345.01                                | LEADING_ZERO",
        "urn:epc:id:giai:0614141.A12345400                               | NON_NUMERIC_SERIAL",
        "urn:epc:id:giai:061414100000.4398046511104                      | VALUE_OUT_OF_RANGE",
        "urn:epc:tag:sgtin-96:8.0614141.812345.6789                      | FILTER_OUT_OF_RANGE",
        "urn:epc:tag:sgtin-96:13.0614141.812345.6789                     | FILTER_OUT_OF_RANGE",
        "urn:epc:tag:sgtin-96:0614141                                    | WRONG_COMPONENT_COUNT",
        "urn:epc:tag:sgtin-198:3.0614141.812345.12345678901234567890A    | STRING_TOO_LONG",
        "urn:epc:tag:grai-170:3.0614141.12345.12345678901234567         | STRING_TOO_LONG",
        "urn:epc:tag:giai-202:3.061414100000.1234567890123456789         | STRING_TOO_LONG",
        "urn:epc:tag:sgtin-198:3.0614141.812345.a%2                      | INVALID_ESCAPE",
        "urn:epc:tag:sgtin-198:3.0614141.812345.a%zzb                    | INVALID_ESCAPE",
        "urn:epc:tag:sgtin-198:3.0614141.812345.a%23b                    | INVALID_CHARACTER",
        "urn:epc:tag:sgtin-198:3.0614141.812345.a#b                      | INVALID_CHARACTER",
        "urn:epc:tag:sgtin-198:3.0614141.812345.a/b                      | INVALID_CHARACTER",
        "urn:epc:tag:sgtin-198:3.0614141.812345.                         | EMPTY_COMPONENT",
    })
    void shouldRejectWithPreciseReasonWhenUriIsInvalid(String uri, EpcError expected) {
        assertThatThrownBy(() -> encoder.encodeUri(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .isInstanceOf(EpcEncodingException.class)
                .hasMessageStartingWith(expected.name())
                .satisfies(t -> assertThat(((EpcEncodingException) t).error()).isEqualTo(expected));
    }

    @Test
    void shouldRejectWhenRequestedSchemeBelongsToAnotherEpcScheme() {
        assertThatThrownBy(() -> encoder.encodePureIdentityUri("urn:epc:id:sscc:0614141.1234567890",
                EpcScheme.SGTIN_96, 0))
                .isInstanceOfSatisfying(EpcEncodingException.class,
                        e -> assertThat(e.error()).isEqualTo(EpcError.SCHEME_MISMATCH));
    }

    @Test
    void shouldRejectWhenFilterArgumentIsOutOfRange() {
        assertThatThrownBy(() -> encoder.encodePureIdentityUri("urn:epc:id:sgtin:0614141.812345.6789",
                EpcScheme.SGTIN_96, 8))
                .isInstanceOfSatisfying(EpcEncodingException.class,
                        e -> assertThat(e.error()).isEqualTo(EpcError.FILTER_OUT_OF_RANGE));
    }

    @Test
    void shouldRejectTagUriWhenGivenToPureIdentityEncoderAndViceVersa() {
        assertThatThrownBy(() -> encoder.encodePureIdentityUri("urn:epc:tag:sgtin-96:3.0614141.812345.6789"))
                .isInstanceOfSatisfying(EpcEncodingException.class,
                        e -> assertThat(e.error()).isEqualTo(EpcError.INVALID_URI));
        assertThatThrownBy(() -> encoder.encodeTagUri("urn:epc:id:sgtin:0614141.812345.6789"))
                .isInstanceOfSatisfying(EpcEncodingException.class,
                        e -> assertThat(e.error()).isEqualTo(EpcError.INVALID_URI));
        assertThatThrownBy(() -> encoder.encodeTagUri(null))
                .isInstanceOfSatisfying(EpcEncodingException.class,
                        e -> assertThat(e.error()).isEqualTo(EpcError.INVALID_URI));
    }

    @Test
    void shouldEncodeAlphanumericSerialWhenSgtin198IsRequestedExplicitly() {
        String hex = EpcEncoder.pureIdentityUriToHex("urn:epc:id:sgtin:0614141.812345.ABC", EpcScheme.SGTIN_198, 1);

        EpcDecoder decoder = new EpcDecoder();
        assertThat(decoder.decodeHex(hex)).isZero();
        assertThat(hex).hasSize(52);
        assertThat(decoder.tagUri()).isEqualTo("urn:epc:tag:sgtin-198:1.0614141.812345.ABC");
        assertThat(decoder.serialContentEquals("ABC")).isTrue();
    }

    @Test
    void shouldAcceptSerialContainingDotsWhenSerialIsLastComponent() {
        encoder.encodeTagUri("urn:epc:tag:sgtin-198:0.0614141.812345.A.B.C");

        EpcDecoder decoder = new EpcDecoder();
        byte[] bytes = new byte[26];
        assertThat(encoder.copyBytes(bytes, 0)).isEqualTo(198);
        assertThat(decoder.decode(bytes, 0, 208)).isZero();
        assertThat(decoder.serialContentEquals("A.B.C")).isTrue();
    }

    @Test
    void shouldThrowIllegalStateWhenResultIsReadBeforeSuccessfulEncode() {
        assertThatThrownBy(encoder::epcHigh).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> encoder.encodeUri("urn:epc:id:sgtin:0614141.812345.X"))
                .isInstanceOf(EpcEncodingException.class);
        assertThatThrownBy(encoder::toHex).isInstanceOf(IllegalStateException.class);
    }
}
