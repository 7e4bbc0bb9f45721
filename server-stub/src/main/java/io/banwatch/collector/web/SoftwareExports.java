package io.banwatch.collector.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.banwatch.collector.api.FleetReads;
import io.banwatch.collector.api.SoftwareFilter;
import io.banwatch.collector.api.SoftwareHostQueries;
import io.banwatch.collector.api.SoftwareHostRow;
import io.banwatch.collector.api.SoftwareQueries;
import io.banwatch.collector.api.TitleRow;
import io.banwatch.collector.db.SortColumns;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * software.csv/json (the titles) and software-hosts.csv/json (one title's hosts), with the filters
 * and order of the list they come from. CSV cells go through {@link CsvWriter}'s formula guard:
 * package names and publishers are whatever a machine's installers wrote.
 */
final class SoftwareExports {
    static final List<String> TITLE_COLUMNS = List.of("name", "hosts", "versions", "publishers", "sources");
    static final List<String> HOST_COLUMNS = List.of("host_id", "hostname", "os_family", "level", "name", "version",
            "publisher", "source", "arch", "scope", "install_location", "first_seen", "last_seen");

    private final FleetReads reads;
    private final JsonFactory json = new JsonFactory();

    SoftwareExports(FleetReads reads) {
        this.reads = reads;
    }

    void titlesCsv(Context ctx) {
        SoftwareFilter f = SoftwareFilter.from(ctx::queryParam);
        SortColumns.Sort sort = SoftwareQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
        Exports.csv(ctx, "banwatch-software.csv", w -> {
            w.row(TITLE_COLUMNS);
            reads.software().each(f, sort, t -> w.row(Arrays.asList(t.name(), t.hosts(),
                    t.versions().stream().map(v -> v.version() + " (" + v.hosts() + ")").collect(Collectors.joining("; ")),
                    String.join("; ", t.publishers()), String.join("; ", t.sources()))));
        });
    }

    void titlesJson(Context ctx) {
        SoftwareFilter f = SoftwareFilter.from(ctx::queryParam);
        SortColumns.Sort sort = SoftwareQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
        jsonArray(ctx, "banwatch-software.json", g -> reads.software().each(f, sort, t -> write(g, t)));
    }

    void hostsCsv(Context ctx) {
        String title = SoftwareHostQueries.title(ctx.queryParam("title"));
        SoftwareFilter f = SoftwareFilter.from(ctx::queryParam);
        SortColumns.Sort sort = SoftwareHostQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
        Exports.csv(ctx, "banwatch-software-hosts.csv", w -> {
            w.row(HOST_COLUMNS);
            reads.softwareHosts().each(title, f, sort, r -> w.row(Arrays.asList(r.hostId(), r.hostname(), r.osFamily(),
                    r.level(), r.name(), r.version(), r.publisher(), r.source(), r.arch(), r.scope(), r.location(),
                    r.firstSeen(), r.lastSeen())));
        });
    }

    void hostsJson(Context ctx) {
        String title = SoftwareHostQueries.title(ctx.queryParam("title"));
        SoftwareFilter f = SoftwareFilter.from(ctx::queryParam);
        SortColumns.Sort sort = SoftwareHostQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
        jsonArray(ctx, "banwatch-software-hosts.json", g -> reads.softwareHosts().each(title, f, sort, r -> write(g, r)));
    }

    private void jsonArray(Context ctx, String filename, Consumer<JsonGenerator> body) {
        ctx.contentType("application/json; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        try (JsonGenerator g = json.createGenerator(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
            g.writeStartArray();
            body.accept(g);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator g, TitleRow t) {
        try {
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeNumberField("hosts", t.hosts());
            g.writeArrayFieldStart("versions");
            for (TitleRow.VersionCount v : t.versions()) {
                g.writeStartObject();
                g.writeStringField("version", v.version());
                g.writeNumberField("hosts", v.hosts());
                g.writeEndObject();
            }
            g.writeEndArray();
            strings(g, "publishers", t.publishers());
            strings(g, "sources", t.sources());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator g, SoftwareHostRow r) {
        try {
            g.writeStartObject();
            Exports.field(g, "hostId", r.hostId());
            Exports.field(g, "hostname", r.hostname());
            Exports.field(g, "osFamily", r.osFamily());
            Exports.field(g, "level", r.level());
            Exports.field(g, "name", r.name());
            Exports.field(g, "version", r.version());
            Exports.field(g, "publisher", r.publisher());
            Exports.field(g, "source", r.source());
            Exports.field(g, "arch", r.arch());
            Exports.field(g, "scope", r.scope());
            Exports.field(g, "location", r.location());
            Exports.field(g, "firstSeen", r.firstSeen());
            Exports.field(g, "lastSeen", r.lastSeen());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
