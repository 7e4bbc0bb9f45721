package io.banwatch.agent.cli;

import io.banwatch.model.Evidence;
import io.banwatch.model.Finding;
import io.banwatch.model.Host;
import io.banwatch.model.ScanError;
import io.banwatch.model.ScanReport;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The readable report: host, software counts, security products, then findings with deadlines. */
final class TableRenderer {
    private static final int MAX_EVIDENCE = 6;

    private final PrintWriter out;

    TableRenderer(PrintWriter out) {
        this.out = out;
    }

    void render(ScanReport r) {
        Host h = r.host();
        out.printf("Host       %s (%s%s, %s)%n", h.hostname(), h.os().name(),
                h.os().build() == null ? "" : ", " + h.os().build(), h.arch() == null ? "?" : h.arch());
        out.printf("Host id    %s%n", h.id());
        out.printf("Profile    %s, judged on %s%n", r.profile(), r.asOf());
        out.printf("Software   %s%n", softwareSummary(r.software()));
        out.println("Security   " + (r.securityProducts().isEmpty() ? "none found" : ""));
        for (SecurityProduct p : r.securityProducts()) {
            out.printf("           %s (%s%s)%s%n", p.product(), p.kind(), p.version() == null ? "" : " " + p.version(),
                    state(p));
        }
        if (!r.errors().isEmpty()) {
            out.println("Errors     " + r.errors().size() + " source(s) could not be read:");
            for (ScanError e : r.errors()) {
                out.printf("           %s: %s%n", e.source(), e.message());
            }
        }
        out.println();
        if (r.findings().isEmpty()) {
            out.println("No Kaspersky products found.");
            return;
        }
        out.printf("FINDINGS (%d)%n", r.findings().size());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"LEVEL", "PRODUCT", "PRESENCE", "MILESTONE", "DEADLINE", "DAYS LEFT"});
        for (Finding f : r.findings()) {
            rows.add(new String[]{f.level().name(), f.product(), f.presence().jsonName(),
                    f.milestone() == null ? "-" : f.milestone(), f.deadline() == null ? "-" : f.deadline().toString(),
                    f.daysLeft() == null ? "-" : f.daysLeft().toString()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            printRow(rows.get(i), widths);
            if (i > 0) {
                Finding f = r.findings().get(i - 1);
                out.println("    " + f.message());
                out.println("    Evidence: " + evidence(f.evidence()));
                if (f.citation() != null) {
                    out.println("    Source: " + f.citation().title()
                            + (f.citation().url() == null ? "" : " <" + f.citation().url() + ">"));
                }
            }
        }
    }

    private void printRow(String[] row, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            b.append(row[i]);
            if (i < row.length - 1) {
                b.append(" ".repeat(widths[i] - row[i].length() + 2));
            }
        }
        out.println(b.toString().stripTrailing());
    }

    private static String softwareSummary(List<Software> software) {
        Map<String, Integer> bySource = new TreeMap<>();
        for (Software s : software) {
            bySource.merge(s.source(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder(String.format("%,d package%s", software.size(), software.size() == 1 ? "" : "s"));
        if (!bySource.isEmpty()) {
            b.append(" (");
            bySource.forEach((k, v) -> b.append(k).append(' ').append(String.format("%,d", v)).append(", "));
            b.setLength(b.length() - 2);
            b.append(')');
        }
        return b.toString();
    }

    private static String state(SecurityProduct p) {
        List<String> parts = new ArrayList<>();
        if (p.enabled() != null) {
            parts.add(p.enabled() ? "enabled" : "disabled");
        } else if (p.active()) {
            parts.add("running");
        }
        if (p.upToDate() != null) {
            parts.add(p.upToDate() ? "up to date" : "out of date");
        }
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    private static String evidence(List<Evidence> evidence) {
        List<String> parts = new ArrayList<>();
        for (Evidence e : evidence) {
            if (parts.size() == MAX_EVIDENCE) {
                parts.add("+" + (evidence.size() - MAX_EVIDENCE) + " more");
                break;
            }
            parts.add(e.kind().jsonName() + " " + e.name() + (e.detail() == null ? "" : " " + e.detail()));
        }
        return String.join("; ", parts);
    }
}
