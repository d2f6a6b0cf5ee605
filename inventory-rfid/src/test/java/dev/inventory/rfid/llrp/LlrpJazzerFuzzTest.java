package dev.inventory.rfid.llrp;

import java.nio.ByteBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of the LLRP frame parser: {@link LlrpFrameDecoder#frameLength} and
 * {@link LlrpFrameDecoder#decode} over arbitrary bytes, read as a stream of frames, with a no-op handler.
 * The property: no exception escapes, and every call returns a frame length within the input or a defined
 * negative {@link LlrpFrameError} code.
 * <p>
 * Default test phase: regression mode, every input in {@code src/test/resources/dev/inventory/rfid/llrp/
 * LlrpJazzerFuzzTestInputs/fuzzFrames/} (RO_ACCESS_REPORTs, events, responses built by {@link LlrpEncoder}) is run
 * once. Fuzzing: {@code JAZZER_FUZZ=1 mvn -pl inventory-rfid test -Dtest=LlrpJazzerFuzzTest} runs for
 * {@code maxDuration}; findings are written next to the seeds (a crash becomes a regression input).
 */
class LlrpJazzerFuzzTest
{
    private static final LlrpMessageHandler NO_OP = new LlrpMessageHandler()
    {
    };

    private final LlrpFrameDecoder decoder = new LlrpFrameDecoder(4096);

    @FuzzTest(maxDuration = "30s")
    void fuzzFrames(final byte[] input)
    {
        final ByteBuffer buffer = ByteBuffer.wrap(input);
        if (input.length > 0)
        {
            // vary the connection state the parser sees: enabled content and the last-value memory
            decoder.resetConnectionState();
            final int last = input[input.length - 1] & 0xFF;
            decoder.enabledContent(last << 4 | last >>> 4);
        }
        int offset = 0;
        int frames = 0;
        while (offset < input.length && frames++ < 64)
        {
            final int available = input.length - offset;
            final int frame = decoder.frameLength(buffer, offset, available);
            assertThat(frame).isBetween(-LlrpFrameError.COUNT, available);
            final int decoded = decoder.decode(buffer, offset, available, 1_700_000_000_000L, NO_OP);
            assertThat(decoded).isLessThanOrEqualTo(available);
            if (decoded < 0)
            {
                assertThat(decoded).isGreaterThanOrEqualTo(-LlrpFrameError.COUNT);
            }
            if (frame <= 0 || decoded <= 0)
            {
                break;
            }
            assertThat(decoded).isEqualTo(frame);
            offset += frame;
        }
    }
}
