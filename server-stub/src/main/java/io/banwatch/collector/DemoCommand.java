package io.banwatch.collector;

import io.banwatch.collector.audit.Actor;
import io.banwatch.collector.auth.Role;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.collector.demo.FleetLoader;
import io.banwatch.collector.demo.ReplayClock;
import io.banwatch.collector.demo.SimulatedFleet;
import io.banwatch.collector.demo.SimulatedFleet.SimulatedHost;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code banwatch-server demo [--port PORT] [--data DIR] [--seed N]}: a collector on 127.0.0.1
 * only, filled through its own API with a simulated fleet of 40 hosts, and an admin token to sign
 * in with, so a newcomer sees every page populated. Its data is in a temporary directory, deleted
 * when it stops, unless {@code --data} names one to keep.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Start a collector on 127.0.0.1 filled with"
        + " a simulated fleet of 40 hosts (Windows, macOS, Linux), and print its URL and an admin token.")
final class DemoCommand implements Callable<Integer> {
    /** The demo never listens beyond this machine: its admin token is printed on the terminal. */
    static final String LOOPBACK = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: a free one).")
    int port;

    @Option(names = "--data", paramLabel = "DIR", description = "Keep the data here (default: a temporary"
            + " directory, deleted when the demo stops).")
    Path data;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "13", description = "Seed of the simulated fleet"
            + " (default: 13); the same seed gives the same fleet.")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * A running demo.
     *
     * @param temporary its data directory is deleted when it stops
     */
    record Running(CollectorServer server, String url, String adminToken, Path data, boolean temporary,
                   FleetLoader.Loaded loaded) implements AutoCloseable {
        @Override
        public void close() {
            server.stop();
            if (temporary) {
                deleteTree(data);
            }
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Running demo = start(Clock.systemUTC(), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "banwatch-demo-shutdown"));
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Starts the collector, loads the fleet through its API and prints where to sign in.
     *
     * @throws IllegalArgumentException for a port out of range or a data directory that cannot be used
     */
    Running start(Clock clock, PrintWriter out) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, not " + port);
        }
        boolean temporary = data == null;
        Path dir = temporary ? temporaryDirectory() : data;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--data " + dir + " is a file, not a directory");
        }
        ServerConfig.Builder config = ServerConfig.builder(dir);
        config.bind = LOOPBACK;
        config.port = port;
        ReplayClock replay = new ReplayClock(clock);
        CollectorServer server;
        try {
            server = CollectorServer.create(config.build(), replay).start();
        } catch (RuntimeException e) {
            if (temporary) {
                deleteTree(dir);
            }
            throw e;
        }
        try {
            String url = "http://" + LOOPBACK + ":" + server.port();
            String admin = server.tokens().issueForPerson(Actor.system("demo"), Role.ADMIN, "demo admin").token();
            long began = System.nanoTime();
            List<SimulatedHost> fleet = SimulatedFleet.build(seed, clock.instant());
            FleetLoader.Loaded loaded = new FleetLoader(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .build(), url, replay).load(fleet, server.enrollmentSecret(), admin);
            long ms = (System.nanoTime() - began) / 1_000_000;
            out.printf("banwatch demo: %d simulated hosts, %d reports, %d retired, sent through the API in %.1f s%n",
                    loaded.hosts(), loaded.reports(), loaded.retired(), ms / 1000.0);
            out.println("  dashboard:   " + url + "/");
            out.println("  admin token: " + admin);
            out.println("  data:        " + dir.toAbsolutePath() + (temporary ? " (deleted when the demo stops)" : ""));
            out.flush();
            return new Running(server, url, admin, dir, temporary, loaded);
        } catch (RuntimeException e) {
            server.stop();
            if (temporary) {
                deleteTree(dir);
            }
            throw e;
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("banwatch-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
