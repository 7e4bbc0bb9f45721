package io.banwatch.agent.cli;

import java.util.ArrayList;
import java.util.List;

/** Help text for people: usage line, description, options with wrapped descriptions, exit codes. */
final class Usage {
    private static final int WIDTH = 80;
    private static final String EXIT_CODES = """

            Exit codes:
              0   no findings at or above --fail-on (other commands: done)
              1   findings at or above --fail-on
              2   usage error or failure
            """;

    private Usage() {
    }

    static String of(List<Subcommand> commands, String summary) {
        StringBuilder s = new StringBuilder();
        s.append("Usage: banwatch [-h | -V] COMMAND [OPTIONS]\n").append(wrap(summary, "")).append("\nCommands:\n");
        for (Subcommand c : commands) {
            appendEntry(s, c.name(), c.description(), 10);
        }
        s.append("\nOptions:\n");
        appendEntry(s, "-h, --help", "Show this help and exit.", 16);
        appendEntry(s, "-V, --version", "Print the version and exit.", 16);
        s.append("\nRun 'banwatch COMMAND --help' for a command's options.\n").append(EXIT_CODES);
        return s.toString();
    }

    static String of(Subcommand command) {
        StringBuilder s = new StringBuilder();
        s.append("Usage: banwatch ").append(command.name()).append(" [OPTIONS]\n")
                .append(wrap(command.description(), "")).append("\nOptions:\n");
        List<String[]> rows = new ArrayList<>();
        for (Option o : command.options()) {
            rows.add(new String[] {"    " + o.name() + (o.takesValue() ? " " + o.label() : ""), o.description()});
        }
        rows.add(new String[] {"-h, --help", "Show this help and exit."});
        rows.add(new String[] {"-V, --version", "Print the version and exit."});
        int column = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
        for (String[] row : rows) {
            appendEntry(s, row[0], row[1], column);
        }
        return s.append(EXIT_CODES).toString();
    }

    private static void appendEntry(StringBuilder s, String term, String description, int column) {
        String first = "  " + term;
        s.append(wrap(first + " ".repeat(Math.max(1, 2 + column - first.length())) + description,
                " ".repeat(2 + column)));
    }

    /** Words wrapped at {@link #WIDTH}; continuation lines start with {@code indent}. */
    private static String wrap(String text, String indent) {
        StringBuilder s = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("(?<=\\S) (?=\\S)")) {
            if (line.length() + word.length() > WIDTH && line.toString().strip().length() > 0
                    && line.length() > indent.length()) {
                s.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder(indent);
            }
            line.append(word).append(' ');
        }
        return s.append(line.toString().stripTrailing()).append('\n').toString();
    }
}
