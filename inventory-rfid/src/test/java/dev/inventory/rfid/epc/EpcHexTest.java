package dev.inventory.rfid.epc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpcHexTest {

    @Test
    void shouldSplitIntoHighAndLowWhenHexIsValid() {
        assertThat(EpcHex.validate96("3074257BF7194E4000001A85")).isZero();
        assertThat(EpcHex.parseHigh64("3074257BF7194E4000001A85")).isEqualTo(0x3074257BF7194E40L);
        assertThat(EpcHex.parseLow32("3074257BF7194E4000001A85")).isEqualTo(0x00001A85);
    }

    @Test
    void shouldAcceptLowerCaseAndFormatUpperCaseWhenRoundTripping() {
        String lower = "e2801160600002054e2a3b4c";

        long high = EpcHex.parseHigh64(lower);
        int low = EpcHex.parseLow32(lower);

        assertThat(high).isEqualTo(0xE280116060000205L);
        assertThat(low).isEqualTo(0x4E2A3B4C);
        assertThat(EpcHex.toHex(high, low)).isEqualTo(lower.toUpperCase());
    }

    @Test
    void shouldKeepSignBitsWhenHighAndLowHaveTopBitSet() {
        assertThat(EpcHex.toHex(-1L, -1)).isEqualTo("FFFFFFFFFFFFFFFFFFFFFFFF");
        assertThat(EpcHex.parseHigh64("FFFFFFFFFFFFFFFF80000000")).isEqualTo(-1L);
        assertThat(EpcHex.parseLow32("FFFFFFFFFFFFFFFF80000000")).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void shouldReturnErrorCodeWhenHexHasWrongLengthOrNonHexCharacter() {
        assertThat(EpcHex.validate96("3074257BF7194E4000001A8")).isEqualTo(EpcError.WRONG_HEX_LENGTH.code());
        assertThat(EpcHex.validate96("3074257BF7194E4000001A850")).isEqualTo(EpcError.WRONG_HEX_LENGTH.code());
        assertThat(EpcHex.validate96(null)).isEqualTo(EpcError.WRONG_HEX_LENGTH.code());
        assertThat(EpcHex.validate96("3074257BF7194E4000001A8 ")).isEqualTo(EpcError.NOT_HEX.code());
        assertThat(EpcHex.validate96("3074257BF7194E400000-A85")).isEqualTo(EpcError.NOT_HEX.code());
    }

    @Test
    void shouldThrowWithReasonWhenThrowingParserGetsInvalidHex() {
        assertThatThrownBy(() -> EpcHex.parseHigh64("XYZ"))
                .isInstanceOfSatisfying(EpcEncodingException.class,
                        e -> assertThat(e.error()).isEqualTo(EpcError.WRONG_HEX_LENGTH));
        assertThatThrownBy(() -> EpcHex.parseLow32("3074257BF7194E4000001AXX"))
                .isInstanceOfSatisfying(EpcEncodingException.class,
                        e -> assertThat(e.error()).isEqualTo(EpcError.NOT_HEX));
    }

    @Test
    void shouldParseAnyEvenLengthIntoBytesWhenBufferIsLargeEnough() {
        byte[] dst = new byte[30];
        String hex = "3674257BF7194E59B2C2BF100000000000000000000000000000";

        int bits = EpcHex.parse(hex, dst, 2);

        assertThat(bits).isEqualTo(208);
        assertThat(dst[2]).isEqualTo((byte) 0x36);
        assertThat(EpcHex.toHex(dst, 2, 208)).isEqualTo(hex);
        assertThat(EpcHex.parse(hex, dst, 5)).isEqualTo(EpcError.WRONG_HEX_LENGTH.code());
        assertThat(EpcHex.parse("ABC", dst, 0)).isEqualTo(EpcError.WRONG_HEX_LENGTH.code());
        assertThat(EpcHex.parse("AG", dst, 0)).isEqualTo(EpcError.NOT_HEX.code());
    }
}
