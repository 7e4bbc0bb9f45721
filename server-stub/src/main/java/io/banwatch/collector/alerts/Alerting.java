package io.banwatch.collector.alerts;

/**
 * What ingest needs to raise alerts in a report's transaction: which transitions alert, how an
 * alert is made, and the outbox it goes to.
 */
public record Alerting(AlertPolicy policy, AlertPayload payloads, AlertOutbox outbox) {
}
