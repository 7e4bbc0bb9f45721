package io.banwatch.collector;

import io.banwatch.collector.audit.Actor;
import io.banwatch.collector.auth.Role;
import io.banwatch.collector.auth.Secrets;
import io.banwatch.collector.auth.TokenStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * First-start secrets, written once to owner-only files in the data directory: the enrollment
 * secret (unless configured) and an initial admin token (when none exists yet). Nothing secret is
 * printed to the log; the log says where to find them.
 */
final class Bootstrap {
    static final String ENROLLMENT_FILE = "enrollment-secret";
    static final String ADMIN_FILE = "initial-admin-token";

    private Bootstrap() {
    }

    static String enrollmentSecret(Path dataDir, String configured, Secrets secrets) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        Path file = dataDir.resolve(ENROLLMENT_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String secret = secrets.randomSecret();
            writeOwnerOnly(file, secret + "\n");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Issues an admin token when there is none; returns the file it was written to, or null. */
    static Path initialAdmin(Path dataDir, TokenStore tokens) {
        if (tokens.hasActive(Role.ADMIN)) {
            return null;
        }
        // The first admin token is a change like any other token issued: the log says where it came from.
        TokenStore.Issued admin = tokens.issueForPerson(Actor.system("first start"), Role.ADMIN, "initial admin");
        Path file = dataDir.resolve(ADMIN_FILE);
        try {
            Files.deleteIfExists(file);
            writeOwnerOnly(file, admin.token() + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        io.banwatch.collector.db.DataDirectory.create(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // written by an earlier start
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
