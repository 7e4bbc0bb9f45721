package io.banwatch.agent.inventory.linux;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Kernel modules shipped on disk, for images, where /proc/modules is not the image's. Only
 * out-of-tree modules are listed: a vendor's module (an antivirus file-system filter) is built
 * outside the kernel and lands in {@code extra/}, {@code updates/} (DKMS), {@code misc/} or
 * {@code weak-updates/}, while the distribution's thousands of modules sit under {@code kernel/}.
 * For each {@code /lib/modules/<release>} both sources are read: the non-{@code kernel/} lines of
 * modules.dep (depmod's index, one {@code path: deps} line a module) and those four folders
 * themselves, a few levels deep, for a module copied in without depmod.
 */
public final class ModuleFiles {
    static final String SOURCE = "lib-modules";
    private static final List<String> BASES = List.of("lib/modules", "usr/lib/modules");
    private static final List<String> OUT_OF_TREE = List.of("extra", "updates", "misc", "weak-updates");
    private static final int MAX_DEPTH = 4;

    private ModuleFiles() {
    }

    public static List<Evidence> read(Path root) throws IOException {
        Set<Evidence> out = new LinkedHashSet<>();
        Set<Path> seen = new HashSet<>();
        for (String base : BASES) {
            Path dir = root.resolve(base);
            // /lib is a symlink to /usr/lib on merged-/usr systems: read each real directory once.
            if (!Files.isDirectory(dir) || !seen.add(dir.toRealPath())) {
                continue;
            }
            for (Path kernel : sorted(dir)) {
                out.addAll(kernel(root, kernel));
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Evidence> kernel(Path root, Path kernel) throws IOException {
        Set<String> relative = new LinkedHashSet<>(fromModulesDep(kernel));
        for (String folder : OUT_OF_TREE) {
            Path d = kernel.resolve(folder);
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            // weak-updates holds symlinks to other kernels' modules: list them by name, never follow them.
            try (Stream<Path> files = Files.walk(d, MAX_DEPTH)) {
                files.filter(f -> moduleName(f.getFileName().toString()) != null)
                        .filter(f -> !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS))
                        .map(f -> kernel.relativize(f).toString().replace('\\', '/'))
                        .sorted()
                        .forEach(relative::add);
            }
        }
        String release = kernel.getFileName().toString();
        String at = "/" + root.relativize(kernel).toString().replace('\\', '/') + "/";
        List<Evidence> out = new ArrayList<>();
        for (String rel : relative) {
            String file = rel.substring(rel.lastIndexOf('/') + 1);
            out.add(new Evidence(EvidenceKind.KERNEL_MODULE, SOURCE, moduleName(file), at + rel, "kernel=" + release));
        }
        return out;
    }

    /** The out-of-tree entries of modules.dep, as paths relative to the kernel's folder. */
    static List<String> fromModulesDep(Path kernel) {
        String dep;
        try {
            dep = Files.readString(kernel.resolve("modules.dep"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // No index (a kernel folder with only headers, or depmod never ran): the folders still count.
            return List.of();
        }
        String prefix = "/lib/modules/" + kernel.getFileName() + "/";
        List<String> out = new ArrayList<>();
        for (String line : dep.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String path = line.substring(0, colon).strip();
            // Old module-init-tools wrote absolute paths.
            if (path.startsWith(prefix)) {
                path = path.substring(prefix.length());
            }
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (!path.startsWith("kernel/") && !path.startsWith("/") && moduleName(file) != null) {
                out.add(path);
            }
        }
        return out;
    }

    /**
     * The module's name from its file name: without {@code .ko} and a compression suffix, and
     * with dashes as underscores, as the kernel names it in /proc/modules. Null for other files.
     */
    static String moduleName(String fileName) {
        String n = fileName;
        for (String z : List.of(".xz", ".zst", ".gz")) {
            if (n.endsWith(".ko" + z)) {
                n = n.substring(0, n.length() - z.length());
            }
        }
        if (!n.endsWith(".ko") || n.length() == 3) {
            return null;
        }
        return n.substring(0, n.length() - 3).replace('-', '_');
    }

    private static List<Path> sorted(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))) {
            entries.forEach(out::add);
        }
        out.sort(null);
        return out;
    }
}
