package io.banwatch.collector;

import io.banwatch.collector.config.ServerConfig;
import io.banwatch.collector.config.ServerConfigLoader;
import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing listens beyond loopback unless configured: the settings loader's own default, not a
 * test's, is what the server binds to.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class LoopbackDefaultTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    LoopbackDefaultTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    /** Settings as `serve` would read them with no bind setting anywhere. */
    private ServerConfig loadWithoutBind() {
        db.config(dir); // makes db.url() valid for SQLite too
        Map<String, String> flags = new HashMap<>(Map.of("data.dir", dir.toString(), "port", "0"));
        if (db.kind() == TestDatabase.Kind.POSTGRES) {
            flags.put("database.url", db.url());
            flags.put("database.user", db.user());
            flags.put("database.password", db.password());
        }
        return ServerConfigLoader.load(null, Map.of(), flags);
    }

    @Test
    void withNoBindSettingTheServerIsReachableOnLoopbackOnly() throws Exception {
        ServerConfig config = loadWithoutBind();
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        try (CollectorServer server = CollectorServer.create(config,
                new MutableClock(Instant.parse("2026-11-24T10:00:00Z"))).start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);

            List<InetAddress> others = nonLoopbackAddresses();
            Assumptions.assumeFalse(others.isEmpty(), "this machine has no non-loopback address to try");
            for (InetAddress a : others) {
                assertThat(connects(a, server.port())).as("listening on %s", a.getHostAddress()).isFalse();
            }
        }
    }

    /** This machine's addresses on interfaces that are up, other than loopback (the demo's test uses them too). */
    static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp();
            } catch (SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> !a.isLoopbackAddress()).toList();
    }

    /** True when a TCP connection to {@code address:port} is accepted. */
    static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
