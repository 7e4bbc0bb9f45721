package io.banwatch.collector.ingest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuSlotsTest {
    @Test
    void noMoreRunAtOnceThanThereAreSlots() throws Exception {
        CpuSlots slots = new CpuSlots(2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    start.await();
                    return slots.run(() -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inside.decrementAndGet();
                        return n;
                    });
                }));
            }
            start.countDown();
            int sum = 0;
            for (Future<Integer> f : done) {
                sum += f.get(10, TimeUnit.SECONDS);
            }
            assertThat(sum).isEqualTo(120);
            assertThat(most.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureGivesItsSlotBack() {
        CpuSlots slots = new CpuSlots(1);
        assertThatThrownBy(() -> slots.run(() -> {
            throw new IllegalStateException("bad report");
        })).hasMessage("bad report");
        assertThat(slots.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void refusesNoSlots() {
        assertThatThrownBy(() -> new CpuSlots(0)).hasMessage("slots must be at least 1, not 0");
    }
}
