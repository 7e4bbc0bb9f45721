package io.banwatch.collector.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that runs a background worker's tick with a fixed delay between runs, so a slow
 * tick never piles up behind itself; closing waits up to 10 s for a tick under way.
 */
public final class BackgroundTicker implements AutoCloseable {
    private final ScheduledExecutorService worker;

    public BackgroundTicker(String threadName) {
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    public void every(Duration every, Runnable tick) {
        worker.scheduleWithFixedDelay(tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
