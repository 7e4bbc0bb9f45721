package io.banwatch.collector.web;

import io.banwatch.collector.api.SummaryQueries.DayCount;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartTest {
    @Test
    void gridStepsAreOneTwoOrFiveTimesAPowerOfTenWithAtMostAboutFiveLines() {
        assertThat(List.of(0L, 3L, 5L, 6L, 10L, 12L, 40L, 1000L).stream().map(Chart::step).toList())
                .containsExactly(1L, 1L, 1L, 2L, 2L, 5L, 10L, 200L);
    }

    @Test
    void anEmptyFleetDrawsAFlatLineAndSaysSo() {
        HtmlWriter h = new HtmlWriter();
        Chart.render(h, days(LocalDate.of(2026, 8, 26), 0, 0, 0));
        assertThat(h.toString()).contains("<path class=\"series\"", "On 2026-08-28: 0 hosts with Kaspersky installed.")
                .doesNotContain("the most in these");
    }

    @Test
    void eachDayHasATooltipAndMonthsAreMarked() {
        HtmlWriter h = new HtmlWriter();
        Chart.render(h, days(LocalDate.of(2026, 8, 30), 1, 3, 2));
        String svg = h.toString();
        assertThat(svg).contains("<title>2026-08-30: 1 host</title>", "<title>2026-09-01: 2 hosts</title>", ">Sep 2026<",
                "the most in these 3 days was 3, on 2026-08-31");
        assertThat(svg).doesNotContain("<script");
    }

    private static List<DayCount> days(LocalDate first, long... hosts) {
        List<DayCount> out = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            out.add(new DayCount(first.plusDays(i), hosts[i]));
        }
        return out;
    }
}
