package io.banwatch.rules;

import java.util.List;

/**
 * A vendor product and the signals that recognise it.
 *
 * @param id      stable id within the pack, e.g. {@code kesl}
 * @param name    the product's name, e.g. "Kaspersky Endpoint Security for Linux"
 * @param kind    antivirus, edr, management-agent, vpn, other
 * @param signals  what recognises it; the first product whose signal matches a trace claims it
 * @param catchAll a vendor-wide catch-all: each software entry it claims is reported under its own name
 */
record ProductRule(String id, String name, String kind, List<Signal> signals, boolean catchAll) {

    /** The same rule reported under another name, for a software entry a catch-all claimed. */
    ProductRule namedAfter(String softwareName) {
        String slug = softwareName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("(^-|-$)", "");
        return new ProductRule(id + "/" + slug, softwareName, kind, signals, true);
    }
}
