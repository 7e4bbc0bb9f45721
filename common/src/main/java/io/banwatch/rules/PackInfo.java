package io.banwatch.rules;

/**
 * What an auditor needs to know of a rule pack (or the security catalog) in force: which one,
 * which version, from where, and the SHA-256 of the exact file.
 *
 * @param id      the pack's id, e.g. {@code kaspersky-us}
 * @param title   its title
 * @param version its own version
 * @param origin  where it was loaded from: {@code seeds/kaspersky-us.json}, a file path
 * @param sha256  the SHA-256 (hex) of the bytes it was loaded from
 */
public record PackInfo(String id, String title, String version, String origin, String sha256) {
}
