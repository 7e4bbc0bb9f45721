package io.banwatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cheap pre-check for a regular expression: the literal texts one of which any match must
 * contain (or start with, for an anchored alternative). Most inventory names contain no vendor
 * keyword at all, so most regexes never run. Derived only where it is certainly right: each
 * top-level alternative must begin (after an optional {@code ^} or {@code \b}) with at least
 * three literal characters, or with a group, not optional, each of whose alternatives does
 * ({@code ^(mcafee|trellix) } gives "mcafee" and "trellix"); otherwise there is no hint and the
 * regex always runs.
 *
 * @param literals one per top-level alternative, lower case
 * @param anchored per alternative: true when it starts with {@code ^} (the value must start with it)
 */
record LiteralHint(List<String> literals, List<Boolean> anchored) {
    private static final int MIN_LITERAL = 3;

    /** True unless the value certainly cannot match. */
    boolean mayMatch(String lowerValue) {
        for (int i = 0; i < literals.size(); i++) {
            if (anchored.get(i) ? lowerValue.startsWith(literals.get(i)) : lowerValue.contains(literals.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The hint for a pattern, or null when none can be derived safely. */
    static LiteralHint of(String regex) {
        List<String> alternatives = topLevelAlternatives(regex);
        if (alternatives == null) {
            return null;
        }
        List<String> literals = new ArrayList<>();
        List<Boolean> anchored = new ArrayList<>();
        for (String alt : alternatives) {
            boolean caret = alt.startsWith("^");
            List<String> leading = leadingLiterals(caret ? alt.substring(1) : alt);
            if (leading == null) {
                return null;
            }
            for (String lit : leading) {
                literals.add(lit);
                anchored.add(caret);
            }
        }
        return new LiteralHint(List.copyOf(literals), List.copyOf(anchored));
    }

    /** The literals one of which an alternative must begin with, lower case; null when unsure. */
    private static List<String> leadingLiterals(String alt) {
        String rest = alt.startsWith("\\b") ? alt.substring(2) : alt;
        if (rest.startsWith("(")) {
            // A leading group: one literal per inner alternative, unless the group may be skipped.
            int close = closingParen(rest);
            if (close < 0 || (close + 1 < rest.length() && "?*{".indexOf(rest.charAt(close + 1)) >= 0)) {
                return null;
            }
            List<String> inner = topLevelAlternatives(rest.substring(1, close));
            if (inner == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (String in : inner) {
                List<String> lits = in.startsWith("^") ? null : leadingLiterals(in);
                if (lits == null) {
                    return null;
                }
                out.addAll(lits);
            }
            return out;
        }
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_') {
                // A quantifier after this char would make it optional: stop before it.
                if (i + 1 < rest.length() && "?*{".indexOf(rest.charAt(i + 1)) >= 0) {
                    break;
                }
                lit.append(c);
            } else if (c == '\\' && i + 1 < rest.length() && ".-/".indexOf(rest.charAt(i + 1)) >= 0) {
                if (i + 2 < rest.length() && "?*{".indexOf(rest.charAt(i + 2)) >= 0) {
                    break;
                }
                lit.append(rest.charAt(++i));
            } else {
                break;
            }
        }
        return lit.length() < MIN_LITERAL ? null : List.of(lit.toString().toLowerCase(Locale.ROOT));
    }

    /** The index of the ')' closing the group that opens {@code regex}, or -1. */
    private static int closingParen(String regex) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Splits on '|' outside groups and classes; null when the pattern uses inline flags or lookbehind. */
    private static List<String> topLevelAlternatives(String regex) {
        if (regex.contains("(?")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        out.add(regex.substring(start));
        return out;
    }
}
