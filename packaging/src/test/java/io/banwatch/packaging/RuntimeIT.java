package io.banwatch.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The staged agent (bin/banwatch on runtime/), run for real. */
class RuntimeIT {
    static Path home() {
        return Build.stage().resolve("agent");
    }

    @Test
    void runtimeHasExactlyTheConfiguredModules() throws Exception {
        Shell.Result r = Shell.run(List.of(home().resolve("runtime/bin/java").toString(), "--list-modules"), Map.of(), 60);
        assertThat(r.exitCode()).isZero();
        TreeSet<String> modules = new TreeSet<>(r.out().lines().map(l -> l.replaceAll("@.*", "")).toList());
        // jlink adds what the listed modules require (java.xml, java.logging, ...) and nothing else.
        assertThat(modules).contains("java.base", "java.net.http", "jdk.crypto.ec", "java.sql", "java.desktop")
                .doesNotContain("jdk.compiler", "jdk.jshell", "java.rmi", "jdk.jfr");
    }

    @Test
    void scansAFixtureRootAndPrintsAReport() throws Exception {
        assumeTrue(Shell.available(), "needs /bin/sh for the launcher");
        Shell.Result r = Shell.run(List.of(home().resolve("bin/banwatch").toString(), "scan",
                "--root", home().resolve("share/cds-root").toString(), "--json"), Map.of(), 120);
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isIn(0, 1);
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
        List<String> names = Arrays.stream(new ObjectMapper().treeToValue(report.get("software"), JsonNode[].class))
                .map(s -> s.get("name").asText()).toList();
        assertThat(names).containsExactlyInAnyOrder("base-files", "zlib1g");
    }

    @Test
    void hasWhatTheHttpsSenderNeeds() throws Exception {
        String classes = Path.of(TlsProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Shell.Result r = Shell.run(List.of(home().resolve("runtime/bin/java").toString(), "-cp", classes,
                TlsProbe.class.getName()), Map.of(), 60);
        assertThat(r.exitCode()).as("out: %s err: %s", r.out(), r.err()).isZero();
        assertThat(r.out()).contains("TLSv1.3", "ec EC", "ecdhe true");
    }
}
