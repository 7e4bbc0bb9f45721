package io.banwatch.collector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.javalin.http.Context;
import java.time.LocalDate;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON in and out of handlers, with request bodies limited and errors as {@link ApiError}. */
public final class Json {
    private static final int MAX_SMALL_BODY = 64 * 1024;
    // Dates are written as ISO text; a module for that one type is not worth a dependency.
    private final ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule().addSerializer(LocalDate.class, ToStringSerializer.instance));

    public void write(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small JSON object body (enrollment, token requests). */
    public JsonNode readSmall(Context ctx) {
        if (ctx.contentLength() > MAX_SMALL_BODY) {
            throw ApiError.tooLarge("request body is larger than " + MAX_SMALL_BODY + " bytes");
        }
        try {
            byte[] body = ctx.bodyInputStream().readNBytes(MAX_SMALL_BODY + 1);
            if (body.length > MAX_SMALL_BODY) {
                throw ApiError.tooLarge("request body is larger than " + MAX_SMALL_BODY + " bytes");
            }
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("invalid_json", "expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("invalid_json", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
