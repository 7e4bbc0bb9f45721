package io.banwatch.bench;

import java.util.Arrays;

/** Every request's latency, kept whole so the percentiles are exact. Thread-safe. */
final class LatencyRecorder {
    private long[] nanos = new long[1024];
    private int n;

    synchronized void record(long latencyNanos) {
        if (n == nanos.length) {
            nanos = Arrays.copyOf(nanos, n * 2);
        }
        nanos[n++] = latencyNanos;
    }

    synchronized Percentiles percentiles() {
        return Percentiles.of(nanos, n);
    }
}
