package io.banwatch.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JSON document into plain Java values — {@code Map} (document order), {@code List},
 * {@code String}, {@code Long}/{@code Double}/{@code BigInteger}, {@code Boolean}, {@code null} —
 * with jackson-core's streaming parser only. Databind's tree model would do the same but loads
 * some three hundred classes; the agent reads its rule packs and reports on every start.
 */
public final class JsonTree {
    private static final int MAX_DEPTH = 64;

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /** The root value, or {@link Missing#INSTANCE} for an empty document. */
    public Object read(byte[] json) throws JsonProcessingException {
        try (JsonParser p = factory.createParser(json)) {
            return root(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Object read(InputStream in) throws IOException {
        try (JsonParser p = factory.createParser(in)) {
            return root(p);
        }
    }

    /** A parser with this reader's limits, for readers that stream part of a document themselves. */
    JsonParser parser(byte[] json) throws IOException {
        return factory.createParser(json);
    }

    JsonParser parser(InputStream in) throws IOException {
        return factory.createParser(in);
    }

    /**
     * What is wrong with a document the parser refused, in one line for people: where, and what in
     * plain words, e.g. {@code malformed JSON at line 3, column 3: unexpected character 'o'}.
     * Jackson's own message is left out: it names parser internals and may span lines.
     */
    public static String syntaxError(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "malformed JSON: nested more than " + MAX_DEPTH + " levels deep";
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "malformed JSON"
                : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String what = reason(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        return what == null ? where : where + ": " + what;
    }

    /** Jackson's message in plain words, or null when it is none of the usual ones (compiled here: errors are rare). */
    private static String reason(String message) {
        if (message.startsWith("Unexpected character")) {
            Matcher m = Pattern.compile("^Unexpected character \\('.' \\(code (\\d+)\\)\\)").matcher(message);
            int code = m.find() ? Integer.parseInt(m.group(1)) : 0;
            return code > 0x20 && code < 0x7F ? "unexpected character '" + (char) code + "'" : "unexpected character";
        }
        Matcher m = Pattern.compile("^Unrecognized token '([\\p{L}\\p{N}_.+-]{1,40})'").matcher(message);
        if (m.find()) {
            return "unexpected text '" + m.group(1) + "'";
        }
        m = Pattern.compile("^Unexpected close marker '([\\]}])'").matcher(message);
        if (m.find()) {
            return "unexpected '" + m.group(1) + "'";
        }
        if (message.startsWith("Unexpected end-of-input") || message.startsWith("Unexpected EOF")) {
            return "the file ends before the JSON is complete";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "a control character inside a string (write it escaped, e.g. \\t)";
        }
        if (message.startsWith("Illegal character")) {
            return "a control character between values";
        }
        if (message.startsWith("Unrecognized character escape")) {
            return "an unknown escape sequence in a string";
        }
        if (message.startsWith("Invalid numeric value") || message.startsWith("Non-standard token")) {
            return "an invalid number";
        }
        if (message.startsWith("Invalid UTF-8")) {
            return "not UTF-8 text";
        }
        return null;
    }

    /** Marks a document with no value at all. */
    public enum Missing { INSTANCE }

    private static Object root(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        return t == null ? Missing.INSTANCE : value(p, t);
    }

    /** The value that starts at token {@code t}, read to its end. */
    static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(value(p, next));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonFormatException("unexpected JSON token " + t);
        }
    }
}
