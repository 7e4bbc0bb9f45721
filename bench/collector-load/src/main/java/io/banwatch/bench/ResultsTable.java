package io.banwatch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints one or more engines' results (the files LoadMain wrote) as a markdown table, the
 * engines side by side, followed by the goals and whether each was met.
 */
public final class ResultsTable {
    private static final double FULL_GOAL = 500;
    private static final double UNCHANGED_GOAL = 5_000;
    private static final double SUMMARY_GOAL_MS = 100;

    private ResultsTable() {
    }

    public static void main(String[] args) throws Exception {
        List<Results> runs = new ArrayList<>();
        for (String a : args) {
            runs.add(Results.read(Path.of(a)));
        }
        StringBuilder b = new StringBuilder();
        b.append("| figure |");
        runs.forEach(r -> b.append(' ').append(r.get("engine")).append(" |"));
        b.append('\n').append("|---|");
        runs.forEach(r -> b.append("---|"));
        b.append('\n');
        row(b, runs, "fleet built (hosts)", r -> r.get("fleet.hosts") + " (" + r.get("fleet.kasperskyHosts") + " with Kaspersky)");
        row(b, runs, "collector JVM", r -> r.get("collector.jvm"));
        row(b, runs, "enroll: rate, p50 / p99 ms", r -> rate(r, "enroll") + ", " + r.get("enroll.p50") + " / " + r.get("enroll.p99"));
        row(b, runs, "full reports: rate (after warm-up)", r -> rate(r, "full"));
        row(b, runs, "full reports: p50 / p90 / p99 / max ms", r -> pct(r, "full"));
        row(b, runs, "full reports: database writer busy, writer-only rate", r -> busy(r, "full"));
        row(b, runs, "full reports: cores used collector / database / generator / other", r -> cores(r, "full"));
        row(b, runs, "full reports: collector CPU ms per report", r -> r.get("full.collectorCpuMsPerRequest"));
        row(b, runs, "light fill reports (" + runs.get(0).get("load.lightPackages") + " packages): rate, p50 / p99 ms",
                r -> rate(r, "light") + ", " + r.get("light.p50") + " / " + r.get("light.p99"));
        row(b, runs, "unchanged, full form: rate", r -> rate(r, "unchangedFull"));
        row(b, runs, "unchanged, full form: p50 / p90 / p99 / max ms", r -> pct(r, "unchangedFull"));
        row(b, runs, "unchanged, full form: writer busy, writer-only rate", r -> busy(r, "unchangedFull"));
        row(b, runs, "unchanged, full form: cores collector / database / generator / other", r -> cores(r, "unchangedFull"));
        row(b, runs, "unchanged, slim form: rate", r -> rate(r, "unchangedSlim"));
        row(b, runs, "unchanged, slim form: p50 / p90 / p99 / max ms", r -> pct(r, "unchangedSlim"));
        row(b, runs, "unchanged, slim form: writer busy, writer-only rate", r -> busy(r, "unchangedSlim"));
        row(b, runs, "unchanged, slim form: cores collector / database / generator / other", r -> cores(r, "unchangedSlim"));
        row(b, runs, "wire size (gzip) full / light / slim; full JSON", r -> kb(r.get("full.avgWireBytes")) + " / "
                + kb(r.get("light.avgWireBytes")) + " / " + r.get("unchangedSlim.avgWireBytes") + " B; "
                + kb(r.get("load.fullJsonBytes")));
        row(b, runs, "database per 1k hosts (after the full-report hosts)", r -> r.get("db.perThousandHostsMB")
                + " MB (" + mb(r.get("db.bytes")) + " for " + r.get("db.fullHosts") + " hosts: " + r.get("db.detail") + ")");
        row(b, runs, "database with the whole fleet (full + light)", r -> mb(r.get("db.filledBytes")) + " ("
                + r.get("db.filledDetail") + ")");
        row(b, runs, "database at the end (+ unchanged reports' rows)", r -> mb(r.get("db.endBytes")));
        row(b, runs, "software index: hosts pending when the reads began; wait; pending after it",
                r -> r.get("index.pendingAtReads") + "; " + r.get("index.waitSeconds") + " s; " + r.get("index.pendingAfterWait"));
        row(b, runs, "GET /api/v1/summary while the index catches up: median / p95 ms; collector cores",
                r -> r.get("summaryIndexing.p50") + " / " + r.get("summaryIndexing.p95") + "; "
                        + r.get("summaryIndexing.cores.collector"));
        row(b, runs, "GET /api/v1/summary median / p95 ms", r -> r.get("summary.p50") + " / " + r.get("summary.p95")
                + " (" + r.get("summary.requests") + " requests)");
        row(b, runs, "GET hosts.csv median / p95 ms (size)", r -> r.get("hostsCsv.p50") + " / " + r.get("hostsCsv.p95")
                + " (" + mb(r.get("hostsCsv.bytes")) + ")");
        row(b, runs, "GET findings.csv median / p95 ms (size)", r -> r.get("findingsCsv.p50") + " / "
                + r.get("findingsCsv.p95") + " (" + mb(r.get("findingsCsv.bytes")) + ")");
        row(b, runs, "alerts delivered to the webhook", r -> r.get("alerts.received"));
        row(b, runs, "collector peak RSS", r -> r.get("collector.rssMB") + " MB");
        row(b, runs, "machine", r -> r.get("machine"));
        row(b, runs, "answers full / light / unchanged full / slim", r -> r.get("full.statuses") + " / " + r.get("light.statuses") + " / "
                + r.get("unchangedFull.statuses") + " / " + r.get("unchangedSlim.statuses"));
        row(b, runs, "deadline passed", r -> r.get("deadlinePassed"));
        b.append('\n');
        for (Results r : runs) {
            b.append("Goals on ").append(r.get("engine")).append(": ");
            b.append(goal("full reports ≥ 500/s", num(r, "full.rate") >= FULL_GOAL, r.get("full.rate") + "/s")).append("; ");
            b.append(goal("unchanged (slim) ≥ 5,000/s", num(r, "unchangedSlim.rate") >= UNCHANGED_GOAL,
                    r.get("unchangedSlim.rate") + "/s")).append("; ");
            b.append(goal("unchanged (full form) ≥ 5,000/s", num(r, "unchangedFull.rate") >= UNCHANGED_GOAL,
                    r.get("unchangedFull.rate") + "/s")).append("; ");
            b.append(goal("summary < 100 ms at " + r.get("fleet.hosts") + " hosts",
                    num(r, "summary.p50") < SUMMARY_GOAL_MS && num(r, "summary.requests") > 0,
                    "median " + r.get("summary.p50") + " ms")).append(".\n\n");
        }
        System.out.print(b);
    }

    private interface Cell {
        String of(Results r);
    }

    private static void row(StringBuilder b, List<Results> runs, String label, Cell cell) {
        b.append("| ").append(label).append(" |");
        runs.forEach(r -> b.append(' ').append(cell.of(r).replace("|", "/")).append(" |"));
        b.append('\n');
    }

    private static String rate(Results r, String phase) {
        return r.get(phase + ".rate") + "/s (" + r.get(phase + ".requests") + " in " + r.get(phase + ".seconds") + " s)";
    }

    private static String pct(Results r, String phase) {
        return r.get(phase + ".p50") + " / " + r.get(phase + ".p90") + " / " + r.get(phase + ".p99") + " / "
                + r.get(phase + ".max");
    }

    private static String busy(Results r, String phase) {
        return Math.round(num(r, phase + ".writerBusy") * 100) + " %, " + r.get(phase + ".writerRate") + "/s, "
                + r.get(phase + ".reportsPerBatch") + " reports per batch";
    }

    private static String cores(Results r, String phase) {
        return r.get(phase + ".cores.collector") + " / " + r.get(phase + ".cores.database") + " / "
                + r.get(phase + ".cores.generator") + " / " + r.get(phase + ".cores.other");
    }

    private static String goal(String what, boolean met, String figure) {
        return what + " **" + (met ? "met" : "missed") + "** (" + figure + ")";
    }

    private static double num(Results r, String key) {
        return parse(r.get(key));
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String kb(String bytes) {
        return String.format("%.1f KB", parse(bytes) / 1e3);
    }

    private static String mb(String bytes) {
        return String.format("%.1f MB", parse(bytes) / 1e6);
    }
}
