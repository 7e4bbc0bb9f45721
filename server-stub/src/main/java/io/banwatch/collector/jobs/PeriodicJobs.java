package io.banwatch.collector.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the collector's periodic jobs: every collector looks often, and the {@link JobLease}
 * lets exactly one of those sharing the database run each job when it is due.
 */
public final class PeriodicJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJobs.class);
    /** After a failed run, try again this much later rather than waiting a whole period. */
    private static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    private final List<PeriodicJob> jobs;
    private final JobLease lease;
    private final Clock clock;
    private final BackgroundTicker worker;

    public PeriodicJobs(List<PeriodicJob> jobs, JobLease lease, Clock clock) {
        this.jobs = List.copyOf(jobs);
        this.lease = lease;
        this.clock = clock;
        this.worker = new BackgroundTicker("banwatch-jobs", Duration.ofSeconds(5));
    }

    /** Looks for due jobs every {@code every}, starting after {@code firstAfter}. */
    public PeriodicJobs start(Duration firstAfter, Duration every) {
        worker.every(firstAfter, every, this::runDueSafely);
        return this;
    }

    private void runDueSafely() {
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.warn("periodic jobs could not run: {}", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Runs every job that is due and not held by another collector; returns the names of those run. */
    public List<String> runDue() {
        List<String> ran = new ArrayList<>();
        for (PeriodicJob job : jobs) {
            long start = clock.millis();
            if (!lease.tryAcquire(job.name(), start, start + job.maxRun().toMillis())) {
                continue;
            }
            ran.add(job.name());
            long nextDue;
            String result;
            try {
                result = job.run(start);
                nextDue = start + job.every().toMillis();
                LOG.info("{}: {}", job.name(), result);
            } catch (RuntimeException e) {
                result = "failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
                nextDue = clock.millis() + RETRY_AFTER.toMillis();
                LOG.warn("{} {}", job.name(), result);
            }
            if (!lease.release(job.name(), nextDue, clock.millis(), result)) {
                LOG.warn("{} ran longer than its lease ({}); another collector may have run it too", job.name(),
                        job.maxRun());
            }
        }
        return ran;
    }

    @Override
    public void close() {
        worker.close();
    }
}
