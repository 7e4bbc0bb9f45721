package io.banwatch.agent.inventory.linux;

import io.banwatch.model.Software;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flatpak applications, system-wide ({@code /var/lib/flatpak/app}) and per user
 * ({@code ~/.local/share/flatpak/app}, scope {@code user:<name>}), read from the installation
 * directories: {@code <app-id>/current} points at {@code <arch>/<branch>}; the version is the
 * first {@code <release version="...">} of the app's metainfo, when it ships one.
 */
public final class Flatpaks {
    private static final Pattern RELEASE = Pattern.compile("<release\\b[^>]*\\bversion=\"([^\"]+)\"");

    private Flatpaks() {
    }

    public static List<Software> read(Path root) throws IOException {
        List<Software> out = new ArrayList<>(installation(root.resolve("var/lib/flatpak/app"), Software.MACHINE));
        for (Path home : homes(root)) {
            out.addAll(installation(home.resolve(".local/share/flatpak/app"), "user:" + home.getFileName()));
        }
        return out;
    }

    private static List<Path> homes(Path root) throws IOException {
        List<Path> homes = new ArrayList<>();
        Path base = root.resolve("home");
        if (Files.isDirectory(base)) {
            try (DirectoryStream<Path> users = Files.newDirectoryStream(base)) {
                users.forEach(homes::add);
            }
        }
        if (Files.isDirectory(root.resolve("root"))) {
            homes.add(root.resolve("root"));
        }
        homes.sort(null);
        return homes;
    }

    private static List<Software> installation(Path apps, String scope) throws IOException {
        List<Software> out = new ArrayList<>();
        if (!Files.isDirectory(apps)) {
            return out;
        }
        try (DirectoryStream<Path> ids = Files.newDirectoryStream(apps)) {
            for (Path app : ids) {
                String id = app.getFileName().toString();
                Path current = app.resolve("current");
                if (!Files.isDirectory(current)) {
                    continue;
                }
                String archBranch = targetOf(current);
                String arch = archBranch.contains("/") ? archBranch.substring(0, archBranch.indexOf('/')) : null;
                String branch = archBranch.contains("/") ? archBranch.substring(archBranch.indexOf('/') + 1) : null;
                String version = release(current.resolve("active/files/share/metainfo/" + id + ".metainfo.xml"));
                if (version == null) {
                    version = release(current.resolve("active/files/share/appdata/" + id + ".appdata.xml"));
                }
                out.add(new Software(id, version != null ? version : branch, null, "flatpak", scope, arch, id, null,
                        app.toString()));
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    private static String targetOf(Path link) {
        try {
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).toString().replace('\\', '/') : "";
        } catch (IOException e) {
            return "";
        }
    }

    static String release(Path metainfo) {
        try {
            Matcher m = RELEASE.matcher(Files.readString(metainfo, StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
