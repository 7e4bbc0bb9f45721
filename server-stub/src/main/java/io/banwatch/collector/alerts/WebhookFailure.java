package io.banwatch.collector.alerts;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Why a webhook request failed, in words: the JDK's HTTP client reports a refused connection and
 * an unknown host alike as a {@code ConnectException} without a message (the cause says which),
 * which printed as "null".
 */
final class WebhookFailure {
    private WebhookFailure() {
    }

    /** e.g. "connection refused", "unknown host hooks.example", "TLS failure: ...", "timed out after 15 s". */
    static String describe(Throwable failure, URI target, Duration requestTimeout) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host " + target.getHost();
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connect timed out";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within " + seconds(requestTimeout);
            }
            if (t instanceof SSLException) {
                return "TLS failure: " + text(t);
            }
            if (t instanceof EOFException) {
                return "connection closed without an answer";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                String m = t.getMessage();
                return m == null || m.toLowerCase(java.util.Locale.ROOT).contains("refused") ? "connection refused"
                        : "cannot connect: " + text(t);
            }
        }
        return text(failure);
    }

    /** Where an alert goes, for the log: the origin only, since a webhook's path is often its secret. */
    static String origin(URI target) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() || target.getRawPath().equals("/")
                ? target.getRawPath() : "/...";
        return target.getScheme() + "://" + target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort())
                + (path == null ? "" : path);
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The deepest message there is, on one line; the class name when none has one. */
    private static String text(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
                break;
            }
        }
        return message == null ? failure.getClass().getSimpleName() : message.replaceAll("\\s+", " ").strip();
    }
}
