package dev.inventory.rfid.epc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips for every partition 0..6 of every partitioned scheme, checked against an independent, deliberately
 * naive reference encoder (binary strings + BigInteger) written from the TDS coding tables.
 */
class EpcRoundTripTest {

    private static final int[] CP_BITS = {40, 37, 34, 30, 27, 24, 20};
    private static final String MAX = "max";
    private static final String MIN = "min";
    private static final String MID = "mid";

    private final EpcDecoder decoder = new EpcDecoder();
    private final EpcEncoder encoder = new EpcEncoder();

    static List<Arguments> partitionedCases() {
        List<Arguments> cases = new ArrayList<>();
        for (EpcScheme s : EpcScheme.values()) {
            if (s == EpcScheme.GID_96) {
                continue;
            }
            for (int p = 0; p <= 6; p++) {
                for (String variant : new String[] {MAX, MIN, MID}) {
                    cases.add(Arguments.of(s, p, variant));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} partition {1} {2}")
    @MethodSource("partitionedCases")
    void shouldRoundTripWhenEncodingAndDecodingEveryPartition(EpcScheme scheme, int partition, String variant) {
        Vector v = vector(scheme, partition, variant);

        String hex = encoder.encodeTagUri(v.tagUri).toHex();

        assertThat(hex).as("hex of " + v.tagUri).isEqualTo(v.expectedHex);
        assertThat(EpcEncoder.pureIdentityUriToHex(v.pureUri, scheme, v.filter)).isEqualTo(v.expectedHex);
        int result = decoder.decodeHex(hex);
        assertThat(result).as(EpcError.reasonText(result)).isZero();
        assertThat(decoder.scheme()).isEqualTo(scheme);
        assertThat(decoder.partition()).isEqualTo(partition);
        assertThat(decoder.filter()).isEqualTo(v.filter);
        assertThat(decoder.companyPrefixDigits()).isEqualTo(12 - partition);
        assertThat(decoder.companyPrefix()).isEqualTo(Long.parseLong(v.companyPrefix));
        assertThat(decoder.tagUri()).isEqualTo(v.tagUri);
        assertThat(decoder.pureIdentityUri()).isEqualTo(v.pureUri);
        if (scheme.bitLength() == 96) {
            assertThat(decoder.decode(encoder.epcHigh(), encoder.epcLow())).isZero();
            assertThat(decoder.tagUri()).isEqualTo(v.tagUri);
        } else {
            byte[] bytes = new byte[32];
            assertThat(encoder.copyBytes(bytes, 0)).isEqualTo(scheme.bitLength());
            assertThat(decoder.decode(bytes, 0, scheme.bitLength())).isZero();
            assertThat(decoder.pureIdentityUri()).isEqualTo(v.pureUri);
        }
        if (scheme.isSgtin()) {
            assertThat(Gtin.skuKey(decoder)).isEqualTo(referenceGtin(v.companyPrefix, v.reference));
        }
    }

    @Test
    void shouldRoundTripGid96WhenValuesAreZeroAndMaximal() {
        String[][] values = {{"0", "0", "0"}, {"268435455", "16777215", "68719476735"}, {"95100000", "12345", "400"}};
        for (String[] mcs : values) {
            String body = mcs[0] + "." + mcs[1] + "." + mcs[2];
            String expected = refHex(bin(0x35, 8) + bin(mcs[0], 28) + bin(mcs[1], 24) + bin(mcs[2], 36));

            String hex = EpcEncoder.pureIdentityUriToHex("urn:epc:id:gid:" + body);

            assertThat(hex).isEqualTo(expected);
            assertThat(decoder.decodeHex(hex)).isZero();
            assertThat(decoder.pureIdentityUri()).isEqualTo("urn:epc:id:gid:" + body);
            assertThat(decoder.tagUri()).isEqualTo("urn:epc:tag:gid-96:" + body);
        }
    }

    @Test
    void shouldDefaultToFilterZeroAnd96BitSchemeWhenEncodingPureIdentityWithoutOptions() {
        encoder.encodePureIdentityUri("urn:epc:id:sgtin:0614141.812345.6789");

        assertThat(encoder.scheme()).isEqualTo(EpcScheme.SGTIN_96);
        assertThat(encoder.bitLength()).isEqualTo(96);
        assertThat(decoder.decode(encoder.epcHigh(), encoder.epcLow())).isZero();
        assertThat(decoder.filter()).isZero();
        assertThat(decoder.tagUri()).isEqualTo("urn:epc:tag:sgtin-96:0.0614141.812345.6789");
    }

    @Test
    void shouldProduceTdsHexWhenEncodingTdsExampleTagUri() {
        encoder.encodeUri("urn:epc:tag:sgtin-96:3.0614141.812345.6789");

        assertThat(encoder.toHex()).isEqualTo("3074257BF7194E4000001A85");
        assertThat(encoder.epcHigh()).isEqualTo(0x3074257BF7194E40L);
        assertThat(encoder.epcLow()).isEqualTo(0x00001A85);
    }

    // ------------------------------------------------------------------------------------------------ vectors

    private static final class Vector {
        String tagUri;
        String pureUri;
        String expectedHex;
        String companyPrefix;
        String reference;
        int filter;
    }

    private static Vector vector(EpcScheme s, int p, String variant) {
        int cpDigits = 12 - p;
        int cpBits = CP_BITS[p];
        Vector v = new Vector();
        v.filter = (p + variant.length()) % 8;
        v.companyPrefix = digits(variant, cpDigits, "061414112345");
        String bits = bin(s.header(), 8) + bin(v.filter, 3) + bin(p, 3) + bin(v.companyPrefix, cpBits);
        String idBody;
        switch (s) {
            case SGTIN_96:
            case SGTIN_198: {
                v.reference = digits(variant, 13 - cpDigits, "8123456");
                bits += bin(v.reference, 44 - cpBits);
                String serial;
                if (s == EpcScheme.SGTIN_96) {
                    serial = numeric(variant, 38, "6789");
                    bits += bin(serial, 38);
                } else {
                    serial = alnum(variant, 20);
                    bits += chars(serial, 140);
                }
                idBody = v.companyPrefix + "." + v.reference + "." + serial;
                break;
            }
            case SSCC_96:
                v.reference = digits(variant, 17 - cpDigits, "12345678901");
                bits += bin(v.reference, 58 - cpBits) + "0".repeat(24);
                idBody = v.companyPrefix + "." + v.reference;
                break;
            case SGLN_96: {
                v.reference = digits(variant, 12 - cpDigits, "123456");
                String ext = numeric(variant, 41, "400");
                bits += bin(v.reference.isEmpty() ? "0" : v.reference, 41 - cpBits) + bin(ext, 41);
                idBody = v.companyPrefix + "." + v.reference + "." + ext;
                break;
            }
            case GRAI_96:
            case GRAI_170: {
                v.reference = digits(variant, 12 - cpDigits, "123456");
                bits += bin(v.reference.isEmpty() ? "0" : v.reference, 44 - cpBits);
                String serial;
                if (s == EpcScheme.GRAI_96) {
                    serial = numeric(variant, 38, "400");
                    bits += bin(serial, 38);
                } else {
                    serial = alnum(variant, 16);
                    bits += chars(serial, 112);
                }
                idBody = v.companyPrefix + "." + v.reference + "." + serial;
                break;
            }
            case GIAI_96:
                v.reference = numeric(variant, 82 - cpBits, "12345400");
                bits += bin(v.reference, 82 - cpBits);
                idBody = v.companyPrefix + "." + v.reference;
                break;
            case GIAI_202:
                v.reference = alnum(variant, 30 - cpDigits);
                bits += chars(v.reference, 188 - cpBits);
                idBody = v.companyPrefix + "." + v.reference;
                break;
            default:
                throw new AssertionError(s);
        }
        assertThat(bits).hasSize(s.bitLength());
        v.expectedHex = refHex(bits);
        v.pureUri = "urn:epc:id:" + s.pureIdentityName() + ":" + idBody;
        v.tagUri = "urn:epc:tag:" + s.tagUriName() + ":" + v.filter + "." + idBody;
        return v;
    }

    private static String digits(String variant, int n, String pattern) {
        switch (variant) {
            case MAX:
                return "9".repeat(n);
            case MIN:
                return n == 0 ? "" : "0".repeat(n - 1) + "1";
            default:
                return (pattern + pattern).substring(0, n);
        }
    }

    private static String numeric(String variant, int bits, String mid) {
        switch (variant) {
            case MAX:
                return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).toString();
            case MIN:
                return "0";
            default:
                return mid;
        }
    }

    /** URI-form alphanumeric serial (escapes included); max variant fills the whole allowed length. */
    private static String alnum(String variant, int maxChars) {
        switch (variant) {
            case MAX: {
                String all = "Zz9!%22%25%26'()*+,-.%2F:;%3C=%3E%3F_AaBbCcDdEeFfGgHh";
                StringBuilder sb = new StringBuilder();
                int i = 0;
                for (int n = 0; n < maxChars; n++) {
                    int len = all.charAt(i) == '%' ? 3 : 1;
                    sb.append(all, i, i + len);
                    i += len;
                }
                return sb.toString();
            }
            case MIN:
                return "0";
            default:
                return "32a%2Fb";
        }
    }

    private static String unescape(String uriComponent) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < uriComponent.length(); i++) {
            char c = uriComponent.charAt(i);
            if (c == '%') {
                sb.append((char) Integer.parseInt(uriComponent.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String chars(String uriComponent, int fieldBits) {
        StringBuilder sb = new StringBuilder();
        for (char c : unescape(uriComponent).toCharArray()) {
            sb.append(bin(c, 7));
        }
        while (sb.length() < fieldBits) {
            sb.append('0');
        }
        return sb.toString();
    }

    private static String bin(long value, int bits) {
        return bin(Long.toString(value), bits);
    }

    private static String bin(String decimal, int bits) {
        String b = new BigInteger(decimal).toString(2);
        assertThat(b.length()).as(decimal + " fits in " + bits).isLessThanOrEqualTo(bits);
        return "0".repeat(bits - b.length()) + b;
    }

    private static String refHex(String bits) {
        String padded = bits + "0".repeat((16 - bits.length() % 16) % 16);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < padded.length(); i += 4) {
            sb.append(Character.toUpperCase(Character.forDigit(Integer.parseInt(padded.substring(i, i + 4), 2), 16)));
        }
        return sb.toString();
    }

    /** GTIN-14 built textually: indicator + company prefix + rest of item reference + mod-10 check digit. */
    private static long referenceGtin(String companyPrefix, String itemReference) {
        String first13 = itemReference.charAt(0) + companyPrefix + itemReference.substring(1);
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            int d = first13.charAt(12 - i) - '0';
            sum += (i % 2 == 0) ? 3 * d : d;
        }
        return Long.parseLong(first13 + ((10 - sum % 10) % 10));
    }
}
