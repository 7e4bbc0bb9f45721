package io.banwatch.agent.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The real collector in a JVM of its own, on a fixed loopback port and data directory, killable. */
public final class CollectorJvm implements AutoCloseable {
    public static final String SECRET = "fault-test-enrollment-secret";

    public final Path data;
    public final int port;
    private Process process;

    public CollectorJvm(Path data) throws IOException {
        this.data = data;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    public CollectorJvm start() throws InterruptedException {
        process = JavaProcess.start("io.banwatch.collector.CollectorMain",
                List.of("serve", "--data", data.toString(), "--port", Integer.toString(port)),
                Map.of("BANWATCH_SERVER_ENROLLMENT_SECRET", SECRET), data.resolveSibling(data.getFileName() + ".log"));
        awaitHealthy(Duration.ofSeconds(60));
        return this;
    }

    public void kill() throws InterruptedException {
        JavaProcess.kill(process);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void awaitHealthy(Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the collector exited with " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(url().resolve("/healthz")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the collector did not become healthy in " + limit);
    }

    /**
     * How many reports the collector has stored so far, read from its database while it runs (SQLite in
     * WAL mode lets a reader in beside the writer); -1 while the database cannot be read yet.
     */
    public int storedCount() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("banwatch.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reports")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * The report ids the collector stored, read from its database file. Rows and ids are counted in
     * one query, one snapshot: two queries would see the running collector's inserts in between.
     */
    public Set<String> storedReportIds() throws SQLException {
        Set<String> ids = new HashSet<>();
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("banwatch.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT report_id FROM reports")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
                rows++;
            }
        }
        if (rows != ids.size()) {
            throw new AssertionError(rows + " report rows but " + ids.size() + " distinct ids");
        }
        return ids;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            JavaProcess.kill(process);
        }
    }
}
