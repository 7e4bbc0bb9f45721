package io.banwatch.agent.inventory.macos;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code ps -axo comm=}: the executable of every process, one a line, no header. macOS has
 * no /proc; this one command costs a few milliseconds and prints no arguments (they can hold
 * secrets). Recorded excerpt:
 * <pre>
 * /sbin/launchd
 * /usr/libexec/logd
 * /Library/Application Support/Kaspersky Lab/KAV/Binaries/kav
 * /Applications/Kaspersky Anti-Virus For Mac.app/Contents/MacOS/kav_agent
 * kernel_task
 * </pre>
 * Each program is reported once, by its file name, with its path when ps printed one. A name
 * ps could only read from the kernel comes in parentheses, "(kav)", which are dropped.
 */
final class PsProcesses {
    static final String SOURCE = "ps";
    static final List<String> COMMAND = List.of("/bin/ps", "-axo", "comm=");
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private PsProcesses() {
    }

    static List<Evidence> parse(String output) {
        Set<Evidence> out = new LinkedHashSet<>();
        for (String raw : output.split("\n")) {
            String program = raw.strip();
            if (program.length() > 2 && program.startsWith("(") && program.endsWith(")")) {
                program = program.substring(1, program.length() - 1);
            }
            String name = program.substring(program.lastIndexOf('/') + 1);
            if (!name.isEmpty()) {
                out.add(new Evidence(EvidenceKind.PROCESS, SOURCE, name, program.startsWith("/") ? program : null, null));
            }
        }
        return new ArrayList<>(out);
    }
}
