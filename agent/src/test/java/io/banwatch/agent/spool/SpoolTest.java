package io.banwatch.agent.spool;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.banwatch.model.ScanReport;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
        ScanReport second = ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0.plusSeconds(60)).build();
        ScanReport first = ReportBuilder.report()
                .host(Samples.WORKSTATION)
                .scannedAt(t0)
                .findings(Samples.keslViolation())
                .build();
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
        spool.add(ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0).build());
        // What a kill -9 between write and rename leaves: a temporary file.
        Files.write(dir.resolve(".tmp-3b1e"), new byte[]{31, -117, 8});
        assertThat(spool.pending()).hasSize(1);
        assertThat(dir.resolve(".tmp-3b1e")).doesNotExist();
    }

    @Test
    void quarantinesFilesThatCannotBeReadBack() throws IOException {
        Spool spool = new Spool(dir, 100, 1 << 30);
        SpooledReport good = spool.add(ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0).build());
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
        ScanReport clean1 = ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0).build();
        ScanReport finding1 = ReportBuilder.report()
                .host(Samples.WORKSTATION)
                .scannedAt(t0.plusSeconds(1))
                .findings(Samples.keslViolation())
                .build();
        ScanReport clean2 = ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0.plusSeconds(2)).build();
        ScanReport clean3 = ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0.plusSeconds(3)).build();
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
            spool.add(ReportBuilder.report()
                    .host(Samples.WORKSTATION)
                    .scannedAt(t0.plusSeconds(i))
                    .findings(Samples.keslViolation())
                    .build());
        }
        assertThat(spool.pending()).hasSize(4).allMatch(SpooledReport::hasFindings);
    }

    /** Runs {@code body} and returns the Spool's log events from it. */
    private static List<ILoggingEvent> logOf(Runnable body) {
        Logger logger = (Logger) LoggerFactory.getLogger(Spool.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        try {
            body.run();
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
        return appender.list;
    }

    @Test
    void droppingTheOldestReportWithoutFindingsIsWarnedAbout() {
        Spool spool = new Spool(dir, 3, 1 << 30);
        ScanReport clean1 = ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0).build();
        ScanReport finding1 = ReportBuilder.report()
                .host(Samples.WORKSTATION)
                .scannedAt(t0.plusSeconds(1))
                .findings(Samples.keslViolation())
                .build();
        ScanReport clean2 = ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0.plusSeconds(2)).build();
        ScanReport clean3 = ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0.plusSeconds(3)).build();
        List<ILoggingEvent> log = logOf(() -> List.of(clean1, finding1, clean2, clean3).forEach(spool::add));
        assertThat(log).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).matches("spool full \\(4 reports, limit 3; \\d+ bytes, limit 1073741824\\):"
                    + " dropped the oldest report without findings, " + clean1.reportId());
        });
        assertThat(spool.pending()).extracting(SpooledReport::reportId)
                .containsExactly(finding1.reportId(), clean2.reportId(), clean3.reportId());
    }

    @Test
    void whenEveryReportHasFindingsNothingIsDroppedAndTheOverflowIsWarnedAbout() {
        Spool spool = new Spool(dir, 2, 1 << 30);
        List<ScanReport> reports = List.of(ReportBuilder.report()
                .host(Samples.WORKSTATION)
                .scannedAt(t0)
                .findings(Samples.keslViolation())
                .build(), ReportBuilder.report()
                .host(Samples.WORKSTATION)
                .scannedAt(t0.plusSeconds(1))
                .findings(Samples.keslViolation())
                .build(),
                ReportBuilder.report()
                        .host(Samples.WORKSTATION)
                        .scannedAt(t0.plusSeconds(2))
                        .findings(Samples.keslViolation())
                        .build(), ReportBuilder.report()
                        .host(Samples.WORKSTATION)
                        .scannedAt(t0.plusSeconds(3))
                        .findings(Samples.keslViolation())
                        .build());
        List<ILoggingEvent> log = logOf(() -> reports.forEach(spool::add));
        assertThat(log).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
        assertThat(log).extracting(ILoggingEvent::getFormattedMessage).hasSize(2)
                .allSatisfy(m -> assertThat(m).doesNotContain("dropped"))
                .satisfiesExactly(
                        m -> assertThat(m).matches("spool over its limit with 3 reports \\(\\d+ bytes\\); the rest hold"
                                + " findings and are kept"),
                        m -> assertThat(m).matches("spool over its limit with 4 reports \\(\\d+ bytes\\); the rest hold"
                                + " findings and are kept"));
        assertThat(spool.pending()).extracting(SpooledReport::reportId)
                .containsExactlyElementsOf(reports.stream().map(ScanReport::reportId).toList());
    }

    @Test
    void withinItsLimitsTheSpoolSaysNothing() {
        Spool spool = new Spool(dir, 3, 1 << 30);
        assertThat(logOf(() -> {
            for (int i = 0; i < 3; i++) {
                spool.add(ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0.plusSeconds(i)).build());
            }
        })).isEmpty();
    }

    @Test
    void theByteLimitCountsToo() {
        Spool spool = new Spool(dir, 1000, 1);
        ScanReport old = ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0).build();
        ScanReport recent = ReportBuilder.report().host(Samples.WORKSTATION).scannedAt(t0.plusSeconds(1)).build();
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
