package io.banwatch.agent.send;

import io.banwatch.agent.spool.Spool;
import io.banwatch.retry.Backoff;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolFlusherTest {
    @TempDir
    Path dir;

    private final ScriptedCollector collector = new ScriptedCollector();
    private final List<Long> waits = new ArrayList<>();
    private final Instant t0 = Instant.parse("2026-11-24T03:00:00Z");
    private MutableClock clock;

    @AfterEach
    void stop() {
        collector.close();
    }

    /** A flusher whose waits are recorded, not slept; its clock advances by each wait. */
    private SpoolFlusher flusher(Spool spool, Duration budget) {
        return flusher(spool, budget, new Random(7));
    }

    private SpoolFlusher flusher(Spool spool, Duration budget, RandomGenerator random) {
        clock = new MutableClock(t0);
        CollectorClient client = new CollectorClient(HttpClient.newHttpClient(), collector.url(), clock, "test");
        return new SpoolFlusher(spool, client, new Backoff(1_000, 60_000), random, millis -> {
            waits.add(millis);
            clock.advance(Duration.ofMillis(millis));
        }, clock, budget);
    }

    /** The machine's report at {@code at}: one package, so that a slim report differs from a full one. */
    private static ReportBuilder report(Instant at) {
        return ReportBuilder.report().host(Samples.WORKSTATION).software(Samples.deb("bash", "5.2", "Debian")).scannedAt(at);
    }

    private Spool spoolWith(int clean, int withFindings) {
        Spool spool = new Spool(dir, 1000, 1L << 30);
        for (int i = 0; i < clean; i++) {
            spool.add(report(t0.plusSeconds(i)).build());
        }
        for (int i = 0; i < withFindings; i++) {
            spool.add(report(t0.plusSeconds(100 + i)).findings(Samples.keslViolation()).build());
        }
        return spool;
    }

    @Test
    void sendsEverythingOldestFirstAndEmptiesTheSpool() {
        Spool spool = spoolWith(3, 2);
        List<String> ids = spool.pending().stream().map(r -> r.reportId()).toList();
        SpoolFlusher.Result r = flusher(spool, Duration.ofMinutes(1)).flush("bw_h_token");
        assertThat(r).isEqualTo(new SpoolFlusher.Result(5, 0, 0, null, List.of()));
        assertThat(spool.pending()).isEmpty();
        assertThat(collector.receivedReports).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(collector.receivedReports.get(i)).contains("\"reportId\":\"" + ids.get(i) + "\"");
        }
        assertThat(collector.authorizations).containsOnly("Bearer bw_h_token");
    }

    /** Remembers in memory, as the status file does on disk. */
    private static final class Memory implements SpoolFlusher.AcknowledgedInventory {
        String hash;

        @Override
        public String hash() {
            return hash;
        }

        @Override
        public void remember(String inventoryHash) {
            hash = inventoryHash;
        }
    }

    private SpoolFlusher slimming(Spool spool, Memory memory) {
        MutableClock clock = new MutableClock(t0);
        CollectorClient client = new CollectorClient(HttpClient.newHttpClient(), collector.url(), clock, "test");
        return new SpoolFlusher(spool, client, new Backoff(1_000, 60_000), new Random(7), waits::add, clock,
                Duration.ofMinutes(1), memory);
    }

    @Test
    void anUnchangedInventoryIsSentSlimAfterTheFirstAcknowledgement() {
        Spool spool = spoolWith(3, 0);
        Memory memory = new Memory();
        assertThat(slimming(spool, memory).flush("t").complete()).isTrue();
        assertThat(collector.receivedReports).hasSize(3);
        assertThat(collector.receivedReports.get(0)).doesNotContain("inventoryOmitted").contains("\"name\":\"bash\"");
        assertThat(collector.receivedReports.get(1)).contains("\"inventoryOmitted\":true", "\"software\":[]")
                .doesNotContain("\"name\":\"bash\"");
        assertThat(collector.receivedReports.get(2)).contains("\"inventoryOmitted\":true");
        assertThat(memory.hash).isEqualTo(report(t0).build().inventoryHash());
    }

    @Test
    void aCollectorThatLostTheInventoryGetsTheFullReportAtOnce() {
        Spool spool = spoolWith(1, 0);
        Memory memory = new Memory();
        memory.hash = report(t0).build().inventoryHash();
        collector.then(new ScriptedCollector.Answer(409, Map.of(), "{\"error\":\"inventory_unknown\"}"));
        assertThat(slimming(spool, memory).flush("t").complete()).isTrue();
        assertThat(collector.authorizations).hasSize(2);
        assertThat(collector.receivedReports).singleElement().satisfies(r ->
                assertThat(r).doesNotContain("inventoryOmitted").contains("\"name\":\"bash\""));
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesServerErrorsWithGrowingJitteredBackoff() {
        collector.then(ScriptedCollector.Answer.of(500), ScriptedCollector.Answer.of(502), ScriptedCollector.Answer.of(500));
        Spool spool = spoolWith(1, 0);
        SpoolFlusher.Result r = flusher(spool, Duration.ofMinutes(5)).flush("t");
        assertThat(r.complete()).isTrue();
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(0L, 2_000L);
        assertThat(waits.get(1)).isBetween(0L, 4_000L);
        assertThat(waits.get(2)).isBetween(0L, 8_000L);
    }

    @Test
    void honoursRetryAfterOnA503() {
        collector.then(new ScriptedCollector.Answer(503, Map.of("Retry-After", "7"), "{}"),
                new ScriptedCollector.Answer(429, Map.of("Retry-After", "2"), "{}"));
        SpoolFlusher.Result r = flusher(spoolWith(1, 0), Duration.ofMinutes(5)).flush("t");
        assertThat(r.complete()).isTrue();
        assertThat(waits).containsExactly(7_000L, 2_000L);
    }

    @Test
    void retriesARequestTimeout408() {
        collector.then(ScriptedCollector.Answer.of(408), ScriptedCollector.Answer.of(408));
        Spool spool = spoolWith(2, 0);
        SpoolFlusher.Result r = flusher(spool, Duration.ofMinutes(5), new BackoffTest.Extreme(true)).flush("t");
        assertThat(r).isEqualTo(new SpoolFlusher.Result(2, 0, 0, null, List.of()));
        assertThat(waits).containsExactly(2_000L, 4_000L);
        assertThat(collector.authorizations).hasSize(4);
        assertThat(collector.receivedReports).hasSize(2);
        assertThat(spool.pending()).isEmpty();
    }

    @Test
    void theWaitsAreTheBackoffsJitteredDrawsAndRestartForEachReport() {
        collector.then(ScriptedCollector.Answer.of(500), ScriptedCollector.Answer.of(502), ScriptedCollector.Answer.of(500),
                ScriptedCollector.Answer.of(201), ScriptedCollector.Answer.of(503));
        BackoffTest.Extreme top = new BackoffTest.Extreme(true);
        assertThat(flusher(spoolWith(2, 0), Duration.ofMinutes(5), top).flush("t").complete()).isTrue();
        // 1 s doubling per failure of the same report; the next report starts again from the first step.
        assertThat(waits).containsExactly(2_000L, 4_000L, 8_000L, 2_000L);
        waits.clear();
        collector.then(ScriptedCollector.Answer.of(500), ScriptedCollector.Answer.of(500));
        assertThat(flusher(spoolWith(1, 0), Duration.ofMinutes(5), new BackoffTest.Extreme(false)).flush("t")
                .complete()).isTrue();
        assertThat(waits).containsExactly(0L, 0L);
    }

    @Test
    void retryAfterWinsOverTheBackoffButNeverBeyondItsCap() {
        String inThirtySeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(t0.plusSeconds(30).atZone(ZoneOffset.UTC));
        collector.then(new ScriptedCollector.Answer(503, Map.of("Retry-After", inThirtySeconds), "{}"),
                new ScriptedCollector.Answer(503, Map.of("Retry-After", "3600"), "{}"),
                new ScriptedCollector.Answer(429, Map.of("Retry-After", "0"), "{}"),
                new ScriptedCollector.Answer(503, Map.of("Retry-After", "soon"), "{}"));
        // The largest draw each time, so any wait below the backoff's ceiling came from Retry-After.
        SpoolFlusher.Result r = flusher(spoolWith(1, 0), Duration.ofMinutes(10), new BackoffTest.Extreme(true)).flush("t");
        assertThat(r.complete()).isTrue();
        // An HTTP date counts from the (injected) clock; an hour is cut to the 60 s cap; 0 means now;
        // an unreadable value falls back to the backoff (fourth failure: 16 s).
        assertThat(waits).containsExactly(30_000L, 60_000L, 0L, 16_000L);
    }

    @Test
    void stopsAtTheBudgetAndKeepsWhatIsLeft() {
        for (int i = 0; i < 50; i++) {
            collector.then(ScriptedCollector.Answer.of(503));
        }
        Spool spool = spoolWith(3, 0);
        SpoolFlusher.Result r = flusher(spool, Duration.ofSeconds(20)).flush("t");
        assertThat(r.sent()).isZero();
        assertThat(r.remaining()).isEqualTo(3);
        assertThat(r.problem()).isEqualTo("collector answered 503");
        assertThat(spool.pending()).hasSize(3);
    }

    @Test
    void anUnreachableCollectorIsRetriedThenLeftForLater() {
        Spool spool = spoolWith(2, 0);
        collector.close();
        SpoolFlusher.Result r = flusher(spool, Duration.ofSeconds(30)).flush("t");
        assertThat(r.remaining()).isEqualTo(2);
        assertThat(r.problem()).startsWith("collector unreachable");
        assertThat(spool.pending()).hasSize(2);
    }

    @Test
    void aRefusedTokenStopsWithoutRetryingAndKeepsTheReports() {
        collector.then(new ScriptedCollector.Answer(401, Map.of(), "{\"error\":\"unauthorized\",\"message\":\"a valid token is required\"}"));
        Spool spool = spoolWith(3, 0);
        SpoolFlusher.Result r = flusher(spool, Duration.ofMinutes(1)).flush("t");
        assertThat(r.refused()).isTrue();
        assertThat(r.problem()).isEqualTo("collector answered 401: a valid token is required (re-enroll with 'banwatch enroll')");
        assertThat(waits).isEmpty();
        assertThat(spool.pending()).hasSize(3);
    }

    @Test
    void aReportTheCollectorCallsInvalidIsQuarantinedAndTheRestGoOn() {
        collector.then(new ScriptedCollector.Answer(400, Map.of(), "{\"error\":\"invalid_report\",\"message\":\"bad\"}"));
        Spool spool = spoolWith(2, 0);
        SpoolFlusher.Result r = flusher(spool, Duration.ofMinutes(1)).flush("t");
        assertThat(r).isEqualTo(new SpoolFlusher.Result(1, 1, 0, null, List.of()));
        assertThat(dir.resolve("quarantine")).isNotEmptyDirectory();
    }

    @Test
    void aSlimReportWhoseIdTheCollectorKnowsForOtherContentIsQuarantinedNotResentWhole() {
        Spool spool = spoolWith(1, 0);
        Memory memory = new Memory();
        memory.hash = report(t0).build().inventoryHash();
        collector.then(new ScriptedCollector.Answer(409, Map.of(), "{\"error\":\"report_id_conflict\","
                + "\"message\":\"report r1 was already stored with different content\"}"));
        SpoolFlusher.Result r = slimming(spool, memory).flush("t");
        assertThat(r.quarantined()).isEqualTo(1);
        assertThat(collector.authorizations).as("one request: no full resend").hasSize(1);
        assertThat(dir.resolve("quarantine")).isNotEmptyDirectory();
    }

    @Test
    void aWrongCollectorUrlKeepsEveryReportInsteadOfQuarantiningThem() {
        collector.then(new ScriptedCollector.Answer(404, Map.of(), "<html>not found</html>"));
        Spool spool = spoolWith(2, 1);
        SpoolFlusher.Result r = flusher(spool, Duration.ofMinutes(1)).flush("t");
        assertThat(r.sent()).isZero();
        assertThat(r.quarantined()).isZero();
        assertThat(r.remaining()).isEqualTo(3);
        assertThat(r.problem()).startsWith("collector answered 404").contains("check collector.url");
        assertThat(collector.authorizations).as("stops at the first 404").hasSize(1);
        assertThat(spool.pending()).hasSize(3);
        assertThat(dir.resolve("quarantine")).doesNotExist();
    }

    // ---- each report under its own host's identity; one refused report never blocks the others ----

    /** Reports of this machine and of an image, alternating, oldest first. */
    private Spool spoolOfTwoHosts(int each) {
        Spool spool = new Spool(dir, 1000, 1L << 30);
        for (int i = 0; i < each; i++) {
            spool.add(ReportBuilder.report().host(Samples.IMAGE).scannedAt(t0.plusSeconds(2L * i)).build());
            spool.add(ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0.plusSeconds(2L * i + 1)).build());
        }
        return spool;
    }

    /** The token of each host, as the agent keeps them. */
    private static Credentials tokens(Map<String, String> byHost) {
        return new Credentials() {
            @Override
            public String tokenFor(io.banwatch.model.Host host) {
                String token = byHost.get(host.id());
                if (token == null) {
                    throw new DeliveryException("host " + host.hostname() + " is not enrolled");
                }
                return token;
            }

            @Override
            public String whenRefused(io.banwatch.model.Host host) {
                return "enroll " + host.hostname() + " again";
            }
        };
    }

    @Test
    void eachReportGoesUnderTheTokenOfTheHostItDescribes() {
        collector.checkTokens();
        collector.issued("bw_h_machine", Samples.WORKSTATION.id());
        collector.issued("bw_h_image", Samples.IMAGE.id());
        Spool spool = spoolOfTwoHosts(2);
        SpoolFlusher.Result r = flusher(spool, Duration.ofMinutes(1))
                .flush(tokens(Map.of(Samples.WORKSTATION.id(), "bw_h_machine", Samples.IMAGE.id(), "bw_h_image")));
        assertThat(r).isEqualTo(new SpoolFlusher.Result(4, 0, 0, null, List.of()));
        assertThat(collector.authorizations).containsExactly("Bearer bw_h_image", "Bearer bw_h_machine",
                "Bearer bw_h_image", "Bearer bw_h_machine");
    }

    @Test
    void aReportRefusedForAnotherHostsTokenIsQuarantinedAndTheRestGoOn() {
        // What an older agent did with an image's report: the machine's token for another host's report.
        collector.checkTokens();
        collector.issued("bw_h_machine", Samples.WORKSTATION.id());
        Spool spool = spoolOfTwoHosts(2);
        Path oldestImageReport = spool.pending().get(0).file().getFileName();
        SpoolFlusher.Result r = flusher(spool, Duration.ofMinutes(1)).flush("bw_h_machine");
        assertThat(r).isEqualTo(new SpoolFlusher.Result(2, 2, 0, null, List.of()));
        assertThat(collector.receivedReports).hasSize(2).allMatch(json -> json.contains("\"id\":\"host-1\""));
        assertThat(dir.resolve("quarantine").resolve(oldestImageReport)).exists();
        assertThat(waits).isEmpty();
    }

    @Test
    void aRefusedTokenStopsThatHostsReportsOnly() {
        collector.checkTokens();
        collector.issued("bw_h_machine", Samples.WORKSTATION.id());
        Spool spool = spoolOfTwoHosts(3);
        SpoolFlusher.Result r = flusher(spool, Duration.ofMinutes(1))
                .flush(tokens(Map.of(Samples.WORKSTATION.id(), "bw_h_machine", Samples.IMAGE.id(), "bw_h_revoked")));
        assertThat(r.sent()).isEqualTo(3);
        assertThat(r.remaining()).isEqualTo(3);
        assertThat(r.stopped()).containsExactly(new SpoolFlusher.HostStop(Samples.IMAGE.id(), "img-7",
                "collector answered 401: a valid token is required (enroll img-7 again)", true));
        assertThat(r.problem()).isEqualTo("collector answered 401: a valid token is required (enroll img-7 again)");
        // The image's token was tried once, not once per report.
        assertThat(collector.authorizations).filteredOn("Bearer bw_h_revoked"::equals).hasSize(1);
        assertThat(spool.pending()).hasSize(3);
        assertThat(dir.resolve("quarantine")).doesNotExist();
    }

    @Test
    void aHostWithoutATokenKeepsItsReportsAndTheOthersGoOn() {
        Spool spool = spoolOfTwoHosts(2);
        SpoolFlusher.Result r = flusher(spool, Duration.ofMinutes(1)).flush(tokens(Map.of(Samples.WORKSTATION.id(), "t")));
        assertThat(r).isEqualTo(new SpoolFlusher.Result(2, 0, 2, "host img-7 is not enrolled",
                List.of(new SpoolFlusher.HostStop(Samples.IMAGE.id(), "img-7", "host img-7 is not enrolled", false))));
        assertThat(r.refused()).isFalse();
        assertThat(collector.authorizations).containsOnly("Bearer t");
    }

    @Test
    void whenSeveralThingsWentWrongTheProblemNamesEachHost() {
        for (int i = 0; i < 50; i++) {
            collector.then(ScriptedCollector.Answer.of(503));
        }
        SpoolFlusher.Result r = flusher(spoolOfTwoHosts(2), Duration.ofSeconds(5))
                .flush(tokens(Map.of(Samples.WORKSTATION.id(), "t")));
        assertThat(r.sent()).isZero();
        assertThat(r.remaining()).isEqualTo(4);
        assertThat(r.problem()).isEqualTo("host img-7: host img-7 is not enrolled; collector answered 503");
    }
}
