package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.audit.AuditLog;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retiring a host: an admin's change (API, command line, dashboard) written to the audit log;
 * the host leaves the counts, lists, charts and exports, keeps its history, and comes back when
 * it reports a scan made after its retirement.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class HostRetirementTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(OfficerFleet.NOW);
    private final ObjectMapper json = new ObjectMapper();
    private TestCollector c;
    private OfficerFleet fleet;
    private String viewer;

    HostRetirementTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        c = TestCollector.start(db.config(dir.resolve("data")).build(), clock);
        viewer = c.viewer();
        fleet = new OfficerFleet(c, clock).seed();
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = c.get(path, viewer);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private HttpResponse<String> retire(String id, String token, String body) {
        return c.post("/api/v1/hosts/" + id + "/retire", token, body);
    }

    private List<String> history(String id) throws Exception {
        List<String> events = new ArrayList<>();
        get("/api/v1/hosts/" + id).path("history").forEach(e -> events.add(e.path("event").asText()
                + (e.path("reportId").isNull() ? "" : " (report)")));
        return events;
    }

    @Test
    void anAdminRetiresAHostAndItLeavesTheCountsListsChartAndExports() throws Exception {
        JsonNode before = get("/api/v1/summary");
        assertThat(before.path("hosts").asLong()).isEqualTo(6);
        assertThat(before.path("byLevel").path("VIOLATION").asLong()).isEqualTo(2);
        assertThat(before.path("kasperskyInstalled").asLong()).isEqualTo(3);
        assertThat(c.get("/", viewer).body()).contains("On 2026-11-24: 3 hosts with Kaspersky installed");

        assertThat(retire("host-a", viewer, "{}").statusCode()).as("a viewer may not").isEqualTo(403);
        assertThat(retire("no-such-host", c.admin, "{}").statusCode()).isEqualTo(404);
        assertThat(retire("host-a", c.admin, "{\"reason\":" + "\"x".repeat(1) + "y".repeat(501) + "\"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> done = retire("host-a", c.admin, "{\"reason\":\"decommissioned, disk wiped\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode state = json.readTree(done.body());
        assertThat(state.path("hostId").asText()).isEqualTo("host-a");
        assertThat(state.path("retiredAt").asText()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(state.path("reason").asText()).isEqualTo("decommissioned, disk wiped");
        HttpResponse<String> again = retire("host-a", c.admin, "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).path("error").asText()).isEqualTo("already_retired");

        JsonNode after = get("/api/v1/summary");
        assertThat(after.path("hosts").asLong()).isEqualTo(5);
        assertThat(after.path("retired").asLong()).isEqualTo(1);
        assertThat(after.path("byLevel").path("VIOLATION").asLong()).isEqualTo(1);
        assertThat(after.path("byProfile").path("us-federal").asLong()).isEqualTo(2);
        assertThat(after.path("kasperskyInstalled").asLong()).isEqualTo(2);
        for (JsonNode d : after.path("deadlines")) {
            if (d.path("id").asText().equals("ndaa-1634-effective")) {
                assertThat(d.path("hosts").asLong()).as("hosts under the NDAA milestone: bravo alone").isEqualTo(1);
            }
        }
        assertThat(c.get("/", viewer).body()).contains("On 2026-11-24: 2 hosts with Kaspersky installed")
                .contains("<span class=\"n\">1</span>retired (not counted)");
        assertThat(get("/api/v1/hosts").path("total").asLong()).isEqualTo(5);
        assertThat(get("/api/v1/hosts?retired=only").path("items").get(0).path("retiredBy").asText())
                .startsWith("test admin (token ");
        assertThat(get("/api/v1/findings?level=VIOLATION").path("total").asLong()).isEqualTo(1);
        assertThat(c.get("/api/v1/export/hosts.csv", viewer).body()).doesNotContain("host-a,");
        assertThat(c.get("/api/v1/export/findings.csv", viewer).body()).doesNotContain("host-a,");
        assertThat(c.get("/hosts", viewer).body()).doesNotContain(">alpha<");

        // Its page and history are still there.
        JsonNode detail = get("/api/v1/hosts/host-a");
        assertThat(detail.path("host").path("retiredReason").asText()).isEqualTo("decommissioned, disk wiped");
        assertThat(detail.path("findings").size()).isEqualTo(1);
        assertThat(history("host-a")).containsExactly("retired", "level (report)", "kaspersky-appeared (report)",
                "first-seen (report)");
        assertThat(c.get("/hosts/host-a", viewer).body()).contains("<strong>Retired</strong>", "decommissioned, disk wiped");

        List<AuditLog.Entry> log = c.server.audit().recent(10, null);
        assertThat(log).filteredOn(e -> e.action().equals("host.retire")).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("host-a");
            assertThat(e.actor().kind()).isEqualTo("token");
            assertThat(e.actor().name()).isEqualTo("test admin");
            assertThat(e.detail()).isEqualTo("alpha; reason: decommissioned, disk wiped");
        });
    }

    @Test
    void aRetiredHostComesBackWhenItReportsAScanMadeAfterItsRetirement() throws Exception {
        assertThat(retire("host-a", c.admin, "{\"reason\":\"sold\"}").statusCode()).isEqualTo(200);
        Instant retiredAt = clock.instant();
        clock.advance(Duration.ofHours(2));
        // A scan from before the retirement, still in the agent's spool: news from before the decision.
        fleet.report("host-a", Samples.withKesl(), List.of(OfficerFleet.keslUnit()), retiredAt.minus(Duration.ofHours(1)));
        assertThat(get("/api/v1/hosts?retired=only").path("total").asLong()).isEqualTo(1);

        // A scan made now, of the same inventory on the same day (its judgement reused): back in service.
        fleet.report("host-a", Samples.withKesl(), List.of(OfficerFleet.keslUnit()));
        assertThat(get("/api/v1/hosts?retired=only").path("total").asLong()).isZero();
        assertThat(get("/api/v1/summary").path("byLevel").path("VIOLATION").asLong()).isEqualTo(2);
        assertThat(get("/api/v1/hosts/host-a").path("host").path("retiredAt").isNull()).isTrue();
        assertThat(history("host-a")).startsWith("unretired (report)", "retired");

        // And the same for a new judgement (another day), from a host retired again.
        assertThat(retire("host-a", c.admin, "").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofDays(1));
        fleet.report("host-a", Samples.withKesl(), List.of());
        assertThat(get("/api/v1/hosts/host-a").path("host").path("retiredAt").isNull()).isTrue();
        assertThat(history("host-a")).startsWith("unretired (report)", "retired", "unretired (report)", "retired");
    }

    @Test
    void anAdminBringsAHostBackByHand() throws Exception {
        HttpResponse<String> notRetired = c.post("/api/v1/hosts/host-b/unretire", c.admin, "");
        assertThat(notRetired.statusCode()).isEqualTo(409);
        assertThat(json.readTree(notRetired.body()).path("error").asText()).isEqualTo("not_retired");
        retire("host-b", c.admin, "");
        assertThat(c.post("/api/v1/hosts/host-b/unretire", viewer, "").statusCode()).isEqualTo(403);
        clock.advance(Duration.ofMinutes(5));
        assertThat(c.post("/api/v1/hosts/host-b/unretire", c.admin, "").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/hosts?q=bravo").path("total").asLong()).isEqualTo(1);
        assertThat(history("host-b")).startsWith("unretired", "retired");
        assertThat(c.server.audit().recent(1, null).get(0)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("host.unretire");
            assertThat(e.detail()).isEqualTo("bravo; retired since 2026-11-24T10:00:00Z");
        });
    }

    @Test
    void theCommandLineRetiresAndUnretiresInTheAuditLogsName() throws Exception {
        List<String> where = new ArrayList<>();
        if (db.kind() == TestDatabase.Kind.SQLITE) {
            where.addAll(List.of("--data", dir.resolve("data").toString()));
        } else {
            Path settings = Files.write(dir.resolve("collector.properties"), List.of("data.dir=" + dir.resolve("data"),
                    "database.url=" + db.url(), "database.user=" + db.user(), "database.password=" + db.password()));
            where.addAll(List.of("--config", settings.toString()));
        }
        List<String> args = new ArrayList<>(List.of("host", "retire", "host-c", "--reason", "lost in transit"));
        args.addAll(where);
        CliTest.Run run = CliTest.run(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("retired charlie (host-c) at ");
        assertThat(get("/api/v1/hosts?retired=only").path("items").get(0).path("hostId").asText()).isEqualTo("host-c");
        assertThat(c.server.audit().recent(1, null).get(0)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("host.retire");
            assertThat(e.actor().kind()).isEqualTo("cli");
            assertThat(e.actor().name()).isEqualTo(System.getProperty("user.name"));
            assertThat(e.detail()).isEqualTo("charlie; reason: lost in transit");
        });

        List<String> twice = new ArrayList<>(List.of("host", "retire", "host-c"));
        twice.addAll(where);
        CliTest.Run again = CliTest.run(twice.toArray(String[]::new));
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err().lines()).singleElement().satisfies(l ->
                assertThat(l).startsWith("banwatch-server: host host-c is already retired (since "));
        List<String> unknown = new ArrayList<>(List.of("host", "retire", "nope"));
        unknown.addAll(where);
        assertThat(CliTest.run(unknown.toArray(String[]::new)).err().lines())
                .containsExactly("banwatch-server: no host with id nope");

        List<String> back = new ArrayList<>(List.of("host", "unretire", "host-c"));
        back.addAll(where);
        CliTest.Run unretired = CliTest.run(back.toArray(String[]::new));
        assertThat(unretired.exit()).as(unretired.err()).isZero();
        assertThat(unretired.out().strip()).isEqualTo("charlie (host-c) is back in service");
        assertThat(c.server.audit().recent(1, null).get(0).action()).isEqualTo("host.unretire");
    }

    @Test
    void theDashboardFormsRetireAfterAConfirmationAndCarryTheCsrfToken() throws Exception {
        DashboardClient admin = new DashboardClient(c).signedIn(c.admin);
        String page = admin.get("/hosts/host-e").body();
        assertThat(page).contains("<a class=\"button danger\" href=\"/hosts/host-e/retire\">Retire this host</a>");
        HttpResponse<String> confirm = admin.get("/hosts/host-e/retire");
        assertThat(confirm.body()).contains("Retire echo?", "name=\"csrf\"", "name=\"reason\"");
        // Without the CSRF token nothing happens.
        HttpResponse<String> forged = admin.post("/hosts/host-e/retire", Map.of("reason", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/hosts?retired=only").path("total").asLong()).isZero();
        HttpResponse<String> done = admin.post("/hosts/host-e/retire", Map.of("csrf", DashboardClient.csrfIn(confirm.body()),
                "reason", "replaced"));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(DashboardClient.location(done)).isEqualTo("/hosts/host-e");
        assertThat(get("/api/v1/hosts?retired=only").path("items").get(0).path("retiredReason").asText())
                .isEqualTo("replaced");
        String retiredPage = admin.get("/hosts/host-e").body();
        assertThat(retiredPage).contains("Bring back into service");
        HttpResponse<String> back = admin.post("/hosts/host-e/unretire", Map.of("csrf", DashboardClient.csrfIn(retiredPage)));
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(get("/api/v1/hosts?retired=only").path("total").asLong()).isZero();

        // A viewer sees no button and gets the admins-only page.
        DashboardClient officer = new DashboardClient(c).signedIn(viewer);
        assertThat(officer.get("/hosts/host-e").body()).doesNotContain("Retire this host");
        assertThat(officer.get("/hosts/host-e/retire").statusCode()).isEqualTo(403);
        assertThat(officer.post("/hosts/host-e/retire", Map.of("csrf", officer.csrf())).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/hosts?retired=only").path("total").asLong()).isZero();
    }
}
