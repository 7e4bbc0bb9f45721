-- banwatch collector schema, version 3: a host's software links packed into one row.
-- host_software held one row per (host, package, scope): 800 index insertions per new
-- inventory. host_inventories holds them packed (see PackedLinks) in one row per host; the
-- catalogue of distinct packages (software) is unchanged. Scopes ("machine", "user:<SID>")
-- are numbered once in scopes.
CREATE TABLE scopes (
  id ${auto_id},
  name VARCHAR(200) NOT NULL UNIQUE
);

CREATE TABLE host_inventories (
  host_pk BIGINT PRIMARY KEY,
  software_count INTEGER NOT NULL,
  links ${blob} NOT NULL
);

-- No release has stored links yet, so there is nothing to convert.
DROP TABLE host_software;
