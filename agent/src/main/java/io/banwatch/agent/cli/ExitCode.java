package io.banwatch.agent.cli;

/** Exit codes every command keeps, so banwatch drops into any RMM tool or CI job. */
public final class ExitCode {
    /** Nothing found at or above the --fail-on level, and the scan was complete; other commands: done. */
    public static final int CLEAN = 0;
    /** Findings at or above the --fail-on level. */
    public static final int FINDINGS = 1;
    /** A usage error, bad input, or a failure that stopped the command. */
    public static final int ERROR = 2;
    /**
     * Nothing found at or above the --fail-on level, but a primary source (the package database,
     * the installed programs, the application folders) could not be read: "nothing found" proves nothing.
     */
    public static final int INCOMPLETE = 3;

    private ExitCode() {
    }
}
