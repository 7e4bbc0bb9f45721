package io.banwatch.bench;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Host;
import io.banwatch.model.OsInfo;
import io.banwatch.model.Software;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The simulated fleet: host n's identity and inventory are a pure function of n, so a host's
 * unchanged report carries exactly the inventory of its first one.
 *
 * <p>Every host has {@link #PACKAGES} packages: the {@link #CORE} core packages of the catalogue
 * (a few at an older version, as on hosts not yet upgraded), optional packages drawn with a skew
 * towards the popular ones, and one locally built package whose version is the host's own. A few
 * percent of the hosts have Kaspersky Endpoint Security for Linux installed.
 */
final class Fleet {
    static final int PACKAGES = 800;
    static final int CORE = 680;
    static final int DRIFTED = 8;
    static final int LIGHT = 40;
    private static final int OPTIONAL = PACKAGES - CORE - 1;
    private static final String[] PROFILES = {"us-private", "us-private", "us-private", "us-private", "us-private",
            "us-private", "us-private", "us-federal-contractor", "us-federal-contractor", "us-federal"};
    private static final OsInfo OS = new OsInfo("linux", "Debian GNU/Linux 12 (bookworm)", "12", "6.1.0-28-amd64");

    private final Catalogue catalogue;
    private final int kasperskyPct;

    Fleet(Catalogue catalogue, int kasperskyPct) {
        this.catalogue = catalogue;
        this.kasperskyPct = kasperskyPct;
    }

    Host host(int n) {
        String id = UUID.nameUUIDFromBytes(("banwatch-bench-host-" + n).getBytes(StandardCharsets.UTF_8)).toString();
        return new Host(id, String.format("ws-%06d", n), OS, "x86_64", "corp.example.com");
    }

    String profile(int n) {
        return PROFILES[Math.floorMod(mix(n) >>> 8, PROFILES.length)];
    }

    /** Spread evenly over the fleet but not periodic in n. */
    boolean kaspersky(int n) {
        return Math.floorMod(mix(n), 100) < kasperskyPct;
    }

    List<Software> software(int n) {
        Random r = new Random(mix(n));
        List<Software> out = new ArrayList<>(PACKAGES);
        BitSet drifted = new BitSet(CORE);
        while (drifted.cardinality() < DRIFTED) {
            drifted.set(r.nextInt(CORE));
        }
        for (int i = 0; i < CORE; i++) {
            out.add(pkg(catalogue.get(i), drifted.get(i) ? 1 + r.nextInt(3) : 0));
        }
        int pool = catalogue.size() - CORE;
        BitSet optional = new BitSet(pool);
        int wanted = kaspersky(n) ? OPTIONAL - 1 : OPTIONAL;
        while (optional.cardinality() < wanted) {
            double u = r.nextDouble();
            optional.set((int) (pool * u * u));
        }
        for (int i = optional.nextSetBit(0); i >= 0; i = optional.nextSetBit(i + 1)) {
            out.add(pkg(catalogue.get(CORE + i), 0));
        }
        addOwn(n, out);
        return out;
    }

    /** The host's own package and, on a Kaspersky host, kesl: the last of every inventory. */
    private void addOwn(int n, List<Software> out) {
        out.add(Software.pkg("corp-host-config", "2026.11." + n, "Example Corp IT <it@corp.example.com>", "dpkg", "all"));
        if (kaspersky(n)) {
            out.add(Software.pkg("kesl", "12.1.0-1297", "AO Kaspersky Lab", "dpkg", "amd64"));
        }
    }

    /**
     * The fill's lighter inventory for hosts beyond the measured ones: the first {@link #LIGHT}
     * core packages, the host's own package and, on a Kaspersky host, kesl — so levels, findings
     * and alerts come out as with the full inventory, at a fraction of the ingest cost.
     */
    List<Software> lightSoftware(int n) {
        List<Software> full = software(n);
        List<Software> out = new ArrayList<>(full.subList(0, LIGHT));
        out.addAll(full.subList(full.size() - (kaspersky(n) ? 2 : 1), full.size()));
        return out;
    }

    /**
     * The software-search bench's inventory (bench/software-search.sh): the {@link #LIGHT} common
     * core packages (one in ten at an older version), {@code optional} more drawn from the rest of
     * the catalogue with a strong skew towards its front (so some are on most hosts, the last ones
     * on a few hundred of 100k) at a version that varies, the host's own package and, on a
     * Kaspersky host, kesl.
     */
    List<Software> mixedSoftware(int n, int optional) {
        Random r = new Random(mix(n) ^ 0x5EA2C4L);
        List<Software> out = new ArrayList<>(LIGHT + optional + 2);
        for (int i = 0; i < LIGHT; i++) {
            out.add(pkg(catalogue.get(i), r.nextInt(10) == 0 ? 1 + r.nextInt(3) : 0));
        }
        int pool = catalogue.size() - LIGHT;
        BitSet chosen = new BitSet(pool);
        while (chosen.cardinality() < Math.min(optional, pool)) {
            double u = r.nextDouble();
            chosen.set((int) (pool * u * u * u));
        }
        for (int i = chosen.nextSetBit(0); i >= 0; i = chosen.nextSetBit(i + 1)) {
            int v = r.nextInt(10);
            out.add(pkg(catalogue.get(LIGHT + i), v < 6 ? 0 : v < 8 ? 1 : v < 9 ? 2 : 3));
        }
        addOwn(n, out);
        return out;
    }

    /** What the agent also observes on a Kaspersky host: its unit and install folder. */
    List<Evidence> observations(int n) {
        if (!kaspersky(n)) {
            return List.of();
        }
        return List.of(new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service",
                        "/lib/systemd/system/kesl.service", null),
                new Evidence(EvidenceKind.PATH, "filesystem", "/opt/kaspersky/kesl", "/opt/kaspersky/kesl", null));
    }

    private static Software pkg(Catalogue.Entry e, int version) {
        return Software.pkg(e.name(), e.versions()[version], e.publisher(), "dpkg", e.arch());
    }

    private static int mix(int n) {
        long z = (n + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 29)) & 0x7fffffff;
    }
}
