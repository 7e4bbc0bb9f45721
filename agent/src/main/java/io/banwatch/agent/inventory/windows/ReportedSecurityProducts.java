package io.banwatch.agent.inventory.windows;

import io.banwatch.model.SecurityProduct;

import java.util.ArrayList;
import java.util.List;

/**
 * The security products Windows itself reports, assembled from the three places that know about
 * them: Security Center (clients), Get-MpComputerStatus (Defender, also on servers) and Kaspersky's
 * own registry keys (its signature date, which Security Center does not give).
 */
public final class ReportedSecurityProducts {
    private ReportedSecurityProducts() {
    }

    /**
     * @param securityCenter products Security Center lists (empty on servers)
     * @param defender       Defender's own status, or null when it could not be read
     * @param kaspersky      what the KasperskyLab registry keys tell
     */
    public static List<SecurityProduct> combine(List<SecurityProduct> securityCenter, SecurityProduct defender,
                                                KasperskyRegistry.Result kaspersky) {
        List<SecurityProduct> out = new ArrayList<>(securityCenter.size() + 1);
        boolean kasperskyListed = false;
        boolean defenderListed = false;
        for (SecurityProduct p : securityCenter) {
            boolean isKaspersky = KnownProducts.KASPERSKY.equals(p.vendor());
            kasperskyListed |= isKaspersky;
            defenderListed |= KnownProducts.MICROSOFT.equals(p.vendor());
            // The database date belongs to the scanning engine, not to the firewall.
            boolean scans = !p.kind().equals("firewall");
            out.add(isKaspersky && scans ? withSignatureDate(p, kaspersky) : p);
        }
        if (defender != null && !defenderListed) {
            out.add(defender);
        }
        if (!kasperskyListed) {
            // Not registered (a server, or a half-removed product): the registry still names it and
            // dates its databases, but cannot tell whether it runs.
            for (KasperskyRegistry.NamedProduct named : kaspersky.products()) {
                out.add(new SecurityProduct(KnownProducts.KASPERSKY, named.name(), named.version(), "antivirus", null,
                        null, kaspersky.signaturesUpdatedAt(), List.of(named.key())));
            }
        }
        return out;
    }

    private static SecurityProduct withSignatureDate(SecurityProduct p, KasperskyRegistry.Result kaspersky) {
        if (kaspersky.signaturesUpdatedAt() == null) {
            return p;
        }
        return new SecurityProduct(p.vendor(), p.product(), p.version(), p.kind(), p.enabled(), p.upToDate(),
                kaspersky.signaturesUpdatedAt(), p.evidence());
    }
}
