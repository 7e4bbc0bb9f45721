-- banwatch collector schema, version 1. Portable SQL for SQLite and PostgreSQL; the only
-- differences are the ${auto_id} and ${blob} placeholders (see Dialect). Times are epoch
-- milliseconds (BIGINT), dates ISO-8601 text, booleans 0/1 integers.

CREATE TABLE tokens (
  id ${auto_id},
  token_hash VARCHAR(64) NOT NULL UNIQUE,
  role VARCHAR(16) NOT NULL,
  name VARCHAR(200) NOT NULL,
  host_id VARCHAR(64),
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  last_used_at BIGINT
);
CREATE INDEX tokens_host ON tokens (host_id);

CREATE TABLE hosts (
  pk ${auto_id},
  host_id VARCHAR(64) NOT NULL UNIQUE,
  hostname VARCHAR(255) NOT NULL,
  os_family VARCHAR(16) NOT NULL,
  os_name VARCHAR(255),
  os_version VARCHAR(64),
  os_build VARCHAR(128),
  arch VARCHAR(32),
  domain VARCHAR(255),
  agent_version VARCHAR(64),
  agent_profile VARCHAR(64),
  profile VARCHAR(64) NOT NULL,
  profile_override VARCHAR(64),
  level VARCHAR(16),
  kaspersky_installed INTEGER NOT NULL DEFAULT 0,
  kaspersky_first_seen BIGINT,
  kaspersky_removed_at BIGINT,
  next_deadline VARCHAR(10),
  first_seen BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  last_scanned_at BIGINT NOT NULL,
  last_report_id VARCHAR(64) NOT NULL,
  inventory_hash VARCHAR(64) NOT NULL,
  software_count INTEGER NOT NULL,
  finding_count INTEGER NOT NULL,
  findings_hash VARCHAR(64) NOT NULL DEFAULT '',
  error_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX hosts_level ON hosts (level);
CREATE INDEX hosts_last_seen ON hosts (last_seen);
CREATE INDEX hosts_hostname ON hosts (hostname);
CREATE INDEX hosts_profile ON hosts (profile);

CREATE TABLE reports (
  report_id VARCHAR(64) PRIMARY KEY,
  host_pk BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  scanned_at BIGINT NOT NULL,
  inventory_hash VARCHAR(64) NOT NULL,
  level VARCHAR(16),
  raw ${blob}
);
CREATE INDEX reports_host ON reports (host_pk, received_at);
CREATE INDEX reports_received ON reports (received_at);

-- Each distinct package is stored once; hosts link to it. '' stands for an absent value so
-- that the unique key dedupes (NULLs are never equal in a unique index).
CREATE TABLE software (
  id ${auto_id},
  name VARCHAR(512) NOT NULL,
  version VARCHAR(255) NOT NULL,
  publisher VARCHAR(512) NOT NULL,
  source VARCHAR(32) NOT NULL,
  arch VARCHAR(32) NOT NULL,
  UNIQUE (name, version, publisher, source, arch)
);

CREATE TABLE host_software (
  host_pk BIGINT NOT NULL,
  software_id BIGINT NOT NULL,
  scope VARCHAR(200) NOT NULL,
  PRIMARY KEY (host_pk, software_id, scope)
);
CREATE INDEX host_software_software ON host_software (software_id);

CREATE TABLE host_security_products (
  host_pk BIGINT NOT NULL,
  vendor VARCHAR(200) NOT NULL,
  product VARCHAR(300) NOT NULL,
  version VARCHAR(100),
  kind VARCHAR(32) NOT NULL,
  enabled INTEGER,
  up_to_date INTEGER,
  signatures_updated_at BIGINT
);
CREATE INDEX host_security_products_host ON host_security_products (host_pk);

CREATE TABLE findings (
  host_pk BIGINT NOT NULL,
  rule_id VARCHAR(200) NOT NULL,
  level VARCHAR(16) NOT NULL,
  profile VARCHAR(64) NOT NULL,
  vendor VARCHAR(200) NOT NULL,
  product VARCHAR(300) NOT NULL,
  presence VARCHAR(16) NOT NULL,
  milestone VARCHAR(100),
  deadline VARCHAR(10),
  days_left INTEGER,
  message TEXT NOT NULL,
  citation_title TEXT,
  citation_url TEXT,
  evidence TEXT NOT NULL
);
CREATE INDEX findings_host ON findings (host_pk);
CREATE INDEX findings_level ON findings (level);

-- Every transition of a host: first seen, level changes, Kaspersky appearing or removed.
CREATE TABLE host_history (
  id ${auto_id},
  host_pk BIGINT NOT NULL,
  at BIGINT NOT NULL,
  event VARCHAR(32) NOT NULL,
  from_level VARCHAR(16),
  to_level VARCHAR(16),
  report_id VARCHAR(64)
);
CREATE INDEX host_history_host ON host_history (host_pk, at);
CREATE INDEX host_history_event ON host_history (event, at);

-- The alert outbox: one row per transition, delivered by exactly one worker (lease).
CREATE TABLE alerts (
  id ${auto_id},
  host_pk BIGINT NOT NULL,
  report_id VARCHAR(64) NOT NULL,
  level VARCHAR(16) NOT NULL,
  from_level VARCHAR(16),
  created_at BIGINT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_owner VARCHAR(64),
  lease_until BIGINT,
  delivered_at BIGINT,
  failed_at BIGINT,
  last_error TEXT,
  UNIQUE (host_pk, report_id)
);
CREATE INDEX alerts_due ON alerts (delivered_at, failed_at, next_attempt_at);

CREATE TABLE settings (
  name VARCHAR(100) PRIMARY KEY,
  value TEXT NOT NULL
);
