package io.banwatch.collector.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.banwatch.model.ScanError;
import io.banwatch.collector.db.Params;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The sources a scan could not read, as the JSON kept in {@code hosts.scan_errors}:
 * {@code [{"source","message","primary"}]}. One writer, so that the same errors always make the
 * same text and a report can be compared with the host's stored one.
 */
final class ScanErrorsJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ScanErrorsJson() {
    }

    static String of(List<ScanError> errors) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (ScanError e : errors) {
                g.writeStartObject();
                g.writeStringField("source", Params.cut(e.source(), 200));
                g.writeStringField("message", Params.cut(e.message(), 1000));
                g.writeBooleanField("primary", e.primary());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
