package io.banwatch.packaging;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * bin/banwatch (Linux and macOS) in a fake installation whose runtime/bin/java prints the
 * arguments it was given, one per line.
 */
class LauncherTest {
    @TempDir
    Path tmp;
    Path home;
    Path launcher;

    @BeforeEach
    void install() throws Exception {
        assumeTrue(Shell.available(), "needs /bin/sh");
        home = tmp.resolve("opt/banwatch");
        launcher = Shell.copyExecutable(Build.src().resolve("common/bin/banwatch"), home.resolve("bin/banwatch"));
        Shell.script(home.resolve("runtime/bin/java"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\nexit 7\n");
        Files.createDirectories(home.resolve("lib"));
    }

    List<String> run(Path command, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(command.toString()));
        cmd.addAll(List.of(args));
        Shell.Result r = Shell.run(cmd, env, 20);
        // The launcher execs java, so java's exit code is the launcher's.
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isEqualTo(7);
        return r.out().lines().toList();
    }

    @Test
    void runsTheAgentOnTheBundledRuntimeWithFastStartFlags() throws Exception {
        List<String> args = run(launcher, Map.of(), "scan", "--json", "two words");
        String realHome = home.toRealPath().toString();
        assertThat(args).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
        int cp = args.indexOf("-cp");
        assertThat(args.get(cp + 1)).isEqualTo(realHome + "/lib/*");
        // The main class, then the user's arguments untouched.
        assertThat(args.subList(cp + 2, args.size())).containsExactly("io.banwatch.agent.Main", "scan", "--json", "two words");
        assertThat(args).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:ArchiveClassesAtExit"));
    }

    @Test
    void putsTheJarsAScanLoadsFromFirstOnTheClassPath() throws Exception {
        for (String jar : List.of("oshi-core-7.5.0.jar", "jackson-core-2.23.0.jar", "banwatch-common-0.1.0.jar",
                "banwatch-agent.jar", "logback-core-1.6.6.jar")) {
            Files.writeString(home.resolve("lib").resolve(jar), "jar");
        }
        List<String> args = run(launcher, Map.of(), "scan", "--json");
        String lib = home.toRealPath() + "/lib/";
        assertThat(args.get(args.indexOf("-cp") + 1)).isEqualTo(lib + "banwatch-agent.jar:" + lib
                + "banwatch-common-0.1.0.jar:" + lib + "jackson-core-2.23.0.jar:" + lib + "*");
    }

    @Test
    void usesTheAppCdsArchiveWhenTheInstallerMadeOne() throws Exception {
        Files.writeString(home.resolve("lib/banwatch.jsa"), "archive");
        List<String> args = run(launcher, Map.of(), "scan");
        assertThat(args).contains("-XX:SharedArchiveFile=" + home.toRealPath() + "/lib/banwatch.jsa", "-Xshare:auto");
    }

    @Test
    void makesTheArchiveWhenAskedTo() throws Exception {
        Files.writeString(home.resolve("lib/banwatch.jsa"), "old archive");
        List<String> args = run(launcher, Map.of("BANWATCH_CDS_DUMP", "/x/new.jsa"), "scan");
        assertThat(args).contains("-XX:ArchiveClassesAtExit=/x/new.jsa")
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void extraJvmOptionsComeAfterTheLaunchersLogSettingsAndBeforeTheClassPath() throws Exception {
        List<String> args = run(launcher, Map.of("BANWATCH_JAVA_OPTS", "-Xlog:class+load=info:file=/x/l.txt -Xmx64m"), "scan");
        int disable = args.indexOf("-Xlog:disable");
        int extra = args.indexOf("-Xlog:class+load=info:file=/x/l.txt");
        // -Xlog:disable cancels every -Xlog before it, so the user's must follow it.
        assertThat(disable).isNotNegative();
        assertThat(extra).isGreaterThan(disable).isLessThan(args.indexOf("-cp"));
        assertThat(args.get(extra + 1)).isEqualTo("-Xmx64m");
    }

    @Test
    void worksThroughTheUsrBinSymlink() throws Exception {
        Path usrBin = Files.createDirectories(tmp.resolve("usr/bin"));
        // A relative link, the harder case (dpkg's is absolute).
        Path link = Files.createSymbolicLink(usrBin.resolve("banwatch"), usrBin.relativize(launcher));
        List<String> args = run(link, Map.of(), "--version");
        assertThat(args).contains(home.toRealPath() + "/lib/*");
    }

    @Test
    void failsClearlyWithoutARuntime() throws Exception {
        Files.delete(home.resolve("runtime/bin/java"));
        Shell.Result r = Shell.run(List.of(launcher.toString(), "scan"), Map.of(), 20);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no bundled runtime");
    }
}
