package io.banwatch.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A JSON object read field by field, which knows its own path so that every error names it.
 *
 * <p>Unknown fields are ignored; a missing required field or a value of the wrong type is a
 * {@link JsonFormatException} such as {@code host.os.family: missing required field}.
 */
public final class JsonObject {
    private final Map<String, Object> node;
    private final String path;

    private JsonObject(Map<String, Object> node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Wraps a value (from {@link JsonTree}) that must be an object; {@code path} names it in errors ("" for the root). */
    @SuppressWarnings("unchecked")
    public static JsonObject of(Object value, String path) {
        if (!(value instanceof Map)) {
            throw new JsonFormatException(describe(path) + "expected a JSON object");
        }
        return new JsonObject((Map<String, Object>) value, path);
    }

    public String path() {
        return path;
    }

    public boolean has(String name) {
        return node.get(name) != null;
    }

    public String text(String name) {
        String value = optText(name);
        if (value == null || value.isBlank()) {
            throw missing(name);
        }
        return value;
    }

    public String optText(String name) {
        Object v = node.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw wrongType(name, "a string");
        }
        return v.toString();
    }

    public int integer(String name) {
        Object v = node.get(name);
        if (v == null) {
            throw missing(name);
        }
        if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw wrongType(name, "an integer");
        }
        return l.intValue();
    }

    public Integer optInteger(String name) {
        return has(name) ? integer(name) : null;
    }

    public Boolean optBoolean(String name) {
        Object v = node.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            throw wrongType(name, "true or false");
        }
        return b;
    }

    public Instant instant(String name) {
        Instant value = optInstant(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    public Instant optInstant(String name) {
        String text = optText(name);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw wrongType(name, "an ISO-8601 instant such as 2024-09-29T04:00:00Z");
        }
    }

    public LocalDate date(String name) {
        LocalDate value = optDate(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    public LocalDate optDate(String name) {
        String text = optText(name);
        try {
            return text == null ? null : isoDate(text);
        } catch (DateTimeException e) {
            throw wrongType(name, "a date such as 2024-09-29");
        }
    }

    /**
     * {@link LocalDate#parse}, with its usual form {@code yyyy-mm-dd} read by hand: the first parse
     * through {@code DateTimeFormatter} in a fresh JVM built the formatter, ~1 % of a scan's CPU
     * (the rule packs' milestone dates; issue 14). Same dates, same refusals ({@code LocalDate.of}
     * checks the month and the day as the strict ISO parse does).
     */
    private static LocalDate isoDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /** The ASCII digits text[from, to) as a number, or -1 when one is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public JsonObject object(String name) {
        if (!has(name)) {
            throw missing(name);
        }
        return of(node.get(name), child(name));
    }

    public JsonObject optObject(String name) {
        return has(name) ? object(name) : null;
    }

    /** Maps each element of an optional array of objects; an absent array is empty. */
    public <T> List<T> list(String name, Function<JsonObject, T> mapper) {
        Object raw = node.get(name);
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> v)) {
            throw wrongType(name, "an array");
        }
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            String at = child(name) + "[" + i + "]";
            JsonObject element = of(v.get(i), at);
            try {
                out.add(mapper.apply(element));
            } catch (IllegalArgumentException e) {
                throw new JsonFormatException(at + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** An optional array of strings; an absent array is empty. */
    public List<String> texts(String name) {
        Object raw = node.get(name);
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> v)) {
            throw wrongType(name, "an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!(v.get(i) instanceof String e)) {
                throw new JsonFormatException(child(name) + "[" + i + "]: expected a string");
            }
            out.add(e);
        }
        return out;
    }

    /** The members of an object-valued field, in document order. */
    public List<Map.Entry<String, JsonObject>> members(String name) {
        JsonObject obj = optObject(name);
        if (obj == null) {
            return List.of();
        }
        List<Map.Entry<String, JsonObject>> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : obj.node.entrySet()) {
            out.add(Map.entry(e.getKey(), of(e.getValue(), obj.child(e.getKey()))));
        }
        return out;
    }

    /** Runs a constructor and turns its IllegalArgumentException into an error naming this object. */
    public <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new JsonFormatException(describe(path) + e.getMessage(), e);
        }
    }

    public JsonFormatException error(String field, String message) {
        return new JsonFormatException(child(field) + ": " + message);
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonFormatException missing(String name) {
        return new JsonFormatException(child(name) + ": missing required field");
    }

    private JsonFormatException wrongType(String name, String expected) {
        return new JsonFormatException(child(name) + ": expected " + expected);
    }

    private static String describe(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }
}
