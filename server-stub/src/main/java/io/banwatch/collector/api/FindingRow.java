package io.banwatch.collector.api;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One finding.
 *
 * @param kind          {@code product} (the banned vendor's) or {@code notice}
 * @param milestone     the milestone whose date {@code milestoneDate} is
 * @param milestoneDate the date shown with the milestone: the deadline of a DEADLINE, else since
 * @param since         since when the governing milestone applies (for a VIOLATION: prohibited
 *                      since); null for a DEADLINE
 * @param deadline      the date a DEADLINE counts down to, else null
 * @param evidence      the evidence as the JSON array it is stored as
 */
public record FindingRow(String hostId, String hostname, String ruleId, String kind, String level, String profile,
                         String vendor, String product, String presence, String milestone, String milestoneDate,
                         String since, String deadline, Integer daysLeft, String message, String citationTitle,
                         String citationUrl, @JsonRawValue String evidence) {
}
