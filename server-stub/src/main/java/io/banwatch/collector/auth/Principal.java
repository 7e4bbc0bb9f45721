package io.banwatch.collector.auth;

/**
 * The authenticated caller of a request.
 *
 * @param tokenId the token's id
 * @param role    what it may do
 * @param name    the token's name (a host name for agents)
 * @param hostId  for host tokens, the only host it may report for; null otherwise
 */
public record Principal(long tokenId, Role role, String name, String hostId) {
}
