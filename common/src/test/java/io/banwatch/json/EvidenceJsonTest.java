package io.banwatch.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one JSON form of evidence; the stored bytes are pinned because the collector's findings hash is made of them. */
class EvidenceJsonTest {
    private static final List<Evidence> EVIDENCE = List.of(
            new Evidence(EvidenceKind.SOFTWARE, "dpkg", "kesl", null, "12.1.0-1297"),
            new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service", "/lib/systemd/system/kesl.service", null),
            Evidence.of(EvidenceKind.PATH, "paths", "/opt/kaspersky/kesl \"x\" é"));

    @Test
    void theStoredFormIsCompactInFieldOrderWithAbsentFieldsLeftOut() {
        assertThat(EvidenceJson.toJson(EVIDENCE)).isEqualTo("[{\"kind\":\"software\",\"source\":\"dpkg\",\"name\":\"kesl\","
                + "\"detail\":\"12.1.0-1297\"},{\"kind\":\"systemd-unit\",\"source\":\"systemd\",\"name\":\"kesl.service\","
                + "\"location\":\"/lib/systemd/system/kesl.service\"},{\"kind\":\"path\",\"source\":\"paths\","
                + "\"name\":\"/opt/kaspersky/kesl \\\"x\\\" é\"}]");
        assertThat(EvidenceJson.toJson(List.of())).isEqualTo("[]");
    }

    @Test
    void theAlertFormWritesAbsentFieldsAsNull() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            EvidenceJson.writeArray(g, "evidence", EVIDENCE.subList(0, 1), true);
            g.writeEndObject();
        }
        assertThat(out.toString()).isEqualTo("{\"evidence\":[{\"kind\":\"software\",\"source\":\"dpkg\",\"name\":\"kesl\","
                + "\"location\":null,\"detail\":\"12.1.0-1297\"}]}");
    }

    @Test
    void whatIsWrittenReadsBack() throws IOException {
        assertThat(EvidenceJson.readValid(EvidenceJson.toJson(EVIDENCE))).isEqualTo(EVIDENCE);
    }

    @Test
    void oddItemsAreReadAsWrittenOrLeftOutOfTheValidOnes() throws IOException {
        String json = "[{\"kind\":\"gadget\",\"source\":\"x\",\"name\":\"n\"},{\"kind\":\"software\",\"source\":\"dpkg\","
                + "\"name\":\"kesl\",\"extra\":{\"a\":[1]},\"detail\":null},{\"kind\":\"software\",\"source\":\"dpkg\"}]";
        assertThat(EvidenceJson.readFields(json)).containsExactly(
                new EvidenceJson.Fields("gadget", "x", "n", null, null),
                new EvidenceJson.Fields("software", "dpkg", "kesl", null, null),
                new EvidenceJson.Fields("software", "dpkg", null, null, null));
        assertThat(EvidenceJson.readValid(json)).containsExactly(Evidence.of(EvidenceKind.SOFTWARE, "dpkg", "kesl"));
    }

    @Test
    void textThatIsNoEvidenceArrayIsAnError() {
        assertThatThrownBy(() -> EvidenceJson.readFields("{\"kind\":\"software\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EvidenceJson.readFields("[1, 2]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EvidenceJson.readFields("[{\"kind\":")).isInstanceOf(IOException.class);
    }
}
