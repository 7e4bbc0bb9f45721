package io.banwatch.agent.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The token the collector issued at enrollment, stored with owner-only permissions (mode 0600 on
 * Linux and macOS; an ACL granting only the owner on Windows), together with the collector and
 * host it belongs to.
 */
public final class HostToken {
    /**
     * @param token     the secret
     * @param hostId    the host it was issued for
     * @param collector the collector URL it was issued by
     */
    public record Stored(String token, String hostId, String collector) {
    }

    private final Path file;

    public HostToken(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Optional<Stored> read() {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the host token " + file + ": " + e.getMessage(), e);
        }
        String token = p.getProperty("token");
        return token == null || token.isBlank() ? Optional.empty()
                : Optional.of(new Stored(token.strip(), p.getProperty("host-id", ""), p.getProperty("collector", "")));
    }

    public void write(Stored stored) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temp);
            createOwnerOnly(temp);
            Files.writeString(temp, "# banwatch host token: keep secret\ntoken=" + stored.token() + "\nhost-id="
                    + stored.hostId() + "\ncollector=" + stored.collector() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the host token in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createOwnerOnly(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return;
        }
        Files.createFile(path);
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl != null) {
            UserPrincipal owner = Files.getOwner(path);
            acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
        }
    }
}
