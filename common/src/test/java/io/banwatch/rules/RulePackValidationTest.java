package io.banwatch.rules;

import io.banwatch.model.OsFamily;
import io.banwatch.model.Finding;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulePackValidationTest {
    @TempDir
    Path dir;

    /** A minimal valid pack; tests break one thing at a time. */
    private static final String VALID = """
            {
              "id": "acme-test",
              "title": "Acme test pack",
              "version": "1",
              "timeZone": "America/New_York",
              "vendor": {"name": "Acme", "publisherPatterns": ["\\\\bacme corp"]},
              "citations": [{"id": "rule-1", "title": "Acme Act", "url": "https://example.org/acme"}],
              "milestones": [
                {"id": "ban", "date": "2025-01-01", "title": "Acme banned", "citation": "rule-1"},
                {"id": "warn", "date": "2024-12-01", "title": "Acme ban announced", "citation": "rule-1"}
              ],
              "products": [
                {"id": "anvil", "name": "Acme Anvil", "kind": "other",
                 "signals": [{"kind": "software", "names": ["acme-anvil"]}]}
              ],
              "profiles": [
                {"id": "acme-profile", "title": "Acme users", "phases": [
                  {"installed": "INFO", "remnant": "INFO", "message": "Fine."},
                  {"from": "warn", "installed": "DEADLINE", "remnant": "INFO", "deadline": "ban", "message": "Banned from {deadline}."},
                  {"from": "ban", "installed": "VIOLATION", "remnant": "RISK", "message": "Banned since {since}."}
                ]}
              ]
            }
            """;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("my-rules.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private void assertRejected(String json, String message) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> RuleSet.builtIn().withPackFile(file))
                .isInstanceOf(RulePackException.class)
                .hasMessage(file + ": " + message);
    }

    @Test
    void aValidUserPackAddsItsProfileAndIsEvaluated() throws IOException {
        RuleSet rules = RuleSet.builtIn().withPackFile(write(VALID));
        assertThat(rules.profiles()).contains("acme-profile", "us-federal", "us-private", "us-federal-contractor");
        List<Finding> findings = new RuleEngine(rules, Clock.systemUTC()).evaluate(
                ReportBuilder.report().software(List.of(Samples.deb("acme-anvil", "2", "Acme Corp"))).inventory(),
                List.of(), "acme-profile", LocalDate.of(2024, 12, 31));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("acme-test:anvil");
            assertThat(f.daysLeft()).isEqualTo(1);
            assertThat(f.message()).isEqualTo("Acme Anvil is installed. Banned from 2025-01-01. 1 day left.");
        });
    }

    @Test
    void aUserPackWithABuiltInIdReplacesIt() throws IOException {
        RuleSet rules = RuleSet.builtIn().withPackFile(write(VALID.replace("\"acme-test\"", "\"kaspersky-us\"")));
        assertThat(rules.profiles()).containsExactly("acme-profile");
    }

    @Test
    void reportsAMissingFile() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> RuleSet.builtIn().withPackFile(missing))
                .isInstanceOf(RulePackException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void reportsMalformedJsonWithItsPosition() throws IOException {
        assertRejected("{\n  \"id\": \"x\",\n  oops\n}", "malformed JSON at line 3, column 3: unexpected character 'o'");
    }

    /** Each malformed document and the one line it gives: where, and what in plain words, no parser internals. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"id\": \"x\", | malformed JSON at line 1, column 12: the file ends before the JSON is complete",
            "{\"a\": [1, 2} | malformed JSON at line 1, column 12: unexpected '}'",
            "{\"a\": tru} | malformed JSON at line 1, column 7: unexpected text 'tru'",
            "{\"a\": \"x\\u0009y\"} | malformed JSON at line 1, column 9: a control character inside a string (write it escaped, e.g. \\t)",
            "{\"a\": 01} | malformed JSON at line 1, column 8: an invalid number",
            "{\"a\" 1} | malformed JSON at line 1, column 6: unexpected character '1'",
            "{\"a\": \"\\q\"} | malformed JSON at line 1, column 9: an unknown escape sequence in a string",
            "DEEP | malformed JSON: nested more than 64 levels deep",
    })
    void malformedJsonIsOneLineWithPositionAndNoParserInternals(String json, String message) throws IOException {
        String doc = json.equals("DEEP") ? "[".repeat(70) : json.replace("\\u0009", "\t");
        Path file = write(doc);
        assertThatThrownBy(() -> RuleSet.builtIn().withPackFile(file))
                .isInstanceOf(RulePackException.class)
                .hasMessage(file + ": " + message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Source", "REDACTED", "code ", "StreamReadConstraints"));
    }

    @Test
    void everyRejectionIsOneLineEvenWhenTheFileAndItsValuesHoldLineBreaks() throws IOException {
        Path file = Files.writeString(dir.resolve("my\nrules\u2028.json"), VALID.replace("\"deadline\": \"ban\"",
                "\"deadline\": \"ban\\nned\\r\\u2029\u202e\""), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RuleSet.builtIn().withPackFile(file))
                .isInstanceOf(RulePackException.class)
                .hasMessage(dir + "/my\\nrules\\u2028.json: profile 'acme-profile': profiles[0].phases[1].deadline:"
                        + " unknown milestone 'ban\\nned\\r\\u2029\\u202E'");
        List<String> broken = List.of(
                VALID.replace("\"names\": [\"acme-anvil\"]", "\"pattern\": \"(a\\nb\""),
                VALID.replace("\"installed\": \"VIOLATION\"", "\"installed\": \"SEV\\nERE\""),
                VALID.replace("\"kind\": \"software\"", "\"kind\": \"soft\\r\\nware\""),
                VALID.replace("America/New_York", "Mars\\nOlympus"),
                VALID.replace("{\"id\": \"warn\"", "{\"id\": \"ban\""),
                "{\"id\": \"x\",\n\"title\": \"a\nb\"}",
                "");
        for (String json : broken) {
            Path f = write(json);
            assertThatThrownBy(() -> RuleSet.builtIn().withPackFile(f)).isInstanceOf(RulePackException.class)
                    .satisfies(e -> assertThat(e.getMessage()).as(json).doesNotContain("\n", "\r", "\u2028", "\u2029")
                            .startsWith(f + ": "));
        }
    }

    @Test
    void onlyServicesAndDriversCanRequireRunning() throws IOException {
        assertRejected(VALID.replace("\"names\": [\"acme-anvil\"]", "\"names\": [\"acme-anvil\"], \"requiresRunning\": true"),
                "product 'anvil': products[0].signals[0].requiresRunning: only services and drivers run");
    }

    @Test
    void namesTheProductAndFieldOfABadPattern() throws IOException {
        assertRejected(VALID.replace("\"names\": [\"acme-anvil\"]", "\"pattern\": \"(unclosed\""),
                "product 'anvil': products[0].signals[0].pattern: invalid regular expression '(unclosed': Unclosed group");
    }

    @Test
    void namesAnUnknownEvidenceKind() throws IOException {
        assertRejected(VALID.replace("\"kind\": \"software\"", "\"kind\": \"firmware\""),
                "product 'anvil': products[0].signals[0].kind: unknown evidence kind 'firmware'");
    }

    @Test
    void namesAnUnknownPresence() throws IOException {
        assertRejected(VALID.replace("\"names\": [\"acme-anvil\"]", "\"names\": [\"acme-anvil\"], \"presence\": \"gone\""),
                "product 'anvil': products[0].signals[0].presence: unknown presence 'gone' (expected installed or remnant)");
    }

    @Test
    void aSignalNeedsSomethingToMatch() throws IOException {
        assertRejected(VALID.replace("\"names\": [\"acme-anvil\"]", "\"sources\": [\"dpkg\"]"),
                "product 'anvil': products[0].signals[0].names: a signal needs names, prefixes or a pattern");
    }

    @Test
    void namesAnUnknownMilestoneInAProfile() throws IOException {
        assertRejected(VALID.replace("\"deadline\": \"ban\"", "\"deadline\": \"bann\""),
                "profile 'acme-profile': profiles[0].phases[1].deadline: unknown milestone 'bann'");
    }

    @Test
    void aDeadlinePhaseNeedsItsDeadline() throws IOException {
        assertRejected(VALID.replace(", \"deadline\": \"ban\"", ""),
                "profile 'acme-profile': profiles[0].phases[1].deadline: a DEADLINE phase needs the milestone it counts down to");
    }

    @Test
    void phasesMustBeInDateOrder() throws IOException {
        assertRejected(VALID.replace("\"from\": \"warn\"", "\"from\": \"TMP\"").replace("\"from\": \"ban\"", "\"from\": \"warn\"")
                        .replace("\"from\": \"TMP\"", "\"from\": \"ban\"").replace("\"deadline\": \"ban\"", "\"deadline\": \"warn\""),
                "profile 'acme-profile': profiles[0].phases[1].deadline: deadline 'warn' must come after the phase start");
    }

    @Test
    void aRemnantCannotOutrankAnInstall() throws IOException {
        assertRejected(VALID.replace("\"installed\": \"VIOLATION\", \"remnant\": \"RISK\"",
                        "\"installed\": \"RISK\", \"remnant\": \"VIOLATION\""),
                "profile 'acme-profile': profiles[0].phases[2].remnant: a remnant (VIOLATION) cannot be judged more severely than an install (RISK)");
    }

    @Test
    void namesAnUnknownLevel() throws IOException {
        assertRejected(VALID.replace("\"installed\": \"VIOLATION\"", "\"installed\": \"SEVERE\""),
                "profile 'acme-profile': profiles[0].phases[2].installed: unknown level 'SEVERE' (expected VIOLATION, DEADLINE, RISK or INFO)");
    }

    @Test
    void namesAMissingRequiredField() throws IOException {
        assertRejected(VALID.replace("\"timeZone\": \"America/New_York\",", ""), "timeZone: missing required field");
        assertRejected(VALID.replace("\"date\": \"2025-01-01\", ", ""), "milestone 'ban': milestones[0].date: missing required field");
        assertRejected(VALID.replace("\"date\": \"2025-01-01\"", "\"date\": \"01/01/2025\""),
                "milestone 'ban': milestones[0].date: expected a date such as 2024-09-29");
    }

    @Test
    void namesAnUnknownCitationAndZone() throws IOException {
        assertRejected(VALID.replace("\"citation\": \"rule-1\"}", "\"citation\": \"rule-2\"}"),
                "milestone 'ban': milestones[0].citation: unknown citation 'rule-2'");
        assertRejected(VALID.replace("America/New_York", "Mars/Olympus"), "timeZone: unknown time zone 'Mars/Olympus'");
    }

    @Test
    void namesAnUnknownOsFamily() throws IOException {
        assertRejected(VALID.replace("\"names\": [\"acme-anvil\"]}", "\"names\": [\"acme-anvil\"], \"os\": [\"win\"]}"),
                "product 'anvil': products[0].signals[0].os: unknown OS family 'win' (expected linux, macos or windows)");
    }

    @Test
    void anOsFamilyIsReadCaseFoldedAndLimitsTheSignalToThatFamily() throws IOException {
        RuleSet rules = RuleSet.builtIn().withPackFile(write(VALID.replace("\"names\": [\"acme-anvil\"]}",
                "\"names\": [\"acme-anvil\"], \"os\": [\"Windows\"]}")));
        RuleEngine engine = new RuleEngine(rules, Clock.systemUTC());
        for (OsFamily family : OsFamily.values()) {
            List<Finding> findings = engine.evaluate(ReportBuilder.report().host(Samples.host(family.id()))
                    .software(List.of(Samples.deb("acme-anvil", "2", "Acme Corp"))).inventory(),
                    List.of(), "acme-profile", LocalDate.of(2024, 12, 31));
            assertThat(findings).as(family.id()).hasSize(family == OsFamily.WINDOWS ? 1 : 0);
        }
    }

    @Test
    void rejectsDuplicateIds() throws IOException {
        assertRejected(VALID.replace("{\"id\": \"warn\"", "{\"id\": \"ban\""), "milestones[1].id: duplicate milestone id 'ban'");
    }

    @Test
    void theBuiltInPacksLoadAndCiteEveryMilestone() {
        RuleSet rules = RuleSet.builtIn();
        assertThat(rules.versions()).containsExactly("kaspersky-us 2026.11.24", "security-products 2026.11.24");
        RulePack pack = rules.packs().get(0);
        assertThat(pack.milestones().keySet()).contains("bod-17-01", "bod-17-01-removal", "ndaa-1634-enacted",
                "far-52-204-23-effective", "ndaa-1634-effective", "fcc-covered-list", "bis-final-determination",
                "bis-new-agreements-end", "bis-updates-end");
        pack.milestones().values().forEach(m -> {
            assertThat(pack.citations()).containsKey(m.citation());
            assertThat(m.sources()).as(m.id() + " sources").isNotEmpty();
        });
        assertThat(rules.pathsToProbe("linux")).contains("/opt/kaspersky/kesl", "/opt/kaspersky", "/opt/CrowdStrike")
                .noneMatch(p -> p.startsWith("C:") || p.startsWith("/Library"));
    }
}
