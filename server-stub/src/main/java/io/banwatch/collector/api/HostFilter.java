package io.banwatch.collector.api;

import io.banwatch.model.Choices;
import io.banwatch.model.Level;
import io.banwatch.model.Verdict;
import io.banwatch.collector.http.ApiError;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Which hosts a list shows.
 *
 * @param level     a verdict (CLEAN and INCOMPLETE included), or null for all
 * @param profile   a profile, or null for all
 * @param search    part of a hostname or host id, or null
 * @param stale     only hosts not seen for the stale period
 * @param kaspersky only hosts where Kaspersky is installed now
 * @param product   only hosts with a finding of this product (its exact name), or null
 * @param milestone only hosts with a finding under this milestone (its id), or null
 * @param retired   hosts in service (the default), retired ones, or both
 */
public record HostFilter(Verdict level, String profile, String search, boolean stale, boolean kaspersky,
                         String product, String milestone, RetiredFilter retired) {

    public static HostFilter all() {
        return new HostFilter(null, null, null, false, false, null, null, RetiredFilter.ACTIVE);
    }

    /**
     * Validates a request's query parameters, read by name: {@code level}, {@code profile}, {@code q},
     * {@code stale}, {@code kaspersky}, {@code product}, {@code milestone}, {@code retired}.
     */
    public static HostFilter from(UnaryOperator<String> param) {
        HostFilter f = parse(param.apply("level"), param.apply("profile"), param.apply("q"), param.apply("stale"),
                param.apply("kaspersky"));
        return new HostFilter(f.level(), f.profile(), f.search(), f.stale(), f.kaspersky(),
                name(param.apply("product"), "product"), name(param.apply("milestone"), "milestone"),
                RetiredFilter.parse(param.apply("retired")));
    }

    /** True when anything is filtered on (the default "in service only" is not). */
    public boolean filtered() {
        return level != null || profile != null || search != null || stale || kaspersky || product != null
                || milestone != null || retired != RetiredFilter.ACTIVE;
    }

    /** True when anything besides "stale" is filtered on (the header's "Stale hosts" page is stale alone). */
    public boolean filteredBesidesStale() {
        return new HostFilter(level, profile, search, false, kaspersky, product, milestone, retired).filtered();
    }

    /** A product or milestone filter: its exact text, at most 300 characters. */
    static String name(String value, String what) {
        String v = blankToNull(value);
        if (v != null && v.length() > 300) {
            throw ApiError.badRequest("invalid_filter", what + " is longer than 300 characters");
        }
        return v;
    }

    /** Validates the raw query parameters of the first filters. */
    public static HostFilter parse(String level, String profile, String search, String stale, String kaspersky) {
        String lv = blankToNull(level);
        Verdict verdict = null;
        if (lv != null) {
            try {
                verdict = Verdict.valueOf(lv.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("invalid_filter", "level must be " + Choices.oneOf(Verdict.values()) + ", not '"
                        + level + "'");
            }
        }
        String q = blankToNull(search);
        if (q != null && q.length() > 200) {
            throw ApiError.badRequest("invalid_filter", "search is longer than 200 characters");
        }
        return new HostFilter(verdict, blankToNull(profile), q, truthy(stale), truthy(kaspersky), null, null,
                RetiredFilter.ACTIVE);
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
            throw ApiError.badRequest("invalid_filter", "a finding's level is " + Level.choices() + ", not '"
                    + level + "'" + (isVerdict(lv) ? " (that applies to hosts)" : ""));
        }
    }

    private static boolean isVerdict(String text) {
        return Arrays.stream(Verdict.values()).anyMatch(v -> v.name().equalsIgnoreCase(text));
    }

    static boolean truthy(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("on"));
    }

    static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
