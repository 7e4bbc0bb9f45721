package io.banwatch.collector.ingest;

import io.banwatch.collector.http.ApiError;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Lets at most one request per core read and judge a report at a time. Those steps are pure CPU,
 * so more of them at once finish no sooner; they only take turns on the cores with the single
 * ingest writer, which the scheduler then gives a share of one in seventeen (16 busy request
 * threads) instead of one in three, and every report waits for that writer. Reading the body
 * from the network and waiting for the commit happen outside, so a slow client holds no slot.
 */
final class CpuSlots {
    private final Semaphore slots;

    CpuSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, not " + slots);
        }
        this.slots = new Semaphore(slots);
    }

    /** One slot per available processor. */
    static CpuSlots perCore() {
        return new CpuSlots(Runtime.getRuntime().availableProcessors());
    }

    <T> T run(Supplier<T> work) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "unavailable", "interrupted before the report was read");
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
