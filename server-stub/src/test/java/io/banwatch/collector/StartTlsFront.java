package io.banwatch.collector;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * STARTTLS in front of an SMTP server that has none (GreenMail's plain SMTP): it relays the
 * greeting and EHLO, adds STARTTLS to the server's extensions, answers STARTTLS itself and
 * upgrades the client's connection to TLS with the given key, then relays everything else to the
 * server. It records, per connection, whether the client upgraded before its first other command,
 * and with which TLS protocol: what a test of "mail only over STARTTLS" checks.
 */
final class StartTlsFront implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final SSLContext tls;
    /** One entry per connection: the TLS protocol the client upgraded to, or "plain" for a client that did not. */
    final List<String> sessions = new CopyOnWriteArrayList<>();

    /** @param keystore PKCS#12 with the server's key and certificate, password changeit */
    StartTlsFront(int upstreamPort, Path keystore) throws Exception {
        this.upstreamPort = upstreamPort;
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "starttls-front");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> serve(client), "starttls-front-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            InputStream fromServer = server.getInputStream();
            OutputStream toServer = server.getOutputStream();
            OutputStream toClient = client.getOutputStream();
            toClient.write(reply(fromServer, null));
            toClient.flush();
            while (true) {
                String command = line(client.getInputStream());
                if (command == null) {
                    return;
                }
                String verb = command.strip().toUpperCase(java.util.Locale.ROOT);
                if (verb.startsWith("EHLO")) {
                    toServer.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    toServer.flush();
                    toClient.write(reply(fromServer, "STARTTLS"));
                    toClient.flush();
                } else if (verb.equals("STARTTLS")) {
                    toClient.write("220 2.0.0 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
                    toClient.flush();
                    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client,
                            client.getInetAddress().getHostAddress(), client.getPort(), true);
                    secure.setUseClientMode(false);
                    secure.startHandshake();
                    sessions.add(secure.getSession().getProtocol());
                    relay(secure, server);
                    return;
                } else {
                    // A client that goes on without TLS: relay it in the clear, and say so.
                    sessions.add("plain");
                    toServer.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    toServer.flush();
                    relay(client, server);
                    return;
                }
            }
        } catch (IOException e) {
            // the client or the server hung up
        }
    }

    /** Copies both ways until either side closes. */
    private static void relay(Socket client, Socket server) throws IOException {
        Thread up = new Thread(() -> copy(client, server), "starttls-front-up");
        up.setDaemon(true);
        up.start();
        copy(server, client);
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException | UnsupportedOperationException e) {
                // already closed, or an SSLSocket (no half-close)
            }
        }
    }

    /** One CRLF-terminated line, read byte by byte so that nothing after it is consumed before a TLS upgrade. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return null;
    }

    /**
     * A whole (multi-line) SMTP reply; {@code extension}, when given, joins it as the second line
     * (the first is the server's greeting, which clients do not read as an extension).
     */
    private static byte[] reply(InputStream in, String extension) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        while (true) {
            String l = line(in);
            if (l == null) {
                throw new IOException("server closed");
            }
            lines.add(l);
            if (l.length() < 4 || l.charAt(3) == ' ') {
                break;
            }
        }
        if (extension != null) {
            lines.add(1, lines.get(0).substring(0, 3) + " " + extension);
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < lines.size(); k++) {
            String l = lines.get(k);
            out.append(l, 0, 3).append(k == lines.size() - 1 ? ' ' : '-').append(l.length() > 4 ? l.substring(4) : "")
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
