package io.banwatch.agent.send;

import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.config.AgentConfigLoader;
import io.banwatch.agent.config.AgentPaths;
import io.banwatch.agent.spool.Spool;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The configured HTTP proxy carries the agent's requests (a plain forwarding proxy on loopback). */
class ProxySupportTest {
    @TempDir
    Path dir;

    @Test
    void reportsGoThroughTheConfiguredProxy() throws Exception {
        try (ScriptedCollector collector = new ScriptedCollector(); ForwardingProxy proxy = new ForwardingProxy()) {
            Path conf = Files.writeString(dir.resolve("agent.conf"), "collector.url = " + collector.url()
                    + "\nproxy = http://127.0.0.1:" + proxy.port() + "\n");
            AgentConfig config = AgentConfigLoader.load(new AgentPaths(conf, dir, dir), Map.of(), Map.of());
            CollectorClient client = CollectorClient.forConfig(config, Clock.systemUTC(), "test");
            byte[] body = new Spool(dir.resolve("spool"), 10, 1L << 30)
                    .encode(ReportBuilder.report()
                            .host(Samples.WORKSTATION)
                            .scannedAt(Instant.parse("2026-11-24T03:00:00Z"))
                            .build());

            assertThat(client.postReport(body, "t")).isInstanceOf(SendOutcome.Acknowledged.class);
            assertThat(proxy.requestLines).singleElement().asString()
                    .isEqualTo("POST " + collector.url() + "/api/v1/reports HTTP/1.1");
            assertThat(collector.receivedReports).hasSize(1);
        }
    }

    /** Takes absolute-form requests, as HTTP proxies do, and forwards each to its origin. */
    private static final class ForwardingProxy implements AutoCloseable {
        final List<String> requestLines = new CopyOnWriteArrayList<>();
        private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final Thread thread = new Thread(this::serve, "test-proxy");

        ForwardingProxy() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    InputStream in = client.getInputStream();
                    String head = readHead(in);
                    String requestLine = head.substring(0, head.indexOf("\r\n"));
                    requestLines.add(requestLine);
                    java.net.URI target = java.net.URI.create(requestLine.split(" ")[1]);
                    int length = 0;
                    StringBuilder forwarded = new StringBuilder(requestLine.split(" ")[0] + " " + target.getRawPath()
                            + " HTTP/1.1\r\n");
                    for (String line : head.split("\r\n")) {
                        String lower = line.toLowerCase(java.util.Locale.ROOT);
                        if (lower.startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).strip());
                        }
                        if (line.equals(requestLine) || line.isEmpty() || lower.startsWith("connection:")
                                || lower.startsWith("proxy-connection:")) {
                            continue;
                        }
                        forwarded.append(line).append("\r\n");
                    }
                    forwarded.append("Connection: close\r\n\r\n");
                    byte[] body = in.readNBytes(length);
                    try (Socket up = new Socket(target.getHost(), target.getPort())) {
                        OutputStream o = up.getOutputStream();
                        o.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
                        o.write(body);
                        o.flush();
                        client.getOutputStream().write(up.getInputStream().readAllBytes());
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int last4 = 0;
            int c;
            while ((c = in.read()) != -1) {
                b.write(c);
                last4 = (last4 << 8) | c;
                if (last4 == 0x0D0A0D0A) {
                    break;
                }
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
