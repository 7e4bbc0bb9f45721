package io.banwatch.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.banwatch.model.Citation;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.FindingKind;
import io.banwatch.model.Host;
import io.banwatch.model.Level;
import io.banwatch.model.OsInfo;
import io.banwatch.model.Presence;
import io.banwatch.model.ScanError;
import io.banwatch.model.ScanReport;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads {@link ScanReport} JSON (schema {@value ScanReport#SCHEMA_VERSION}).
 *
 * <pre>{@code
 * ReportCodec codec = new ReportCodec();
 * byte[] json = codec.toBytes(report, false);
 * ScanReport back = codec.read(new ByteArrayInputStream(json));
 * }</pre>
 *
 * Reading ignores fields it does not know (a newer agent may add some) and rejects a report
 * whose {@code schemaVersion} it does not read, or with a required field missing, with a
 * {@link JsonFormatException} naming the field.
 */
public final class ReportCodec {
    /** 2^16 slots: a fleet's distinct package names, versions and publishers, a few tens of thousands. */
    private static final int FLEET_POOL_BITS = 16;

    private final JsonFactory factory = new JsonFactory();
    private final JsonTree tree = new JsonTree();
    private final TextPool pool;

    /** A codec for one machine's reports: nothing is kept between reads. */
    public ReportCodec() {
        this(0);
    }

    private ReportCodec(int poolBits) {
        this.pool = new TextPool(poolBits);
    }

    /**
     * A codec for a collector reading thousands of reports of one fleet: the software fields' texts
     * are shared between the reports read (bounded; see {@link TextPool}), so equal texts are one
     * instance. Safe to share between threads.
     */
    public static ReportCodec forFleet() {
        return new ReportCodec(FLEET_POOL_BITS);
    }

    // ---- writing ----

    public byte[] toBytes(ScanReport report, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        write(report, out, pretty);
        return out.toByteArray();
    }

    public String toJson(ScanReport report, boolean pretty) {
        return new String(toBytes(report, pretty), StandardCharsets.UTF_8);
    }

    public void write(ScanReport report, OutputStream out, boolean pretty) {
        try (JsonGenerator g = factory.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeReport(g, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeReport(JsonGenerator g, ScanReport r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", r.schemaVersion());
        g.writeStringField("reportId", r.reportId());
        g.writeStringField("agentVersion", r.agentVersion());
        g.writeStringField("scannedAt", r.scannedAt().toString());
        g.writeStringField("asOf", r.asOf().toString());
        g.writeStringField("profile", r.profile());
        writeHost(g, r.host());
        g.writeArrayFieldStart("software");
        for (Software s : r.software()) {
            writeSoftware(g, s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("securityProducts");
        for (SecurityProduct p : r.securityProducts()) {
            writeProduct(g, p);
        }
        g.writeEndArray();
        EvidenceJson.writeArray(g, "observations", r.observations(), false);
        g.writeArrayFieldStart("findings");
        for (Finding f : r.findings()) {
            writeFinding(g, f);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("errors");
        for (ScanError e : r.errors()) {
            g.writeStartObject();
            g.writeStringField("source", e.source());
            g.writeStringField("message", e.message());
            if (e.primary()) {
                g.writeBooleanField("primary", true);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("inventoryHash", r.inventoryHash());
        if (r.inventoryOmitted()) {
            g.writeBooleanField("inventoryOmitted", true);
        }
        g.writeEndObject();
    }

    private static void writeHost(JsonGenerator g, Host h) throws IOException {
        g.writeObjectFieldStart("host");
        g.writeStringField("id", h.id());
        g.writeStringField("hostname", h.hostname());
        g.writeObjectFieldStart("os");
        g.writeStringField("family", h.os().family());
        optField(g, "name", h.os().name());
        optField(g, "version", h.os().version());
        optField(g, "build", h.os().build());
        g.writeEndObject();
        optField(g, "arch", h.arch());
        optField(g, "domain", h.domain());
        g.writeEndObject();
    }

    private static void writeSoftware(JsonGenerator g, Software s) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        optField(g, "version", s.version());
        optField(g, "publisher", s.publisher());
        g.writeStringField("source", s.source());
        g.writeStringField("scope", s.scope());
        optField(g, "arch", s.arch());
        optField(g, "identifier", s.identifier());
        optField(g, "installedOn", s.installedOn());
        optField(g, "location", s.location());
        g.writeEndObject();
    }

    private static void writeProduct(JsonGenerator g, SecurityProduct p) throws IOException {
        g.writeStartObject();
        g.writeStringField("vendor", p.vendor());
        g.writeStringField("product", p.product());
        optField(g, "version", p.version());
        g.writeStringField("kind", p.kind());
        if (p.enabled() != null) {
            g.writeBooleanField("enabled", p.enabled());
        }
        if (p.upToDate() != null) {
            g.writeBooleanField("upToDate", p.upToDate());
        }
        optField(g, "signaturesUpdatedAt", p.signaturesUpdatedAt());
        EvidenceJson.writeArray(g, "evidence", p.evidence(), false);
        g.writeEndObject();
    }

    private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        g.writeStringField("kind", f.kind().jsonName());
        g.writeStringField("level", f.level().name());
        g.writeStringField("profile", f.profile());
        g.writeStringField("vendor", f.vendor());
        g.writeStringField("product", f.product());
        g.writeStringField("presence", f.presence().jsonName());
        optField(g, "milestone", f.milestone());
        optField(g, "since", f.since());
        optField(g, "deadline", f.deadline());
        if (f.daysLeft() != null) {
            g.writeNumberField("daysLeft", f.daysLeft());
        }
        g.writeStringField("message", f.message());
        if (f.citation() != null) {
            g.writeObjectFieldStart("citation");
            g.writeStringField("id", f.citation().id());
            g.writeStringField("title", f.citation().title());
            optField(g, "url", f.citation().url());
            g.writeEndObject();
        }
        EvidenceJson.writeArray(g, "evidence", f.evidence(), false);
        g.writeEndObject();
    }

    private static void optField(JsonGenerator g, String name, Object value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.toString());
        }
    }

    // ---- reading ----

    public ScanReport read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    public ScanReport read(byte[] json) {
        try (JsonParser p = tree.parser(json)) {
            return readReport(p);
        } catch (JsonProcessingException e) {
            throw new JsonFormatException(JsonTree.syntaxError(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ScanReport read(InputStream in) {
        try (JsonParser p = tree.parser(in)) {
            return readReport(p);
        } catch (JsonProcessingException e) {
            throw new JsonFormatException(JsonTree.syntaxError(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The software array straight into records, the rest of the report as a tree read field by field. */
    private ScanReport readReport(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new JsonFormatException("empty document: expected a scan report");
        }
        if (first != JsonToken.START_OBJECT) {
            return fromTree(JsonTree.value(p, first), SoftwareArray.ABSENT);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        SoftwareArray software = SoftwareArray.ABSENT;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (name.equals("software")) {
                software = SoftwareArray.read(p, t, pool);
            } else {
                fields.put(name, JsonTree.value(p, t));
            }
        }
        return fromTree(fields, software);
    }

    private static ScanReport fromTree(Object root, SoftwareArray software) {
        JsonObject r = JsonObject.of(root, "");
        int schema = r.integer("schemaVersion");
        if (schema != ScanReport.SCHEMA_VERSION) {
            throw r.error("schemaVersion", "unsupported version " + schema
                    + " (this build reads " + ScanReport.SCHEMA_VERSION + ")");
        }
        return r.build(() -> new ScanReport(schema,
                r.text("reportId"),
                r.text("agentVersion"),
                r.instant("scannedAt"),
                r.date("asOf"),
                r.text("profile"),
                readHost(r.object("host")),
                software.items(),
                r.list("securityProducts", ReportCodec::readProduct),
                r.list("observations", ReportCodec::readEvidence),
                r.list("findings", ReportCodec::readFinding),
                r.list("errors", e -> new ScanError(e.text("source"), e.text("message"),
                        Boolean.TRUE.equals(e.optBoolean("primary")))),
                r.text("inventoryHash"),
                Boolean.TRUE.equals(r.optBoolean("inventoryOmitted"))));
    }

    private static Host readHost(JsonObject h) {
        JsonObject os = h.object("os");
        OsInfo osInfo = os.build(() -> new OsInfo(os.text("family"), os.optText("name"),
                os.optText("version"), os.optText("build")));
        return h.build(() -> new Host(h.text("id"), h.text("hostname"), osInfo, h.optText("arch"),
                h.optText("domain")));
    }

    private static SecurityProduct readProduct(JsonObject p) {
        return new SecurityProduct(p.text("vendor"), p.text("product"), p.optText("version"), p.text("kind"),
                p.optBoolean("enabled"), p.optBoolean("upToDate"), p.optInstant("signaturesUpdatedAt"),
                p.list("evidence", ReportCodec::readEvidence));
    }

    static Evidence readEvidence(JsonObject e) {
        return new Evidence(EvidenceKind.fromJson(e.text("kind")), e.text("source"), e.text("name"),
                e.optText("location"), e.optText("detail"));
    }

    private static Finding readFinding(JsonObject f) {
        Level level = parseLevel(f, f.text("level"));
        JsonObject c = f.optObject("citation");
        Citation citation = c == null ? null
                : c.build(() -> new Citation(c.text("id"), c.text("title"), c.optText("url")));
        String kind = f.optText("kind");
        return new Finding(f.text("ruleId"), kind == null ? FindingKind.PRODUCT : parseKind(f, kind), level,
                f.text("profile"), f.text("vendor"), f.text("product"),
                Presence.fromJson(f.text("presence")), f.optText("milestone"), f.optDate("since"), f.optDate("deadline"),
                f.optInteger("daysLeft"), f.text("message"), citation, f.list("evidence", ReportCodec::readEvidence));
    }

    private static FindingKind parseKind(JsonObject o, String text) {
        try {
            return FindingKind.fromJson(text);
        } catch (IllegalArgumentException e) {
            throw o.error("kind", e.getMessage());
        }
    }

    static Level parseLevel(JsonObject o, String text) {
        try {
            return Level.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw o.error("level", "unknown level '" + text + "' (expected " + Level.choices() + ")");
        }
    }
}
