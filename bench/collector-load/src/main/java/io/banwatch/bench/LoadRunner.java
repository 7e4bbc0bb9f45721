package io.banwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs n requests from a fixed number of concurrent clients, each sending its next request as
 * soon as its previous one is answered (a closed loop), and adds what it saw to a {@link PhaseStats}.
 */
final class LoadRunner {
    /** One request: sends request i and returns its HTTP status in the high 32 bits, bytes sent in the low. */
    interface Request {
        long send(int i);
    }

    private final int clients;
    private final CpuMeter cpu;
    private final CollectorClient collector;
    private final String adminToken;
    private final Deadline deadline;

    LoadRunner(int clients, CpuMeter cpu, CollectorClient collector, String adminToken, Deadline deadline) {
        this.clients = clients;
        this.cpu = cpu;
        this.collector = collector;
        this.adminToken = adminToken;
        this.deadline = deadline;
    }

    static long answer(int status, long bytes) {
        return ((long) status << 32) | (bytes & 0xffffffffL);
    }

    /** Returns how many requests were sent (fewer than n only when the deadline passed). */
    int run(PhaseStats stats, int n, Request request) throws Exception {
        double writerSecs = collector.metric(adminToken, "banwatch_ingest_batch_seconds_total");
        double writerReps = collector.metric(adminToken, "banwatch_ingest_batch_reports_total");
        double batches = collector.metric(adminToken, "banwatch_ingest_batches_total");
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CpuMeter.Sample before = cpu.sample();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < n && !deadline.passed()) {
                        long t0 = System.nanoTime();
                        long a = request.send(i);
                        stats.latencies.record(System.nanoTime() - t0);
                        stats.status((int) (a >>> 32));
                        bytes.addAndGet(a & 0xffffffffL);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        CpuMeter.Sample after = cpu.sample();
        int sent = Math.min(n, next.get());
        stats.add(sent, after.nanos() - before.nanos(), bytes.get(), before, after,
                collector.metric(adminToken, "banwatch_ingest_batch_seconds_total") - writerSecs,
                collector.metric(adminToken, "banwatch_ingest_batch_reports_total") - writerReps,
                collector.metric(adminToken, "banwatch_ingest_batches_total") - batches);
        return sent;
    }
}
