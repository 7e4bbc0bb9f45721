package io.banwatch.agent.cli;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.FindingKind;
import io.banwatch.model.Host;
import io.banwatch.model.Level;
import io.banwatch.model.OsInfo;
import io.banwatch.model.Presence;
import io.banwatch.model.ScanError;
import io.banwatch.model.ScanReport;
import io.banwatch.testkit.ReportBuilder;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The readable table on its own: order, the milestone's date, the width, and incomplete scans. */
class TableRendererTest {
    private static final Host HOST = new Host("host-1", "ws-1", new OsInfo("linux", "Debian", "12", null), "x86_64", null);

    private static Finding finding(Level level, String product, String milestone, LocalDate since, LocalDate deadline,
                                   Integer daysLeft) {
        return new Finding("pack:" + product, FindingKind.PRODUCT, level, "us-federal", "Kaspersky", product,
                Presence.INSTALLED, milestone, since, deadline, daysLeft, product + " is installed.", null,
                List.of(Evidence.of(EvidenceKind.SOFTWARE, "dpkg", product)));
    }

    private static String render(List<Finding> findings, List<ScanError> errors) {
        ScanReport report = ReportBuilder.report().id("r-1").agentVersion("test").scannedAt(Instant.parse("2026-11-24T03:00:00Z"))
                .host(HOST).findings(findings).errors(errors).build();
        StringWriter out = new StringWriter();
        new TableRenderer(new PrintWriter(out)).render(report);
        return out.toString();
    }

    private static List<String> rows(String table) {
        return table.lines().filter(l -> l.matches("^(VIOLATION|DEADLINE|RISK|INFO) .*")).toList();
    }

    @Test
    void findingsAreListedMostSeriousFirstWhateverOrderTheyCameIn() {
        String table = render(List.of(
                finding(Level.INFO, "info-a", "m1", LocalDate.of(2017, 12, 12), null, null),
                finding(Level.VIOLATION, "violation-b", "m2", LocalDate.of(2018, 10, 1), null, null),
                finding(Level.INFO, "info-c", "m3", LocalDate.of(2017, 12, 12), null, null),
                finding(Level.RISK, "risk-d", "m4", LocalDate.of(2024, 9, 29), null, null),
                finding(Level.DEADLINE, "deadline-e", "m5", null, LocalDate.of(2026, 12, 1), 7)), List.of());
        // Stable: the two INFO findings keep the order they came in.
        assertThat(rows(table)).extracting(l -> l.split(" +")[1])
                .containsExactly("violation-b", "deadline-e", "risk-d", "info-a", "info-c");
    }

    @Test
    void theDateColumnIsTheDeadlineAheadOrSinceWhenTheMilestoneApplies() {
        String table = render(List.of(
                finding(Level.VIOLATION, "violation", "ndaa-1634-effective", LocalDate.of(2018, 10, 1), null, null),
                finding(Level.DEADLINE, "deadline", "bis-new-agreements-end", null, LocalDate.of(2026, 12, 1), 7),
                finding(Level.INFO, "notice", null, null, null, null)), List.of());
        assertThat(table).contains("LEVEL      PRODUCT    PRESENCE   MILESTONE               DATE              DAYS LEFT\n");
        assertThat(rows(table)).containsExactly(
                "VIOLATION  violation  installed  ndaa-1634-effective     since 2018-10-01  -",
                "DEADLINE   deadline   installed  bis-new-agreements-end  2026-12-01        7",
                "INFO       notice     installed  -                       -                 -");
    }

    @Test
    void longProductNamesWrapInTheirColumnToStayWithin100Columns() {
        String table = render(List.of(finding(Level.VIOLATION, "Kaspersky Industrial CyberSecurity for Linux Nodes",
                "far-52-204-23-effective", LocalDate.of(2018, 9, 30), null, null)), List.of());
        assertThat(table.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        List<String> lines = table.lines().toList();
        int row = lines.indexOf(rows(table).get(0));
        assertThat(lines.get(row)).startsWith("VIOLATION  Kaspersky Industrial").endsWith("since 2018-09-30  -");
        assertThat(lines.get(row + 1)).startsWith(" ".repeat(11) + "CyberSecurity").doesNotContain("since");
    }

    @Test
    void anIncompleteScanSaysWhichSourceAndWhyInsteadOfNothingFound() {
        String table = render(List.of(), List.of(new ScanError("packages", "no package database under /mnt/x", true),
                new ScanError("snap", "permission denied")));
        assertThat(table).doesNotContain("No Kaspersky products found")
                .contains("Errors     1 source could not be read:\n           snap: permission denied\n")
                .contains("INCOMPLETE: this scan could not read all it needs, so finding no Kaspersky products proves"
                        + " nothing.\n    packages: no package database under /mnt/x\n");
    }
}
