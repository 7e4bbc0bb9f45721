-- banwatch collector schema, version 7: what administrators changed, and who.
--
-- One row per change (a token issued or revoked, a host retired, a rule pack added or removed,
-- a setting of the fleet changed), written in the same transaction as the change itself, so the
-- log holds exactly the changes that happened. Never pruned by retention: it is small, and an
-- auditor asks for years.

CREATE TABLE audit_log (
  id ${auto_id},
  at BIGINT NOT NULL,
  actor_kind VARCHAR(16) NOT NULL,
  actor_name VARCHAR(200) NOT NULL,
  actor_token_id BIGINT,
  action VARCHAR(64) NOT NULL,
  subject VARCHAR(255),
  detail TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
