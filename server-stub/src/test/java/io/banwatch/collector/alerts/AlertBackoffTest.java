package io.banwatch.collector.alerts;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts' retry waits: doubling, capped at an hour, full jitter, never zero. */
class AlertBackoffTest {
    /** Draws the largest value full jitter allows. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /** Draws zero. */
    private static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    @Test
    void theLongestWaitDoublesWithEachFailureFromFourSeconds() {
        long previous = 0;
        for (int failures = 1; failures <= 10; failures++) {
            long ceiling = AlertDispatcher.BACKOFF.delayMillis(failures, HIGHEST);
            assertThat(ceiling).as("after %d failures", failures).isEqualTo(2_000L << failures);
            assertThat(ceiling).isEqualTo(previous == 0 ? 4_000 : 2 * previous);
            previous = ceiling;
        }
    }

    @Test
    void theWaitIsCappedAtAnHourHoweverManyFailures() {
        assertThat(AlertDispatcher.BACKOFF.delayMillis(11, HIGHEST)).isEqualTo(3_600_000);
        assertThat(AlertDispatcher.BACKOFF.delayMillis(AlertDispatcher.MAX_ATTEMPTS, HIGHEST)).isEqualTo(3_600_000);
        // No overflow of the doubling for absurd counts.
        assertThat(AlertDispatcher.BACKOFF.delayMillis(1_000, HIGHEST)).isEqualTo(3_600_000);
    }

    @Test
    void fullJitterSpreadsWaitsOverTheWholeRange() {
        RandomGenerator random = new SplittableRandom(42);
        long ceiling = 2_000L << 5;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long d = AlertDispatcher.BACKOFF.delayMillis(5, random);
            assertThat(d).isBetween(0L, ceiling);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        // Uniform over [0, ceiling]: both ends of the range are reached, not a band around the middle.
        assertThat(min).isLessThan(ceiling / 20);
        assertThat(max).isGreaterThan(ceiling - ceiling / 20);
    }

    @Test
    void theCollectorNeverRetriesAtOnceEvenWhenJitterDrawsZero() {
        assertThat(AlertDispatcher.BACKOFF.delayMillis(1, LOWEST)).isZero();
        assertThat(AlertDispatcher.retryDelayMillis(1, LOWEST)).isEqualTo(AlertDispatcher.MIN_RETRY_MS);
        assertThat(AlertDispatcher.retryDelayMillis(3, HIGHEST)).isEqualTo(16_000);
    }
}
