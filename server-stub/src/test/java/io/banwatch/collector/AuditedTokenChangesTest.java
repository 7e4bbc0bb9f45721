package io.banwatch.collector;

import io.banwatch.collector.audit.AuditLog;
import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every token an administrator creates or revokes is in the audit log, with who did it. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AuditedTokenChangesTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    AuditedTokenChangesTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @Test
    void creatingAndRevokingATokenThroughTheApiIsRecordedWithTheAdmin() {
        try (TestCollector c = TestCollector.start(db.config(dir).build(),
                new MutableClock(Instant.parse("2026-12-02T09:00:00Z")))) {
            long adminId = c.server.tokens().authenticate(c.admin).orElseThrow().tokenId();
            var created = c.post("/api/v1/tokens", c.admin, "{\"role\":\"viewer\",\"name\":\"compliance\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(created.body());
            assertThat(id.find()).as(created.body()).isTrue();

            assertThat(c.delete("/api/v1/tokens/" + id.group(1), c.admin).statusCode()).isEqualTo(204);
            assertThat(c.delete("/api/v1/tokens/" + id.group(1), c.admin).statusCode()).as("already revoked")
                    .isEqualTo(404);
            assertThat(c.post("/api/v1/tokens", c.admin, "{\"role\":\"host\",\"name\":\"x\"}").statusCode())
                    .as("refused").isEqualTo(400);

            var log = c.server.audit().recent(10, null);
            AuditLog.Entry first = log.remove(log.size() - 1);
            assertThat(first.action()).as("the collector's first start issued the initial admin token")
                    .isEqualTo("token.create");
            assertThat(first.actor().describe()).isEqualTo("system: first start");
            assertThat(first.detail()).isEqualTo("admin token 'initial admin'");
            assertThat(log).extracting(AuditLog.Entry::action, AuditLog.Entry::subject)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("token.revoke", id.group(1)),
                            org.assertj.core.groups.Tuple.tuple("token.create", id.group(1)));
            assertThat(log).allSatisfy(e -> {
                assertThat(e.actor().kind()).isEqualTo("token");
                assertThat(e.actor().tokenId()).isEqualTo(adminId);
            });
            assertThat(log.get(1).detail()).isEqualTo("viewer token 'compliance'");
        }
    }
}
