package io.banwatch.agent.spool;

import io.banwatch.agent.send.TestReports;
import io.banwatch.model.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolTest {
    @TempDir
    Path dir;

    private final Instant t0 = Instant.parse("2026-11-24T03:00:00Z");

    @Test
    void keepsReportsInScanOrderUntilAcknowledged() {
        Spool spool = new Spool(dir, 100, 1 << 30);
        ScanReport second = TestReports.report(t0.plusSeconds(60), false);
        ScanReport first = TestReports.report(t0, true);
        spool.add(second);
        spool.add(first);
        List<SpooledReport> pending = spool.pending();
        assertThat(pending).extracting(SpooledReport::reportId).containsExactly(first.reportId(), second.reportId());
        assertThat(pending.get(0).hasFindings()).isTrue();
        assertThat(spool.read(pending.get(0))).isNotNull();
        spool.acknowledge(pending.get(0));
        assertThat(spool.pending()).extracting(SpooledReport::reportId).containsExactly(second.reportId());
    }

    @Test
    void aWriteInterruptedBeforeItsRenameLeavesNoReportBehind() throws IOException {
        Spool spool = new Spool(dir, 100, 1 << 30);
        spool.add(TestReports.report(t0, false));
        // What a kill -9 between write and rename leaves: a temporary file.
        Files.write(dir.resolve(".tmp-3b1e"), new byte[]{31, -117, 8});
        assertThat(spool.pending()).hasSize(1);
        assertThat(dir.resolve(".tmp-3b1e")).doesNotExist();
    }

    @Test
    void quarantinesFilesThatCannotBeReadBack() throws IOException {
        Spool spool = new Spool(dir, 100, 1 << 30);
        SpooledReport good = spool.add(TestReports.report(t0, false));
        Path truncated = dir.resolve(SpooledReport.fileName(t0.toEpochMilli() + 1, "a1", false));
        byte[] bytes = Files.readAllBytes(good.file());
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Path garbage = dir.resolve(SpooledReport.fileName(t0.toEpochMilli() + 2, "a2", true));
        Files.writeString(garbage, "not gzip at all");
        Path misnamed = dir.resolve(SpooledReport.fileName(t0.toEpochMilli() + 3, "wrong-id", false));
        Files.copy(good.file(), misnamed);
        Files.writeString(dir.resolve("notes.txt"), "left by someone");

        List<SpooledReport> pending = spool.pending();
        assertThat(pending).hasSize(4);
        assertThat(pending).filteredOn(r -> spool.read(r) != null).extracting(SpooledReport::reportId)
                .containsExactly(good.reportId());
        assertThat(dir.resolve("quarantine")).isDirectoryContaining(p -> p.getFileName().toString().contains("-a1-"))
                .isDirectoryContaining(p -> p.getFileName().toString().contains("-a2-"))
                .isDirectoryContaining(p -> p.getFileName().toString().contains("-wrong-id-"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("notes.txt"));
        assertThat(spool.pending()).extracting(SpooledReport::reportId).containsExactly(good.reportId());
    }

    @Test
    void whenFullTheOldestReportsWithoutFindingsGoFirst() {
        Spool spool = new Spool(dir, 3, 1 << 30);
        ScanReport clean1 = TestReports.report(t0, false);
        ScanReport finding1 = TestReports.report(t0.plusSeconds(1), true);
        ScanReport clean2 = TestReports.report(t0.plusSeconds(2), false);
        ScanReport clean3 = TestReports.report(t0.plusSeconds(3), false);
        for (ScanReport r : List.of(clean1, finding1, clean2, clean3)) {
            spool.add(r);
        }
        assertThat(spool.pending()).extracting(SpooledReport::reportId)
                .containsExactly(finding1.reportId(), clean2.reportId(), clean3.reportId());
    }

    @Test
    void aReportWithFindingsIsNeverDropped() {
        Spool spool = new Spool(dir, 2, 1 << 30);
        for (int i = 0; i < 4; i++) {
            spool.add(TestReports.report(t0.plusSeconds(i), true));
        }
        assertThat(spool.pending()).hasSize(4).allMatch(SpooledReport::hasFindings);
    }

    @Test
    void theByteLimitCountsToo() {
        Spool spool = new Spool(dir, 1000, 1);
        ScanReport old = TestReports.report(t0, false);
        ScanReport recent = TestReports.report(t0.plusSeconds(1), false);
        spool.add(old);
        spool.add(recent);
        assertThat(spool.pending()).extracting(SpooledReport::reportId).containsExactly(recent.reportId());
    }

    @Test
    void theFileNameCarriesOrderIdAndFindings() {
        assertThat(SpooledReport.fileName(1700000000000L, "abc-def", true)).isEqualTo("1700000000000-abc-def-f.json.gz");
        SpooledReport r = SpooledReport.parse(dir.resolve("1700000000000-abc-def-f.json.gz"), 10);
        assertThat(r.reportId()).isEqualTo("abc-def");
        assertThat(r.hasFindings()).isTrue();
        assertThat(r.scannedAt()).isEqualTo(1700000000000L);
        assertThat(SpooledReport.parse(dir.resolve("x.json.gz"), 1)).isNull();
        assertThat(SpooledReport.parse(dir.resolve("123-id-z.json.gz"), 1)).isNull();
    }
}
