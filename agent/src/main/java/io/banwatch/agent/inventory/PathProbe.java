package io.banwatch.agent.inventory;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks which of the install paths the rule packs name exist under a filesystem root. The
 * paths are absolute on the scanned system ("/opt/kaspersky"); the root is "/" on a live scan or
 * where an image is mounted.
 */
public final class PathProbe {
    private PathProbe() {
    }

    /** A {@link EvidenceKind#PATH} observation for each path that exists, in the given order. */
    public static List<Evidence> existing(Path root, List<String> absolutePaths) {
        List<Evidence> out = new ArrayList<>();
        for (String path : absolutePaths) {
            if (path.startsWith("/") && Files.exists(root.resolve(path.substring(1)))) {
                out.add(Evidence.of(EvidenceKind.PATH, "path", path));
            }
        }
        return out;
    }
}
