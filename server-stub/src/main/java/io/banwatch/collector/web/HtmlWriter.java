package io.banwatch.collector.web;

/**
 * Builds HTML where every value is escaped: {@link #raw} takes only the page's own markup
 * (string literals in this package), {@link #text} takes anything that came from data.
 * Keeping the two apart is what makes a package named {@code <script>} harmless.
 */
final class HtmlWriter {
    private final StringBuilder out = new StringBuilder(8192);

    /** Markup written by us, never data. */
    HtmlWriter raw(String markup) {
        out.append(markup);
        return this;
    }

    /** A value from data, escaped for element content and quoted attribute values alike. */
    HtmlWriter text(Object value) {
        out.append(escape(value == null ? "" : value.toString()));
        return this;
    }

    /** {@code <tag>value</tag>} with the value escaped. */
    HtmlWriter el(String tag, Object value) {
        return raw("<" + tag + ">").text(value).raw("</" + tag.split(" ", 2)[0] + ">");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '`' -> b.append("&#96;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
