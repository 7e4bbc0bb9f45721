package io.banwatch.agent.architecture;

import io.banwatch.agent.Fixtures;
import io.banwatch.agent.testkit.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up rule, as a test: a daily scan on a Linux workstation must not pay for libraries
 * it does not use there. A real scan of this machine runs in a JVM of its own with class-load
 * logging, and no class of the heavy libraries may appear: Jackson's databind (the report is
 * written with jackson-core's streaming API), picocli, OSHI and JNA (only a Linux host without
 * /etc/machine-id asks OSHI), Logback and SLF4J (a plain scan logs nothing), dd-plist (macOS),
 * the HTTP client (only --send).
 */
@EnabledOnOs(OS.LINUX)
class ScanStartupClassesTest {
    static final List<String> HEAVY = List.of("com.fasterxml.jackson.databind.", "com.fasterxml.jackson.annotation.",
            "picocli.", "oshi.", "com.sun.jna.", "ch.qos.logback.", "org.slf4j.", "com.dd.plist.", "java.net.http.",
            "jdk.internal.net.http.", "java.util.logging.");

    @ParameterizedTest
    @ValueSource(strings = {"scan --json", "scan"})
    void aLiveLinuxScanLoadsNoHeavyLibrary(String command, @TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.txt");
        Path out = dir.resolve("out.txt");
        Path config = Files.writeString(dir.resolve("agent.conf"), "");
        List<String> args = Arrays.asList(command.split(" "));
        Process scan = JavaProcess.start(List.of("-Xlog:class+load=info:file=" + classes), "io.banwatch.agent.Main",
                args, Map.of("BANWATCH_STATE_DIR", dir.resolve("state").toString(),
                        "BANWATCH_LOG_DIR", dir.resolve("logs").toString(),
                        "BANWATCH_CONFIG", config.toString()), out);
        assertThat(scan.waitFor(60, TimeUnit.SECONDS)).as("the scan ends within a minute").isTrue();
        // 3: a machine without a package database (a CI container) scans incomplete; the classes are the point.
        assertThat(scan.exitValue()).as(Files.readString(out)).isIn(0, 1, 3);

        List<String> loaded = loadedClasses(classes);
        assertThat(loaded).as("classes loaded").anyMatch(c -> c.startsWith("io.banwatch.agent.inventory.linux."));
        assertThat(loaded.stream().filter(c -> HEAVY.stream().anyMatch(c::startsWith)))
                .as("heavy classes on the Linux scan path").isEmpty();
    }

    /**
     * Names are compared folded ({@code MatchText}), but ordinary ones, Latin or Cyrillic, need no
     * Unicode normalisation: a scan of them must not load java.text.Normalizer and its Unicode data.
     */
    @Test
    void aScanOfOrdinaryLatinAndCyrillicNamesLoadsNoUnicodeNormalizer(@TempDir Path dir) throws Exception {
        for (Path root : List.of(Fixtures.debianWithKesl(Files.createDirectories(dir.resolve("debian"))),
                Fixtures.astraWithKeslRussian(Files.createDirectories(dir.resolve("astra"))))) {
            Path classes = dir.resolve(root.getFileName() + "-classes.txt");
            Path out = dir.resolve(root.getFileName() + "-out.txt");
            Process scan = JavaProcess.start(List.of("-Xlog:class+load=info:file=" + classes), "io.banwatch.agent.Main",
                    List.of("scan", "--root", root.toString(), "--json"), Map.of("BANWATCH_STATE_DIR",
                            dir.resolve("state").toString(), "BANWATCH_CONFIG",
                            Files.writeString(dir.resolve("agent.conf"), "").toString()), out);
            assertThat(scan.waitFor(60, TimeUnit.SECONDS)).as("the scan ends within a minute").isTrue();
            assertThat(scan.exitValue()).as(Files.readString(out)).isEqualTo(1);

            List<String> loaded = loadedClasses(classes);
            assertThat(loaded).as("classes loaded").contains("io.banwatch.rules.MatchText");
            assertThat(loaded).as("Unicode normalisation on a scan of %s", root.getFileName())
                    .noneMatch(c -> c.startsWith("java.text.Normalizer") || c.startsWith("jdk.internal.icu."));
        }
    }

    static List<String> loadedClasses(Path log) throws IOException {
        // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("[class,load]"))
                .map(l -> l.substring(l.indexOf("[class,load]") + "[class,load]".length()).strip())
                .map(l -> l.split(" ", 2)[0])
                .toList();
    }
}
