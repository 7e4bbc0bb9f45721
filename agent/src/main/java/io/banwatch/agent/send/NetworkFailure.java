package io.banwatch.agent.send;

import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;

/**
 * Names why talking to the collector failed, in one line for people: the one place an exception
 * from the network reaches the user or the log. The JDK's HTTP client often throws a chain of
 * exceptions without a message (a refused connection is a {@code ConnectException} with a null
 * message around a {@code ClosedChannelException}), so the kind is read from the whole chain.
 */
public final class NetworkFailure {
    private NetworkFailure() {
    }

    /**
     * @param failure        what the HTTP client threw
     * @param host           the host asked (named when it cannot be resolved)
     * @param connectTimeout the client's connect timeout (which covers the TLS handshake), or null
     * @param requestTimeout the request's timeout, or null
     */
    public static String describe(Throwable failure, String host, Duration connectTimeout, Duration requestTimeout) {
        if (failure instanceof InterruptedException) {
            return "interrupted";
        }
        if (find(failure, HttpConnectTimeoutException.class) != null) {
            return "timed out after " + seconds(connectTimeout) + " (connecting)";
        }
        if (find(failure, UnresolvedAddressException.class) != null || find(failure, UnknownHostException.class) != null) {
            return "unknown host " + host;
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return "TLS handshake failed: " + tlsReason(failure);
        }
        if (find(failure, HttpTimeoutException.class) != null) {
            return "timed out after " + seconds(requestTimeout) + " (no answer)";
        }
        ConnectException connect = find(failure, ConnectException.class);
        if (connect != null) {
            String m = deepestMessage(failure);
            return m == null || m.toLowerCase(java.util.Locale.ROOT).contains("refused") ? "connection refused"
                    : "cannot connect: " + m;
        }
        if (find(failure, EOFException.class) != null || "HTTP/1.1 header parser received no bytes".equals(deepestMessage(failure))) {
            return "the connection was closed before the collector answered";
        }
        return reason(failure);
    }

    /** The most telling message in a chain, else the innermost exception's kind; never null. */
    public static String reason(Throwable failure) {
        String m = deepestMessage(failure);
        if (m != null) {
            return m;
        }
        Throwable last = failure;
        while (last.getCause() != null && last.getCause() != last) {
            last = last.getCause();
        }
        return last.getClass().getSimpleName();
    }

    private static String tlsReason(Throwable failure) {
        if (find(failure, CertificateExpiredException.class) != null) {
            return "the collector's certificate has expired";
        }
        if (find(failure, CertificateNotYetValidException.class) != null) {
            return "the collector's certificate is not valid yet";
        }
        String m = deepestMessage(failure);
        if (m != null && m.contains("tls.pin-sha256")) {
            return m;
        }
        if (find(failure, CertPathBuilderException.class) != null || find(failure, CertPathValidatorException.class) != null
                || m != null && m.startsWith("PKIX")) {
            return "the collector's certificate is not trusted (it is not signed by a CA of the system or of tls.ca-file)";
        }
        if (m != null && (m.contains("Unrecognized SSL message") || m.contains("Unsupported or unrecognized SSL message"))) {
            return "the collector does not speak TLS on this port (is its URL http://?)";
        }
        return m == null ? "no reason given" : m;
    }

    /** The first exception of {@code type} in the chain, or null. */
    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The innermost message that says something (not blank, not just the wrapped exception's toString). */
    private static String deepestMessage(Throwable failure) {
        String found = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && (t.getCause() == null || !m.equals(t.getCause().toString()))) {
                found = m.strip().lines().findFirst().orElse(m);
            }
        }
        return found == null ? null : withoutClassName(found);
    }

    /** "sun.security.validator.ValidatorException: PKIX path building failed" reads as its text. */
    private static String withoutClassName(String message) {
        return message.replaceAll("^(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ", "");
    }

    private static String seconds(Duration d) {
        if (d == null) {
            return "the timeout";
        }
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
