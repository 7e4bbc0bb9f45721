package io.banwatch.collector;

import io.banwatch.collector.audit.Actor;
import io.banwatch.collector.audit.AuditLog;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.lifecycle.HostRetirement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code banwatch-server host retire ID [--reason TEXT]} and {@code host unretire ID}: the same
 * change as the API's and the dashboard's, on the collector's database directly, written to the
 * audit log as the command-line user's.
 */
@Command(name = "host", mixinStandardHelpOptions = true, description = "Retire a host, or bring one back.",
        subcommands = {HostCommand.Retire.class, HostCommand.Unretire.class})
final class HostCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static HostRetirement retirement(Database db) {
        return new HostRetirement(db, new AuditLog(db, Clock.systemUTC()), Clock.systemUTC());
    }

    @Command(name = "retire", mixinStandardHelpOptions = true, description = "Retire a host (a machine that is gone):"
            + " it leaves the counts, lists, charts and exports, keeps its history, and comes back if it reports again.")
    static final class Retire implements Callable<Integer> {
        @CommandLine.Mixin
        CollectorMain.Common common;

        @Parameters(paramLabel = "ID", description = "The host's id.")
        String hostId;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ServerConfig config = common.load(Map.of());
            try (Database db = CollectorMain.open(config)) {
                HostRetirement.State s = retirement(db).retire(Actor.commandLine(), hostId, reason);
                PrintWriter out = spec.commandLine().getOut();
                out.println("retired " + s.hostname() + " (" + s.hostId() + ") at " + s.retiredAt());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "unretire", mixinStandardHelpOptions = true, description = "Bring a retired host back into service.")
    static final class Unretire implements Callable<Integer> {
        @CommandLine.Mixin
        CollectorMain.Common common;

        @Parameters(paramLabel = "ID", description = "The host's id.")
        String hostId;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ServerConfig config = common.load(Map.of());
            try (Database db = CollectorMain.open(config)) {
                HostRetirement.State s = retirement(db).unretire(Actor.commandLine(), hostId);
                PrintWriter out = spec.commandLine().getOut();
                out.println(s.hostname() + " (" + s.hostId() + ") is back in service");
                out.flush();
            }
            return 0;
        }
    }
}
