package io.banwatch.bench;

import io.banwatch.agent.inventory.linux.DpkgStatus;
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
 * Parsing {@code /var/lib/dpkg/status} into software and residues: the one pure-CPU step of a
 * Linux scan that grows with the machine. The file is generated in memory, so reading it from
 * disk (a page-cache copy) is not part of the figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx128m"})
public class DpkgStatusBench {
    /** 3,000 is a busy desktop; 10,000 a build server with every -dev package. */
    @Param({"3000", "10000"})
    int packages;

    String status;

    @Setup(Level.Trial)
    public void setUp() {
        status = SyntheticDpkgStatus.generate(packages);
        // Guard against a generator change that would silently measure something else.
        DpkgStatus.Result r = DpkgStatus.parse(status);
        if (r.installed().size() < packages * 9 / 10 || r.residues().isEmpty()) {
            throw new IllegalStateException("unexpected parse: " + r.installed().size() + " installed, "
                    + r.residues().size() + " residues of " + packages);
        }
    }

    @Benchmark
    public DpkgStatus.Result parse() {
        return DpkgStatus.parse(status);
    }
}
