package io.banwatch.collector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP endpoint on a raw loopback socket that records each request exactly as it arrived
 * (request line and headers, in order) and answers 200. A real HTTP server would hide what the
 * client asked for, such as an upgrade to HTTP/2.
 */
final class RawHttpReceiver implements AutoCloseable {
    /** One request: {@code headers} as "Name: value" lines, in the order sent. */
    record Request(String requestLine, List<String> headers) {
        boolean hasHeader(String name) {
            return headers.stream().anyMatch(h -> h.regionMatches(true, 0, name + ":", 0, name.length() + 1));
        }
    }

    private final ServerSocket server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RawHttpReceiver() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::serve, "raw-http-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                String line = readLine(in);
                List<String> headers = new ArrayList<>();
                int length = 0;
                for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
                    headers.add(h);
                    if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(h.substring(15).strip());
                    }
                }
                in.readNBytes(length);
                requests.add(new Request(line, List.copyOf(headers)));
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closed, or a client that went away: wait for the next
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-request");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
