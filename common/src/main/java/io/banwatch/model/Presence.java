package io.banwatch.model;

/**
 * Whether a product is really installed or only left behind.
 *
 * <p>An installed package, application, receipt, security-center registration, running process or
 * a Windows service that runs, or starts at boot with its program on the disk ({@link ServiceState}),
 * is {@code INSTALLED}; a stopped service, a driver, unit file, path or registry key without those
 * is a {@code REMNANT} of a half-removed install, which the rules judge less severely. A finding
 * of kind {@code requirement} is about software that is {@code ABSENT}: required, and not found.
 */
public enum Presence {
    INSTALLED, REMNANT, ABSENT;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Presence fromJson(String text) {
        for (Presence p : values()) {
            if (p.jsonName().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown presence '" + text + "' (expected installed, remnant or absent)");
    }
}
