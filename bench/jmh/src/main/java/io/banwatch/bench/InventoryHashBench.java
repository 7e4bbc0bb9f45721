package io.banwatch.bench;

import io.banwatch.model.Inventory;
import io.banwatch.model.InventoryHash;
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

import java.util.concurrent.TimeUnit;

/**
 * The inventory hash every report carries (canonical lines, sorted, SHA-256): computed once per
 * scan over the same large Linux inventory the rules are measured on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx128m"})
public class InventoryHashBench {
    @Param({"5000"})
    int software;

    Inventory inventory;

    @Setup(Level.Trial)
    public void setUp() {
        inventory = SyntheticInventory.linux(software);
    }

    @Benchmark
    public String hash() {
        return InventoryHash.of(inventory.software(), inventory.securityProducts(), inventory.observations());
    }
}
