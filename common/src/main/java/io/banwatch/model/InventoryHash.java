package io.banwatch.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * SHA-256 over a canonical, order-independent text form of an inventory.
 *
 * <p>Running processes are left out: they change from one scan to the next without the
 * installed software changing, and the collector uses this hash to skip re-storing an
 * unchanged inventory.
 */
public final class InventoryHash {
    private InventoryHash() {
    }

    public static String of(List<Software> software, List<SecurityProduct> products, List<Evidence> observations) {
        List<String> lines = new ArrayList<>(software.size() + products.size() + observations.size());
        for (Software s : software) {
            lines.add(join("s", s.source(), s.scope(), s.name(), s.arch(), s.version(), s.publisher(),
                    s.identifier(), s.location(), s.installedOn()));
        }
        for (SecurityProduct p : products) {
            lines.add(join("p", p.vendor(), p.product(), p.version(), p.kind(), p.enabled(), p.upToDate(),
                    p.signaturesUpdatedAt()));
        }
        for (Evidence e : observations) {
            if (e.kind() != EvidenceKind.PROCESS) {
                lines.add(join("o", e.kind().jsonName(), e.source(), e.name(), e.location(), e.detail()));
            }
        }
        Collections.sort(lines);
        MessageDigest digest = sha256();
        for (String line : lines) {
            digest.update(line.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String join(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object part : parts) {
            if (b.length() > 0) {
                b.append('\t');
            }
            // Tabs and newlines inside values would make two inventories hash alike.
            b.append(Objects.toString(part, "").replace('\t', ' ').replace('\n', ' '));
        }
        return b.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
