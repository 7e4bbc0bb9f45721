package io.banwatch.agent.inventory;

/**
 * What a command printed and how it ended.
 *
 * @param exitCode the exit code, or -1 when it did not run or was killed
 * @param stdout   standard output (UTF-8); after a timeout, what it printed before it was killed
 * @param stderr   standard error (UTF-8), for error messages
 * @param failure  why it did not run or finish (not found, timeout), or null
 * @param timedOut it ran past its timeout and was killed; {@code stdout} may then be partial
 */
public record CommandResult(int exitCode, String stdout, String stderr, String failure, boolean timedOut) {
    /** A command that ran to its end (or did not start, when {@code failure} says so). */
    public CommandResult(int exitCode, String stdout, String stderr, String failure) {
        this(exitCode, stdout, stderr, failure, false);
    }

    public static CommandResult failed(String why) {
        return new CommandResult(-1, "", "", why);
    }

    /** A command killed at its timeout, with the output it had written by then. */
    public static CommandResult timedOut(String why, String partialStdout, String partialStderr) {
        return new CommandResult(-1, partialStdout, partialStderr, why, true);
    }

    public boolean ok() {
        return failure == null && exitCode == 0;
    }

    /** One line saying why it failed, for a ScanError. */
    public String problem() {
        if (failure != null) {
            return failure;
        }
        String err = stderr.strip();
        int nl = err.indexOf('\n');
        String first = nl < 0 ? err : err.substring(0, nl);
        return "exit code " + exitCode + (first.isEmpty() ? "" : ": " + first);
    }
}
