package io.banwatch.agent.inventory.macos;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The root of a Mac's filesystem ("/" on a live scan, or where an image is mounted) and the way
 * paths under it are reported: as they are on the Mac, e.g. {@code /Applications/Slack.app}.
 *
 * <p>Listing and plist reading never throw: a directory or file that cannot be read is handed to
 * the caller's {@code problems} as one line naming it, and skipped.
 */
final class MacRoot {
    private final Path root;

    MacRoot(Path root) {
        this.root = root;
    }

    /** The file for a path on the Mac, absolute ("/Library/Extensions") or not. */
    Path resolve(String macPath) {
        return root.resolve(macPath.startsWith("/") ? macPath.substring(1) : macPath);
    }

    /** How a file under the root is named on the Mac. */
    String shown(Path file) {
        return "/" + root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * The entries of a directory, sorted by name, without hidden ones (.DS_Store, .localized).
     * A directory that does not exist is empty.
     */
    List<Path> list(Path dir, Consumer<String> problems) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().startsWith(".")) {
                    out.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Other users' home folders are closed to a non-root agent: say so, read the rest.
            problems.accept(shown(dir) + ": cannot list: " + (e instanceof AccessDeniedException ? "permission denied"
                    : e.getClass().getSimpleName()));
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /**
     * The entries of a folder every Mac has (/Applications, the receipts): one that is missing or
     * cannot be listed is told to {@code primary}, since without it finding nothing proves nothing.
     */
    List<Path> listRequired(Path dir, String suffix, Consumer<String> primary) {
        if (!Files.isDirectory(dir)) {
            primary.accept(shown(dir) + (Files.exists(dir) ? ": not a folder" : ": no such folder"));
            return new ArrayList<>();
        }
        return suffix == null ? list(dir, primary) : list(dir, suffix, primary);
    }

    /** The entries of {@code dir} whose names end with {@code suffix}. */
    List<Path> list(Path dir, String suffix, Consumer<String> problems) {
        List<Path> out = new ArrayList<>();
        for (Path entry : list(dir, problems)) {
            if (entry.getFileName().toString().endsWith(suffix)) {
                out.add(entry);
            }
        }
        return out;
    }

    /** The home folders under /Users. */
    List<Path> userHomes(Consumer<String> problems) {
        List<Path> out = new ArrayList<>();
        for (Path home : list(resolve("/Users"), problems)) {
            if (Files.isDirectory(home)) {
                out.add(home);
            }
        }
        return out;
    }

    /** The property list in {@code file}, or empty when it cannot be read (and {@code problems} is told why). */
    Optional<Plist> plist(Path file, Consumer<String> problems) {
        try {
            return Optional.of(Plist.read(file));
        } catch (Plist.Unreadable e) {
            problems.accept(shown(file) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Turns a property list into an item, given the file's name without extension and its path on the Mac. */
    interface Describer<T> {
        T describe(Plist plist, String name, String location);
    }

    /** The item a plist file (a receipt, a launchd job) describes, or empty when it cannot be read. */
    <T> Optional<T> readPlistFile(Path file, Describer<T> describer, Consumer<String> problems) {
        return plist(file, problems).map(p -> describer.describe(p, withoutExtension(file), shown(file)));
    }

    /**
     * The item a bundle ({@code X.app}, {@code X.kext}) describes in its Contents/Info.plist; empty when
     * it has none (a folder named like a bundle is not one) or it cannot be read.
     */
    <T> Optional<T> readBundle(Path bundle, Describer<T> describer, Consumer<String> problems) {
        Path info = bundle.resolve("Contents/Info.plist");
        if (!Files.isRegularFile(info)) {
            return Optional.empty();
        }
        return plist(info, problems).map(p -> describer.describe(p, withoutExtension(bundle), shown(bundle)));
    }

    /** A file's name without its last extension: "Slack" for "Slack.app". */
    static String withoutExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
