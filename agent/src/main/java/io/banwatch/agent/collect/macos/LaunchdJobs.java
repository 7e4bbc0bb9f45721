package io.banwatch.agent.collect.macos;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

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
 */
final class LaunchdJobs {
    static final String SOURCE = "launchd";
    static final List<String> SYSTEM_FOLDERS = List.of("/Library/LaunchDaemons", "/Library/LaunchAgents");

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
                root.readPlistFile(file, LaunchdJobs::fromJob, problems).ifPresent(out::add);
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
}
