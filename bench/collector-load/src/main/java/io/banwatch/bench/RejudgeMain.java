package io.banwatch.bench;

import io.banwatch.collector.CollectorServer;
import io.banwatch.collector.config.ServerConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;

/**
 * Times the collector's re-judging of a stored fleet on SQLite (bench/rejudge.sh): fills a fresh
 * collector database with {@code hosts} stored inventories ({@code full} of them ~800 packages, the
 * rest the fill's light 41), as the collector would have stored them, then starts the collector
 * and times two runs: after an "upgrade" (every host judged with other packs), and after an admin
 * adds a pack through the API (AnyDesk-style: the fleet's {@code corp-host-config} package
 * disallowed for federal contractors). Prints one markdown table.
 *
 * <pre>{@code java -cp 'collector-load.jar:lib/*' io.banwatch.bench.RejudgeMain DIR 100000 5000}</pre>
 */
public final class RejudgeMain {
    private static final String PACK = """
            {"id": "bench-disallowed", "title": "Software the bench disallows", "version": "1",
             "timeZone": "America/New_York", "vendor": {"name": "Example Corp IT"},
             "citations": [{"id": "policy", "title": "Example policy"}],
             "milestones": [{"id": "ban", "date": "2026-01-01", "title": "disallowed", "citation": "policy"}],
             "products": [{"id": "corp-host-config", "name": "corp-host-config", "kind": "other",
               "signals": [{"kind": "software", "names": ["corp-host-config"]}]}],
             "profiles": [{"id": "us-federal-contractor", "title": "US federal contractor", "phases": [
               {"installed": "INFO", "remnant": "INFO", "message": "Allowed."},
               {"from": "ban", "installed": "VIOLATION", "remnant": "INFO", "message": "Not allowed since {since}."}]}]}
            """;

    private RejudgeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int hosts = Integer.parseInt(args[1]);
        int full = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        ServerConfig.Builder b = ServerConfig.builder(dir);
        b.enrollmentSecret = "bench-enrollment-secret-0123456789";
        b.jobWorker = false;
        b.alertWorker = false;
        ServerConfig config = b.build();
        CollectorServer.create(config, Clock.systemUTC()).close();

        long fillStarted = System.nanoTime();
        fill(config.jdbcUrl(), hosts, full);
        double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
        log("filled %d hosts in %.1f s", hosts, fillSeconds);

        String transitions = "SELECT COUNT(*) FROM host_history WHERE reason = 'rules changed' AND event = 'level'";
        try (CollectorServer server = CollectorServer.create(config, Clock.systemUTC()).start()) {
            double upgrade = time(server);
            long upgradeChanged = count(config.jdbcUrl(), transitions);
            log("re-judged after an upgrade in %.1f s", upgrade);
            String admin = server.tokens().issue(io.banwatch.collector.auth.Role.ADMIN, "bench", null).token();
            HttpResponse<String> added = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/api/v1/rules?name=bench.json"))
                    .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.ofString(PACK)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (added.statusCode() != 201) {
                throw new IllegalStateException("adding the pack failed: " + added.body());
            }
            double pack = time(server);
            long violations = count(config.jdbcUrl(), "SELECT COUNT(*) FROM hosts WHERE level = 'VIOLATION'");
            long packChanged = count(config.jdbcUrl(), transitions) - upgradeChanged;
            System.out.println("| run | hosts | wall time | hosts/s | level transitions |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| after an upgrade (every host judged with other packs) | %d | %.1f s | %.0f | %d |%n",
                    hosts, upgrade, hosts / upgrade, upgradeChanged);
            System.out.printf(Locale.ROOT, "| after an admin added a pack | %d | %.1f s | %.0f | %d |%n", hosts, pack,
                    hosts / pack, packChanged);
            System.out.printf(Locale.ROOT, "%nfill %.1f s (%d full ~800-package and %d light 41-package inventories);"
                            + " after the pack: %d hosts in VIOLATION%n", fillSeconds, full, hosts - full, violations);
        }
    }

    private static double time(CollectorServer server) {
        long started = System.nanoTime();
        server.rejudgeNow();
        return (System.nanoTime() - started) / 1e9;
    }

    /** The rows ingest would have written for each host's one report, without the ingest's cost. */
    private static void fill(String url, int hosts, int full) throws SQLException {
        Fleet fleet = new Fleet(new Catalogue(5_000), 3);
        StoredFleet.fill(url, fleet, hosts, n -> n < full ? fleet.software(n) : fleet.lightSoftware(n), false);
    }

    private static long count(String url, String sql) throws SQLException {
        return StoredFleet.count(url, sql);
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "rejudge: " + format + "%n", args);
    }
}
