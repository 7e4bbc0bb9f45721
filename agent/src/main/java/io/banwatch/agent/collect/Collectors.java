package io.banwatch.agent.collect;

import io.banwatch.agent.collect.linux.LinuxCollector;
import io.banwatch.agent.collect.macos.MacCollector;
import io.banwatch.agent.collect.windows.WindowsCollector;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Picks the collector for this machine's OS: the one place that switches on the platform. */
public final class Collectors {
    private Collectors() {
    }

    /** The OS family of the running JVM: linux, windows or macos. */
    public static String osFamily() {
        return osFamily(System.getProperty("os.name", ""));
    }

    /** The OS family an {@code os.name} value names; anything not Windows or macOS is treated as Linux. */
    static String osFamily(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return "windows";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "macos";
        }
        return "linux";
    }

    /**
     * The collector for the running system.
     *
     * @param pathsToProbe install paths to check, per OS family
     */
    public static Collector forThisMachine(CommandRunner runner, java.util.function.Function<String, List<String>> pathsToProbe) {
        return forFamily(osFamily(), runner, pathsToProbe);
    }

    /** The live collector for an OS family, as {@link #osFamily()} names it. */
    static Collector forFamily(String family, CommandRunner runner,
                               java.util.function.Function<String, List<String>> pathsToProbe) {
        return switch (family) {
            case "linux" -> new LinuxCollector(Path.of("/"), true, runner, pathsToProbe.apply(family), oshiHardwareUuid());
            case "macos" -> new MacCollector(Path.of("/"), true, runner, pathsToProbe.apply(family));
            case "windows" -> new WindowsCollector(runner, pathsToProbe.apply(family), Clock.systemUTC());
            default -> throw new UnsupportedOperationException("no collector for " + family + " in this build");
        };
    }

    /** A collector for a Linux filesystem mounted at {@code root}, touching nothing else. */
    public static Collector forLinuxImage(Path root, CommandRunner runner, List<String> pathsToProbe) {
        return new LinuxCollector(root, false, runner, pathsToProbe, () -> null);
    }

    /** OSHI's hardware UUID, loaded only when asked: OSHI's start-up is the slowest thing we could do. */
    static Supplier<String> oshiHardwareUuid() {
        return () -> {
            try {
                String uuid = new oshi.SystemInfo().getHardware().getComputerSystem().getHardwareUUID();
                return uuid == null || uuid.equalsIgnoreCase("unknown") ? null : uuid;
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        };
    }
}
