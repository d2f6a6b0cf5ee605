package dev.inventory.rfid.llrp;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlrpInventoryCommandTest
{
    private static final String SGTIN = "3074257BF7194E4000001A85";
    private static final String RAW = "E2801160600002054E7A1B2C";
    private static final String LONG = "E28011606000020500000000000000AB";

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void shouldPrintOneCsvLinePerTagAndAntennaWhenReaderAnswers() throws Exception
    {
        try (LlrpReaderSimulator simulator = new LlrpReaderSimulator()
            .reportIntervalMs(25)
            .readsPerCycle(3)
            .impinjPeakRssi(true)
            .addTag(SGTIN, 1, LlrpReaderSimulator.RssiPattern.triangle(-6025, -4550, 6))
            .addTag(SGTIN, 2, -60)
            .addTag(RAW, 2, -71)
            .addTag(LONG, 4, -66))
        {
            final int status = LlrpInventoryCommand.run(simulator.host(), simulator.port(), 1, out, err);

            assertThat(status).as(errBytes.toString(StandardCharsets.UTF_8)).isEqualTo(LlrpInventoryCommand.EXIT_OK);
            final List<String> lines = Arrays.asList(outBytes.toString(StandardCharsets.UTF_8).split("\n"));
            assertThat(lines).hasSize(5);
            assertThat(lines.get(0)).isEqualTo("epc,antenna,reads,peak_rssi_dbm");
            assertThat(lines.subList(1, 5)).containsExactly(
                "E28011606000020500000000000000AB,4," + simulator.sentReads(LONG, 4) + ",-66",
                "E2801160600002054E7A1B2C,2," + simulator.sentReads(RAW, 2) + ",-71",
                "urn:epc:id:sgtin:0614141.812345.6789,1," + simulator.sentReads(SGTIN, 1) + "," +
                    LlrpInventoryCommand.formatDbm(simulator.sentPeakRssiCentiDbm(SGTIN, 1)),
                "urn:epc:id:sgtin:0614141.812345.6789,2," + simulator.sentReads(SGTIN, 2) + ",-60");
            assertThat(simulator.sentReads(SGTIN, 1)).isGreaterThanOrEqualTo(3 * 20);
            assertThat(simulator.closeConnections()).isEqualTo(1);
            assertThat(simulator.requests(LlrpDescriptor.STOP_ROSPEC)).isEqualTo(1);
            assertThat(simulator.lastAntennas()).containsExactly(0);
        }
    }

    @Test
    void shouldFailWithReasonWhenNoReaderListens() throws Exception
    {
        final int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = probe.getLocalPort();
        }

        final int status = LlrpInventoryCommand.run("127.0.0.1", port, 1, out, err);

        assertThat(status).isEqualTo(LlrpInventoryCommand.EXIT_NO_READER);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("CONNECT_FAILED");
        assertThat(outBytes.size()).isZero();
    }

    @Test
    void shouldRejectBadArguments()
    {
        assertThat(LlrpInventoryCommand.run("", 5084, 1, out, err)).isEqualTo(LlrpInventoryCommand.EXIT_USAGE);
        assertThat(LlrpInventoryCommand.run("h", 0, 1, out, err)).isEqualTo(LlrpInventoryCommand.EXIT_USAGE);
        assertThat(LlrpInventoryCommand.run("h", 5084, 0, out, err)).isEqualTo(LlrpInventoryCommand.EXIT_USAGE);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("--host", "--port", "--seconds");
    }

    @Test
    void shouldFormatDbmWithoutTrailingZeros()
    {
        assertThat(LlrpInventoryCommand.formatDbm(-5500)).isEqualTo("-55");
        assertThat(LlrpInventoryCommand.formatDbm(-5525)).isEqualTo("-55.25");
        assertThat(LlrpInventoryCommand.formatDbm(-5550)).isEqualTo("-55.5");
        assertThat(LlrpInventoryCommand.formatDbm(TagReport.RSSI_UNKNOWN)).isEmpty();
    }
}
