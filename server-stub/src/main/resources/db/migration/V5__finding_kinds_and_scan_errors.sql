-- banwatch collector schema, version 5: what a finding is about, since when it applies, and
-- which sources a host's last scan could not read.
--
-- Until now a host counted as "Kaspersky installed" when any of its findings was installed, the
-- built-in notices included: a host with UltraAV alone counted, and got a "Kaspersky appeared"
-- history row. From this version only findings of kind 'product' count; this migration marks the
-- notices already stored and puts right the hosts they marked.

ALTER TABLE findings ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'product';
-- The date the governing milestone took effect (ISO date); NULL for a DEADLINE. Rows stored
-- before this version have none until their host's next report is judged.
ALTER TABLE findings ADD COLUMN since VARCHAR(10);
-- JSON array of {"source","message","primary"}: the sources the last scan could not read.
ALTER TABLE hosts ADD COLUMN scan_errors TEXT;

-- The kaspersky-us pack's two notices are the only notices any release has judged with.
UPDATE findings SET kind = 'notice'
 WHERE rule_id IN ('kaspersky-us:ultraav', 'kaspersky-us:unprotected-after-removal');

-- Hosts marked installed with no installed product: a notice marked them. Their last "Kaspersky
-- appeared" row (the one after their last removal) was written by that notice, so it goes, and
-- so does the first-seen time when it was that row's. Earlier appeared/removed
-- pairs and the removal time before it stay: they end in "removed", as the host now does.
CREATE TABLE v5_wrongly_installed (pk BIGINT PRIMARY KEY);
INSERT INTO v5_wrongly_installed (pk)
SELECT h.pk FROM hosts h
 WHERE h.kaspersky_installed = 1
   AND NOT EXISTS (SELECT 1 FROM findings f
                    WHERE f.host_pk = h.pk AND f.kind = 'product' AND f.presence = 'installed');

UPDATE hosts SET kaspersky_first_seen = NULL
 WHERE pk IN (SELECT pk FROM v5_wrongly_installed)
   AND kaspersky_first_seen = (SELECT MAX(e.at) FROM host_history e
                                WHERE e.host_pk = hosts.pk AND e.event = 'kaspersky-appeared');

DELETE FROM host_history
 WHERE event = 'kaspersky-appeared'
   AND host_pk IN (SELECT pk FROM v5_wrongly_installed)
   AND id > COALESCE((SELECT MAX(r.id) FROM host_history r
                       WHERE r.host_pk = host_history.host_pk AND r.event = 'kaspersky-removed'), 0);

UPDATE hosts SET kaspersky_installed = 0,
       kaspersky_removed_at = (SELECT MAX(r.at) FROM host_history r
                                WHERE r.host_pk = hosts.pk AND r.event = 'kaspersky-removed')
 WHERE pk IN (SELECT pk FROM v5_wrongly_installed);

DROP TABLE v5_wrongly_installed;

-- Findings are compared by a hash that now covers kind and since: every host's findings are
-- written again at its next judgement, which fills in since.
