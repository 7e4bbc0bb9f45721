-- banwatch collector schema, version 4: what a host's current findings were judged with.
-- A report whose inventory, day and rules are those of the last judgement needs no new one:
-- the collector then records the report and touches the host row, nothing more.
ALTER TABLE hosts ADD COLUMN judged_on VARCHAR(10);
ALTER TABLE hosts ADD COLUMN rules_version VARCHAR(200);
