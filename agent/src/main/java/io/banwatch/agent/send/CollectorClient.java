package io.banwatch.agent.send;

import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.config.ConfigException;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;

/**
 * Talks to the collector over the JDK HTTP client: enroll, post a report, check health. Timeouts
 * everywhere; a custom CA, key pins and a proxy from the configuration.
 */
public final class CollectorClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI base;
    private final Clock clock;
    private final String userAgent;
    private final Duration requestTimeout;
    private final String dialedHost;
    private final ObjectMapper json = new ObjectMapper();

    public CollectorClient(HttpClient http, URI base, Clock clock, String agentVersion) {
        this(http, base, clock, agentVersion, REQUEST_TIMEOUT);
    }

    /** @param requestTimeout how long to wait for an answer (tests make it short) */
    public CollectorClient(HttpClient http, URI base, Clock clock, String agentVersion, Duration requestTimeout) {
        this(http, base, clock, agentVersion, requestTimeout, base.getHost());
    }

    /** @param dialedHost the host connections go to: the proxy's when there is one, else the collector's */
    private CollectorClient(HttpClient http, URI base, Clock clock, String agentVersion, Duration requestTimeout,
                            String dialedHost) {
        this.http = http;
        this.base = base;
        this.clock = clock;
        this.userAgent = "banwatch-agent/" + agentVersion;
        this.requestTimeout = requestTimeout;
        this.dialedHost = dialedHost;
    }

    /** A client for the configured collector. */
    public static CollectorClient forConfig(AgentConfig config, Clock clock, String agentVersion) {
        if (config.collectorUrl() == null) {
            throw new ConfigException(config.notSet("collector.url", "--collector URL"));
        }
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.proxy() != null) {
            b.proxy(ProxySelector.of(config.proxy()));
        }
        if (config.caFile() != null || !config.pinsSha256().isEmpty()) {
            try {
                SSLContext ssl = TlsSetup.context(config.caFile(), config.pinsSha256());
                b.sslContext(ssl);
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigException("tls.ca-file " + config.caFile() + ": " + NetworkFailure.reason(e));
            }
        }
        return new CollectorClient(b.build(), config.collectorUrl(), clock, agentVersion, REQUEST_TIMEOUT,
                config.proxy() != null ? config.proxy().getHostString() : config.collectorUrl().getHost());
    }

    public URI base() {
        return base;
    }

    /** Posts one gzip-compressed report. Never throws: every failure is an outcome. */
    public SendOutcome postReport(byte[] gzipJson, String token) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(base.getPath() + "/api/v1/reports"))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzipJson))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new SendOutcome.Retry("collector unreachable: " + describe(e, requestTimeout), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Retry("interrupted", -1);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new SendOutcome.Acknowledged(status);
        }
        String reason = "collector answered " + status + errorMessage(response.body());
        if (status == 408 || status == 429 || status / 100 == 5) {
            return new SendOutcome.Retry(reason,
                    RetryAfter.millis(response.headers().firstValue("Retry-After").orElse(null), clock));
        }
        if (status == 401) {
            return new SendOutcome.Refused(status, reason);
        }
        if (status == 404 || status == 405) {
            return new SendOutcome.Misdirected(status, reason + " (no banwatch collector at " + base
                    + ": check collector.url)");
        }
        return new SendOutcome.Invalid(status, errorCode(response.body()), reason);
    }

    /**
     * Enrolls a host; returns the issued token. Every failure is a {@link DeliveryException} saying
     * "cannot enroll with URL: why".
     */
    public String enroll(String secret, String hostId, String hostname) throws InterruptedException {
        String body = json.createObjectNode().put("enrollmentSecret", secret).put("hostId", hostId)
                .put("hostname", hostname).toString();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(base.resolve(base.getPath() + "/api/v1/enroll"))
                    .timeout(requestTimeout).header("Content-Type", "application/json").header("User-Agent", userAgent)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw cannotEnroll(describe(e, requestTimeout));
        }
        if (r.statusCode() != 201) {
            throw cannotEnroll("enrollment refused: collector answered " + r.statusCode() + errorMessage(r.body()));
        }
        String token;
        try {
            token = json.readTree(r.body()).path("token").asText("");
        } catch (IOException e) {
            token = "";
        }
        if (token.isEmpty()) {
            throw cannotEnroll("the collector's answer has no token");
        }
        return token;
    }

    private DeliveryException cannotEnroll(String why) {
        return new DeliveryException("cannot enroll with " + base + ": " + why);
    }

    /** Whether /healthz answers 200 within a few seconds, and what it said. */
    public String health() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(base.getPath() + "/healthz"))
                    .timeout(HEALTH_TIMEOUT).header("User-Agent", userAgent).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? "reachable" : "answered " + r.statusCode();
        } catch (IOException e) {
            return "unreachable: " + describe(e, HEALTH_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The collector's {"message": ...}, for the admin, or nothing. */
    private String errorCode(String body) {
        try {
            return json.readTree(body).path("error").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String errorMessage(String body) {
        try {
            // No trailing period: the message may be followed by more (" (re-enroll ...)").
            String m = json.readTree(body).path("message").asText("").strip().replaceFirst("\\.+$", "");
            return m.isEmpty() ? "" : ": " + m;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String describe(IOException e, Duration timeout) {
        return NetworkFailure.describe(e, dialedHost, http.connectTimeout().orElse(null), timeout);
    }
}
