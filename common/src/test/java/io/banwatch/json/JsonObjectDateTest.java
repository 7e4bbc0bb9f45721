package io.banwatch.json;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A date field reads exactly what {@link LocalDate#parse} reads, and refuses what it refuses. */
class JsonObjectDateTest {
    @Test
    void datesReadAsLocalDateParseReadsThem() {
        List<String> texts = List.of("2024-09-29", "2026-01-01", "2024-02-29", "0000-01-01", "9999-12-31", "1970-01-01",
                "2023-02-29", "2024-02-30", "2024-04-31", "2024-00-10", "2024-13-01", "2024-01-00", "2024-1-01",
                "2024-01-1", "24-01-01", "2024/01/01", "2024-01-01 ", " 2024-01-01", "2024-0a-01", "2024-01-0\u0661",
                "\u0662024-01-01", "+12024-01-01", "-2024-01-01", "+2024-01-01", "20240101", "2024-01-01T00:00", "", "x");
        for (String text : texts) {
            JsonObject o = JsonObject.of(Map.of("date", text), "milestones[0]");
            LocalDate expected;
            try {
                expected = LocalDate.parse(text);
            } catch (DateTimeException e) {
                assertThatThrownBy(() -> o.date("date")).as(text).isInstanceOf(JsonFormatException.class)
                        .hasMessage("milestones[0].date: expected a date such as 2024-09-29");
                continue;
            }
            assertThat(o.date("date")).as(text).isEqualTo(expected);
        }
    }
}
