package io.banwatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by the collector, by this generator, by the database server (the
 * PostgreSQL postmaster and its backends) and by the whole machine, from /proc. The machine's
 * figure minus the three shows what else ran on the shared cores meanwhile.
 */
final class CpuMeter {
    /** Cumulative CPU seconds at one instant. */
    record Sample(long nanos, double collector, double generator, double database, double machine) {
    }

    private static final double TICK = 100.0; // USER_HZ on Linux

    private final long collectorPid;
    private final long dbPid;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    CpuMeter(long collectorPid, long dbPid) {
        this.collectorPid = collectorPid;
        this.dbPid = dbPid;
    }

    Sample sample() {
        return new Sample(System.nanoTime(), collectorPid > 0 ? process(collectorPid) : 0,
                os.getProcessCpuTime() / 1e9, dbPid > 0 ? processTree(dbPid) : 0, machine());
    }

    /** utime + stime of one process, or 0 once it is gone. */
    private static double process(long pid) {
        String[] f = stat(pid);
        return f == null ? 0 : (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK;
    }

    /** A process and its direct children (the postmaster and its backends). */
    private static double processTree(long parent) {
        double sum = process(parent);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] f = stat(Long.parseLong(name));
                if (f != null && Long.parseLong(f[1]) == parent) {
                    sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK;
                }
            }
        } catch (IOException e) {
            return sum;
        }
        return sum;
    }

    /** The fields after "pid (comm) ": state is [0], ppid [1], utime [11], stime [12]. */
    private static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** All CPUs' busy time: user, nice, system, irq, softirq, steal (not idle or iowait). */
    private static double machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
