package io.banwatch.model;

import java.util.StringJoiner;

/**
 * The one generator of the collector's SQL ranking of a level or verdict column: the enum's own
 * order becomes a {@code CASE}, so no SQL spells the order out by hand.
 */
final class SqlRank {
    private SqlRank() {
    }

    /** {@code CASE column WHEN 'A' THEN 0 ... ELSE n END}: anything not a constant's name (or NULL) ranks last. */
    static String of(String column, Enum<?>[] order) {
        StringJoiner sql = new StringJoiner(" ", "CASE " + column + " ", " ELSE " + order.length + " END");
        for (Enum<?> e : order) {
            sql.add("WHEN '" + e.name() + "' THEN " + e.ordinal());
        }
        return sql.toString();
    }
}
