package io.banwatch.collector.api;

import io.banwatch.model.Level;

import java.util.function.UnaryOperator;

/**
 * Which findings a list or an export shows: by the finding (level, profile, product, milestone)
 * and by its host (search, stale, retired).
 *
 * @param level     a finding level, or null for all
 * @param profile   the profile it was judged under, or null
 * @param product   the product's exact name, or null
 * @param milestone the milestone's id, or null
 * @param search    part of the host's name or id, or null
 * @param stale     only findings of hosts not seen for the stale period
 * @param retired   findings of hosts in service (the default), of retired ones, or both
 */
public record FindingFilter(Level level, String profile, String product, String milestone, String search,
                            boolean stale, RetiredFilter retired) {

    public static FindingFilter all() {
        return new FindingFilter(null, null, null, null, null, false, RetiredFilter.ACTIVE);
    }

    public static FindingFilter level(Level level) {
        return new FindingFilter(level, null, null, null, null, false, RetiredFilter.ACTIVE);
    }

    /**
     * Validates a request's query parameters, read by name: {@code level}, {@code profile},
     * {@code product}, {@code milestone}, {@code q}, {@code stale}, {@code retired}.
     */
    public static FindingFilter from(UnaryOperator<String> param) {
        String q = HostFilter.name(param.apply("q"), "search");
        if (q != null && q.length() > 200) {
            throw io.banwatch.collector.http.ApiError.badRequest("invalid_filter", "search is longer than 200 characters");
        }
        return new FindingFilter(HostFilter.findingLevel(param.apply("level")), HostFilter.blankToNull(param.apply("profile")),
                HostFilter.name(param.apply("product"), "product"), HostFilter.name(param.apply("milestone"), "milestone"),
                q, HostFilter.truthy(param.apply("stale")), RetiredFilter.parse(param.apply("retired")));
    }

    /** True when anything is filtered on (the default "hosts in service only" is not). */
    public boolean filtered() {
        return level != null || profile != null || product != null || milestone != null || search != null || stale
                || retired != RetiredFilter.ACTIVE;
    }
}
