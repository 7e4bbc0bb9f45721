package io.banwatch.collector.api;

/**
 * One host in a list, and the head of a host's page.
 *
 * @param level          the host's verdict: VIOLATION, DEADLINE, RISK, INCOMPLETE, INFO or CLEAN
 * @param stale          not seen for the stale period
 * @param topProduct     the product of its most serious finding, or null without findings
 * @param topMilestone   that finding's milestone, or null
 * @param retiredAt      when it was retired (ISO-8601), or null while in service
 * @param retiredBy      who retired it, or null
 * @param retiredReason  why, or null
 */
public record HostRow(String hostId, String hostname, String osFamily, String osName, String arch, String profile,
                      String level, boolean kasperskyInstalled, String kasperskyFirstSeen,
                      String kasperskyRemovedAt, String nextDeadline, String firstSeen, String lastSeen,
                      String agentVersion, int softwareCount, int findingCount, int errorCount, boolean stale,
                      String topProduct, String topMilestone, String retiredAt, String retiredBy,
                      String retiredReason) {
}
