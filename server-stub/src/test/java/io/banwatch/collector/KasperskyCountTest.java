package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.model.Host;
import io.banwatch.model.Software;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Kaspersky installed" counts Kaspersky's own products only: UltraAV (a notice) is worth knowing
 * but is not Kaspersky, so it marks no host installed and writes no "Kaspersky appeared".
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class KasperskyCountTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private final Host host = Samples.linuxHost("host-u", "ws-u");
    private TestCollector c;
    private String token;
    private String viewer;

    KasperskyCountTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        c = TestCollector.start(db.config(dir).build(), clock);
        token = c.enroll("host-u", "ws-u");
        viewer = c.viewer();
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private void send(List<Software> software) {
        clock.advance(Duration.ofHours(1));
        assertThat(c.post("/api/v1/reports", token, ReportBuilder.report()
                .host(host)
                .software(software)
                .scannedAt(clock.instant())
                .json(), null)
                .statusCode()).isEqualTo(201);
    }

    private static List<Software> plus(List<Software> software, Software more) {
        List<Software> all = new ArrayList<>(software);
        all.add(more);
        return all;
    }

    private JsonNode get(String path) throws Exception {
        return json.readTree(c.get(path, viewer).body());
    }

    private List<String> kasperskyEvents() throws Exception {
        List<String> events = new ArrayList<>();
        get("/api/v1/hosts/host-u").path("history").forEach(e -> {
            if (e.path("event").asText().startsWith("kaspersky-")) {
                events.add(e.path("event").asText());
            }
        });
        return events;
    }

    @Test
    void aHostWithUltraAvOnlyIsNotKasperskyInstalled() throws Exception {
        send(plus(Samples.baseSoftware(), Samples.ultraAv()));

        JsonNode detail = get("/api/v1/hosts/host-u");
        assertThat(detail.path("findings")).singleElement().satisfies(f -> {
            assertThat(f.path("ruleId").asText()).isEqualTo("kaspersky-us:ultraav");
            assertThat(f.path("kind").asText()).isEqualTo("notice");
            assertThat(f.path("presence").asText()).isEqualTo("installed");
        });
        assertThat(detail.path("host").path("kasperskyInstalled").asBoolean()).isFalse();
        assertThat(detail.path("host").path("kasperskyFirstSeen").isNull()).isTrue();
        assertThat(kasperskyEvents()).isEmpty();
        assertThat(get("/api/v1/summary").path("kasperskyInstalled").asLong()).isZero();
        assertThat(get("/api/v1/hosts?kaspersky=1").path("total").asLong()).isZero();
        assertThat(c.get("/api/v1/export/hosts.csv", viewer).body().lines().skip(1))
                .singleElement().satisfies(l -> assertThat(l).contains(",false,"));
        assertThat(db.text("SELECT kind FROM findings")).isEqualTo("notice");
    }

    @Test
    void kasperskyComesAndGoesWhileUltraAvStays() throws Exception {
        send(plus(Samples.baseSoftware(), Samples.ultraAv()));
        send(plus(Samples.withKesl(), Samples.ultraAv()));
        JsonNode withKesl = get("/api/v1/hosts/host-u");
        assertThat(withKesl.path("host").path("kasperskyInstalled").asBoolean()).isTrue();
        assertThat(withKesl.path("host").path("kasperskyFirstSeen").asText()).isEqualTo("2026-11-24T12:00:00Z");
        assertThat(get("/api/v1/summary").path("kasperskyInstalled").asLong()).isEqualTo(1);
        List<String> kinds = new ArrayList<>();
        withKesl.path("findings").forEach(f -> kinds.add(f.path("ruleId").asText() + "=" + f.path("kind").asText()));
        assertThat(kinds).containsExactly("kaspersky-us:kesl=product", "kaspersky-us:ultraav=notice");

        // kesl removed, UltraAV still there: Kaspersky is gone, and the history says so.
        send(plus(Samples.baseSoftware(), Samples.ultraAv()));
        JsonNode after = get("/api/v1/hosts/host-u");
        assertThat(after.path("host").path("kasperskyInstalled").asBoolean()).isFalse();
        assertThat(after.path("host").path("kasperskyRemovedAt").asText()).isEqualTo("2026-11-24T13:00:00Z");
        assertThat(kasperskyEvents()).containsExactly("kaspersky-removed", "kaspersky-appeared");
        assertThat(get("/api/v1/summary").path("kasperskyInstalled").asLong()).isZero();
    }
}
