package io.banwatch.bench;

/**
 * What a compliance officer waits for at this fleet size: the fleet summary and the two CSV
 * exports, each requested several times one after another (no ingest running meanwhile) with
 * a viewer token, after one unmeasured request each.
 */
final class ReadLatency {
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
        read(results, "summary", "/api/v1/summary", viewer, s.summaryRuns());
        read(results, "hostsCsv", "/api/v1/export/hosts.csv", viewer, s.csvRuns());
        read(results, "findingsCsv", "/api/v1/export/findings.csv", viewer, s.csvRuns());
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
