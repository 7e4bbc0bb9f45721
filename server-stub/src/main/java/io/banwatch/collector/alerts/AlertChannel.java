package io.banwatch.collector.alerts;

/**
 * Where alerts go: a webhook, an SMTP server. {@link AlertDispatcher} claims the channel's rows
 * of the outbox and hands each payload to {@link #send}.
 */
public interface AlertChannel {
    /** The outbox's {@code channel} value: {@code webhook}, {@code email}. */
    String name();

    /** Where it sends, for the log, without secrets: "http://hooks.example/...", "smtp mail.example:587". */
    String describe();

    /** The longest one {@link #send} can take (connect and request timeouts), so it fits in a claim's lease. */
    long sendBudgetMs();

    /**
     * Sends one alert.
     *
     * @param alertKey the alert's stable key, for receivers that drop repeats
     * @param payload  its JSON ({@link AlertPayload})
     * @return null when the receiver took it, else a one-line reason
     */
    String send(String alertKey, String payload);
}
