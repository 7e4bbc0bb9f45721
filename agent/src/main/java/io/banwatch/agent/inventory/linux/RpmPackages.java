package io.banwatch.agent.inventory.linux;

import io.banwatch.model.Software;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists rpm packages with one {@code rpm -qa} call and a tab-separated query format.
 *
 * <p>Recorded output of {@link #QUERY_FORMAT} on RHEL 9:
 * <pre>
 * bash	5.1.8-9.el9	x86_64	Red Hat, Inc.	1716889212
 * kesl	12.1.0-1297	x86_64	AO Kaspersky Lab	1719312000
 * gpg-pubkey	fd431d51-4ae0493b	(none)	(none)	1716889100
 * </pre>
 * {@code (none)} is rpm's word for an empty tag. The {@code gpg-pubkey} entries are imported
 * signing keys, not software, and are skipped.
 */
public final class RpmPackages {
    /** Name, [epoch:]version-release, arch, vendor, install time (epoch seconds). */
    public static final String QUERY_FORMAT =
            "%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{VENDOR}\\t%{INSTALLTIME}\\n";

    private RpmPackages() {
    }

    public static List<Software> parse(String output) {
        List<Software> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5 || f[0].isBlank() || f[0].equals("gpg-pubkey")) {
                continue;
            }
            out.add(new Software(f[0].strip(), none(f[1]), none(f[3]), "rpm", Software.MACHINE, none(f[2]), null,
                    installDate(f[4]), null));
        }
        return out;
    }

    private static String none(String value) {
        String v = value.strip();
        return v.isEmpty() || v.equals("(none)") ? null : v;
    }

    private static LocalDate installDate(String epochSeconds) {
        try {
            return LocalDate.ofInstant(Instant.ofEpochSecond(Long.parseLong(epochSeconds.strip())), ZoneOffset.UTC);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
