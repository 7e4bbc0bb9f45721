package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.Fixtures;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.banwatch.agent.inventory.macos.MacFixtures.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LaunchdJobsTest {
    @TempDir
    Path root;

    private final MacFixtures.Problems problems = new MacFixtures.Problems();

    @Test
    void listsDaemonsThenAgentsWithTheirPrograms() {
        assertThat(LaunchdJobs.read(new MacRoot(MacFixtures.scenario("kav-for-mac")), problems))
                .extracting(Evidence::kind, Evidence::source, Evidence::name, Evidence::location, Evidence::detail)
                .containsExactly(
                        tuple(EvidenceKind.LAUNCHD_JOB, "launchd", "com.kaspersky.kav", "/Library/LaunchDaemons/com.kaspersky.kav.plist",
                                "/Library/Application Support/Kaspersky Lab/KAV/Binaries/kav (present)"),
                        tuple(EvidenceKind.LAUNCHD_JOB, "launchd", "com.kaspersky.sysextctrld",
                                "/Library/LaunchDaemons/com.kaspersky.sysextctrld.plist",
                                "/Library/Application Support/Kaspersky Lab/KAV/Binaries/sysextctrld (missing)"),
                        tuple(EvidenceKind.LAUNCHD_JOB, "launchd", "com.kaspersky.kav.gui",
                                "/Library/LaunchAgents/com.kaspersky.kav.gui.plist",
                                "/Applications/Kaspersky Anti-Virus For Mac.app/Contents/MacOS/kav_agent (missing)"));
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void readsProgramKeysAndBinaryJobs() {
        // com.microsoft.autoupdate.helper uses Program; com.microsoft.update.agent is a binary plist.
        // The fixture holds no binaries, so every program is missing.
        assertThat(LaunchdJobs.read(new MacRoot(MacFixtures.scenario("clean-sonoma")), problems))
                .extracting(Evidence::name, Evidence::detail)
                .containsExactly(
                        tuple("com.microsoft.autoupdate.helper", "/Library/PrivilegedHelperTools/com.microsoft.autoupdate.helper (missing)"),
                        tuple("org.xquartz.privileged_startx", "/opt/X11/libexec/privileged_startx (missing)"),
                        tuple("com.crowdstrike.falcon.UserAgent", "/Applications/Falcon.app/Contents/MacOS/Falcon (missing)"),
                        tuple("com.microsoft.update.agent", "/Library/Application Support/Microsoft/MAU2.0/"
                                + "Microsoft AutoUpdate.app/Contents/MacOS/Microsoft Update Assistant.app/Contents/MacOS/"
                                + "Microsoft Update Assistant (missing)"));
    }

    @Test
    void programWinsOverProgramArguments() {
        Evidence job = LaunchdJobs.fromJob(xml("<key>Label</key><string>a</string>"
                + "<key>Program</key><string>/usr/libexec/a</string>"
                + "<key>ProgramArguments</key><array><string>a</string><string>-v</string></array>"), "file", "/L/a.plist");
        assertThat(job.detail()).isEqualTo("/usr/libexec/a");
    }

    @Test
    void marksAProgramPresentOnlyWhenItsFileIsUnderTheRoot() {
        Fixtures.write(root, "Library/Application Support/Kaspersky Lab/klnagent/Binaries/klnagent", "");
        Fixtures.write(root, "Library/Application Support/Kaspersky Lab/KAV/Binaries/.keep", "");
        MacRoot mac = new MacRoot(root);

        assertThat(LaunchdJobs.withProgramState(mac, job("/Library/Application Support/Kaspersky Lab/klnagent/Binaries/klnagent"))
                .detail()).isEqualTo("/Library/Application Support/Kaspersky Lab/klnagent/Binaries/klnagent (present)");
        // A folder where the binary should be is not a binary.
        assertThat(LaunchdJobs.withProgramState(mac, job("/Library/Application Support/Kaspersky Lab/KAV/Binaries")).detail())
                .isEqualTo("/Library/Application Support/Kaspersky Lab/KAV/Binaries (missing)");
        assertThat(LaunchdJobs.withProgramState(mac, job("/Library/Application Support/Kaspersky Lab/KAV/Binaries/kav"))
                .detail()).endsWith("kav (missing)");
        // Relative or absent programs cannot be resolved against the root: left as they were.
        assertThat(LaunchdJobs.withProgramState(mac, job("klnagent")).detail()).isEqualTo("klnagent");
        assertThat(LaunchdJobs.withProgramState(mac, job(null)).detail()).isNull();
    }

    private static Evidence job(String program) {
        return new Evidence(EvidenceKind.LAUNCHD_JOB, "launchd", "com.example.job", "/Library/LaunchDaemons/com.example.job.plist",
                program);
    }

    @Test
    void readsEachUsersLaunchAgents() {
        Fixtures.write(root, "Users/alice/Library/LaunchAgents/com.kaspersky.kav.gui.plist", """
                <?xml version="1.0" encoding="UTF-8"?>
                <plist version="1.0"><dict><key>Label</key><string>com.kaspersky.kav.gui</string></dict></plist>
                """);
        assertThat(LaunchdJobs.read(new MacRoot(root), problems))
                .extracting(Evidence::name, Evidence::location)
                .containsExactly(tuple("com.kaspersky.kav.gui", "/Users/alice/Library/LaunchAgents/com.kaspersky.kav.gui.plist"));
    }

    @Test
    void namesAJobWithoutLabelAfterItsFileAndReportsUnreadableOnes() {
        assertThat(LaunchdJobs.read(new MacRoot(MacFixtures.scenario("broken")), problems))
                .extracting(Evidence::name, Evidence::detail)
                .containsExactly(tuple("com.example.nolabel", null));
        assertThat(problems.list()).containsExactly(
                "/Library/LaunchDaemons/com.example.notaplist.plist: not a readable property list "
                        + "(ParseException: Expected '{' or '(' or '/' but found 'L' (1:1))",
                "/Library/LaunchDaemons/com.example.truncated.plist: not a readable property list "
                        + "(PropertyListFormatException: The binary property list does not contain a complete object offset table.)");
    }
}
