package io.banwatch.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads recorded outputs from src/test/resources/fixtures and builds fake filesystem roots. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} to {@code root/relative}, creating the directories. */
    public static Path write(Path root, String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path mkdirs(Path root, String relative) {
        try {
            return Files.createDirectories(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Debian 12 root with kesl installed (dpkg), klnagent64's configuration left behind, decoy
     * packages, the kesl systemd unit enabled and the /opt install folder.
     */
    public static Path debianWithKesl(Path root) {
        write(root, "etc/os-release", text("linux/os-release-debian12.txt"));
        write(root, "etc/machine-id", "3f2b6c1e9a8d4e7f8a1b2c3d4e5f6071\n");
        write(root, "etc/hostname", "ws-0042\n");
        write(root, "var/lib/dpkg/status", text("linux/dpkg-status-debian12-kesl.txt"));
        write(root, "lib/systemd/system/kesl.service", text("linux/kesl.service"));
        write(root, "lib/systemd/system/ssh.service", "[Unit]\nDescription=OpenBSD Secure Shell server\n");
        try {
            Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
            Files.createSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/kesl.service"),
                    Path.of("/lib/systemd/system/kesl.service"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mkdirs(root, "opt/kaspersky/kesl/bin");
        return root;
    }
}
