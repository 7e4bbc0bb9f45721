package io.banwatch.collector.jobs;

import io.banwatch.collector.db.Database;

import java.sql.PreparedStatement;

/**
 * Who runs a periodic job, among all the collectors sharing one database: the one that moves the
 * job's {@code lease_until} into the future. One conditional upsert decides it, so two collectors
 * asking at the same moment cannot both win: under PostgreSQL the second waits for the first's
 * row and then finds the lease taken; under SQLite writes are serial anyway.
 *
 * <pre>{@code
 * JobLease lease = new JobLease(db, "collector-1");
 * if (lease.tryAcquire("retention", now, now + 3_600_000)) {
 *     ... run it ...
 *     lease.release("retention", nextDueAt, now, "ok");
 * }
 * }</pre>
 */
public final class JobLease {
    private final Database db;
    private final String owner;

    public JobLease(Database db, String owner) {
        this.db = db;
        this.owner = owner;
    }

    /**
     * Takes the job if nobody holds it and it is due ({@code lease_until <= now}).
     *
     * @param until when the lease runs out if this collector dies before {@link #release}
     * @return true when this collector now owns the job
     */
    public boolean tryAcquire(String job, long now, long until) {
        return db.retryingTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO job_leases (name, owner, lease_until, last_started_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (name) DO UPDATE SET owner = excluded.owner,"
                            + " lease_until = excluded.lease_until, last_started_at = excluded.last_started_at"
                            + " WHERE job_leases.lease_until <= ?")) {
                ps.setString(1, job);
                ps.setString(2, owner);
                ps.setLong(3, until);
                ps.setLong(4, now);
                ps.setLong(5, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Ends this collector's run: nobody runs the job again before {@code nextDue}.
     *
     * @return false when the lease had run out and another collector took the job meanwhile
     */
    public boolean release(String job, long nextDue, long finishedAt, String result) {
        return db.retryingTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE job_leases SET lease_until = ?,"
                    + " last_finished_at = ?, last_result = ? WHERE name = ? AND owner = ?")) {
                ps.setLong(1, nextDue);
                ps.setLong(2, finishedAt);
                ps.setString(3, result.length() > 1000 ? result.substring(0, 1000) : result);
                ps.setString(4, job);
                ps.setString(5, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Keeps a long job's lease while it works in steps (a re-judging of the fleet, batch by batch).
     *
     * @return false when the lease had run out and another collector took the job: stop working
     */
    public boolean renew(String job, long until) {
        return db.retryingTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE job_leases SET lease_until = ? WHERE name = ? AND owner = ?")) {
                ps.setLong(1, until);
                ps.setString(2, job);
                ps.setString(3, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
