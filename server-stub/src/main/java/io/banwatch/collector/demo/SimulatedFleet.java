package io.banwatch.collector.demo;

import io.banwatch.model.Evidence;
import io.banwatch.model.Host;
import io.banwatch.model.InventoryHash;
import io.banwatch.model.ScanError;
import io.banwatch.model.ScanReport;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A realistic fleet of 40 hosts for the demo, as the agents would report it: Windows, macOS and
 * Linux; the us-federal, us-federal-contractor and us-private (commercial) profiles; Kaspersky
 * installed, only remnants left, UltraAV, incomplete scans, hosts that stopped reporting (their
 * last scan 9 to 25 days old, inside what the collector accepts and before its retention prunes
 * reports), hosts whose earlier scan differed (Kaspersky removed since, or newly found), and one
 * decommissioned laptop to retire. The same seed and time give the same fleet, report ids included.
 *
 * <pre>{@code
 * List<SimulatedHost> fleet = SimulatedFleet.build(13, clock.instant());
 * }</pre>
 */
public final class SimulatedFleet {
    static final String FEDERAL = "us-federal";
    static final String CONTRACTOR = "us-federal-contractor";
    static final String COMMERCIAL = "us-private";
    private static final String AGENT_VERSION = "0.1.0";
    private static final String[] DEPARTMENTS = {"FIN", "HR", "ENG", "OPS", "LEG", "SAL", "PROC"};
    private static final String[] PEOPLE = {"jdoe", "asmith", "mgarcia", "lchen", "rpatel", "kwright", "tnguyen",
            "ebrown", "sjohnson", "dkim"};
    private static final String[] ROLES = {"web", "db", "build", "ci", "jump", "log", "mail", "vpn"};

    private SimulatedFleet() {
    }

    /** What a host's latest scan shows. */
    public enum State { CLEAN, KASPERSKY, REMNANTS, ULTRAAV, INCOMPLETE }

    /** What happened to a host besides its latest state. */
    enum Story {
        /** Only the one scan, made within the last day. */
        STEADY,
        /** Its last scan is days old: it stopped reporting. */
        STALE,
        /** An earlier scan found Kaspersky installed; it has been removed since. */
        REMOVED_SINCE,
        /** An earlier scan found nothing; Kaspersky was installed since. */
        APPEARED_SINCE,
        /** A stale laptop that was decommissioned: the demo retires it. */
        DECOMMISSIONED
    }

    /**
     * One simulated host.
     *
     * @param scans        its reports, oldest first, to be sent in this order
     * @param retireReason why an admin retires it, or null to leave it in service
     */
    public record SimulatedHost(String hostId, String hostname, String profile, String osFamily, State state,
                                List<ScanReport> scans, String retireReason) {
        public SimulatedHost {
            scans = List.copyOf(scans);
        }
    }

    private record Plan(SimulatedOs os, State state, String profile, Story story) {
    }

    /** The fleet's plan: who runs what. Counts per OS are what a mid-sized agency might have. */
    private static List<Plan> plan() {
        List<Plan> p = new ArrayList<>();
        SimulatedOs w = SimulatedOs.WINDOWS;
        SimulatedOs m = SimulatedOs.MACOS;
        SimulatedOs l = SimulatedOs.LINUX;
        add(p, 4, w, State.CLEAN, FEDERAL, Story.STEADY);
        add(p, 1, w, State.CLEAN, CONTRACTOR, Story.STEADY);
        add(p, 1, w, State.CLEAN, FEDERAL, Story.REMOVED_SINCE);
        add(p, 1, w, State.CLEAN, FEDERAL, Story.STALE);
        add(p, 2, w, State.KASPERSKY, FEDERAL, Story.STEADY);
        add(p, 1, w, State.KASPERSKY, CONTRACTOR, Story.APPEARED_SINCE);
        add(p, 1, w, State.KASPERSKY, COMMERCIAL, Story.STEADY);
        add(p, 2, w, State.REMNANTS, FEDERAL, Story.REMOVED_SINCE);
        add(p, 1, w, State.REMNANTS, COMMERCIAL, Story.STEADY);
        add(p, 2, w, State.ULTRAAV, COMMERCIAL, Story.STEADY);
        add(p, 1, w, State.INCOMPLETE, FEDERAL, Story.STEADY);
        add(p, 1, w, State.KASPERSKY, FEDERAL, Story.DECOMMISSIONED);
        add(p, 3, m, State.CLEAN, FEDERAL, Story.STEADY);
        add(p, 1, m, State.CLEAN, COMMERCIAL, Story.STEADY);
        add(p, 1, m, State.CLEAN, CONTRACTOR, Story.STEADY);
        add(p, 1, m, State.KASPERSKY, CONTRACTOR, Story.STEADY);
        add(p, 1, m, State.KASPERSKY, FEDERAL, Story.STALE);
        add(p, 1, m, State.REMNANTS, FEDERAL, Story.STEADY);
        add(p, 1, m, State.ULTRAAV, COMMERCIAL, Story.STEADY);
        add(p, 1, m, State.INCOMPLETE, CONTRACTOR, Story.STEADY);
        add(p, 4, l, State.CLEAN, FEDERAL, Story.STEADY);
        add(p, 1, l, State.CLEAN, CONTRACTOR, Story.STALE);
        add(p, 1, l, State.CLEAN, COMMERCIAL, Story.STEADY);
        add(p, 2, l, State.KASPERSKY, FEDERAL, Story.STEADY);
        add(p, 1, l, State.KASPERSKY, COMMERCIAL, Story.STALE);
        add(p, 2, l, State.REMNANTS, FEDERAL, Story.REMOVED_SINCE);
        add(p, 1, l, State.INCOMPLETE, FEDERAL, Story.STEADY);
        return p;
    }

    private static void add(List<Plan> p, int n, SimulatedOs os, State state, String profile, Story story) {
        for (int i = 0; i < n; i++) {
            p.add(new Plan(os, state, profile, story));
        }
    }

    /** The fleet as of {@code now}, every value drawn from {@code seed}. */
    public static List<SimulatedHost> build(long seed, Instant now) {
        Random rnd = new Random(seed);
        List<SimulatedHost> out = new ArrayList<>();
        int n = 0;
        for (Plan plan : plan()) {
            n++;
            out.add(host(plan, n, rnd, now));
        }
        return out;
    }

    private static SimulatedHost host(Plan plan, int n, Random rnd, Instant now) {
        SimulatedOs os = plan.os();
        Host host = new Host(hostId(os, rnd), hostname(os, n, rnd), os.os(rnd), os == SimulatedOs.MACOS
                ? (rnd.nextBoolean() ? "arm64" : "x86_64") : "x86_64", os == SimulatedOs.WINDOWS ? "ad.example.gov" : null);
        Instant last = switch (plan.story()) {
            case STALE, DECOMMISSIONED -> now.minus(Duration.ofHours(24L * 9 + rnd.nextInt(24 * 16)));
            default -> now.minus(Duration.ofMinutes(10 + rnd.nextInt(20 * 60)));
        };
        List<ScanReport> scans = new ArrayList<>();
        Instant earlier = last.minus(Duration.ofHours(24L * 7 + rnd.nextInt(24 * 7)));
        if (plan.story() == Story.REMOVED_SINCE) {
            scans.add(report(host, plan.profile(), os, State.KASPERSKY, earlier, rnd));
        } else if (plan.story() == Story.APPEARED_SINCE) {
            scans.add(report(host, plan.profile(), os, State.CLEAN, earlier, rnd));
        }
        scans.add(report(host, plan.profile(), os, plan.state(), last, rnd));
        String reason = plan.story() == Story.DECOMMISSIONED
                ? "laptop decommissioned, disk wiped (ticket IT-" + (4000 + rnd.nextInt(6000)) + ")" : null;
        return new SimulatedHost(host.id(), host.hostname(), plan.profile(), host.os().family(), plan.state(), scans,
                reason);
    }

    private static ScanReport report(Host host, String profile, SimulatedOs os, State state, Instant at, Random rnd) {
        List<Software> software = new ArrayList<>(os.ordinary(rnd));
        List<SecurityProduct> products = new ArrayList<>();
        List<Evidence> observations = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        SecurityProduct builtIn = os.builtInProtection();
        switch (state) {
            case CLEAN -> addIfAny(products, builtIn);
            case KASPERSKY -> {
                SimulatedOs.Kaspersky k = os.kaspersky(rnd);
                software.addAll(k.software());
                products.addAll(k.products());
                observations.addAll(k.observations());
            }
            case REMNANTS -> {
                // Windows keeps Defender on after the removal; a Mac or Linux host is left unprotected.
                addIfAny(products, builtIn);
                observations.addAll(os.remnants());
            }
            case ULTRAAV -> {
                Software ultra = os.ultraAv();
                if (ultra != null) {
                    software.add(ultra);
                }
            }
            case INCOMPLETE -> {
                addIfAny(products, builtIn);
                errors.add(os.failedSource());
                software.subList(software.size() / 2, software.size()).clear();
            }
        }
        return new ScanReport(ScanReport.SCHEMA_VERSION, new UUID(rnd.nextLong(), rnd.nextLong()).toString(),
                AGENT_VERSION, at, LocalDate.ofInstant(at, ZoneOffset.UTC), profile, host, software, products,
                observations, List.of(), errors, InventoryHash.of(software, products, observations));
    }

    private static <T> void addIfAny(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }

    /** Ids as each OS's agent makes them: a MachineGuid, a hardware UUID, a machine-id. */
    private static String hostId(SimulatedOs os, Random rnd) {
        UUID id = new UUID(rnd.nextLong(), rnd.nextLong());
        return switch (os) {
            case WINDOWS -> id.toString();
            case MACOS -> id.toString().toUpperCase(java.util.Locale.ROOT);
            case LINUX -> HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(16)
                    .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
        };
    }

    private static String hostname(SimulatedOs os, int n, Random rnd) {
        return switch (os) {
            case WINDOWS -> (rnd.nextInt(3) == 0 ? "LT-" : "WS-") + DEPARTMENTS[rnd.nextInt(DEPARTMENTS.length)] + "-"
                    + String.format("%04d", 100 + n * 37 % 900);
            case MACOS -> "mbp-" + PEOPLE[n % PEOPLE.length] + "-" + n;
            case LINUX -> ROLES[n % ROLES.length] + "-" + String.format("%02d", n);
        };
    }
}
