package dev.inventory.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.rfid.llrp.LlrpReaderSimulator;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class LlrpCommandTest
{
    @Test
    void shouldInventorySimulatedReaderAndPrintCsv() throws Exception
    {
        try (LlrpReaderSimulator simulator = new LlrpReaderSimulator()
            .reportIntervalMs(25)
            .addTag("3074257BF7194E4000001A85", 1, -55)
            .addTag("3074257BF7194E4000001A85", 2, -63))
        {
            final CliTestSupport result = CliTestSupport.run(
                "llrp", "--host", simulator.host(), "--port", Integer.toString(simulator.port()), "--seconds", "1");

            assertThat(result.exitCode).as(result.err()).isZero();
            final String[] lines = result.out().split("\n");
            assertThat(lines[0]).isEqualTo("epc,antenna,reads,peak_rssi_dbm");
            assertThat(lines).hasSize(3);
            assertThat(lines[1]).startsWith("urn:epc:id:sgtin:0614141.812345.6789,1,").endsWith(",-55");
            assertThat(lines[2]).startsWith("urn:epc:id:sgtin:0614141.812345.6789,2,").endsWith(",-63");
            assertThat(Long.parseLong(lines[1].split(",")[2])).isPositive();
        }
    }

    @Test
    void shouldFailClearlyWhenNoReaderListens()
    {
        final CliTestSupport result = CliTestSupport.run("llrp", "--host", "127.0.0.1", "--port", "1", "--seconds", "1");
        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err()).isNotBlank();
    }
}
