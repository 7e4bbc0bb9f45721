package io.banwatch.agent.inventory.linux;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists running programs from /proc: the name and path of each process's program, once per
 * distinct program. Arguments are never read beyond argv[0] (they can hold secrets). Kernel
 * threads, which have an empty command line, are skipped. A process that exits while we read
 * it is skipped too. {@code comm} is read only for a process whose argv[0] names no program.
 */
public final class ProcProcesses {
    private ProcProcesses() {
    }

    public static List<Evidence> read(Path proc) throws IOException {
        Set<Evidence> out = new LinkedHashSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path d : dirs) {
                String pid = d.getFileName().toString();
                if (pid.isEmpty() || !Character.isDigit(pid.charAt(0))) {
                    continue;
                }
                Evidence e = process(d);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return new ArrayList<>(out);
    }

    static Evidence process(Path dir) {
        try {
            byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
            if (cmdline.length == 0) {
                return null;
            }
            int nul = 0;
            while (nul < cmdline.length && cmdline[nul] != 0) {
                nul++;
            }
            String argv0 = new String(cmdline, 0, nul, StandardCharsets.UTF_8).strip();
            Evidence e = fromArgv0(argv0, "");
            // comm only names a process whose argv[0] does not: read it only then (half the reads).
            return e != null ? e : fromArgv0(argv0, Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The program's name from argv[0] (the basename, without arguments some programs fold into
     * it, such as "sshd: user@pts/0"), falling back to comm, which the kernel cuts at 15 bytes.
     */
    static Evidence fromArgv0(String argv0, String comm) {
        String program = argv0;
        int colon = program.indexOf(": ");
        if (colon > 0) {
            program = program.substring(0, colon);
        }
        int space = program.indexOf(' ');
        if (space > 0 && !program.startsWith("/")) {
            program = program.substring(0, space);
        }
        int slash = program.lastIndexOf('/');
        String name = slash >= 0 ? program.substring(slash + 1) : program;
        if (name.isEmpty()) {
            name = comm;
        }
        if (name.isEmpty()) {
            return null;
        }
        String location = program.startsWith("/") ? program : null;
        return new Evidence(EvidenceKind.PROCESS, "proc", name, location, null);
    }
}
