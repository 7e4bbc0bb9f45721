package io.banwatch.collector.packs;

/**
 * A rule pack an administrator added at the collector, as stored.
 *
 * @param id      the pack's id (a finding's rule id starts with it)
 * @param title   its title
 * @param version its own version
 * @param sha256  the SHA-256 (hex) of {@code content}
 * @param content the file's exact bytes
 * @param addedBy who added this version, as the audit log describes them
 * @param addedAt when (epoch ms)
 */
public record StoredPack(String id, String title, String version, String sha256, byte[] content, String addedBy,
                         long addedAt) {
}
