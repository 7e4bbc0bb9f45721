package io.banwatch.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document into plain Java values — {@code Map} (document order), {@code List},
 * {@code String}, {@code Long}/{@code Double}/{@code BigInteger}, {@code Boolean}, {@code null} —
 * with jackson-core's streaming parser only. Databind's tree model would do the same but loads
 * some three hundred classes; the agent reads its rule packs and reports on every start.
 */
public final class JsonTree {
    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
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

    /** Marks a document with no value at all. */
    public enum Missing { INSTANCE }

    private static Object root(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        return t == null ? Missing.INSTANCE : value(p, t);
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
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
