package io.banwatch.agent.inventory.linux;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Software;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the dpkg status database ({@code /var/lib/dpkg/status}) directly: one read of one file
 * instead of a dpkg-query process, and the same answer.
 *
 * <p>The format is RFC-822-like paragraphs separated by blank lines; continuation lines start
 * with a space. Recorded excerpt:
 * <pre>
 * Package: bash
 * Essential: yes
 * Status: install ok installed
 * Priority: required
 * Installed-Size: 7175
 * Maintainer: Matthias Klose &lt;doko@debian.org&gt;
 * Architecture: amd64
 * Version: 5.2.15-2+b2
 * Description: GNU Bourne Again SHell
 *  Bash is an sh-compatible command language interpreter that executes
 * </pre>
 * The third word of {@code Status} is the package state: packages whose files are on disk
 * (installed, unpacked, half-configured, half-installed, triggers-*) are software; a package in
 * {@code config-files} state was removed but left its configuration behind, which is a remnant.
 * Malformed paragraphs are skipped, never fatal.
 */
public final class DpkgStatus {
    /** What the database holds: installed packages and removed packages' leftovers. */
    public record Result(List<Software> installed, List<Evidence> residues) {
    }

    private DpkgStatus() {
    }

    public static Result parse(String content) {
        return classify(entries(content).values());
    }

    /**
     * The database as dpkg itself sees it: the status file with the journal of updates applied
     * in order. dpkg writes each change to {@code updates/NNNN} first and folds the journal into
     * {@code status} only now and then, so a package installed or removed a moment ago may be
     * missing from {@code status} alone.
     *
     * @param status  the status file
     * @param journal the contents of {@code updates/NNNN}, in numeric order
     */
    public static Result parse(String status, List<String> journal) {
        Map<String, Entry> db = entries(status);
        for (String update : journal) {
            db.putAll(entries(update));
        }
        return classify(db.values());
    }

    /** One package record: the five fields we need. */
    private record Entry(String pkg, String status, String version, String arch, String maintainer) {
    }

    /** Records keyed by package and architecture (multi-arch packages have one per architecture). */
    private static Map<String, Entry> entries(String content) {
        Map<String, Entry> out = new LinkedHashMap<>();
        Paragraph p = new Paragraph();
        int len = content.length();
        int pos = 0;
        while (pos < len) {
            int end = content.indexOf('\n', pos);
            if (end < 0) {
                end = len;
            }
            int lineEnd = end > pos && content.charAt(end - 1) == '\r' ? end - 1 : end;
            if (lineEnd == pos) {
                p.flush(out);
            } else {
                p.read(content, pos, lineEnd);
            }
            pos = end + 1;
        }
        p.flush(out);
        return out;
    }

    private static Result classify(java.util.Collection<Entry> entries) {
        List<Software> installed = new ArrayList<>();
        List<Evidence> residues = new ArrayList<>();
        for (Entry e : entries) {
            add(e.pkg(), e.status(), e.version(), e.arch(), e.maintainer(), installed, residues);
        }
        return new Result(installed, residues);
    }

    /** The fields of the paragraph being read; only the five we need are kept. */
    private static final class Paragraph {
        String pkg;
        String status;
        String version;
        String arch;
        String maintainer;

        void read(String content, int pos, int end) {
            // Dispatch on the first letter: most lines are Description continuations or other fields.
            switch (content.charAt(pos)) {
                case 'P' -> pkg = content.startsWith("Package:", pos) ? value(content, pos + 8, end) : pkg;
                case 'S' -> status = content.startsWith("Status:", pos) ? value(content, pos + 7, end) : status;
                case 'V' -> version = content.startsWith("Version:", pos) ? value(content, pos + 8, end) : version;
                case 'A' -> arch = content.startsWith("Architecture:", pos) ? value(content, pos + 13, end) : arch;
                case 'M' -> maintainer = content.startsWith("Maintainer:", pos) ? value(content, pos + 11, end) : maintainer;
                default -> { }
            }
        }

        void flush(Map<String, Entry> out) {
            if (pkg != null && !pkg.isEmpty()) {
                out.put(pkg + ':' + (arch == null ? "" : arch), new Entry(pkg, status, version, arch, maintainer));
            }
            pkg = status = version = arch = maintainer = null;
        }
    }

    private static void add(String pkg, String status, String version, String arch, String maintainer,
                            List<Software> installed, List<Evidence> residues) {
        if (pkg == null || pkg.isEmpty() || status == null) {
            return;
        }
        String state = status.substring(status.lastIndexOf(' ') + 1);
        switch (state) {
            case "installed", "unpacked", "half-configured", "half-installed", "triggers-awaited", "triggers-pending" ->
                    installed.add(Software.pkg(pkg, version, maintainer, "dpkg", arch));
            case "config-files" -> residues.add(new Evidence(EvidenceKind.PACKAGE_RESIDUE, "dpkg", pkg, null, status));
            default -> { }
        }
    }

    private static String value(String content, int start, int end) {
        while (start < end && (content.charAt(start) == ' ' || content.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && Character.isWhitespace(content.charAt(end - 1))) {
            end--;
        }
        return content.substring(start, end);
    }
}
