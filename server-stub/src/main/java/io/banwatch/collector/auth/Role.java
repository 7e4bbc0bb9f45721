package io.banwatch.collector.auth;

import java.util.Locale;

/** Who a token belongs to, and so what it may do. */
public enum Role {
    /** An enrolled agent: may send reports for its own host, nothing else. */
    HOST("h"),
    /** A compliance officer: reads everything, changes nothing. */
    VIEWER("v"),
    /** An administrator: reads everything and manages tokens. */
    ADMIN("a");

    private final String prefix;

    Role(String prefix) {
        this.prefix = prefix;
    }

    /** The letter in a token's prefix ({@code bw_v_...}), so a leaked token is recognisable. */
    String prefix() {
        return prefix;
    }

    public boolean canRead() {
        return this == VIEWER || this == ADMIN;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromJson(String text) {
        for (Role r : values()) {
            if (r.jsonName().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (expected host, viewer or admin)");
    }
}
