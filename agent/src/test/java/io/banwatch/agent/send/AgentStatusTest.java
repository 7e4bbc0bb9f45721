package io.banwatch.agent.send;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The status file: what each event writes, what reads back, and that the file's keys stay what agents already have on disk. */
class AgentStatusTest {
    @TempDir
    Path dir;

    private static final Instant T1 = Instant.parse("2026-12-03T08:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-03T09:00:00Z");

    @Test
    void nothingHappenedYet() {
        AgentStatus.Snapshot s = new AgentStatus(dir.resolve("status.properties")).read();
        assertThat(s).isEqualTo(new AgentStatus.Snapshot(null, null, null, null, null, null, null, null));
        assertThat(s.lastSendFailed()).isFalse();
    }

    @Test
    void eachEventKeepsWhatTheOthersWrote() {
        AgentStatus status = new AgentStatus(dir.resolve("state/status.properties"));
        status.scanned(T1, "r-1", 3);
        status.acknowledged("sha256:abc");
        status.sendEnded(T1, 2, null);
        status.sendEnded(T2, 0, "collector answered 503");

        AgentStatus.Snapshot s = status.read();
        assertThat(s.lastScanAt()).isEqualTo(T1);
        assertThat(s.lastScanReportId()).isEqualTo("r-1");
        assertThat(s.lastScanFindings()).isEqualTo(3);
        assertThat(s.lastSendAt()).as("the last send that delivered").isEqualTo(T1);
        assertThat(s.lastSendCount()).isEqualTo(2);
        assertThat(s.lastSendAttemptAt()).isEqualTo(T2);
        assertThat(s.lastSendResult()).isEqualTo("collector answered 503");
        assertThat(s.lastSendFailed()).isTrue();
        assertThat(s.acknowledgedInventoryHash()).isEqualTo("sha256:abc");

        status.sendEnded(T2, 1, null);
        assertThat(status.read().lastSendFailed()).isFalse();
        assertThat(status.read().lastSendResult()).isEqualTo(AgentStatus.SEND_OK);
    }

    @Test
    void readsTheFileAnEarlierAgentWrote() throws IOException {
        Path file = dir.resolve("status.properties");
        Files.writeString(file, """
                #banwatch agent status
                last-scan-at=2026-12-01T06\\:15\\:00Z
                last-scan-report-id=0f8e3a52
                last-scan-findings=2
                last-send-at=2026-12-01T06\\:15\\:01Z
                last-send-count=1
                last-send-attempt-at=2026-12-01T06\\:15\\:01Z
                last-send-result=ok
                acknowledged-inventory-hash=sha256\\:def
                """);
        AgentStatus.Snapshot s = new AgentStatus(file).read();
        assertThat(s).isEqualTo(new AgentStatus.Snapshot(Instant.parse("2026-12-01T06:15:00Z"), "0f8e3a52", 2,
                Instant.parse("2026-12-01T06:15:01Z"), 1, Instant.parse("2026-12-01T06:15:01Z"), "ok", "sha256:def"));
    }

    @Test
    void aHandEditedValueThatDoesNotReadIsUnknownNotAnError() throws IOException {
        Path file = dir.resolve("status.properties");
        Files.writeString(file, "last-scan-at=yesterday\nlast-scan-findings=many\nlast-send-result=ok\n");
        AgentStatus.Snapshot s = new AgentStatus(file).read();
        assertThat(s.lastScanAt()).isNull();
        assertThat(s.lastScanFindings()).isNull();
        assertThat(s.lastSendResult()).isEqualTo("ok");
    }

    @Test
    void writesTheKeysAgentsAlreadyHave() throws IOException {
        Path file = dir.resolve("status.properties");
        AgentStatus status = new AgentStatus(file);
        status.scanned(T1, "r-1", 0);
        status.sendEnded(T1, 1, null);
        assertThat(Files.readString(file)).contains("last-scan-at=2026-12-03T08\\:00\\:00Z", "last-scan-report-id=r-1",
                "last-scan-findings=0", "last-send-at=", "last-send-count=1", "last-send-attempt-at=", "last-send-result=ok");
        assertThat(dir.resolve("status.properties.new")).doesNotExist();
    }
}
