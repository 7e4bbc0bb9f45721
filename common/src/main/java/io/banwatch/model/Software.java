package io.banwatch.model;

import java.time.LocalDate;

/**
 * One installed software package or application.
 *
 * @param name        the package name (dpkg, rpm, snap) or display name (Windows, macOS)
 * @param version     the version as the source prints it, or null
 * @param publisher   publisher, vendor or maintainer, or null
 * @param source      where it was read: dpkg, rpm, snap, flatpak, windows-uninstall, windows-store,
 *                    macos-app, pkgutil, homebrew, path
 * @param scope       {@code machine}, or {@code user:<SID or name>} for per-user installs
 * @param arch        package architecture when the source has one (dpkg multi-arch), or null
 * @param identifier  a stable id beside the name: bundle id, registry key, receipt id, or null
 * @param installedOn install date when the source tells it, or null
 * @param location    install location, or null
 */
public record Software(String name, String version, String publisher, String source, String scope,
                       String arch, String identifier, LocalDate installedOn, String location) {
    public static final String MACHINE = "machine";

    public Software {
        Required.text(name, "name");
        Required.text(source, "source");
        scope = scope == null || scope.isBlank() ? MACHINE : scope;
    }

    /** A machine-wide package with only the usual fields. */
    public static Software pkg(String name, String version, String publisher, String source, String arch) {
        return new Software(name, version, publisher, source, MACHINE, arch, null, null, null);
    }
}
