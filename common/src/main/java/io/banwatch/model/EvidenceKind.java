package io.banwatch.model;

import java.util.Locale;

/** What kind of trace a piece of evidence is, and how strongly it proves an install. */
public enum EvidenceKind {
    SOFTWARE(Presence.INSTALLED),
    SECURITY_CENTER(Presence.INSTALLED),
    PROCESS(Presence.INSTALLED),
    RECEIPT(Presence.INSTALLED),
    PACKAGE_RESIDUE(Presence.REMNANT),
    SERVICE(Presence.REMNANT),
    DRIVER(Presence.REMNANT),
    KERNEL_MODULE(Presence.REMNANT),
    KERNEL_EXTENSION(Presence.REMNANT),
    SYSTEM_EXTENSION(Presence.REMNANT),
    SYSTEMD_UNIT(Presence.REMNANT),
    LAUNCHD_JOB(Presence.REMNANT),
    PATH(Presence.REMNANT),
    REGISTRY_KEY(Presence.REMNANT);

    private final Presence presence;
    private final String jsonName;

    EvidenceKind(Presence presence) {
        this.presence = presence;
        this.jsonName = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The presence this kind of trace proves on its own. */
    public Presence presence() {
        return presence;
    }

    /** The kebab-case name used in JSON and in rule packs, e.g. {@code systemd-unit}. */
    public String jsonName() {
        return jsonName;
    }

    public static EvidenceKind fromJson(String text) {
        for (EvidenceKind k : values()) {
            if (k.jsonName.equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown evidence kind '" + text + "'");
    }
}
