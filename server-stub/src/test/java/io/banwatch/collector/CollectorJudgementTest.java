package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.banwatch.model.Host;
import io.banwatch.model.Software;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's judgement is the one of record: its configured profile and its extra rule
 * pack win over what the agent declared and found, and the host detail shows the security
 * products it recognised.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class CollectorJudgementTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private final Host host = Samples.linuxHost("host-a", "ws-a");

    CollectorJudgementTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private JsonNode detail(TestCollector c) throws Exception {
        return json.readTree(c.get("/api/v1/hosts/host-a", c.viewer()).body());
    }

    @Test
    void theConfiguredProfileOverridesTheAgents() throws Exception {
        var config = db.config(dir);
        config.profile = "us-private";
        try (TestCollector c = TestCollector.start(config.build(), clock)) {
            String t = c.enroll("host-a", "ws-a");
            // The agent declares us-federal, where an install is a VIOLATION; privately it is a RISK
            // since the Commerce ban stopped updates.
            var res = c.post("/api/v1/reports", t, ReportBuilder.report()
                    .host(host)
                    .software(Samples.withKesl())
                    .scannedAt(clock.instant())
                    .json(), null);
            assertThat(json.readTree(res.body()).path("level").asText()).isEqualTo("RISK");
            JsonNode d = detail(c);
            assertThat(d.path("host").path("profile").asText()).isEqualTo("us-private");
            assertThat(d.path("host").path("level").asText()).isEqualTo("RISK");
            assertThat(d.path("findings").get(0).path("profile").asText()).isEqualTo("us-private");
        }
    }

    @Test
    void anExtraRulePackFindsWhatTheAgentDidNot() throws Exception {
        var config = db.config(dir);
        config.rulesFile = packWithAnotherProduct("=Evil AV", "curl");
        try (TestCollector c = TestCollector.start(config.build(), clock)) {
            String t = c.enroll("host-a", "ws-a");
            // No Kaspersky package, and the agent (with the built-in rules) reported no findings.
            var res = c.post("/api/v1/reports", t, ReportBuilder.report()
                    .host(host)
                    .software(Samples.baseSoftware())
                    .scannedAt(clock.instant())
                    .json(), null);
            assertThat(json.readTree(res.body()).path("level").asText()).isEqualTo("VIOLATION");
            JsonNode d = detail(c);
            assertThat(d.path("findings")).hasSize(1);
            assertThat(d.path("findings").get(0).path("product").asText()).isEqualTo("=Evil AV");
            // The rule pack's own product name is a CSV formula too, and is neutralised like an agent's.
            List<String> csv = c.get("/api/v1/export/findings.csv", c.viewer()).body().lines().toList();
            assertThat(csv).hasSize(2);
            assertThat(csv.get(1)).startsWith("host-a,ws-a,VIOLATION,us-federal,Kaspersky,'=Evil AV,");
        }
    }

    @Test
    void hostDetailListsTheSecurityProductsTheCollectorRecognised() throws Exception {
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            String t = c.enroll("host-a", "ws-a");
            List<Software> sw = Samples.withKesl();
            sw.add(Software.pkg("mdatp", "101.24.0", "Microsoft", "dpkg", "amd64"));
            c.post("/api/v1/reports", t, ReportBuilder.report()
                    .host(host)
                    .software(sw)
                    .scannedAt(clock.instant())
                    .json(), null);
            JsonNode products = detail(c).path("securityProducts");
            List<String> names = new java.util.ArrayList<>();
            products.forEach(p -> names.add(p.path("vendor").asText() + "/" + p.path("product").asText() + "/"
                    + p.path("kind").asText()));
            // By vendor and product; the security catalog knows kesl only as a Kaspersky product.
            assertThat(names).containsExactly("Kaspersky/Kaspersky security product/antivirus",
                    "Microsoft/Microsoft Defender for Endpoint/edr");
        }
    }

    /** The built-in Kaspersky pack plus one product, recognised by a package name. */
    private Path packWithAnotherProduct(String name, String packageName) throws Exception {
        ObjectNode pack;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("banwatch/seeds/kaspersky-us.json")) {
            assertThat(in).as("built-in pack on the classpath").isNotNull();
            pack = (ObjectNode) json.readTree(in);
        }
        ObjectNode product = ((ArrayNode) pack.path("products")).addObject();
        product.put("id", "evil-av");
        product.put("name", name);
        product.put("kind", "antivirus");
        ObjectNode signal = product.putArray("signals").addObject();
        signal.put("kind", "software");
        signal.putArray("names").add(packageName);
        Path file = dir.resolve("extra-rules.json");
        json.writeValue(file.toFile(), pack);
        return file;
    }
}
