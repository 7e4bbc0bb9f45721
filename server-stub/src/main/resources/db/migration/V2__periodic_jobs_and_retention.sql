-- banwatch collector schema, version 2: periodic jobs and retention.

-- One row per periodic job. Whoever moves lease_until into the future owns the job until then, so
-- with several collectors on one database a job runs on one of them at a time. After a run the
-- owner sets lease_until to the next due time; a collector that died mid-run loses the job when
-- its lease runs out. Plain rows rather than PostgreSQL advisory locks: the same code serves
-- SQLite, and no connection has to be held for the length of a job.
CREATE TABLE job_leases (
  name VARCHAR(100) PRIMARY KEY,
  owner VARCHAR(100) NOT NULL,
  lease_until BIGINT NOT NULL,
  last_started_at BIGINT,
  last_finished_at BIGINT,
  last_result TEXT
);

-- Retention deletes by age; these keep its scans off the whole table.
CREATE INDEX host_history_at ON host_history (at);
CREATE INDEX alerts_created ON alerts (created_at);
