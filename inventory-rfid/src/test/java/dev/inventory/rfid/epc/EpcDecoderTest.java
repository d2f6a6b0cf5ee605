package dev.inventory.rfid.epc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EpcDecoderTest {

    /** GS1 EPC TDS worked example (SGTIN-96 decoding illustration). */
    private static final String TDS_SGTIN96_HEX = "3074257BF7194E4000001A85";

    private final EpcDecoder decoder = new EpcDecoder();

    @Test
    void shouldDecodeTdsSgtin96ExampleWhenGivenHighAndLowPrimitives() {
        long high = 0x3074257BF7194E40L;
        int low = 0x00001A85;

        int result = decoder.decode(high, low);

        assertThat(result).isZero();
        assertThat(decoder.isValid()).isTrue();
        assertThat(decoder.scheme()).isEqualTo(EpcScheme.SGTIN_96);
        assertThat(decoder.filter()).isEqualTo(3);
        assertThat(decoder.partition()).isEqualTo(5);
        assertThat(decoder.companyPrefix()).isEqualTo(614141L);
        assertThat(decoder.companyPrefixDigits()).isEqualTo(7);
        assertThat(decoder.itemReference()).isEqualTo(812345L);
        assertThat(decoder.itemReferenceDigits()).isEqualTo(6);
        assertThat(decoder.serial()).isEqualTo(6789L);
        assertThat(decoder.hasNumericSerial()).isTrue();
        assertThat(decoder.serialLength()).isZero();
        assertThat(decoder.tagUri()).isEqualTo("urn:epc:tag:sgtin-96:3.0614141.812345.6789");
        assertThat(decoder.pureIdentityUri()).isEqualTo("urn:epc:id:sgtin:0614141.812345.6789");
        assertThat(Gtin.toGtin14(Gtin.skuKey(decoder))).isEqualTo("80614141123458");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // hex, scheme, tag URI, pure identity URI
        "3074257BF7194E4000001A85, SGTIN_96, urn:epc:tag:sgtin-96:3.0614141.812345.6789,"
                + " urn:epc:id:sgtin:0614141.812345.6789",
        "3174257BF4499602D2000000, SSCC_96, urn:epc:tag:sscc-96:3.0614141.1234567890,"
                + " urn:epc:id:sscc:0614141.1234567890",
        "3274257BF460720000000190, SGLN_96, urn:epc:tag:sgln-96:3.0614141.12345.400,"
                + " urn:epc:id:sgln:0614141.12345.400",
        "3374257BF40C0E4000000190, GRAI_96, urn:epc:tag:grai-96:3.0614141.12345.400,"
                + " urn:epc:id:grai:0614141.12345.400",
        "3474257BF400000000BC6038, GIAI_96, urn:epc:tag:giai-96:3.0614141.12345400,"
                + " urn:epc:id:giai:0614141.12345400",
        "355AB1C60003039000000190, GID_96, urn:epc:tag:gid-96:95100000.12345.400,"
                + " urn:epc:id:gid:95100000.12345.400",
        "3674257BF7194E59B2C2BF100000000000000000000000000000, SGTIN_198,"
                + " urn:epc:tag:sgtin-198:3.0614141.812345.32a%2Fb, urn:epc:id:sgtin:0614141.812345.32a%2Fb",
        "3774257BF40C0E59B2C2BF1000000000000000000000, GRAI_170,"
                + " urn:epc:tag:grai-170:3.0614141.12345.32a%2Fb, urn:epc:id:grai:0614141.12345.32a%2Fb",
        "3874257BF58B266D1AC1850D7800000000000000000000000000, GIAI_202,"
                + " urn:epc:tag:giai-202:3.0614141.12345ABC%2F, urn:epc:id:giai:0614141.12345ABC%2F",
    })
    void shouldRenderTdsStyleUrisWhenDecodingKnownVector(String hex, EpcScheme scheme, String tagUri,
                                                         String pureIdentityUri) {
        int result = decoder.decodeHex(hex);

        assertThat(result).as(EpcError.reasonText(result)).isZero();
        assertThat(decoder.scheme()).isEqualTo(scheme);
        assertThat(decoder.tagUri()).isEqualTo(tagUri);
        assertThat(decoder.pureIdentityUri()).isEqualTo(pureIdentityUri);
        assertThat(decoder.appendRawHex(new StringBuilder()).toString()).isEqualTo(hex);
        assertThat(EpcEncoder.tagUriToHex(tagUri)).isEqualTo(hex);
        assertThat(EpcEncoder.pureIdentityUriToHex(pureIdentityUri, scheme, 3)).isEqualTo(hex);
    }

    @Test
    void shouldExposeSsccFieldsWhenDecodingSscc96() {
        assertThat(decoder.decodeHex("3174257BF4499602D2000000")).isZero();

        assertThat(decoder.serialReference()).isEqualTo(1234567890L);
        assertThat(decoder.referenceDigits()).isEqualTo(10);
        assertThat(decoder.companyPrefix()).isEqualTo(614141L);
        assertThat(decoder.serial()).isEqualTo(EpcDecoder.NOT_APPLICABLE);
        assertThat(decoder.itemReference()).isEqualTo(EpcDecoder.NOT_APPLICABLE);
        assertThat(Gtin.skuKey(decoder)).isEqualTo(Gtin.NO_SKU);
    }

    @Test
    void shouldExposeLocationAndExtensionWhenDecodingSgln96() {
        assertThat(decoder.decodeHex("3274257BF460720000000190")).isZero();

        assertThat(decoder.locationReference()).isEqualTo(12345L);
        assertThat(decoder.referenceDigits()).isEqualTo(5);
        assertThat(decoder.extension()).isEqualTo(400L);
        assertThat(decoder.assetType()).isEqualTo(EpcDecoder.NOT_APPLICABLE);
    }

    @Test
    void shouldExposeAssetTypeAndSerialWhenDecodingGrai96() {
        assertThat(decoder.decodeHex("3374257BF40C0E4000000190")).isZero();

        assertThat(decoder.assetType()).isEqualTo(12345L);
        assertThat(decoder.serial()).isEqualTo(400L);
        assertThat(decoder.locationReference()).isEqualTo(EpcDecoder.NOT_APPLICABLE);
    }

    @Test
    void shouldExposeIndividualAssetReferenceWhenDecodingGiai96() {
        assertThat(decoder.decodeHex("3474257BF400000000BC6038")).isZero();

        assertThat(decoder.individualAssetReference()).isEqualTo(12345400L);
        assertThat(decoder.referenceDigits()).isEqualTo(8);
    }

    @Test
    void shouldExposeManagerClassSerialWithoutFilterWhenDecodingGid96() {
        assertThat(decoder.decodeHex("355AB1C60003039000000190")).isZero();

        assertThat(decoder.managerNumber()).isEqualTo(95100000L);
        assertThat(decoder.objectClass()).isEqualTo(12345L);
        assertThat(decoder.serial()).isEqualTo(400L);
        assertThat(decoder.filter()).isEqualTo(-1);
        assertThat(decoder.partition()).isEqualTo(-1);
    }

    @Test
    void shouldKeepUnescapedSerialCharsWhenDecodingSgtin198() {
        assertThat(decoder.decodeHex("3674257BF7194E59B2C2BF100000000000000000000000000000")).isZero();

        char[] dst = new char[32];
        int n = decoder.copySerialChars(dst, 0);
        assertThat(new String(dst, 0, n)).isEqualTo("32a/b");
        assertThat(decoder.serialLength()).isEqualTo(5);
        assertThat(decoder.serialChar(3)).isEqualTo('/');
        assertThat(decoder.serialContentEquals("32a/b")).isTrue();
        assertThat(decoder.serialContentEquals("32a/c")).isFalse();
        assertThat(decoder.hasNumericSerial()).isFalse();
        assertThat(decoder.appendSerialChars(new StringBuilder()).toString()).isEqualTo("32a/b");
        assertThat(Gtin.toGtin14(Gtin.skuKey(decoder))).isEqualTo("80614141123458");
        assertThatThrownBy(() -> decoder.serialChar(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldExposeNumericValueWhenAlphanumericSerialIsCanonicalDigits() {
        String hex = new EpcEncoder().encodeTagUri("urn:epc:tag:sgtin-198:1.0614141.812345.123456789012").toHex();

        assertThat(decoder.decodeHex(hex)).isZero();

        assertThat(decoder.serial()).isEqualTo(123456789012L);
        assertThat(decoder.serialLength()).isEqualTo(12);
    }

    @Test
    void shouldDecodeFromBytesWhenBitLengthIsExactOrWordAligned() {
        byte[] buf = new byte[40];
        EpcEncoder encoder = new EpcEncoder().encodeTagUri("urn:epc:tag:grai-170:2.0614141.12345.AB-1");
        int bits = encoder.copyBytes(buf, 3);

        assertThat(bits).isEqualTo(170);
        assertThat(decoder.decode(buf, 3, 170)).isZero();
        assertThat(decoder.tagUri()).isEqualTo("urn:epc:tag:grai-170:2.0614141.12345.AB-1");
        assertThat(decoder.decode(buf, 3, 176)).isZero();
        assertThat(decoder.serialContentEquals("AB-1")).isTrue();
        assertThat(decoder.decode(buf, 3, 192)).isEqualTo(EpcError.WRONG_LENGTH.code());
    }

    @Test
    void shouldDecode96BitEpcWhenGivenAsByteArray() {
        byte[] buf = new byte[12];
        assertThat(EpcHex.parse(TDS_SGTIN96_HEX, buf, 0)).isEqualTo(96);

        assertThat(decoder.decode(buf, 0, 96)).isZero();

        assertThat(decoder.pureIdentityUri()).isEqualTo("urn:epc:id:sgtin:0614141.812345.6789");
        assertThat(decoder.rawHigh()).isEqualTo(0x3074257BF7194E40L);
        assertThat(decoder.rawLow()).isEqualTo(0x00001A85);
    }

    // ------------------------------------------------------------------------------------------------ invalid

    @Test
    void shouldReturnUnknownHeaderAndKeepRawBitsWhenEpcIsNotGs1() {
        String tidLike = "E2801160600002054E2A3B4C";

        int result = decoder.decodeHex(tidLike);

        assertThat(result).isEqualTo(EpcError.UNKNOWN_HEADER.code());
        assertThat(decoder.isValid()).isFalse();
        assertThat(decoder.scheme()).isNull();
        assertThat(EpcHex.toHex(decoder.rawHigh(), decoder.rawLow())).isEqualTo(tidLike);
        assertThat(decoder.appendRawHex(new StringBuilder()).toString()).isEqualTo(tidLike);
        assertThat(Gtin.skuKey(decoder)).isEqualTo(Gtin.NO_SKU);
        assertThat(EpcDecoder.reasonText(result)).contains("header");
        assertThatThrownBy(decoder::pureIdentityUri).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectPartitionSevenWhenDecodingSgtin96() {
        long high = 0x3074257BF7194E40L | (7L << 50);

        assertThat(decoder.decode(high, 0x1A85)).isEqualTo(EpcError.INVALID_PARTITION.code());
        assertThat(decoder.partition()).isEqualTo(7);
        assertThat(EpcError.fromCode(decoder.lastResult())).isEqualTo(EpcError.INVALID_PARTITION);
    }

    @Test
    void shouldRejectCompanyPrefixWhenValueHasMoreDigitsThanPartitionAllows() {
        // partition 5: 24-bit company prefix must be < 10^7; set it to 2^24 - 1 = 16777215
        long high = 0x3074000000000000L | (0xFFFFFFL << 26);

        assertThat(decoder.decode(high, 0)).isEqualTo(EpcError.COMPANY_PREFIX_OUT_OF_RANGE.code());
    }

    @Test
    void shouldRejectItemReferenceWhenValueHasMoreDigitsThanPartitionAllows() {
        // partition 5: 20-bit item reference must be < 10^6; set it to 2^20 - 1
        long high = 0x3074257BF4000000L | (0xFFFFFL << 6);

        assertThat(decoder.decode(high, 1)).isEqualTo(EpcError.REFERENCE_OUT_OF_RANGE.code());
    }

    @Test
    void shouldRejectNonZeroAssetTypeWhenGraiPartitionZeroHasNoAssetTypeDigits() {
        // GRAI-96, partition 0: 40-bit company prefix, 4-bit asset type with 0 digits -> must be 0
        long high = (0x33L << 56) | (1L << 6);

        assertThat(decoder.decode(high, 0)).isEqualTo(EpcError.REFERENCE_OUT_OF_RANGE.code());
        assertThat(decoder.decode((0x33L << 56), 5)).isZero();
        assertThat(decoder.pureIdentityUri()).isEqualTo("urn:epc:id:grai:000000000000..5");
    }

    @Test
    void shouldRejectSsccWhenReservedBitsAreNotZero() {
        assertThat(decoder.decodeHex("3174257BF4499602D2000001")).isEqualTo(EpcError.NON_ZERO_RESERVED_BITS.code());
    }

    @Test
    void shouldReturnWrongLengthWhen198BitHeaderArrivesAs96Bits() {
        assertThat(decoder.decode(0x3674257BF7194E59L, 0)).isEqualTo(EpcError.WRONG_LENGTH.code());
    }

    @Test
    void shouldReturnWrongLengthWhenByteInputLengthDoesNotMatchScheme() {
        byte[] buf = new byte[32];
        buf[0] = 0x30;

        assertThat(decoder.decode(buf, 0, 128)).isEqualTo(EpcError.WRONG_LENGTH.code());
        assertThat(decoder.decode(buf, 0, 4)).isEqualTo(EpcError.WRONG_LENGTH.code());
    }

    @Test
    void shouldReturnBufferTooShortWhenBytesDoNotCoverBitLength() {
        byte[] buf = new byte[12];
        buf[0] = 0x36;

        assertThat(decoder.decode(buf, 0, 198)).isEqualTo(EpcError.BUFFER_TOO_SHORT.code());
        assertThat(decoder.decode(buf, 4, 96)).isEqualTo(EpcError.BUFFER_TOO_SHORT.code());
        assertThat(decoder.decode(null, 0, 96)).isEqualTo(EpcError.BUFFER_TOO_SHORT.code());
    }

    @Test
    void shouldRejectCharacterOutsideGs1SetWhenDecodingAlphanumericSerial() {
        // replace first serial char '3' (0x33) with '#' (0x23), which is not in the GS1 AI character set 82
        byte[] buf = encodeBytes("urn:epc:tag:sgtin-198:3.0614141.812345.3");
        setBits(buf, 58, 7, 0x23);

        assertThat(decoder.decode(buf, 0, 198)).isEqualTo(EpcError.INVALID_CHARACTER.code());
    }

    @Test
    void shouldRejectNonZeroBitsAfterTerminatorWhenDecodingAlphanumericSerial() {
        byte[] buf = encodeBytes("urn:epc:tag:sgtin-198:3.0614141.812345.3");
        setBits(buf, 58 + 7 * 3, 7, 'A');

        assertThat(decoder.decode(buf, 0, 198)).isEqualTo(EpcError.NON_ZERO_PADDING.code());
    }

    @Test
    void shouldRejectEmptySerialWhenAlphanumericFieldIsAllZero() {
        byte[] buf = encodeBytes("urn:epc:tag:sgtin-198:3.0614141.812345.3");
        setBits(buf, 58, 7, 0);

        assertThat(decoder.decode(buf, 0, 198)).isEqualTo(EpcError.EMPTY_COMPONENT.code());
    }

    @Test
    void shouldRejectGiai202AssetReferenceWhenLongerThanPartitionAllows() {
        // partition 0: 148-bit field holds 21 chars but at most 30 - 12 = 18 are allowed
        byte[] buf = encodeBytes("urn:epc:tag:giai-202:0.061414100000.ABCDEFGHIJKLMNOPQR");
        setBits(buf, 14 + 40 + 7 * 18, 7, 'S');

        assertThat(decoder.decode(buf, 0, 202)).isEqualTo(EpcError.STRING_TOO_LONG.code());
    }

    @Test
    void shouldReturnHexErrorsWhenDecodingMalformedHex() {
        assertThat(decoder.decodeHex("3074257BF7194E4000001A8G")).isEqualTo(EpcError.NOT_HEX.code());
        assertThat(decoder.decodeHex("3074257BF7194E4000001A8")).isEqualTo(EpcError.WRONG_HEX_LENGTH.code());
        assertThat(decoder.decodeHex("")).isEqualTo(EpcError.WRONG_HEX_LENGTH.code());
        assertThat(decoder.isValid()).isFalse();
    }

    @Test
    void shouldGiveDistinctReasonTextForEveryErrorCode() {
        for (EpcError e : EpcError.values()) {
            assertThat(EpcError.fromCode(e.code())).isSameAs(e);
            assertThat(EpcDecoder.reasonText(e.code())).isEqualTo(e.reasonText()).isNotBlank();
        }
        assertThat(EpcError.fromCode(-999)).isNull();
        assertThat(EpcError.fromCode(5)).isNull();
        assertThat(EpcDecoder.reasonText(-999)).isEqualTo("unknown error code");
    }

    private static byte[] encodeBytes(String tagUri) {
        byte[] buf = new byte[32];
        new EpcEncoder().encodeTagUri(tagUri).copyBytes(buf, 0);
        return buf;
    }

    private static void setBits(byte[] buf, int pos, int len, int value) {
        for (int i = 0; i < len; i++) {
            int bit = (value >>> (len - 1 - i)) & 1;
            int p = pos + i;
            if (bit == 1) {
                buf[p >>> 3] |= (byte) (0x80 >>> (p & 7));
            } else {
                buf[p >>> 3] &= (byte) ~(0x80 >>> (p & 7));
            }
        }
    }
}
