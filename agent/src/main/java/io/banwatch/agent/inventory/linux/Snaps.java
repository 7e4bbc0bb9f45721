package io.banwatch.agent.inventory.linux;

import io.banwatch.model.Software;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installed snaps, read from snapd's own files rather than through {@code snap list}: each
 * installed revision is a file {@code /var/lib/snapd/snaps/<name>_<revision>.snap}; the version
 * is in {@code /snap/<name>/current/meta/snap.yaml} when the snap is mounted (a live system), else
 * the revision stands for it (a mounted image). Recorded snap.yaml head:
 * <pre>
 * name: firefox
 * version: 121.0-1
 * summary: Mozilla Firefox web browser
 * </pre>
 */
public final class Snaps {
    private Snaps() {
    }

    public static List<Software> read(Path root) throws IOException {
        Path snaps = root.resolve("var/lib/snapd/snaps");
        if (!Files.isDirectory(snaps)) {
            return List.of();
        }
        // The newest revision of each snap (several are kept for rollback).
        Map<String, Long> newest = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(snaps, "*.snap")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                int us = n.lastIndexOf('_');
                if (us <= 0) {
                    continue;
                }
                try {
                    long rev = Long.parseLong(n.substring(us + 1, n.length() - 5));
                    newest.merge(n.substring(0, us), rev, Math::max);
                } catch (NumberFormatException e) {
                    // "x1"-style revisions of locally installed snaps have no number; skip them
                }
            }
        }
        List<Software> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : newest.entrySet()) {
            String version = version(root.resolve("snap").resolve(e.getKey()).resolve("current/meta/snap.yaml"));
            out.add(new Software(e.getKey(), version != null ? version : "rev " + e.getValue(), null, "snap",
                    Software.MACHINE, null, e.getKey(), null, "/snap/" + e.getKey()));
        }
        return out;
    }

    /** The {@code version:} line of a snap.yaml, unquoted; null when absent or unreadable. */
    static String version(Path snapYaml) {
        try {
            for (String line : Files.readAllLines(snapYaml, StandardCharsets.UTF_8)) {
                if (line.startsWith("version:")) {
                    String v = line.substring(8).strip();
                    if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"')) {
                        v = v.substring(1, v.length() - 1);
                    }
                    return v.isEmpty() ? null : v;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
