package io.banwatch.model;

/**
 * The operating system.
 *
 * @param family  {@code linux}, {@code windows} or {@code macos}
 * @param name    the distribution or product name, e.g. "Debian GNU/Linux 12 (bookworm)"
 * @param version the version, e.g. "12" or "10.0.22631"
 * @param build   the kernel release or build number, or null
 */
public record OsInfo(String family, String name, String version, String build) {
    public OsInfo {
        Required.text(family, "family");
    }
}
