package io.banwatch.bench;

import java.time.Clock;
import java.util.stream.IntStream;

/**
 * The collector load run against an already running collector: builds the fleet with full
 * reports (measuring full-report ingest as it grows), then sends unchanged reports in full and
 * slim form, then measures the fleet summary and the CSV exports at that fleet size. Bounded by
 * host counts and a hard deadline; writes its figures to --out.
 */
public final class LoadMain {
    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings s = BenchSettings.parse(args);
        Deadline deadline = Deadline.afterSeconds(s.deadlineSecs());
        Results results = new Results();
        CollectorClient client = new CollectorClient(s.url());
        CpuMeter cpu = new CpuMeter(s.collectorPid(), s.dbPid());
        Catalogue catalogue = new Catalogue(5_000);
        Fleet fleet = new Fleet(catalogue, s.kasperskyPct());
        ReportFactory factory = new ReportFactory(fleet, Clock.systemUTC(), s.hosts());
        LoadRunner runner = new LoadRunner(s.clients(), cpu, client, s.adminToken(), deadline);
        DatabaseSize dbSize = DatabaseSize.of(s);
        results.put("engine", s.engine());
        results.put("load.hostsWanted", s.hosts());
        results.put("load.fullHostsWanted", s.fullHosts());
        results.put("load.lightPackages", Fleet.LIGHT + 1);
        results.put("load.clients", s.clients());
        results.put("load.catalogue", catalogue.size());
        results.put("load.packagesPerHost", Fleet.PACKAGES);
        results.put("load.corePackages", Fleet.CORE);
        results.put("load.kasperskyPercent", s.kasperskyPct());
        results.put("load.fullJsonBytes", factory.jsonBytes(0));

        try (WebhookReceiver hook = s.webhookPort() > 0 ? new WebhookReceiver(s.webhookPort()) : null) {
            FleetFill fill = new FleetFill(s, fleet, factory, client, runner, deadline);
            int fullBuilt = fill.buildTo(s.fullHosts());
            DatabaseSize.Size size = dbSize.measure();
            results.put("db.fullHosts", fullBuilt);
            results.put("db.bytes", size.bytes());
            results.put("db.perThousandHostsMB", PhaseStats.fmt(size.bytes() / 1e6 / (fullBuilt / 1000.0)));
            results.put("db.detail", size.detail());
            log("%d hosts with full reports; database %s (%s)", fullBuilt, DatabaseSize.mb(size.bytes()), size.detail());
            int built = fill.buildTo(s.hosts());
            results.putAll(fill.enroll.figures());
            results.putAll(fill.warmup.figures());
            results.putAll(fill.full.figures());
            results.putAll(fill.light.figures());
            results.put("fleet.hosts", built);
            results.put("fleet.kasperskyHosts", IntStream.range(0, built).filter(fleet::kaspersky).count());
            results.put("fleet.generateSeconds", PhaseStats.fmt(fill.generateSeconds()));
            DatabaseSize.Size filled = dbSize.measure();
            results.put("db.filledBytes", filled.bytes());
            results.put("db.filledDetail", filled.detail());
            log("fleet of %d hosts built; database %s (%s)", built, DatabaseSize.mb(filled.bytes()), filled.detail());

            unchanged(s, factory, client, runner, deadline, fill.tokens, fullBuilt, built, results);
            new ReadLatency(client, cpu, deadline, s).measure(results);

            results.put("alerts.delivered", client.metric(s.adminToken(), "banwatch_alerts_delivered_total"));
            results.put("alerts.received", hook == null ? "n/a" : hook.received());
            results.put("collector.reportsIngested", client.metric(s.adminToken(), "banwatch_reports_ingested_total"));
            results.put("collector.reportsRejected", client.metric(s.adminToken(), "banwatch_reports_rejected_total"));
            DatabaseSize.Size end = dbSize.measure();
            results.put("db.endBytes", end.bytes());
            results.put("db.endDetail", end.detail());
        } finally {
            results.put("deadlinePassed", deadline.passed());
            results.write(s.out());
            log("results written to %s", s.out());
        }
        System.exit(0);
    }

    /**
     * Unchanged reports: the same inventory under a new reportId, in full form (hosts with the
     * full inventory), then slim (spread over the whole fleet).
     */
    private static void unchanged(BenchSettings s, ReportFactory factory, CollectorClient client, LoadRunner runner,
                                  Deadline deadline, String[] tokens, int fullBuilt, int built, Results results)
            throws Exception {
        // Only the hosts whose stored inventory is the full one can resend it unchanged.
        PhaseStats full = new PhaseStats("unchangedFull");
        int n = Math.min(s.unchangedFull(), fullBuilt);
        if (n > 0 && !deadline.passed()) {
            byte[][] bodies = new byte[n][];
            IntStream.range(0, n).parallel().forEach(i -> bodies[i] = factory.full(spread(i, n, fullBuilt)));
            runner.run(full, n, i -> LoadRunner.answer(
                    client.postReport(tokens[spread(i, n, fullBuilt)], bodies[i]), bodies[i].length));
        }
        results.putAll(full.figures());
        log("unchanged full: %s/s", full.figures().get("unchangedFull.rate"));

        PhaseStats slim = new PhaseStats("unchangedSlim");
        int m = s.unchangedSlim();
        if (m > 0 && built > 0 && !deadline.passed()) {
            byte[][] bodies = new byte[m][];
            IntStream.range(0, m).parallel().forEach(i -> bodies[i] = factory.slim(spread(i, m, built)));
            runner.run(slim, m, i -> LoadRunner.answer(
                    client.postReport(tokens[spread(i, m, built)], bodies[i]), bodies[i].length));
        }
        results.putAll(slim.figures());
        log("unchanged slim: %s/s", slim.figures().get("unchangedSlim.rate"));
    }

    /** The i-th of n requests spread evenly over the fleet's hosts (cycling when n exceeds it). */
    static int spread(int i, int n, int hosts) {
        return n <= hosts ? (int) ((long) i * hosts / n) : i % hosts;
    }

    static void log(String format, Object... args) {
        System.err.printf("collector-load: " + format + "%n", args);
    }
}
