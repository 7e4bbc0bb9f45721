package io.banwatch.packaging;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime's module list (agent.runtime.modules in packaging/pom.xml) against what jdeps
 * finds in the agent's jars: a new dependency that needs a module the runtime lacks would fail
 * on workstations with NoClassDefFoundError, so it fails the build here first.
 */
class JdepsModulesTest {

    static Set<String> configured() {
        return new TreeSet<>(Arrays.asList(System.getProperty("banwatch.runtime.modules").split(",")));
    }

    @Test
    void runtimeHasEveryModuleTheAgentJarsUse() throws Exception {
        Path lib = Build.stage().resolve("agent/lib");
        List<String> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
        }
        assertThat(jars).anyMatch(j -> j.endsWith("banwatch-agent.jar")).hasSizeGreaterThan(5);

        // Every jar, not only what the main jar reaches: logback and others are found through
        // ServiceLoader, which jdeps cannot follow.
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", "17", "--class-path", lib + "/*"));
        args.addAll(jars);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(rc).as("jdeps failed: %s", err).isZero();

        String[] lines = out.toString().strip().split("\\R");
        Set<String> needed = new TreeSet<>(Arrays.asList(lines[lines.length - 1].split(",")));
        assertThat(needed).contains("java.base").allMatch(m -> m.matches("[a-z][a-z0-9.]*"));
        assertThat(configured()).containsAll(needed);
    }

    @Test
    void runtimeKeepsWhatTheHttpsSenderNeeds() {
        assertThat(configured()).contains("java.net.http", "jdk.crypto.ec");
    }
}
