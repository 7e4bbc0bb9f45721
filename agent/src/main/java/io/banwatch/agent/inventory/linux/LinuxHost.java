package io.banwatch.agent.inventory.linux;

import io.banwatch.model.OsFamily;
import io.banwatch.agent.inventory.HostId;
import io.banwatch.agent.inventory.MachineArch;
import io.banwatch.model.Host;
import io.banwatch.model.OsInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Host facts of a Linux system, read from files under a root: os-release, machine-id, hostname,
 * kernel release. Reading these few files directly takes well under a millisecond, where
 * OSHI's SystemInfo start-up costs a good part of a second on a cold JVM; OSHI is asked only for
 * the hardware UUID, and only when no machine-id exists.
 */
public final class LinuxHost {
    private final Path root;
    private final boolean live;
    private final Supplier<String> hardwareUuid;

    /**
     * @param root         the filesystem root ("/" for this machine)
     * @param live         true for the running system (reads /proc), false for a mounted image
     * @param hardwareUuid fallback id source when there is no machine-id (OSHI on a live system)
     */
    public LinuxHost(Path root, boolean live, Supplier<String> hardwareUuid) {
        this.root = root;
        this.live = live;
        this.hardwareUuid = hardwareUuid;
    }

    public Host read(String archFallback) {
        Map<String, String> osRelease = OsRelease.parse(firstReadable("etc/os-release", "usr/lib/os-release"));
        String name = osRelease.getOrDefault("PRETTY_NAME", osRelease.getOrDefault("NAME", "Linux"));
        String version = osRelease.getOrDefault("VERSION_ID", null);
        String build = live ? readFile("proc/sys/kernel/osrelease") : null;
        OsInfo os = new OsInfo(OsFamily.LINUX.id(), name, version, blankToNull(build));

        String hostname = live ? readFile("proc/sys/kernel/hostname") : "";
        if (hostname.isBlank()) {
            hostname = readFile("etc/hostname");
        }
        if (hostname.isBlank()) {
            hostname = live ? "localhost" : root.toAbsolutePath().toString();
        }
        String arch = live ? MachineArch.normalise(System.getProperty("os.arch")) : archFallback;
        return new Host(hostId(), hostname.strip(), os, arch, null);
    }

    private String hostId() {
        String id = HostId.derive(firstReadable("etc/machine-id", "var/lib/dbus/machine-id"));
        if (id == null && live) {
            id = HostId.derive(readFile("sys/class/dmi/id/product_uuid"));
        }
        if (id == null && live) {
            id = HostId.derive(hardwareUuid.get());
        }
        if (id == null) {
            // An offline image with no machine-id yet (a golden image): name it by where it is mounted.
            id = HostId.derive("image:" + root.toAbsolutePath().normalize());
        }
        return id;
    }

    private String firstReadable(String... paths) {
        for (String p : paths) {
            String text = readFile(p);
            if (!text.isBlank()) {
                return text;
            }
        }
        return "";
    }

    private String readFile(String relative) {
        try {
            return Files.readString(root.resolve(relative), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The architecture most packages in an image were built for, e.g. from dpkg's amd64. */
    public static String archOfPackages(List<String> packageArchs) {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (String a : packageArchs) {
            if (a != null && !a.equals("all") && !a.equals("noarch")) {
                counts.merge(a, 1L, Long::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> MachineArch.normalise(e.getKey())).orElse(null);
    }
}
