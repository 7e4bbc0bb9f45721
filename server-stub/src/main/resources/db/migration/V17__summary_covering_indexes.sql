-- banwatch collector schema, version 17: indexes that answer the fleet summary without reading
-- the hosts' wide rows (GET /api/v1/summary at 100k hosts read the whole table five times).

-- Counts by level, profile and Kaspersky of the hosts in service, in one pass over this index
-- alone (SummaryQueries). Its first column makes hosts_level redundant.
CREATE INDEX hosts_summary ON hosts (level, profile, kaspersky_installed, retired_at);
DROP INDEX hosts_level;

-- Hosts under each milestone: the findings' milestone and host, without their rows.
CREATE INDEX findings_milestone_host ON findings (milestone, host_pk);
DROP INDEX findings_milestone;
