package io.banwatch.rules;

/**
 * A rule pack or catalog that cannot be used; the message names the file, the rule and the field.
 *
 * <p>The message is always one line: it quotes the user's file name and values (ids, patterns),
 * which may hold line breaks or other control characters, so those are written escaped
 * ({@code \n}, {@code \u2028}) rather than printed.
 */
public class RulePackException extends RuntimeException {
    public RulePackException(String message) {
        super(oneLine(message));
    }

    public RulePackException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Control, line-separator and format characters (bidirectional overrides too) escaped. */
    static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            int type = Character.getType(c);
            boolean escape = type == Character.CONTROL || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
            if (escape && out == null) {
                out = new StringBuilder(message.length() + 8).append(message, 0, i);
            }
            if (!escape) {
                if (out != null) {
                    out.append(c);
                }
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out == null ? message : out.toString();
    }
}
