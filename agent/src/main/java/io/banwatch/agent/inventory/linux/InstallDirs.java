package io.banwatch.agent.inventory.linux;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Software installed outside the package manager lives in vendor folders: {@code /opt/<vendor>}
 * and {@code /opt/<vendor>/<product>}, and {@code /usr/local/<name>} beside the standard
 * hierarchy. Each is recorded as a path, so a rule written later (the collector re-judges stored
 * reports) can still recognise a product the agent's own rules did not know.
 */
public final class InstallDirs {
    /** The standard /usr/local hierarchy (hier(7)); anything else there was put there by someone. */
    private static final Set<String> USR_LOCAL_STANDARD = Set.of("bin", "etc", "games", "include", "lib", "lib32",
            "lib64", "libexec", "man", "sbin", "share", "src");

    private InstallDirs() {
    }

    public static List<Evidence> read(Path root) throws IOException {
        List<Evidence> out = new ArrayList<>();
        for (Path vendor : dirs(root.resolve("opt"))) {
            out.add(path(root, vendor));
            for (Path product : dirs(vendor)) {
                out.add(path(root, product));
            }
        }
        for (Path d : dirs(root.resolve("usr/local"))) {
            if (!USR_LOCAL_STANDARD.contains(d.getFileName().toString())) {
                out.add(path(root, d));
            }
        }
        return out;
    }

    private static Evidence path(Path root, Path dir) {
        return Evidence.of(EvidenceKind.PATH, "install-dirs", "/" + root.relativize(dir).toString().replace('\\', '/'));
    }

    private static List<Path> dirs(Path parent) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, Files::isDirectory)) {
            entries.forEach(out::add);
        }
        out.sort(null);
        return out;
    }
}
