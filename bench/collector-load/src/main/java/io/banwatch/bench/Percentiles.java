package io.banwatch.bench;

import java.util.Arrays;

/** Latency percentiles in milliseconds (nearest rank). */
record Percentiles(long count, double p50, double p90, double p95, double p99, double max) {

    static Percentiles of(long[] nanos, int n) {
        if (n == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return new Percentiles(n, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted[n - 1] / 1e6);
    }

    private static double rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
