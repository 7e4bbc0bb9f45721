package io.banwatch.collector.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that runs a background worker's tick with a fixed delay between runs, so a slow
 * tick never piles up behind itself; closing interrupts the tick under way and waits for it a
 * bounded time.
 */
public final class BackgroundTicker implements AutoCloseable {
    private final ScheduledExecutorService worker;
    private final Duration closeWait;

    /** A ticker whose close waits up to 10 s for a tick under way. */
    public BackgroundTicker(String threadName) {
        this(threadName, Duration.ofSeconds(10));
    }

    public BackgroundTicker(String threadName, Duration closeWait) {
        this.closeWait = closeWait;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code tick} first after {@code every}, then {@code every} after each run ends. */
    public void every(Duration every, Runnable tick) {
        every(every, every, tick);
    }

    /** Runs {@code tick} first after {@code firstAfter}, then {@code every} after each run ends. */
    public void every(Duration firstAfter, Duration every, Runnable tick) {
        worker.scheduleWithFixedDelay(tick, firstAfter.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the ticker's thread as soon as it is free; refused once closed. */
    public void soon(Runnable task) {
        worker.execute(task);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(closeWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
