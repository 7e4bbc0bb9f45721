package io.banwatch.bench;

import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.SecurityProduct;
import io.banwatch.rules.RuleEngine;
import io.banwatch.rules.RuleSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Judging a large inventory with the built-in rules (the Kaspersky US pack and the security
 * product catalog from seeds/, loaded from the classpath as the agent does) for us-federal at a
 * fixed date after the ban: the whole rules step of a scan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx128m"})
public class RuleMatchBench {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 24);
    static final String PROFILE = "us-federal";

    /** Linux traces meet exact-name signals; Windows display names meet the regex signals. */
    @Param({"linux", "windows"})
    String os;

    @Param({"5000"})
    int software;

    RuleEngine engine;
    Inventory inventory;
    List<SecurityProduct> products;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new RuleEngine(RuleSet.builtIn(), Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));
        inventory = SyntheticInventory.of(os, software);
        products = engine.securityProducts(inventory);
        checkVerdict(engine.evaluate(inventory, products, PROFILE, AS_OF));
    }

    /** What Scanner does: the security products, then the findings. */
    @Benchmark
    public List<Finding> scan(Blackhole bh) {
        List<SecurityProduct> found = engine.securityProducts(inventory);
        bh.consume(found);
        return engine.evaluate(inventory, found, PROFILE, AS_OF);
    }

    /** The Kaspersky pack alone, the security products already known. */
    @Benchmark
    public List<Finding> evaluate() {
        return engine.evaluate(inventory, products, PROFILE, AS_OF);
    }

    /** The real hits are found and no decoy is: otherwise the figure is for a different workload. */
    private void checkVerdict(List<Finding> findings) {
        Set<String> ids = new TreeSet<>();
        findings.forEach(f -> ids.add(f.ruleId()));
        Set<String> expected = os.equals("linux")
                ? Set.of("kaspersky-us:kesl", "kaspersky-us:klnagent")
                : Set.of("kaspersky-us:kes-windows");
        if (!ids.equals(new TreeSet<>(expected))) {
            throw new IllegalStateException(os + ": expected findings " + new TreeSet<>(expected) + ", got " + ids);
        }
    }
}
