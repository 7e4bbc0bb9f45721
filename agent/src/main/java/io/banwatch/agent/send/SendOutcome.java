package io.banwatch.agent.send;

/**
 * What happened to one delivery attempt.
 *
 * <ul>
 *   <li>{@link Acknowledged}: stored (or already stored) by the collector — delete it;</li>
 *   <li>{@link Retry}: the collector is down, busy or timed out — keep it and try later;</li>
 *   <li>{@link Invalid}: the collector refuses this report as it is (400, 409, 422, or 403: not this
 *       token's host) — it can never be delivered so, it is quarantined;</li>
 *   <li>{@link Misdirected}: no banwatch collector answers at that address (404, 405: a wrong
 *       {@code collector.url}) — keep every report and stop, since no report could be delivered
 *       there;</li>
 *   <li>{@link Refused}: the collector refuses the token (401: revoked, unknown) — keep that host's
 *       reports, stop sending them, and tell the admin.</li>
 * </ul>
 */
public sealed interface SendOutcome {
    record Acknowledged(int status) implements SendOutcome {
    }

    /** @param retryAfterMillis the collector's Retry-After, or -1 when it gave none */
    record Retry(String reason, long retryAfterMillis) implements SendOutcome {
    }

    /** @param error the collector's error code ({@code inventory_unknown}, {@code report_id_conflict}…), or "" */
    record Invalid(int status, String error, String reason) implements SendOutcome {
    }

    record Misdirected(int status, String reason) implements SendOutcome {
    }

    record Refused(int status, String reason) implements SendOutcome {
    }
}
