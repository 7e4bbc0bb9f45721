package io.banwatch.agent.inventory.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.SecurityProduct;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Microsoft Defender Antivirus as {@code Get-MpComputerStatus} reports it: the only source of its
 * state on Windows Server, where Security Center does not exist.
 *
 * <p>Recorded {@code defender} section (one object):
 * <pre>
 * {"AMServiceEnabled":true,"AntivirusEnabled":true,"AntispywareEnabled":true,"RealTimeProtectionEnabled":true,
 * "AntivirusSignatureLastUpdated":"\/Date(1741657938000)\/","AntivirusSignatureVersion":"1.423.336.0",
 * "AMProductVersion":"4.18.25010.11","AMRunningMode":"Normal","IsTamperProtected":true}
 * </pre>
 * Enabled means antivirus and real-time protection both on. Signatures count as up to date when
 * they were updated within {@link #SIGNATURES_FRESH_FOR} of now, Defender's own default for
 * calling them out of date.
 */
public final class DefenderStatus {
    public static final String SECTION = "defender";
    static final Duration SIGNATURES_FRESH_FOR = Duration.ofDays(7);

    private DefenderStatus() {
    }

    /** The Defender product, or null when the section holds no status object. */
    public static SecurityProduct parse(String json, Clock clock) {
        List<SecurityProduct> products = PowerShellJson.each(json, status -> product(status, clock.instant()));
        return products.isEmpty() ? null : products.get(0);
    }

    private static SecurityProduct product(JsonNode status, Instant now) {
        Boolean antivirus = PowerShellJson.bool(status, "AntivirusEnabled");
        Boolean realTime = PowerShellJson.bool(status, "RealTimeProtectionEnabled");
        Boolean enabled = antivirus == null || realTime == null ? null : antivirus && realTime;
        Instant signatures = PowerShellJson.date(status, "AntivirusSignatureLastUpdated");
        Boolean upToDate = signatures == null ? null : !signatures.isBefore(now.minus(SIGNATURES_FRESH_FOR));
        Evidence evidence = new Evidence(EvidenceKind.SECURITY_CENTER, SECTION, KnownProducts.DEFENDER_PRODUCT, null,
                PowerShellJson.text(status, "AMRunningMode"));
        return new SecurityProduct(KnownProducts.MICROSOFT, KnownProducts.DEFENDER_PRODUCT,
                PowerShellJson.text(status, "AMProductVersion"), "antivirus", enabled, upToDate, signatures,
                List.of(evidence));
    }
}
