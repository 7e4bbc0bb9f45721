package io.banwatch.agent.cli;

import io.banwatch.agent.Fixtures;
import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.inventory.InventorySource;
import io.banwatch.agent.scan.InventorySources;
import io.banwatch.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A scan reads the inventory on a second thread while the rule packs load: what either side
 * throws still surfaces as one line and the same exit code, the packs' error first.
 */
class ScanThreadsTest {
    @TempDir
    Path dir;

    private static Function<RuleSet, InventorySource> failing(RuntimeException e) {
        return rules -> () -> {
            throw e;
        };
    }

    @Test
    void anInventoryThatThrowsIsAnInternalErrorAsBefore() {
        CliRun run = CliRun.run(failing(new IllegalStateException("disk on fire")), "scan", "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement()
                .isEqualTo("banwatch: internal error: java.lang.IllegalStateException: disk on fire");
    }

    @Test
    void anErrorOfTheInventoryIsRethrownUnchanged() {
        AssertionError error = new AssertionError("a test's own check");
        assertThatThrownBy(() -> CliRun.run(rules -> () -> {
            throw error;
        }, "scan")).isSameAs(error);
    }

    @Test
    void aBadRulePackIsReportedWhateverTheInventoryDoes() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"id\": \"x\", ");
        CliRun run = CliRun.run(failing(new IllegalStateException("disk on fire")), "scan", "--rules", bad.toString(),
                "--root", dir.resolve("nowhere").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("banwatch: " + bad + ": malformed JSON at line 1, column 13");
    }

    @Test
    void theInventoryIsReadWithTheRulesOfTheScanIncludingAUserPack() throws Exception {
        byte[] builtIn;
        try (InputStream in = ScanThreadsTest.class.getClassLoader()
                .getResourceAsStream("banwatch/seeds/kaspersky-us.json")) {
            builtIn = in.readAllBytes();
        }
        Path pack = Files.write(dir.resolve("extra.json"), builtIn);
        Path machine = Fixtures.debianWithKesl(Files.createDirectories(dir.resolve("machine")));
        AtomicReference<RuleSet> seen = new AtomicReference<>();
        CliRun run = CliRun.run(rules -> {
            seen.set(rules);
            return InventorySources.forLinuxImage(machine, (a, s, t) -> CommandResult.failed("none"),
                    rules.pathsToProbe("linux"));
        }, "scan", "--json", "--rules", pack.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(seen.get().packInfo().get(0).origin()).isEqualTo(pack.toString());
    }
}
