package io.banwatch.collector.api;

import io.banwatch.collector.http.ApiError;

import java.util.Locale;

/** Whether a list shows retired hosts: by default it does not. */
public enum RetiredFilter {
    /** Hosts in service only (the default). */
    ACTIVE(""),
    /** Retired hosts only. */
    RETIRED("only"),
    /** Both. */
    ALL("all");

    private final String param;

    RetiredFilter(String param) {
        this.param = param;
    }

    /** The {@code retired} query value that asks for this ("" for the default). */
    public String param() {
        return param;
    }

    /**
     * {@code retired=}: absent, {@code no} or {@code 0} for hosts in service; {@code only}, {@code yes} or {@code 1}
     * for retired ones; {@code all} for both.
     */
    public static RetiredFilter parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "no", "0", "false" -> ACTIVE;
            case "only", "yes", "1", "true", "on" -> RETIRED;
            case "all", "any" -> ALL;
            default -> throw ApiError.badRequest("invalid_filter", "retired must be only, all or no, not '" + value + "'");
        };
    }

    /** The SQL condition on the hosts table's {@code retired_at} (with the given alias prefix), or null for none. */
    String sql(String alias) {
        return switch (this) {
            case ACTIVE -> alias + "retired_at IS NULL";
            case RETIRED -> alias + "retired_at IS NOT NULL";
            case ALL -> null;
        };
    }
}
