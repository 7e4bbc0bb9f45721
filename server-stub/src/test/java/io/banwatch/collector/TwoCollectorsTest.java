package io.banwatch.collector;

import io.banwatch.model.Evidence;
import io.banwatch.model.Level;
import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;
import io.banwatch.collector.alerts.AlertPolicy;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two collectors on one PostgreSQL database, as behind a load balancer: every report reaches
 * both at the same moment (an agent's retry racing its original through another instance),
 * some a third time. Collector A is reached through a proxy that drops some connections just as
 * A answers, so the report was stored but the client never heard it and sends it again. Each
 * report is stored once, each host ends in the right state, and each alert transition reaches
 * the webhook exactly once (level changes and hosts fixed); both collectors deliver some of them.
 */
class TwoCollectorsTest {
    private static final int HOSTS = 100;
    private static final int STEPS = 6;
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    /** What a host has at one step; under us-federal, an install is VIOLATION and a remnant RISK. */
    private enum State {
        CLEAN(null), KESL(Level.VIOLATION), REMNANT(Level.RISK);

        final Level level;

        State(Level level) {
            this.level = level;
        }
    }

    @RegisterExtension
    final TestDatabase db = new TestDatabase(TestDatabase.Kind.POSTGRES);

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    private final MutableClock clock = new MutableClock(T0);

    private static State state(int host, int step) {
        return State.values()[(host * 7 + step * (1 + host % 3)) % 3];
    }

    private static ScanReport report(int host, int step) {
        State s = state(host, step);
        List<Software> software = s == State.KESL ? Samples.withKesl() : Samples.baseSoftware();
        List<Evidence> observations = s == State.REMNANT ? Samples.keslRemnants() : List.of();
        return ReportBuilder.report()
                .host(Samples.linuxHost("host-" + host, "ws-" + host))
                .software(software)
                .observations(observations)
                .scannedAt(T0.plusSeconds(60L * step))
                .build();
    }

    private TestCollector start(Path dir, String hook) {
        var config = db.config(dir);
        config.webhookUrl = hook;
        config.alertOnRisk = true;
        config.jobWorker = false;
        return TestCollector.start(config.build(), clock);
    }

    /** Posts until answered: a dropped connection is retried, as an agent's transport does. */
    private static HttpResponse<String> post(TestCollector c, String base, String token, byte[] body,
                                             AtomicInteger retries) {
        for (int attempt = 1; ; attempt++) {
            try {
                return c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/reports"))
                        .timeout(java.time.Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 10) {
                    throw e;
                }
                retries.incrementAndGet();
            }
        }
    }

    /**
     * Holds the first webhook request until another one has been received. Each collector sends
     * from one thread, so the other delivery came from the other collector: without this, the
     * collector that wakes first can claim batch after batch and deliver everything, which is
     * correct but would leave the "both deliver" half of the test proving nothing.
     */
    private static void holdTheFirstDeliveryUntilAnotherArrives(WebhookReceiver hook) {
        AtomicBoolean first = new AtomicBoolean(true);
        hook.beforeAnswering(() -> {
            if (first.compareAndSet(true, false)) {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (hook.received.isEmpty() && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        });
    }

    @Test
    @Timeout(120)
    void theSameReportsThroughTwoCollectorsAreStoredOnceAndAlertedOnce() throws Exception {
        long started = System.nanoTime();
        try (WebhookReceiver hook = new WebhookReceiver()) {
            holdTheFirstDeliveryUntilAnotherArrives(hook);
            // Started together: both migrate the empty schema at once (Flyway serialises them).
            CompletableFuture<TestCollector> startA = CompletableFuture.supplyAsync(() -> start(dirA, hook.url()));
            CompletableFuture<TestCollector> startB = CompletableFuture.supplyAsync(() -> start(dirB, hook.url()));
            try (TestCollector a = startA.get(); TestCollector b = startB.get();
                 TcpProxy flaky = new TcpProxy("127.0.0.1", a.server.port())) {
                flaky.dropAnswerOfEvery(20);
                String viaFlaky = "http://127.0.0.1:" + flaky.port();
                AtomicInteger retries = new AtomicInteger();
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < HOSTS; i++) {
                    tokens.add((i % 2 == 0 ? a : b).enroll("host-" + i, "ws-" + i));
                }
                AtomicInteger stored = new AtomicInteger();
                AtomicInteger duplicates = new AtomicInteger();
                AtomicInteger sends = new AtomicInteger();
                List<List<ScanReport>> sent = new ArrayList<>();
                ExecutorService hosts = Executors.newFixedThreadPool(8);
                ExecutorService requests = Executors.newFixedThreadPool(16);
                try {
                    List<Future<List<ScanReport>>> done = new ArrayList<>();
                    for (int i = 0; i < HOSTS; i++) {
                        int host = i;
                        // One host's reports go in order; hosts run side by side.
                        done.add(hosts.submit(() -> {
                            List<ScanReport> mine = new ArrayList<>();
                            for (int step = 0; step < STEPS; step++) {
                                ScanReport r = report(host, step);
                                mine.add(r);
                                byte[] body = ReportBuilder.json(r);
                                String token = tokens.get(host);
                                var viaA = CompletableFuture.supplyAsync(() -> post(a, viaFlaky, token, body, retries), requests);
                                var viaB = CompletableFuture.supplyAsync(() -> b.post("/api/v1/reports", token, body, null), requests);
                                List<HttpResponse<String>> answers = new ArrayList<>(List.of(viaA.join(), viaB.join()));
                                if ((host * 31 + step) % 4 == 0) {
                                    answers.add(step % 2 == 0 ? post(a, viaFlaky, token, body, retries)
                                            : b.post("/api/v1/reports", token, body, null));
                                }
                                for (HttpResponse<String> res : answers) {
                                    sends.incrementAndGet();
                                    assertThat(res.statusCode()).as(res.body()).isIn(200, 201);
                                    (res.statusCode() == 201 ? stored : duplicates).incrementAndGet();
                                }
                            }
                            return mine;
                        }));
                    }
                    for (Future<List<ScanReport>> f : done) {
                        sent.add(f.get());
                    }
                } finally {
                    hosts.shutdown();
                    requests.shutdown();
                }
                int n = HOSTS * STEPS;

                // Stored exactly once each. A 201 lost with a dropped connection was answered 200
                // (duplicate) to the retry; every other answer is a duplicate.
                assertThat(flaky.dropped()).as("connections dropped by the proxy").isPositive();
                assertThat(retries.get()).as("posts retried after a dropped connection").isPositive()
                        .isLessThanOrEqualTo(flaky.dropped());
                assertThat(db.count("SELECT COUNT(*) FROM reports")).isEqualTo(n);
                assertThat(stored.get()).isBetween(n - flaky.dropped(), n);
                assertThat(duplicates.get()).isEqualTo(sends.get() - stored.get());

                // Host state, history and outbox as the reports' order dictates.
                AlertPolicy policy = new AlertPolicy(true, true);
                int expectedTransitions = 0;
                int expectedAlerts = 0;
                for (int i = 0; i < HOSTS; i++) {
                    Level previous = null;
                    for (int step = 0; step < STEPS; step++) {
                        Level level = state(i, step).level;
                        expectedTransitions += level != previous ? 1 : 0;
                        expectedAlerts += policy.alerts(previous, level) || policy.fixes(previous, level) ? 1 : 0;
                        previous = level;
                    }
                    ScanReport last = sent.get(i).get(STEPS - 1);
                    assertThat(db.text("SELECT last_report_id FROM hosts WHERE host_id = 'host-" + i + "'"))
                            .isEqualTo(last.reportId());
                    assertThat(db.text("SELECT level FROM hosts WHERE host_id = 'host-" + i + "'"))
                            .isEqualTo(previous == null ? null : previous.name());
                }
                assertThat(db.count("SELECT COUNT(*) FROM host_history WHERE event = 'level'")).isEqualTo(expectedTransitions);
                assertThat(db.count("SELECT COUNT(*) FROM host_history WHERE event = 'first-seen'")).isEqualTo(HOSTS);
                assertThat(db.count("SELECT COUNT(*) FROM alerts")).isEqualTo(expectedAlerts);
                assertThat(db.count("SELECT COUNT(*) FROM software")).isEqualTo(Samples.withKesl().size());

                // Both background workers deliver; wait for the outbox to drain, then make sure
                // neither has anything left to send.
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (db.count("SELECT COUNT(*) FROM alerts WHERE delivered_at IS NULL") > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(a.server.deliverAlertsNow() + b.server.deliverAlertsNow()).isZero();
                Set<String> keys = new HashSet<>();
                for (WebhookReceiver.Request d : hook.received) {
                    keys.add(d.idempotencyKey());
                }
                long deliveredByA = delivered(a);
                long deliveredByB = delivered(b);
                System.out.printf("two collectors: %d reports in %d answered requests (%d retried after %d dropped"
                                + " connections): %d stored (%d via A, %d via B), %d duplicates;"
                                + " %d alert transitions, %d webhook deliveries (%d by A, %d by B), %d distinct; %d transaction"
                                + " retries; %.1f s%n", n, sends.get(), retries.get(), flaky.dropped(), stored.get(),
                        ingested(a), ingested(b),
                        duplicates.get(), expectedAlerts, hook.received.size(), deliveredByA, deliveredByB, keys.size(),
                        metric(a, "banwatch_db_transaction_retries") + metric(b, "banwatch_db_transaction_retries"),
                        (System.nanoTime() - started) / 1e9);
                assertThat(hook.received).hasSize(expectedAlerts);
                assertThat(keys).hasSize(expectedAlerts);
                assertThat(deliveredByA + deliveredByB).isEqualTo(expectedAlerts);
                assertThat(deliveredByA).as("alerts delivered by A").isPositive();
                assertThat(deliveredByB).as("alerts delivered by B").isPositive();
            }
        }
    }

    private static long ingested(TestCollector c) {
        return metric(c, "banwatch_reports_ingested_total");
    }

    private static long delivered(TestCollector c) {
        return metric(c, "banwatch_alerts_delivered_total");
    }

    private static long metric(TestCollector c, String name) {
        return c.get("/metrics", c.admin).body().lines().filter(l -> l.startsWith(name + " "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(name.length() + 1))).sum();
    }
}
