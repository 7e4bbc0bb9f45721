package io.banwatch.bench;

import io.banwatch.json.ReportCodec;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.InventoryHash;
import io.banwatch.model.ScanReport;
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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writing and reading a full scan report: the agent encodes one per scan (to spool and send),
 * the collector decodes every report it receives. The report is a real Linux scan result of
 * ~800 dpkg packages with its observations, security products and findings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx128m"})
public class ReportCodecBench {
    @Param({"800"})
    int software;

    final ReportCodec codec = new ReportCodec();
    ScanReport report;
    byte[] json;

    @Setup(Level.Trial)
    public void setUp() {
        RuleEngine engine = new RuleEngine(RuleSet.builtIn(), Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));
        Inventory inv = SyntheticInventory.linux(software);
        List<SecurityProduct> products = engine.securityProducts(inv);
        List<Finding> findings = engine.evaluate(inv, products, RuleMatchBench.PROFILE, RuleMatchBench.AS_OF);
        report = new ScanReport(ScanReport.SCHEMA_VERSION, "6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60", "0.1.0",
                Instant.parse("2026-11-24T12:00:00Z"), RuleMatchBench.AS_OF, RuleMatchBench.PROFILE, inv.host(),
                inv.software(), products, inv.observations(), findings, inv.errors(),
                InventoryHash.of(inv.software(), products, inv.observations()));
        json = codec.toBytes(report, false);
        if (!codec.read(json).equals(report)) {
            throw new IllegalStateException("the report does not survive a round trip");
        }
    }

    /** Compact JSON, as spooled and sent. */
    @Benchmark
    public byte[] encode() {
        return codec.toBytes(report, false);
    }

    @Benchmark
    public ScanReport decode() {
        return codec.read(json);
    }
}
