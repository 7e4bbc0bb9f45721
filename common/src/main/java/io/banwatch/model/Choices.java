package io.banwatch.model;

import java.util.ArrayList;
import java.util.List;

/** "A, B or C": how an error lists the values one may write, the agent's and the collector's alike. */
public final class Choices {
    private Choices() {
    }

    /** The choices in the order given: "A", "A or B", "A, B or C"; "" for none. */
    public static String oneOf(List<String> choices) {
        int n = choices.size();
        if (n <= 1) {
            return n == 0 ? "" : choices.get(0);
        }
        return String.join(", ", choices.subList(0, n - 1)) + " or " + choices.get(n - 1);
    }

    /** The constants' names in declaration order. */
    public static String oneOf(Enum<?>[] constants) {
        List<String> names = new ArrayList<>(constants.length);
        for (Enum<?> c : constants) {
            names.add(c.name());
        }
        return oneOf(names);
    }
}
