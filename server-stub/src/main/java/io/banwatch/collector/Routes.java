package io.banwatch.collector;

import io.banwatch.collector.api.ApiHandlers;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.collector.db.DatabaseException;
import io.banwatch.collector.http.ApiError;
import io.banwatch.collector.http.Json;
import io.banwatch.collector.http.Pem;
import io.banwatch.collector.web.CsrfGuard;
import io.banwatch.collector.web.DashboardHandlers;
import io.banwatch.collector.web.TokenAdminHandlers;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Map;

/** Every route of the collector, its error mapping and its transport (HTTP or TLS). */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private Routes() {
    }

    /** The sign-in form's route: the CSRF guard checks it by its double-submit cookie. */
    public static final String LOGIN = "/login";

    /**
     * @param tlsKeys the TLS key material from {@link #tlsKeyStore}, or null for plain HTTP
     * @param csrf    wraps every route: no state-changing request signed in by the session cookie
     *                reaches a handler without the session's CSRF token
     */
    public static Javalin app(ServerConfig config, KeyStore tlsKeys, ApiHandlers api, DashboardHandlers web,
                              TokenAdminHandlers admin, CsrfGuard csrf, OfficerHandlers officer, RulesHandlers rules,
                              SoftwareRoutes software) {
        Json json = new Json();
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.maxRequestSize = config.maxBodyBytes();
            if (tlsKeys != null) {
                c.jetty.modifyServer(server -> server.setConnectors(
                        new org.eclipse.jetty.server.Connector[]{tlsConnector(server, config, tlsKeys)}));
            }

            c.router.handlerWrapper(csrf);
            c.routes.before(DashboardHandlers::headers);

            c.routes.get("/healthz", api::health);
            c.routes.get("/metrics", api::metrics);

            c.routes.post("/api/v1/enroll", api::enroll);
            c.routes.post("/api/v1/reports", api::report);
            c.routes.get("/api/v1/summary", api::summary);
            c.routes.get("/api/v1/hosts", api::hosts);
            c.routes.get("/api/v1/hosts/{hostId}", api::host);
            c.routes.get("/api/v1/findings", api::findings);
            c.routes.get("/api/v1/export/hosts.csv", web::hostsCsv);
            c.routes.get("/api/v1/export/findings.csv", web::findingsCsv);
            c.routes.get("/api/v1/tokens", api::listTokens);
            c.routes.post("/api/v1/tokens", api::createToken);
            c.routes.delete("/api/v1/tokens/{id}", api::revokeToken);

            c.routes.get("/", web::summary);
            c.routes.get(LOGIN, web::loginPage);
            c.routes.post(LOGIN, web::login);
            c.routes.post("/logout", web::logout);
            c.routes.get("/hosts", web::hosts);
            c.routes.get("/hosts/{hostId}", web::host);
            c.routes.get("/findings", web::findings);
            c.routes.get("/export/hosts.csv", web::hostsCsv);
            c.routes.get("/export/findings.csv", web::findingsCsv);
            c.routes.get("/static/banwatch.css", web::stylesheet);
            c.routes.get("/admin/tokens", admin::list);
            c.routes.post("/admin/tokens", admin::create);
            c.routes.get("/admin/tokens/{id}/revoke", admin::confirmRevoke);
            c.routes.post("/admin/tokens/{id}/revoke", admin::revoke);

            // issue 13 A, the compliance officer: findings as JSON, host retirement, the audit report.
            c.routes.get("/api/v1/export/findings.json", web::findingsJson);
            c.routes.get("/export/findings.json", web::findingsJson);
            c.routes.post("/api/v1/hosts/{hostId}/retire", officer.retirementApi()::retire);
            c.routes.post("/api/v1/hosts/{hostId}/unretire", officer.retirementApi()::unretire);
            c.routes.get("/hosts/{hostId}/retire", officer.hostAdmin()::confirmRetire);
            c.routes.post("/hosts/{hostId}/retire", officer.hostAdmin()::retire);
            c.routes.post("/hosts/{hostId}/unretire", officer.hostAdmin()::unretire);
            c.routes.get("/api/v1/reports/audit", officer.reports()::apiDocument);
            c.routes.get("/reports/audit", officer.reports()::form);
            c.routes.get("/reports/audit/document", officer.reports()::dashboardDocument);
            c.routes.get("/api/v1/audit", officer.auditApi()::list);
            c.routes.get("/api/v1/export/audit.csv", officer.auditLog()::csv);
            c.routes.get("/admin/audit", officer.auditLog()::page);
            c.routes.get("/export/audit.csv", officer.auditLog()::csv);

            // issue 12: the organisation's rule packs
            c.routes.get("/api/v1/rules", rules.api()::list);
            c.routes.post("/api/v1/rules", rules.api()::add);
            c.routes.get("/api/v1/rules/{id}", rules.api()::one);
            c.routes.delete("/api/v1/rules/{id}", rules.api()::remove);
            c.routes.get("/admin/rules", rules.admin()::page);
            c.routes.post("/admin/rules", rules.admin()::upload);
            c.routes.post("/admin/rules/{id}/remove", rules.admin()::remove);

            // issue 12: the fleet's software inventory
            c.routes.get("/api/v1/software", software.api()::titles);
            c.routes.get("/api/v1/software/hosts", software.api()::hosts);
            c.routes.get("/api/v1/export/software.csv", software.pages()::titlesCsv);
            c.routes.get("/api/v1/export/software.json", software.pages()::titlesJson);
            c.routes.get("/api/v1/export/software-hosts.csv", software.pages()::hostsCsv);
            c.routes.get("/api/v1/export/software-hosts.json", software.pages()::hostsJson);
            c.routes.get("/software", software.pages()::titles);
            c.routes.get("/software/hosts", software.pages()::hosts);
            c.routes.get("/export/software.csv", software.pages()::titlesCsv);
            c.routes.get("/export/software.json", software.pages()::titlesJson);
            c.routes.get("/export/software-hosts.csv", software.pages()::hostsCsv);
            c.routes.get("/export/software-hosts.json", software.pages()::hostsJson);

            c.routes.exception(ApiError.class, (e, ctx) -> error(json, ctx, e.status(), e.code(), e.getMessage()));
            c.routes.exception(DatabaseException.class, (e, ctx) -> {
                LOG.error("database error on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                error(json, ctx, 503, "database_unavailable", "the database is unavailable; retry later");
            });
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                error(json, ctx, 500, "internal", "internal error");
            });
            c.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(json, ctx, 404, "not_found", "no such route: " + ctx.method() + " " + ctx.path());
                }
            });
        });
    }

    private static void error(Json json, Context ctx, int status, String code, String message) {
        json.write(ctx, status, Map.of("error", code, "message", message == null ? code : message));
    }

    /**
     * Loads the TLS key material up front, so a bad file stops the start before anything else
     * does, in one line naming the setting and the file.
     *
     * @throws IllegalArgumentException when the keystore or PEM files cannot be used
     */
    public static KeyStore tlsKeyStore(ServerConfig.Tls tls) {
        char[] password = password(tls);
        if (tls.keystore() == null) {
            try {
                return Pem.keyStore(tls.certPem(), tls.keyPem(), password);
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore ks = KeyStore.getInstance(tls.keystore().toString().endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password);
            return ks;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("tls.keystore " + tls.keystore() + ": cannot load it: " + e.getMessage(), e);
        }
    }

    private static char[] password(ServerConfig.Tls tls) {
        return tls.keystorePassword() == null ? new char[0] : tls.keystorePassword().toCharArray();
    }

    private static ServerConnector tlsConnector(org.eclipse.jetty.server.Server server, ServerConfig config, KeyStore ks) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(ks);
        ssl.setKeyStorePassword(new String(password(config.tls())));
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration();
        https.setSendServerVersion(false);
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        return connector;
    }
}
