package io.banwatch.collector.db;

import java.util.Locale;

/** A case-insensitive "contains" search with {@code LIKE}, the same on SQLite and PostgreSQL. */
public final class Like {
    /** Follows {@code LOWER(column) LIKE ?}: backslash escapes the wildcards in the search. */
    public static final String ESCAPE = " ESCAPE '\\'";

    private Like() {
    }

    /** The pattern for text containing {@code search}, its own {@code %} and {@code _} taken literally. */
    public static String containing(String search) {
        return "%" + search.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
