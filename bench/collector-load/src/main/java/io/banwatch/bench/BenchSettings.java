package io.banwatch.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one load run does, from {@code --key value} arguments.
 *
 * @param url            the running collector, e.g. http://127.0.0.1:PORT
 * @param secret         its enrollment secret
 * @param adminToken     an admin token (reads metrics, creates the viewer token)
 * @param engine         a label for the results: sqlite or postgres
 * @param sqliteDir      the collector's data directory, to size banwatch.db (SQLite only)
 * @param pgUrl          JDBC URL of the collector's database, to size it (PostgreSQL only)
 * @param pgUser         its user
 * @param pgPassword     its password
 * @param collectorPid   the collector JVM, for its CPU time
 * @param dbPid          the PostgreSQL postmaster (0: none), for the database server's CPU time
 * @param hosts          the fleet to build
 * @param fullHosts      how many of them are built with full reports (measured); the rest get light ones
 * @param warmupHosts    the first hosts, sent before the measured full reports (JIT warm-up)
 * @param chunk          hosts enrolled, generated and sent per round of the fill
 * @param clients        concurrent HTTP clients
 * @param unchangedFull  unchanged reports sent in full form (same inventory, new reportId)
 * @param unchangedSlim  unchanged reports sent in slim form (inventoryOmitted)
 * @param summaryRuns    GET /api/v1/summary requests measured
 * @param csvRuns        requests measured per CSV export
 * @param kasperskyPct   percent of hosts with a Kaspersky package
 * @param deadlineSecs   hard limit for the whole run; the fill stops early to leave time for the rest
 * @param indexWaitSecs  at most this long, before the reads, for the software index to catch up
 * @param webhookPort    port of the alert receiver to start (0: none)
 * @param out            where to write the results (Java properties)
 */
record BenchSettings(URI url, String secret, String adminToken, String engine, Path sqliteDir, String pgUrl,
                     String pgUser, String pgPassword, long collectorPid, long dbPid, int hosts, int fullHosts, int warmupHosts,
                     int chunk, int clients, int unchangedFull, int unchangedSlim, int summaryRuns, int csvRuns,
                     int kasperskyPct, int deadlineSecs, int indexWaitSecs, int webhookPort, Path out) {

    private static final Set<String> KEYS = Set.of("url", "secret", "admin-token", "engine", "sqlite-dir", "pg-url",
            "pg-user", "pg-password", "collector-pid", "db-pid", "hosts", "full-hosts", "warmup-hosts", "chunk", "clients",
            "unchanged-full", "unchanged-slim", "summary-runs", "csv-runs", "kaspersky-percent", "deadline-seconds", "index-wait-seconds",
            "webhook-port", "out");

    static BenchSettings parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!KEYS.contains(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument '" + args[i] + "'; expected --key value, keys: " + KEYS);
            }
            m.put(key, args[i + 1]);
        }
        return new BenchSettings(URI.create(need(m, "url")), need(m, "secret"), need(m, "admin-token"),
                m.getOrDefault("engine", "sqlite"), m.containsKey("sqlite-dir") ? Path.of(m.get("sqlite-dir")) : null,
                m.get("pg-url"), m.get("pg-user"), m.get("pg-password"), number(m, "collector-pid", 0),
                number(m, "db-pid", 0), (int) number(m, "hosts", 100_000), (int) number(m, "full-hosts", 5_000),
                (int) number(m, "warmup-hosts", 1_000),
                (int) number(m, "chunk", 2_500), (int) number(m, "clients", 16),
                (int) number(m, "unchanged-full", 3_000), (int) number(m, "unchanged-slim", 20_000),
                (int) number(m, "summary-runs", 30), (int) number(m, "csv-runs", 5),
                (int) number(m, "kaspersky-percent", 3), (int) number(m, "deadline-seconds", 900),
                (int) number(m, "index-wait-seconds", 300),
                (int) number(m, "webhook-port", 0), Path.of(m.getOrDefault("out", "collector-load.properties")));
    }

    private static String need(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    private static long number(Map<String, String> m, String key, long fallback) {
        return m.containsKey(key) ? Long.parseLong(m.get(key)) : fallback;
    }
}
