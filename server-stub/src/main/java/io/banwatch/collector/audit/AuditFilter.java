package io.banwatch.collector.audit;

import java.util.function.Function;

/**
 * Which audit-log entries to list: one action ({@code host.retire}), and actors whose name
 * contains a text (case-insensitive). Either may be absent.
 *
 * @param action an action exactly, or null for all
 * @param actor  text the actor's name contains, or null for all
 */
public record AuditFilter(String action, String actor) {
    /** Longer searches are cut: no actor's name or action is longer than the columns allow. */
    public static final int MAX_TEXT = 200;
    public static final AuditFilter ALL = new AuditFilter(null, null);

    public AuditFilter {
        action = clean(action);
        actor = clean(actor);
    }

    /** From the query parameters {@code action} and {@code actor}. */
    public static AuditFilter from(Function<String, String> param) {
        return new AuditFilter(param.apply("action"), param.apply("actor"));
    }

    public boolean any() {
        return action != null || actor != null;
    }

    private static String clean(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
    }
}
