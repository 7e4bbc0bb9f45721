package io.banwatch.collector.api;

import io.banwatch.json.EvidenceJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One piece of a finding's evidence, as the CLI shows it: kind, name, detail (a version, a state)
 * and location (a path).
 *
 * @param kind     {@code software}, {@code systemd-unit}, {@code path}…
 * @param source   where the agent read it ({@code dpkg}, {@code systemd}…)
 * @param location where it lives when that differs from the name, or null
 * @param detail   a version or state, or null
 */
public record EvidenceItem(String kind, String source, String name, String location, String detail) {
    /** The stored evidence array; an unreadable one gives a single item holding its text. */
    static List<EvidenceItem> parse(String evidenceJson) {
        if (evidenceJson == null || evidenceJson.isBlank()) {
            return List.of();
        }
        try {
            List<EvidenceItem> out = new ArrayList<>();
            for (EvidenceJson.Fields e : EvidenceJson.readFields(evidenceJson)) {
                out.add(new EvidenceItem(e.kind() == null ? "" : e.kind(), e.source(), e.name() == null ? "" : e.name(),
                        e.location(), e.detail()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            return List.of(new EvidenceItem("unreadable", null, evidenceJson, null, null));
        }
    }

    /** "software kesl 12.1.0-1297 (dpkg)", "systemd-unit kesl.service at /lib/systemd/system/kesl.service (systemd)". */
    public String text() {
        StringBuilder b = new StringBuilder(kind).append(' ').append(name);
        if (detail != null) {
            b.append(' ').append(detail);
        }
        if (location != null && !location.equals(name)) {
            b.append(" at ").append(location);
        }
        if (source != null) {
            b.append(" (").append(source).append(')');
        }
        return b.toString();
    }

    /** All of it in one readable cell: items joined by "; ". */
    public static String joined(List<EvidenceItem> items) {
        StringBuilder b = new StringBuilder();
        for (EvidenceItem e : items) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(e.text());
        }
        return b.toString();
    }

    /**
     * The installed product's version: the detail of its first package or receipt evidence
     * (what the package database says), or null when only traces without one were seen.
     */
    static String productVersion(List<EvidenceItem> items) {
        for (EvidenceItem e : items) {
            String kind = e.kind().toLowerCase(Locale.ROOT);
            if ((kind.equals("software") || kind.equals("receipt")) && e.detail() != null && !e.detail().isBlank()) {
                return e.detail();
            }
        }
        return null;
    }

    /** The item's fields as stored, for writing it back out in the one evidence form. */
    public EvidenceJson.Fields fields() {
        return new EvidenceJson.Fields(kind, source, name, location, detail);
    }
}
