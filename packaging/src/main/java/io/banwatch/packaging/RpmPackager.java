package io.banwatch.packaging;

import org.eclipse.packager.rpm.FileFlags;
import org.eclipse.packager.rpm.RpmVersion;
import org.eclipse.packager.rpm.build.BuilderContext;
import org.eclipse.packager.rpm.coding.PayloadCoding;
import org.eclipse.packager.rpm.build.BuilderOptions;
import org.eclipse.packager.rpm.build.FileInformation;
import org.eclipse.packager.rpm.build.FileInformationProvider;
import org.eclipse.packager.rpm.build.RpmBuilder;
import org.eclipse.packager.rpm.build.RpmFileNameProvider;
import org.eclipse.packager.rpm.deps.RpmDependencyFlags;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the agent's .rpm (RHEL, Fedora, SUSE) from the staged tree, in pure Java, so the build
 * needs no rpmbuild. Same content as the .deb: /opt/banwatch, /etc/banwatch/agent.conf as
 * %config(noreplace), the systemd units, /usr/bin/banwatch; scriptlets from src/linux/agent/rpm.
 * Run by maven-antrun-plugin in the package phase.
 */
public final class RpmPackager {
    static final String HOME = "/opt/banwatch";
    // /usr/lib, not /lib: on RHEL /lib is the filesystem package's symlink to usr/lib.
    static final String UNITS = "/usr/lib/systemd/system";

    private RpmPackager() {
    }

    /** Arguments: the stage directory, version, release, output directory. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: RpmPackager STAGE_DIR VERSION RELEASE OUT_DIR");
            System.exit(2);
        }
        Path rpm = build(Path.of(args[0]), args[1], args[2], Path.of(args[3]));
        System.out.println("Built " + rpm);
    }

    static Path build(Path stage, String version, String release, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        BuilderOptions options = new BuilderOptions();
        // name-version-release.arch.rpm, the name rpmbuild and dnf use.
        options.setFileNameProvider(RpmFileNameProvider.DEFAULT_FILENAME_PROVIDER);
        // xz, as the .deb: the runtime is most of the payload; every rpm since RHEL 6 reads it.
        options.setPayloadCoding(PayloadCoding.XZ);
        try (RpmBuilder rpm = new RpmBuilder("banwatch", new RpmVersion(version, release), "x86_64", outDir, options)) {
            RpmBuilder.PackageInformation info = rpm.getInformation();
            info.setSummary("Software inventory agent that finds Kaspersky products");
            info.setDescription("banwatch scans the workstation once a day (banwatch-scan.timer), lists installed"
                    + " software and security products, finds Kaspersky products and judges them against the US ban"
                    + " deadlines, then sends the report to the banwatch collector. It brings its own Java runtime"
                    + " under /opt/banwatch. Configuration: /etc/banwatch/agent.conf.");
            info.setLicense("Proprietary");
            info.setGroup("Applications/System");
            info.setVendor("banwatch");
            info.setPackager("banwatch dev <dev@banwatch.invalid>");
            info.setUrl("https://banwatch.invalid/");

            // The bundled runtime was linked against this glibc (see the packaging section of README.md) and
            // needs zlib and the C++ runtime; the scriptlets need systemctl.
            rpm.addRequirement("glibc", "2.34", RpmDependencyFlags.GREATER, RpmDependencyFlags.EQUAL);
            rpm.addRequirement("zlib", null);
            rpm.addRequirement("libstdc++", null);
            rpm.addRequirement("systemd", null);

            BuilderContext ctx = rpm.newContext();
            addTree(ctx, stage.resolve("agent"), HOME);
            ctx.addFile("/etc/banwatch/agent.conf", stage.resolve("etc/agent.conf"), info(0640, true));
            ctx.addDirectory("/etc/banwatch", info(0755, false));
            for (String unit : List.of("banwatch-scan.service", "banwatch-scan.timer")) {
                ctx.addFile(UNITS + "/" + unit, stage.resolve("systemd/agent").resolve(unit), info(0644, false));
            }
            ctx.addSymbolicLink("/usr/bin/banwatch", HOME + "/bin/banwatch", info(0777, false));
            ctx.addDirectory("/var/lib/banwatch", info(0700, false));
            ctx.addDirectory("/var/log/banwatch", info(0700, false));

            Path scripts = stage.resolve("rpm");
            rpm.setPostInstallationScript(Files.readString(scripts.resolve("post.sh")));
            rpm.setPreRemoveScript(Files.readString(scripts.resolve("preun.sh")));
            rpm.setPostRemoveScript(Files.readString(scripts.resolve("postun.sh")));

            rpm.build();
            return rpm.getTargetFile();
        }
    }

    /** Adds a directory tree, keeping symlinks and the executable bit of each file. */
    private static void addTree(BuilderContext ctx, Path root, String prefix) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted().toList();
        }
        for (Path p : paths) {
            String name = p.equals(root) ? prefix : prefix + "/" + root.relativize(p).toString().replace('\\', '/');
            if (Files.isSymbolicLink(p)) {
                ctx.addSymbolicLink(name, Files.readSymbolicLink(p).toString(), info(0777, false));
            } else if (Files.isDirectory(p)) {
                ctx.addDirectory(name, info(0755, false));
            } else {
                ctx.addFile(name, p, info(Files.isExecutable(p) ? 0755 : 0644, false));
            }
        }
    }

    private static <T> FileInformationProvider<T> info(int mode, boolean config) {
        return (name, object, type) -> {
            FileInformation fi = new FileInformation();
            fi.setMode((short) mode);
            fi.setUser("root");
            fi.setGroup("root");
            if (config) {
                // %config(noreplace): an edited agent.conf survives upgrades (the new one lands
                // as agent.conf.rpmnew) and is saved as agent.conf.rpmsave on erase.
                fi.setFileFlags(EnumSet.of(FileFlags.CONFIGURATION, FileFlags.NOREPLACE));
            }
            return fi;
        };
    }
}
