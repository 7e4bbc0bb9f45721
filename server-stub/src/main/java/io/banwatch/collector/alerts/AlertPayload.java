package io.banwatch.collector.alerts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.banwatch.json.EvidenceJson;
import io.banwatch.model.Verdict;
import io.banwatch.rules.MilestoneInfo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Makes alerts: their key and the JSON every channel renders. One shape serves generic receivers,
 * chat tools and mail: {@code text} is what Slack and Microsoft Teams display and the mail's body,
 * {@code subject} the mail's subject, and the structured fields are there for everything else.
 * Every alert about a host carries its dashboard {@code link} (null, with a note in the text,
 * without {@code collector.public-url}), and its findings carry evidence, citation and deadline.
 *
 * <pre>{@code
 * AlertPayload payloads = new AlertPayload(new HostLinks("https://banwatch.example.org"));
 * Alert a = payloads.stale(host, lastReportId, lastSeen, 7, now, findings);
 * }</pre>
 */
public final class AlertPayload {
    private static final JsonFactory JSON = new JsonFactory();

    private final HostLinks links;

    public AlertPayload(HostLinks links) {
        this.links = links;
    }

    /**
     * The host an alert is about.
     *
     * @param level   its standing now (the stored level; CLEAN for none)
     * @param profile the profile it is judged under
     */
    public record HostRef(long pk, String id, String hostname, String os, String profile, Verdict level) {
    }

    /** A host newly at {@code to}; {@code from} is null for its first report. */
    public Alert levelChanged(HostRef host, String reportId, Verdict from, long at, List<AlertFinding> findings) {
        Verdict to = host.level();
        StringBuilder summary = new StringBuilder("banwatch: ").append(host.hostname()).append(" is now ").append(to)
                .append(" under ").append(host.profile()).append(from == null ? "" : " (was " + from + ")").append('.');
        for (AlertFinding f : findings) {
            if (Verdict.of(f.level()) == to) {
                summary.append(' ').append(f.product()).append(" (").append(f.presence().jsonName()).append(").");
            }
        }
        String subject = "banwatch: " + host.hostname() + " is now " + to;
        return hostAlert(AlertKind.LEVEL_CHANGED, host.id() + ":" + reportId, host, at, subject, summary.toString(),
                findings, g -> writeFrom(g, from));
    }

    /** A host that was {@code from} (non-compliant) and is CLEAN now; {@code fixed} are the findings it no longer has. */
    public Alert fixed(HostRef host, String reportId, Verdict from, long at, List<AlertFinding> fixed) {
        String summary = "banwatch: " + host.hostname() + " is fixed: CLEAN under " + host.profile() + " (was " + from
                + "). No longer found:";
        return hostAlert(AlertKind.FIXED, host.id() + ":" + reportId + ":fixed", host, at,
                "banwatch: " + host.hostname() + " is fixed (was " + from + ")", summary, fixed, g -> writeFrom(g, from));
    }

    /**
     * A host that has not reported for {@code staleDays}; keyed by its last report, so it is alerted
     * once per silence, and again only after it reported and fell silent again.
     */
    public Alert stale(HostRef host, String lastReportId, long lastSeen, int staleDays, long at,
                       List<AlertFinding> findings) {
        String summary = "banwatch: " + host.hostname() + " has sent no report for " + staleDays + " days (last seen "
                + Instant.ofEpochMilli(lastSeen) + "); its last standing was " + host.level() + " under "
                + host.profile() + ".";
        return hostAlert(AlertKind.STALE, host.id() + ":stale:" + lastReportId, host, at,
                "banwatch: " + host.hostname() + " stopped reporting", summary, findings, g -> {
                    g.writeStringField("lastSeen", Instant.ofEpochMilli(lastSeen).toString());
                    g.writeNumberField("staleDays", staleDays);
                });
    }

    /**
     * {@code milestone} is {@code daysLeft} days away and will make {@code findings} VIOLATION;
     * keyed by the milestone and the configured {@code threshold} the alert answers (30, 7 ... days before).
     */
    public Alert deadlineApproaching(HostRef host, MilestoneInfo milestone, int threshold, long daysLeft, long at,
                                     List<AlertFinding> findings) {
        String summary = "banwatch: " + host.hostname() + " will be VIOLATION under " + host.profile() + " on "
                + milestone.date() + " (" + milestone.title() + "), in " + daysLeft + (daysLeft == 1 ? " day" : " days")
                + ". Citation: " + citation(milestone.citationTitle(), milestone.citationUrl()) + ". Affected:";
        return hostAlert(AlertKind.DEADLINE_APPROACHING, deadlineKey(host.id(), milestone, threshold), host, at,
                "banwatch: " + host.hostname() + " will be VIOLATION on " + milestone.date(), summary, findings, g -> {
                    g.writeObjectFieldStart("milestone");
                    g.writeStringField("id", milestone.id());
                    g.writeStringField("date", milestone.date().toString());
                    g.writeStringField("title", milestone.title());
                    writeCitation(g, milestone.citationTitle(), milestone.citationUrl());
                    g.writeEndObject();
                    g.writeStringField("deadline", milestone.date().toString());
                    g.writeNumberField("daysLeft", daysLeft);
                });
    }

    /** The key of the deadline alert for this host, milestone and lead: host:deadline:pack:milestone:days. */
    public static String deadlineKey(String hostId, MilestoneInfo milestone, int threshold) {
        return hostId + ":deadline:" + milestone.packId() + ":" + milestone.id() + ":" + threshold;
    }

    /**
     * The fleet on {@code day}: hosts by standing, stale hosts, and each level change since the
     * previous digest; keyed by the day, so it goes out once.
     */
    public Alert digest(LocalDate day, FleetDigest digest, long at) {
        String dashboard = links.dashboard();
        StringBuilder text = new StringBuilder("banwatch digest for ").append(day).append(": ").append(digest.hosts())
                .append(" hosts");
        for (Map.Entry<Verdict, Long> e : digest.byLevel().entrySet()) {
            text.append(", ").append(e.getValue()).append(' ').append(e.getKey());
        }
        text.append("; ").append(digest.stale()).append(" stale. ").append(digest.changes().size() + digest.moreChanges())
                .append(digest.changes().size() + digest.moreChanges() == 1 ? " change" : " changes").append(" since ")
                .append(Instant.ofEpochMilli(digest.since()))
                .append(digest.changes().isEmpty() ? "." : ":");
        for (FleetDigest.Change c : digest.changes()) {
            text.append("\n- ").append(c.hostname()).append(": ").append(c.from() == null ? "new" : c.from().name())
                    .append(" -> ").append(c.to()).append(" at ").append(Instant.ofEpochMilli(c.at())).append(" — ")
                    .append(HostLinks.orNote(links.host(c.hostId())));
        }
        if (digest.moreChanges() > 0) {
            text.append("\n- and ").append(digest.moreChanges()).append(" more");
        }
        text.append("\nDashboard: ").append(HostLinks.orNote(dashboard));
        return new Alert("digest:" + day, AlertKind.DIGEST, null, at, write(g -> {
            writeHead(g, AlertKind.DIGEST, "digest:" + day, "banwatch digest for " + day + ": "
                    + digest.byLevel().getOrDefault(Verdict.VIOLATION, 0L) + " in VIOLATION", text.toString(), at, dashboard);
            g.writeStringField("day", day.toString());
            g.writeStringField("since", Instant.ofEpochMilli(digest.since()).toString());
            g.writeObjectFieldStart("totals");
            g.writeNumberField("hosts", digest.hosts());
            g.writeNumberField("stale", digest.stale());
            for (Map.Entry<Verdict, Long> e : digest.byLevel().entrySet()) {
                g.writeNumberField(e.getKey().name(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("changes");
            for (FleetDigest.Change c : digest.changes()) {
                g.writeStartObject();
                g.writeStringField("hostId", c.hostId());
                g.writeStringField("hostname", c.hostname());
                writeNullable(g, "from", c.from() == null ? null : c.from().name());
                g.writeStringField("to", c.to().name());
                g.writeStringField("at", Instant.ofEpochMilli(c.at()).toString());
                writeNullable(g, "link", links.host(c.hostId()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private Alert hostAlert(AlertKind kind, String key, HostRef host, long at, String subject, String summary,
                            List<AlertFinding> findings, Fields extra) {
        String link = links.host(host.id());
        StringBuilder text = new StringBuilder(summary);
        for (AlertFinding f : findings) {
            text.append("\n- ").append(findingLine(f));
        }
        text.append("\nHost: ").append(HostLinks.orNote(link));
        return new Alert(key, kind, host.pk(), at, write(g -> {
            writeHead(g, kind, key, subject, text.toString(), at, link);
            g.writeObjectFieldStart("host");
            g.writeStringField("id", host.id());
            g.writeStringField("hostname", host.hostname());
            g.writeStringField("os", host.os());
            writeNullable(g, "link", link);
            g.writeEndObject();
            g.writeStringField("profile", host.profile());
            g.writeStringField("level", host.level().name());
            extra.write(g);
            g.writeArrayFieldStart("findings");
            for (AlertFinding f : findings) {
                writeFinding(g, f);
            }
            g.writeEndArray();
        }));
    }

    /** "KESL (installed): VIOLATION, milestone ndaa-1634-effective 2018-10-01. <message> Citation: ... Evidence: ...". */
    private static String findingLine(AlertFinding f) {
        StringBuilder b = new StringBuilder(f.product()).append(" (").append(f.presence().jsonName()).append("): ")
                .append(f.level());
        if (f.milestone() != null) {
            b.append(", milestone ").append(f.milestone());
            if (f.milestoneDate() != null) {
                b.append(' ').append(f.milestoneDate());
            }
        }
        if (f.deadline() != null) {
            b.append(", deadline ").append(f.deadline());
        }
        b.append(". ").append(f.message());
        if (f.citationTitle() != null) {
            b.append(" Citation: ").append(citation(f.citationTitle(), f.citationUrl())).append('.');
        }
        if (!f.evidence().isEmpty()) {
            b.append(" Evidence: ");
            for (int i = 0; i < f.evidence().size(); i++) {
                b.append(i == 0 ? "" : "; ").append(AlertFinding.text(f.evidence().get(i)));
            }
            b.append('.');
        }
        return b.toString();
    }

    private static String citation(String title, String url) {
        return title == null ? "none" : url == null ? title : title + " <" + url + ">";
    }

    private static void writeHead(JsonGenerator g, AlertKind kind, String key, String subject, String text, long at,
                                  String link) throws IOException {
        g.writeStringField("event", kind.event());
        g.writeStringField("alertKey", key);
        g.writeStringField("subject", subject);
        g.writeStringField("text", text);
        g.writeStringField("at", Instant.ofEpochMilli(at).toString());
        writeNullable(g, "link", link);
        if (link == null) {
            g.writeStringField("linkNote", HostLinks.NO_LINK);
        }
    }

    private static void writeFrom(JsonGenerator g, Verdict from) throws IOException {
        writeNullable(g, "previousLevel", from == null ? null : from.name());
    }

    private static void writeFinding(JsonGenerator g, AlertFinding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        g.writeStringField("kind", f.kind().jsonName());
        g.writeStringField("level", f.level().name());
        g.writeStringField("product", f.product());
        g.writeStringField("presence", f.presence().jsonName());
        if (f.milestone() != null) {
            g.writeStringField("milestone", f.milestone());
        }
        if (f.milestoneDate() != null) {
            g.writeStringField("milestoneDate", f.milestoneDate().toString());
        }
        if (f.deadline() != null) {
            g.writeStringField("deadline", f.deadline().toString());
        }
        g.writeStringField("message", f.message());
        if (f.citationTitle() != null) {
            writeCitation(g, f.citationTitle(), f.citationUrl());
        }
        EvidenceJson.writeArray(g, "evidence", f.evidence(), true);
        g.writeEndObject();
    }

    private static void writeCitation(JsonGenerator g, String title, String url) throws IOException {
        g.writeObjectFieldStart("citation");
        writeNullable(g, "title", title);
        writeNullable(g, "url", url);
        g.writeEndObject();
    }

    private static void writeNullable(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }

    private static String write(Fields body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
