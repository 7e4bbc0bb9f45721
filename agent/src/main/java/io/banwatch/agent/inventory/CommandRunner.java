package io.banwatch.agent.inventory;

import java.time.Duration;
import java.util.List;

/**
 * Runs an external command. Implementations never throw: a missing program, a timeout or an
 * interrupt come back as a {@link CommandResult} with a failure, so an inventory source can record the
 * source as an error and go on. This is the seam tests replace.
 */
public interface CommandRunner {
    CommandResult run(List<String> argv, String stdin, Duration timeout);

    default CommandResult run(Duration timeout, String... argv) {
        return run(List.of(argv), null, timeout);
    }
}
