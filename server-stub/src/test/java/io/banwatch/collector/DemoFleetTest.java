package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.demo.FleetLoader;
import io.banwatch.collector.demo.ReplayClock;
import io.banwatch.collector.demo.SimulatedFleet;
import io.banwatch.collector.demo.SimulatedFleet.SimulatedHost;
import io.banwatch.collector.demo.SimulatedFleet.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's simulated fleet, sent through the API to a collector on SQLite and on PostgreSQL, is
 * judged as it was meant to be, host by host: each state and profile gets its level, the hosts
 * that stopped reporting are stale by the time they were last seen, and those whose Kaspersky was
 * removed since an earlier scan say when.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class DemoFleetTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    DemoFleetTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    /** What the us-federal pack makes of each simulated state (the profile matters for an install only). */
    private static String expectedLevel(SimulatedHost h) {
        return switch (h.state()) {
            case CLEAN -> "CLEAN";
            case KASPERSKY -> h.profile().equals("us-private") ? "RISK" : "VIOLATION";
            // Remnants are a risk under a federal profile; commercially, only when nothing protects the host
            // (the unprotected notice), and the demo's one commercial host with remnants is a Windows one, with Defender.
            case REMNANTS -> h.profile().equals("us-private") ? "INFO" : "RISK";
            case ULTRAAV -> "INFO";
            case INCOMPLETE -> "INCOMPLETE";
        };
    }

    @Test
    void everySimulatedHostIsJudgedAsPlannedAndTheStaleOnesWereLastSeenDaysAgo() throws Exception {
        ReplayClock clock = new ReplayClock(new MutableClock(NOW));
        List<SimulatedHost> fleet = SimulatedFleet.build(13, NOW);
        try (CollectorServer server = CollectorServer.create(db.config(dir).build(), clock).start()) {
            String base = "http://127.0.0.1:" + server.port();
            String admin = server.tokens().issue(io.banwatch.collector.auth.Role.ADMIN, "test admin", null).token();
            HttpClient http = HttpClient.newHttpClient();
            FleetLoader.Loaded loaded = new FleetLoader(http, base, clock).load(fleet, server.enrollmentSecret(), admin);
            assertThat(loaded).isEqualTo(new FleetLoader.Loaded(40, 46, 1));
            assertThat(clock.instant()).as("the clock caught up").isEqualTo(NOW);

            Map<String, JsonNode> byId = new HashMap<>();
            json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/hosts?retired=all&size=1000"))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("items").forEach(h -> byId.put(h.path("hostId").asText(), h));
            assertThat(byId).hasSize(40);
            for (SimulatedHost h : fleet) {
                JsonNode row = byId.get(h.hostId());
                assertThat(row.path("level").asText()).as(h.hostname() + " " + h.state() + " " + h.profile())
                        .isEqualTo(expectedLevel(h));
                assertThat(row.path("osFamily").asText()).isEqualTo(h.osFamily());
                Instant scanned = h.scans().get(h.scans().size() - 1).scannedAt();
                Instant lastSeen = Instant.parse(row.path("lastSeen").asText());
                assertThat(Duration.between(scanned, lastSeen)).as("arrived just after its scan")
                        .isBetween(Duration.ZERO, Duration.ofMinutes(1));
                boolean stale = scanned.isBefore(NOW.minus(Duration.ofDays(7)));
                assertThat(row.path("stale").asBoolean()).as(h.hostname() + " stale").isEqualTo(stale);
                assertThat(row.path("retiredAt").isNull()).isEqualTo(h.retireReason() == null);
                if (h.scans().size() > 1 && h.state() != State.KASPERSKY) {
                    assertThat(row.path("kasperskyRemovedAt").asText()).as(h.hostname() + " removed since")
                            .startsWith(h.scans().get(1).scannedAt().toString().substring(0, 10));
                }
            }
            assertThat(fleet).filteredOn(h -> byId.get(h.hostId()).path("stale").asBoolean()).hasSize(5);
        }
    }
}
