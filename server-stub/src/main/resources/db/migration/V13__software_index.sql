-- banwatch collector schema, version 13: the fleet's software inventory, searchable.
--
-- Ingest stays as it was: one packed row per host (host_inventories). Its upsert now also bumps
-- "gen" and stamps "changed_at" (same statement, no extra row), so a host whose indexed_gen
-- differs from gen has an inventory the index does not reflect yet. A background job (the
-- software indexer, under a job lease) diffs the packed links against the copy it indexed last
-- time (indexed_links) and applies the difference to software_index and the per-package and
-- per-title host counts. Searches read the counts (a few thousand titles), and the hosts of a
-- title through software_index's primary key.
ALTER TABLE host_inventories ADD COLUMN gen BIGINT NOT NULL DEFAULT 1;
ALTER TABLE host_inventories ADD COLUMN changed_at BIGINT;
ALTER TABLE host_inventories ADD COLUMN indexed_gen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE host_inventories ADD COLUMN indexed_links ${blob};
ALTER TABLE host_inventories ADD COLUMN indexed_os VARCHAR(16);
-- Only the hosts waiting for the indexer: small when it keeps up, so "how many are pending" is cheap.
CREATE INDEX host_inventories_pending ON host_inventories (host_pk) WHERE indexed_gen <> gen;

-- One row per (package, host, scope) of every host in service. first_seen: when the inventory
-- that first had it on this host reached the collector.
CREATE TABLE software_index (
  software_id BIGINT NOT NULL,
  host_pk BIGINT NOT NULL,
  scope_id BIGINT NOT NULL,
  first_seen BIGINT NOT NULL,
  PRIMARY KEY (software_id, host_pk, scope_id)
);

-- Hosts per package (a software row: name, version, publisher, source, arch), by the host's OS
-- family and the scope kind: 'machine', 'user' (any per-user scope) or 'any' (either, a host once).
CREATE TABLE software_counts (
  software_id BIGINT NOT NULL,
  os_family VARCHAR(16) NOT NULL,
  scope_kind VARCHAR(8) NOT NULL,
  hosts INTEGER NOT NULL,
  PRIMARY KEY (software_id, os_family, scope_kind)
);

-- Hosts per title (a name, whatever its version, publisher, source or arch), counted the same way:
-- a host with two versions of a title counts once here.
CREATE TABLE title_counts (
  name VARCHAR(512) NOT NULL,
  os_family VARCHAR(16) NOT NULL,
  scope_kind VARCHAR(8) NOT NULL,
  hosts INTEGER NOT NULL,
  PRIMARY KEY (name, os_family, scope_kind)
);

-- One row (id 1): when the indexer last finished a batch, for "indexed N s ago".
CREATE TABLE software_index_state (
  id INTEGER PRIMARY KEY,
  last_batch_at BIGINT
);
INSERT INTO software_index_state (id, last_batch_at) VALUES (1, NULL);
