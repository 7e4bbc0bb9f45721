package io.banwatch.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * One kind of request, over one or more runs (the fill sends its full reports in chunks): count,
 * time, latencies, answers, CPU used by each party and the collector's database-write time.
 */
final class PhaseStats {
    final String name;
    final LatencyRecorder latencies = new LatencyRecorder();
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long requests;
    private long nanos;
    private long wireBytes;
    private double collectorCpu;
    private double generatorCpu;
    private double databaseCpu;
    private double otherCpu;
    private double writerSeconds;
    private double writerReports;
    private double writerBatches;

    PhaseStats(String name) {
        this.name = name;
    }

    synchronized void status(int status) {
        statuses.merge(status, 1L, Long::sum);
    }

    synchronized void add(long count, long wallNanos, long bytes, CpuMeter.Sample before, CpuMeter.Sample after,
                          double writerSecs, double writerReps, double writerBatches) {
        requests += count;
        nanos += wallNanos;
        wireBytes += bytes;
        collectorCpu += after.collector() - before.collector();
        generatorCpu += after.generator() - before.generator();
        databaseCpu += after.database() - before.database();
        otherCpu += (after.machine() - before.machine()) - (after.collector() - before.collector())
                - (after.generator() - before.generator()) - (after.database() - before.database());
        writerSeconds += writerSecs;
        writerReports += writerReps;
        this.writerBatches += writerBatches;
    }

    /** The figures, as flat properties under this phase's name. */
    synchronized Map<String, String> figures() {
        Map<String, String> f = new TreeMap<>();
        double secs = nanos / 1e9;
        Percentiles p = latencies.percentiles();
        f.put(name + ".requests", Long.toString(requests));
        f.put(name + ".seconds", fmt(secs));
        f.put(name + ".rate", fmt(secs == 0 ? 0 : requests / secs));
        f.put(name + ".p50", fmt(p.p50()));
        f.put(name + ".p90", fmt(p.p90()));
        f.put(name + ".p95", fmt(p.p95()));
        f.put(name + ".p99", fmt(p.p99()));
        f.put(name + ".max", fmt(p.max()));
        f.put(name + ".statuses", statuses.toString());
        f.put(name + ".avgWireBytes", Long.toString(requests == 0 ? 0 : wireBytes / requests));
        // Cores busy on average over the phase: 2.0 would be the whole machine.
        f.put(name + ".cores.collector", fmt(secs == 0 ? 0 : collectorCpu / secs));
        f.put(name + ".cores.generator", fmt(secs == 0 ? 0 : generatorCpu / secs));
        f.put(name + ".cores.database", fmt(secs == 0 ? 0 : databaseCpu / secs));
        f.put(name + ".cores.other", fmt(secs == 0 ? 0 : Math.max(0, otherCpu) / secs));
        f.put(name + ".collectorCpuMsPerRequest", fmt(requests == 0 ? 0 : collectorCpu * 1000 / requests));
        f.put(name + ".dbCpuMsPerRequest", fmt(requests == 0 ? 0 : databaseCpu * 1000 / requests));
        f.put(name + ".writerBusy", fmt(secs == 0 ? 0 : writerSeconds / secs));
        f.put(name + ".writerRate", fmt(writerSeconds == 0 ? 0 : writerReports / writerSeconds));
        f.put(name + ".writerReports", fmt(writerReports));
        f.put(name + ".reportsPerBatch", fmt(writerBatches == 0 ? 0 : writerReports / writerBatches));
        return f;
    }

    static String fmt(double v) {
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
