package io.banwatch.agent.cli;

/** A command line that cannot be parsed; the message points at the command's --help. */
final class UsageError extends UserError {
    UsageError(String message) {
        super(message);
    }
}
