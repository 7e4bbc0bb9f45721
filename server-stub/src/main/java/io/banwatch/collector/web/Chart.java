package io.banwatch.collector.web;

import io.banwatch.collector.api.SummaryQueries.DayCount;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG step chart of hosts with Kaspersky per day: no script, no front-end build. Each
 * day is a band with a native tooltip ({@code <title>}) giving its date and count, and a caption
 * under the chart says the latest count and the peak in words.
 */
final class Chart {
    private static final int W = 760;
    private static final int H = 220;
    private static final int PAD_LEFT = 44;
    private static final int PAD_BOTTOM = 26;
    private static final int PAD_TOP = 12;
    private static final int PAD_RIGHT = 16;

    private Chart() {
    }

    static void render(HtmlWriter html, List<DayCount> days) {
        if (days.isEmpty()) {
            return;
        }
        long max = 0;
        int peak = 0;
        for (int i = 0; i < days.size(); i++) {
            if (days.get(i).hosts() > max) {
                max = days.get(i).hosts();
                peak = i;
            }
        }
        long step = step(max);
        long top = Math.max(step, (max + step - 1) / step * step);
        double plotW = W - PAD_LEFT - PAD_RIGHT;
        double plotH = H - PAD_TOP - PAD_BOTTOM;
        double band = plotW / days.size();
        double baseline = PAD_TOP + plotH;

        html.raw("<figure class=\"chart\"><svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + W + " " + H
                + "\" aria-label=\"").text("Hosts with Kaspersky installed, last " + days.size() + " days").raw("\">");
        for (long v = 0; v <= top; v += step) {
            double y = baseline - plotH * v / top;
            html.raw("<line class=\"" + (v == 0 ? "axis" : "grid") + "\" x1=\"" + PAD_LEFT + "\" x2=\"" + (W - PAD_RIGHT)
                    + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) + "\"/>");
            html.raw("<text x=\"" + (PAD_LEFT - 8) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">").text(v)
                    .raw("</text>");
        }
        for (int i = 0; i < days.size(); i++) {
            LocalDate d = days.get(i).day();
            if (d.getDayOfMonth() == 1) {
                double x = PAD_LEFT + band * i;
                html.raw("<line class=\"tick\" x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + PAD_TOP + "\" y2=\""
                        + num(baseline + 4) + "\"/>");
                html.raw("<text x=\"" + num(x + 3) + "\" y=\"" + (H - 8) + "\">")
                        .text(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + d.getYear())
                        .raw("</text>");
            }
        }

        StringBuilder line = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            double y = baseline - plotH * days.get(i).hosts() / top;
            double x0 = PAD_LEFT + band * i;
            line.append(i == 0 ? "M" + num(x0) + "," + num(y) : " V" + num(y)).append(" H").append(num(x0 + band));
        }
        html.raw("<path class=\"area\" d=\"").text(line + " V" + num(baseline) + " H" + PAD_LEFT + " Z").raw("\"/>");
        html.raw("<path class=\"series\" d=\"").text(line.toString()).raw("\"/>");
        for (int i = 0; i < days.size(); i++) {
            DayCount d = days.get(i);
            html.raw("<rect class=\"day\" x=\"" + num(PAD_LEFT + band * i) + "\" y=\"" + PAD_TOP + "\" width=\"" + num(band)
                    + "\" height=\"" + num(plotH) + "\"><title>").text(d.day() + ": " + hosts(d.hosts()))
                    .raw("</title></rect>");
        }
        html.raw("</svg><figcaption>");
        DayCount last = days.get(days.size() - 1);
        html.text("On " + last.day() + ": " + hosts(last.hosts()) + " with Kaspersky installed");
        if (max > 0) {
            html.text("; the most in these " + days.size() + " days was " + max + ", on " + days.get(peak).day());
        }
        html.text(". Counted at the end of each day (UTC).").raw("</figcaption></figure>");
    }

    /** A grid step of 1, 2 or 5 times a power of ten that gives at most about five lines. */
    static long step(long max) {
        long step = 1;
        while (max / step > 5) {
            if (max / (step * 2) <= 5) {
                return step * 2;
            }
            if (max / (step * 5) <= 5) {
                return step * 5;
            }
            step *= 10;
        }
        return step;
    }

    private static String hosts(long n) {
        return n + (n == 1 ? " host" : " hosts");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
