package io.banwatch.collector.api;

import io.banwatch.model.Level;
import io.banwatch.collector.http.ApiError;

import java.util.Locale;

/**
 * Which hosts a list shows.
 *
 * @param level   a level, {@code clean} for hosts without findings, or null for all
 * @param profile a profile, or null for all
 * @param search  part of a hostname or host id, or null
 * @param stale   only hosts not seen for the stale period
 * @param kaspersky only hosts where Kaspersky is installed now
 */
public record HostFilter(String level, String profile, String search, boolean stale, boolean kaspersky) {
    public static final String CLEAN = "clean";

    public static HostFilter all() {
        return new HostFilter(null, null, null, false, false);
    }

    /** Validates the raw query parameters. */
    public static HostFilter parse(String level, String profile, String search, String stale, String kaspersky) {
        String lv = blankToNull(level);
        if (lv != null) {
            lv = lv.toUpperCase(Locale.ROOT);
            if (lv.equals("CLEAN")) {
                lv = CLEAN;
            } else {
                try {
                    Level.valueOf(lv);
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest("invalid_filter",
                            "level must be VIOLATION, DEADLINE, RISK, INFO or clean, not '" + level + "'");
                }
            }
        }
        String q = blankToNull(search);
        if (q != null && q.length() > 200) {
            throw ApiError.badRequest("invalid_filter", "search is longer than 200 characters");
        }
        return new HostFilter(lv, blankToNull(profile), q, truthy(stale), truthy(kaspersky));
    }

    private static boolean truthy(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("on"));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
