package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The /admin/rules page's forms: admins only, CSRF-checked, every value escaped. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class RulesPageTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-05T15:00:00Z"));

    RulesPageTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private TestCollector start() {
        var config = db.config(dir);
        config.jobWorker = false;
        return TestCollector.start(config.build(), clock);
    }

    @Test
    void aViewerIsRefusedAndAFormWithoutTheCsrfTokenChangesNothing() {
        try (TestCollector c = start()) {
            DashboardClient viewer = new DashboardClient(c).signedIn(c.viewer());
            assertThat(viewer.get("/admin/rules").statusCode()).isEqualTo(403);
            assertThat(viewer.post("/admin/rules", Map.of("csrf", viewer.csrf(), "text", RulePacksTest.ACME))
                    .statusCode()).isEqualTo(403);

            DashboardClient admin = new DashboardClient(c).signedIn(c.admin);
            assertThat(admin.post("/admin/rules", Map.of("text", RulePacksTest.ACME)).statusCode()).isEqualTo(403);
            assertThat(admin.post("/admin/rules", Map.of("csrf", "forged", "text", RulePacksTest.ACME)).statusCode())
                    .isEqualTo(403);
            assertThat(db.count("SELECT COUNT(*) FROM rule_packs")).isZero();
        }
    }

    @Test
    void aPastedPackIsAddedEscapedAndRemovedWithTheButton() {
        String hostile = RulePacksTest.ACME.replace("Remote-access tools ACME does not allow", "<b>ACME</b> & co");
        try (TestCollector c = start()) {
            DashboardClient admin = new DashboardClient(c).signedIn(c.admin);
            HttpResponse<String> added = admin.post("/admin/rules", Map.of("csrf", admin.csrf(), "text", hostile));
            assertThat(added.statusCode()).isEqualTo(303);
            assertThat(DashboardClient.location(added)).isEqualTo("/admin/rules?done=added+acme-remote-access+2026.12.02");
            String page = admin.get("/admin/rules").body();
            assertThat(page).contains("&lt;b&gt;ACME&lt;/b&gt; &amp; co").doesNotContain("<b>ACME</b>")
                    .contains(RulePacksTest.sha256(hostile)).contains("action=\"/admin/rules/acme-remote-access/remove\"");
            assertThat(admin.get("/admin/rules?done=%3Cscript%3E").body()).doesNotContain("<script>");

            HttpResponse<String> refused = admin.post("/admin/rules", Map.of("csrf", admin.csrf(), "text", "{"));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("pasted pack: malformed JSON at line 1");

            HttpResponse<String> removed = admin.post("/admin/rules/acme-remote-access/remove",
                    Map.of("csrf", admin.csrf()));
            assertThat(removed.statusCode()).isEqualTo(303);
            assertThat(admin.get("/admin/rules").body()).doesNotContain("acme-remote-access");
            assertThat(db.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'rules.%'")).isEqualTo(2);
        }
    }

    @Test
    void aFileIsUploadedAsMultipartForm() {
        try (TestCollector c = start()) {
            DashboardClient admin = new DashboardClient(c).signedIn(c.admin);
            String boundary = "----banwatch" + System.nanoTime();
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + admin.csrf()
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"acme.json\"\r\n"
                    + "Content-Type: application/json\r\n\r\n" + RulePacksTest.ACME.replace("\"id\": \"acme-remote-access\"",
                    "\"id\": \"acme\",\"x\": [")
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\r\n--" + boundary
                    + "--\r\n";
            HttpResponse<String> r = admin.send(admin.request("/admin/rules")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).as("the file's name names it in the error").contains("acme.json: malformed JSON at line");
            assertThat(db.count("SELECT COUNT(*) FROM rule_packs")).isZero();
        }
    }
}
