package io.banwatch.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a compliance officer waits for at this fleet size: the fleet summary and the two CSV
 * exports, each requested several times one after another (no ingest running meanwhile) with
 * a viewer token, after one unmeasured request each.
 *
 * <p>Right after a fill the collector is still building its software index for most of the
 * fleet, in the background. So the summary is measured twice: while the index catches up, then,
 * after waiting (bounded) for it to be up to date, with the collector otherwise idle; the
 * exports once, after the wait.
 */
final class ReadLatency {
    private static final Pattern PENDING = Pattern.compile("\"pendingHosts\"\\s*:\\s*(\\d+)");
    private final CollectorClient client;
    private final LoadRunner oneClient;
    private final Deadline deadline;
    private final BenchSettings s;

    ReadLatency(CollectorClient client, CpuMeter cpu, Deadline deadline, BenchSettings s) {
        this.client = client;
        this.oneClient = new LoadRunner(1, cpu, client, s.adminToken(), deadline);
        this.deadline = deadline;
        this.s = s;
    }

    void measure(Results results) throws Exception {
        if (deadline.passed()) {
            return;
        }
        String viewer = client.viewerToken(s.adminToken());
        long pending = indexPending(viewer);
        results.put("index.pendingAtReads", pending);
        if (pending > 0) {
            read(results, "summaryIndexing", "/api/v1/summary", viewer, s.summaryRuns());
            long started = System.nanoTime();
            long waitNanos = (long) (Math.min(s.indexWaitSecs(), deadline.secondsLeft() - 60) * 1e9);
            while (pending > 0 && System.nanoTime() - started < waitNanos) {
                Thread.sleep(1_000);
                pending = indexPending(viewer);
            }
            results.put("index.waitSeconds", PhaseStats.fmt((System.nanoTime() - started) / 1e9));
            results.put("index.pendingAfterWait", pending);
            LoadMain.log("software index: %d hosts pending after %s s", pending, results.get("index.waitSeconds"));
        }
        read(results, "summary", "/api/v1/summary", viewer, s.summaryRuns());
        read(results, "hostsCsv", "/api/v1/export/hosts.csv", viewer, s.csvRuns());
        read(results, "findingsCsv", "/api/v1/export/findings.csv", viewer, s.csvRuns());
    }

    /** Hosts whose inventory the software index does not reflect yet, from any software answer. */
    private long indexPending(String viewer) {
        Matcher m = PENDING.matcher(client.text("/api/v1/software?size=1", viewer));
        if (!m.find()) {
            throw new IllegalStateException("GET /api/v1/software: no index.pendingHosts in the answer");
        }
        return Long.parseLong(m.group(1));
    }

    private void read(Results results, String name, String path, String viewer, int runs) throws Exception {
        CollectorClient.Answer first = client.get(path, viewer);
        PhaseStats stats = new PhaseStats(name);
        oneClient.run(stats, runs, i -> {
            CollectorClient.Answer a = client.get(path, viewer);
            return LoadRunner.answer(a.status(), a.bytes());
        });
        results.putAll(stats.figures());
        results.put(name + ".bytes", first.bytes());
        LoadMain.log("%s: median %s ms, p95 %s ms (%d bytes)", path, stats.figures().get(name + ".p50"),
                stats.figures().get(name + ".p95"), first.bytes());
    }
}
