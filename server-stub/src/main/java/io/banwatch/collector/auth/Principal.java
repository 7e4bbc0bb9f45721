package io.banwatch.collector.auth;

import io.banwatch.collector.audit.Actor;

/**
 * The authenticated caller of a request.
 *
 * @param tokenId the token's id
 * @param role    what it may do
 * @param name    the token's name (a host name for agents)
 * @param hostId  for host tokens, the only host it may report for; null otherwise
 */
public record Principal(long tokenId, Role role, String name, String hostId) {
    /** This caller, as the audit log names who made a change. */
    public Actor actor() {
        return Actor.token(tokenId, name);
    }
}
