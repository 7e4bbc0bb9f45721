package io.banwatch.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON form of evidence: {@code {"kind", "source", "name", "location", "detail"}} in that
 * order. Reports, the collector's stored findings and alert payloads all write it here; the stored
 * form's bytes feed the collector's findings hash, so its order and its omitted nulls are fixed.
 * Streaming (jackson-core only), so the agent's scan path stays free of jackson-databind.
 */
public final class EvidenceJson {
    private static final JsonFactory JSON = new JsonFactory();

    /** The fields of one stored item as written; null where absent. Nothing is checked. */
    public record Fields(String kind, String source, String name, String location, String detail) {
    }

    private EvidenceJson() {
    }

    /**
     * Writes {@code name: [ ... ]}, or a bare array when {@code name} is null. {@code nulls} writes
     * absent location and detail as JSON null (the alert payload's fixed shape) instead of leaving them out.
     */
    public static void writeArray(JsonGenerator g, String name, List<Evidence> evidence, boolean nulls) throws IOException {
        if (name == null) {
            g.writeStartArray();
        } else {
            g.writeArrayFieldStart(name);
        }
        for (Evidence e : evidence) {
            writeItem(g, e.kind().jsonName(), e.source(), e.name(), e.location(), e.detail(), nulls);
        }
        g.writeEndArray();
    }

    /** {@link #writeArray} for items read back as written (an export of stored evidence); nulls written out. */
    public static void writeFieldsArray(JsonGenerator g, String name, List<Fields> items) throws IOException {
        g.writeArrayFieldStart(name);
        for (Fields f : items) {
            writeItem(g, f.kind(), f.source(), f.name(), f.location(), f.detail(), true);
        }
        g.writeEndArray();
    }

    private static void writeItem(JsonGenerator g, String kind, String source, String name, String location,
                                  String detail, boolean nulls) throws IOException {
        g.writeStartObject();
        optional(g, "kind", kind, nulls);
        optional(g, "source", source, nulls);
        optional(g, "name", name, nulls);
        optional(g, "location", location, nulls);
        optional(g, "detail", detail, nulls);
        g.writeEndObject();
    }

    /** The stored form: a compact array, absent fields left out. */
    public static String toJson(List<Evidence> evidence) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeArray(g, null, evidence, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads a stored array's items as written, for readers that decide themselves what an odd item
     * means; unknown fields are skipped.
     *
     * @throws IOException when the text is not a JSON array of objects
     */
    public static List<Fields> readFields(String json) throws IOException {
        List<Fields> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a JSON array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String kind = null, source = null, name = null, location = null, detail = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value.isStructStart()) {
                        p.skipChildren();
                        continue;
                    }
                    String text = value == JsonToken.VALUE_NULL ? null : p.getText();
                    switch (field) {
                        case "kind" -> kind = text;
                        case "source" -> source = text;
                        case "name" -> name = text;
                        case "location" -> location = text;
                        case "detail" -> detail = text;
                        default -> { }
                    }
                }
                out.add(new Fields(kind, source, name, location, detail));
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw new IOException("expected evidence objects in the array");
            }
        }
        return out;
    }

    /** The stored items that are valid evidence; an unknown kind or a blank name is left out. */
    public static List<Evidence> readValid(String json) throws IOException {
        List<Evidence> out = new ArrayList<>();
        for (Fields f : readFields(json)) {
            try {
                out.add(new Evidence(EvidenceKind.fromJson(f.kind()), f.source(), f.name(), f.location(), f.detail()));
            } catch (IllegalArgumentException unreadable) {
                // an unknown kind or a missing name: the caller still has the rest
            }
        }
        return out;
    }

    private static void optional(JsonGenerator g, String field, String value, boolean nulls) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        } else if (nulls) {
            g.writeNullField(field);
        }
    }
}
