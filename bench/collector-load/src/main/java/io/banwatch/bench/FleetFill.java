package io.banwatch.bench;

import io.banwatch.model.Host;

import java.util.stream.IntStream;

/**
 * Builds the fleet over the API, in rounds of {@code chunk} hosts: enroll them, generate their
 * reports (not timed: agents do that on their own machines), then send the reports. Hosts up to
 * {@code fullHosts} send full ~800-package reports, the measured full-report ingest (the first
 * round is the JIT warm-up, counted apart); the rest of the fleet sends the lighter inventory of
 * {@link Fleet#lightSoftware}, so that 100k hosts fit in the time. Every host is enrolled and
 * reports through the API — nothing is written into the database behind the collector's back.
 * Stops early, keeping time for the later phases, when the deadline nears.
 */
final class FleetFill {
    final PhaseStats enroll = new PhaseStats("enroll");
    final PhaseStats warmup = new PhaseStats("warmup");
    final PhaseStats full = new PhaseStats("full");
    final PhaseStats light = new PhaseStats("light");
    final String[] tokens;

    private final BenchSettings s;
    private final Fleet fleet;
    private final ReportFactory factory;
    private final CollectorClient client;
    private final LoadRunner runner;
    private final Deadline deadline;
    private long generateNanos;
    private int built;

    FleetFill(BenchSettings s, Fleet fleet, ReportFactory factory, CollectorClient client, LoadRunner runner,
              Deadline deadline) {
        this.s = s;
        this.fleet = fleet;
        this.factory = factory;
        this.client = client;
        this.runner = runner;
        this.deadline = deadline;
        this.tokens = new String[s.hosts()];
    }

    /**
     * Builds hosts up to {@code upTo} (full reports while below fullHosts, light ones after);
     * returns the fleet size reached, short of it only when time ran short.
     */
    int buildTo(int upTo) throws Exception {
        // The unchanged and read phases need a few minutes whatever the fleet size.
        double reserve = Math.max(150, s.deadlineSecs() * 0.25);
        upTo = Math.min(upTo, s.hosts());
        while (built < upTo && deadline.secondsLeft() > reserve) {
            int first = built;
            boolean isFull = first < s.fullHosts();
            int limit = isFull ? Math.min(upTo, s.fullHosts()) : upTo;
            int size = Math.min(first == 0 ? s.warmupHosts() : s.chunk(), limit - first);
            int enrolled = runner.run(enroll, size, i -> {
                Host h = fleet.host(first + i);
                tokens[first + i] = client.enroll(s.secret(), h.id(), h.hostname());
                return LoadRunner.answer(201, 0);
            });
            long t0 = System.nanoTime();
            byte[][] bodies = new byte[enrolled][];
            IntStream.range(0, enrolled).parallel()
                    .forEach(i -> bodies[i] = isFull ? factory.full(first + i) : factory.light(first + i));
            generateNanos += System.nanoTime() - t0;
            PhaseStats stats = first == 0 ? warmup : isFull ? full : light;
            int sent = runner.run(stats, enrolled,
                    i -> LoadRunner.answer(client.postReport(tokens[first + i], bodies[i]), bodies[i].length));
            built += sent;
            LoadMain.log("%d hosts (%s: %s reports/s so far; enroll %s/s; %.0f s left)", built, stats.name,
                    stats.figures().get(stats.name + ".rate"), enroll.figures().get("enroll.rate"),
                    deadline.secondsLeft());
            if (sent < size) {
                break;
            }
        }
        return built;
    }

    double generateSeconds() {
        return generateNanos / 1e9;
    }
}
