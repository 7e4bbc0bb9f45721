package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code HKLM\SOFTWARE\[WOW6432Node\]KasperskyLab} keys, which often outlive an uninstall.
 *
 * <p>Recorded {@code kaspersky-registry} section (the script reports the root, its direct subkeys
 * and product keys that have an {@code environment} or {@code Data} subkey):
 * <pre>
 * [{"Path":"HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab","ProductName":null,"ProductVersion":null,"LastSuccessfulUpdate":null},
 *  {"Path":"HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\KES","ProductName":"Kaspersky Endpoint Security for Windows",
 *   "ProductVersion":"12.6.0.438","LastSuccessfulUpdate":1741676321},
 *  {"Path":"HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\KES.21.8","ProductName":null,"ProductVersion":null,
 *   "LastSuccessfulUpdate":-1}]
 * </pre>
 * {@code LastSuccessfulUpdate} is the last anti-virus database update in unix seconds, a REG_DWORD
 * that PowerShell reads as signed: {@code 0xFFFFFFFF}, "never", arrives as -1. It is the one
 * signature date Kaspersky leaves on a machine, and the one that shows a product stuck before the
 * 2024-09-29 US update cut-off.
 */
public final class KasperskyRegistry {
    public static final String SECTION = "kaspersky-registry";
    public static final String SOURCE = "windows-registry";

    /**
     * A product key naming the product it belongs to ({@code environment\ProductName}).
     *
     * @param name    the product's name, e.g. "Kaspersky Standard"
     * @param version its version, or null
     * @param key     the key, as the evidence for it
     */
    public record NamedProduct(String name, String version, Evidence key) {
    }

    /**
     * What the keys tell.
     *
     * @param keys                every key, as REGISTRY_KEY evidence
     * @param products            the products the keys name, once per name
     * @param signaturesUpdatedAt the latest signature update any key records, or null
     */
    public record Result(List<Evidence> keys, List<NamedProduct> products, Instant signaturesUpdatedAt) {
        public Result {
            keys = List.copyOf(keys);
            products = List.copyOf(products);
        }
    }

    private record Key(Evidence evidence, String productName, String productVersion, Long lastSuccessfulUpdate) {
    }

    private KasperskyRegistry() {
    }

    public static Result parse(String json) {
        List<Key> keys = PowerShellJson.each(json, entry -> {
            String path = PowerShellJson.text(entry, "Path");
            if (path == null) {
                return null;
            }
            String name = PowerShellJson.text(entry, "ProductName");
            String version = PowerShellJson.text(entry, "ProductVersion");
            String detail = name == null ? version : version == null ? name : name + " " + version;
            return new Key(new Evidence(EvidenceKind.REGISTRY_KEY, SOURCE, path, null, detail), name, version,
                    PowerShellJson.number(entry, "LastSuccessfulUpdate"));
        });
        List<Evidence> evidence = new ArrayList<>(keys.size());
        List<NamedProduct> products = new ArrayList<>();
        Set<String> productNames = new HashSet<>();
        Instant latestUpdate = null;
        for (Key k : keys) {
            evidence.add(k.evidence());
            if (k.productName() != null && productNames.add(k.productName().toLowerCase(Locale.ROOT))) {
                products.add(new NamedProduct(k.productName(), k.productVersion(), k.evidence()));
            }
            Long seconds = k.lastSuccessfulUpdate();
            if (seconds != null && seconds > 0) {
                Instant update = Instant.ofEpochSecond(seconds);
                latestUpdate = latestUpdate == null || update.isAfter(latestUpdate) ? update : latestUpdate;
            }
        }
        return new Result(evidence, products, latestUpdate);
    }
}
