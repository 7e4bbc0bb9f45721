package io.banwatch.collector;

import io.banwatch.rules.RulePackException;
import io.banwatch.collector.audit.Actor;
import io.banwatch.collector.audit.AuditLog;
import io.banwatch.collector.auth.Role;
import io.banwatch.collector.auth.Secrets;
import io.banwatch.collector.auth.TokenStore;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.collector.config.ServerConfigLoader;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.DatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code banwatch-server} command: {@code serve}, and token management for administrators. */
@Command(name = "banwatch-server", mixinStandardHelpOptions = true, version = "banwatch-server 0.1.0",
        description = "The banwatch collector: receives agents' reports, keeps the fleet's state, alerts.",
        subcommands = {CollectorMain.Serve.class, CollectorMain.Token.class, HostCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class CollectorMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CollectorMain());
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("banwatch-server: " + CliErrors.message(e));
            c.getErr().flush();
            return 2;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine where = e.getCommandLine();
            // "help nope" is a mistake about the commands, whose list is the top level's help.
            CommandLine helpOf = where.getCommand() instanceof CommandLine.HelpCommand ? where.getParent() : where;
            where.getErr().println("banwatch-server: " + CliErrors.usage(e) + " (see '"
                    + helpOf.getCommandSpec().qualifiedName() + " --help')");
            where.getErr().flush();
            return 2;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every subcommand shares: where the settings and the data are. */
    static class Common {
        @Option(names = "--config", paramLabel = "FILE", description = "Settings file (Java properties).")
        Path config;

        @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ./data).")
        Path data;

        @Option(names = "--database-url", paramLabel = "URL", description = "JDBC URL (default: SQLite in the data directory).")
        String databaseUrl;

        ServerConfig load(Map<String, String> more) {
            Map<String, String> flags = new HashMap<>(more);
            if (data != null) {
                flags.put("data.dir", data.toString());
            }
            if (databaseUrl != null) {
                flags.put("database.url", databaseUrl);
            }
            return ServerConfigLoader.load(config, System.getenv(), flags);
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the collector.")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        Common common;

        @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: 127.0.0.1).")
        String bind;

        @Option(names = "--port", paramLabel = "PORT", description = "Port (default: 8740).")
        Integer port;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> flags = new HashMap<>();
            if (bind != null) {
                flags.put("bind", bind);
            }
            if (port != null) {
                flags.put("port", port.toString());
            }
            ServerConfig config;
            CollectorServer server;
            try {
                config = common.load(flags);
                server = CollectorServer.create(config, Clock.systemUTC()).start();
            } catch (ServerConfigLoader.ConfigException | DatabaseException | RulePackException
                     | IllegalArgumentException | IllegalStateException e) {
                // One line, no stack trace: the message names what failed (and never a password).
                PrintWriter err = spec.commandLine().getErr();
                err.println("banwatch-server: " + CliErrors.message(e));
                err.flush();
                return 2;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                stopped.countDown();
            }, "banwatch-shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Manage viewer and admin tokens.",
            subcommands = {TokenCreate.class, TokenList.class, TokenRevoke.class})
    static final class Token implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /**
     * Opens the collector's database directly: token management works with the collector stopped or
     * running, but only on a database a collector has made, never a new one.
     */
    static Database open(ServerConfig config) {
        String pointer = config.databaseUrl() == null || config.databaseUrl().isBlank()
                ? "--data DIR or --config FILE" : "--config FILE or --database-url URL";
        return Database.openExisting(config.jdbcUrl(), config.databaseUser(), config.databasePassword(),
                config.connectTimeout(), config.queryTimeout(), pointer);
    }

    static TokenStore tokenStore(ServerConfig config, Database db) {
        return new TokenStore(db, new Secrets(new SecureRandom()), Clock.systemUTC(), new AuditLog(db, Clock.systemUTC()));
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Issue a token; it is shown only once.")
    static final class TokenCreate implements Callable<Integer> {
        @CommandLine.Mixin
        Common common;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer or admin.")
        String role;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who or what it is for.")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Role r = Role.fromJson(role);
            if (r == Role.HOST) {
                throw new IllegalArgumentException("host tokens are issued by enrollment, not by hand");
            }
            ServerConfig config = common.load(Map.of());
            try (Database db = open(config)) {
                TokenStore.Issued t = tokenStore(config, db).issueForPerson(Actor.commandLine(), r, name);
                PrintWriter out = spec.commandLine().getOut();
                out.println(t.token());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class TokenList implements Callable<Integer> {
        @CommandLine.Mixin
        Common common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ServerConfig config = common.load(Map.of());
            try (Database db = open(config)) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-6s %-7s %-9s %s%n", "ID", "ROLE", "STATE", "NAME");
                for (TokenStore.Info t : tokenStore(config, db).list()) {
                    out.printf("%-6d %-7s %-9s %s%s%n", t.id(), t.role().jsonName(),
                            t.revokedAt() == null ? "active" : "revoked", t.name(),
                            t.hostId() == null ? "" : " (host " + t.hostId() + ")");
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by id.")
    static final class TokenRevoke implements Callable<Integer> {
        @CommandLine.Mixin
        Common common;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            ServerConfig config = common.load(Map.of());
            try (Database db = open(config)) {
                if (!tokenStore(config, db).revoke(Actor.commandLine(), id)) {
                    throw new IllegalArgumentException("no active token with id " + id);
                }
            }
            return 0;
        }
    }
}
