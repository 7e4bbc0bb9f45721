package io.banwatch.agent.inventory.linux;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists systemd service units by reading the unit directories, not through systemctl (which
 * starts a D-Bus client and takes a noticeable fraction of a second). A unit linked from a
 * {@code *.wants} directory under /etc/systemd/system is reported as enabled. The first directory
 * in systemd's search order that holds a unit name wins, as in systemd itself.
 */
public final class SystemdUnits {
    /** systemd's unit search path for system units, highest priority first. */
    static final List<String> UNIT_DIRS = List.of("etc/systemd/system", "run/systemd/system",
            "usr/local/lib/systemd/system", "lib/systemd/system", "usr/lib/systemd/system");

    private SystemdUnits() {
    }

    /** Units under {@code root}; a missing directory is simply empty. */
    public static List<Evidence> read(Path root) throws IOException {
        Map<String, Path> units = new LinkedHashMap<>();
        Set<Path> seenDirs = new HashSet<>();
        for (String dir : UNIT_DIRS) {
            Path d = root.resolve(dir);
            // /lib is a symlink to /usr/lib on merged-/usr systems: read each real directory once.
            if (!Files.isDirectory(d) || !seenDirs.add(d.toRealPath())) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(d, "*.service")) {
                for (Path f : files) {
                    units.putIfAbsent(f.getFileName().toString(), f);
                }
            }
        }
        Set<String> enabled = enabledUnits(root.resolve("etc/systemd/system"));
        List<Evidence> out = new ArrayList<>(units.size());
        for (Map.Entry<String, Path> u : units.entrySet()) {
            String location = "/" + root.relativize(u.getValue()).toString().replace('\\', '/');
            out.add(new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", u.getKey(), location,
                    enabled.contains(u.getKey()) ? "enabled" : null));
        }
        return out;
    }

    private static Set<String> enabledUnits(Path etc) throws IOException {
        Set<String> out = new HashSet<>();
        if (!Files.isDirectory(etc)) {
            return out;
        }
        try (DirectoryStream<Path> wants = Files.newDirectoryStream(etc, "*.wants")) {
            for (Path w : wants) {
                try (DirectoryStream<Path> links = Files.newDirectoryStream(w, "*.service")) {
                    for (Path l : links) {
                        out.add(l.getFileName().toString());
                    }
                }
            }
        }
        return out;
    }
}
