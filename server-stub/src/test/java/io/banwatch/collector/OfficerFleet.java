package io.banwatch.collector;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Host;
import io.banwatch.model.OsInfo;
import io.banwatch.model.Software;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet the compliance officer's tests look at, on 2026-11-24 (each host's profile its own):
 *
 * <pre>
 * host-a alpha   us-federal             kesl 12.1.0-1297 and its unit    VIOLATION  ndaa-1634-effective
 * host-b bravo   us-federal             only kesl's unit left (remnant)  RISK       ndaa-1634-effective
 * host-c charlie us-private             kesl 12.1.0-1297                 RISK       bis-updates-end
 * host-d delta   us-federal             nothing, last seen 10 days ago   CLEAN, stale
 * host-e echo    us-private             UltraAV 1.0.7                    INFO       ultraav-transition
 * host-f foxtrot us-federal-contractor  kesl 12.1.0-1297                 VIOLATION  far-52-204-23-effective
 * </pre>
 */
final class OfficerFleet {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String KESL = "Kaspersky Endpoint Security for Linux";

    private final TestCollector c;
    private final MutableClock clock;
    final Map<String, Enrolled> hosts = new LinkedHashMap<>();

    record Enrolled(String token, Host host, String profile) {
    }

    OfficerFleet(TestCollector c, MutableClock clock) {
        this.c = c;
        this.clock = clock;
    }

    /** Sends the fleet above; the clock ends at {@link #NOW}. */
    OfficerFleet seed() {
        clock.set(NOW.minus(Duration.ofDays(10)));
        enroll("host-d", "delta", "us-federal");
        report("host-d", Samples.baseSoftware(), List.of());
        clock.set(NOW);
        enroll("host-a", "alpha", "us-federal");
        enroll("host-b", "bravo", "us-federal");
        enroll("host-c", "charlie", "us-private");
        enroll("host-e", "echo", "us-private");
        enroll("host-f", "foxtrot", "us-federal-contractor");
        report("host-a", Samples.withKesl(), List.of(keslUnit()));
        report("host-b", Samples.baseSoftware(), List.of(keslUnit()));
        report("host-c", Samples.withKesl(), List.of());
        report("host-e", withUltraAv(), List.of());
        report("host-f", Samples.withKesl(), List.of());
        return this;
    }

    void enroll(String id, String hostname, String profile) {
        // Enrolled under a plain name (the enrollment JSON is built by hand); the reports carry the real one.
        hosts.put(id, new Enrolled(c.enroll(id, "ws-" + id), new Host(id, hostname,
                new OsInfo("linux", "Debian GNU/Linux 12 (bookworm)", "12", "6.1.0"), "x86_64", null), profile));
    }

    /** A scan made now, sent now. */
    HttpResponse<String> report(String id, List<Software> software, List<Evidence> observations) {
        return report(id, software, observations, clock.instant());
    }

    HttpResponse<String> report(String id, List<Software> software, List<Evidence> observations, Instant scannedAt) {
        Enrolled e = hosts.get(id);
        byte[] r = ReportBuilder.report().scannedAt(scannedAt).asOf(LocalDate.ofInstant(scannedAt, ZoneOffset.UTC))
                .profile(e.profile()).host(e.host()).software(software).observations(observations).json();
        HttpResponse<String> res = c.post("/api/v1/reports", e.token(), r, null);
        assertThat(res.statusCode()).as(res.body()).isBetween(200, 201);
        return res;
    }

    static Evidence keslUnit() {
        return new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service", "/lib/systemd/system/kesl.service",
                null);
    }

    static List<Software> withUltraAv() {
        List<Software> s = new ArrayList<>(Samples.baseSoftware());
        s.add(Samples.ultraAv());
        return s;
    }

    /** RFC 4180 CSV as rows of cells (quotes, doubled quotes, commas and line breaks inside quotes). */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /** CSV rows as maps from the header's names. */
    static List<Map<String, String>> records(String text) {
        List<List<String>> rows = csv(text);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            assertThat(r).as("a row as wide as the header").hasSameSizeAs(rows.get(0));
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                m.put(rows.get(0).get(i), r.get(i));
            }
            out.add(m);
        }
        return out;
    }
}
