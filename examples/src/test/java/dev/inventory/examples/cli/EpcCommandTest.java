package dev.inventory.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class EpcCommandTest
{
    @Test
    void shouldPrintPureIdentityUriPerInputWhenAllDecode()
    {
        final CliTestSupport result = CliTestSupport.run(
            "epc", "decode", "3074257BF7194E4000001A85", "0x3174257bf4499602d2000000");

        assertThat(result.exitCode).isEqualTo(InventoryCli.EXIT_OK);
        assertThat(result.out()).isEqualTo(
            "urn:epc:id:sgtin:0614141.812345.6789\n" +
            "urn:epc:id:sscc:0614141.1234567890\n");
    }

    @Test
    void shouldPrintInvalidReasonAndExitOneWhenAnInputDoesNotDecode()
    {
        final CliTestSupport result = CliTestSupport.run(
            "epc", "decode", "3074257BF7194E4000001A85", "12345", "FF74257BF7194E4000001A85", "3074257BF7194E4000001AXX");

        assertThat(result.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        final String[] lines = result.out().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("urn:epc:id:sgtin:0614141.812345.6789");
        assertThat(lines[1]).startsWith("invalid: ").contains("hex");
        assertThat(lines[2]).startsWith("invalid: ").contains("header");
        assertThat(lines[3]).startsWith("invalid: ").contains("hexadecimal");
    }

    @Test
    void shouldReadOneHexPerLineFromStdinWhenNoArguments()
    {
        final CliTestSupport result = CliTestSupport.runWithStdin(
            "3074257BF7194E4000001A85\n\n  3074257BF7194E4000001A86  \n", "epc", "decode");

        assertThat(result.exitCode).isEqualTo(InventoryCli.EXIT_OK);
        assertThat(result.out()).isEqualTo(
            "urn:epc:id:sgtin:0614141.812345.6789\n" +
            "urn:epc:id:sgtin:0614141.812345.6790\n");
    }

    @Test
    void shouldPrintHexWhenEncodingUris()
    {
        final CliTestSupport result = CliTestSupport.run(
            "epc", "encode", "urn:epc:tag:sgtin-96:3.0614141.812345.6789", "urn:epc:id:sgtin:0614141.812345.6789");

        assertThat(result.exitCode).isEqualTo(InventoryCli.EXIT_OK);
        assertThat(result.out()).isEqualTo("3074257BF7194E4000001A85\n3014257BF7194E4000001A85\n");
    }

    @Test
    void shouldRoundTripWhenEncodedHexIsDecoded()
    {
        final String uri = "urn:epc:id:sgtin:4012345.012345.987654";
        final CliTestSupport encoded = CliTestSupport.run("epc", "encode", uri);
        final CliTestSupport decoded = CliTestSupport.run("epc", "decode", encoded.out().trim());

        assertThat(decoded.out()).isEqualTo(uri + "\n");
    }

    @Test
    void shouldExitOneWhenUriIsInvalid()
    {
        final CliTestSupport result = CliTestSupport.run("epc", "encode", "urn:epc:id:nonsense:1.2");

        assertThat(result.exitCode).isEqualTo(InventoryCli.EXIT_FAILURE);
        assertThat(result.out()).startsWith("invalid: UNKNOWN_URI_SCHEME");
    }

    @Test
    void shouldExitTwoWhenCommandIsUnknown()
    {
        final CliTestSupport result = CliTestSupport.run("frobnicate");

        assertThat(result.exitCode).isEqualTo(InventoryCli.EXIT_USAGE);
        assertThat(result.err()).contains("frobnicate");
    }
}
