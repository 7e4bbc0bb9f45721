-- banwatch collector schema, version 6: the dashboard's sign-in sessions.
-- Signing in with a token gives the browser a random session id; only its SHA-256 is kept here,
-- with the token it was signed in with. A session is valid while its token is not revoked (every
-- request joins the two, on whichever collector it reaches), it was seen within the idle time and
-- its absolute expiry has not passed. The retention job deletes the rows that ran out.
CREATE TABLE dashboard_sessions (
  id ${auto_id},
  session_hash VARCHAR(64) NOT NULL UNIQUE,
  token_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  -- Written at most once a minute, so reading pages does not turn into a write per request.
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX dashboard_sessions_token ON dashboard_sessions (token_id);
CREATE INDEX dashboard_sessions_last_seen ON dashboard_sessions (last_seen_at);
CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_at);
