package io.banwatch.collector.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The collector's data directory: it holds the database and the first-start secrets. */
public final class DataDirectory {
    private DataDirectory() {
    }

    /**
     * Creates {@code dir} (and missing parents) readable by its owner only, so the database and
     * secrets are not left world-readable under a default umask. A directory that already exists
     * keeps its permissions: a package may have given it a group on purpose.
     */
    public static void create(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(absolute);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // Fine if another collector starting on the same directory made it meanwhile; a file is not.
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
    }
}
