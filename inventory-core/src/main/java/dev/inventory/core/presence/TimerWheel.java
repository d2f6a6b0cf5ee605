package dev.inventory.core.presence;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A hashed timer wheel over record time, with at most one timer per handle (tag). Each wheel slot holds an
 * intrusive singly linked list threaded through preallocated arrays, so scheduling and expiry never allocate and
 * cost O(1) per timer, independent of how many tags exist. Time only moves forward: {@link #advance} with an
 * earlier time is a no-op, so out-of-order records cannot run timers backwards.
 * Instances are NOT threadsafe: engine thread only.
 */
public final class TimerWheel
{
    /** Called when a timer expires. */
    @FunctionalInterface
    public interface ExpiryHandler
    {
        /**
         * @param handle     whose timer expired; it is no longer scheduled when this is called.
         * @param deadlineMs the timer's deadline.
         * @param nowMs      the time the wheel advanced to.
         */
        void onExpiry(int handle, long deadlineMs, long nowMs);
    }

    private static final int NONE = -1;

    private final long tickMs;
    private final int mask;
    private final int[] head;
    private final int[] next;
    private final long[] deadline;
    private final boolean[] scheduled;
    private long currentTick = Long.MIN_VALUE;
    private int size;

    /**
     * @param tickMs     resolution in ms, &gt;= 1.
     * @param wheelSize  slots, a power of two.
     * @param capacity   handles 0..capacity-1.
     */
    public TimerWheel(final long tickMs, final int wheelSize, final int capacity)
    {
        if (tickMs < 1)
        {
            throw new IllegalArgumentException("tickMs must be >= 1: " + tickMs);
        }
        if (wheelSize < 2 || Integer.bitCount(wheelSize) != 1)
        {
            throw new IllegalArgumentException("wheelSize must be a power of two >= 2: " + wheelSize);
        }
        this.tickMs = tickMs;
        this.mask = wheelSize - 1;
        this.head = new int[wheelSize];
        Arrays.fill(head, NONE);
        this.next = new int[capacity];
        this.deadline = new long[capacity];
        this.scheduled = new boolean[capacity];
    }

    /** @return timers scheduled. */
    public int size()
    {
        return size;
    }

    /**
     * @param handle handle.
     * @return true if the handle has a timer.
     */
    public boolean isScheduled(final int handle)
    {
        return scheduled[handle];
    }

    /**
     * @param handle handle.
     * @return its deadline if scheduled.
     */
    public long deadlineOf(final int handle)
    {
        return deadline[handle];
    }

    /**
     * Schedule a timer for a handle that has none.
     *
     * @param handle     the handle.
     * @param deadlineMs when it expires.
     */
    public void schedule(final int handle, final long deadlineMs)
    {
        assert !scheduled[handle] : "already scheduled: " + handle;
        final int slot = (int)Math.floorDiv(deadlineMs, tickMs) & mask;
        deadline[handle] = deadlineMs;
        next[handle] = head[slot];
        head[slot] = handle;
        scheduled[handle] = true;
        size++;
    }

    /**
     * Cancel a handle's timer. O(length of its slot list).
     *
     * @param handle the handle.
     * @return true if it was scheduled.
     */
    public boolean cancel(final int handle)
    {
        if (!scheduled[handle])
        {
            return false;
        }
        final int slot = (int)Math.floorDiv(deadline[handle], tickMs) & mask;
        int previous = NONE;
        int current = head[slot];
        while (current != NONE)
        {
            if (current == handle)
            {
                if (previous == NONE)
                {
                    head[slot] = next[current];
                }
                else
                {
                    next[previous] = next[current];
                }
                scheduled[handle] = false;
                size--;
                return true;
            }
            previous = current;
            current = next[current];
        }
        throw new IllegalStateException("timer wheel corrupt: handle " + handle + " not in its slot");
    }

    /**
     * Advance time and expire every timer with a deadline at or before nowMs.
     *
     * @param nowMs   record time now.
     * @param handler called for each expired timer; it may schedule new timers.
     * @return number expired.
     */
    public int advance(final long nowMs, final ExpiryHandler handler)
    {
        final long nowTick = Math.floorDiv(nowMs, tickMs);
        if (currentTick == Long.MIN_VALUE)
        {
            currentTick = nowTick;
        }
        if (nowTick < currentTick)
        {
            return 0;
        }
        int expired = 0;
        final long ticks = Math.min(nowTick - currentTick, mask);
        // visit slots currentTick..currentTick+ticks; the last one may hold timers due later in this tick
        for (long tick = nowTick - ticks; tick <= nowTick; tick++)
        {
            expired += expireSlot((int)tick & mask, nowMs, handler);
        }
        currentTick = nowTick;
        return expired;
    }

    private int expireSlot(final int slot, final long nowMs, final ExpiryHandler handler)
    {
        int current = head[slot];
        if (current == NONE)
        {
            return 0;
        }
        head[slot] = NONE;
        int expired = 0;
        while (current != NONE)
        {
            final int following = next[current];
            final long due = deadline[current];
            if (due <= nowMs)
            {
                scheduled[current] = false;
                size--;
                expired++;
                handler.onExpiry(current, due, nowMs);
            }
            else
            {
                next[current] = head[slot];
                head[slot] = current;
            }
            current = following;
        }
        return expired;
    }

    /**
     * Write the wheel for a snapshot, keeping each slot's list order so expiry order survives a restart.
     *
     * @param out to write to.
     * @throws IOException on failure.
     */
    public void writeTo(final DataOutput out) throws IOException
    {
        out.writeLong(currentTick);
        out.writeInt(size);
        for (int slot = 0; slot <= mask; slot++)
        {
            int count = 0;
            for (int h = head[slot]; h != NONE; h = next[h])
            {
                count++;
            }
            out.writeInt(count);
            for (int h = head[slot]; h != NONE; h = next[h])
            {
                out.writeInt(h);
                out.writeLong(deadline[h]);
            }
        }
    }

    /**
     * Restore from {@link #writeTo(DataOutput)} into an empty wheel of the same size.
     *
     * @param in to read from.
     * @throws IOException on failure.
     */
    public void readFrom(final DataInput in) throws IOException
    {
        currentTick = in.readLong();
        final int expected = in.readInt();
        for (int slot = 0; slot <= mask; slot++)
        {
            final int count = in.readInt();
            int tail = NONE;
            for (int i = 0; i < count; i++)
            {
                final int h = in.readInt();
                if (h < 0 || h >= scheduled.length)
                {
                    throw new IOException("timer handle out of range: " + h);
                }
                deadline[h] = in.readLong();
                next[h] = NONE;
                scheduled[h] = true;
                if (tail == NONE)
                {
                    head[slot] = h;
                }
                else
                {
                    next[tail] = h;
                }
                tail = h;
                size++;
            }
        }
        if (size != expected)
        {
            throw new IOException("timer count mismatch: " + size + " != " + expected);
        }
    }
}
