-- banwatch collector schema, version 8: retired hosts, and what a finding's proof is.
--
-- A retired host (a decommissioned laptop) leaves the counts, lists, charts and exports but keeps
-- its rows and history; it comes back by itself when it reports again. Who retired it and why are
-- kept here for its page, and in the audit log for the record.
ALTER TABLE hosts ADD COLUMN retired_at BIGINT;
ALTER TABLE hosts ADD COLUMN retired_by VARCHAR(200);
ALTER TABLE hosts ADD COLUMN retired_reason VARCHAR(500);
CREATE INDEX hosts_retired ON hosts (retired_at);

-- When the host's finding of this rule first reached its current level (epoch ms): kept while the
-- level stays, reset when it changes ("in violation since").
ALTER TABLE findings ADD COLUMN level_since BIGINT;
-- The rule pack that judged the finding: its id, its own version and the SHA-256 of its file.
ALTER TABLE findings ADD COLUMN pack_id VARCHAR(100);
ALTER TABLE findings ADD COLUMN pack_version VARCHAR(100);
ALTER TABLE findings ADD COLUMN pack_sha256 VARCHAR(64);
CREATE INDEX findings_product ON findings (product);
CREATE INDEX findings_milestone ON findings (milestone);

-- Findings stored before this version: the last time their host reached the finding's level is
-- the best estimate left, else the host's first report. Their pack is filled in at the host's
-- next judgement (the findings hash now covers the pack, so they are written again then).
UPDATE findings SET level_since = COALESCE(
    (SELECT MAX(e.at) FROM host_history e
      WHERE e.host_pk = findings.host_pk AND e.event = 'level' AND e.to_level = findings.level),
    (SELECT h.first_seen FROM hosts h WHERE h.pk = findings.host_pk));
