package io.banwatch.collector.alerts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.banwatch.model.Finding;
import io.banwatch.model.Host;
import io.banwatch.model.Verdict;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The JSON an alert webhook receives. One shape serves generic receivers and chat tools: the
 * {@code text} field is what Slack and Microsoft Teams incoming webhooks display, and the
 * structured fields are there for everything else. {@code alertKey} is stable for a transition,
 * so a receiver can drop a repeat delivery.
 */
public final class AlertPayload {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertPayload() {
    }

    /**
     * @param from the host's standing before, or null for its first report
     * @param to   its standing now
     */
    public static String build(String alertKey, Host host, Verdict from, Verdict to, String profile, Instant at,
                               List<Finding> findings) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("event", "banwatch.host.level_changed");
            g.writeStringField("alertKey", alertKey);
            g.writeStringField("text", text(host, from, to, profile, findings));
            g.writeStringField("at", at.toString());
            g.writeObjectFieldStart("host");
            g.writeStringField("id", host.id());
            g.writeStringField("hostname", host.hostname());
            g.writeStringField("os", host.os().name() == null ? host.os().family() : host.os().name());
            g.writeEndObject();
            g.writeStringField("profile", profile);
            g.writeStringField("level", to.name());
            if (from == null) {
                g.writeNullField("previousLevel");
            } else {
                g.writeStringField("previousLevel", from.name());
            }
            g.writeArrayFieldStart("findings");
            for (Finding f : findings) {
                g.writeStartObject();
                g.writeStringField("ruleId", f.ruleId());
                g.writeStringField("kind", f.kind().jsonName());
                g.writeStringField("level", f.level().name());
                g.writeStringField("product", f.product());
                g.writeStringField("presence", f.presence().jsonName());
                if (f.milestone() != null) {
                    g.writeStringField("milestone", f.milestone());
                }
                if (f.since() != null) {
                    g.writeStringField("since", f.since().toString());
                }
                if (f.deadline() != null) {
                    g.writeStringField("deadline", f.deadline().toString());
                }
                g.writeStringField("message", f.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String text(Host host, Verdict from, Verdict to, String profile, List<Finding> findings) {
        StringBuilder b = new StringBuilder("banwatch: ").append(host.hostname()).append(" is now ").append(to)
                .append(" under ").append(profile).append(from == null ? "" : " (was " + from + ")").append('.');
        for (Finding f : findings) {
            if (Verdict.of(f.level()) == to) {
                b.append(' ').append(f.product()).append(" (").append(f.presence().jsonName()).append(").");
            }
        }
        return b.toString();
    }
}
