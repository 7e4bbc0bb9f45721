package io.banwatch.collector.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV cells: formulas neutralised for spreadsheets, RFC 4180 quoting, harmless values untouched. */
class CsvWriterTest {
    @ParameterizedTest
    @ValueSource(strings = {"=", "+", "-", "@", "\t", "\r"})
    void aCellStartingWithAFormulaCharacterIsPrefixedWithAnApostrophe(String prefix) {
        String cell = CsvWriter.cell(prefix + "SUM(A1:A9)");
        // A CR also forces quoting; the apostrophe is then the first character inside the quotes.
        String expected = "'" + prefix + "SUM(A1:A9)";
        assertThat(cell).isIn(expected, '"' + expected + '"');
        assertThat(cell.replaceFirst("^\"", "")).startsWith("'");
    }

    @Test
    void harmlessValuesAreWrittenAsTheyAre() {
        assertThat(CsvWriter.cell("ws-a")).isEqualTo("ws-a");
        assertThat(CsvWriter.cell("a=b+c-d@e")).isEqualTo("a=b+c-d@e");
        assertThat(CsvWriter.cell("")).isEmpty();
        assertThat(CsvWriter.cell(null)).isEmpty();
        // Numbers are values, not text: a negative count is not a formula.
        assertThat(CsvWriter.cell(-3)).isEqualTo("-3");
        assertThat(CsvWriter.cell(true)).isEqualTo("true");
    }

    @Test
    void commasQuotesAndNewlinesAreQuotedWithQuotesDoubled() {
        assertThat(CsvWriter.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.cell("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(CsvWriter.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    }

    @Test
    void rowsAreCommaSeparatedAndEndInCrLf() {
        StringWriter out = new StringWriter();
        CsvWriter w = new CsvWriter(out);
        w.row(Arrays.asList("host-a", null, 2, "-x"));
        w.row(Arrays.asList("b"));
        assertThat(out.toString()).isEqualTo("host-a,,2,'-x\r\nb\r\n");
    }
}
