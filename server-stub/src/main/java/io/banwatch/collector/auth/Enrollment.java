package io.banwatch.collector.auth;

import io.banwatch.collector.http.ApiError;

/**
 * Agents enroll with the fleet's shared secret and receive a token of their own, bound to their
 * host id. Enrolling again (a re-imaged machine, a lost token) revokes the host's older tokens.
 */
public final class Enrollment {
    private static final int MAX_ID = 64;

    private final TokenStore tokens;
    private final String secret;

    public Enrollment(TokenStore tokens, String secret) {
        this.tokens = tokens;
        this.secret = secret;
    }

    public TokenStore.Issued enroll(String givenSecret, String hostId, String hostname) {
        if (!Secrets.sameSecret(secret, givenSecret)) {
            throw new ApiError(401, "bad_enrollment_secret", "the enrollment secret is wrong");
        }
        if (hostId == null || hostId.isBlank() || hostId.length() > MAX_ID || !hostId.matches("[A-Za-z0-9._:-]+")) {
            throw ApiError.badRequest("invalid_host_id", "hostId must be 1-64 letters, digits, '.', '_', ':' or '-'");
        }
        String name = hostname == null || hostname.isBlank() ? hostId : hostname.strip();
        TokenStore.Issued issued = tokens.issue(Role.HOST, name.length() > 200 ? name.substring(0, 200) : name, hostId);
        tokens.revokeHostTokensExcept(hostId, issued.id());
        return issued;
    }
}
