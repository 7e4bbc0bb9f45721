package io.banwatch.json;

import io.banwatch.model.Citation;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.FindingKind;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.model.ScanReport;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportCodecTest {
    private final ReportCodec codec = new ReportCodec();

    private static ScanReport sample() {
        Finding finding = new Finding("kaspersky-us:kesl", FindingKind.PRODUCT, Level.DEADLINE, "us-private",
                "Kaspersky", "Kaspersky Endpoint Security for Linux", Presence.INSTALLED, "bis-updates-end", null,
                LocalDate.of(2024, 9, 29), 12, "Kaspersky Endpoint Security for Linux is installed.",
                new Citation("bis-ficts-2024", "89 FR 52434", "https://www.federalregister.gov/d/2024-13532"),
                List.of(Evidence.of(EvidenceKind.SOFTWARE, "dpkg", "kesl")));
        return Samples.richReport().findings(List.of(finding)).build();
    }

    @Test
    void roundTripsEveryField() {
        ScanReport report = sample();
        assertThat(codec.read(codec.toBytes(report, false))).isEqualTo(report);
        assertThat(codec.read(codec.toJson(report, true))).isEqualTo(report);
    }

    @Test
    void keepsCyrillicTextIntact() {
        String json = codec.toJson(sample(), false);
        assertThat(json).contains("АО «Лаборатория Касперского»");
        assertThat(codec.read(json).software().get(1).publisher()).isEqualTo("АО «Лаборатория Касперского»");
    }

    @Test
    void leavesOutAbsentOptionalFields() {
        String json = codec.toJson(sample(), false);
        assertThat(json).contains("\"schemaVersion\":1").doesNotContain("null");
    }

    @Test
    void toleratesFieldsFromNewerAgents() {
        String json = codec.toJson(sample(), false)
                .replace("\"reportId\"", "\"futureField\":{\"nested\":[1,2]},\"reportId\"")
                .replace("\"name\":\"bash\"", "\"name\":\"bash\",\"signature\":\"abc\"");
        assertThat(codec.read(json)).isEqualTo(sample());
    }

    @Test
    void aSlimReportRoundTripsWithoutItsInventory() {
        ScanReport slim = sample().withoutInventory();
        String json = codec.toJson(slim, false);
        assertThat(json).contains("\"inventoryOmitted\":true", "\"software\":[]", "\"inventoryHash\":\""
                + sample().inventoryHash());
        ScanReport back = codec.read(json);
        assertThat(back).isEqualTo(slim);
        assertThat(back.withInventoryOf(sample())).isEqualTo(sample());
        assertThat(codec.toJson(sample(), false)).doesNotContain("inventoryOmitted");
    }

    @Test
    void aSlimReportMayNotCarryAnInventory() {
        String json = codec.toJson(sample(), false).replace("\"inventoryHash\"", "\"inventoryOmitted\":true,\"inventoryHash\"");
        assertThatThrownBy(() -> codec.read(json)).isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("a report whose inventory is omitted carries no software");
    }

    @Test
    void namesAMissingRequiredField() {
        String json = codec.toJson(sample(), false).replace("\"hostname\":\"ws-0042\",", "");
        assertThatThrownBy(() -> codec.read(json))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage("host.hostname: missing required field");
    }

    @Test
    void namesAMissingFieldInsideAList() {
        String json = codec.toJson(sample(), false).replace("\"source\":\"windows-uninstall\",", "");
        assertThatThrownBy(() -> codec.read(json))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage("software[1].source: missing required field");
    }

    @Test
    void rejectsAnUnknownSchemaVersion() {
        String json = codec.toJson(sample(), false).replace("\"schemaVersion\":1", "\"schemaVersion\":7");
        assertThatThrownBy(() -> codec.read(json))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage("schemaVersion: unsupported version 7 (this build reads 1)");
    }

    @Test
    void rejectsMalformedJsonWithoutAStackOfDetail() {
        assertThatThrownBy(() -> codec.read("{\"schemaVersion\":1,"))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> codec.read("[]"))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage("expected a JSON object");
        assertThatThrownBy(() -> codec.read(""))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("empty document");
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        String badDate = codec.toJson(sample(), false).replace("\"asOf\":\"2026-11-24\"", "\"asOf\":\"24/11/2026\"");
        assertThatThrownBy(() -> codec.read(badDate)).hasMessage("asOf: expected a date such as 2024-09-29");
        String badLevel = codec.toJson(sample(), false).replace("\"level\":\"DEADLINE\"", "\"level\":\"SEVERE\"");
        assertThatThrownBy(() -> codec.read(badLevel)).hasMessageContaining("findings[0].level: unknown level 'SEVERE'");
        String badKind = codec.toJson(sample(), false).replace("\"kind\":\"process\"", "\"kind\":\"rootkit\"");
        assertThatThrownBy(() -> codec.read(badKind)).hasMessageContaining("observations[1]: unknown evidence kind 'rootkit'");
    }
}
