package io.banwatch.agent.scan;

import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.InventorySource;
import io.banwatch.agent.inventory.linux.LinuxInventorySource;
import io.banwatch.agent.inventory.macos.MacInventorySource;
import io.banwatch.agent.inventory.windows.WindowsInventorySource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Picks the inventory source for this machine's OS: the one place that switches on the platform. */
public final class InventorySources {
    private InventorySources() {
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
     * The inventory source for the running system.
     *
     * @param pathsToProbe install paths to check, per OS family
     */
    public static InventorySource forThisMachine(CommandRunner runner, java.util.function.Function<String, List<String>> pathsToProbe) {
        return forFamily(osFamily(), runner, pathsToProbe);
    }

    /** The live inventory source for an OS family, as {@link #osFamily()} names it. */
    static InventorySource forFamily(String family, CommandRunner runner,
                               java.util.function.Function<String, List<String>> pathsToProbe) {
        return switch (family) {
            case "linux" -> new LinuxInventorySource(Path.of("/"), true, runner, pathsToProbe.apply(family), oshiHardwareUuid());
            case "macos" -> new MacInventorySource(Path.of("/"), true, runner, pathsToProbe.apply(family));
            case "windows" -> new WindowsInventorySource(runner, pathsToProbe.apply(family), Clock.systemUTC());
            default -> throw new UnsupportedOperationException("no inventory source for " + family + " in this build");
        };
    }

    /** An inventory source for a Linux filesystem mounted at {@code root}, touching nothing else. */
    public static InventorySource forLinuxImage(Path root, CommandRunner runner, List<String> pathsToProbe) {
        return new LinuxInventorySource(root, false, runner, pathsToProbe, () -> null);
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
