package io.banwatch.collector.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Counters and one latency histogram, rendered in the Prometheus text format. Small on purpose:
 * a collector needs a handful of figures, not a metrics framework.
 */
public final class Metrics {
    /** Upper bounds of the ingest latency buckets, in seconds. */
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final AtomicLong ingested = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final AtomicLongArray latencyBuckets = new AtomicLongArray(BUCKETS.length);
    private final AtomicLong latencyCount = new AtomicLong();
    private final AtomicLong latencyMicros = new AtomicLong();
    private final AtomicLong alertsDelivered = new AtomicLong();
    private final AtomicLong alertAttemptsFailed = new AtomicLong();
    private final AtomicLong alertsAbandoned = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchReports = new AtomicLong();
    private final AtomicLong batchMicros = new AtomicLong();

    public void ingested() {
        ingested.incrementAndGet();
    }

    public void duplicate() {
        duplicates.incrementAndGet();
    }

    public void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    public void ingestLatency(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                latencyBuckets.incrementAndGet(i);
            }
        }
        latencyCount.incrementAndGet();
        latencyMicros.addAndGet(nanos / 1000);
    }

    public void alertDelivered() {
        alertsDelivered.incrementAndGet();
    }

    public void alertAttemptFailed() {
        alertAttemptsFailed.incrementAndGet();
    }

    public void alertAbandoned() {
        alertsAbandoned.incrementAndGet();
    }

    /**
     * A committed ingest batch and how long its database work took (software catalogue and
     * report transaction): with the request count, tells whether the database or the rest of
     * ingest (parsing, judging) is what limits throughput.
     */
    public void batchWritten(int reports, long nanos) {
        batches.incrementAndGet();
        batchReports.addAndGet(reports);
        batchMicros.addAndGet(nanos / 1000);
    }

    public long ingestedCount() {
        return ingested.get();
    }

    /**
     * The Prometheus exposition text.
     *
     * @param gauges extra gauges computed at scrape time (hosts, pool use), name to value
     */
    public String render(Map<String, Supplier<Number>> gauges) {
        StringBuilder b = new StringBuilder(2048);
        counter(b, "banwatch_reports_ingested_total", "Reports stored.", ingested.get());
        counter(b, "banwatch_reports_duplicate_total", "Reports received again and acknowledged without storing.",
                duplicates.get());
        b.append("# HELP banwatch_reports_rejected_total Reports refused, by reason.\n");
        b.append("# TYPE banwatch_reports_rejected_total counter\n");
        new TreeMap<>(rejected).forEach((reason, n) ->
                b.append("banwatch_reports_rejected_total{reason=\"").append(reason).append("\"} ").append(n.get()).append('\n'));
        b.append("# HELP banwatch_ingest_latency_seconds Time from request to acknowledgement of a report.\n");
        b.append("# TYPE banwatch_ingest_latency_seconds histogram\n");
        for (int i = 0; i < BUCKETS.length; i++) {
            b.append("banwatch_ingest_latency_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ")
                    .append(latencyBuckets.get(i)).append('\n');
        }
        b.append("banwatch_ingest_latency_seconds_bucket{le=\"+Inf\"} ").append(latencyCount.get()).append('\n');
        b.append("banwatch_ingest_latency_seconds_sum ").append(latencyMicros.get() / 1e6).append('\n');
        b.append("banwatch_ingest_latency_seconds_count ").append(latencyCount.get()).append('\n');
        counter(b, "banwatch_alerts_delivered_total", "Webhook alerts delivered.", alertsDelivered.get());
        counter(b, "banwatch_alert_attempts_failed_total", "Webhook deliveries that failed.",
                alertAttemptsFailed.get());
        counter(b, "banwatch_alerts_abandoned_total", "Webhook alerts given up after their last attempt failed.",
                alertsAbandoned.get());
        counter(b, "banwatch_ingest_batches_total", "Ingest transactions committed.", batches.get());
        counter(b, "banwatch_ingest_batch_reports_total", "Reports written by those transactions.", batchReports.get());
        b.append("# HELP banwatch_ingest_batch_seconds_total Time spent writing those transactions.\n");
        b.append("# TYPE banwatch_ingest_batch_seconds_total counter\n");
        b.append("banwatch_ingest_batch_seconds_total ").append(batchMicros.get() / 1e6).append('\n');
        new TreeMap<>(gauges).forEach((name, value) -> {
            b.append("# TYPE ").append(name).append(" gauge\n");
            b.append(name).append(' ').append(value.get()).append('\n');
        });
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n");
        b.append(name).append(' ').append(value).append('\n');
    }
}
