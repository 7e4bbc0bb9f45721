package io.banwatch.collector;

import io.banwatch.collector.audit.Actor;
import io.banwatch.collector.audit.AuditLog;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.packs.RulePacks;
import io.banwatch.collector.packs.RulesInForce;
import io.banwatch.collector.packs.RulesOverview;
import io.banwatch.rules.RuleSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code banwatch-server rules add FILE}, {@code rules list} and {@code rules remove ID}: the same
 * changes as the API's and the dashboard's, on the collector's database directly, written to the
 * audit log as the command-line user's. Running collectors take them up within seconds and judge
 * the fleet again.
 */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Add, replace, list and remove the"
        + " organisation's rule packs.", subcommands = {RulesCommand.Add.class, RulesCommand.ListPacks.class,
        RulesCommand.Remove.class})
final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static RulesInForce rules(ServerConfig config, Database db) {
        RuleSet base = RuleSet.builtIn();
        if (config.rulesFile() != null) {
            base = base.withPackFile(config.rulesFile());
        }
        return new RulesInForce(db, base, Clock.systemUTC(), config.profile());
    }

    /** Makes one change on the database of the collector {@code common} points at. */
    private static RulePacks.Change change(CollectorMain.Common common,
                                           java.util.function.Function<RulePacks, RulePacks.Change> what) {
        ServerConfig config = common.load(Map.of());
        try (Database db = CollectorMain.open(config)) {
            return what.apply(new RulePacks(db, new AuditLog(db, Clock.systemUTC()), rules(config, db),
                    Clock.systemUTC()));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a rule pack, or replace the pack of"
            + " its id with a new version (the format of 'banwatch scan --rules').")
    static final class Add implements Callable<Integer> {
        @CommandLine.Mixin
        CollectorMain.Common common;

        @Parameters(paramLabel = "FILE", description = "The pack (JSON).")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            byte[] content = read(file);
            RulePacks.Change c = change(common, packs -> packs.add(Actor.commandLine(), content, file.toString()));
            PrintWriter out = spec.commandLine().getOut();
            out.println(c.change() + " " + c.pack().id() + " " + c.pack().version() + " (sha256 " + c.pack().sha256()
                    + ")" + (c.previous() == null ? "" : ", replacing version " + c.previous()));
            out.flush();
            return 0;
        }

        private static byte[] read(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] content = in.readNBytes(RulePacks.MAX_PACK_BYTES + 1);
                if (content.length > RulePacks.MAX_PACK_BYTES) {
                    throw new IllegalArgumentException(file + ": a rule pack is at most " + RulePacks.MAX_PACK_BYTES
                            + " bytes");
                }
                return content;
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(file + ": no such file");
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the packs in force, and when the"
            + " fleet was last judged with them.")
    static final class ListPacks implements Callable<Integer> {
        @CommandLine.Mixin
        CollectorMain.Common common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ServerConfig config = common.load(Map.of());
            try (Database db = CollectorMain.open(config)) {
                RulesOverview.Overview o = new RulesOverview(db, rules(config, db)).overview();
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-24s %-14s %-9s %-64s %s%n", "ID", "VERSION", "SOURCE", "SHA256", "ADDED");
                for (RulesOverview.PackRow p : o.packs()) {
                    out.printf("%-24s %-14s %-9s %-64s %s%n", p.id(), p.version(), p.source(), p.sha256(),
                            p.addedBy() == null ? "" : p.addedAt() + " by " + p.addedBy());
                }
                out.println(o.fleetJudgedAt() != null ? "fleet judged with these packs at " + o.fleetJudgedAt()
                        : o.hostsBehind() + " of " + o.hostsInService() + " hosts to judge again with these packs");
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a pack added at the collector.")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Mixin
        CollectorMain.Common common;

        @Parameters(paramLabel = "ID", description = "The pack's id.")
        String id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RulePacks.Change c = change(common, packs -> packs.remove(Actor.commandLine(), id));
            PrintWriter out = spec.commandLine().getOut();
            out.println("removed " + c.pack().id() + " " + c.pack().version());
            out.flush();
            return 0;
        }
    }
}
