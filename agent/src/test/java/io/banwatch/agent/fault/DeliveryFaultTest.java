package io.banwatch.agent.fault;

import io.banwatch.model.OsFamily;
import io.banwatch.agent.testkit.CollectorJvm;
import io.banwatch.agent.testkit.JavaProcess;
import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.config.AgentConfigLoader;
import io.banwatch.agent.config.AgentPaths;
import io.banwatch.agent.send.CollectorClient;
import io.banwatch.agent.send.Sleeper;
import io.banwatch.agent.send.SpoolFlusher;
import io.banwatch.agent.send.Transport;
import io.banwatch.agent.spool.Spool;
import io.banwatch.agent.spool.SpooledReport;
import io.banwatch.retry.Backoff;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost, nothing twice: N reports through a collector that is down, failing, dropping
 * connections or killed, and an agent killed mid-send. After each, the collector holds exactly the
 * N reports. All traffic stays on loopback; every loop is bounded.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeliveryFaultTest {
    private static final int N = 200;

    @TempDir
    Path dir;

    private final Random random = new Random(20261124);

    /** The agent's state: config pointing at {@code url}, enrolled, with N reports spooled. */
    private AgentConfig agent(URI url, URI enrollVia) throws Exception {
        Path conf = Files.writeString(dir.resolve("agent.conf"), "collector.url = " + url + "\nenrollment.secret = "
                + CollectorJvm.SECRET + "\nspool.max-reports = 1000\n");
        Map<String, String> env = Map.of("BANWATCH_CONFIG", conf.toString(), "BANWATCH_STATE_DIR",
                dir.resolve("state").toString(), "BANWATCH_LOG_DIR", dir.resolve("logs").toString());
        AgentConfig config = AgentConfigLoader.load(AgentPaths.forOs(OsFamily.LINUX, env), env, Map.of());
        AgentConfig enrollConfig = AgentConfigLoader.load(AgentPaths.forOs(OsFamily.LINUX, env), env,
                Map.of("collector.url", enrollVia.toString()));
        new Transport(enrollConfig, Clock.systemUTC(), "test", Sleeper.REAL).enroll(Samples.WORKSTATION);
        // The stored token names the collector it came from; point it at the agent's URL.
        Path token = config.paths().tokenFile();
        Files.writeString(token, Files.readString(token).replace(enrollVia.toString(), url.toString()));
        Spool spool = spool(config);
        Instant t0 = Instant.parse("2026-11-24T03:00:00Z");
        for (int i = 0; i < N; i++) {
            spool.add(ReportBuilder.report()
                    .host(Samples.WORKSTATION)
                    .scannedAt(t0.plusSeconds(i))
                    .findings(i % 3 == 0 ? List.of(Samples.keslViolation()) : List.of())
                    .build());
        }
        assertThat(spool.pending()).hasSize(N);
        return config;
    }

    private static Spool spool(AgentConfig c) {
        return new Spool(c.paths().spoolDir(), c.spoolMaxReports(), c.spoolMaxBytes());
    }

    private static Set<String> spooledIds(AgentConfig c) {
        Set<String> ids = new HashSet<>();
        for (SpooledReport r : spool(c).pending()) {
            ids.add(r.reportId());
        }
        return ids;
    }

    /** An in-process sender with short backoff (the fault is the point, not the wait). */
    private SpoolFlusher.Result flush(AgentConfig c, Duration budget) {
        String token = new Transport(c, Clock.systemUTC(), "test", Sleeper.REAL).token().read().orElseThrow().token();
        CollectorClient client = new CollectorClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                c.collectorUrl(), Clock.systemUTC(), "test");
        return new SpoolFlusher(spool(c), client, new Backoff(50, 1_000), random, Sleeper.REAL, Clock.systemUTC(), budget)
                .flush(token);
    }

    private static void assertExactly(String scenario, Set<String> sent, CollectorJvm collector, AgentConfig agent)
            throws Exception {
        Set<String> stored = collector.storedReportIds();
        System.out.printf("[fault] %-38s sent %d, collector holds %d distinct reports, %d left in the spool%n",
                scenario, sent.size(), stored.size(), spool(agent).pending().size());
        assertThat(stored).hasSize(N).isEqualTo(sent);
        assertThat(spool(agent).pending()).isEmpty();
    }

    @Test
    void collectorDownForAWhileThenUp() throws Exception {
        try (CollectorJvm collector = new CollectorJvm(dir.resolve("collector"))) {
            collector.start();
            AgentConfig agent = agent(collector.url(), collector.url());
            Set<String> sent = spooledIds(agent);
            collector.kill();
            CompletableFuture<SpoolFlusher.Result> sending = CompletableFuture.supplyAsync(() -> flush(agent, Duration.ofSeconds(90)));
            Thread.sleep(3_000);
            assertThat(spool(agent).pending()).hasSize(N);
            collector.start();
            assertThat(sending.get(120, TimeUnit.SECONDS).complete()).isTrue();
            assertExactly("collector down, then up", sent, collector, agent);
        }
    }

    @Test
    void collectorAnswering500And503WithRetryAfter() throws Exception {
        try (CollectorJvm collector = new CollectorJvm(dir.resolve("collector")).start();
             FaultProxy proxy = new FaultProxy(collector.port, i -> i < 3 ? FaultProxy.Fault.UNAVAILABLE_503
                     : i % 5 == 0 ? FaultProxy.Fault.ERROR_500 : i % 11 == 0 ? FaultProxy.Fault.UNAVAILABLE_503
                     : FaultProxy.Fault.PASS)) {
            AgentConfig agent = agent(URI.create("http://127.0.0.1:" + proxy.port()), collector.url());
            Set<String> sent = spooledIds(agent);
            assertThat(flush(agent, Duration.ofSeconds(150)).complete()).isTrue();
            assertThat(proxy.count(FaultProxy.Fault.ERROR_500)).isGreaterThan(10);
            assertThat(proxy.count(FaultProxy.Fault.UNAVAILABLE_503)).isGreaterThan(3);
            assertExactly("500s and 503s with Retry-After", sent, collector, agent);
        }
    }

    @Test
    void connectionsDroppedMidBodyAndAcknowledgementsLost() throws Exception {
        try (CollectorJvm collector = new CollectorJvm(dir.resolve("collector")).start();
             FaultProxy proxy = new FaultProxy(collector.port, i -> i % 7 == 3 ? FaultProxy.Fault.DROP_MID_BODY
                     : i % 7 == 5 ? FaultProxy.Fault.DROP_AFTER_FORWARD : FaultProxy.Fault.PASS)) {
            AgentConfig agent = agent(URI.create("http://127.0.0.1:" + proxy.port()), collector.url());
            Set<String> sent = spooledIds(agent);
            assertThat(flush(agent, Duration.ofSeconds(150)).complete()).isTrue();
            assertThat(proxy.count(FaultProxy.Fault.DROP_MID_BODY)).isGreaterThan(10);
            // Each of these reached the collector, lost its answer and was sent again.
            assertThat(proxy.count(FaultProxy.Fault.DROP_AFTER_FORWARD)).isGreaterThan(10);
            assertExactly("dropped mid-body / lost acknowledgements", sent, collector, agent);
        }
    }

    /**
     * The agent's JVM is killed with SIGKILL in the middle of sending, several times, then runs to the
     * end. Each kill waits until the collector's stored count has grown since that agent started (so
     * the agent is inside its sending loop, not still starting), then lands a random moment later.
     * After every kill each report is stored, still spooled, or both; never neither, never twice.
     */
    @Test
    void agentKilledWhileSendingAndRestarted() throws Exception {
        try (CollectorJvm collector = new CollectorJvm(dir.resolve("collector")).start();
             FaultProxy slow = new FaultProxy(collector.port, i -> FaultProxy.Fault.PASS, 20)) {
            AgentConfig agent = agent(URI.create("http://127.0.0.1:" + slow.port()), collector.url());
            Set<String> sent = spooledIds(agent);
            Map<String, String> env = Map.of("BANWATCH_CONFIG", agent.paths().configFile().toString(),
                    "BANWATCH_STATE_DIR", agent.paths().stateDir().toString(), "BANWATCH_LOG_DIR",
                    agent.paths().logDir().toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(80);
            List<int[]> kills = new ArrayList<>();
            for (int round = 0; round < 8 && !spool(agent).pending().isEmpty(); round++) {
                int before = storedNow(collector);
                Process p = JavaProcess.start("io.banwatch.agent.Main", List.of("send"), env, dir.resolve("agent.log"));
                int now = before;
                while (p.isAlive() && now <= before && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    now = collector.storedCount();
                }
                if (!p.isAlive()) {
                    break; // it sent the rest before it could be caught; the final run checks the outcome
                }
                if (now <= before) {
                    JavaProcess.kill(p);
                    throw new AssertionError("round " + round + ": the agent stored nothing within the time limit");
                }
                Thread.sleep(random.nextInt(150));
                JavaProcess.kill(p);
                Set<String> stored = collector.storedReportIds();
                Set<String> spooled = spooledIds(agent);
                System.out.printf("[fault] kill %d while sending: collector holds %d distinct reports, %d left in the"
                        + " spool%n", kills.size() + 1, stored.size(), spooled.size());
                Set<String> either = new HashSet<>(stored);
                either.addAll(spooled);
                assertThat(either).as("kill %d: every report stored or still spooled", kills.size() + 1).isEqualTo(sent);
                kills.add(new int[] {stored.size(), spooled.size()});
            }
            Process last = JavaProcess.start("io.banwatch.agent.Main", List.of("send"), env, dir.resolve("agent.log"));
            assertThat(last.waitFor(80, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).isZero();
            long midSend = kills.stream().filter(k -> k[0] > 0 && k[0] < N).count();
            System.out.printf("[fault] agent JVM killed with SIGKILL %d times while sending (%d with 0 < stored < %d)%n",
                    kills.size(), midSend, N);
            assertThat(kills.size()).isGreaterThan(2);
            assertThat(midSend).as("kills that landed with some but not all reports stored").isGreaterThan(2);
            assertExactly("agent killed (kill -9) and restarted", sent, collector, agent);
        }
    }

    /** The collector's stored count, waiting out a moment when its database is busy. */
    private static int storedNow(CollectorJvm collector) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            int n = collector.storedCount();
            if (n >= 0) {
                return n;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("cannot read the collector's database");
    }

    @Test
    void collectorKilledDuringIngestAndRestarted() throws Exception {
        try (CollectorJvm collector = new CollectorJvm(dir.resolve("collector")).start()) {
            AgentConfig agent = agent(collector.url(), collector.url());
            Set<String> sent = spooledIds(agent);
            CompletableFuture<SpoolFlusher.Result> sending = CompletableFuture.supplyAsync(() -> flush(agent, Duration.ofSeconds(150)));
            int kills = 0;
            for (int round = 0; round < 4 && !sending.isDone(); round++) {
                Thread.sleep(200 + random.nextInt(600));
                collector.kill();
                kills++;
                Thread.sleep(300);
                collector.start();
            }
            assertThat(sending.get(170, TimeUnit.SECONDS).complete()).isTrue();
            System.out.printf("[fault] collector JVM killed with SIGKILL %d times during ingest%n", kills);
            assertThat(kills).isGreaterThan(0);
            assertExactly("collector killed (kill -9) and restarted", sent, collector, agent);
        }
    }
}
