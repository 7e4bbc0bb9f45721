package io.banwatch.agent.send;

/**
 * What happened to one delivery attempt.
 *
 * <ul>
 *   <li>{@link Acknowledged}: stored (or already stored) by the collector — delete it;</li>
 *   <li>{@link Retry}: the collector is down, busy or timed out — keep it and try later;</li>
 *   <li>{@link Invalid}: the collector refuses this report as it is (400, 409, 422, or 403: not this
 *       token's host) — it can never be delivered so, it is quarantined;</li>
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

    record Invalid(int status, String reason) implements SendOutcome {
    }

    record Refused(int status, String reason) implements SendOutcome {
    }
}
