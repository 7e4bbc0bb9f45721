package io.banwatch.collector.api;

/**
 * A host that has a title: one row per package (version, arch, scope) it has of it.
 *
 * @param location  the install location from the host's stored report, or null (not reported, or the
 *                  report is not kept)
 * @param firstSeen when an inventory of the host with this package first reached the collector
 * @param lastSeen  the host's last report (the package is in its current inventory)
 */
public record SoftwareHostRow(String hostId, String hostname, String osFamily, String level, String name,
                              String version, String publisher, String source, String arch, String scope,
                              String location, String firstSeen, String lastSeen) {
}
