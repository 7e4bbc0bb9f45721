package io.banwatch.collector;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The one line {@code banwatch-server} prints for a command that failed: picocli's messages made
 * plain (no quoted {@code '--role=ROLE'} lists, no full stop before our own hint), and never a
 * multi-line or empty message.
 */
final class CliErrors {
    private CliErrors() {
    }

    /** A usage error: what was wrong with the command line. */
    static String usage(CommandLine.ParameterException e) {
        CommandLine where = e.getCommandLine();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                return "unknown option " + arg;
            }
            if (!where.getSubcommands().isEmpty()) {
                return "unknown command '" + arg + "'; commands: " + String.join(", ", where.getSubcommands().keySet());
            }
            return "unexpected argument '" + arg + "'";
        }
        if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            List<String> missing = new ArrayList<>();
            for (ArgSpec a : m.getMissing()) {
                missing.add(a instanceof OptionSpec o ? o.longestName() + " " + o.paramLabel() : a.paramLabel());
            }
            return "missing " + and(missing);
        }
        if (e.getArgSpec() != null && e.getValue() != null && isNumber(e.getArgSpec().type())) {
            String name = e.getArgSpec() instanceof OptionSpec o ? o.longestName() : e.getArgSpec().paramLabel();
            return name + " must be a whole number, not '" + e.getValue() + "'";
        }
        return plain(e.getMessage());
    }

    /** A command that ran and failed: its message (which names what failed), on one line. */
    static String message(Exception e) {
        return plain(e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static boolean isNumber(Class<?> type) {
        return type == int.class || type == long.class || type == Integer.class || type == Long.class;
    }

    private static String and(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** One line, without the full stop picocli ends some messages with, first letter as ours are. */
    private static String plain(String message) {
        String m = message.replaceAll("\\s+", " ").strip();
        while (m.endsWith(".") || m.endsWith(":")) {
            m = m.substring(0, m.length() - 1).strip();
        }
        if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))) {
            m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        }
        return m;
    }
}
