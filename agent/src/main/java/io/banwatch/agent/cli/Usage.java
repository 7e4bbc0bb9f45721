package io.banwatch.agent.cli;

import java.util.ArrayList;
import java.util.List;

/** Help text for people: usage line, description, options with wrapped descriptions, exit codes. */
final class Usage {
    private static final int WIDTH = 80;
    private static final List<Code> EXIT_CODES = List.of(
            new Code(ExitCode.CLEAN, "done; for scan: no findings at or above --fail-on, and a complete scan"),
            new Code(ExitCode.FINDINGS, "scan: findings at or above --fail-on"),
            new Code(ExitCode.ERROR, "usage error or failure"),
            new Code(ExitCode.INCOMPLETE, "scan: nothing at or above --fail-on, but a source it needs could not be"
                    + " read"));

    /** One exit code of a command and what it means there. */
    record Code(int code, String meaning) {
    }

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
        s.append('\n').append(wrap("Run 'banwatch COMMAND --help' (or 'banwatch help COMMAND') for a command's"
                + " options and exit codes.", ""));
        return appendExitCodes(s, EXIT_CODES).toString();
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
        return appendExitCodes(s, command.exitCodes()).toString();
    }

    private static StringBuilder appendExitCodes(StringBuilder s, List<Code> codes) {
        s.append("\nExit codes:\n");
        for (Code c : codes) {
            s.append(wrap("  " + c.code() + "   " + c.meaning(), "      "));
        }
        return s;
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
