package io.banwatch.model;

/**
 * A source the agent could not read; the scan went on without it.
 *
 * @param source  the source, e.g. {@code rpm}, {@code wsc-antivirus}
 * @param message one line saying what went wrong
 */
public record ScanError(String source, String message) {
    public ScanError {
        Required.text(source, "source");
        Required.text(message, "message");
    }
}
