package io.banwatch.collector.api;

import io.banwatch.model.Level;
import io.banwatch.model.Verdict;
import io.banwatch.collector.http.ApiError;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which hosts a list shows.
 *
 * @param level     a verdict (CLEAN and INCOMPLETE included), or null for all
 * @param profile   a profile, or null for all
 * @param search    part of a hostname or host id, or null
 * @param stale     only hosts not seen for the stale period
 * @param kaspersky only hosts where Kaspersky is installed now
 */
public record HostFilter(Verdict level, String profile, String search, boolean stale, boolean kaspersky) {

    public static HostFilter all() {
        return new HostFilter(null, null, null, false, false);
    }

    /** Validates the raw query parameters. */
    public static HostFilter parse(String level, String profile, String search, String stale, String kaspersky) {
        String lv = blankToNull(level);
        Verdict verdict = null;
        if (lv != null) {
            try {
                verdict = Verdict.valueOf(lv.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("invalid_filter", "level must be " + names(Verdict.values()) + ", not '"
                        + level + "'");
            }
        }
        String q = blankToNull(search);
        if (q != null && q.length() > 200) {
            throw ApiError.badRequest("invalid_filter", "search is longer than 200 characters");
        }
        return new HostFilter(verdict, blankToNull(profile), q, truthy(stale), truthy(kaspersky));
    }

    /**
     * A findings filter: a finding level, or null for all.
     *
     * @throws ApiError 400 for anything else, CLEAN and INCOMPLETE included (they apply to hosts)
     */
    public static Level findingLevel(String level) {
        String lv = blankToNull(level);
        if (lv == null) {
            return null;
        }
        try {
            return Level.valueOf(lv.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_filter", "a finding's level is " + names(Level.values()) + ", not '"
                    + level + "'" + (isVerdict(lv) ? " (that applies to hosts)" : ""));
        }
    }

    private static boolean isVerdict(String text) {
        return Arrays.stream(Verdict.values()).anyMatch(v -> v.name().equalsIgnoreCase(text));
    }

    /** "A, B or C". */
    private static String names(Enum<?>[] values) {
        String all = Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    private static boolean truthy(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("on"));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
