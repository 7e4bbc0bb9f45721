package io.banwatch.bench;

import io.banwatch.collector.CollectorServer;
import io.banwatch.collector.auth.Role;
import io.banwatch.collector.config.ServerConfig;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet's software on SQLite (bench/software-search.sh): fills a fresh collector database with
 * {@code hosts} stored hosts whose inventories together have {@code titles} distinct titles (each
 * host the catalogue's 40 common packages, {@code optional} more drawn with a skew from the other
 * titles, its own package; versions vary: see {@link Fleet#mixedSoftware}), none of them indexed
 * yet. Then starts the collector and times
 * <ul>
 *   <li>the catch-up: from the collector's start until {@code GET /api/v1/software} says no host is
 *       pending any more ({@code index.pendingHosts} 0), the background {@code SoftwareIndexWorker}
 *       doing all the indexing with nothing else running;</li>
 *   <li>the searches, with a viewer token, one request at a time, {@code runs} of each kind after
 *       {@code warmup} unmeasured ones: titles by name substring, by name and exact version, by
 *       publisher sorted by host count and paged, and the hosts of the most common title, paged.</li>
 * </ul>
 * Prints one markdown table.
 *
 * <pre>{@code java -cp 'collector-load.jar:lib/*' io.banwatch.bench.SoftwareSearchMain DIR 100000 5000 20 200 20}</pre>
 */
public final class SoftwareSearchMain {
    private static final Pattern PENDING = Pattern.compile("\"pendingHosts\"\\s*:\\s*(\\d+)");
    /** Name parts to search for: common stems of the generated catalogue, each matching many titles. */
    private static final String[] NAMES = {"ssl", "python3", "gtk", "fonts-", "xml", "perl", "-dev", "qt5", "node-",
            "boost", "gst", "r-cran", "vulkan", "krb5", "sqlite"};
    /** Publisher parts (the catalogue's maintainers). */
    private static final String[] PUBLISHERS = {"Python", "GNOME", "Multimedia", "Perl", "Fonts", "Debian QA",
            "Science", "Javascript"};

    private SoftwareSearchMain() {
    }

    /** One kind of search: its name and its i-th request's path. */
    private record Query(String name, String label, IntFunction<String> path) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int hosts = Integer.parseInt(args[1]);
        int titles = Integer.parseInt(args[2]);
        int optional = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        long catchUpLimitSecs = args.length > 6 ? Long.parseLong(args[6]) : 3600;
        Files.createDirectories(dir);
        ServerConfig.Builder b = ServerConfig.builder(dir);
        b.enrollmentSecret = "bench-enrollment-secret-0123456789";
        b.alertWorker = false;
        ServerConfig config = b.build();
        CollectorServer.create(config, Clock.systemUTC()).close();

        // Two titles besides the catalogue's: every host's own corp-host-config, kesl on the Kaspersky ones.
        Catalogue catalogue = new Catalogue(titles - 2);
        Fleet fleet = new Fleet(catalogue, 3);
        long fillStarted = System.nanoTime();
        StoredFleet.fill(config.jdbcUrl(), fleet, hosts, n -> fleet.mixedSoftware(n, optional), true);
        double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
        long links = StoredFleet.count(config.jdbcUrl(), "SELECT SUM(software_count) FROM host_inventories");
        long packages = StoredFleet.count(config.jdbcUrl(), "SELECT COUNT(*) FROM software");
        log("filled %d hosts (%d links to %d packages) in %.1f s", hosts, links, packages, fillSeconds);

        try (CollectorServer server = CollectorServer.create(config, Clock.systemUTC())) {
            // Judged before the start, untimed, so the rules worker leaves the writer to the index.
            long judgeStarted = System.nanoTime();
            server.rejudgeNow();
            log("judged the fleet (untimed) in %.1f s", (System.nanoTime() - judgeStarted) / 1e9);

            long started = System.nanoTime();
            server.start();
            CollectorClient client = new CollectorClient(URI.create("http://127.0.0.1:" + server.port()));
            String admin = server.tokens().issue(Role.ADMIN, "bench", null).token();
            String viewer = client.viewerToken(admin);
            double catchUp = catchUp(client, viewer, started, catchUpLimitSecs);
            long indexRows = StoredFleet.count(config.jdbcUrl(), "SELECT COUNT(*) FROM software_index");
            long indexedTitles = StoredFleet.count(config.jdbcUrl(),
                    "SELECT COUNT(*) FROM title_counts WHERE scope_kind = 'any' AND hosts > 0");

            String popular = catalogue.get(0).name();
            List<Query> queries = List.of(
                    new Query("name", "titles, name substring (`name=ssl`, … 15 parts)",
                            i -> "/api/v1/software?name=" + q(NAMES[i % NAMES.length])),
                    new Query("version", "titles, name and exact version (`name=…&version=…`)", i -> {
                        Catalogue.Entry e = catalogue.get((i * 97) % catalogue.size());
                        return "/api/v1/software?name=" + q(e.name()) + "&version=" + q(e.versions()[i % 2]);
                    }),
                    new Query("publisher", "titles, publisher, by hosts desc, page 1–5 of 50",
                            i -> "/api/v1/software?publisher=" + q(PUBLISHERS[i % PUBLISHERS.length])
                                    + "&sort=hosts&dir=desc&size=50&page=" + (1 + i % 5)),
                    new Query("hosts", "hosts of `" + popular + "` (on every host), by host, page 1–20 of 50",
                            i -> "/api/v1/software/hosts?title=" + q(popular) + "&sort=host&size=50&page=" + (1 + i % 20)));

            CpuMeter cpu = new CpuMeter(ProcessHandle.current().pid(), 0);
            Deadline deadline = Deadline.afterSeconds(3600);
            LoadRunner oneClient = new LoadRunner(1, cpu, client, admin, deadline);
            LatencyRecorder overall = new LatencyRecorder();
            List<String> rows = new ArrayList<>();
            for (Query query : queries) {
                for (int i = 0; i < warmup; i++) {
                    CollectorClient.Answer a = client.get(query.path().apply(i), viewer);
                    if (a.status() != 200) {
                        throw new IllegalStateException(query.path().apply(i) + ": HTTP " + a.status());
                    }
                }
                PhaseStats stats = new PhaseStats(query.name());
                oneClient.run(stats, runs, i -> {
                    long t0 = System.nanoTime();
                    CollectorClient.Answer a = client.get(query.path().apply(i), viewer);
                    overall.record(System.nanoTime() - t0);
                    return LoadRunner.answer(a.status(), a.bytes());
                });
                Percentiles p = stats.latencies.percentiles();
                String statuses = stats.figures().get(query.name() + ".statuses");
                log("%s: median %.1f ms, p95 %.1f ms %s", query.name(), p.p50(), p.p95(), statuses);
                rows.add(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |", query.label(),
                        p.count(), p.p50(), p.p95(), p.p99(), p.max(), statuses));
            }
            Percentiles all = overall.percentiles();

            System.out.println("| search (GET, one at a time, viewer token) | requests | median ms | p95 ms | p99 ms | max ms | answers |");
            System.out.println("|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "| **all** | %d | %.1f | %.1f | %.1f | %.1f | |%n", all.count(), all.p50(),
                    all.p95(), all.p99(), all.max());
            System.out.printf(Locale.ROOT, "%n%d hosts, %d distinct titles indexed (%d packages: title, version,"
                            + " publisher, arch), %d index rows; index catch-up from empty: **%.1f s** (%.0f hosts/s);"
                            + " fill %.1f s (not timed); %d warm-up requests per search kind not counted%n",
                    hosts, indexedTitles, packages, indexRows, catchUp, hosts / catchUp, fillSeconds, warmup);
        }
    }

    /** Seconds from the start until the API reports no pending host; polled once a second. */
    private static double catchUp(CollectorClient client, String viewer, long started, long limitSecs)
            throws InterruptedException {
        long lastLog = 0;
        while (true) {
            String body = client.text("/api/v1/software?size=1", viewer);
            double secs = (System.nanoTime() - started) / 1e9;
            Matcher m = PENDING.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no index.pendingHosts in " + body);
            }
            long pending = Long.parseLong(m.group(1));
            if (pending == 0) {
                log("index caught up in %.1f s", secs);
                return secs;
            }
            if (secs - lastLog >= 30) {
                log("index: %d hosts pending after %.0f s", pending, secs);
                lastLog = (long) secs;
            }
            if (secs > limitSecs) {
                throw new IllegalStateException("the index had not caught up after " + limitSecs + " s: " + pending
                        + " hosts pending");
            }
            Thread.sleep(1000);
        }
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "software-search: " + format + "%n", args);
    }
}
