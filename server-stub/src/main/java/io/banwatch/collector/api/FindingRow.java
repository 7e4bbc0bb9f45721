package io.banwatch.collector.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.util.List;

/**
 * One finding, with the proof an auditor files: the evidence, when it reached its level and the
 * rule pack that judged it.
 *
 * @param kind             {@code product} (the banned vendor's) or {@code notice}
 * @param productVersion   the installed product's version, from its package evidence, or null
 * @param milestone        the milestone whose date {@code milestoneDate} is
 * @param milestoneDate    the date shown with the milestone: the deadline of a DEADLINE, else since
 * @param since            since when the governing milestone applies (for a VIOLATION: prohibited
 *                         since); null for a DEADLINE
 * @param deadline         the date a DEADLINE counts down to, else null
 * @param firstSeenAtLevel when this host's finding first reached this level (ISO-8601): kept while
 *                         the level stays, reset when it changes
 * @param lastSeen         when the host last reported (ISO-8601)
 * @param hostRetiredAt    when the host was retired (ISO-8601), or null while it is in service
 * @param packId           the rule pack that judged it (null only for findings stored before packs were
 *                         recorded and not judged since: then the rule id's prefix)
 * @param packVersion      that pack's own version, or null when not recorded
 * @param packSha256       the SHA-256 of that pack's file, or null when not recorded
 * @param evidence         the evidence as the JSON array it is stored as
 * @param evidenceItems    the same, read
 */
public record FindingRow(String hostId, String hostname, String ruleId, String kind, String level, String profile,
                         String vendor, String product, String productVersion, String presence, String milestone,
                         String milestoneDate, String since, String deadline, Integer daysLeft, String message,
                         String citationTitle, String citationUrl, String firstSeenAtLevel, String lastSeen,
                         String hostRetiredAt, String packId, String packVersion, String packSha256,
                         @JsonRawValue String evidence, @JsonIgnore List<EvidenceItem> evidenceItems) {

    /** The evidence in one readable cell (CSV, report). */
    @JsonIgnore
    public String evidenceText() {
        return EvidenceItem.joined(evidenceItems);
    }
}
