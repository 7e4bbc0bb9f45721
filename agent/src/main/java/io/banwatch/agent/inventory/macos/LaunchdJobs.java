package io.banwatch.agent.inventory.macos;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lists launchd jobs from their plists, not through {@code launchctl}: a job's file stays on the
 * disk whether or not it is loaded, and a left-over daemon is exactly what we look for.
 * Folders: /Library/LaunchDaemons, /Library/LaunchAgents and each user's ~/Library/LaunchAgents.
 *
 * <p>Recorded job (XML form; some are binary):
 * <pre>
 * &lt;key&gt;Label&lt;/key&gt;            &lt;string&gt;com.kaspersky.kav&lt;/string&gt;
 * &lt;key&gt;ProgramArguments&lt;/key&gt; &lt;array&gt;&lt;string&gt;/Library/Application Support/Kaspersky Lab/KAV/Binaries/kav&lt;/string&gt;&lt;/array&gt;
 * &lt;key&gt;RunAtLoad&lt;/key&gt;        &lt;true/&gt;
 * </pre>
 * The program is {@code Program}, else the first of {@code ProgramArguments}. A plist without a
 * Label would not load, but its file name is still the label it was written for.
 *
 * <p>The detail is the program followed by {@code (present)} or {@code (missing)}: a job whose
 * binary is on the disk still runs at every boot, while one whose binary is gone is what an
 * uninstaller or a drag to the Trash left behind. Rule packs tell the two apart by this suffix.
 */
final class LaunchdJobs {
    static final String SOURCE = "launchd";
    static final List<String> SYSTEM_FOLDERS = List.of("/Library/LaunchDaemons", "/Library/LaunchAgents");
    static final String PRESENT = " (present)";
    static final String MISSING = " (missing)";

    private LaunchdJobs() {
    }

    static List<Evidence> read(MacRoot root, Consumer<String> problems) {
        List<Path> folders = new ArrayList<>();
        for (String folder : SYSTEM_FOLDERS) {
            folders.add(root.resolve(folder));
        }
        for (Path home : root.userHomes(problems)) {
            folders.add(home.resolve("Library/LaunchAgents"));
        }
        List<Evidence> out = new ArrayList<>();
        for (Path folder : folders) {
            for (Path file : root.list(folder, ".plist", problems)) {
                root.readPlistFile(file, LaunchdJobs::fromJob, problems).map(job -> withProgramState(root, job))
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    /** The job a plist defines; {@code fileLabel} (the file's name) stands in for a missing Label. */
    static Evidence fromJob(Plist job, String fileLabel, String location) {
        String label = job.text("Label");
        String program = job.text("Program");
        if (program == null) {
            program = job.firstText("ProgramArguments");
        }
        return new Evidence(EvidenceKind.LAUNCHD_JOB, SOURCE, label == null ? fileLabel : label, location, program);
    }

    /**
     * The job with its program marked present or missing under {@code root}. A relative or absent
     * program cannot be resolved against the root, so it stays unmarked.
     */
    static Evidence withProgramState(MacRoot root, Evidence job) {
        String program = job.detail();
        if (program == null || !program.startsWith("/")) {
            return job;
        }
        boolean present = Files.isRegularFile(root.resolve(program));
        return new Evidence(job.kind(), job.source(), job.name(), job.location(), program + (present ? PRESENT : MISSING));
    }
}
