package io.banwatch.agent.inventory.windows;

import java.util.Locale;

/**
 * The two products the inventory source itself must tell apart before any rule runs: Kaspersky, to attach
 * the signature date from its registry keys, and Microsoft Defender, not to report it twice. Every
 * other judgement belongs to the rule packs.
 */
final class KnownProducts {
    static final String KASPERSKY = "Kaspersky";
    static final String MICROSOFT = "Microsoft";
    static final String DEFENDER_PRODUCT = "Microsoft Defender Antivirus";

    private KnownProducts() {
    }

    /** A Kaspersky name in English or Russian ("Лаборатория Касперского"). */
    static boolean isKaspersky(String name) {
        if (name == null) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("kaspersky") || n.contains("касперск");
    }

    /** Defender registers in Security Center as "Windows Defender" with the product path windowsdefender://. */
    static boolean isDefender(String displayName, String productExe) {
        if (productExe != null && productExe.toLowerCase(Locale.ROOT).startsWith("windowsdefender:")) {
            return true;
        }
        String n = displayName == null ? "" : displayName.toLowerCase(Locale.ROOT);
        return n.startsWith("windows defender") || n.startsWith("microsoft defender");
    }
}
