package io.banwatch.agent.send;

import io.banwatch.retry.Backoff;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender's backoff: exponential growth from the base, a cap, and full jitter over [0, ceiling]. */
class BackoffTest {
    /** Always the largest (or smallest) value allowed; records the bound each draw was given. */
    static final class Extreme implements RandomGenerator {
        final boolean largest;
        final List<Long> bounds = new ArrayList<>();

        Extreme(boolean largest) {
            this.largest = largest;
        }

        @Override
        public long nextLong() {
            throw new AssertionError("the backoff must draw within a bound");
        }

        @Override
        public long nextLong(long bound) {
            bounds.add(bound);
            return largest ? bound - 1 : 0;
        }
    }

    private final Backoff network = Backoff.NETWORK;

    @Test
    void theCeilingDoublesFromTheBaseWithEachFailure() {
        Extreme top = new Extreme(true);
        List<Long> ceilings = new ArrayList<>();
        for (int failures = 0; failures <= 8; failures++) {
            ceilings.add(network.delayMillis(failures, top));
        }
        assertThat(ceilings).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 128_000L,
                256_000L);
        // Inclusive: a draw in [0, ceiling].
        assertThat(top.bounds).startsWith(1_001L, 2_001L, 4_001L);
    }

    @Test
    void theCeilingStopsAtTheCapAndNeverOverflows() {
        Extreme top = new Extreme(true);
        assertThat(network.capMillis()).isEqualTo(300_000L);
        for (int failures : new int[] {9, 10, 20, 39, 40, 62, 63, 64, 1_000, Integer.MAX_VALUE}) {
            assertThat(network.delayMillis(failures, top)).as("after %d failures", failures).isEqualTo(300_000L);
        }
        Backoff small = new Backoff(50, 1_000);
        assertThat(small.delayMillis(4, top)).isEqualTo(800L);
        assertThat(small.delayMillis(5, top)).isEqualTo(1_000L);
    }

    @Test
    void fullJitterCanWaitNothingAtAll() {
        Extreme bottom = new Extreme(false);
        for (int failures = 0; failures < 70; failures++) {
            assertThat(network.delayMillis(failures, bottom)).isZero();
        }
    }

    @Test
    void fullJitterSpreadsEvenlyOverZeroToTheCeiling() {
        Random random = new Random(20261124);
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long d = network.delayMillis(3, random);
            assertThat(d).isBetween(0L, 8_000L);
            min = Math.min(min, d);
            max = Math.max(max, d);
            sum += d;
        }
        // Full jitter, not "half the ceiling plus jitter": the whole range is used, centred on its middle.
        assertThat(min).isLessThan(100L);
        assertThat(max).isGreaterThan(7_900L);
        assertThat(sum / n).isBetween(3_850L, 4_150L);
    }

    @Test
    void aZeroBaseNeverWaitsAndDrawsNothing() {
        Extreme top = new Extreme(true);
        assertThat(new Backoff(0, 0).delayMillis(5, top)).isZero();
        assertThat(top.bounds).isEmpty();
    }
}
