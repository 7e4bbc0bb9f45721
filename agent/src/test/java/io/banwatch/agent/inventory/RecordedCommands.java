package io.banwatch.agent.inventory;

import io.banwatch.agent.Fixtures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake {@link CommandRunner} that answers the command lines it was told, each with the output
 * recorded in a fixture file (under src/test/resources/fixtures) or a canned result, and fails the
 * test on any other command line: a source that runs a command nobody expected is a bug to see,
 * not an empty answer to read past. With nothing recorded it is a runner that must not be used.
 *
 * <pre>{@code
 * RecordedCommands commands = new RecordedCommands()
 *         .prints(List.of("rpm", "--root", root.toString(), "-qa", "--qf", RpmPackages.QUERY_FORMAT),
 *                 "linux/rpm-qa-rhel9-kesl.txt");
 * new LinuxInventorySource(root, false, commands, probes, hostUuid).read();
 * assertThat(commands.calls()).extracting(RecordedCommands.Call::timeout).containsExactly(Duration.ofSeconds(60));
 * }</pre>
 *
 * Mockito stays where a test verifies how a command was called (its standard input, the order of
 * calls) or where every unexpected command must fail as a missing program would.
 */
public final class RecordedCommands implements CommandRunner {
    /** One command that ran. */
    public record Call(List<String> argv, String stdin, Duration timeout) {
    }

    private final Map<List<String>, CommandResult> answers = new LinkedHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** {@code argv} exits 0 having printed the fixture file {@code fixture} (e.g. {@code linux/rpm-qa-rhel9-kesl.txt}). */
    public RecordedCommands prints(List<String> argv, String fixture) {
        return answers(argv, new CommandResult(0, Fixtures.text(fixture), "", null));
    }

    /** {@code argv} ends as {@code result} says: an exit code and its error output, or a failure to run. */
    public RecordedCommands answers(List<String> argv, CommandResult result) {
        answers.put(List.copyOf(argv), result);
        return this;
    }

    /** The commands that ran, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public CommandResult run(List<String> argv, String stdin, Duration timeout) {
        calls.add(new Call(argv, stdin, timeout));
        CommandResult answer = answers.get(argv);
        if (answer == null) {
            List<String> known = new ArrayList<>();
            answers.keySet().forEach(a -> known.add(String.join(" ", a)));
            throw new AssertionError("unexpected command: " + String.join(" ", argv)
                    + (known.isEmpty() ? " (no command was expected)" : "; expected only: " + String.join(" | ", known)));
        }
        return answer;
    }
}
