package io.banwatch.model;

import java.util.Locale;

/**
 * What a finding is about. {@code PRODUCT}: a product of the vendor a rule pack bans, installed or
 * left behind; this is what "Kaspersky installed" counts. {@code NOTICE}: something worth knowing
 * that is not the banned vendor's product (UltraAV, which replaced Kaspersky; a host left without
 * active protection). {@code REQUIREMENT}: software an organisation's pack requires (an active EDR)
 * is missing.
 */
public enum FindingKind {
    PRODUCT, NOTICE, REQUIREMENT;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FindingKind fromJson(String text) {
        for (FindingKind k : values()) {
            if (k.jsonName().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown finding kind '" + text + "' (expected product, notice or requirement)");
    }
}
