package io.banwatch.agent.inventory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as child processes with {@code LC_ALL=C}, UTF-8 and a hard timeout. A command
 * that runs past its timeout is killed with its descendants, and its result keeps the output it
 * printed until then.
 */
public final class ProcessCommandRunner implements CommandRunner {
    /** How long a killed command's pipes get to deliver what is still buffered in them. */
    static final Duration AFTER_KILL = Duration.ofSeconds(2);

    @Override
    public CommandResult run(List<String> argv, String stdin, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        // Stable, parseable output whatever the user's locale; UTF-8 so names keep their letters.
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().put("LANG", "C.UTF-8");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return CommandResult.failed(argv.get(0) + ": cannot run: " + e.getMessage());
        }
        Drain out = new Drain(process.getInputStream());
        Drain err = new Drain(process.getErrorStream());
        out.start();
        err.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The command may exit without reading its input; its output still tells.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // The command first, so it cannot go on (and print) once a child is gone; its
                // descendants are listed before, while they are still its own.
                List<ProcessHandle> children = process.descendants().toList();
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                // Keep what it wrote before the kill: a script that prints as it goes has finished parts.
                out.join(AFTER_KILL.toMillis());
                err.join(AFTER_KILL.toMillis());
                return CommandResult.timedOut(argv.get(0) + ": timed out after " + shown(timeout),
                        out.text(), err.text());
            }
            out.join(timeout.toMillis());
            err.join(timeout.toMillis());
            return new CommandResult(process.exitValue(), out.text(), err.text(), null);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return CommandResult.failed(argv.get(0) + ": interrupted");
        }
    }

    /** "120 s", or "500 ms" for a timeout under a second or between seconds. */
    private static String shown(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** Reads a stream to its end on its own thread, so a full pipe never blocks the child. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buffer);
            } catch (IOException e) {
                // The process ended or was killed; what was read so far is all there is.
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
