package io.banwatch.collector.web;

import io.banwatch.collector.auth.Role;

/**
 * Who a page is rendered for: the header names them and its forms carry their CSRF token.
 *
 * @param name the name of the token they signed in with
 * @param role its role
 * @param csrf the session's CSRF token; null when a bearer token, not a session, reads the page
 *             (there is then no session to sign out of, and no form needs one)
 */
record PageContext(String name, Role role, String csrf) {
    boolean admin() {
        return role == Role.ADMIN;
    }
}
