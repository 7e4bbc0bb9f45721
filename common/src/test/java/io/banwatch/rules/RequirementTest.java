package io.banwatch.rules;

import io.banwatch.json.ReportCodec;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.FindingKind;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.model.ScanReport;
import io.banwatch.model.SecurityProduct;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pack's requirements: software whose absence is a finding (an active EDR on federal-contract
 * machines from 2027-03-01), judged on the day before and the day of its milestone.
 */
class RequirementTest {
    static final String PACK = """
            {
              "id": "acme-edr",
              "title": "ACME requires an EDR",
              "version": "1",
              "timeZone": "America/New_York",
              "vendor": {"name": "ACME IT"},
              "citations": [{"id": "policy-9", "title": "ACME IT policy 9: endpoint protection"}],
              "milestones": [{"id": "edr-required", "date": "2027-03-01", "title": "EDR required", "citation": "policy-9"}],
              "requirements": [{"id": "active-edr", "name": "an active EDR", "profiles": ["us-federal-contractor"],
                "from": "edr-required", "level": "VIOLATION",
                "message": "No active EDR was found; one is required since {since} (ACME IT policy 9).",
                "securityProductKinds": ["edr"],
                "signals": [{"kind": "service", "names": ["falcon-sensor"], "requiresRunning": true}]}]
            }
            """;

    private static final LocalDate DAY_BEFORE = LocalDate.of(2027, 2, 28);
    private static final LocalDate DAY_OF = LocalDate.of(2027, 3, 1);

    private final RuleEngine engine = new RuleEngine(RuleSet.builtIn().withPack(
            new ByteArrayInputStream(PACK.getBytes(StandardCharsets.UTF_8)), "acme-edr.json"), Clock.systemUTC());

    private List<Finding> judge(List<Evidence> observations, List<SecurityProduct> products, String profile,
                                LocalDate on) {
        Inventory inv = ReportBuilder.report().software(Samples.deb("bash", "5.2", "Debian")).observations(observations)
                .inventory();
        return engine.evaluate(inv, products, profile, on).stream().filter(f -> f.ruleId().startsWith("acme-edr:"))
                .toList();
    }

    private static Evidence falconSensor(String state) {
        return new Evidence(EvidenceKind.SERVICE, "windows-services", "falcon-sensor",
                "C:\\Program Files\\CrowdStrike\\CSFalconService.exe", state);
    }

    @Test
    void aHostWithoutTheRequiredSoftwareIsAFindingFromTheMilestoneOn() {
        assertThat(judge(List.of(), List.of(), "us-federal-contractor", DAY_BEFORE)).isEmpty();
        List<Finding> on = judge(List.of(), List.of(), "us-federal-contractor", DAY_OF);
        assertThat(on).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("acme-edr:active-edr");
            assertThat(f.kind()).isEqualTo(FindingKind.REQUIREMENT);
            assertThat(f.level()).isEqualTo(Level.VIOLATION);
            assertThat(f.presence()).isEqualTo(Presence.ABSENT);
            assertThat(f.product()).isEqualTo("an active EDR");
            assertThat(f.vendor()).isEqualTo("ACME IT");
            assertThat(f.milestone()).isEqualTo("edr-required");
            assertThat(f.since()).isEqualTo(DAY_OF);
            assertThat(f.message()).isEqualTo("No active EDR was found; one is required since 2027-03-01 (ACME IT policy 9).");
            assertThat(f.citation().title()).isEqualTo("ACME IT policy 9: endpoint protection");
            assertThat(f.evidence()).isEmpty();
        });
        assertThat(judge(List.of(), List.of(), "us-private", DAY_OF)).as("only under the profiles it names").isEmpty();
    }

    @Test
    void aRunningSignalOrAnActiveSecurityProductOfTheKindMeetsIt() {
        assertThat(judge(List.of(falconSensor("Running Auto")), List.of(), "us-federal-contractor", DAY_OF)).isEmpty();
        assertThat(judge(List.of(falconSensor("Stopped Manual")), List.of(), "us-federal-contractor", DAY_OF))
                .as("requiresRunning: a stopped sensor protects nothing").hasSize(1);
        SecurityProduct edr = new SecurityProduct("Microsoft", "Defender for Endpoint", null, "edr", true, true, null,
                List.of());
        SecurityProduct offEdr = new SecurityProduct("Microsoft", "Defender for Endpoint", null, "edr", false, true, null,
                List.of());
        SecurityProduct antivirus = new SecurityProduct("Microsoft", "Defender Antivirus", null, "antivirus", true, true,
                null, List.of());
        assertThat(judge(List.of(), List.of(edr), "us-federal-contractor", DAY_OF)).isEmpty();
        assertThat(judge(List.of(), List.of(offEdr), "us-federal-contractor", DAY_OF)).hasSize(1);
        assertThat(judge(List.of(), List.of(antivirus), "us-federal-contractor", DAY_OF)).as("not an EDR").hasSize(1);
    }

    @Test
    void aRequirementFindingRoundTripsThroughTheReportJson() {
        List<Finding> on = judge(List.of(), List.of(), "us-federal-contractor", DAY_OF);
        ScanReport report = ReportBuilder.report().findings(on).build();
        ReportCodec codec = new ReportCodec();
        ScanReport back = codec.read(codec.toBytes(report, false));
        assertThat(back.findings()).isEqualTo(on);
        assertThat(codec.toJson(report, false)).contains("\"kind\":\"requirement\"").contains("\"presence\":\"absent\"");
    }

    @Test
    void aRequirementNeedsProfilesSomethingThatMeetsItAndALevelThatIsNotADeadline() {
        assertRefused(PACK.replace("\"profiles\": [\"us-federal-contractor\"],", ""),
                "acme-edr.json: requirement 'active-edr': requirements[0].profiles: a requirement needs the profiles it"
                        + " applies to");
        assertRefused(PACK.replace("\"securityProductKinds\": [\"edr\"],", "").replace(
                        "\"signals\": [{\"kind\": \"service\", \"names\": [\"falcon-sensor\"], \"requiresRunning\": true}]",
                        "\"signals\": []"),
                "acme-edr.json: requirement 'active-edr': requirements[0].signals: a requirement needs signals or"
                        + " securityProductKinds: what satisfies it");
        assertRefused(PACK.replace("\"level\": \"VIOLATION\"", "\"level\": \"DEADLINE\""),
                "acme-edr.json: requirement 'active-edr': requirements[0].level: a requirement is VIOLATION, RISK or"
                        + " INFO from its milestone on, not a DEADLINE");
        assertRefused(PACK.replace("\"from\": \"edr-required\"", "\"from\": \"nope\""),
                "acme-edr.json: requirement 'active-edr': requirements[0].from: unknown milestone 'nope'");
    }

    private static void assertRefused(String pack, String message) {
        assertThat(pack).isNotEqualTo(PACK);
        assertThatThrownBy(() -> RuleSet.builtIn().withPack(new ByteArrayInputStream(pack.getBytes(StandardCharsets.UTF_8)),
                "acme-edr.json")).isInstanceOf(RulePackException.class).hasMessage(message);
    }
}
