package dev.inventory.core.ingest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.counter.Counters;
import dev.inventory.core.record.RecordDescriptor;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.record.RfidReadFlyweight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestRingTest
{
    @Test
    void shouldRejectCapacityThatIsNotPowerOfTwo()
    {
        assertThatThrownBy(() -> new IngestRing(1000)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new IngestRing(1)).hasMessageContaining("power of two");
    }

    @Test
    void shouldPublishInOrderAndReportBackPressureWhenFull()
    {
        final IngestRing ring = new IngestRing(4);
        final Counters counters = new Counters();
        final Publisher publisher = new Publisher(ring, counters);
        for (int i = 0; i < 4; i++)
        {
            assertThat(publisher.tryPublishRfidRead(1, 1, i, i, -5000, 1000 + i, 1)).isEqualTo(i);
        }
        assertThat(publisher.tryPublishRfidRead(1, 1, 9, 9, -5000, 2000, 1)).isEqualTo(Publisher.BACK_PRESSURED);
        assertThat(counters.get(Counters.BACK_PRESSURED)).isEqualTo(1);

        assertThat(ring.available(10)).isEqualTo(4);
        final RfidReadFlyweight read = new RfidReadFlyweight();
        for (int i = 0; i < 4; i++)
        {
            read.wrap(ring.buffer(), ring.offset(ring.consumerSequence() + i));
            assertThat(read.epcHigh()).isEqualTo(i);
            assertThat(read.timestampMs()).isEqualTo(1000 + i);
        }
        ring.release(2);
        assertThat(publisher.tryPublishRfidRead(1, 1, 4, 4, -5000, 1004, 1)).isEqualTo(4);
        assertThat(publisher.tryPublishRfidRead(1, 1, 5, 5, -5000, 1005, 1)).isEqualTo(5);
        assertThat(publisher.tryPublishRfidRead(1, 1, 6, 6, -5000, 1006, 1)).isEqualTo(Publisher.BACK_PRESSURED);
        assertThat(ring.available(10)).isEqualTo(4);
    }

    @Test
    void shouldStopAtUncommittedSlotAndSkipAbortedOnesAsPadding()
    {
        final IngestRing ring = new IngestRing(8);
        final long a = ring.tryClaim();
        final long b = ring.tryClaim();
        final long c = ring.tryClaim();
        ring.commit(a);
        ring.commit(c);
        assertThat(ring.available(8)).isEqualTo(1);
        ring.abort(b);
        assertThat(ring.available(8)).isEqualTo(3);
        assertThat(ring.buffer().getShort(ring.offset(b) + RecordDescriptor.TYPE_OFFSET)).isEqualTo(RecordType.PADDING);
    }

    @Test
    void shouldRefuseClaimsOnceClosedButKeepCommittedRecords()
    {
        final IngestRing ring = new IngestRing(8);
        final Counters counters = new Counters();
        final Publisher publisher = new Publisher(ring, counters);
        publisher.tryPublishRfidRead(1, 1, 1, 1, -5000, 1000, 1);
        ring.close();
        assertThat(publisher.tryPublishRfidRead(1, 1, 2, 2, -5000, 1000, 1)).isEqualTo(Publisher.CLOSED);
        assertThat(publisher.publishRfidRead(1, 1, 2, 2, -5000, 1000, 1, 1, TimeUnit.SECONDS)).isEqualTo(Publisher.CLOSED);
        assertThat(counters.get(Counters.REFUSED_CLOSED)).isEqualTo(2);
        assertThat(ring.available(8)).isEqualTo(1);
    }

    @Test
    @Timeout(10)
    void shouldTimeOutBlockingPublishOnFullRingAndCountTheDrop()
    {
        final IngestRing ring = new IngestRing(2);
        final Counters counters = new Counters();
        final Publisher publisher = new Publisher(ring, counters);
        publisher.tryPublishRfidRead(1, 1, 1, 1, -5000, 1000, 1);
        publisher.tryPublishRfidRead(1, 1, 1, 1, -5000, 1000, 1);
        final long start = System.nanoTime();
        assertThat(publisher.publishRfidRead(1, 1, 2, 2, -5000, 1000, 1, 50, TimeUnit.MILLISECONDS))
            .isEqualTo(Publisher.TIMED_OUT);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(counters.get(Counters.DROPPED)).isEqualTo(1);
    }

    @Test
    @Timeout(10)
    void shouldReturnFromBlockingPublishWhenRingCloses() throws Exception
    {
        final IngestRing ring = new IngestRing(2);
        final Counters counters = new Counters();
        final Publisher publisher = new Publisher(ring, counters);
        publisher.tryPublishRfidRead(1, 1, 1, 1, -5000, 1000, 1);
        publisher.tryPublishRfidRead(1, 1, 1, 1, -5000, 1000, 1);
        final long[] result = new long[1];
        final CountDownLatch started = new CountDownLatch(1);
        final Thread producer = new Thread(() ->
        {
            started.countDown();
            result[0] = publisher.publishRfidRead(1, 1, 2, 2, -5000, 1000, 1, 1, TimeUnit.HOURS);
        });
        producer.start();
        started.await();
        Thread.sleep(20);
        ring.close();
        producer.join(5_000);
        assertThat(producer.isAlive()).isFalse();
        assertThat(result[0]).isEqualTo(Publisher.CLOSED);
    }

    @Test
    @Timeout(60)
    void shouldDeliverEveryRecordOnceInPerProducerOrderUnderContention() throws Exception
    {
        final IngestRing ring = new IngestRing(1024);
        final Counters counters = new Counters();
        final Publisher publisher = new Publisher(ring, counters);
        final int producers = 4;
        final int perProducer = 200_000;
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int id = p;
            threads.add(new Thread(() ->
            {
                for (int i = 0; i < perProducer; i++)
                {
                    while (publisher.tryPublishRfidRead(id + 1, 1, i, id, -5000, 1 + i, 1) < 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        final long[] next = new long[producers];
        long total = 0;
        long outOfOrder = 0;
        final RfidReadFlyweight read = new RfidReadFlyweight();
        final ByteBuffer buffer = ring.buffer();
        while (total < (long)producers * perProducer)
        {
            final int n = ring.available(256);
            final long start = ring.consumerSequence();
            for (int i = 0; i < n; i++)
            {
                read.wrap(buffer, ring.offset(start + i));
                final int producer = read.epcLow();
                if (read.epcHigh() != next[producer] || read.reader() != producer + 1)
                {
                    outOfOrder++;
                }
                next[producer]++;
            }
            ring.release(n);
            total += n;
        }
        for (final Thread t : threads)
        {
            t.join(10_000);
        }
        assertThat(outOfOrder).isZero();
        assertThat(next).containsOnly(perProducer);
        assertThat(ring.available(10)).isZero();
    }
}
