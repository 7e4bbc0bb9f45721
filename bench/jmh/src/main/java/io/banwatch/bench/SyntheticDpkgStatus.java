package io.banwatch.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a {@code /var/lib/dpkg/status} of any size in the real format: the field order, the
 * multi-line Description (with " ." paragraph breaks and bullets), Conffiles and the relation
 * fields of the recorded Debian 12 paragraphs in agent/src/test/resources/fixtures/linux/.
 * Generated rather than committed, so a 10,000-package file costs nothing in the repository.
 *
 * <p>Proportions follow a real Debian 12 machine: ~900 characters a paragraph, about one package
 * in ten with conffiles, a few multi-arch i386 copies, a few removed packages with only their
 * configuration left ({@code deinstall ok config-files}) and a purged one now and then.
 * A fixed seed makes every run parse the same bytes.
 */
final class SyntheticDpkgStatus {
    private static final String[] WORDS = ("data file system network library client server tool utility "
            + "display audio video font image text shell kernel module driver python perl ruby rust golang java "
            + "compress archive crypto secure socket stream parse format render print config daemon service "
            + "manager package build test debug profile cache index search query store record sync backup "
            + "mirror proxy filter monitor control remote local common core extra base plugin theme desktop").split(" ");
    private static final String[] SECTIONS = {"libs", "utils", "admin", "net", "python", "devel", "misc", "fonts",
        "doc", "x11", "gnome", "perl", "golang", "science", "sound", "video", "web", "text", "interpreters"};
    private static final String[] MAINTAINERS = {
        "Debian Python Team <team+python@tracker.debian.org>", "GNU Libc Maintainers <debian-glibc@lists.debian.org>",
        "Debian Perl Group <pkg-perl-maintainers@lists.alioth.debian.org>", "Matthias Klose <doko@debian.org>",
        "Debian Go Packaging Team <team+pkg-go@tracker.debian.org>", "Michael Stone <mstone@debian.org>",
        "Debian X Strike Force <debian-x@lists.debian.org>", "Debian GNOME Maintainers <pkg-gnome-maintainers@lists.alioth.debian.org>",
        "Debian Fonts Task Force <debian-fonts@lists.debian.org>", "Dpkg Developers <debian-dpkg@lists.debian.org>",
        "Debian Rust Maintainers <pkg-rust-maintainers@alioth-lists.debian.net>", "Julien Cristau <jcristau@debian.org>",
        "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>", "Debian Java Maintainers <pkg-java-maintainers@lists.alioth.debian.org>",
        "Debian Multimedia Maintainers <debian-multimedia@lists.debian.org>", "Milan Kupcevic <milan@debian.org>"};
    private static final String[] PREFIXES = {"lib", "lib", "lib", "python3-", "golang-github-", "fonts-", "node-",
        "librust-", "libperl-", "", "", ""};
    private static final String[] SUFFIXES = {"", "", "-dev", "-common", "-utils", "-doc", "-data", "-bin"};

    private SyntheticDpkgStatus() {
    }

    /** A status file of {@code packages} paragraphs. */
    static String generate(int packages) {
        Random rnd = new Random(20261124L + packages);
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>(packages);
        StringBuilder out = new StringBuilder(packages * 950);
        for (int i = 0; i < packages; i++) {
            boolean i386Copy = !names.isEmpty() && rnd.nextInt(100) < 3;
            String name = i386Copy ? names.get(rnd.nextInt(names.size())) : uniqueName(rnd, used);
            names.add(name);
            paragraph(out, rnd, name, i386Copy, names);
            out.append('\n');
        }
        return out.toString();
    }

    private static String uniqueName(Random rnd, Set<String> used) {
        String base = pick(rnd, PREFIXES) + pick(rnd, WORDS) + (rnd.nextBoolean() ? "-" + pick(rnd, WORDS) : "")
                + (rnd.nextInt(3) == 0 ? String.valueOf(rnd.nextInt(12)) : "") + pick(rnd, SUFFIXES);
        String name = base;
        for (int n = 2; !used.add(name); n++) {
            name = base + n;
        }
        return name;
    }

    private static void paragraph(StringBuilder out, Random rnd, String name, boolean i386, List<String> known) {
        int roll = rnd.nextInt(1000);
        String status = roll < 20 ? "deinstall ok config-files" : roll < 25 ? "purge ok not-installed"
                : roll < 28 ? "install ok unpacked" : "install ok installed";
        boolean lib = name.startsWith("lib");
        field(out, "Package", name);
        if (rnd.nextInt(40) == 0) {
            field(out, "Essential", "yes");
        }
        field(out, "Status", status);
        field(out, "Priority", rnd.nextInt(5) == 0 ? "required" : "optional");
        field(out, "Section", lib ? "libs" : pick(rnd, SECTIONS));
        field(out, "Installed-Size", String.valueOf(8 + rnd.nextInt(rnd.nextInt(10) == 0 ? 200_000 : 4_000)));
        field(out, "Maintainer", pick(rnd, MAINTAINERS));
        field(out, "Architecture", i386 ? "i386" : rnd.nextInt(4) == 0 ? "all" : "amd64");
        if (lib || rnd.nextInt(5) == 0) {
            field(out, "Multi-Arch", lib ? "same" : "foreign");
        }
        if (rnd.nextInt(3) == 0) {
            field(out, "Source", pick(rnd, WORDS) + (rnd.nextBoolean() ? " (" + version(rnd) + ")" : ""));
        }
        String version = version(rnd);
        field(out, "Version", version);
        if (rnd.nextInt(8) == 0) {
            field(out, "Replaces", relations(rnd, known, 1 + rnd.nextInt(3), "<< "));
        }
        if (rnd.nextInt(10) == 0) {
            field(out, "Provides", name + "-abi (= " + version + ")");
        }
        field(out, "Depends", relations(rnd, known, 1 + rnd.nextInt(10), ">= "));
        if (rnd.nextInt(5) == 0) {
            field(out, "Pre-Depends", relations(rnd, known, 1 + rnd.nextInt(4), ">= "));
        }
        if (rnd.nextInt(4) == 0) {
            field(out, "Recommends", relations(rnd, known, 1 + rnd.nextInt(3), ">= "));
        }
        if (rnd.nextInt(5) == 0) {
            field(out, "Suggests", relations(rnd, known, 1 + rnd.nextInt(4), ">= "));
        }
        if (rnd.nextInt(8) == 0) {
            field(out, "Breaks", relations(rnd, known, 1 + rnd.nextInt(3), "<< "));
        }
        if (rnd.nextInt(10) == 0 || status.endsWith("config-files")) {
            out.append("Conffiles:\n");
            for (int c = 1 + rnd.nextInt(6); c > 0; c--) {
                out.append(" /etc/").append(name).append('/').append(pick(rnd, WORDS)).append(".conf ");
                hex(out, rnd, 32);
                out.append('\n');
            }
        }
        description(out, rnd);
        if (rnd.nextInt(5) < 3) {
            field(out, "Homepage", "https://www." + pick(rnd, WORDS) + "-" + pick(rnd, WORDS) + ".org/");
        }
    }

    /** A summary line, then continuation lines of ~70 characters in one to three paragraphs. */
    private static void description(StringBuilder out, Random rnd) {
        out.append("Description: ").append(sentence(rnd, 3 + rnd.nextInt(5))).append('\n');
        int paragraphs = 1 + rnd.nextInt(3);
        for (int p = 0; p < paragraphs; p++) {
            if (p > 0) {
                out.append(" .\n");
            }
            boolean bullets = rnd.nextInt(6) == 0;
            for (int l = 1 + rnd.nextInt(4); l > 0; l--) {
                out.append(bullets ? "  * " : " ").append(sentence(rnd, bullets ? 6 : 10)).append('\n');
            }
        }
    }

    private static String relations(Random rnd, List<String> known, int count, String op) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(known.get(rnd.nextInt(known.size())));
            if (rnd.nextBoolean()) {
                b.append(" (").append(op).append(version(rnd)).append(')');
            }
            if (rnd.nextInt(10) == 0) {
                b.append(" | ").append(known.get(rnd.nextInt(known.size())));
            }
        }
        return b.toString();
    }

    /** Debian-style versions: "2.36-9+deb12u14", "1:4.8.1-3", "20230311+deb12u1". */
    private static String version(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(3) + "." + rnd.nextInt(40) + "-" + (1 + rnd.nextInt(9)) + "+deb12u" + (1 + rnd.nextInt(14));
            case 1 -> "1:" + rnd.nextInt(9) + "." + rnd.nextInt(20) + "." + rnd.nextInt(9) + "-" + (1 + rnd.nextInt(5));
            case 2 -> "2023" + String.format("%02d%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)) + "+deb12u1";
            default -> rnd.nextInt(10) + "." + rnd.nextInt(30) + "." + rnd.nextInt(15);
        };
    }

    private static String sentence(Random rnd, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(pick(rnd, WORDS));
        }
        return b.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append('\n');
    }

    private static void hex(StringBuilder out, Random rnd, int digits) {
        for (int i = 0; i < digits; i++) {
            out.append(Character.forDigit(rnd.nextInt(16), 16));
        }
    }

    private static String pick(Random rnd, String[] from) {
        return from[rnd.nextInt(from.length)];
    }
}
