package io.banwatch.agent.inventory.macos;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PsProcessesTest {
    @Test
    void namesEachProgramOnceByItsFileName() {
        String chromeHelper = "/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/"
                + "Versions/130.0.6723.117/Helpers/Google Chrome Helper (Renderer).app/Contents/MacOS/Google Chrome Helper (Renderer)";
        assertThat(PsProcesses.parse(MacFixtures.text("commands/ps-axo-comm-kav.txt")))
                .extracting(Evidence::name, Evidence::location)
                .containsExactly(
                        tuple("kernel_task", null),
                        tuple("launchd", "/sbin/launchd"),
                        tuple("logd", "/usr/libexec/logd"),
                        tuple("UserEventAgent", "/usr/libexec/UserEventAgent"),
                        tuple("uninstalld", "/System/Library/PrivateFrameworks/Uninstall.framework/Resources/uninstalld"),
                        tuple("fseventsd", "/System/Library/Frameworks/CoreServices.framework/Versions/A/Frameworks/"
                                + "FSEvents.framework/Versions/A/Support/fseventsd"),
                        tuple("systemstats", "/usr/sbin/systemstats"),
                        tuple("configd", "/usr/libexec/configd"),
                        tuple("powerd", "/System/Library/CoreServices/powerd.bundle/powerd"),
                        tuple("kav", "/Library/Application Support/Kaspersky Lab/KAV/Binaries/kav"),
                        tuple("sysextctrld", "/Library/Application Support/Kaspersky Lab/KAV/Binaries/sysextctrld"),
                        tuple("com.kaspersky.kav.sysext", "/Library/SystemExtensions/B39C4E81-08CB-40F2-86FF-6DF5B7B7AEBB/"
                                + "com.kaspersky.kav.sysext.systemextension/Contents/MacOS/com.kaspersky.kav.sysext"),
                        tuple("cfprefsd", "/usr/sbin/cfprefsd"),
                        tuple("loginwindow", "/System/Library/CoreServices/loginwindow.app/Contents/MacOS/loginwindow"),
                        tuple("Dock", "/System/Library/CoreServices/Dock.app/Contents/MacOS/Dock"),
                        tuple("Finder", "/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder"),
                        tuple("kav_agent", "/Applications/Kaspersky Anti-Virus For Mac.app/Contents/MacOS/kav_agent"),
                        tuple("kav_app", "/Applications/Kaspersky Anti-Virus For Mac.app/Contents/MacOS/kav_app"),
                        tuple("Google Chrome", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
                        tuple("Google Chrome Helper (Renderer)", chromeHelper),
                        tuple("Terminal", "/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal"),
                        tuple("-zsh", null),
                        tuple("ps", "/bin/ps"));
    }

    @Test
    void everyLineIsAProcessObservation() {
        assertThat(PsProcesses.parse("/sbin/launchd\n")).containsExactly(
                new Evidence(EvidenceKind.PROCESS, "ps", "launchd", "/sbin/launchd", null));
    }

    @Test
    void toleratesKernelNamesClippedPathsAndBlankLines() {
        assertThat(PsProcesses.parse("(kav)\n\n   \n.../Support/fseventsd\r\n/\n"))
                .extracting(Evidence::name, Evidence::location)
                .containsExactly(tuple("kav", null), tuple("fseventsd", null));
        assertThat(PsProcesses.parse("")).isEmpty();
    }
}
