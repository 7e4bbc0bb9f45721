-- banwatch collector schema, version 12: the organisation's own rule packs, and re-judging the
-- fleet when the packs in force change.

-- The packs an administrator added at the collector (the built-in ones and rules.file are not
-- stored: every collector has them). The file's exact bytes are kept, so every collector sharing
-- the database judges with the same pack and shows the same SHA-256.
CREATE TABLE rule_packs (
  id VARCHAR(100) PRIMARY KEY,
  title VARCHAR(300) NOT NULL,
  version VARCHAR(100) NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  content ${blob} NOT NULL,
  added_by VARCHAR(200) NOT NULL,
  added_at BIGINT NOT NULL
);

-- One row (id 1): the re-judging of the fleet with the packs in force. "generation" grows with every
-- change of the stored packs, so each collector sees with one read that it must load them again.
-- "target" is the rules version (hosts.rules_version) the fleet is being judged to; a host whose
-- rules_version differs is judged again from its latest stored inventory. The cursor (the last host
-- pk done in this pass) is written in the same transaction as the batch it ends, so a run resumes
-- where it stopped after a restart and no batch is done twice. Pass 2 sweeps once more for a host a
-- report judged with the old packs while pass 1 ran.
CREATE TABLE rules_state (
  id INTEGER PRIMARY KEY,
  generation BIGINT NOT NULL,
  target VARCHAR(200),
  run_id VARCHAR(40),
  pass INTEGER NOT NULL DEFAULT 1,
  cursor_pk BIGINT NOT NULL DEFAULT 0,
  started_at BIGINT,
  finished_at BIGINT,
  judged INTEGER NOT NULL DEFAULT 0,
  transitions INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0
);
INSERT INTO rules_state (id, generation) VALUES (1, 0);

-- Why a history row was written when it was not a report: 'rules changed' for a re-judging.
ALTER TABLE host_history ADD COLUMN reason VARCHAR(64);
