package io.banwatch.agent.cli;

import io.banwatch.model.Evidence;
import io.banwatch.model.Finding;
import io.banwatch.model.Host;
import io.banwatch.model.ScanError;
import io.banwatch.model.ScanReport;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The readable report: host, software counts, security products, whether the scan is complete, then
 * findings most serious first, each with the milestone whose date it shows. Fits 100 columns.
 */
final class TableRenderer {
    static final int WIDTH = 100;
    private static final int MAX_EVIDENCE = 6;
    private static final int MIN_PRODUCT_WIDTH = 20;
    private static final int PRODUCT = 1;

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
        if (r.securityProducts().isEmpty()) {
            out.println("Security   none found");
        }
        String label = "Security   ";
        for (SecurityProduct p : r.securityProducts()) {
            out.printf("%s%s (%s%s)%s%n", label, p.product(), p.kind(), p.version() == null ? "" : " " + p.version(),
                    state(p));
            label = "           ";
        }
        List<ScanError> secondary = r.errors().stream().filter(e -> !e.primary()).toList();
        if (!secondary.isEmpty()) {
            out.println("Errors     " + secondary.size() + (secondary.size() == 1 ? " source" : " sources")
                    + " could not be read:");
            for (ScanError e : secondary) {
                out.print(TextWrap.hanging("           ", e.source() + ": " + e.message(), WIDTH));
            }
        }
        out.println();
        if (r.incomplete()) {
            out.print(TextWrap.hanging("INCOMPLETE: ", "this scan could not read all it needs, so "
                    + (r.findings().isEmpty() ? "finding no Kaspersky products proves nothing."
                    : "there may be more than the findings below."), WIDTH));
            for (ScanError e : r.errors()) {
                if (e.primary()) {
                    out.print(TextWrap.hanging("    " + e.source() + ": ", e.message(), WIDTH));
                }
            }
            if (r.findings().isEmpty()) {
                return;
            }
            out.println();
        } else if (r.findings().isEmpty()) {
            out.println("No Kaspersky products found.");
            return;
        }
        List<Finding> findings = mostSeriousFirst(r.findings());
        out.printf("FINDINGS (%d)%n", findings.size());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"LEVEL", "PRODUCT", "PRESENCE", "MILESTONE", "DATE", "DAYS LEFT"});
        for (Finding f : findings) {
            rows.add(new String[]{f.level().name(), f.product(), f.presence().jsonName(),
                    f.milestone() == null ? "-" : f.milestone(), date(f),
                    f.daysLeft() == null ? "-" : f.daysLeft().toString()});
        }
        int[] widths = widths(rows);
        for (int i = 0; i < rows.size(); i++) {
            printRow(rows.get(i), widths);
            if (i > 0) {
                Finding f = findings.get(i - 1);
                out.print(TextWrap.hanging("    ", f.message(), WIDTH));
                out.print(TextWrap.hanging("    Evidence: ", evidence(f.evidence()), WIDTH));
                if (f.citation() != null) {
                    out.print(TextWrap.hanging("    Source: ", f.citation().title()
                            + (f.citation().url() == null ? "" : " <" + f.citation().url() + ">"), WIDTH));
                }
            }
        }
    }

    /** By level, most serious first; findings of one level keep the engine's order. */
    static List<Finding> mostSeriousFirst(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::level)); // List.sort is stable
        return sorted;
    }

    /** The milestone's date: the deadline ahead, or since when the milestone applies. */
    static String date(Finding f) {
        LocalDate date = f.milestoneDate();
        if (date == null) {
            return "-";
        }
        return f.deadline() != null ? date.toString() : "since " + date;
    }

    /** Each column as wide as its widest cell; the product column gives way (and wraps) to fit the width. */
    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        int total = 2 * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        if (total > WIDTH) {
            widths[PRODUCT] = Math.max(MIN_PRODUCT_WIDTH, widths[PRODUCT] - (total - WIDTH));
        }
        return widths;
    }

    /** One row; a product name wider than its column goes on below, in its column. */
    private void printRow(String[] row, int[] widths) {
        List<String> product = TextWrap.lines(row[PRODUCT], widths[PRODUCT]);
        for (int line = 0; line < product.size(); line++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i == PRODUCT ? product.get(line) : line == 0 ? row[i] : "";
                b.append(cell);
                if (i < row.length - 1) {
                    b.append(" ".repeat(Math.max(0, widths[i] - cell.length()) + 2));
                }
            }
            out.println(b.toString().stripTrailing());
        }
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
