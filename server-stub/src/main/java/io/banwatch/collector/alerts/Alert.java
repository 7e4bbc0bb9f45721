package io.banwatch.collector.alerts;

/**
 * One alert, before it is put in the outbox once per channel.
 *
 * @param key       unique per event, the same on every collector (host:report for a level change,
 *                  host:stale:last-report, host:deadline:milestone:days, digest:date): producing
 *                  the same alert twice writes it once
 * @param kind      what it is about
 * @param hostPk    the host it is about, or null (the digest)
 * @param createdAt when it was produced, epoch ms
 * @param payload   the JSON every channel renders ({@link AlertPayload})
 */
public record Alert(String key, AlertKind kind, Long hostPk, long createdAt, String payload) {
}
