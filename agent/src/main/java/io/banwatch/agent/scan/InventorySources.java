package io.banwatch.agent.scan;

import io.banwatch.model.OsFamily;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.InventorySource;
import io.banwatch.agent.inventory.linux.LinuxInventorySource;
import io.banwatch.agent.inventory.macos.MacInventorySource;
import io.banwatch.agent.inventory.windows.WindowsInventorySource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Picks the inventory source for this machine's OS: the one place that switches on the platform. */
public final class InventorySources {
    private InventorySources() {
    }

    /** The OS family of the running JVM. */
    public static OsFamily osFamily() {
        return OsFamily.ofOsName(System.getProperty("os.name", ""));
    }

    /**
     * The inventory source for the running system.
     *
     * @param pathsToProbe install paths to check, per OS family
     */
    public static InventorySource forThisMachine(CommandRunner runner, java.util.function.Function<String, List<String>> pathsToProbe) {
        return forFamily(osFamily(), runner, pathsToProbe);
    }

    /**
     * The live inventory source for an OS family; {@code pathsToProbe} is asked by the family's id
     * (on Linux only when the source reaches its path probe, so a scan can read the packages while
     * the rule packs load).
     */
    static InventorySource forFamily(OsFamily family, CommandRunner runner,
                               java.util.function.Function<String, List<String>> pathsToProbe) {
        return switch (family) {
            case LINUX -> new LinuxInventorySource(Path.of("/"), true, runner, () -> pathsToProbe.apply(family.id()),
                    oshiHardwareUuid());
            case MACOS -> new MacInventorySource(Path.of("/"), true, runner, pathsToProbe.apply(family.id()));
            case WINDOWS -> new WindowsInventorySource(runner, pathsToProbe.apply(family.id()), Clock.systemUTC());
        };
    }

    /** An inventory source for a Linux filesystem mounted at {@code root}, touching nothing else. */
    public static InventorySource forLinuxImage(Path root, CommandRunner runner, List<String> pathsToProbe) {
        return new LinuxInventorySource(root, false, runner, pathsToProbe, () -> null);
    }

    /** As above, with the install paths asked for only when the source reaches its path probe. */
    public static InventorySource forLinuxImage(Path root, CommandRunner runner, Supplier<List<String>> pathsToProbe) {
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
