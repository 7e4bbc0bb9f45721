package io.banwatch.collector.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A request's query string, kept as it came (still encoded), with some parameters taken out or put in. */
final class QueryString {
    private QueryString() {
    }

    /** {@code query} without the parameters named in {@code names} ("" for none left). */
    static String without(String query, Set<String> names) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!names.contains(name)) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    /** {@code query} and one more parameter (its value already URL-safe). */
    static String with(String query, String name, String value) {
        String pair = name + "=" + value;
        return query == null || query.isEmpty() ? pair : query + "&" + pair;
    }
}
