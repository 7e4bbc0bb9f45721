package io.banwatch.server.web;

import io.banwatch.server.api.FleetQueries.DayCount;

import java.util.List;
import java.util.Locale;

/** An inline SVG line chart of hosts with Kaspersky per day: no script, no front-end build. */
final class Chart {
    private static final int W = 720;
    private static final int H = 200;
    private static final int PAD_LEFT = 48;
    private static final int PAD_BOTTOM = 28;
    private static final int PAD_TOP = 12;
    private static final int PAD_RIGHT = 12;

    private Chart() {
    }

    static void render(HtmlWriter html, List<DayCount> days) {
        long max = 1;
        for (DayCount d : days) {
            max = Math.max(max, d.hosts());
        }
        double plotW = W - PAD_LEFT - PAD_RIGHT;
        double plotH = H - PAD_TOP - PAD_BOTTOM;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            double x = PAD_LEFT + (days.size() == 1 ? 0 : plotW * i / (days.size() - 1));
            double y = PAD_TOP + plotH - plotH * days.get(i).hosts() / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        html.raw("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + W + " " + H + "\" aria-label=\"")
                .text("Hosts with Kaspersky installed, last " + days.size() + " days").raw("\">");
        html.raw("<line class=\"axis\" x1=\"" + PAD_LEFT + "\" y1=\"" + (H - PAD_BOTTOM) + "\" x2=\"" + (W - PAD_RIGHT)
                + "\" y2=\"" + (H - PAD_BOTTOM) + "\"/>");
        html.raw("<line class=\"axis\" x1=\"" + PAD_LEFT + "\" y1=\"" + PAD_TOP + "\" x2=\"" + PAD_LEFT + "\" y2=\""
                + (H - PAD_BOTTOM) + "\"/>");
        html.raw("<text x=\"" + (PAD_LEFT - 6) + "\" y=\"" + (PAD_TOP + 10) + "\" text-anchor=\"end\">").text(max)
                .raw("</text>");
        html.raw("<text x=\"" + (PAD_LEFT - 6) + "\" y=\"" + (H - PAD_BOTTOM) + "\" text-anchor=\"end\">0</text>");
        if (!days.isEmpty()) {
            html.raw("<text x=\"" + PAD_LEFT + "\" y=\"" + (H - 8) + "\">").text(days.get(0).day()).raw("</text>");
            html.raw("<text x=\"" + (W - PAD_RIGHT) + "\" y=\"" + (H - 8) + "\" text-anchor=\"end\">")
                    .text(days.get(days.size() - 1).day()).raw("</text>");
        }
        html.raw("<polyline class=\"series\" points=\"").text(points.toString().strip()).raw("\"/>");
        html.raw("</svg>");
    }
}
