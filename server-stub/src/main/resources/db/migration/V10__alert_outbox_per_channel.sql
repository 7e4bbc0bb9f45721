-- banwatch collector schema, version 10: the alert outbox holds every kind of alert, one row per
-- alert per channel (webhook, email).
--
-- Until now a row was a level change of a host, keyed by (host, report). Lifecycle alerts (a host
-- gone stale, a host fixed, a deadline approaching, the daily digest) have no report of their own,
-- and the digest has no host, so a row is now keyed by its alert's key and its channel: the key
-- names the event (host:report for a level change, host:stale:<last report> for a stale host,
-- host:deadline:<milestone>:<days> ...), and the unique index makes producing it twice, by two
-- collectors or by one run repeated after a crash, write one row. Each channel's row is claimed
-- and marked on its own, so a failing mail server does not hold back the webhook.
--
-- The table is rebuilt (SQLite cannot drop a UNIQUE constraint in place); rows keep their state.
CREATE TABLE alert_outbox (
  id ${auto_id},
  alert_key VARCHAR(200) NOT NULL,
  channel VARCHAR(16) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  host_pk BIGINT,
  created_at BIGINT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_owner VARCHAR(64),
  lease_until BIGINT,
  delivered_at BIGINT,
  failed_at BIGINT,
  last_error TEXT,
  UNIQUE (alert_key, channel)
);

INSERT INTO alert_outbox (alert_key, channel, kind, host_pk, created_at, payload, attempts, next_attempt_at,
                          lease_owner, lease_until, delivered_at, failed_at, last_error)
SELECT h.host_id || ':' || a.report_id, 'webhook', 'level_changed', a.host_pk, a.created_at, a.payload, a.attempts,
       a.next_attempt_at, a.lease_owner, a.lease_until, a.delivered_at, a.failed_at, a.last_error
  FROM alerts a JOIN hosts h ON h.pk = a.host_pk
 ORDER BY a.id;

DROP TABLE alerts;
ALTER TABLE alert_outbox RENAME TO alerts;
CREATE INDEX alerts_due ON alerts (channel, delivered_at, failed_at, next_attempt_at);
CREATE INDEX alerts_created ON alerts (created_at);
