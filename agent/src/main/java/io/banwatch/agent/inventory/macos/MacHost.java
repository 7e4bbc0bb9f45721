package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.HostId;
import io.banwatch.agent.inventory.MachineArch;
import io.banwatch.agent.inventory.ScanContext;
import io.banwatch.model.Host;
import io.banwatch.model.OsInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Host facts of a Mac. On a live scan: the Bonjour name from {@code scutil --get LocalHostName}
 * (else {@code hostname}) and the id from the hardware UUID ({@link IoregPlatform}). Offline
 * nothing runs: the host is named after the image's mount point, as on Linux.
 */
final class MacHost {
    static final List<String> LOCAL_HOST_NAME = List.of("/usr/sbin/scutil", "--get", "LocalHostName");
    static final List<String> HOSTNAME = List.of("/bin/hostname");
    static final Duration NAME_TIMEOUT = Duration.ofSeconds(5);

    private final Path root;
    private final boolean live;
    private final CommandRunner runner;

    MacHost(Path root, boolean live, CommandRunner runner) {
        this.root = root;
        this.live = live;
        this.runner = runner;
    }

    /** The host; a fact that cannot be had becomes an error in {@code ctx} and a stand-in value. */
    Host read(OsInfo os, ScanContext ctx) {
        String image = root.toAbsolutePath().normalize().toString();
        if (!live) {
            return new Host(HostId.derive("image:" + image), image, os, null, null);
        }
        return new Host(hostId(image, ctx), hostname(ctx), os, MachineArch.normalise(System.getProperty("os.arch")),
                null);
    }

    private String hostname(ScanContext ctx) {
        CommandResult scutil = runner.run(LOCAL_HOST_NAME, null, NAME_TIMEOUT);
        if (scutil.ok() && !scutil.stdout().isBlank()) {
            return scutil.stdout().strip();
        }
        CommandResult hostname = runner.run(HOSTNAME, null, NAME_TIMEOUT);
        if (hostname.ok() && !hostname.stdout().isBlank()) {
            return hostname.stdout().strip();
        }
        ctx.error("hostname", "scutil: " + scutil.problem() + "; hostname: " + hostname.problem());
        return "localhost";
    }

    private String hostId(String image, ScanContext ctx) {
        CommandResult ioreg = runner.run(IoregPlatform.COMMAND, null, IoregPlatform.TIMEOUT);
        String uuid = ioreg.ok() ? IoregPlatform.uuid(ioreg.stdout()) : null;
        String id = HostId.derive(uuid);
        if (id != null) {
            return id;
        }
        // Host.id is required: stand in with the root's id, and say that it does not tell Macs apart.
        ctx.error("host-id", "no hardware UUID (ioreg: " + (ioreg.ok() ? "no IOPlatformUUID line" : ioreg.problem())
                + "); the host id is not unique to this Mac");
        return HostId.derive("image:" + image);
    }
}
