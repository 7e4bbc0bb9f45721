package io.banwatch.agent.inventory.windows;

import io.banwatch.agent.inventory.InventorySource;
import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.ScanContext;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Host;
import io.banwatch.model.Inventory;
import io.banwatch.model.SecurityProduct;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Collects a Windows machine with one PowerShell run of {@code inventory.ps1}: installed programs
 * (machine and per-user), Store apps, Security Center, Defender, Defender for Endpoint's onboarding
 * state, services, drivers, Kaspersky's registry keys and running programs; then checks the rule
 * packs' install folders and the programs of stopped auto-start services.
 *
 * <pre>{@code
 * InventorySource windows = new WindowsInventorySource(new ProcessCommandRunner(), rules.pathsToProbe("windows"),
 *         Clock.systemUTC());
 * Inventory inventory = windows.read();
 * }</pre>
 *
 * One process start for everything keeps a scan at a few seconds; every section fails on its own
 * and becomes a {@link io.banwatch.model.ScanError} named after it. The script prints each section
 * as it finishes, so when PowerShell hangs and is killed at its timeout, the sections finished
 * before are still read and only the others become errors. When PowerShell cannot run at all
 * (blocked by policy), the scan still returns the host from the environment and the install
 * folders found. PowerShell not running and the machine's installed programs (the Uninstall keys)
 * failing are primary errors: the scan is then incomplete.
 */
public final class WindowsInventorySource implements InventorySource {
    static final Duration POWERSHELL_TIMEOUT = Duration.ofSeconds(120);
    static final Duration REG_TIMEOUT = Duration.ofSeconds(15);
    static final String POWERSHELL_SOURCE = "powershell";
    private static final String SCRIPT = "inventory.ps1";
    private static final Pattern WINDOWS_PATH = Pattern.compile("^([A-Za-z]:\\\\|\\\\\\\\)");

    private final CommandRunner runner;
    private final List<String> pathsToProbe;
    private final Clock clock;
    private final Function<String, String> env;
    private final Predicate<String> pathExists;

    /** This machine: the process environment and the real filesystem. */
    public WindowsInventorySource(CommandRunner runner, List<String> pathsToProbe, Clock clock) {
        this(runner, pathsToProbe, clock, System::getenv, WindowsInventorySource::exists);
    }

    /**
     * @param runner       runs PowerShell (and reg.exe when PowerShell fails)
     * @param pathsToProbe install folders to check (from the rule packs and catalog)
     * @param clock        now, for judging Defender's signature age
     * @param env          the environment: SystemRoot, PROCESSOR_ARCHITEW6432, COMPUTERNAME, ...
     * @param pathExists   whether a path exists, so tests need no Windows filesystem
     */
    public WindowsInventorySource(CommandRunner runner, List<String> pathsToProbe, Clock clock, Function<String, String> env,
                            Predicate<String> pathExists) {
        this.runner = runner;
        this.pathsToProbe = List.copyOf(pathsToProbe);
        this.clock = clock;
        this.env = env;
        this.pathExists = pathExists;
    }

    @Override
    public Inventory read() {
        ScanContext ctx = new ScanContext();
        Script ran = runInventoryScript(ctx);
        PowerShellSections sections = ran.sections();
        Host host = sections.isEmpty() ? hostFromEnvironment(ctx) : host(sections, ran.missing(), ctx);
        if (!sections.isEmpty()) {
            readSections(new Sections(sections, ran.missing(), ctx), ctx);
        }
        ctx.source("paths", c -> c.observations(probePaths()));
        return new Inventory(host, ctx.software(), ctx.observations(), ctx.securityProducts(), ctx.errors());
    }

    /** Every section after host, in the script's order, so errors are listed in that order too. */
    private void readSections(Sections read, ScanContext ctx) {
        // The machine's installed programs are the inventory's backbone: without them the scan is incomplete.
        ctx.software(read.primarySection(UninstallEntries.MACHINE_SECTION, UninstallEntries::parseMachine, List.of()));
        ctx.software(read.section(UninstallEntries.USERS_SECTION, UninstallEntries::parseUsers, List.of()));
        ctx.software(read.section(AppxPackages.SECTION, AppxPackages::parse, List.of()));
        List<SecurityCenter.Registration> registrations = new ArrayList<>();
        for (String wsc : SecurityCenter.SECTIONS) {
            registrations.addAll(read.section(wsc, json -> SecurityCenter.parse(wsc, json), List.of()));
        }
        SecurityProduct defender = read.section(DefenderStatus.SECTION, json -> DefenderStatus.parse(json, clock), null);
        ctx.observations(read.section(DefenderEndpoint.SECTION, DefenderEndpoint::parse, List.of()));
        ctx.observations(ServicePrograms.checkPrograms(read.section(Win32Services.SERVICES, Win32Services::parseServices,
                List.of()), pathExists, env));
        ctx.observations(read.section(Win32Services.DRIVERS, Win32Services::parseDrivers, List.of()));
        KasperskyRegistry.Result kaspersky = read.section(KasperskyRegistry.SECTION, KasperskyRegistry::parse,
                KasperskyRegistry.parse(""));
        ctx.observations(kaspersky.keys());
        ctx.observations(read.section(WindowsProcesses.SECTION, WindowsProcesses::parse, List.of()));
        ctx.securityProducts(ReportedSecurityProducts.combine(SecurityCenter.products(registrations), defender, kaspersky));
    }

    /** What the script printed, and what to say of a section it did not print. */
    private record Script(PowerShellSections sections, String missing) {
        static final String NOT_PRINTED = "not in the inventory script's output";
    }

    /**
     * The script's sections, or none (and one error) when PowerShell did not run or printed nothing
     * usable. When it timed out, the sections it finished before are kept and the rest are unfinished.
     */
    private Script runInventoryScript(ScanContext ctx) {
        String script = script();
        if (script == null) {
            ctx.primaryError(POWERSHELL_SOURCE, SCRIPT + " is missing from the agent");
            return new Script(PowerShellSections.parse(""), Script.NOT_PRINTED);
        }
        List<String> argv = List.of(powerShellPath(), "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                "-Command", "-");
        CommandResult result = runner.run(argv, script, POWERSHELL_TIMEOUT);
        if (result.timedOut()) {
            PowerShellSections finished = PowerShellSections.parseCut(result.stdout());
            // With sections kept, each missing one is an error of its own (the installed programs' a primary one).
            if (finished.isEmpty()) {
                ctx.primaryError(POWERSHELL_SOURCE, result.problem() + " before any section was finished");
            } else {
                ctx.error(POWERSHELL_SOURCE, result.problem() + "; kept the "
                        + (finished.bodies().size() + finished.errors().size()) + " sections finished before");
            }
            return new Script(finished, "not finished before PowerShell timed out");
        }
        if (result.failure() != null) {
            ctx.primaryError(POWERSHELL_SOURCE, result.problem());
            return new Script(PowerShellSections.parse(""), Script.NOT_PRINTED);
        }
        PowerShellSections sections = PowerShellSections.parse(result.stdout());
        if (sections.isEmpty()) {
            ctx.primaryError(POWERSHELL_SOURCE, result.exitCode() != 0 ? result.problem() : "printed no inventory sections");
        }
        return new Script(sections, Script.NOT_PRINTED);
    }

    /**
     * The 64-bit powershell.exe by its full path (a bare name would also search the agent's own
     * folder). A 32-bit JVM on 64-bit Windows reaches it through Sysnative: its System32 is the
     * 32-bit SysWOW64, whose PowerShell sees a redirected registry and misses 64-bit programs.
     */
    String powerShellPath() {
        String systemRoot = systemRoot();
        if (systemRoot == null) {
            return "powershell.exe";
        }
        String system = env.apply("PROCESSOR_ARCHITEW6432") != null ? "\\Sysnative" : "\\System32";
        return systemRoot + system + "\\WindowsPowerShell\\v1.0\\powershell.exe";
    }

    private Host host(PowerShellSections sections, String missing, ScanContext ctx) {
        String error = sections.errors().get(WindowsHost.SECTION);
        String body = sections.bodies().get(WindowsHost.SECTION);
        if (error == null && body != null) {
            try {
                return WindowsHost.parse(body);
            } catch (RuntimeException e) {
                error = e.getMessage();
            }
        }
        ctx.error(WindowsHost.SECTION, error != null ? error : missing);
        return hostFromEnvironment(ctx);
    }

    private Host hostFromEnvironment(ScanContext ctx) {
        String systemRoot = systemRoot();
        String reg = systemRoot == null ? "reg.exe" : systemRoot + "\\System32\\reg.exe";
        // /reg:64: MachineGuid exists only in the 64-bit view, which a 32-bit process does not see by default.
        CommandResult result = runner.run(List.of(reg, "query", "HKLM\\SOFTWARE\\Microsoft\\Cryptography", "/v",
                "MachineGuid", "/reg:64"), null, REG_TIMEOUT);
        String machineGuid = result.ok() ? WindowsHost.machineGuidFromReg(result.stdout()) : null;
        if (machineGuid == null) {
            ctx.error(WindowsHost.SECTION, "MachineGuid could not be read (" + (result.ok() ? "not in reg.exe output"
                    : result.problem()) + "); the host id is derived from the host name");
        }
        return WindowsHost.fromEnvironment(env, machineGuid);
    }

    private List<Evidence> probePaths() {
        List<Evidence> out = new ArrayList<>();
        for (String path : pathsToProbe) {
            if (WINDOWS_PATH.matcher(path).find() && pathExists.test(path)) {
                out.add(Evidence.of(EvidenceKind.PATH, "path", path));
            }
        }
        return out;
    }

    private String systemRoot() {
        String root = env.apply("SystemRoot");
        if (root == null || root.isBlank()) {
            root = env.apply("windir");
        }
        return root == null || root.isBlank() ? null : root;
    }

    private static String script() {
        try (InputStream in = WindowsInventorySource.class.getResourceAsStream(SCRIPT)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean exists(String path) {
        try {
            return Files.exists(Path.of(path));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Reads sections into results; a failed, missing or unreadable section is an error named after it. */
    private record Sections(PowerShellSections sections, String missing, ScanContext ctx) {
        <T> T section(String name, Function<String, T> parser, T otherwise) {
            return read(name, parser, otherwise, false);
        }

        /** A section the scan cannot do without: its failure makes the scan incomplete. */
        <T> T primarySection(String name, Function<String, T> parser, T otherwise) {
            return read(name, parser, otherwise, true);
        }

        private <T> T read(String name, Function<String, T> parser, T otherwise, boolean primary) {
            String error = sections.errors().get(name);
            String body = sections.bodies().get(name);
            if (error != null || body == null) {
                String message = error != null ? error : missing;
                if (primary) {
                    ctx.primaryError(name, message);
                } else {
                    ctx.error(name, message);
                }
                return otherwise;
            }
            List<T> result = new ArrayList<>(1);
            if (primary) {
                ctx.primarySource(name, c -> result.add(parser.apply(body)));
            } else {
                ctx.source(name, c -> result.add(parser.apply(body)));
            }
            return result.isEmpty() ? otherwise : result.get(0);
        }
    }
}
