package io.banwatch.agent.inventory.windows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient reading of Windows PowerShell 5.1 {@code ConvertTo-Json} output.
 *
 * <p>PS 5.1 prints one result as a bare object and several as an array, nulls for missing values,
 * enums as numbers and dates as {@code "\/Date(1741657938000)\/"}. Every accessor here returns
 * null for a value that is missing, null or of an unexpected type, so one odd entry can never
 * fail a whole section; only text that is not JSON at all does.
 */
final class PowerShellJson {
    // ObjectReader is immutable and thread-safe, so one shared instance is no mutable state.
    private static final ObjectReader READER = new ObjectMapper().reader();
    private static final Pattern MS_DATE = Pattern.compile("^/Date\\((-?\\d+)([+-]\\d{4})?\\)/$");

    private PowerShellJson() {
    }

    /**
     * Maps every object of a section with {@code mapper}, skipping entries that are not objects,
     * that the mapper rejects (returns null) or that it cannot read (throws).
     *
     * @throws IllegalArgumentException when the text is not JSON, or is JSON but neither object nor array
     */
    static <T> List<T> each(String json, Function<JsonNode, T> mapper) {
        List<T> out = new ArrayList<>();
        for (JsonNode item : objects(json)) {
            try {
                T value = mapper.apply(item);
                if (value != null) {
                    out.add(value);
                }
            } catch (RuntimeException malformedEntry) {
                // One unreadable entry must not hide the others.
            }
        }
        return out;
    }

    /** The objects of a section: none for empty text, one for an object, the objects of an array. */
    static List<JsonNode> objects(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            return List.of();
        }
        if (root.isObject()) {
            return List.of(root);
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("malformed JSON: expected an object or an array, got "
                    + root.getNodeType());
        }
        List<JsonNode> out = new ArrayList<>(root.size());
        for (JsonNode item : root) {
            if (item.isObject()) {
                out.add(item);
            }
        }
        return out;
    }

    /** A string, number or boolean as trimmed text; null when missing, blank or not a scalar. */
    static String text(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || !v.isValueNode() || v.isNull()) {
            return null;
        }
        String text = v.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** A whole number, also from numeric text ("1"); null otherwise. */
    static Long number(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A boolean, also from the text "True"/"False"; null otherwise. */
    static Boolean bool(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            String t = v.asText().strip();
            if (t.equalsIgnoreCase("true")) {
                return true;
            }
            if (t.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return null;
    }

    /**
     * A date as PS 5.1 prints it ({@code /Date(ms)/}, milliseconds since the epoch in UTC) or as
     * PowerShell 7 does (ISO 8601 with an offset); null otherwise.
     */
    static Instant date(JsonNode object, String field) {
        String text = text(object, field);
        if (text == null) {
            return null;
        }
        Matcher m = MS_DATE.matcher(text);
        if (m.matches()) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
