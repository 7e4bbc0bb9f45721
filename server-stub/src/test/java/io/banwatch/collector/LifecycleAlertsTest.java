package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.alerts.HostLinks;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.model.Host;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts of a host's whole lifecycle besides its level changes: fixed, stale, a deadline
 * approaching, the daily digest; each with its link, evidence, citation and deadline, each once.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class LifecycleAlertsTest {
    static final String PUBLIC_URL = "https://banwatch.example.org";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final Host host = Samples.linuxHost("host-a", "ws-a");

    LifecycleAlertsTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private ServerConfig.Builder config(String hook) {
        ServerConfig.Builder b = db.config(dir);
        b.webhookUrl = hook;
        b.alertWorker = false;
        b.jobWorker = false;
        b.alerting = new ServerConfig.AlertSettings(PUBLIC_URL, true, true, List.of(7, 30), true, 7, null);
        return b;
    }

    private void report(TestCollector c, String token, Host h, boolean kesl) {
        c.post("/api/v1/reports", token, ReportBuilder.report().host(h)
                .software(kesl ? Samples.withKesl() : Samples.baseSoftware()).scannedAt(clock.instant()).json(), null);
    }

    /** What the webhook received since {@code from}, of one event. */
    private static List<JsonNode> received(WebhookReceiver hook, String event) {
        return hook.received.stream().map(d -> read(d.body())).filter(n -> n.path("event").asText().equals(event)).toList();
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }

    /** Runs the periodic jobs as due after {@code wait}, then delivers. */
    private void later(TestCollector c, Duration wait) {
        clock.advance(wait);
        c.server.runJobsNow();
        c.server.deliverAlertsNow();
    }

    @Test
    void aFixedHostIsAlertedWithWhatWasFoundLinkAndCitation() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = TestCollector.start(config(hook.url()).build(), clock)) {
            String t = c.enroll(host.id(), host.hostname());
            report(c, t, host, true);
            clock.advance(Duration.ofHours(1));
            report(c, t, host, false);
            report(c, t, host, false);
            c.server.deliverAlertsNow();

            JsonNode fixed = received(hook, "banwatch.host.fixed").get(0);
            assertThat(received(hook, "banwatch.host.fixed")).hasSize(1);
            assertThat(fixed.path("level").asText()).isEqualTo("CLEAN");
            assertThat(fixed.path("previousLevel").asText()).isEqualTo("VIOLATION");
            assertThat(fixed.path("link").asText()).isEqualTo(PUBLIC_URL + "/hosts/host-a");
            assertThat(fixed.path("host").path("link").asText()).isEqualTo(PUBLIC_URL + "/hosts/host-a");
            JsonNode finding = fixed.path("findings").get(0);
            assertThat(finding.path("product").asText()).isEqualTo("Kaspersky Endpoint Security for Linux");
            assertThat(finding.path("evidence").get(0).path("name").asText()).isEqualTo("kesl");
            assertThat(finding.path("evidence").get(0).path("detail").asText()).isEqualTo("12.1.0-1297");
            assertThat(finding.path("citation").path("title").asText()).isNotBlank();
            assertThat(finding.path("milestoneDate").asText()).isEqualTo("2018-10-01");
            assertThat(fixed.path("text").asText()).startsWith("banwatch: ws-a is fixed: CLEAN under us-federal (was VIOLATION).")
                    .contains("software kesl 12.1.0-1297 (dpkg)", "Citation: ", "Host: " + PUBLIC_URL + "/hosts/host-a");
            assertThat(fixed.path("alertKey").asText()).endsWith(":fixed");
        }
    }

    @Test
    void withoutAPublicUrlAnAlertSaysSoInsteadOfAWrongLink() {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            ServerConfig.Builder b = config(hook.url());
            b.alerting = new ServerConfig.AlertSettings(null, true, true, List.of(7), false, 7, null);
            try (TestCollector c = TestCollector.start(b.build(), clock)) {
                report(c, c.enroll(host.id(), host.hostname()), host, true);
                c.server.deliverAlertsNow();
            }
            JsonNode alert = received(hook, "banwatch.host.level_changed").get(0);
            assertThat(alert.path("link").isNull()).isTrue();
            assertThat(alert.path("linkNote").asText()).isEqualTo(HostLinks.NO_LINK);
            assertThat(alert.path("text").asText()).endsWith("Host: " + HostLinks.NO_LINK).doesNotContain("/hosts/");
        }
    }

    @Test
    void aHostThatStopsReportingIsAlertedOncePerSilence() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = TestCollector.start(config(hook.url()).build(), clock)) {
            String t = c.enroll(host.id(), host.hostname());
            report(c, t, host, true);
            later(c, Duration.ofDays(6));
            assertThat(received(hook, "banwatch.host.stale")).isEmpty();

            later(c, Duration.ofDays(2));
            later(c, Duration.ofMinutes(20));
            later(c, Duration.ofDays(1));
            List<JsonNode> stale = received(hook, "banwatch.host.stale");
            assertThat(stale).hasSize(1);
            JsonNode s = stale.get(0);
            assertThat(s.path("host").path("hostname").asText()).isEqualTo("ws-a");
            assertThat(s.path("level").asText()).isEqualTo("VIOLATION");
            assertThat(s.path("staleDays").asInt()).isEqualTo(7);
            assertThat(s.path("lastSeen").asText()).isEqualTo("2026-11-24T10:00:00Z");
            assertThat(s.path("link").asText()).isEqualTo(PUBLIC_URL + "/hosts/host-a");
            assertThat(s.path("findings").get(0).path("evidence").get(0).path("name").asText()).isEqualTo("kesl");
            assertThat(s.path("findings").get(0).path("citation").path("url").asText()).startsWith("https://");
            assertThat(s.path("text").asText()).startsWith("banwatch: ws-a has sent no report for 7 days (last seen"
                    + " 2026-11-24T10:00:00Z); its last standing was VIOLATION under us-federal.");

            // It reports, then falls silent again: a new silence, a new alert.
            report(c, t, host, true);
            later(c, Duration.ofDays(8));
            assertThat(received(hook, "banwatch.host.stale")).hasSize(2);
        }
    }

    @Test
    void aSilenceThatBeganLongerAgoThanRetentionKeepsAlertsIsNotAlerted() {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            try (TestCollector c = TestCollector.start(config("http://127.0.0.1:9/down").build(), clock)) {
                report(c, c.enroll(host.id(), host.hostname()), host, false);
            }
            // The first collector with a working webhook starts 100 days later (an upgrade, say).
            clock.advance(Duration.ofDays(7 + 91));
            try (TestCollector c = TestCollector.start(config(hook.url()).build(), clock)) {
                later(c, Duration.ZERO);
            }
            assertThat(received(hook, "banwatch.host.stale")).isEmpty();
        }
    }

    @Test
    void aMilestoneThatWillMakeAHostViolationIsAlertedAtEachLead() {
        // A federal contractor's install is DEADLINE until FAR 52.204-23 takes effect on 2018-07-16.
        clock.set(Instant.parse("2018-06-20T16:00:00Z"));
        try (WebhookReceiver hook = new WebhookReceiver()) {
            ServerConfig.Builder b = config(hook.url());
            b.profile = "us-federal-contractor";
            try (TestCollector c = TestCollector.start(b.build(), clock)) {
                String t = c.enroll(host.id(), host.hostname());
                report(c, t, host, true);
                Host clean = Samples.linuxHost("host-b", "ws-b");
                report(c, c.enroll(clean.id(), clean.hostname()), clean, false);
                later(c, Duration.ZERO);
                List<JsonNode> ahead = received(hook, "banwatch.deadline.approaching");
                assertThat(ahead).hasSize(1);
                JsonNode a = ahead.get(0);
                assertThat(a.path("host").path("id").asText()).isEqualTo("host-a");
                assertThat(a.path("deadline").asText()).isEqualTo("2018-07-16");
                assertThat(a.path("daysLeft").asInt()).isEqualTo(26);
                assertThat(a.path("milestone").path("id").asText()).isEqualTo("far-52-204-23-effective");
                assertThat(a.path("milestone").path("citation").path("title").asText()).contains("52.204-23");
                assertThat(a.path("level").asText()).isEqualTo("DEADLINE");
                assertThat(a.path("findings").get(0).path("evidence").get(0).path("name").asText()).isEqualTo("kesl");
                assertThat(a.path("alertKey").asText()).endsWith(":30");
                assertThat(a.path("link").asText()).isEqualTo(PUBLIC_URL + "/hosts/host-a");
                assertThat(a.path("text").asText()).startsWith("banwatch: ws-a will be VIOLATION under"
                        + " us-federal-contractor on 2018-07-16").contains("in 26 days");

                later(c, Duration.ofMinutes(20));
                assertThat(received(hook, "banwatch.deadline.approaching")).hasSize(1);

                // Ten days before, the 30-day lead is behind; 6 days before, the 7-day one is due.
                clock.set(Instant.parse("2018-07-06T16:00:00Z"));
                report(c, t, host, true);
                later(c, Duration.ZERO);
                assertThat(received(hook, "banwatch.deadline.approaching")).hasSize(1);
                clock.set(Instant.parse("2018-07-10T16:00:00Z"));
                report(c, t, host, true);
                later(c, Duration.ZERO);
                List<JsonNode> both = received(hook, "banwatch.deadline.approaching");
                assertThat(both).hasSize(2);
                assertThat(both.get(1).path("daysLeft").asInt()).isEqualTo(6);
                assertThat(both.get(1).path("alertKey").asText()).endsWith(":7");
            }
        }
    }

    @Test
    void theDigestGoesOutOnceADayWithTotalsAndChanges() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = TestCollector.start(config(hook.url()).build(), clock)) {
            report(c, c.enroll(host.id(), host.hostname()), host, true);
            Host clean = Samples.linuxHost("host-b", "ws-b");
            report(c, c.enroll(clean.id(), clean.hostname()), clean, false);
            later(c, Duration.ofMinutes(1));
            later(c, Duration.ofMinutes(20));
            List<JsonNode> digests = received(hook, "banwatch.digest");
            assertThat(digests).hasSize(1);
            JsonNode d = digests.get(0);
            assertThat(d.path("day").asText()).isEqualTo("2026-11-24");
            assertThat(d.path("totals").path("hosts").asInt()).isEqualTo(2);
            assertThat(d.path("totals").path("VIOLATION").asInt()).isEqualTo(1);
            assertThat(d.path("totals").path("CLEAN").asInt()).isEqualTo(1);
            assertThat(d.path("changes")).hasSize(1);
            assertThat(d.path("changes").get(0).path("hostname").asText()).isEqualTo("ws-a");
            assertThat(d.path("changes").get(0).path("to").asText()).isEqualTo("VIOLATION");
            assertThat(d.path("changes").get(0).path("link").asText()).isEqualTo(PUBLIC_URL + "/hosts/host-a");
            assertThat(d.path("link").asText()).isEqualTo(PUBLIC_URL + "/");
            assertThat(d.path("text").asText()).startsWith("banwatch digest for 2026-11-24: 2 hosts, 1 VIOLATION, 1 CLEAN;"
                    + " 0 stale. 1 change since 2026-11-23T10:01:00Z:");

            // Before the digest hour of the next day: none; from it on: the next day's.
            clock.set(Instant.parse("2026-11-25T06:30:00Z"));
            later(c, Duration.ZERO);
            assertThat(received(hook, "banwatch.digest")).hasSize(1);
            clock.set(Instant.parse("2026-11-25T07:05:00Z"));
            later(c, Duration.ZERO);
            assertThat(received(hook, "banwatch.digest")).hasSize(2);
            // What the first digest told is not told again.
            assertThat(received(hook, "banwatch.digest").get(1).path("changes")).isEmpty();
            assertThat(received(hook, "banwatch.digest").get(1).path("since").asText()).isEqualTo("2026-11-24T10:01:00Z");
        }
    }

    @Test
    void retiredHostsGetNoStaleDeadlineOrDigestAlerts() {
        clock.set(Instant.parse("2018-06-20T16:00:00Z"));
        try (WebhookReceiver hook = new WebhookReceiver()) {
            ServerConfig.Builder b = config(hook.url());
            b.profile = "us-federal-contractor";
            try (TestCollector c = TestCollector.start(b.build(), clock)) {
                report(c, c.enroll(host.id(), host.hostname()), host, true);
                Host other = Samples.linuxHost("host-b", "ws-b");
                report(c, c.enroll(other.id(), other.hostname()), other, false);
                assertThat(c.post("/api/v1/hosts/host-a/retire", c.admin, "{\"reason\":\"decommissioned\"}").statusCode())
                        .isEqualTo(200);
                c.server.deliverAlertsNow();
                hook.received.clear();

                later(c, Duration.ofDays(8));
                assertThat(received(hook, "banwatch.deadline.approaching")).isEmpty();
                assertThat(received(hook, "banwatch.host.stale")).extracting(n -> n.path("host").path("id").asText())
                        .containsExactly("host-b");
                JsonNode digest = received(hook, "banwatch.digest").get(0);
                assertThat(digest.path("totals").path("hosts").asInt()).isEqualTo(1);
                assertThat(digest.path("totals").has("DEADLINE")).isFalse();
            }
        }
    }
}
