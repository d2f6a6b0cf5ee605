package dev.inventory.core.ops;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the zero-allocation tests of this package share: the current thread's allocated bytes since {@link #begin()}
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), a control check that the measure sees an
 * allocation at all, and a deterministic xorshift stream for the test's inputs. Neither {@link #begin()},
 * {@link #allocatedSince()} nor {@link #next()} allocates.
 * Not threadsafe: one per test, used on the thread being measured.
 */
final class AllocationProbe
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final int CONTROL_BYTES = 4096;

    /** Keeps the control allocation reachable so it cannot be optimised away. */
    static byte[] sink;

    private long state = 0x9E3779B97F4A7C15L;
    private long beginBytes;

    /** Starts (or restarts) the measured window. */
    void begin()
    {
        beginBytes = THREADS.getCurrentThreadAllocatedBytes();
    }

    /** @return bytes the current thread allocated since the last {@link #begin()}. */
    long allocatedSince()
    {
        return THREADS.getCurrentThreadAllocatedBytes() - beginBytes;
    }

    /** Asserts the measure sees a 4 KiB allocation, so that a zero measured before is not a blind probe. */
    void assertSeesAllocation()
    {
        final long controlBefore = THREADS.getCurrentThreadAllocatedBytes();
        sink = new byte[CONTROL_BYTES];
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - controlBefore).isGreaterThanOrEqualTo(CONTROL_BYTES);
    }

    /** @return the next value of the xorshift stream, in [0, 2^31). */
    int next()
    {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        return (int)(state >>> 33);
    }
}
