package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.SecurityProduct;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Products registered with Windows Security Center ({@code root/SecurityCenter2}: AntiVirusProduct,
 * AntiSpywareProduct, FirewallProduct). Client editions only; on Windows Server the namespace does
 * not exist and the sections come back as errors.
 *
 * <p>Recorded entry of the {@code wsc-antivirus} section:
 * <pre>
 * {"displayName":"Kaspersky Endpoint Security for Windows","instanceGuid":"{B41C7598-35F6-4D89-7D0E-7ADE69B4047B}",
 * "pathToSignedProductExe":"C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\wmiav.exe","pathToSignedReportingExe":
 * "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\avp.exe","productState":266240,"timestamp":"Tue, 11 Mar 2025 07:12:45 GMT"}
 * </pre>
 * An antivirus registers in both the antivirus and the antispyware class, under different instance
 * GUIDs but the same name; that is one product. Its firewall registration is a product of its own
 * kind, since it can be switched off on its own.
 */
public final class SecurityCenter {
    public static final String ANTIVIRUS = "wsc-antivirus";
    public static final String ANTISPYWARE = "wsc-antispyware";
    public static final String FIREWALL = "wsc-firewall";
    public static final List<String> SECTIONS = List.of(ANTIVIRUS, ANTISPYWARE, FIREWALL);
    static final String UNKNOWN_VENDOR = "unknown";

    /**
     * One registration in one Security Center class.
     *
     * @param section     the section (and so the class) it was read from
     * @param displayName the name the product registered, often localized
     * @param productExe  pathToSignedProductExe, or null
     * @param state       the decoded productState, or null when missing
     */
    public record Registration(String section, String displayName, String productExe, WscProductState state) {
        String kind() {
            return section.substring("wsc-".length());
        }

        Evidence evidence() {
            return new Evidence(EvidenceKind.SECURITY_CENTER, section, displayName, productExe,
                    state == null ? null : Long.toString(state.value()));
        }
    }

    private SecurityCenter() {
    }

    /** The registrations of one section ({@link #ANTIVIRUS}, {@link #ANTISPYWARE} or {@link #FIREWALL}). */
    public static List<Registration> parse(String section, String json) {
        return PowerShellJson.each(json, entry -> {
            String name = PowerShellJson.text(entry, "displayName");
            if (name == null) {
                return null;
            }
            Long state = PowerShellJson.number(entry, "productState");
            return new Registration(section, name, PowerShellJson.text(entry, "pathToSignedProductExe"),
                    state == null ? null : new WscProductState(state));
        });
    }

    /** One product per name and protection type, in the order they were first registered. */
    public static List<SecurityProduct> products(List<Registration> registrations) {
        Map<String, List<Registration>> byProduct = new LinkedHashMap<>();
        for (Registration r : registrations) {
            String protection = r.section().equals(FIREWALL) ? FIREWALL : ANTIVIRUS;
            byProduct.computeIfAbsent(protection + "\n" + r.displayName().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(r);
        }
        List<SecurityProduct> out = new ArrayList<>(byProduct.size());
        for (List<Registration> group : byProduct.values()) {
            out.add(product(group));
        }
        return out;
    }

    private static SecurityProduct product(List<Registration> group) {
        // The registration that best describes the product: the antivirus class first, an enabled one
        // before a stale disabled duplicate.
        Registration best = group.stream()
                .min(Comparator.comparing((Registration r) -> !r.section().equals(ANTIVIRUS))
                        .thenComparing(r -> r.state() == null || !r.state().enabled()))
                .orElseThrow();
        List<Evidence> evidence = new ArrayList<>(group.size());
        for (Registration r : group) {
            evidence.add(r.evidence());
        }
        return new SecurityProduct(vendor(best), best.displayName(), null, best.kind(),
                best.state() == null ? null : best.state().enabled(),
                best.state() == null ? null : best.state().upToDate(), null, evidence);
    }

    /** Security Center does not name vendors; the rules' catalog fills in the ones it knows. */
    private static String vendor(Registration r) {
        if (KnownProducts.isDefender(r.displayName(), r.productExe())) {
            return KnownProducts.MICROSOFT;
        }
        return KnownProducts.isKaspersky(r.displayName()) ? KnownProducts.KASPERSKY : UNKNOWN_VENDOR;
    }
}
