package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.banwatch.collector.ingest.PackedLinks;
import io.banwatch.collector.software.SoftwareIndexer;
import io.banwatch.model.Host;
import io.banwatch.model.OsInfo;
import io.banwatch.model.Software;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two collectors on one PostgreSQL database keep one software index. Hosts report full
 * inventories through both at once; once those are indexed, some upgrade a package, drop one or
 * lose and regain a per-user install, while both collectors' indexers run: their background
 * workers, and a loop on each that indexes small batches, with the job's lease taken away from
 * its holder again and again (a collector paused past its lease), so two indexers work on the
 * same pending hosts at the same moment and only the gen check on host_inventories keeps a diff
 * from being applied twice or from a stale read. After each phase the index is fresh, and its
 * rows and host counts equal a recount, row by row, of what each host sent last (which is also
 * what the collectors stored). Without the gen check it fails: hosts counted twice, stale rows.
 */
class SoftwareIndexTwoCollectorsTest {
    private static final int HOSTS = 60;
    private static final int STEPS = 3;
    private static final int TITLES = 24;
    private static final Instant T0 = Instant.parse("2027-01-05T15:00:00Z");
    /** A catalogue row {@code s} in SQL, as {@link Link#software()} writes it. */
    private static final String PACKAGE = "s.name || '|' || s.version || '|' || s.publisher || '|' || s.source"
            + " || '|' || s.arch";

    @RegisterExtension
    final TestDatabase db = new TestDatabase(TestDatabase.Kind.POSTGRES);

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    private final MutableClock clock = new MutableClock(T0);

    private TestCollector start(Path dir) {
        var config = db.config(dir);
        config.alertWorker = false;
        // Left on: each collector's own background indexer runs beside the loops of the test.
        config.jobWorker = true;
        return TestCollector.start(config.build(), clock);
    }

    private static boolean windows(int host) {
        return host % 4 == 3;
    }

    private static Host host(int i) {
        String id = "host-" + i;
        return windows(i) ? new Host(id, "pc-" + i, new OsInfo("windows", "Windows 11 Pro", "10.0.22631", null),
                "x86_64", null) : Samples.linuxHost(id, "ws-" + i);
    }

    private static Software pkg(int host, String name, String version) {
        return windows(host) ? new Software(name, version, "Vendor", "windows-uninstall", Software.MACHINE, "x64", null,
                null, null) : Samples.deb(name, version, "Debian");
    }

    private static Software userInstall(int host, String version) {
        return new Software("sync-client", version, "Sync Inc", windows(host) ? "windows-uninstall" : "flatpak",
                "user:u" + host, "x64", null, null, null);
    }

    /**
     * Host {@code i}'s full inventory at {@code step}: about twenty packages, some hosts also a
     * per-user install (beside the machine-wide one on a few); later steps upgrade a package,
     * remove one, or drop and bring back the per-user install. Many hosts do not change at a step.
     */
    static List<Software> software(int i, int step) {
        Map<String, Software> s = new TreeMap<>();
        if (!windows(i)) {
            Samples.baseSoftware().forEach(p -> s.put(p.name(), p));
        }
        for (int k = 0; k < TITLES; k++) {
            if ((i + k) % 4 != 0) {
                String name = String.format("lib-%02d", k);
                s.put(name, pkg(i, name, "1." + (i + k) % 3));
            }
        }
        if (i % 6 == 0) {
            s.put("sync-client machine", new Software("sync-client", "1", "Sync Inc", windows(i) ? "windows-uninstall"
                    : "flatpak", Software.MACHINE, "x64", null, null, null));
        }
        if (i % 3 == 0) {
            s.put("sync-client user", userInstall(i, "1"));
        }
        if (step >= 1) {
            if (i % 2 == 0) {
                String name = String.format("lib-%02d", i % TITLES);
                s.put(name, pkg(i, name, "2.0"));
            }
            if (i % 5 == 0) {
                s.remove(String.format("lib-%02d", (i + 3) % TITLES));
            }
            if (i % 3 == 0) {
                s.remove("sync-client user");
            }
        }
        if (step >= 2) {
            if (i % 4 == 1) {
                String name = String.format("lib-%02d", (i + 5) % TITLES);
                s.put(name, pkg(i, name, "3.0"));
            }
            if (i % 9 == 0) {
                s.put("sync-client user", userInstall(i, "2"));
            }
            if (i % 7 == 0) {
                s.remove("curl");
            }
        }
        return new ArrayList<>(s.values());
    }

    /** A catalogue row as the collector keys it, with the scope it is linked in. */
    private record Link(String name, String version, String publisher, String source, String arch, String scope) {
        static Link of(Software s) {
            return new Link(s.name(), s.version(), s.publisher(), s.source(), s.arch(), s.scope());
        }

        String kind() {
            return scope.startsWith("user") ? "user" : "machine";
        }

        String software() {
            return String.join("|", name, version, publisher, source, arch);
        }
    }

    /** Posts a report and returns its status (201 stored, 200 a copy already stored). */
    private static int post(TestCollector c, String token, byte[] body) {
        HttpResponse<String> r = c.post("/api/v1/reports", token, body, null);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return r.statusCode();
    }

    /** Runs {@code work} in a loop on its own thread until {@code stop}; sums what it returns. */
    private static Future<?> loop(ExecutorService pool, AtomicBoolean stop, Supplier<Integer> work, AtomicInteger sum) {
        return pool.submit(() -> {
            while (!stop.get()) {
                int n = work.get();
                sum.addAndGet(n);
                if (n == 0) {
                    // Nothing pending (or the other collector holds the job): do not spin on two cores.
                    pause(10);
                }
            }
            return null;
        });
    }

    @Test
    @Timeout(240)
    void bothCollectorsIndexingAtOnceCountEveryHostOnceAndLoseNoDiff() throws Exception {
        long started = System.nanoTime();
        try (TestCollector a = start(dirA); TestCollector b = start(dirB)) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < HOSTS; i++) {
                Host h = host(i);
                tokens.add((i % 2 == 0 ? a : b).enroll(h.id(), h.hostname()));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger indexedByA = new AtomicInteger();
            AtomicInteger indexedByB = new AtomicInteger();
            AtomicInteger leasesTaken = new AtomicInteger();
            ExecutorService indexers = Executors.newFixedThreadPool(3);
            List<Future<?>> running = new ArrayList<>();
            Map<Integer, List<Software>> last;
            try {
                running.add(loop(indexers, stop, () -> a.server.indexSoftwareNow(7, 2), indexedByA));
                running.add(loop(indexers, stop, () -> b.server.indexSoftwareNow(7, 2), indexedByB));
                // The holder loses its lease over and over, so the other collector takes the job mid-batch.
                running.add(loop(indexers, stop, () -> {
                    db.sql().execute("UPDATE job_leases SET lease_until = 0 WHERE name = '" + SoftwareIndexer.JOB + "'");
                    pause(15);
                    return 1;
                }, leasesTaken));

                // First every host's full inventory; then, over an index that holds them, the changes.
                last = ingest(a, b, tokens, 0, 1);
                awaitFresh();
                assertIndexEqualsRecount(last, a, b);
                last = ingest(a, b, tokens, 1, STEPS);
                awaitFresh();
            } finally {
                stop.set(true);
                indexers.shutdown();
                assertThat(indexers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            for (Future<?> f : running) {
                f.get();
            }
            assertThat(db.count("SELECT COUNT(*) FROM reports")).isEqualTo(HOSTS * STEPS);
            assertThat(indexedByA.get()).as("hosts indexed by A").isPositive();
            assertThat(indexedByB.get()).as("hosts indexed by B").isPositive();
            assertThat(leasesTaken.get()).as("leases taken away").isPositive();
            int rows = assertIndexEqualsRecount(last, a, b);
            System.out.printf("software index, two collectors: %d hosts, %d reports, %d hosts indexed by A and %d by B"
                            + " (the lease taken away %d times); %d index rows; %.1f s%n", HOSTS, HOSTS * STEPS,
                    indexedByA.get(), indexedByB.get(), leasesTaken.get(), rows, (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * Each host sends steps {@code from} to {@code to} (exclusive) in order, hosts side by side,
     * each report through one collector or, now and then, both at once.
     *
     * @return what each host sent last
     */
    private Map<Integer, List<Software>> ingest(TestCollector a, TestCollector b, List<String> tokens, int from, int to)
            throws Exception {
        ExecutorService hosts = Executors.newFixedThreadPool(6);
        ExecutorService requests = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Software>>> done = new ArrayList<>();
            for (int i = 0; i < HOSTS; i++) {
                int host = i;
                done.add(hosts.submit(() -> {
                    List<Software> sent = null;
                    for (int step = from; step < to; step++) {
                        sent = software(host, step);
                        byte[] body = ReportBuilder.report().host(host(host)).software(sent)
                                .scannedAt(T0.minusSeconds(60L * (STEPS - step))).json();
                        String token = tokens.get(host);
                        TestCollector first = (host + step) % 2 == 0 ? a : b;
                        TestCollector other = first == a ? b : a;
                        if ((host + step) % 5 == 0) {
                            var viaFirst = CompletableFuture.supplyAsync(() -> post(first, token, body), requests);
                            var viaOther = CompletableFuture.supplyAsync(() -> post(other, token, body), requests);
                            assertThat(viaFirst.join() + viaOther.join()).as("stored once").isEqualTo(201 + 200);
                        } else {
                            assertThat(post(first, token, body)).isEqualTo(201);
                        }
                    }
                    return sent;
                }));
            }
            Map<Integer, List<Software>> last = new TreeMap<>();
            for (int i = 0; i < HOSTS; i++) {
                last.put(i, done.get(i).get());
            }
            return last;
        } finally {
            hosts.shutdown();
            requests.shutdown();
        }
    }

    /** Bounded: the indexers (and the lease thief) go on until no host is pending. */
    private void awaitFresh() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (db.count("SELECT COUNT(*) FROM host_inventories WHERE indexed_gen <> gen") > 0
                && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }

    /**
     * The index is fresh and equals a recount, row by row, of what each host sent last, which is
     * also what the collectors stored; readers of either collector see the same counts.
     *
     * @return the index rows
     */
    private int assertIndexEqualsRecount(Map<Integer, List<Software>> last, TestCollector a, TestCollector b)
            throws SQLException {
        for (TestCollector c : List.of(a, b)) {
            JsonNode index = LifecycleAlertsTest.read(c.get("/api/v1/software?size=1", c.admin).body()).path("index");
            assertThat(index.path("pendingHosts").asLong()).as("pending hosts").isZero();
            assertThat(index.path("lastIndexedAt").isTextual()).isTrue();
        }
        Map<String, Set<Link>> sent = new TreeMap<>();
        Map<String, String> osOf = new HashMap<>();
        last.forEach((i, software) -> {
            Set<Link> links = new HashSet<>();
            software.forEach(s -> links.add(Link.of(s)));
            sent.put(host(i).id(), links);
            osOf.put(host(i).id(), host(i).os().family());
        });
        assertThat(storedInventories()).isEqualTo(sent);

        // The recount: index rows, hosts per package and per title, by OS and scope kind.
        Set<String> rows = new TreeSet<>();
        Map<String, Integer> packages = new TreeMap<>();
        Map<String, Integer> titles = new TreeMap<>();
        sent.forEach((hostId, links) -> {
            String os = osOf.get(hostId);
            Set<String> packageKeys = new HashSet<>();
            Set<String> titleKeys = new HashSet<>();
            for (Link l : links) {
                rows.add(hostId + "|" + l.software() + "|" + l.scope());
                for (String kind : List.of(l.kind(), "any")) {
                    packageKeys.add(l.software() + "|" + os + "|" + kind);
                    titleKeys.add(l.name() + "|" + os + "|" + kind);
                }
            }
            packageKeys.forEach(k -> packages.merge(k, 1, Integer::sum));
            titleKeys.forEach(k -> titles.merge(k, 1, Integer::sum));
        });
        assertThat(differences(rows, lines("SELECT h.host_id || '|' || " + PACKAGE + " || '|' || sc.name"
                + " FROM software_index i JOIN hosts h ON h.pk = i.host_pk JOIN software s ON s.id = i.software_id"
                + " JOIN scopes sc ON sc.id = i.scope_id"))).as("software_index rows missing (-) or extra (+)").isEmpty();
        assertThat(differences(packages, counts("SELECT " + PACKAGE + " || '|' || c.os_family || '|' || c.scope_kind,"
                + " c.hosts FROM software_counts c JOIN software s ON s.id = c.software_id WHERE c.hosts <> 0")))
                .as("software_counts that differ").isEmpty();
        assertThat(differences(titles, counts("SELECT name || '|' || os_family || '|' || scope_kind, hosts"
                + " FROM title_counts WHERE hosts <> 0"))).as("title_counts that differ").isEmpty();

        // What readers see, through either collector: each title's hosts and versions, and its hosts list.
        Map<String, Long> titleHosts = new TreeMap<>();
        Map<String, Map<String, Long>> versions = new TreeMap<>();
        Map<String, Long> installations = new TreeMap<>();
        sent.forEach((hostId, links) -> {
            Map<String, Set<String>> versionsHere = new HashMap<>();
            for (Link l : links) {
                versionsHere.computeIfAbsent(l.name(), k -> new HashSet<>()).add(l.version());
                installations.merge(l.name(), 1L, Long::sum);
            }
            versionsHere.forEach((name, vs) -> {
                titleHosts.merge(name, 1L, Long::sum);
                vs.forEach(v -> versions.computeIfAbsent(name, k -> new TreeMap<>()).merge(v, 1L, Long::sum));
            });
        });
        for (TestCollector c : List.of(a, b)) {
            JsonNode list = LifecycleAlertsTest.read(c.get("/api/v1/software?size=1000", c.admin).body());
            assertThat(list.path("total").asLong()).isEqualTo(titleHosts.size());
            Map<String, Long> seenHosts = new TreeMap<>();
            Map<String, Map<String, Long>> seenVersions = new TreeMap<>();
            for (JsonNode t : list.path("items")) {
                seenHosts.put(t.path("name").asText(), t.path("hosts").asLong());
                Map<String, Long> vs = new TreeMap<>();
                t.path("versions").forEach(v -> vs.put(v.path("version").asText(), v.path("hosts").asLong()));
                seenVersions.put(t.path("name").asText(), vs);
            }
            assertThat(seenHosts).isEqualTo(titleHosts);
            assertThat(seenVersions).isEqualTo(versions);
            for (Map.Entry<String, Long> e : installations.entrySet()) {
                String body = c.get("/api/v1/software/hosts?size=1&title="
                        + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8), c.admin).body();
                assertThat(LifecycleAlertsTest.read(body).path("total").asLong()).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        return rows.size();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    /** Each host's stored inventory (host_inventories.links), decoded to catalogue rows and scopes. */
    private Map<String, Set<Link>> storedInventories() throws SQLException {
        Map<String, Set<Link>> out = new TreeMap<>();
        try (Connection c = connect()) {
            Map<Long, Link> catalogue = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, version, publisher, source, arch FROM software");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    catalogue.put(rs.getLong(1), new Link(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), null));
                }
            }
            Map<Long, String> scopes = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM scopes"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    scopes.put(rs.getLong(1), rs.getString(2));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT h.host_id, i.links FROM host_inventories i"
                    + " JOIN hosts h ON h.pk = i.host_pk"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] pairs = PackedLinks.decode(rs.getBytes(2));
                    Set<Link> links = new HashSet<>();
                    for (int k = 0; k < pairs.length; k += 2) {
                        Link l = catalogue.get(pairs[k]);
                        links.add(new Link(l.name(), l.version(), l.publisher(), l.source(), l.arch(),
                                scopes.get(pairs[k + 1])));
                    }
                    out.put(rs.getString(1), links);
                }
            }
        }
        return out;
    }

    /** The keys whose count differs, each as "key: recounted N, index M" (a readable failure). */
    private static List<String> differences(Map<String, Integer> recount, Map<String, Integer> index) {
        Set<String> keys = new TreeSet<>(recount.keySet());
        keys.addAll(index.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (!java.util.Objects.equals(recount.get(k), index.get(k))) {
                out.add(k + ": recounted " + recount.getOrDefault(k, 0) + ", index " + index.getOrDefault(k, 0));
            }
        }
        return out;
    }

    /** The rows the index lacks (-) or has beyond the recount (+). */
    private static List<String> differences(Set<String> recount, List<String> index) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String row : index) {
            if (!recount.contains(row) || !seen.add(row)) {
                out.add("+ " + row);
            }
        }
        recount.stream().filter(r -> !seen.contains(r)).forEach(r -> out.add("- " + r));
        return out;
    }

    private List<String> lines(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** {@code query}'s rows as key (column 1) to count (column 2); a key twice is a failure. */
    private Map<String, Integer> counts(String query) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                assertThat(out.put(rs.getString(1), rs.getInt(2))).as("one row for " + rs.getString(1)).isNull();
            }
        }
        return new TreeMap<>(out);
    }
}
