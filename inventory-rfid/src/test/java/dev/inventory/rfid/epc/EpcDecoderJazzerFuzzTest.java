package dev.inventory.rfid.epc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link EpcDecoder}: the byte[] entry point at every bit length the input
 * allows, the 96-bit primitive entry point, and {@code decodeHex} on the raw input as text and on its hex form.
 * The property: no exception escapes; every result is 0 or a defined {@link EpcError} code; a successful decode
 * renders both URIs, and the tag URI encodes back (our {@link EpcEncoder}) to an EPC that decodes to the same URI.
 *
 * <p>Default test phase: regression mode over the seeds in {@code src/test/resources/dev/inventory/rfid/epc/
 * EpcDecoderJazzerFuzzTestInputs/fuzzDecode/}. Fuzzing: {@code JAZZER_FUZZ=1 mvn -pl inventory-rfid test
 * -Dtest=EpcDecoderJazzerFuzzTest} for {@code maxDuration}.
 *
 * <p>Input layout: byte 0 = how many trailing bits to drop from the byte[] length (low 4 bits); the rest = the EPC.
 */
class EpcDecoderJazzerFuzzTest {

    private static final int[] SCHEME_LENGTHS = {96, 170, 176, 198, 202, 208};

    private final EpcDecoder decoder = new EpcDecoder();
    private final EpcDecoder again = new EpcDecoder();
    private final EpcEncoder encoder = new EpcEncoder();

    @FuzzTest(maxDuration = "30s")
    void fuzzDecode(byte[] input) {
        if (input.length == 0) {
            check(decoder.decode(input, 0, 0));
            check(decoder.decodeHex(""));
            return;
        }
        int epcBytes = input.length - 1;
        check(decoder.decode(input, 1, epcBytes * 8 - (input[0] & 0x0F)));
        for (int bits : SCHEME_LENGTHS) {
            if ((bits + 7) / 8 <= epcBytes) {
                check(decoder.decode(input, 1, bits));
            }
        }
        if (epcBytes >= 12) {
            long high = 0;
            for (int i = 1; i <= 8; i++) {
                high = high << 8 | (input[i] & 0xFF);
            }
            int low = (input[9] & 0xFF) << 24 | (input[10] & 0xFF) << 16 | (input[11] & 0xFF) << 8 | input[12] & 0xFF;
            check(decoder.decode(high, low));
        }
        check(decoder.decodeHex(new String(input, 1, epcBytes, StandardCharsets.ISO_8859_1)));
        check(decoder.decodeHex(EpcHex.toHex(input, 1, epcBytes * 8)));
    }

    private void check(int result) {
        assertThat(result).isLessThanOrEqualTo(0);
        assertThat(EpcError.fromCode(result)).isNotNull();
        assertThat(decoder.isValid()).isEqualTo(result == 0);
        if (result != 0) {
            assertThat(decoder.scheme()).isNull();
            return;
        }
        String tagUri = decoder.tagUri();
        assertThat(decoder.pureIdentityUri()).startsWith("urn:epc:id:" + decoder.scheme().pureIdentityName() + ':');
        byte[] encoded = new byte[32];
        int bits = encoder.encodeTagUri(tagUri).copyBytes(encoded, 0);
        assertThat(again.decode(encoded, 0, bits)).isZero();
        assertThat(again.tagUri()).isEqualTo(tagUri);
    }
}
