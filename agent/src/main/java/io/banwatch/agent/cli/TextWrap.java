package io.banwatch.agent.cli;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping for the readable output; a word longer than the width (a URL) keeps a line of its own. */
final class TextWrap {
    private TextWrap() {
    }

    /** {@code text} in lines of at most {@code width} characters, split at spaces. */
    static List<String> lines(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        out.add(line.toString());
        return out;
    }

    /**
     * {@code first} then {@code text}, wrapped at {@code width}; continuation lines are indented
     * as far as {@code first} is long, so the text keeps its column.
     */
    static String hanging(String first, String text, int width) {
        List<String> lines = lines(text, Math.max(20, width - first.length()));
        String indent = " ".repeat(first.length());
        StringBuilder s = new StringBuilder(first).append(lines.get(0)).append('\n');
        for (String l : lines.subList(1, lines.size())) {
            s.append(indent).append(l).append('\n');
        }
        return s.toString();
    }
}
