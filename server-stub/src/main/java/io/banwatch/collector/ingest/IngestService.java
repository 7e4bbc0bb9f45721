package io.banwatch.collector.ingest;

import io.banwatch.json.JsonFormatException;
import io.banwatch.json.ReportCodec;
import io.banwatch.model.ScanReport;
import io.banwatch.model.Verdict;
import io.banwatch.collector.auth.Principal;
import io.banwatch.collector.auth.Role;
import io.banwatch.collector.http.ApiError;
import io.banwatch.collector.metrics.Metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import io.banwatch.collector.db.Database;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Takes a report from an agent: reads it within the size limits, validates it, checks it is for
 * the token's own host, judges it with the collector's rules and stores it — and only then
 * answers. A repeated reportId is answered as success and stored once when it is the same scan
 * of the same host, and refused with 409 when it is not.
 */
public final class IngestService {
    private static final long COMMIT_WAIT_SECONDS = 60;
    private static final int MAX_KEY = 64;

    private final ReportCodec codec = ReportCodec.forFleet();
    /** The packs in force change while the collector runs: each report is judged with the current ones. */
    private final java.util.function.Supplier<Evaluator> evaluators;
    private final HostJudgements judgements;
    private final IngestWriter writer;
    private final Metrics metrics;
    private final Clock clock;
    private final ScanTimeBounds scanTimes;
    private final long maxBody;
    private final long maxReport;
    private final boolean storeRaw;

    public IngestService(java.util.function.Supplier<Evaluator> evaluators, IngestWriter writer, Database db, Metrics metrics, Clock clock,
                         long maxBody, long maxReport, boolean storeRaw) {
        this.evaluators = evaluators;
        this.judgements = new HostJudgements(db);
        this.writer = writer;
        this.metrics = metrics;
        this.clock = clock;
        this.scanTimes = new ScanTimeBounds(clock);
        this.maxBody = maxBody;
        this.maxReport = maxReport;
        this.storeRaw = storeRaw;
    }

    /**
     * What the agent is told.
     *
     * @param outcome  stored, stored but older than the host's current scan, or duplicate
     * @param reportId the report's id
     * @param level    the collector's judgement: a verdict name, CLEAN included
     * @param findings how many findings the collector has for this report
     */
    public record Receipt(StoreOutcome outcome, String reportId, String level, int findings) {
    }

    public Receipt ingest(Principal principal, InputStream in, String contentEncoding, long contentLength) {
        long started = System.nanoTime();
        try {
            Receipt receipt = doIngest(principal, in, contentEncoding, contentLength);
            if (receipt.outcome() == StoreOutcome.DUPLICATE) {
                metrics.duplicate();
            } else {
                metrics.ingested();
            }
            metrics.ingestLatency(System.nanoTime() - started);
            return receipt;
        } catch (ApiError e) {
            metrics.rejected(e.code());
            throw e;
        }
    }

    private Receipt doIngest(Principal principal, InputStream in, String contentEncoding, long contentLength) {
        if (principal.role() != Role.HOST) {
            throw ApiError.forbidden("only an enrolled agent's host token can send reports");
        }
        if (contentLength > maxBody) {
            throw ApiError.tooLarge("request body is larger than " + maxBody + " bytes");
        }
        BoundedBody.Body body = BoundedBody.read(in, contentEncoding, maxBody, maxReport);
        ScanReport report;
        try {
            report = codec.read(body.decoded());
        } catch (JsonFormatException e) {
            String code = e.getMessage().startsWith("schemaVersion") ? "unsupported_schema" : "invalid_report";
            throw ApiError.badRequest(code, e.getMessage());
        }
        // The key columns are VARCHAR(64): refuse here what PostgreSQL would refuse at commit.
        if (report.reportId().length() > MAX_KEY || report.inventoryHash().length() > MAX_KEY) {
            throw ApiError.badRequest("invalid_report", (report.reportId().length() > MAX_KEY ? "reportId" : "inventoryHash")
                    + ": longer than " + MAX_KEY + " characters");
        }
        scanTimes.check(report.scannedAt());
        if (!report.host().id().equals(principal.hostId())) {
            throw ApiError.forbidden("this token belongs to host " + principal.hostId()
                    + ", not to host " + report.host().id());
        }
        Evaluator evaluator = evaluators.get();
        Optional<HostJudgements.Current> current = judgements.current(report.host().id());
        boolean knownInventory = current.isPresent() && current.get().inventoryHash().equals(report.inventoryHash());
        if (report.inventoryOmitted() && !knownInventory) {
            throw new ApiError(409, "inventory_unknown", "this collector does not have inventory "
                    + report.inventoryHash() + " for this host; send the full report");
        }
        if (knownInventory && stillHolds(evaluator, current.get(), report)) {
            // Same inventory, scan errors, day, rules and profile: the stored judgement is the judgement.
            StoreOutcome outcome = store(new IncomingReport(report, null, null, clock.millis()));
            String level = current.get().level() == null ? Verdict.CLEAN.name() : current.get().level();
            return new Receipt(outcome, report.reportId(), level, current.get().findings());
        }
        ScanReport full = report;
        if (report.inventoryOmitted()) {
            full = judgements.inventory(current.get().pk(), report.inventoryHash()).map(report::withInventoryOf)
                    .orElseThrow(() -> new ApiError(409, "inventory_unknown", "this collector no longer keeps inventory "
                            + report.inventoryHash() + "; send the full report"));
        }
        Evaluator.Judgement judgement = evaluator.judge(full);
        byte[] raw = storeRaw && !report.inventoryOmitted()
                ? (body.gzipped() ? body.wire() : gzip(body.decoded())) : null;
        // A new inventory for this host: its links are worked out here, in parallel, not on the one writer.
        LinkPlan links = knownInventory ? null : writer.plan(full.software());
        IncomingReport incoming = new IncomingReport(full, judgement, raw, clock.millis(), links);
        StoreOutcome outcome = store(incoming);
        return new Receipt(outcome, report.reportId(), judgement.verdict().name(), judgement.findings().size());
    }

    private static boolean stillHolds(Evaluator evaluator, HostJudgements.Current current, ScanReport report) {
        return ScanErrorsJson.of(report.errors()).equals(current.scanErrors())
                && evaluator.today().toString().equals(current.judgedOn())
                && evaluator.rulesVersion().equals(current.rules())
                && evaluator.profileFor(report).equals(current.profile());
    }

    /** Hands a report to the writer and waits for its commit; a reportId of another scan is refused. */
    private StoreOutcome store(IncomingReport incoming) {
        StoreOutcome outcome;
        try {
            outcome = writer.submit(incoming).get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "unavailable", "interrupted before the report was stored");
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiError(503, "unavailable", "the report could not be stored now; retry later");
        }
        if (outcome == StoreOutcome.CONFLICT) {
            throw new ApiError(409, "report_id_conflict", "report " + incoming.report().reportId()
                    + " was already stored with different content");
        }
        return outcome;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 6 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
