package io.banwatch.collector.api;

import java.util.List;

/**
 * One distinct title across the fleet.
 *
 * @param hosts      hosts that have it in any matching version (a host with two versions counts once)
 * @param versions   its versions on the fleet, each with its own host count, most hosts first
 * @param publishers its publishers, as the sources name them
 * @param sources    where it was read (dpkg, windows-uninstall…)
 */
public record TitleRow(String name, long hosts, List<VersionCount> versions, List<String> publishers,
                       List<String> sources) {
    public TitleRow {
        versions = List.copyOf(versions);
        publishers = List.copyOf(publishers);
        sources = List.copyOf(sources);
    }

    /** @param version the version, or "" where the source gives none */
    public record VersionCount(String version, long hosts) {
    }
}
