package io.banwatch.collector.jobs;

import java.time.Duration;

/** Work that one collector of the fleet does now and then, such as retention. */
public interface PeriodicJob {
    /** The job's key in {@code job_leases}; the same on every collector. */
    String name();

    /** How long after one run starts the next is due. */
    Duration every();

    /** How long a run may take before another collector may assume this one died. */
    Duration maxRun();

    /**
     * Does the work.
     *
     * @param now the time the run started (epoch ms, from the collector's clock)
     * @return a one-line summary for the log and {@code job_leases.last_result}
     */
    String run(long now);
}
