package io.banwatch.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.banwatch.model.Software;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A report's {@code software} array read straight from the parser into records: the bulk of a
 * full report (hundreds of packages), which a tree of maps would only have held for a moment.
 *
 * <p>Errors name the same paths, and the report reports them in the same order, as the
 * field-by-field reading of the rest of the report ({@link JsonObject}): the first bad element's
 * error is kept and thrown when the report asks for the list, so a wrong schema version or a
 * missing host still wins over it.
 */
final class SoftwareArray {
    static final SoftwareArray ABSENT = new SoftwareArray(List.of(), null);

    /** Marks a field whose value was an object or an array where text belongs. */
    private static final String NOT_TEXT = new String("not text");

    private final List<Software> items;
    private final JsonFormatException error;

    private SoftwareArray(List<Software> items, JsonFormatException error) {
        this.items = items;
        this.error = error;
    }

    /** The packages, or the first element's error. */
    List<Software> items() {
        if (error != null) {
            throw error;
        }
        return items;
    }

    /** Reads the value that starts at {@code first} (the parser is on it) to its end. */
    static SoftwareArray read(JsonParser p, JsonToken first, TextPool pool) throws IOException {
        if (first == JsonToken.VALUE_NULL) {
            return ABSENT;
        }
        if (first != JsonToken.START_ARRAY) {
            p.skipChildren();
            return new SoftwareArray(List.of(), new JsonFormatException("software: expected an array"));
        }
        List<Software> items = new ArrayList<>();
        JsonFormatException error = null;
        JsonToken t;
        for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY; i++) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                if (error == null) {
                    error = new JsonFormatException("software[" + i + "]: expected a JSON object");
                }
                continue;
            }
            Element e = Element.read(p, pool);
            if (error == null) {
                try {
                    items.add(e.toSoftware("software[" + i + "]"));
                } catch (JsonFormatException bad) {
                    error = bad;
                }
            }
        }
        return new SoftwareArray(error == null ? items : List.of(), error);
    }

    /** One element's fields as read, checked only once the element has ended. */
    private static final class Element {
        String name;
        String version;
        String publisher;
        String source;
        String scope;
        String arch;
        String identifier;
        String installedOn;
        String location;

        static Element read(JsonParser p, TextPool pool) throws IOException {
            Element e = new Element();
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (field) {
                    case "name" -> e.name = text(p, t, pool);
                    case "version" -> e.version = text(p, t, pool);
                    case "publisher" -> e.publisher = text(p, t, pool);
                    case "source" -> e.source = text(p, t, pool);
                    case "scope" -> e.scope = text(p, t, pool);
                    case "arch" -> e.arch = text(p, t, pool);
                    case "identifier" -> e.identifier = text(p, t, pool);
                    case "installedOn" -> e.installedOn = text(p, t, pool);
                    case "location" -> e.location = text(p, t, pool);
                    default -> p.skipChildren();
                }
            }
            return e;
        }

        /** The checks, in the order and with the messages of {@link JsonObject#text} and friends. */
        Software toSoftware(String at) {
            String checkedName = required(at, "name", name);
            String checkedVersion = optional(at, "version", version);
            String checkedPublisher = optional(at, "publisher", publisher);
            String checkedSource = required(at, "source", source);
            String checkedScope = optional(at, "scope", scope);
            String checkedArch = optional(at, "arch", arch);
            String checkedIdentifier = optional(at, "identifier", identifier);
            LocalDate date = date(at, optional(at, "installedOn", installedOn));
            String checkedLocation = optional(at, "location", location);
            try {
                return new Software(checkedName, checkedVersion, checkedPublisher, checkedSource, checkedScope,
                        checkedArch, checkedIdentifier, date, checkedLocation);
            } catch (IllegalArgumentException e) {
                throw new JsonFormatException(at + ": " + e.getMessage(), e);
            }
        }

        private static String required(String at, String field, String value) {
            String checked = optional(at, field, value);
            if (checked == null || checked.isBlank()) {
                throw new JsonFormatException(at + "." + field + ": missing required field");
            }
            return checked;
        }

        @SuppressWarnings("StringEquality") // the marker is one instance, compared as such
        private static String optional(String at, String field, String value) {
            if (value == NOT_TEXT) {
                throw new JsonFormatException(at + "." + field + ": expected a string");
            }
            return value;
        }

        private static LocalDate date(String at, String text) {
            try {
                return text == null ? null : LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new JsonFormatException(at + ".installedOn: expected a date such as 2024-09-29");
            }
        }
    }

    /** A scalar as text, as {@link JsonTree} and {@link JsonObject#optText} would give it. */
    private static String text(JsonParser p, JsonToken t, TextPool pool) throws IOException {
        return switch (t) {
            case VALUE_STRING -> pool.text(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NULL -> null;
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue().toString() : Long.toString(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> Double.toString(p.getDoubleValue());
            default -> {
                p.skipChildren();
                yield NOT_TEXT;
            }
        };
    }
}
