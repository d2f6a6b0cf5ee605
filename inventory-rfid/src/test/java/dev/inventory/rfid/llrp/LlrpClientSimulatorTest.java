package dev.inventory.rfid.llrp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlrpClientSimulatorTest
{
    private static final String SGTIN = "3074257BF7194E4000001A85";
    private static final String RAW = "E2801160600002054E7A1B2C";
    private static final String LONG = "E28011606000020500000000000000AB";
    private static final long WAIT_MS = 10_000;

    private LlrpReaderSimulator simulator;
    private LlrpClient client;
    private final LlrpTestListener listener = new LlrpTestListener();

    @BeforeEach
    void setUp() throws IOException
    {
        simulator = new LlrpReaderSimulator()
            .reportIntervalMs(20)
            .addTag(SGTIN, 1, -55)
            .addTag(SGTIN, 2, LlrpReaderSimulator.RssiPattern.triangle(-7000, -4000, 10))
            .addTag(RAW, 2, LlrpReaderSimulator.RssiPattern.random(42, -7500, -6000))
            .addTag(LONG, 3, -61);
    }

    @AfterEach
    void tearDown()
    {
        if (null != client)
        {
            client.close();
        }
        simulator.close();
    }

    private LlrpClient.Context context()
    {
        return new LlrpClient.Context()
            .host(simulator.host())
            .port(simulator.port())
            .keepaliveIntervalMs(100)
            .reconnectBackoffMinMs(20)
            .reconnectBackoffMaxMs(200)
            .responseTimeoutMs(2_000)
            .closeTimeoutMs(2_000);
    }

    private LlrpClient start(final LlrpClient.Context ctx)
    {
        client = new LlrpClient(ctx, listener).start();
        return client;
    }

    @Test
    void shouldRunConnectSequenceAndDeliverEveryReadWhenReaderIsHealthy() throws InterruptedException
    {
        simulator.readsPerCycle(2);
        start(context());

        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        assertThat(simulator.await(() -> simulator.tagReportsSent() >= 40 && simulator.keepaliveAcks() >= 2, WAIT_MS))
            .isTrue();
        client.close();

        assertThat(client.linkState()).isEqualTo(LlrpLinkState.CLOSED);
        assertThat(simulator.await(() -> simulator.closeConnections() == 1, WAIT_MS)).isTrue();
        assertThat(simulator.requests(LlrpDescriptor.GET_READER_CAPABILITIES)).isEqualTo(1);
        assertThat(simulator.requests(LlrpDescriptor.SET_READER_CONFIG)).isEqualTo(1);
        assertThat(simulator.requests(LlrpDescriptor.DELETE_ROSPEC)).isEqualTo(1);
        assertThat(simulator.requests(LlrpDescriptor.ADD_ROSPEC)).isEqualTo(1);
        assertThat(simulator.requests(LlrpDescriptor.ENABLE_ROSPEC)).isEqualTo(1);
        assertThat(simulator.requests(LlrpDescriptor.START_ROSPEC)).isEqualTo(1);
        assertThat(simulator.requests(LlrpDescriptor.STOP_ROSPEC)).isEqualTo(1);
        assertThat(simulator.lastContent()).isEqualTo(TagReportContent.DEFAULT);
        assertThat(simulator.lastKeepaliveIntervalMs()).isEqualTo(100);
        assertThat(simulator.lastAntennas()).containsExactly(0);
        assertThat(simulator.lastStartTrigger()).isEqualTo(LlrpDescriptor.START_TRIGGER_NULL);
        assertThat(client.readerMaxAntennas()).isEqualTo(4);
        assertThat(client.readerManufacturer()).isEqualTo(LlrpDescriptor.IMPINJ_PEN);

        // everything the reader sent before CLOSE_CONNECTION_RESPONSE was delivered, nothing more
        assertThat(listener.tagReports.get()).isEqualTo(simulator.tagReportsSent());
        for (final String[] pair : new String[][] { { SGTIN, "1" }, { SGTIN, "2" }, { RAW, "2" }, { LONG, "3" } })
        {
            final int antenna = Integer.parseInt(pair[1]);
            assertThat(listener.reads(pair[0], antenna)).as(pair[0] + "@" + antenna)
                .isEqualTo(simulator.sentReads(pair[0], antenna)).isPositive();
            assertThat(listener.peak(pair[0], antenna)).isEqualTo(simulator.sentPeakRssiCentiDbm(pair[0], antenna));
        }
        assertThat(listener.reportsWithoutAntenna.get()).isZero();
        assertThat(client.counters().get(LlrpCounters.KEEPALIVE_ACKS)).isEqualTo(simulator.keepaliveAcks());
        assertThat(client.counters().get(LlrpCounters.FRAME_ERRORS)).isZero();
        assertThat(listener.states).containsExactly(
            LlrpLinkState.CONNECTING, LlrpLinkState.CONNECTED, LlrpLinkState.CLOSED);
    }

    @Test
    void shouldNotSendStartRoSpecWhenStartTriggerIsImmediate() throws InterruptedException
    {
        start(context().startImmediately(true).antennas(1, 2).content(TagReportContent.ALL));

        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        assertThat(simulator.await(() -> simulator.tagReportsSent() >= 10, WAIT_MS)).isTrue();

        assertThat(simulator.requests(LlrpDescriptor.START_ROSPEC)).isZero();
        assertThat(simulator.lastStartTrigger()).isEqualTo(LlrpDescriptor.START_TRIGGER_IMMEDIATE);
        assertThat(simulator.lastAntennas()).containsExactly(1, 2);
        assertThat(simulator.lastContent()).isEqualTo(TagReportContent.ALL);
        client.close();
        assertThat(listener.reads(LONG, 3)).isZero(); // antenna 3 not inventoried
        assertThat(listener.reads(SGTIN, 1)).isEqualTo(simulator.sentReads(SGTIN, 1));
    }

    @Test
    void shouldReconnectAndResumeWhenLinkDropsMidStream() throws InterruptedException
    {
        simulator.dropAfterReports(5);
        start(context());

        assertThat(simulator.await(() -> simulator.connections() >= 2, WAIT_MS)).isTrue();
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        final long before = listener.tagReports.get();
        assertThat(simulator.await(() -> listener.tagReports.get() > before + 20, WAIT_MS)).isTrue();

        assertThat(client.counters().get(LlrpCounters.DISCONNECTS)).isEqualTo(1);
        assertThat(client.counters().get(LlrpCounters.CONNECTS)).isEqualTo(2);
        assertThat(listener.states).containsSubsequence(
            LlrpLinkState.CONNECTED, LlrpLinkState.RECONNECTING, LlrpLinkState.CONNECTED);
        client.close();
        assertThat(listener.reads(SGTIN, 1)).isEqualTo(simulator.sentReads(SGTIN, 1));
    }

    @Test
    void shouldCountTruncatedFrameWhenLinkEndsInsideAFrame() throws InterruptedException
    {
        start(context());
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();

        simulator.dropMidFrame();

        assertThat(simulator.await(() -> simulator.connections() >= 2, WAIT_MS)).isTrue();
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        assertThat(client.counters().frameErrors(LlrpFrameError.TRUNCATED)).isEqualTo(1);
    }

    @Test
    void shouldResetLinkWhenWatchdogExpiresOnSilentReader() throws InterruptedException
    {
        start(context().watchdogTimeoutMs(300));
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();

        simulator.stall(true);
        assertThat(client.awaitLinkState(LlrpLinkState.RECONNECTING, WAIT_MS)).isTrue();
        simulator.stall(false);

        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        assertThat(client.counters().get(LlrpCounters.WATCHDOG_TIMEOUTS)).isGreaterThanOrEqualTo(1);
        assertThat(client.lastReason()).isEqualTo(LlrpClient.REASON_WATCHDOG);
    }

    @ParameterizedTest
    @CsvSource({
        "04 3E 00 00 00 05 00 00 00 01, -2",                      // KEEPALIVE, length 5
        "04 3E 7F FF FF FF 00 00 00 01, -3",                      // KEEPALIVE, length 2 GiB
        "0C 3E 00 00 00 0A 00 00 00 01, -5",                      // version 3
        "07 E7 00 00 00 0A 00 00 00 01, -6",                      // type 999
        "04 3D 00 00 00 12 00 00 00 01 00 F0 00 10 8D 00 00 00, -7", // TagReportData overruns the message
        "04 3D 00 00 00 0E 00 00 00 01 00 F0 00 02, -8",          // TLV shorter than its header
        "04 3D 00 00 00 0F 00 00 00 01 00 F0 00 05 C5, -9",       // unknown TV type 69
        "04 3D 00 00 00 0F 00 00 00 01 00 F0 00 05 00, -7",       // TLV header cut by its parent
    })
    void shouldRejectMalformedFrameCountItAndReconnect(final String hex, final int code) throws InterruptedException
    {
        start(context());
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();

        simulator.sendRaw(bytes(hex));

        assertThat(simulator.await(() -> simulator.connections() >= 2, WAIT_MS)).isTrue();
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        assertThat(client.counters().get(LlrpCounters.FRAME_ERRORS)).isEqualTo(1);
        assertThat(client.counters().frameErrors(code)).as(LlrpFrameError.reasonText(code)).isEqualTo(1);
        assertThat(listener.states).containsSubsequence(
            LlrpLinkState.CONNECTED, LlrpLinkState.RECONNECTING, LlrpLinkState.CONNECTED);
    }

    @Test
    void shouldRetryWhenSetupRequestFails() throws InterruptedException
    {
        simulator.failNext(LlrpDescriptor.ADD_ROSPEC, 100);
        start(context());

        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();

        assertThat(simulator.connections()).isEqualTo(2);
        assertThat(client.counters().get(LlrpCounters.STATUS_ERRORS)).isEqualTo(1);
        assertThat(client.counters().get(LlrpCounters.CONNECT_FAILURES)).isEqualTo(1);
        assertThat(listener.states).containsExactly(
            LlrpLinkState.CONNECTING, LlrpLinkState.RECONNECTING, LlrpLinkState.CONNECTED);
    }

    @Test
    void shouldRetryWhenReaderRefusesConnection() throws InterruptedException
    {
        simulator.connectionAttemptStatus(4);
        start(context());

        assertThat(simulator.await(() -> client.counters().get(LlrpCounters.CONNECT_FAILURES) >= 2, WAIT_MS)).isTrue();
        assertThat(client.linkState()).isNotEqualTo(LlrpLinkState.CONNECTED);
        assertThat(client.lastReason()).isEqualTo(LlrpClient.REASON_CONNECTION_REFUSED);
        simulator.connectionAttemptStatus(0);

        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        assertThat(client.counters().get(LlrpCounters.CONNECTS)).isEqualTo(1);
    }

    @Test
    void shouldKeepLastValuesWhenReaderOmitsUnchangedFields() throws InterruptedException
    {
        simulator.omitUnchangedFields(true).readsPerCycle(3);
        start(context().content(TagReportContent.ALL));

        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        assertThat(simulator.await(() -> simulator.tagReportsSent() >= 40, WAIT_MS)).isTrue();
        client.close();

        assertThat(listener.reportsWithoutAntenna.get()).isZero();
        assertThat(listener.reportsWithoutRssi.get()).isZero();
        for (final String[] pair : new String[][] { { SGTIN, "1" }, { SGTIN, "2" }, { RAW, "2" }, { LONG, "3" } })
        {
            final int antenna = Integer.parseInt(pair[1]);
            assertThat(listener.reads(pair[0], antenna)).isEqualTo(simulator.sentReads(pair[0], antenna));
            assertThat(listener.peak(pair[0], antenna)).isEqualTo(simulator.sentPeakRssiCentiDbm(pair[0], antenna));
        }
    }

    @Test
    void shouldUseImpinjPeakRssiAndEpcDataWhenReaderSendsThem() throws InterruptedException
    {
        simulator.impinjPeakRssi(true).epcAsEpcData(true);
        start(context());

        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        assertThat(simulator.await(() -> simulator.tagReportsSent() >= 20, WAIT_MS)).isTrue();
        client.close();

        assertThat(listener.peak(RAW, 2)).isEqualTo(simulator.sentPeakRssiCentiDbm(RAW, 2));
        assertThat(listener.peak(RAW, 2) % 100).isNotZero(); // centi-dBm precision survived (seeded noise)
    }

    @Test
    void shouldKeepLinkWhenReaderSendsErrorMessage() throws InterruptedException
    {
        start(context());
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();

        simulator.sendErrorMessage(100, "simulated");

        assertThat(simulator.await(() -> client.counters().get(LlrpCounters.ERROR_MESSAGES) == 1, WAIT_MS)).isTrue();
        assertThat(client.linkState()).isEqualTo(LlrpLinkState.CONNECTED);
        assertThat(simulator.connections()).isEqualTo(1);
    }

    @Test
    void shouldReconnectWhenReaderClosesTheConnection() throws InterruptedException
    {
        start(context());
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();

        simulator.closeFromReader();

        assertThat(simulator.await(() -> simulator.connections() >= 2, WAIT_MS)).isTrue();
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        assertThat(client.lastReason()).isIn(LlrpClient.REASON_READER_CLOSED, LlrpClient.REASON_END_OF_STREAM);
    }

    @Test
    void shouldResetLinkAndKeepRunningWhenListenerThrows() throws InterruptedException
    {
        start(context());
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();

        listener.throwOnNextReport = new IllegalStateException("listener bug");

        assertThat(simulator.await(() -> simulator.connections() >= 2, WAIT_MS)).isTrue();
        assertThat(client.awaitLinkState(LlrpLinkState.CONNECTED, WAIT_MS)).isTrue();
        assertThat(client.counters().get(LlrpCounters.DISCONNECTS)).isEqualTo(1);
    }

    @Test
    void shouldRetryWithBackoffWhenNothingListens() throws Exception
    {
        final int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = probe.getLocalPort();
        }
        start(context().port(port));

        assertThat(simulator.await(() -> client.counters().get(LlrpCounters.CONNECT_FAILURES) >= 3, WAIT_MS)).isTrue();
        assertThat(client.linkState()).isEqualTo(LlrpLinkState.RECONNECTING);
        assertThat(client.lastReason()).isEqualTo(LlrpClient.REASON_CONNECT_FAILED);
        client.close();
        assertThat(client.linkState()).isEqualTo(LlrpLinkState.CLOSED);
    }

    static byte[] bytes(final String hex)
    {
        final String[] parts = hex.trim().split("\\s+");
        final byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }
}
