package io.banwatch.json;

import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The software array is streamed into records; the rest of a report is read as a tree. These
 * tests hold the streamed reading to what the tree reading of the same array gives (the oracle
 * below is the reader the codec used before), values and error messages alike.
 */
class SoftwareArrayTest {
    private final ReportCodec plain = new ReportCodec();
    private final ReportCodec fleet = ReportCodec.forFleet();
    private final String sample = plain.toJson(Samples.richReport().build(), false);

    /** The report with its software array replaced by {@code array} (raw JSON). */
    private String withSoftware(String array) {
        int start = sample.indexOf("\"software\":[");
        int end = sample.indexOf("],\"securityProducts\"");
        return sample.substring(0, start) + "\"software\":" + array + sample.substring(end + 1);
    }

    /** What the tree reading makes of the same report's software: the list, or its error's message. */
    private static Object oracle(String json) {
        try {
            JsonObject root = JsonObject.of(new JsonTree().read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "");
            return root.list("software", s -> new Software(s.text("name"), s.optText("version"),
                    s.optText("publisher"), s.text("source"), s.optText("scope"), s.optText("arch"),
                    s.optText("identifier"), s.optDate("installedOn"), s.optText("location")));
        } catch (JsonFormatException e) {
            return e.getMessage();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Object streamed(ReportCodec codec, String json) {
        try {
            return codec.read(json).software();
        } catch (JsonFormatException e) {
            return e.getMessage();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]",
            "null",
            "[{\"name\":\"bash\",\"source\":\"dpkg\"}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"scope\":\"\"}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"version\":5}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"version\":1.50}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"version\":123456789012345678901234567890}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"arch\":true,\"identifier\":false}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"version\":null,\"publisher\":null}]",
            "[{\"name\":\"first\",\"name\":\"bash\",\"source\":\"dpkg\"}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"future\":{\"a\":[1,{\"b\":2}]},\"more\":[[]]}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"installedOn\":\"2024-03-05\"}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"installedOn\":\"05/03/2024\"}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"installedOn\":20240305}]",
            "[{\"source\":\"dpkg\"}]",
            "[{\"name\":\"  \",\"source\":\"dpkg\"}]",
            "[{\"name\":\"bash\"}]",
            "[{\"name\":{\"x\":1},\"source\":\"dpkg\"}]",
            "[{\"name\":\"bash\",\"source\":[\"dpkg\"]}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\",\"location\":{}}]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\"},\"bash\"]",
            "[{\"name\":\"bash\",\"source\":\"dpkg\"},[1,2],{\"name\":\"zsh\"}]",
            "[{\"name\":\"a\"},{\"source\":\"dpkg\"}]",
            "[null]",
            "\"bash\"",
            "{\"name\":\"bash\"}",
            "42"
    })
    void readsEveryArrayAsTheTreeReadingDoes(String array) {
        String json = withSoftware(array);
        Object expected = oracle(json);
        assertThat(streamed(plain, json)).isEqualTo(expected);
        assertThat(streamed(fleet, json)).isEqualTo(expected);
    }

    @Test
    void aWrongSchemaVersionOrAMissingHostStillComesFirst() {
        String badSoftware = withSoftware("[{\"name\":\"bash\"}]");
        assertThatThrownBy(() -> plain.read(badSoftware.replace("\"schemaVersion\":1", "\"schemaVersion\":7")))
                .hasMessage("schemaVersion: unsupported version 7 (this build reads 1)");
        int host = badSoftware.indexOf("\"host\":");
        int software = badSoftware.indexOf("\"software\":");
        String noHost = badSoftware.substring(0, host) + badSoftware.substring(software);
        assertThatThrownBy(() -> plain.read(noHost)).hasMessage("host: missing required field");
        assertThatThrownBy(() -> plain.read(badSoftware)).hasMessage("software[0].source: missing required field");
    }

    @Test
    void theSoftwareErrorComesBeforeOnesInLaterArrays() {
        String both = withSoftware("[{\"name\":\"bash\"}]").replace("\"vendor\":\"Microsoft\",", "");
        assertThat(oracle(both)).isEqualTo("software[0].source: missing required field");
        assertThatThrownBy(() -> plain.read(both)).hasMessage("software[0].source: missing required field");
        String onlyLater = sample.replace("\"vendor\":\"Microsoft\",", "");
        assertThatThrownBy(() -> plain.read(onlyLater)).hasMessage("securityProducts[0].vendor: missing required field");
    }

    @Test
    void malformedJsonAfterABadElementIsStillASyntaxError() {
        String json = withSoftware("[{\"name\":\"bash\"},{\"name\":\"zsh\" \"source\":\"dpkg\"}]");
        assertThatThrownBy(() -> plain.read(json)).hasMessageStartingWith("malformed JSON at line 1");
    }

    @Test
    void aFleetCodecSharesEqualTextsBetweenReports() {
        ScanReport one = fleet.read(sample);
        ScanReport two = fleet.read(sample.replace("0f8e3a52", "1f8e3a52"));
        assertThat(two.software()).isEqualTo(one.software());
        for (int i = 0; i < one.software().size(); i++) {
            assertThat(two.software().get(i).name()).isSameAs(one.software().get(i).name());
            assertThat(two.software().get(i).publisher()).isSameAs(one.software().get(i).publisher());
        }
        ScanReport three = plain.read(sample);
        assertThat(three).isEqualTo(one);
        assertThat(plain.read(sample).software().get(0).name()).isNotSameAs(three.software().get(0).name());
    }

    @Test
    void aFleetCodecReadsWhatAPlainOneWrites() {
        ScanReport report = Samples.richReport().build();
        assertThat(fleet.read(plain.toBytes(report, true))).isEqualTo(report);
        assertThat(fleet.read(new java.io.ByteArrayInputStream(plain.toBytes(report, false)))).isEqualTo(report);
    }
}
