package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.rules.PackInfo;
import io.banwatch.rules.RuleSet;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The exports carry the proof and honour the lists' filters: findings.csv, findings.json and
 * hosts.csv against {@link OfficerFleet}, column by column, filter by filter, on both databases.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class OfficerExportsTest {
    static final List<String> FINDING_COLUMNS = List.of("host_id", "hostname", "level", "profile", "vendor", "product",
            "presence", "milestone", "since", "deadline", "days_left", "message", "citation", "citation_url", "rule_id",
            "kind", "product_version", "evidence", "milestone_date", "first_seen_at_level", "last_seen",
            "host_retired_at", "pack_id", "pack_version", "pack_sha256");
    static final List<String> HOST_COLUMNS = List.of("host_id", "hostname", "level", "profile", "os_family", "os_name",
            "arch", "kaspersky_installed", "kaspersky_first_seen", "kaspersky_removed_at", "next_deadline", "first_seen",
            "last_seen", "stale", "agent_version", "software_count", "finding_count", "top_finding_product",
            "top_finding_milestone", "retired_at", "retired_by", "retired_reason");

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(OfficerFleet.NOW);
    private final ObjectMapper json = new ObjectMapper();
    private TestCollector c;
    private OfficerFleet fleet;
    private String viewer;

    OfficerExportsTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        c = TestCollector.start(db.config(dir).build(), clock);
        viewer = c.viewer();
        fleet = new OfficerFleet(c, clock).seed();
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private static PackInfo usPack() {
        return RuleSet.builtIn().packInfo().stream().filter(p -> p.id().equals("kaspersky-us")).findFirst().orElseThrow();
    }

    @Test
    void findingsCsvHasEveryColumnWithTheRealValues() throws Exception {
        HttpResponse<String> r = c.get("/api/v1/export/findings.csv?q=alpha", viewer);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(OfficerFleet.csv(r.body()).get(0)).containsExactlyElementsOf(FINDING_COLUMNS);
        List<Map<String, String>> rows = OfficerFleet.records(r.body());
        assertThat(rows).hasSize(1);
        JsonNode api = json.readTree(c.get("/api/v1/hosts/host-a", viewer).body()).path("findings").get(0);
        PackInfo pack = usPack();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("host_id", "host-a");
        expected.put("hostname", "alpha");
        expected.put("level", "VIOLATION");
        expected.put("profile", "us-federal");
        expected.put("vendor", "Kaspersky");
        expected.put("product", OfficerFleet.KESL);
        expected.put("presence", "installed");
        expected.put("milestone", "ndaa-1634-effective");
        expected.put("since", "2018-10-01");
        expected.put("deadline", "");
        expected.put("days_left", "");
        expected.put("message", api.path("message").asText());
        expected.put("citation", api.path("citationTitle").asText());
        expected.put("citation_url", api.path("citationUrl").asText());
        expected.put("rule_id", "kaspersky-us:kesl");
        expected.put("kind", "product");
        expected.put("product_version", "12.1.0-1297");
        expected.put("evidence", "software kesl 12.1.0-1297 (dpkg); systemd-unit kesl.service at"
                + " /lib/systemd/system/kesl.service (systemd)");
        expected.put("milestone_date", "2018-10-01");
        expected.put("first_seen_at_level", "2026-11-24T10:00:00Z");
        expected.put("last_seen", "2026-11-24T10:00:00Z");
        expected.put("host_retired_at", "");
        expected.put("pack_id", "kaspersky-us");
        expected.put("pack_version", pack.version());
        expected.put("pack_sha256", pack.sha256());
        assertThat(rows.get(0)).containsExactlyEntriesOf(expected);
        assertThat(api.path("message").asText()).contains("Federal use of Kaspersky products has been prohibited since 2018-10-01");
        assertThat(api.path("citationUrl").asText()).startsWith("https://");
        assertThat(pack.sha256()).hasSize(64);
    }

    @Test
    void findingsJsonCarriesTheWholeEvidenceListAndThePack() throws Exception {
        HttpResponse<String> r = c.get("/api/v1/export/findings.json?q=alpha", viewer);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"banwatch-findings.json\"");
        JsonNode all = json.readTree(r.body());
        assertThat(all.size()).isEqualTo(1);
        JsonNode f = all.get(0);
        assertThat(f.path("hostId").asText()).isEqualTo("host-a");
        assertThat(f.path("productVersion").asText()).isEqualTo("12.1.0-1297");
        assertThat(f.path("milestoneDate").asText()).isEqualTo("2018-10-01");
        assertThat(f.path("firstSeenAtLevel").asText()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(f.path("lastSeen").asText()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(f.path("hostRetiredAt").isNull()).isTrue();
        assertThat(f.path("daysLeft").isNull()).isTrue();
        assertThat(f.path("pack").path("id").asText()).isEqualTo("kaspersky-us");
        assertThat(f.path("pack").path("version").asText()).isEqualTo(usPack().version());
        assertThat(f.path("pack").path("sha256").asText()).isEqualTo(usPack().sha256());
        JsonNode evidence = f.path("evidence");
        assertThat(evidence.size()).isEqualTo(2);
        assertThat(evidence.get(0).path("kind").asText()).isEqualTo("software");
        assertThat(evidence.get(0).path("source").asText()).isEqualTo("dpkg");
        assertThat(evidence.get(0).path("name").asText()).isEqualTo("kesl");
        assertThat(evidence.get(0).path("detail").asText()).isEqualTo("12.1.0-1297");
        assertThat(evidence.get(1).path("kind").asText()).isEqualTo("systemd-unit");
        assertThat(evidence.get(1).path("name").asText()).isEqualTo("kesl.service");
        assertThat(evidence.get(1).path("location").asText()).isEqualTo("/lib/systemd/system/kesl.service");
        assertThat(evidence.get(1).path("detail").isNull()).isTrue();

        // The list API has the same fields (and the stored evidence array).
        JsonNode listed = json.readTree(c.get("/api/v1/findings?q=alpha", viewer).body()).path("items").get(0);
        assertThat(listed.path("productVersion").asText()).isEqualTo("12.1.0-1297");
        assertThat(listed.path("packSha256").asText()).isEqualTo(usPack().sha256());
        assertThat(listed.path("evidence").size()).isEqualTo(2);
    }

    /** Each finding as host and rule, from the list API, the CSV and the JSON export, for one query. */
    private Set<String> findingsEverywhere(String query) throws Exception {
        Set<String> fromApi = new TreeSet<>();
        HttpResponse<String> page = c.get("/api/v1/findings?size=1000&" + query, viewer);
        assertThat(page.statusCode()).as(query + ": " + page.body()).isEqualTo(200);
        json.readTree(page.body()).path("items").forEach(f -> fromApi.add(f.path("hostId").asText() + " "
                + f.path("ruleId").asText()));
        Set<String> fromCsv = new TreeSet<>();
        for (Map<String, String> row : OfficerFleet.records(c.get("/api/v1/export/findings.csv?" + query, viewer).body())) {
            fromCsv.add(row.get("host_id") + " " + row.get("rule_id"));
        }
        Set<String> fromJson = new TreeSet<>();
        json.readTree(c.get("/api/v1/export/findings.json?" + query, viewer).body()).forEach(f -> fromJson.add(
                f.path("hostId").asText() + " " + f.path("ruleId").asText()));
        assertThat(fromCsv).as("findings.csv?" + query).isEqualTo(fromApi);
        assertThat(fromJson).as("findings.json?" + query).isEqualTo(fromApi);
        return fromApi;
    }

    @Test
    void everyFindingsFilterNarrowsTheListAndBothExportsAlike() throws Exception {
        assertThat(findingsEverywhere("")).containsExactly("host-a kaspersky-us:kesl", "host-b kaspersky-us:kesl",
                "host-b kaspersky-us:unprotected-after-removal", "host-c kaspersky-us:kesl", "host-e kaspersky-us:ultraav",
                "host-f kaspersky-us:kesl");
        assertThat(findingsEverywhere("level=VIOLATION")).containsExactly("host-a kaspersky-us:kesl",
                "host-f kaspersky-us:kesl");
        assertThat(findingsEverywhere("profile=us-private")).containsExactly("host-c kaspersky-us:kesl",
                "host-e kaspersky-us:ultraav");
        assertThat(findingsEverywhere("product=UltraAV")).containsExactly("host-e kaspersky-us:ultraav");
        assertThat(findingsEverywhere("milestone=far-52-204-23-effective")).containsExactly("host-f kaspersky-us:kesl");
        assertThat(findingsEverywhere("q=BRAV")).containsExactly("host-b kaspersky-us:kesl",
                "host-b kaspersky-us:unprotected-after-removal");
        assertThat(findingsEverywhere("q=host-c")).containsExactly("host-c kaspersky-us:kesl");
        assertThat(findingsEverywhere("level=RISK&profile=us-federal&product=" + enc(OfficerFleet.KESL)))
                .containsExactly("host-b kaspersky-us:kesl");

        // delta is stale and clean; make alpha stale too: only its finding is then a stale host's.
        clock.advance(java.time.Duration.ofDays(8));
        for (String id : List.of("host-b", "host-c", "host-e", "host-f", "host-d")) {
            resend(id);
        }
        assertThat(findingsEverywhere("stale=1")).containsExactly("host-a kaspersky-us:kesl");

        retire("host-f");
        assertThat(findingsEverywhere("level=VIOLATION")).containsExactly("host-a kaspersky-us:kesl");
        assertThat(findingsEverywhere("level=VIOLATION&retired=only")).containsExactly("host-f kaspersky-us:kesl");
        assertThat(findingsEverywhere("level=VIOLATION&retired=all")).containsExactly("host-a kaspersky-us:kesl",
                "host-f kaspersky-us:kesl");
        Map<String, String> retiredRow = OfficerFleet.records(c.get("/api/v1/export/findings.csv?retired=only", viewer)
                .body()).get(0);
        assertThat(retiredRow.get("host_retired_at")).isEqualTo(clock.instant().toString());

        assertThat(c.get("/api/v1/export/findings.csv?level=CLEAN", viewer).statusCode()).isEqualTo(400);
        assertThat(c.get("/api/v1/export/findings.json?retired=maybe", viewer).statusCode()).isEqualTo(400);
    }

    /** Each host id from the list API and hosts.csv, for one query. */
    private List<String> hostsEverywhere(String query) throws Exception {
        List<String> fromApi = new ArrayList<>();
        HttpResponse<String> page = c.get("/api/v1/hosts?size=1000&" + query, viewer);
        assertThat(page.statusCode()).as(query + ": " + page.body()).isEqualTo(200);
        json.readTree(page.body()).path("items").forEach(h -> fromApi.add(h.path("hostId").asText()));
        List<String> fromCsv = new ArrayList<>();
        String csv = c.get("/api/v1/export/hosts.csv?" + query, viewer).body();
        assertThat(OfficerFleet.csv(csv).get(0)).containsExactlyElementsOf(HOST_COLUMNS);
        for (Map<String, String> row : OfficerFleet.records(csv)) {
            fromCsv.add(row.get("host_id"));
        }
        assertThat(fromCsv).as("hosts.csv?" + query + " in the list's order").isEqualTo(fromApi);
        return fromApi;
    }

    @Test
    void everyHostFilterNarrowsTheListAndTheCsvAlike() throws Exception {
        assertThat(hostsEverywhere("")).containsExactly("host-a", "host-f", "host-b", "host-c", "host-e", "host-d");
        assertThat(hostsEverywhere("level=risk")).containsExactly("host-b", "host-c");
        assertThat(hostsEverywhere("profile=us-federal")).containsExactly("host-a", "host-b", "host-d");
        assertThat(hostsEverywhere("product=UltraAV")).containsExactly("host-e");
        assertThat(hostsEverywhere("product=" + enc(OfficerFleet.KESL))).containsExactly("host-a", "host-f", "host-b",
                "host-c");
        assertThat(hostsEverywhere("milestone=bis-updates-end")).containsExactly("host-c");
        assertThat(hostsEverywhere("q=ALP")).containsExactly("host-a");
        assertThat(hostsEverywhere("stale=1")).containsExactly("host-d");
        assertThat(hostsEverywhere("kaspersky=1")).containsExactly("host-a", "host-f", "host-c");
        retire("host-a");
        assertThat(hostsEverywhere("kaspersky=1")).containsExactly("host-f", "host-c");
        assertThat(hostsEverywhere("retired=only")).containsExactly("host-a");
        assertThat(hostsEverywhere("retired=all&level=violation")).containsExactly("host-a", "host-f");
    }

    @Test
    void hostsCsvSaysWhatIsViolatedAndWhoRetiredAHost() throws Exception {
        retire("host-f");
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        for (Map<String, String> row : OfficerFleet.records(c.get("/api/v1/export/hosts.csv?retired=all", viewer).body())) {
            byId.put(row.get("host_id"), row);
        }
        assertThat(byId.get("host-a")).contains(entry("top_finding_product", OfficerFleet.KESL),
                entry("top_finding_milestone", "ndaa-1634-effective"), entry("finding_count", "1"),
                entry("retired_at", ""), entry("retired_by", ""), entry("retired_reason", ""));
        assertThat(byId.get("host-b")).contains(entry("top_finding_product", OfficerFleet.KESL),
                entry("level", "RISK"), entry("finding_count", "2"));
        assertThat(byId.get("host-e")).contains(entry("top_finding_product", "UltraAV"),
                entry("top_finding_milestone", "ultraav-transition"));
        assertThat(byId.get("host-d")).contains(entry("top_finding_product", ""), entry("top_finding_milestone", ""),
                entry("stale", "true"));
        long adminId = c.server.tokens().list().stream().filter(t -> t.name().equals("test admin")).findFirst()
                .orElseThrow().id();
        assertThat(byId.get("host-f")).contains(entry("retired_at", clock.instant().toString()),
                entry("retired_by", "test admin (token " + adminId + ")"), entry("retired_reason", "sold"));
        JsonNode listed = json.readTree(c.get("/api/v1/hosts?q=alpha", viewer).body()).path("items").get(0);
        assertThat(listed.path("topProduct").asText()).isEqualTo(OfficerFleet.KESL);
        assertThat(listed.path("topMilestone").asText()).isEqualTo("ndaa-1634-effective");
    }

    @Test
    void aFormulaInAHostnameStaysTextInEveryExportCell() throws Exception {
        fleet.enroll("host-x", "=HYPERLINK(\"http://evil.example\")", "us-federal");
        fleet.report("host-x", Samples.withKesl(), List.of());
        for (String path : List.of("/api/v1/export/findings.csv?q=host-x", "/api/v1/export/hosts.csv?q=host-x")) {
            Map<String, String> row = OfficerFleet.records(c.get(path, viewer).body()).get(0);
            assertThat(row.get("hostname")).as(path).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        }
    }

    private void retire(String id) {
        HttpResponse<String> r = c.post("/api/v1/hosts/" + id + "/retire", c.admin, "{\"reason\":\"sold\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** The host's last inventory again, scanned now. */
    private void resend(String id) {
        switch (id) {
            case "host-b" -> fleet.report(id, Samples.baseSoftware(), List.of(OfficerFleet.keslUnit()));
            case "host-e" -> fleet.report(id, OfficerFleet.withUltraAv(), List.of());
            case "host-d" -> fleet.report(id, Samples.baseSoftware(), List.of());
            default -> fleet.report(id, Samples.withKesl(), List.of());
        }
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
