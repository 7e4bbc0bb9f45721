package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.HostId;
import io.banwatch.agent.inventory.MachineArch;
import io.banwatch.agent.inventory.ScanContext;
import io.banwatch.model.Host;
import io.banwatch.model.OsInfo;
import io.banwatch.model.ScanError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.banwatch.agent.inventory.macos.MacFixtures.ran;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class MacHostTest {
    private static final OsInfo SONOMA = new OsInfo("macos", "macOS 14.6.1", "14.6.1", "23G93");
    private static final String UUID = "5B2F9C0E-7A41-4D8B-9E36-1C0A2D4F8E71";

    @TempDir
    Path root;

    private final CommandRunner runner = MacFixtures.failingRunner();
    private final ScanContext ctx = new ScanContext();

    @Test
    void aLiveMacIsNamedByItsLocalHostNameAndIdentifiedByItsHardwareUuid() {
        stub(MacHost.LOCAL_HOST_NAME, ran("Alices-MacBook-Pro\n"));
        stub(IoregPlatform.COMMAND, ran(MacFixtures.text("commands/ioreg-platform.txt")));

        Host host = new MacHost(root, true, runner).read(SONOMA, ctx);

        assertThat(host).isEqualTo(new Host(HostId.derive(UUID), "Alices-MacBook-Pro", SONOMA,
                MachineArch.normalise(System.getProperty("os.arch")), null));
        assertThat(host.id()).doesNotContainIgnoringCase(UUID.substring(0, 8));
        assertThat(ctx.errors()).isEmpty();
    }

    @Test
    void fallsBackToHostnameWhenNoLocalHostNameIsSet() {
        stub(MacHost.LOCAL_HOST_NAME, new CommandResult(1, "", "LocalHostName: not set\n", null));
        stub(MacHost.HOSTNAME, ran("ws-mac-0042.local\n"));
        stub(IoregPlatform.COMMAND, ran(MacFixtures.text("commands/ioreg-platform-intel.txt")));

        Host host = new MacHost(root, true, runner).read(SONOMA, ctx);

        assertThat(host.hostname()).isEqualTo("ws-mac-0042.local");
        assertThat(host.id()).isEqualTo(HostId.derive("D1E4A7B2-3C58-4F09-8A6B-2E7F0C9D5A13"));
        assertThat(ctx.errors()).isEmpty();
    }

    @Test
    void whenNothingAnswersTheHostStillHasANameAndAnIdAndTheErrorsSayWhy() {
        Host host = new MacHost(root, true, runner).read(SONOMA, ctx);

        assertThat(host.hostname()).isEqualTo("localhost");
        assertThat(host.id()).isEqualTo(HostId.derive("image:" + root.toAbsolutePath().normalize()));
        assertThat(ctx.errors()).containsExactly(
                new ScanError("host-id", "no hardware UUID (ioreg: not stubbed); the host id is not unique to this Mac"),
                new ScanError("hostname", "scutil: not stubbed; hostname: not stubbed"));
    }

    @Test
    void anIoregOutputWithoutUuidIsAnError() {
        stub(MacHost.LOCAL_HOST_NAME, ran("mac\n"));
        stub(IoregPlatform.COMMAND, ran("+-o Root  <class IORegistryEntry, id 0x100000100, retain 17>\n"));
        new MacHost(root, true, runner).read(SONOMA, ctx);
        assertThat(ctx.errors()).extracting(ScanError::message)
                .containsExactly("no hardware UUID (ioreg: no IOPlatformUUID line); the host id is not unique to this Mac");
    }

    @Test
    void anImageIsNamedAfterItsMountPointAndRunsNothing() {
        CommandRunner untouched = mock(CommandRunner.class);
        Host host = new MacHost(root, false, untouched).read(SONOMA, ctx);

        String image = root.toAbsolutePath().normalize().toString();
        assertThat(host).isEqualTo(new Host(HostId.derive("image:" + image), image, SONOMA, null, null));
        assertThat(ctx.errors()).isEmpty();
        verifyNoInteractions(untouched);
    }

    private void stub(List<String> argv, CommandResult result) {
        when(runner.run(eq(argv), isNull(), any(Duration.class))).thenReturn(result);
    }
}
