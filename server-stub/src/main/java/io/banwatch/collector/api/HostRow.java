package io.banwatch.collector.api;

/**
 * One host in a list, and the head of a host's page.
 *
 * @param level the host's verdict: VIOLATION, DEADLINE, RISK, INCOMPLETE, INFO or CLEAN
 * @param stale not seen for the stale period
 */
public record HostRow(String hostId, String hostname, String osFamily, String osName, String arch, String profile,
                      String level, boolean kasperskyInstalled, String kasperskyFirstSeen,
                      String kasperskyRemovedAt, String nextDeadline, String firstSeen, String lastSeen,
                      String agentVersion, int softwareCount, int findingCount, int errorCount, boolean stale) {
}
