package io.banwatch.collector.auth;

/**
 * A signed-in browser.
 *
 * @param id        the session's row id (never its secret, which only the browser's cookie holds)
 * @param principal the token it was signed in with
 * @param csrfToken what every form and cookie-authenticated script of this session must send back
 */
public record Session(long id, Principal principal, String csrfToken) {
}
