package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.inventory.InventorySource;
import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.PathProbe;
import io.banwatch.agent.inventory.ScanContext;
import io.banwatch.model.Evidence;
import io.banwatch.model.Host;
import io.banwatch.model.Inventory;
import io.banwatch.model.OsInfo;
import io.banwatch.model.Software;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects a Mac: application bundles, installer receipts, Homebrew packages, launchd jobs,
 * kernel and system extensions, known install paths and, on a live scan, running programs.
 *
 * <pre>{@code
 * InventorySource mac = new MacInventorySource(Path.of("/"), true, new ProcessCommandRunner(), rules.pathsToProbe("macos"));
 * Inventory inventory = mac.read();
 * }</pre>
 *
 * <p>Everything is read from files under {@code root}. A live scan also runs a few quick
 * commands (ps, scutil, ioreg, and systemextensionsctl when db.plist is closed to us), each with
 * a timeout; an offline scan of a mounted image runs none. A source that fails becomes a
 * {@link io.banwatch.model.ScanError} and the scan goes on; /Applications or the installer receipts
 * missing or unreadable is a primary error: the scan is then incomplete.
 */
public final class MacInventorySource implements InventorySource {
    private final Path root;
    private final boolean live;
    private final CommandRunner runner;
    private final List<String> pathsToProbe;

    /**
     * @param root         "/" for this Mac, or where a Mac's volume is mounted
     * @param live         true when {@code root} is the running system
     * @param runner       runs the live commands
     * @param pathsToProbe install paths to check (from the rule packs and catalog)
     */
    public MacInventorySource(Path root, boolean live, CommandRunner runner, List<String> pathsToProbe) {
        this.root = root;
        this.live = live;
        this.runner = runner;
        this.pathsToProbe = List.copyOf(pathsToProbe);
    }

    @Override
    public Inventory read() {
        MacRoot mac = new MacRoot(root);
        ScanContext ctx = new ScanContext();
        primarySoftware(ctx, AppBundles.SOURCE, AppBundles::read, mac);
        primarySoftware(ctx, PackageReceipts.SOURCE, PackageReceipts::read, mac);
        software(ctx, HomebrewPackages.SOURCE, HomebrewPackages::read, mac);
        observations(ctx, LaunchdJobs.SOURCE, LaunchdJobs::read, mac);
        observations(ctx, KernelExtensions.SOURCE, KernelExtensions::read, mac);
        observations(ctx, SystemExtensions.SOURCE, (m, problems) -> SystemExtensions.read(m, live, runner, problems), mac);
        if (live) {
            ctx.source(PsProcesses.SOURCE, this::processes);
        }
        ctx.source("paths", c -> c.observations(PathProbe.existing(root, pathsToProbe)));

        OsInfo os = SystemVersion.read(mac, problem -> ctx.error(SystemVersion.SOURCE, problem));
        Host host = new MacHost(root, live, runner).read(os, ctx);
        return new Inventory(host, ctx.software(), ctx.observations(), ctx.securityProducts(), ctx.errors());
    }

    private void processes(ScanContext ctx) {
        CommandResult ps = runner.run(PsProcesses.COMMAND, null, PsProcesses.TIMEOUT);
        if (ps.ok()) {
            ctx.observations(PsProcesses.parse(ps.stdout()));
        } else {
            ctx.error(PsProcesses.SOURCE, ps.problem());
        }
    }

    /** A file-based source: reads under a root, tells each unreadable file to {@code problems}. */
    private interface Source<T> {
        List<T> read(MacRoot root, Consumer<String> problems);
    }

    /** A source the inventory cannot do without: its folder missing or unreadable makes the scan incomplete. */
    private interface PrimarySource<T> {
        List<T> read(MacRoot root, Consumer<String> problems, Consumer<String> primary);
    }

    private static void primarySoftware(ScanContext ctx, String name, PrimarySource<Software> source, MacRoot mac) {
        ctx.primarySource(name, c -> c.software(source.read(mac, problem -> c.error(name, problem),
                problem -> c.primaryError(name, problem))));
    }

    private static void software(ScanContext ctx, String name, Source<Software> source, MacRoot mac) {
        ctx.source(name, c -> c.software(source.read(mac, problem -> c.error(name, problem))));
    }

    private static void observations(ScanContext ctx, String name, Source<Evidence> source, MacRoot mac) {
        ctx.source(name, c -> c.observations(source.read(mac, problem -> c.error(name, problem))));
    }
}
