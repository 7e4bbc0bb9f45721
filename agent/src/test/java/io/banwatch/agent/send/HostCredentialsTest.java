package io.banwatch.agent.send;

import io.banwatch.model.Host;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which token a host's reports go under, and where a new host's token is kept. */
class HostCredentialsTest {
    private static final String SECRET = "fleet-secret-0123456789";

    @TempDir
    Path state;

    private final ScriptedCollector collector = new ScriptedCollector();

    @AfterEach
    void stop() {
        collector.close();
    }

    private HostTokens tokens() {
        return new HostTokens(state.resolve("host-token"), state.resolve("host-tokens"));
    }

    private HostCredentials credentials(String secret, Supplier<Host> thisMachine) {
        CollectorClient client = new CollectorClient(HttpClient.newHttpClient(), collector.url(), Clock.systemUTC(), "test");
        return new HostCredentials(tokens(), client, secret, thisMachine);
    }

    private static Supplier<Host> notAsked() {
        return () -> {
            throw new AssertionError("this machine's host was not needed");
        };
    }

    private void machineEnrolled() {
        tokens().own().write(new HostToken.Stored("bw_h_machine", Samples.WORKSTATION.id(), collector.url().toString()));
    }

    @Test
    void anImageIsEnrolledUnderItsOwnIdOnItsFirstSendAndItsTokenKeptApart() throws Exception {
        machineEnrolled();
        HostCredentials credentials = credentials(SECRET, notAsked());

        assertThat(credentials.tokenFor(Samples.IMAGE)).isEqualTo("bw_h_enrolled");
        assertThat(credentials.tokenFor(Samples.WORKSTATION)).isEqualTo("bw_h_machine");
        assertThat(credentials.tokenFor(Samples.IMAGE)).isEqualTo("bw_h_enrolled");

        assertThat(collector.enrolledHosts).containsExactly(Samples.IMAGE.id());
        assertThat(tokens().own().read()).contains(new HostToken.Stored("bw_h_machine", Samples.WORKSTATION.id(),
                collector.url().toString()));
        Path imageToken = state.resolve("host-tokens/image-7");
        assertThat(tokens().other(Samples.IMAGE.id()).read()).contains(new HostToken.Stored("bw_h_enrolled",
                Samples.IMAGE.id(), collector.url().toString()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(imageToken))).isEqualTo("rw-------");
        // A new run finds it on disk.
        assertThat(credentials(null, notAsked()).tokenFor(Samples.IMAGE)).isEqualTo("bw_h_enrolled");
    }

    @Test
    void withoutATokenOfItsOwnThisMachinesIdDecidesWhereATokenGoes() {
        HostCredentials credentials = credentials(SECRET, () -> Samples.WORKSTATION);
        credentials.tokenFor(Samples.WORKSTATION);
        credentials.tokenFor(Samples.IMAGE);
        assertThat(tokens().own().read()).map(HostToken.Stored::hostId).contains(Samples.WORKSTATION.id());
        assertThat(tokens().other(Samples.IMAGE.id()).read()).map(HostToken.Stored::hostId)
                .contains(Samples.IMAGE.id());
    }

    @Test
    void aTokenFromAnotherCollectorIsNotUsed() {
        tokens().own().write(new HostToken.Stored("bw_h_old", Samples.WORKSTATION.id(), "https://old.example.org"));
        assertThat(credentials(SECRET, notAsked()).tokenFor(Samples.WORKSTATION)).isEqualTo("bw_h_enrolled");
        assertThat(tokens().own().read()).map(HostToken.Stored::token).contains("bw_h_enrolled");
    }

    @Test
    void withoutTheSecretAnImageIsNotEnrolledAndTheMessageSaysWhatToDo() {
        machineEnrolled();
        assertThatThrownBy(() -> credentials(null, notAsked()).tokenFor(Samples.IMAGE))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("host img-7 (image-7) is not this machine and is not enrolled with " + collector.url()
                        + ", and there is no enrollment secret to enroll it under its own id (set enrollment.secret, or"
                        + " scan images with a state directory of their own: BANWATCH_STATE_DIR=DIR)");
        assertThat(collector.enrolledHosts).isEmpty();
    }

    @Test
    void withoutTheSecretAnUnenrolledMachineIsToldToEnroll() {
        assertThatThrownBy(() -> credentials(null, notAsked()).tokenFor(Samples.WORKSTATION))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("this agent is not enrolled with " + collector.url()
                        + " (run 'banwatch enroll', or set enrollment.secret so it enrolls itself)");
    }

    @Test
    void aRefusedImageTokenIsRemovedToEnrollAgainTheMachinesIsReEnrolled() {
        machineEnrolled();
        HostCredentials credentials = credentials(SECRET, notAsked());
        assertThat(credentials.whenRefused(Samples.WORKSTATION)).isEqualTo("re-enroll with 'banwatch enroll'");
        assertThat(credentials.whenRefused(Samples.IMAGE)).isEqualTo("remove " + state.resolve("host-tokens/image-7")
                + " to enroll that host again on the next send");
    }

    @Test
    void hostIdsMakeSafeFileNames() {
        assertThat(HostTokens.fileName("8c8a3d8e-6f5b-4a3f-9a44-0f5f2d1c7b21")).isEqualTo("8c8a3d8e-6f5b-4a3f-9a44-0f5f2d1c7b21");
        assertThat(HostTokens.fileName("image:abc")).isEqualTo("image%3Aabc");
        assertThat(HostTokens.fileName("..")).isEqualTo("%2E.");
    }
}
