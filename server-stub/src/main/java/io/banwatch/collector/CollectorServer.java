package io.banwatch.collector;

import io.banwatch.rules.RuleSet;
import io.banwatch.collector.alerts.AlertChannels;
import io.banwatch.collector.alerts.AlertDispatcher;
import io.banwatch.collector.alerts.AlertOutbox;
import io.banwatch.collector.alerts.AlertPayload;
import io.banwatch.collector.alerts.AlertPolicy;
import io.banwatch.collector.alerts.Alerting;
import io.banwatch.collector.alerts.HostLinks;
import io.banwatch.collector.alerts.LifecycleAlertsJob;
import io.banwatch.collector.api.ApiHandlers;
import io.banwatch.collector.api.FleetReads;
import io.banwatch.collector.auth.Enrollment;
import io.banwatch.collector.auth.Secrets;
import io.banwatch.collector.auth.SessionStore;
import io.banwatch.collector.auth.TokenStore;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.collector.config.TokenCommand;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.audit.AuditLog;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.http.ApiError;
import io.banwatch.collector.http.Json;
import io.banwatch.collector.Routes;
import io.banwatch.collector.ingest.IngestService;
import io.banwatch.collector.ingest.IngestWriter;
import io.banwatch.collector.jobs.JobLease;
import io.banwatch.collector.jobs.PeriodicJob;
import io.banwatch.collector.jobs.PeriodicJobs;
import io.banwatch.collector.jobs.RetentionJob;
import io.banwatch.collector.metrics.Metrics;
import io.banwatch.collector.api.RulesApi;
import io.banwatch.collector.ingest.Rejudger;
import io.banwatch.collector.packs.RejudgeJob;
import io.banwatch.collector.api.SoftwareApi;
import io.banwatch.collector.software.SoftwareIndexWorker;
import io.banwatch.collector.software.SoftwareIndexer;
import io.banwatch.collector.web.SoftwareHandlers;
import io.banwatch.collector.packs.RulePacks;
import io.banwatch.collector.packs.RulesInForce;
import io.banwatch.collector.packs.RulesOverview;
import io.banwatch.collector.packs.RulesWorker;
import io.banwatch.collector.web.RulesAdminHandlers;
import io.banwatch.collector.web.CsrfGuard;
import io.banwatch.collector.web.DashboardHandlers;
import io.banwatch.collector.web.TokenAdminHandlers;
import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The banwatch collector: authenticated ingest, storage, dashboard, exports and alerts.
 *
 * <pre>{@code
 * CollectorServer server = CollectorServer.create(ServerConfig.defaults(Path.of("data")), Clock.systemUTC()).start();
 * int port = server.port();
 * server.stop();
 * }</pre>
 */
public final class CollectorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorServer.class);

    private final ServerConfig config;
    private final Database db;
    private final TokenStore tokens;
    private final AuditLog audit;
    private final IngestWriter writer;
    /** One per configured channel; empty when alerts go nowhere. */
    private final List<AlertDispatcher> alerts;
    private final PeriodicJobs jobs;
    private final Javalin app;
    private final String enrollmentSecret;
    private final Path initialAdminFile;
    private final Rejudging rejudging;
    private final Indexing indexing;

    /** The rules in force, their re-judging job and the worker that runs it. */
    private record Rejudging(RulesInForce rules, RejudgeJob job, RulesWorker worker) {
    }

    /** The software index's job and the worker that runs it. */
    private record Indexing(SoftwareIndexer job, SoftwareIndexWorker worker) {
    }

    private CollectorServer(ServerConfig config, Database db, TokenStore tokens, AuditLog audit, IngestWriter writer,
                            List<AlertDispatcher> alerts, PeriodicJobs jobs, Javalin app, String enrollmentSecret,
                            Path initialAdminFile, Rejudging rejudging, Indexing indexing) {
        this.config = config;
        this.db = db;
        this.tokens = tokens;
        this.audit = audit;
        this.writer = writer;
        this.alerts = alerts;
        this.jobs = jobs;
        this.app = app;
        this.enrollmentSecret = enrollmentSecret;
        this.initialAdminFile = initialAdminFile;
        this.rejudging = rejudging;
        this.indexing = indexing;
    }

    /** Opens (and migrates) the database and prepares the server; {@link #start()} listens. */
    public static CollectorServer create(ServerConfig config, Clock clock) {
        RuleSet rules = RuleSet.builtIn();
        if (config.rulesFile() != null) {
            rules = rules.withPackFile(config.rulesFile());
        }
        KeyStore tlsKeys = config.tls() == null ? null : Routes.tlsKeyStore(config.tls());
        Database db = Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword(), config.poolSize(),
                config.connectTimeout(), config.queryTimeout());
        try {
            Secrets secrets = new Secrets(new SecureRandom());
            AuditLog audit = new AuditLog(db, clock);
            TokenStore tokens = new TokenStore(db, secrets, clock, audit);
            String secret = Bootstrap.enrollmentSecret(config.dataDir(), config.enrollmentSecret(), secrets);
            Path adminFile = Bootstrap.initialAdmin(config.dataDir(), tokens);

            RulesInForce inForce = new RulesInForce(db, rules, clock, config.profile());
            Metrics metrics = new Metrics();
            List<AlertDispatcher> alerts = AlertChannels.of(config).stream()
                    .map(ch -> new AlertDispatcher(db, ch, clock, metrics, new Random())).toList();
            Runnable wakeAlerts = !config.alertWorker() ? () -> { } : () -> alerts.forEach(AlertDispatcher::wake);
            ServerConfig.AlertSettings alerting = config.alerting();
            AlertPayload payloads = new AlertPayload(new HostLinks(alerting.publicUrl()));
            AlertOutbox outbox = new AlertOutbox(alerts.stream().map(AlertDispatcher::channel).toList());
            // Reports and the re-judging raise transition alerts the same way.
            Alerting transitions = new Alerting(new AlertPolicy(config.alertOnRisk(), alerting.onFixed()), payloads,
                    outbox);
            IngestWriter writer = new IngestWriter(db, transitions, config.storeRawReports(), config.ingestBatch(),
                    metrics);
            IngestService ingest = new IngestService(inForce::evaluator, writer, db, metrics, clock, config.maxBodyBytes(),
                    config.maxReportBytes(), config.storeRawReports());
            FleetReads reads = FleetReads.of(db, clock, config.staleDays(), rules.milestones());
            SessionStore sessions = new SessionStore(db, secrets, clock, config.sessions().idle(),
                    config.sessions().max());
            Access access = new Access(tokens, sessions);
            ApiHandlers api = new ApiHandlers(access, new Json(), new Enrollment(tokens, secret), tokens, ingest, reads,
                    db, metrics, config.metricsPublic(), wakeAlerts);
            DashboardHandlers dashboard = new DashboardHandlers(access, sessions, tokens, secrets, reads,
                    rules.profiles(), config.tls() != null, TokenCommand.viewer(config));
            // issue 13 A: host retirement and the audit report
            OfficerHandlers officer = OfficerHandlers.create(db, audit, clock, access, reads, config.staleDays(),
                    rules.milestones(), () -> inForce.rules().packInfo(), rules.profiles());
            // issue 12: the organisation's rule packs and the fleet's re-judging
            RulePacks packs = new RulePacks(db, audit, inForce, clock);
            RulesOverview overview = new RulesOverview(db, inForce);
            JobLease lease = new JobLease(db, "collector-" + UUID.randomUUID());
            RejudgeJob rejudge = new RejudgeJob(db, inForce, new Rejudger(db, transitions), lease, clock);
            RulesHandlers rulesRoutes = new RulesHandlers(new RulesApi(access, new Json(), packs, overview),
                    new RulesAdminHandlers(access, packs, overview));
            Javalin app = Routes.app(config, tlsKeys, api, dashboard, new TokenAdminHandlers(access, tokens),
                    new CsrfGuard(access, Routes.LOGIN), officer, rulesRoutes,
                    new SoftwareRoutes(new SoftwareApi(access, new Json(), reads), new SoftwareHandlers(access, reads, clock)));
            SoftwareIndexer indexer = new SoftwareIndexer(db, lease, clock);
            List<PeriodicJob> periodic = new ArrayList<>();
            periodic.add(new RetentionJob(db, config.retention(), config.sessions()));
            if (!alerts.isEmpty()) {
                periodic.add(new LifecycleAlertsJob(db, payloads, outbox, rules, new LifecycleAlertsJob.Settings(
                        alerting.onStale(), config.staleDays(), alerting.deadlineDays(),
                        alerting.digest() ? alerting.digestHour() : -1), wakeAlerts));
            }
            PeriodicJobs jobs = new PeriodicJobs(periodic, lease, clock);
            RulesWorker rulesWorker = new RulesWorker(inForce, rejudge, config.jobWorker());
            return new CollectorServer(config, db, tokens, audit, writer, alerts, jobs, app, secret, adminFile,
                    new Rejudging(inForce, rejudge, rulesWorker), new Indexing(indexer, new SoftwareIndexWorker(indexer, writer::busyWithin)));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public CollectorServer start() {
        try {
            app.start(config.bind(), config.port());
        } catch (RuntimeException e) {
            // A port in use: release the database and the workers, so the caller can clean up after it.
            stop();
            throw e;
        }
        if (config.alertWorker()) {
            alerts.forEach(a -> a.start(Duration.ofSeconds(5)));
        }
        if (config.jobWorker()) {
            // Collectors started together (a fleet restart) should not all look at the same second.
            jobs.start(Duration.ofSeconds(30 + ThreadLocalRandom.current().nextInt(30)), Duration.ofMinutes(1));
        }
        rejudging.worker().start(Duration.ofSeconds(2));
        if (config.jobWorker()) {
            indexing.worker().start(Duration.ofMillis(250));
        }
        LOG.info("banwatch collector listening on {}://{}:{} (database: {})", config.tls() == null ? "http" : "https",
                config.bind(), port(), db.dialect().name().toLowerCase());
        if (initialAdminFile != null) {
            LOG.info("an initial admin token was written to {}", initialAdminFile.toAbsolutePath());
        }
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every route it serves, before-handlers included (tests walk them). */
    List<Endpoint> endpoints() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(e -> e.endpoint).toList();
    }

    public TokenStore tokens() {
        return tokens;
    }

    public AuditLog audit() {
        return audit;
    }

    /** The collector's own connection pool (tests check what its connections are set to). */
    public Database database() {
        return db;
    }

    public String enrollmentSecret() {
        return enrollmentSecret;
    }

    /** Delivers due alerts on every channel now (tests and the admin CLI); normally background workers do it. */
    public int deliverAlertsNow() {
        if (alerts.isEmpty()) {
            throw new ApiError(409, "no_alert_channel", "no alerts.webhook-url or alerts.email.host is configured");
        }
        return alerts.stream().mapToInt(AlertDispatcher::deliverDue).sum();
    }

    /** Runs the periodic jobs that are due now (tests); normally a background worker does it. */
    public List<String> runJobsNow() {
        return jobs.runDue();
    }

    /**
     * Re-judges the fleet now, in batches of {@code batchSize}, at most {@code maxBatches} of them
     * (tests and benchmarks); normally a background worker does it.
     *
     * @return the batches committed
     */
    public int rejudgeNow(int batchSize, int maxBatches) {
        return rejudging.job().run(batchSize, maxBatches, () -> false);
    }

    /** Re-judges the whole fleet now, if its rules changed. */
    public int rejudgeNow() {
        return rejudgeNow(RejudgeJob.DEFAULT_BATCH, Integer.MAX_VALUE);
    }

    /**
     * Indexes hosts whose software changed, in batches of {@code batchSize}, at most
     * {@code maxBatches} (tests and benchmarks); normally a background worker does it.
     *
     * @return the hosts indexed
     */
    public int indexSoftwareNow(int batchSize, int maxBatches) {
        return indexing.job().run(batchSize, maxBatches, () -> false);
    }

    /** Indexes every pending host now. */
    public int indexSoftwareNow() {
        return indexSoftwareNow(SoftwareIndexer.DEFAULT_BATCH, Integer.MAX_VALUE);
    }

    /** Loads the rule packs another collector changed, now (tests); normally within seconds by itself. */
    public boolean refreshRulesNow() {
        return rejudging.rules().refresh();
    }

    public void stop() {
        app.stop();
        rejudging.worker().close();
        indexing.worker().close();
        jobs.close();
        alerts.forEach(AlertDispatcher::close);
        writer.close();
        tokens.flushLastUse();
        db.close();
    }

    @Override
    public void close() {
        stop();
    }
}
