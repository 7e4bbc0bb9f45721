package io.banwatch.model;

import java.util.List;

/** Null checks and defensive copies shared by the records' compact constructors. */
final class Required {
    private Required() {
    }

    static <T> T field(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + name + "'");
        }
        return value;
    }

    static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required field '" + name + "'");
        }
        return value;
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
