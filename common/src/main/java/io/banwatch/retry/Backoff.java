package io.banwatch.retry;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the wait after the n-th failure is uniform in
 * [0, min(cap, base * 2^n)], so retries from many places do not arrive in step.
 */
public record Backoff(long baseMillis, long capMillis) {
    /** A shared default for network retries: 1 s doubling up to 5 minutes. */
    public static final Backoff NETWORK = new Backoff(1_000, 300_000);

    public long delayMillis(int failures, RandomGenerator random) {
        long ceiling = capMillis;
        if (failures < 40) {
            ceiling = Math.min(capMillis, baseMillis * (1L << Math.max(0, failures)));
        }
        return ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
    }
}
