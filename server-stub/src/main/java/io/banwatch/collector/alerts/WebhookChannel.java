package io.banwatch.collector.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts alerts to a webhook: the payload as it is ({@code generic}), or only its {@code text}
 * ({@code slack}: Slack and Microsoft Teams incoming webhooks take {"text": ...}). Each request
 * carries the alert's key as {@code Idempotency-Key}.
 */
public final class WebhookChannel implements AlertChannel {
    public static final String NAME = "webhook";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest request timeout: a send must fit in its lease (AlertDispatcher). */
    public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI target;
    private final Duration requestTimeout;
    private final boolean slackFormat;

    /**
     * The client webhooks are sent with. HTTP/1.1 only: the JDK's client otherwise asks an http://
     * receiver to upgrade to HTTP/2 (Upgrade: h2c, HTTP2-Settings) on every POST, which some
     * receivers and proxies refuse or mishandle, and a webhook gains nothing from HTTP/2.
     */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * @param http           from {@link #httpClient()}
     * @param format         {@code generic} or {@code slack}
     * @param requestTimeout how long a request may take once connected, at most {@link #MAX_REQUEST_TIMEOUT}
     */
    public WebhookChannel(HttpClient http, String url, String format, Duration requestTimeout) {
        this.http = http;
        this.target = URI.create(url);
        if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
            throw new IllegalArgumentException("alerts.webhook-url must be an http or https URL, not '" + url + "'");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.compareTo(MAX_REQUEST_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the webhook request timeout must be between 1 ms and "
                    + MAX_REQUEST_TIMEOUT.toSeconds() + " s");
        }
        this.requestTimeout = requestTimeout;
        this.slackFormat = "slack".equals(format);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return WebhookFailure.origin(target);
    }

    @Override
    public long sendBudgetMs() {
        return CONNECT_TIMEOUT.toMillis() + requestTimeout.toMillis() + 5_000;
    }

    @Override
    public String send(String alertKey, String payload) {
        String body = slackFormat ? slackBody(payload) : payload;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target)
                            .timeout(requestTimeout)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", alertKey)
                            .header("User-Agent", "banwatch-collector")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "webhook answered " + response.statusCode();
        } catch (IOException e) {
            return WebhookFailure.describe(e, target, requestTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String slackBody(String payload) {
        try {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("text", JSON.readTree(payload).path("text").asText());
            return n.toString();
        } catch (IOException e) {
            return payload;
        }
    }
}
