package io.banwatch.agent.spool;

import java.nio.file.Path;

/**
 * A report waiting in the spool.
 *
 * @param file        its file: {@code <scanned-at millis>-<reportId>-<f|c>.json.gz}
 * @param reportId    the report's id
 * @param scannedAt   when it was scanned (epoch ms), which orders the spool
 * @param hasFindings whether it holds findings (those are never dropped to make room)
 * @param size        bytes on disk
 */
public record SpooledReport(Path file, String reportId, long scannedAt, boolean hasFindings, long size) {

    static final String SUFFIX = ".json.gz";

    static String fileName(long scannedAt, String reportId, boolean hasFindings) {
        return String.format("%013d", scannedAt) + "-" + reportId + "-" + (hasFindings ? "f" : "c") + SUFFIX;
    }

    /** Reads a spool file's name; null for anything that is not one. */
    static SpooledReport parse(Path file, long size) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
            return null;
        }
        String base = name.substring(0, name.length() - SUFFIX.length());
        int first = base.indexOf('-');
        int last = base.lastIndexOf('-');
        if (first <= 0 || last <= first || last != base.length() - 2) {
            return null;
        }
        char kind = base.charAt(base.length() - 1);
        if (kind != 'f' && kind != 'c') {
            return null;
        }
        try {
            long at = Long.parseLong(base.substring(0, first));
            return new SpooledReport(file, base.substring(first + 1, last), at, kind == 'f', size);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
