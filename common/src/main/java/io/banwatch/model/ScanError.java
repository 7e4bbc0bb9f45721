package io.banwatch.model;

/**
 * A source the agent could not read; the scan went on without it.
 *
 * @param source  the source, e.g. {@code rpm}, {@code wsc-antivirus}
 * @param message one line saying what went wrong
 * @param primary the source is one the inventory cannot do without (the package database, the
 *                registry's installed programs, the app folders): without it "nothing found"
 *                proves nothing, so the scan is incomplete
 */
public record ScanError(String source, String message, boolean primary) {
    public ScanError {
        Required.text(source, "source");
        Required.text(message, "message");
    }

    /** A secondary source's failure: the scan is still complete. */
    public ScanError(String source, String message) {
        this(source, message, false);
    }
}
