package io.banwatch.agent.inventory.linux;

import io.banwatch.agent.inventory.InventorySource;
import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.PathProbe;
import io.banwatch.agent.inventory.ScanContext;
import io.banwatch.model.Host;
import io.banwatch.model.Inventory;
import io.banwatch.model.Software;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects a Linux system: dpkg and rpm packages, systemd units, running programs, kernel
 * modules and known install paths.
 *
 * <p>Given a root other than the running system ({@code banwatch scan --root DIR}) it reads only
 * files under that root: no /proc, no processes, and rpm is asked with {@code --root}; kernel
 * modules come from the out-of-tree module files under {@code lib/modules} instead of /proc/modules.
 */
public final class LinuxInventorySource implements InventorySource {
    private static final Duration RPM_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> RPM_DBS = List.of("var/lib/rpm", "usr/lib/sysimage/rpm");

    private final Path root;
    private final boolean live;
    private final CommandRunner runner;
    private final Supplier<List<String>> pathsToProbe;
    private final Supplier<String> hardwareUuid;

    /**
     * @param root         "/" for this machine, or a mounted image
     * @param live         true when {@code root} is the running system
     * @param runner       runs rpm
     * @param pathsToProbe install paths to check (from the rule packs and catalog)
     * @param hardwareUuid fallback host id source when no machine-id exists
     */
    public LinuxInventorySource(Path root, boolean live, CommandRunner runner, List<String> pathsToProbe,
                          Supplier<String> hardwareUuid) {
        this(root, live, runner, constant(List.copyOf(pathsToProbe)), hardwareUuid);
    }

    /**
     * As above, with the install paths asked for only at the last step of {@link #read}, so the rule
     * packs that name them can still be loading while the packages are read.
     */
    public LinuxInventorySource(Path root, boolean live, CommandRunner runner, Supplier<List<String>> pathsToProbe,
                                Supplier<String> hardwareUuid) {
        this.root = root;
        this.live = live;
        this.runner = runner;
        this.pathsToProbe = pathsToProbe;
        this.hardwareUuid = hardwareUuid;
    }

    private static Supplier<List<String>> constant(List<String> paths) {
        return () -> paths;
    }

    @Override
    public Inventory read() {
        ScanContext ctx = new ScanContext();
        boolean dpkgFound = dpkg(ctx);
        boolean rpmFound = rpm(ctx);
        if (!dpkgFound && !rpmFound) {
            ctx.primaryError("packages", noPackageDatabase());
        }
        ctx.source("snap", c -> c.software(unchecked(() -> Snaps.read(root))));
        ctx.source("flatpak", c -> c.software(unchecked(() -> Flatpaks.read(root))));
        ctx.source("systemd", c -> c.observations(unchecked(() -> SystemdUnits.read(root))));
        ctx.source("install-dirs", c -> c.observations(unchecked(() -> InstallDirs.read(root))));
        if (live) {
            ctx.source("proc", c -> c.observations(unchecked(() -> ProcProcesses.read(root.resolve("proc")))));
            // No /proc/modules means a kernel built without loadable modules: nothing to report.
            Path modules = root.resolve("proc/modules");
            if (Files.exists(modules)) {
                ctx.source("proc-modules", c -> c.observations(KernelModules.parse(readText(modules))));
            }
        } else {
            // An image's loaded modules are unknowable; the vendor modules it ships are not.
            ctx.source(ModuleFiles.SOURCE, c -> c.observations(unchecked(() -> ModuleFiles.read(root))));
        }
        // Probe only what the folder listing above did not already record.
        ctx.source("paths", c -> {
            java.util.Set<String> seen = new java.util.HashSet<>();
            c.observations().forEach(e -> seen.add(e.name()));
            c.observations(PathProbe.existing(root, pathsToProbe.get().stream().filter(p -> !seen.contains(p)).toList()));
        });

        List<String> archs = new ArrayList<>();
        for (Software s : ctx.software()) {
            archs.add(s.arch());
        }
        Host host = new LinuxHost(root, live, hardwareUuid).read(LinuxHost.archOfPackages(archs));
        return new Inventory(host, ctx.software(), ctx.observations(), ctx.securityProducts(), ctx.errors());
    }

    private boolean dpkg(ScanContext ctx) {
        Path status = root.resolve("var/lib/dpkg/status");
        if (!Files.exists(status)) {
            return false;
        }
        ctx.primarySource("dpkg", c -> {
            DpkgStatus.Result r = DpkgStatus.parse(readText(status), journal(root.resolve("var/lib/dpkg/updates")));
            c.software(r.installed());
            c.observations(r.residues());
        });
        return true;
    }

    /** dpkg's pending updates: files named by a number, applied in numeric order. */
    private static List<String> journal(Path updates) {
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(updates)) {
            list.filter(f -> f.getFileName().toString().matches("\\d+")).forEach(files::add);
        } catch (IOException e) {
            return List.of();
        }
        files.sort(java.util.Comparator.comparingLong(f -> Long.parseLong(f.getFileName().toString())));
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(readText(f));
            } catch (UncheckedIOException e) {
                // dpkg may fold and remove the journal while we read it; status then has the change.
            }
        }
        return out;
    }

    private boolean rpm(ScanContext ctx) {
        Path db = null;
        for (String candidate : RPM_DBS) {
            Path p = root.resolve(candidate);
            if (Files.isDirectory(p) && hasEntries(p)) {
                db = p;
                break;
            }
        }
        if (db == null) {
            return false;
        }
        List<String> argv = new ArrayList<>(List.of("rpm", "-qa", "--qf", RpmPackages.QUERY_FORMAT));
        if (!live) {
            argv.addAll(1, List.of("--root", root.toAbsolutePath().toString()));
        }
        CommandResult result = runner.run(argv, null, RPM_TIMEOUT);
        if (!result.ok()) {
            ctx.primaryError("rpm", "rpm database at /" + root.relativize(db) + " could not be read: " + result.problem());
            return true;
        }
        ctx.primarySource("rpm", c -> c.software(RpmPackages.parse(result.stdout())));
        return true;
    }

    /** Why no package database was found: the root cannot be read, or it holds none (an empty or wrong directory). */
    private String noPackageDatabase() {
        try (var entries = Files.list(root)) {
            entries.findAny();
        } catch (IOException | RuntimeException e) {
            return "cannot read " + root + ": " + reason(e);
        }
        return "no package database under " + root + " (looked for var/lib/dpkg/status, "
                + String.join(" and ", RPM_DBS) + ")";
    }

    private static boolean hasEntries(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    private static String readText(Path file) {
        try {
            // Lenient decoding: one package with a Latin-1 maintainer must not hide all the others.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + reason(e), e);
        }
    }

    /** One line for a failed read; an AccessDeniedException's own message is only the path again. */
    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e.getCause() instanceof Exception cause && e instanceof UncheckedIOException) {
            return reason(cause);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T unchecked(IoSupplier<T> body) {
        try {
            return body.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.toString(), e);
        }
    }
}
