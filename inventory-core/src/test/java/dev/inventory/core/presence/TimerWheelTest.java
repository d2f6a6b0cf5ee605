package dev.inventory.core.presence;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimerWheelTest
{
    private final List<String> fired = new ArrayList<>();
    private final TimerWheel.ExpiryHandler handler = (h, deadline, now) -> fired.add(h + "@" + deadline);

    @Test
    void shouldFireOnlyDueTimersInDeadlineSlot()
    {
        final TimerWheel wheel = new TimerWheel(100, 16, 10);
        wheel.advance(0, handler);
        wheel.schedule(1, 250);
        wheel.schedule(2, 299);
        wheel.schedule(3, 1_000);
        wheel.advance(249, handler);
        assertThat(fired).isEmpty();
        wheel.advance(260, handler);
        assertThat(fired).containsExactly("1@250");
        wheel.advance(300, handler);
        assertThat(fired).containsExactly("1@250", "2@299");
        assertThat(wheel.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepTimersMoreThanOneRotationAheadUntilDue()
    {
        final TimerWheel wheel = new TimerWheel(10, 4, 10); // one rotation = 40 ms
        wheel.advance(0, handler);
        wheel.schedule(5, 95);
        wheel.advance(50, handler);
        assertThat(fired).isEmpty();
        wheel.advance(94, handler);
        assertThat(fired).isEmpty();
        wheel.advance(95, handler);
        assertThat(fired).containsExactly("5@95");
    }

    @Test
    void shouldFireEverythingDueAfterALargeJumpAndIgnoreTimeGoingBackwards()
    {
        final TimerWheel wheel = new TimerWheel(10, 8, 100);
        wheel.advance(1_000, handler);
        for (int h = 0; h < 50; h++)
        {
            wheel.schedule(h, 1_000 + h * 37);
        }
        assertThat(wheel.advance(500, handler)).isZero();
        assertThat(wheel.advance(1_000_000, handler)).isEqualTo(50);
        assertThat(fired).hasSize(50);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void shouldCancelAndAllowRescheduleFromHandler()
    {
        final TimerWheel wheel = new TimerWheel(10, 8, 10);
        wheel.advance(0, handler);
        wheel.schedule(1, 50);
        wheel.schedule(2, 50);
        assertThat(wheel.cancel(1)).isTrue();
        assertThat(wheel.cancel(1)).isFalse();
        final int[] count = new int[1];
        wheel.advance(60, (h, deadline, now) ->
        {
            count[0]++;
            if (count[0] < 3)
            {
                wheel.schedule(h, now + 20);
            }
        });
        assertThat(count[0]).isEqualTo(1);
        wheel.advance(80, (h, deadline, now) -> count[0]++);
        assertThat(count[0]).isEqualTo(2);
        assertThat(wheel.isScheduled(1)).isFalse();
    }
}
