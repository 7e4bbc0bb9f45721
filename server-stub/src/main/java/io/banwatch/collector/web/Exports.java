package io.banwatch.collector.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.banwatch.collector.api.EvidenceItem;
import io.banwatch.collector.api.FindingFilter;
import io.banwatch.collector.api.FindingQueries;
import io.banwatch.collector.api.FindingRow;
import io.banwatch.collector.api.FleetReads;
import io.banwatch.collector.api.HostFilter;
import io.banwatch.collector.api.HostListQueries;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.json.EvidenceJson;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The exports: hosts.csv, findings.csv and findings.json, each with the filters and the order of
 * the list it comes from (the same query parameters), streamed row by row from the database.
 * Every CSV cell is guarded against formula injection ({@link CsvWriter}).
 */
final class Exports {
    static final List<String> HOST_COLUMNS = List.of("host_id", "hostname", "level", "profile", "os_family", "os_name",
            "arch", "kaspersky_installed", "kaspersky_first_seen", "kaspersky_removed_at", "next_deadline", "first_seen",
            "last_seen", "stale", "agent_version", "software_count", "finding_count", "top_finding_product",
            "top_finding_milestone", "retired_at", "retired_by", "retired_reason");
    /** The first sixteen as before (scripts read them by position); the proof follows. */
    static final List<String> FINDING_COLUMNS = List.of("host_id", "hostname", "level", "profile", "vendor", "product",
            "presence", "milestone", "since", "deadline", "days_left", "message", "citation", "citation_url", "rule_id",
            "kind", "product_version", "evidence", "milestone_date", "first_seen_at_level", "last_seen",
            "host_retired_at", "pack_id", "pack_version", "pack_sha256");

    private final Access access;
    private final FleetReads reads;
    private final JsonFactory json = new JsonFactory();

    Exports(Access access, FleetReads reads) {
        this.access = access;
        this.reads = reads;
    }

    void hostsCsv(Context ctx) {
        access.reader(ctx);
        HostFilter f = HostFilter.from(ctx::queryParam);
        SortColumns.Sort sort = HostListQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
        csv(ctx, "banwatch-hosts.csv", w -> {
            w.row(HOST_COLUMNS);
            reads.hosts().each(f, sort, r -> w.row(Arrays.asList(r.hostId(), r.hostname(),
                    r.level(), r.profile(), r.osFamily(), r.osName(), r.arch(),
                    r.kasperskyInstalled(), r.kasperskyFirstSeen(), r.kasperskyRemovedAt(), r.nextDeadline(),
                    r.firstSeen(), r.lastSeen(), r.stale(), r.agentVersion(), r.softwareCount(), r.findingCount(),
                    r.topProduct(), r.topMilestone(), r.retiredAt(), r.retiredBy(), r.retiredReason())));
        });
    }

    void findingsCsv(Context ctx) {
        access.reader(ctx);
        FindingFilter f = FindingFilter.from(ctx::queryParam);
        SortColumns.Sort sort = FindingQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
        csv(ctx, "banwatch-findings.csv", w -> {
            w.row(FINDING_COLUMNS);
            reads.findings().each(f, sort, r -> w.row(Arrays.asList(r.hostId(), r.hostname(), r.level(), r.profile(),
                    r.vendor(), r.product(), r.presence(), r.milestone(), r.since(), r.deadline(), r.daysLeft(),
                    r.message(), r.citationTitle(), r.citationUrl(), r.ruleId(), r.kind(), r.productVersion(),
                    r.evidenceText(), r.milestoneDate(), r.firstSeenAtLevel(), r.lastSeen(), r.hostRetiredAt(),
                    r.packId(), r.packVersion(), r.packSha256())));
        });
    }

    /** The same findings as JSON: an array of objects, each with its whole evidence list. */
    void findingsJson(Context ctx) {
        access.reader(ctx);
        FindingFilter f = FindingFilter.from(ctx::queryParam);
        SortColumns.Sort sort = FindingQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
        ctx.contentType("application/json; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"banwatch-findings.json\"");
        try (JsonGenerator g = json.createGenerator(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
            g.writeStartArray();
            reads.findings().each(f, sort, r -> write(g, r));
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator g, FindingRow r) {
        try {
            g.writeStartObject();
            field(g, "hostId", r.hostId());
            field(g, "hostname", r.hostname());
            field(g, "level", r.level());
            field(g, "profile", r.profile());
            field(g, "kind", r.kind());
            field(g, "vendor", r.vendor());
            field(g, "product", r.product());
            field(g, "productVersion", r.productVersion());
            field(g, "presence", r.presence());
            field(g, "milestone", r.milestone());
            field(g, "milestoneDate", r.milestoneDate());
            field(g, "since", r.since());
            field(g, "deadline", r.deadline());
            if (r.daysLeft() == null) {
                g.writeNullField("daysLeft");
            } else {
                g.writeNumberField("daysLeft", r.daysLeft());
            }
            field(g, "message", r.message());
            field(g, "citationTitle", r.citationTitle());
            field(g, "citationUrl", r.citationUrl());
            field(g, "ruleId", r.ruleId());
            field(g, "firstSeenAtLevel", r.firstSeenAtLevel());
            field(g, "lastSeen", r.lastSeen());
            field(g, "hostRetiredAt", r.hostRetiredAt());
            g.writeObjectFieldStart("pack");
            field(g, "id", r.packId());
            field(g, "version", r.packVersion());
            field(g, "sha256", r.packSha256());
            g.writeEndObject();
            EvidenceJson.writeFieldsArray(g, "evidence", r.evidenceItems().stream().map(EvidenceItem::fields).toList());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string field, or JSON null: the exports' one way of writing an absent value. */
    static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    static void csv(Context ctx, String filename, Consumer<CsvWriter> body) {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        try (Writer w = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            body.accept(new CsvWriter(w));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
