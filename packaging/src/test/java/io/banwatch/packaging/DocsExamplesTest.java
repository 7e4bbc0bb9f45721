package io.banwatch.packaging;

import io.banwatch.model.Finding;
import io.banwatch.model.Host;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.OsInfo;
import io.banwatch.model.Software;
import io.banwatch.rules.RuleEngine;
import io.banwatch.rules.RuleSet;
import io.banwatch.testkit.ReportBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The example rule pack in docs/rules.md loads and judges as the page says. */
class DocsExamplesTest {
    private static final Pattern JSON_BLOCK = Pattern.compile("(?ms)^### Writing your own pack$.*?^```json\\s*$(.*?)^```");

    @Test
    void theExamplePackDisallowsAnyDeskFromItsDate() throws IOException {
        String page = Files.readString(Build.repository().resolve("docs/rules.md"));
        Matcher m = JSON_BLOCK.matcher(page);
        assertThat(m.find()).as("a json block under 'Writing your own pack'").isTrue();
        RuleSet rules = RuleSet.builtIn().withPack(new ByteArrayInputStream(m.group(1).getBytes(StandardCharsets.UTF_8)),
                "docs/rules.md");
        RuleEngine engine = new RuleEngine(rules, Clock.systemUTC());
        Inventory host = ReportBuilder.report()
                .host(new Host("h1", "ws-1", new OsInfo("windows", "Windows 11", "23H2", null), "x86_64", null))
                .software(Software.pkg("AnyDesk", "8.0.9", "AnyDesk Software GmbH", "windows-uninstall", null))
                .inventory();

        List<Finding> before = engine.evaluate(host, List.of(), "us-federal-contractor", LocalDate.of(2026, 12, 31));
        List<Finding> after = engine.evaluate(host, List.of(), "us-federal-contractor", LocalDate.of(2027, 1, 1));

        assertThat(before).extracting(Finding::ruleId, Finding::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme-remote-access:anydesk", Level.INFO));
        assertThat(after).extracting(Finding::ruleId, Finding::level, Finding::since)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme-remote-access:anydesk", Level.VIOLATION,
                        LocalDate.of(2027, 1, 1)));
        assertThat(after.get(0).message()).isEqualTo("AnyDesk is installed. AnyDesk is not allowed since 2027-01-01"
                + " (ACME IT policy 7).");
        assertThat(engine.evaluate(host, List.of(), "us-private", LocalDate.of(2027, 1, 1)))
                .as("a pack judges only under the profiles it defines").isEmpty();
    }
}
