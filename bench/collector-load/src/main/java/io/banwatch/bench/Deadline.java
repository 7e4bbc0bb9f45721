package io.banwatch.bench;

/** The run's hard end: phases stop sending once it has passed. */
record Deadline(long endNanos) {

    static Deadline afterSeconds(long seconds) {
        return new Deadline(System.nanoTime() + seconds * 1_000_000_000L);
    }

    boolean passed() {
        return System.nanoTime() >= endNanos;
    }

    double secondsLeft() {
        return (endNanos - System.nanoTime()) / 1e9;
    }
}
